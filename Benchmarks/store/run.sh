#!/usr/bin/env bash
# Store benchmark (issue 17; release build, not a test): the catalogue in SQLite vs PostgreSQL.
#   1. data.gouv.fr's full catalogue export (121,074 rows, 224 MB, rebuilt from ../shared)
#      harvested by `ogp harvest` (udata-csv, file: URL) into a fresh SQLite catalogue and into
#      a fresh PostgreSQL database: seconds, ogp's peak memory (max RSS), database size;
#   2. `ogp index --rebuild` from each store: seconds, peak memory;
#   3. 200 text sources on a loopback HTTP server (each answer delayed, as a remote portal's
#      would be) harvested by one worker, then by two workers sharing the run: the speed-up.
# PostgreSQL is a throw-away cluster started by scripts/pg-test-cluster.sh (installed from Debian
# when missing; fsync off, as for the tests: the figures are ogp's cost, not the disk's).
# Skips cleanly when the shared corpus is absent. Env: OGP_SHARED, SKIP_BUILD=1, KEEP_DIR=1,
# SOURCES=200, DELAY=0.2 (seconds per answer), SKIP_EXPORT=1 (only the workers part),
# SKIP_INDEX=1 (no index rebuilds), SKIP_WORKERS=1 (no workers part).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${OGP_SHARED:-$ROOT/../shared}
ARCHIVE="$SHARED/corpus/datagouv-catalogue-export/export-dataset-20260116-055249--282-chunks.tar.gz"
PYTHON=${PYTHON:-python3}

if [ -z "${OGP_TEST_POSTGRES_URL:-}" ]; then
    # Re-run this script beside a throw-away cluster.
    exec "$ROOT/scripts/pg-test-cluster.sh" run -- "$0" "$@"
fi
if [ ! -x /usr/bin/time ]; then
    echo "skip: /usr/bin/time not found (apt-get install time)"
    exit 0
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ogp-bench-store.XXXXXX")
chmod 755 "$WORK"
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
    [ "${KEEP_DIR:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== swift build -c release --product ogp"
    (cd "$ROOT" && swift build -c release --product ogp 2>&1 | tail -1)
fi
OGP=${OGP:-"$(cd "$ROOT" && swift build -c release --show-bin-path)/ogp"}

# newdb NAME: a fresh database on the cluster; prints its URL.
newdb() {
    psql "$OGP_TEST_POSTGRES_URL" -qAtc "CREATE DATABASE $1" >/dev/null
    echo "$OGP_TEST_POSTGRES_URL" | sed "s|:///postgres?|:///$1?|"
}
measure() { # label, command…
    local label=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; }
    read -r secs kb user sys < "$WORK/time.txt"
    # CPU seconds (user + system) beside the wall time: on a loaded machine the wall time
    # measures the load as much as ogp.
    echo "$label seconds=$secs cpu_seconds=$(echo "$user + $sys" | bc) max_rss_mb=$((kb / 1024))"
}
pgsize() { psql "$1" -qAtc "SELECT pg_database_size(current_database())"; }
# servercpu URL: CPU seconds the PostgreSQL server has used so far: the postmaster and the
# children it reaped (ogp's backends, once disconnected) plus its live children. ogp's own CPU
# leaves this out; SQLite does all its work inside ogp.
servercpu() {
    local postmaster ticks
    postmaster=$(head -1 "$(psql "$1" -qAtc "SHOW data_directory")/postmaster.pid" 2>/dev/null) || { echo 0; return; }
    ticks=$(getconf CLK_TCK)
    { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
      for f in /proc/[0-9]*/stat; do
          awk -v p="$postmaster" '$4 == p { print $14 + $15 }' "$f" 2>/dev/null
      done; } | awk -v t="$ticks" '{ s += $1 } END { printf "%.2f", s / t }'
}

if [ "${SKIP_EXPORT:-0}" != 1 ]; then
    if [ ! -f "$ARCHIVE" ]; then
        echo "skip: $ARCHIVE not found (set OGP_SHARED)"
    else
        CSV="$WORK/export-dataset-20260116-055249.csv"
        echo "== rebuilding the export into $WORK"
        "$PYTHON" "$ROOT/Benchmarks/datasets/rebuild_export.py" "$ARCHIVE" "$CSV"
        cat > "$WORK/ingest.yml" <<YAML
sources:
  - name: datagouv-export
    kind: udata-csv
    url: file://$CSV
    max_body_size: 1073741824
YAML
        PG=$(newdb ogp_bench_export)
        echo "== ogp harvest of the export (121,074 rows), without the index"
        measure "sqlite-harvest" "$OGP" harvest --config "$WORK/ingest.yml" --data-dir "$WORK/sqlite" --no-index --quiet
        echo "sqlite-harvest db_bytes=$(du -cb "$WORK/sqlite"/catalog.sqlite* | tail -1 | cut -f1)"
        before=$(servercpu "$PG")
        measure "postgres-harvest" "$OGP" harvest --config "$WORK/ingest.yml" --data-dir "$WORK/pg" --store "$PG" --no-index --quiet
        echo "postgres-harvest db_bytes=$(pgsize "$PG") server_cpu_seconds=$(echo "$(servercpu "$PG") - $before" | bc)"
        echo "== second run over the unchanged file"
        measure "sqlite-second" "$OGP" harvest --config "$WORK/ingest.yml" --data-dir "$WORK/sqlite" --no-index --quiet
        measure "postgres-second" "$OGP" harvest --config "$WORK/ingest.yml" --data-dir "$WORK/pg" --store "$PG" --no-index --quiet
        if [ "${SKIP_INDEX:-0}" != 1 ]; then
            echo "== ogp index --rebuild from each store"
            measure "sqlite-index-rebuild" "$OGP" index --rebuild --data-dir "$WORK/sqlite"
            before=$(servercpu "$PG")
            measure "postgres-index-rebuild" "$OGP" index --rebuild --data-dir "$WORK/pg" --store "$PG"
            echo "postgres-index-rebuild server_cpu_seconds=$(echo "$(servercpu "$PG") - $before" | bc)"
        fi
        echo "== the same catalogue in both (reproducible exports)"
        "$OGP" export --data-dir "$WORK/sqlite" --reproducible --format jsonl -o "$WORK/sqlite.jsonl"
        "$OGP" export --data-dir "$WORK/pg" --store "$PG" --reproducible --format jsonl -o "$WORK/pg.jsonl"
        cmp -s "$WORK/sqlite.jsonl" "$WORK/pg.jsonl" && echo "exports identical ($(wc -l < "$WORK/sqlite.jsonl") records)" \
            || echo "!! exports differ"
    fi
fi

[ "${SKIP_WORKERS:-0}" = 1 ] && exit 0
echo "== workers: ${SOURCES:=200} loopback sources, each answer delayed ${DELAY:=0.2} s"
mkdir -p "$WORK/site"
for i in $(seq 1 "$SOURCES"); do
    printf 'Page %d\n\nLe plan d'"'"'action national pour un gouvernement ouvert, engagement %d.\n' "$i" "$i" > "$WORK/site/p$i.txt"
done
PORT=$(( 40000 + RANDOM % 20000 ))
"$PYTHON" - "$WORK/site" "$PORT" "$DELAY" <<'PY' &
import http.server, functools, sys, time
root, port, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
class Slow(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        time.sleep(delay)
        super().do_GET()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Slow, directory=root)).serve_forever()
PY
SERVER_PID=$!
sleep 1
{
    echo "user_agent: ogp-bench/0.1"
    echo "sources:"
    for i in $(seq 1 "$SOURCES"); do
        printf '  - name: p%03d\n    kind: text\n    url: "http://127.0.0.1:%d/p%d.txt"\n    allow_private_network: true\n    min_delay_ms: 0\n' "$i" "$PORT" "$i"
    done
} > "$WORK/workers.yml"
ONE=$(newdb ogp_bench_one)
TWO=$(newdb ogp_bench_two)
measure "one-worker" "$OGP" harvest --config "$WORK/workers.yml" --data-dir "$WORK/w1" --store "$ONE" --worker solo --no-index --quiet
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$WORK/time-a.txt" "$OGP" harvest --config "$WORK/workers.yml" --data-dir "$WORK/wa" --store "$TWO" --worker a --no-index --quiet --report "$WORK/a.json" &
A=$!
/usr/bin/time -f "%U %S" -o "$WORK/time-b.txt" "$OGP" harvest --config "$WORK/workers.yml" --data-dir "$WORK/wb" --store "$TWO" --worker b --no-index --quiet --report "$WORK/b.json" &
B=$!
wait $A $B
end=$(date +%s.%N)
cpu=$(cat "$WORK/time-a.txt" "$WORK/time-b.txt" | awk '{ s += $1 + $2 } END { print s }')
echo "two-workers seconds=$(echo "$end - $start" | bc) cpu_seconds=$cpu (both workers)"
"$PYTHON" - "$WORK/a.json" <<'PY'
import json, sys, collections
r = json.load(open(sys.argv[1]))
print("two-workers sources per worker:", dict(collections.Counter(s.get("worker") for s in r["sources"])))
PY
