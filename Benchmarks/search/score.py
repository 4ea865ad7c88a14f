#!/usr/bin/env python3
"""MRR@10, Recall@10, nDCG@10 of a TREC run against TREC qrels; or latency percentiles; or two
runs of the same queries compared (MRR@10 per fold, queries up and down, and a paired
randomization test: how likely a difference this large is when the two runs are equally good).
  score.py quality QRELS RUN
  score.py latency LATENCY.tsv
  score.py compare QRELS QUERIES.tsv RUN_A RUN_B   (folds: query i of QUERIES.tsv in fold i mod 5)"""
import math, random, sys
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


def reciprocal_ranks(qrels_path, queries_path, run_path):
    """Per judged query, in the order of QUERIES.tsv, its reciprocal rank (@10) in the run."""
    rel = defaultdict(set)
    for line in open(qrels_path):
        q, _, d, g = line.split()
        if int(g) > 0:
            rel[q].add(d)
    run = defaultdict(list)
    for line in open(run_path):
        q, _, d, rank, *_ = line.split()
        run[q].append((int(rank), d))
    queries = [l.split("\t", 1)[0] for l in open(queries_path) if l.split("\t", 1)[0] in rel]
    out = []
    for q in queries:
        ranked = [d for _, d in sorted(run.get(q, []))][:10]
        out.append(next((1 / (i + 1) for i, d in enumerate(ranked) if d in rel[q]), 0.0))
    return out


def compare(qrels_path, queries_path, run_a, run_b, folds=5, rounds=20000):
    a = reciprocal_ranks(qrels_path, queries_path, run_a)
    b = reciprocal_ranks(qrels_path, queries_path, run_b)
    n = len(a)
    per_fold = []
    for f in range(folds):
        idx = [i for i in range(n) if i % folds == f]
        per_fold.append(f"{sum(a[i] for i in idx) / len(idx):.3f} → {sum(b[i] for i in idx) / len(idx):.3f}")
    diffs = [y - x for x, y in zip(a, b)]
    observed = abs(sum(diffs))
    # Paired randomization (sign-flip) test, seeded: each query's two figures swapped at random.
    rng = random.Random(16)
    nonzero = [d for d in diffs if d != 0]
    extreme = sum(1 for _ in range(rounds) if abs(sum(d if rng.random() < 0.5 else -d for d in nonzero)) >= observed - 1e-12)
    p = (extreme + 1) / (rounds + 1)
    pvalue = "< 0.001" if p < 0.001 else f"= {p:.3f}"
    print(f"MRR@10 {sum(a) / n:.3f} → {sum(b) / n:.3f} ({n} queries; up {sum(d > 0 for d in diffs)}, "
          f"down {sum(d < 0 for d in diffs)}); folds: {', '.join(per_fold)}; "
          f"two-sided p {pvalue}")


if __name__ == "__main__":
    if sys.argv[1] == "quality":
        quality(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "compare":
        compare(*sys.argv[2:6])
    else:
        latency(sys.argv[2])
