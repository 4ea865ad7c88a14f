#!/usr/bin/env python3
"""Writes a DCAT RDF/XML catalogue of N datasets in pages of P (page-1.rdf …), made by repeating
the real records of a template (data.gouv.fr's own catalog.rdf output, flat rdflib-style
rdf:Description blocks) with new identifiers; each page links the next with hydra:next.
Usage: gen_dcat.py TEMPLATE.xml OUTDIR BASE_URL N P"""
import os
import re
import sys

template, outdir, base, total, per_page = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/"), int(sys.argv[4]), int(sys.argv[5])
text = open(template, encoding="utf-8").read()
head = text[: text.index(">", text.index("<rdf:RDF")) + 1]
blocks = re.findall(r"  <rdf:Description .*?</rdf:Description>\n", text, flags=re.S)
DATASET, DIST = "http://www.w3.org/ns/dcat#Dataset", "http://www.w3.org/ns/dcat#Distribution"
datasets = [b for b in blocks if DATASET in b]
dists = [b for b in blocks if DIST in b]
shared = [b for b in blocks if DATASET not in b and DIST not in b and "hydra" not in b]
subjects = [re.search(r'rdf:about="([^"]+)"', b).group(1) for b in datasets + dists]
copy_body = "".join(datasets + dists)
per_copy = len(datasets)
os.makedirs(outdir, exist_ok=True)
pages = (total + per_page - 1) // per_page
made = 0
for p in range(1, pages + 1):
    want = min(per_page, total - made)
    with open(os.path.join(outdir, f"page-{p}.rdf"), "w", encoding="utf-8") as out:
        out.write(head + "\n")
        out.write("".join(shared))
        copies = (want + per_copy - 1) // per_copy
        for _ in range(copies):
            k = made // per_copy
            body = copy_body
            for s in subjects:
                body = body.replace(f'"{s}"', f'"{s}-c{k}"')
            body = re.sub(r'rdf:nodeID="([^"]+)"', lambda m: f'rdf:nodeID="{m.group(1)}c{k}"', body)
            out.write(body)
            made += per_copy
        nxt = f'    <hydra:next rdf:resource="{base}/page-{p + 1}.rdf"/>\n' if p < pages else ""
        out.write(f'  <rdf:Description rdf:about="{base}/page-{p}.rdf">\n'
                  f'    <rdf:type rdf:resource="http://www.w3.org/ns/hydra/core#PartialCollectionView"/>\n{nxt}'
                  f'  </rdf:Description>\n</rdf:RDF>\n')
print(f"gen    pages={pages} datasets={made} template_datasets={per_copy} bytes={sum(os.path.getsize(os.path.join(outdir, f)) for f in os.listdir(outdir))}")
