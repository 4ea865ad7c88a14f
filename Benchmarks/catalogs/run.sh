#!/usr/bin/env bash
# Catalogue-portal benchmarks (release build, not a test), figures side by side from one run:
#   1. DCAT RDF/XML: N datasets (data.gouv.fr's own catalog.rdf records repeated with new
#      identifiers) served on loopback (python -m http.server) in hydra pages of P; ogp (fetch to
#      disk + streamed decode into records) vs rdflib parsing the same pages (udata's DCAT
#      harvester uses rdflib): datasets/s and peak RSS.
#   2. CKAN: a package_search of N packages (DataSud's captured packages repeated) on loopback,
#      harvested by a `ckan` source into a fresh catalogue: datasets/s end to end.
#   3. origins: rows of data.gouv.fr's catalogue export whose origin ogp can match.
# Skips a step cleanly when its corpus or rdflib is absent.
# Env: OGP_SHARED (default ../shared), SKIP_BUILD=1, DATASETS (100000), PAGE (1000), STEPS ("dcat ckan origins").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/Benchmarks/catalogs"
SHARED=${OGP_SHARED:-$ROOT/../shared}
PYTHON=${PYTHON:-python3}
DATASETS=${DATASETS:-100000}
PAGE=${PAGE:-1000}
STEPS=${STEPS:-"dcat ckan origins"}
cd "$ROOT"
[ "${SKIP_BUILD:-}" = 1 ] || swift build -c release --product ogp-bench-catalogs >/dev/null
BENCH="$ROOT/.build/release/ogp-bench-catalogs"
WORK=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT

dcat() {
    local template="$SHARED/corpus/dcat-udata-fixtures/udata--udata.xml"
    [ -f "$template" ] || { echo "== dcat: skipped ($template missing)"; return; }
    local port=$((20000 + RANDOM % 20000))
    "$PYTHON" "$HERE/gen_dcat.py" "$template" "$WORK/pages" "http://127.0.0.1:$port" "$DATASETS" "$PAGE"
    "$PYTHON" -m http.server "$port" --bind 127.0.0.1 --directory "$WORK/pages" >/dev/null 2>&1 &
    SERVER=$!
    sleep 1
    echo "== dcat: $DATASETS datasets in pages of $PAGE on 127.0.0.1:$port"
    "$BENCH" dcat --url "http://127.0.0.1:$port/page-1.rdf"
    if "$PYTHON" -c "import rdflib" 2>/dev/null; then
        "$PYTHON" "$HERE/bench_rdflib.py" "http://127.0.0.1:$port/page-1.rdf"
    else
        echo "rdflib: skipped (pip install rdflib)"
    fi
    kill "$SERVER" 2>/dev/null || true
    rm -rf "$WORK/pages"
}

ckan() {
    echo "== ckan: $DATASETS packages in pages of $PAGE into a fresh catalogue"
    "$BENCH" ckan --datasets "$DATASETS" --page "$PAGE" --template "$ROOT/Tests/OGPHarvestTests/Fixtures/catalogs/ckan-datasud-package_search.json"
}

origins() {
    local archive="$SHARED/corpus/datagouv-catalogue-export/export-dataset-20260116-055249--282-chunks.tar.gz"
    [ -f "$archive" ] || { echo "== origins: skipped ($archive missing)"; return; }
    "$PYTHON" "$ROOT/Benchmarks/datasets/rebuild_export.py" "$archive" "$WORK/export.csv" >/dev/null
    echo "== origins: data.gouv.fr export rows whose origin ogp can match"
    "$BENCH" origins "$WORK/export.csv"
}

for step in $STEPS; do "$step"; done
