#!/usr/bin/env bash
# Suggested datasets against the judged sets (Tests/OGPCatalogTests/Fixtures/suggestions/):
# harvests the demo (and, with BIG=1, the demo with data.gouv.fr's full catalogue export in place
# of its slice, from ../shared; skipped cleanly when absent), then prints the first method's and
# the current method's precision and recall on the tune and test halves, and the grid of methods
# ranked on the tune half. Release build. Env: OGP_SHARED, BIG=1, KEEP_DIR=1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${OGP_SHARED:-$ROOT/../shared}
JUDGED="$ROOT/Tests/OGPCatalogTests/Fixtures/suggestions/demo-judged.tsv"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ogp-bench-suggestions.XXXXXX")
[ "${KEEP_DIR:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
swift build -c release --product ogp 2>&1 | tail -1
swift build -c release --product ogp-bench-suggestions 2>&1 | tail -1
BIN=$(swift build -c release --show-bin-path)
echo "== demo catalogue"
"$BIN/ogp" harvest --config config/demo.yml --data-dir "$WORK/demo" --quiet || true
"$BIN/ogp-bench-suggestions" eval "$WORK/demo" "$JUDGED" --list
[ "${BIG:-0}" = 1 ] || exit 0
ARCHIVE="$SHARED/corpus/datagouv-catalogue-export/export-dataset-20260116-055249--282-chunks.tar.gz"
if [ ! -f "$ARCHIVE" ]; then echo "skip: $ARCHIVE not found (set OGP_SHARED)"; exit 0; fi
echo "== demo with the full catalogue export (121,074 datasets)"
python3 "$ROOT/Benchmarks/datasets/rebuild_export.py" "$ARCHIVE" "$WORK/export.csv"
sed -e "s#file:demo/#file:$ROOT/config/demo/#; s#^plans: plans.yml#plans: $ROOT/config/plans.yml#" \
    -e "s#url: file:$ROOT/config/demo/datagouv-export/export-dataset-20260116-slice.csv#url: file:$WORK/export.csv\n    max_body_size: 1073741824#" \
    config/demo.yml > "$WORK/big.yml"
"$BIN/ogp" harvest --config "$WORK/big.yml" --data-dir "$WORK/big" --quiet || true
"$BIN/ogp-bench-suggestions" eval "$WORK/big" "${JUDGED%/*}/export-judged.tsv" --list --variants --no-grid
