#!/usr/bin/env python3
"""A third judged set, of another kind than SPF and the known-item set: questions paraphrased
from data.gouv.fr datasets, the way the issue's FAQ set paraphrases its questions.

  make_paraphrases.py DATAGOUV.jsonl OUT_DIR
      -> OUT_DIR/para-queries.tsv, para-qrels.txt (all), and the two halves:
         para-dev-*.tsv/txt (rows 0, 2, 4…: may be looked at when diagnosing, e.g. synonyms)
         para-test-*.tsv/txt (rows 1, 3, 5…: only ever measured, never looked into)

paraphrases.tsv holds the questions: 140 datasets drawn at random (seed 7001) among those with a
unique title (folded), 3+ title words, a description of 200+ characters and not in the
known-item set; each question was written by hand from the dataset's title and description,
before any measurement, in the words a citizen would use rather than the title's (synonyms,
another form of the word, a question or a need instead of a name: « où recharger sa voiture
électrique à l'hôtel Kyriad de Vichy » for « Borne de recharge pour véhicule électrique - Hôtel
KYRIAD 03200 VICHY »). Two candidates that have a near-copy in the catalogue ("– copy",
"Test ODS") were left out. One relevant dataset per question. The set is not edited after
measuring; the ranking is never tuned on it.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    src, out = sys.argv[1], sys.argv[2]
    ids = set()
    for line in open(src, encoding="utf-8"):
        ids.add(str(json.loads(line)["id"]))
    rows = []
    for line in open(os.path.join(HERE, "paraphrases.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        did, question, _title = line.rstrip("\n").split("\t")
        if did not in ids:
            sys.exit(f"paraphrases.tsv: dataset {did} is not in {src}")
        rows.append((did, question))
    os.makedirs(out, exist_ok=True)
    parts = {"para": range(len(rows)), "para-dev": range(0, len(rows), 2), "para-test": range(1, len(rows), 2)}
    for name, idx in parts.items():
        with open(os.path.join(out, f"{name}-queries.tsv"), "w", encoding="utf-8") as q, \
                open(os.path.join(out, f"{name}-qrels.txt"), "w", encoding="utf-8") as r:
            for i in idx:
                did, question = rows[i]
                q.write(f"p{i:03d}\t{question}\n")
                r.write(f"p{i:03d} 0 {did} 1\n")
    print(f"{len(rows)} paraphrased questions")


if __name__ == "__main__":
    main()
