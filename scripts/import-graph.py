#!/usr/bin/env python3
"""Prints the modules' import graph as the README's architecture block: each module of
Sources/ with the project modules (and C shims) its files import. A test compares the README
with the code (ArchitectureTests)."""
import os, re
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Sources')
modules = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
imp = re.compile(r'^\s*(?:@_\w+\s+|@testable\s+)?import\s+(?:struct\s+|class\s+|enum\s+|func\s+)?(\w+)', re.M)
for m in modules:
    found = set()
    for dirpath, _, files in os.walk(os.path.join(root, m)):
        for f in files:
            if f.endswith(('.swift', '.h', '.modulemap')) and f.endswith('.swift'):
                found |= set(imp.findall(open(os.path.join(dirpath, f), encoding='utf-8').read()))
    deps = sorted(x for x in found if x in modules and x != m)
    print(f'{m:16} → {", ".join(deps) if deps else "(none)"}')
