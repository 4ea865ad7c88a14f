#!/usr/bin/env bash
# Ingest benchmark (issue 5; release build, not a test): data.gouv.fr's full catalogue export
# (121,074 rows, 224 MB, rebuilt from ../shared) harvested by `ogp harvest` (udata-csv source,
# file: URL, the same fetch → parse → store path as any source) into a fresh SQLite catalogue,
# then a second run over the unchanged file, and in the same run the plain Python baseline
# (csv + sqlite3 in one transaction, Benchmarks/datasets/baseline.py).
# Prints rows/s, seconds, peak memory (max RSS) and database size side by side.
# Skips cleanly when the shared corpus is absent. Env: OGP_SHARED, SKIP_BUILD=1, KEEP_DIR=1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${OGP_SHARED:-$ROOT/../shared}
ARCHIVE="$SHARED/corpus/datagouv-catalogue-export/export-dataset-20260116-055249--282-chunks.tar.gz"
PYTHON=${PYTHON:-python3}

if [ ! -f "$ARCHIVE" ]; then
    echo "skip: $ARCHIVE not found (set OGP_SHARED)"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "skip: /usr/bin/time not found (apt-get install time)"
    exit 0
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ogp-bench-ingest.XXXXXX")
[ "${KEEP_DIR:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
CSV="$WORK/export-dataset-20260116-055249.csv"
echo "== rebuilding the export into $WORK"
"$PYTHON" "$ROOT/Benchmarks/datasets/rebuild_export.py" "$ARCHIVE" "$CSV"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== swift build -c release --product ogp"
    (cd "$ROOT" && swift build -c release --product ogp 2>&1 | tail -1)
fi
OGP="$(cd "$ROOT" && swift build -c release --show-bin-path)/ogp"

cat > "$WORK/ingest.yml" <<YAML
sources:
  - name: datagouv-export
    kind: udata-csv
    url: file://$CSV
    max_body_size: 1073741824
YAML

measure() { # label, command…
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2>&1 || true
    read -r secs kb < "$WORK/time.txt"
    echo "$label seconds=$secs max_rss_mb=$((kb / 1024))"
}

echo "== ogp harvest (first run: fresh catalogue, without the search index)"
measure "ogp-first" "$OGP" harvest --config "$WORK/ingest.yml" --data-dir "$WORK/data" --no-index --quiet --report "$WORK/r1.json"
"$PYTHON" - "$WORK/r1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["sources"][0]
print(f"ogp-first items={s['items']} status={s['status']} source_seconds={s['seconds']:.2f} rows_per_s={sum(s['items'].values())/s['seconds']:.0f}")
PY
ls -l "$WORK/data/catalog.sqlite" | awk '{print "ogp db_bytes=" $5}'
echo "== ogp harvest (second run, unchanged file)"
measure "ogp-second" "$OGP" harvest --config "$WORK/ingest.yml" --data-dir "$WORK/data" --no-index --quiet --report "$WORK/r2.json"
"$PYTHON" -c "import json,sys; s=json.load(open(sys.argv[1]))['sources'][0]; print('ogp-second items=', s['items'])" "$WORK/r2.json"
echo "== ogp index (the 121,074 datasets into the search index)"
measure "ogp-index" "$OGP" index --rebuild --data-dir "$WORK/data"
echo "== python baseline: csv + sqlite3 (one transaction)"
/usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$PYTHON" "$ROOT/Benchmarks/datasets/baseline.py" "$CSV" "$WORK/baseline.sqlite"
read -r secs kb < "$WORK/time.txt"
echo "python seconds=$secs max_rss_mb=$((kb / 1024))"
ls -l "$WORK/baseline.sqlite" | awk '{print "python db_bytes=" $5}'
