#!/usr/bin/env python3
"""Rebuilds the data.gouv.fr catalogue export (see its SOURCES.md) and writes
OUT/datagouv.jsonl ({id, title, body=description}) and OUT/datagouv-queries.tsv
(500 deterministic queries of 2-3 title words). Usage: prepare_datagouv.py SRC_DIR OUT_DIR"""
import csv, io, json, os, random, re, sys, tarfile

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
jsonl = os.path.join(out, "datagouv.jsonl")
queries = os.path.join(out, "datagouv-queries.tsv")
if os.path.exists(jsonl) and os.path.exists(queries):
    print(f"{jsonl} exists"); sys.exit(0)

chunks = {}
with tarfile.open(os.path.join(src, "export-dataset-20260116-055249--282-chunks.tar.gz")) as tar:
    for m in tar.getmembers():
        mm = re.search(r"-(\d+) -by MaxAI\.csv$", m.name)
        if mm and m.isfile():
            chunks[int(mm.group(1))] = tar.extractfile(m).read()
assert len(chunks) == 282, len(chunks)
parts = [chunks[1]]
for n in range(2, 283):
    data = chunks[n]
    parts.append(b"\n" + data[data.index(b"\n") + 1:])
raw = b"".join(parts)
csv.field_size_limit(1 << 30)
reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), delimiter=";", quotechar='"')
header = next(reader)
iid, it, idesc = header.index("id"), header.index("title"), header.index("description")
n = 0
text_bytes = 0
titles = []
with open(jsonl, "w", encoding="utf-8") as f:
    for row in reader:
        if len(row) != len(header):
            continue
        title, body = row[it], row[idesc]
        text_bytes += len(title.encode()) + len(body.encode())
        f.write(json.dumps({"id": row[iid], "title": title, "body": body}, ensure_ascii=False) + "\n")
        titles.append(title)
        n += 1
print(f"{n} datasets, {text_bytes} bytes of title+description text")

stop = set(open(os.path.join(src, "..", "snowball-french", "stop.txt"), encoding="utf-8").read().split())
rng = random.Random(20261122)
qs = []
while len(qs) < 500:
    words = [w for w in re.findall(r"\w+", rng.choice(titles).lower()) if len(w) >= 4 and not w.isdigit() and w not in stop]
    if len(words) < 2:
        continue
    k = min(len(words), rng.choice([2, 3]))
    start = rng.randrange(len(words) - k + 1)
    qs.append(" ".join(words[start:start + k]))
with open(queries, "w", encoding="utf-8") as f:
    for i, q in enumerate(qs):
        f.write(f"q{i:03d}\t{q}\n")
