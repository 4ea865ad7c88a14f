#!/usr/bin/env python3
"""A third judged set: known-item queries drawn the way people look at datasets, not uniformly.

  make_viewed_items.py DATAGOUV.jsonl EXPORT.csv OUT_DIR  -> OUT_DIR/viewed-queries.tsv, viewed-qrels.txt

make_known_items.py draws its 500 targets uniformly from the export, so 96 % of them are datasets
nobody follows or reuses; people, though, mostly look for the datasets many others look at. This
set draws 300 targets with probability proportional to their page views on data.gouv.fr (the
export's `metric.views`; seeded, without replacement) from the same pool (unique titles, three
content words, a description) and rewords each title exactly as make_known_items.py does. The
popularity prior of ogp's ranking reads followers and reuses, not views, so the set is not
drawn on the feature it measures.
"""
import csv, json, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_known_items import content, fold, write_set  # noqa: E402

SEED = 20261201
COUNT = 300


def main():
    src, export, out = sys.argv[1], sys.argv[2], sys.argv[3]
    csv.field_size_limit(1 << 30)
    views = {}
    with open(export, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            try:
                views[row["id"]] = max(0.0, float(row.get("metric.views") or 0))
            except ValueError:
                views[row["id"]] = 0.0
    docs = [json.loads(l) for l in open(src, encoding="utf-8")]
    seen = {}
    for d in docs:
        seen[fold(d["title"])] = seen.get(fold(d["title"]), 0) + 1
    pool = [d for d in docs if seen[fold(d["title"])] == 1 and len(d.get("body") or "") >= 100
            and len(content(re.findall(r"[\w'’-]+", d["title"]))) >= 3 and views.get(d["id"], 0) > 0]
    pool.sort(key=lambda d: d["id"])
    rng = random.Random(SEED)
    # Weighted sampling without replacement (Efraimidis–Spirakis keys).
    keyed = sorted(pool, key=lambda d: -(rng.random() ** (1.0 / views[d["id"]])))
    picked = keyed[:COUNT]
    write_set(picked, rng, out, "viewed", "v")
    print(f"{COUNT} viewed known-item queries from {len(pool)} unique titles")


if __name__ == "__main__":
    main()
