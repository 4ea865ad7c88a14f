#!/usr/bin/env python3
"""MRR@10, Recall@10, nDCG@10 of a TREC run against TREC qrels; or latency percentiles.
  score.py quality QRELS RUN
  score.py latency LATENCY.tsv"""
import math, sys
from collections import defaultdict


def quality(qrels_path, run_path):
    rel = defaultdict(dict)
    for line in open(qrels_path):
        q, _, d, g = line.split()
        if int(g) > 0:
            rel[q][d] = int(g)
    run = defaultdict(list)
    for line in open(run_path):
        q, _, d, rank, score, _ = line.split()
        run[q].append((int(rank), d))
    mrr = rec = ndcg = 0.0
    for q, docs in rel.items():
        ranked = [d for _, d in sorted(run.get(q, []))][:10]
        rr = next((1 / (i + 1) for i, d in enumerate(ranked) if d in docs), 0.0)
        mrr += rr
        rec += len([d for d in ranked if d in docs]) / len(docs)
        dcg = sum(docs.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked))
        ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(docs.values(), reverse=True)[:10]))
        ndcg += dcg / ideal if ideal else 0
    n = len(rel)
    print(f"MRR@10 {mrr / n:.3f}  Recall@10 {rec / n:.3f}  nDCG@10 {ndcg / n:.3f}  ({n} queries)")


def latency(path):
    us = sorted(int(l.split("\t")[1]) for l in open(path) if "\t" in l)
    pct = lambda p: us[min(len(us) - 1, int(math.ceil(p / 100 * len(us))) - 1)] / 1000
    print(f"p50 {pct(50):.3f} ms  p95 {pct(95):.3f} ms  p99 {pct(99):.3f} ms  "
          f"qps {len(us) / (sum(us) / 1e6):.0f} (one thread, {len(us)} queries)")


if __name__ == "__main__":
    quality(sys.argv[2], sys.argv[3]) if sys.argv[1] == "quality" else latency(sys.argv[2])
