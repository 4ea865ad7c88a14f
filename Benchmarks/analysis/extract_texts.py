#!/usr/bin/env python3
"""Reads the rebuilt data.gouv.fr export (CSV, `;`, RFC 4180) and writes each dataset's
title + "\n" + description, records separated by NUL bytes, for ogp-bench-analysis."""
import csv
import sys

csv.field_size_limit(sys.maxsize)
src, dst = sys.argv[1], sys.argv[2]
records = 0
with open(src, newline="", encoding="utf-8") as f, open(dst, "wb") as out:
    reader = csv.reader(f, delimiter=";", quotechar='"')
    header = next(reader)
    title, description = header.index("title"), header.index("description")
    for row in reader:
        if len(row) != len(header):
            sys.exit(f"record {records + 1}: {len(row)} fields, expected {len(header)}")
        out.write((row[title] + "\n" + row[description]).encode("utf-8") + b"\0")
        records += 1
print(f"{records} records", file=sys.stderr)
