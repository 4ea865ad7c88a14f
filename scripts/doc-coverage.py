#!/usr/bin/env python3
"""Share of public declarations with a `///` doc comment, per module (issue 10: API docs)."""
import os, re, sys
root = os.path.join(os.path.dirname(__file__), '..', 'Sources')
decl = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*public\s+(?:static\s+|final\s+|convenience\s+|mutating\s+|nonisolated\s+)*(func|var|let|init|struct|enum|class|protocol|subscript|typealias|case|actor)\b')
modules = sys.argv[1:] or sorted(os.listdir(root))
for module in modules:
    path = os.path.join(root, module)
    if not os.path.isdir(path): continue
    total = documented = 0
    missing = []
    for dirpath, _, files in os.walk(path):
        for f in files:
            if not f.endswith('.swift'): continue
            lines = open(os.path.join(dirpath, f), encoding='utf-8').read().split('\n')
            for i, line in enumerate(lines):
                if decl.match(line):
                    total += 1
                    j = i - 1
                    while j >= 0 and (lines[j].strip().startswith('@') or lines[j].strip() == ''):
                        if lines[j].strip() == '': break
                        j -= 1
                    if j >= 0 and lines[j].strip().startswith('///'):
                        documented += 1
                    else:
                        missing.append(f'{os.path.relpath(os.path.join(dirpath, f), root)}:{i + 1}: {line.strip()[:90]}')
    if total:
        print(f'{module:16} {documented:4}/{total:<4} {100 * documented // total:3d} %')
        if os.environ.get('VERBOSE'): print('\n'.join('    ' + m for m in missing))
