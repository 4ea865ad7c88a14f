#!/usr/bin/env python3
"""A second figure for the known-item set, never the headline: MRR@10 counting as a hit any
dataset the query cannot tell apart from the judged one.

  siblings.py DATAGOUV.jsonl QUERIES.tsv QRELS RUN      -> "MRR@10 x (n queries have such siblings)"
  siblings.py DATAGOUV.jsonl QUERIES.tsv QRELS --count  -> how many judged answers have siblings

The judged titles are unique (make_known_items.py), so no sibling has the same title; but the
export holds series of datasets whose titles differ by one word (« … NO2 en 2021 - Colmar » and
« … en 2022 - Colmar », « Somme - Pression d'inventaire … » and « Aisne - … »). When the
rewording dropped that word, the query fits both equally and the judged answer is a coin toss.
A result counts here when its title, compared with the judged title word by word (case, accents
and punctuation folded, a final s or x dropped), holds the same query words and as many words in
all: the titles differ only in words the query does not contain.
"""
import json, re, sys, unicodedata
from collections import Counter, defaultdict


def words(s):
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    out = []
    for w in re.findall(r"[a-z0-9]+", s):
        if len(w) > 3 and w[-1] in "sx":
            w = w[:-1]
        out.append(w)
    return out


def equivalent(t, j, query):
    """Whether word lists `t` and `j` hold the same words of `query` and as many words."""
    return len(t) == len(j) and {w for w in t if w in query} == {w for w in j if w in query}


def main():
    titles = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(line)
        titles[d["id"]] = words(d["title"])
    queries = dict(l.rstrip("\n").split("\t", 1) for l in open(sys.argv[2], encoding="utf-8") if "\t" in l)
    judged = {}
    for line in open(sys.argv[3]):
        q, _, d, g = line.split()
        if int(g) > 0:
            judged[q] = d
    by_len = defaultdict(list)
    for i, t in titles.items():
        by_len[len(t)].append(i)
    if sys.argv[4] == "--count":
        n = 0
        for q, j in judged.items():
            qw = set(words(queries[q]))
            n += any(i != j and equivalent(titles[i], titles[j], qw) for i in by_len[len(titles[j])])
        print(f"{n} of {len(judged)} judged answers have a sibling the query cannot tell apart")
        return
    run = defaultdict(list)
    for line in open(sys.argv[4]):
        q, _, d, rank, _, _ = line.split()
        run[q].append((int(rank), d))
    mrr = 0.0
    for q, j in judged.items():
        qw = set(words(queries[q]))
        ranked = [d for _, d in sorted(run.get(q, []))][:10]
        mrr += next((1 / (i + 1) for i, d in enumerate(ranked)
                     if d == j or (d in titles and equivalent(titles[d], titles[j], qw))), 0.0)
    print(f"MRR@10 {mrr / len(judged):.3f}")


if __name__ == "__main__":
    main()
