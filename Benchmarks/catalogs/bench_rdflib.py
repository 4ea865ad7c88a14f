#!/usr/bin/env python3
"""The reference: udata's DCAT harvester parses with rdflib. Fetches the same hydra pages and
parses each with rdflib (RDF/XML), reading every dataset's title, modified date and
distributions' URLs as a harvester would; prints datasets/s and peak RSS.
Usage: bench_rdflib.py FIRST_URL"""
import resource
import sys
import time
import urllib.request

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

DCAT = Namespace("http://www.w3.org/ns/dcat#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
url, seen = sys.argv[1], set()
pages = datasets = distributions = 0
start = time.perf_counter()
while url and url not in seen:
    seen.add(url)
    data = urllib.request.urlopen(url).read()
    g = Graph()
    g.parse(data=data, format="xml", publicID=url)
    pages += 1
    for s in g.subjects(RDF.type, DCAT.Dataset):
        datasets += 1
        _ = (g.value(s, DCTERMS.title), g.value(s, DCTERMS.modified))
        for d in g.objects(s, DCAT.distribution):
            distributions += 1
            _ = g.value(d, DCAT.downloadURL) or g.value(d, DCAT.accessURL)
    nxt = next(iter(g.objects(None, HYDRA.next)), None)
    url = str(nxt) if nxt is not None else None
    del g, data
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"rdflib pages={pages} datasets={datasets} distributions={distributions} seconds={seconds:.2f} "
      f"datasets_per_s={datasets / seconds:.0f} max_rss_mb={rss:.1f}")
