"""Validates RDF files against the DCAT-AP 3.0.1 shapes beside this script (pyshacl, no
inference, no network). Usage: validate.py FILE… ; prints one JSON object per file:
{"file", "triples", "iri_triples", "violations", "messages"} (iri_triples: triples without
blank nodes, comparable across serialisations). Exit 0 whatever the result; 2 on a parse error."""
import json
import os
import sys

from pyshacl import validate
from rdflib import BNode, Graph, Namespace

HERE = os.path.dirname(os.path.abspath(__file__))
SH = Namespace("http://www.w3.org/ns/shacl#")
FORMATS = {".jsonld": "json-ld", ".ttl": "turtle", ".rdf": "xml", ".xml": "xml"}

shapes = Graph()
for name in ("semic--3.0.1--html--shacl--shapes.ttl", "semic--3.0.1--html--shacl--range.ttl"):
    shapes.parse(os.path.join(HERE, name), format="turtle")

for path in sys.argv[1:]:
    data = Graph()
    try:
        data.parse(path, format=FORMATS[os.path.splitext(path)[1]])
    except Exception as error:  # noqa: BLE001 - reported to the test as is
        print(json.dumps({"file": path, "error": str(error)}))
        sys.exit(2)
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    results = list(report.subjects(SH.resultSeverity, SH.Violation))
    messages = sorted({f"{report.value(r, SH.resultPath)}: {report.value(r, SH.resultMessage)} ({report.value(r, SH.focusNode)})"
                       for r in results})
    iri = sum(1 for s, p, o in data if not isinstance(s, BNode) and not isinstance(o, BNode))
    print(json.dumps({"file": path, "triples": len(data), "iri_triples": iri, "violations": len(results),
                      "messages": messages[:10]}))
