#!/usr/bin/env bash
# ogp-serve load benchmark (issue 15; release build, not a test). The full data.gouv.fr catalogue
# export (121,074 datasets, rebuilt from ../shared) harvested by `ogp harvest` (udata-csv source,
# with the search index) into a bench data directory, served by `ogp-serve` on 127.0.0.1, loaded
# by wrk (Debian) with 1, 16 and 64 connections:
#   /api/search   500 queries of 2-3 French title words (Benchmarks/search/prepare_datagouv.py)
#   /search       the same queries as the HTML results page (with its facets)
#   /records/{id} 1,000 dataset pages picked at random (seeded) from the catalogue
# Prints requests/s, p50/p99 latency, the server's CPU time per request, errors, and the server's
# memory (RSS now and peak).
# Skips cleanly when the corpus or wrk is missing. Env: OGP_SHARED, OUT (bench dir, kept between
# runs: the harvest is done once), SKIP_BUILD=1, BIN (folder of the release binaries), DURATION
# (seconds per run, default 15), CONNECTIONS (default "1 16 64"), SEARCH_CACHE (ogp-serve's
# --search-cache-entries; default 0: every request searched, since the runs cycle through the
# same 500 queries and a cache would answer most of them).
# Then, when ogp-bench-serve is built, the in-process breakdown of a search's CPU on the same
# index: from ogp-search's speed call (ids, 10 hits) to the server's, one difference at a time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/Benchmarks/serve
SHARED=${OGP_SHARED:-$ROOT/../shared}
CORPUS="$SHARED/corpus/datagouv-catalogue-export"
ARCHIVE="$CORPUS/export-dataset-20260116-055249--282-chunks.tar.gz"
OUT=${OUT:-$ROOT/bench-data/serve}
DURATION=${DURATION:-15}
skip() { echo "skip: $*"; exit 0; }
[ -f "$ARCHIVE" ] || skip "$ARCHIVE not found (set OGP_SHARED)"
command -v wrk >/dev/null || skip "wrk not found (apt-get install wrk)"
mkdir -p "$OUT"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== swift build -c release (ogp, ogp-serve, ogp-bench-serve)"
    (cd "$ROOT" && swift build -c release --product ogp 2>&1 | tail -1 && swift build -c release --product ogp-serve 2>&1 | tail -1 \
        && swift build -c release --product ogp-bench-serve 2>&1 | tail -1)
fi
BIN=${BIN:-"$(cd "$ROOT" && swift build -c release --show-bin-path)"}

if [ ! -f "$OUT/data/catalog.sqlite" ] || [ ! -f "$OUT/data/index/manifest.json" ]; then
    CSV="$OUT/export-dataset-20260116-055249.csv"
    [ -f "$CSV" ] || python3 "$ROOT/Benchmarks/datasets/rebuild_export.py" "$ARCHIVE" "$CSV"
    cat > "$OUT/bench.yml" <<YAML
sources:
  - name: datagouv-export
    kind: udata-csv
    url: file://$CSV
    max_body_size: 1073741824
YAML
    echo "== ogp harvest (full catalogue, with the search index)"
    /usr/bin/time -f "harvest seconds=%e max_rss_kb=%M" "$BIN/ogp" harvest --config "$OUT/bench.yml" --data-dir "$OUT/data" --quiet || true
fi
python3 "$ROOT/Benchmarks/search/prepare_datagouv.py" "$CORPUS" "$OUT" >/dev/null

# Request paths: search queries, and record ids read from the catalogue (read-only).
python3 - "$OUT" <<'PY'
import random, sqlite3, sys, urllib.parse
out = sys.argv[1]
with open(f"{out}/datagouv-queries.tsv", encoding="utf-8") as f, open(f"{out}/search.paths", "w") as w, \
        open(f"{out}/search-page.paths", "w") as page:
    for line in f:
        q = urllib.parse.urlencode({"q": line.rstrip("\n").split("\t", 1)[1]})
        w.write("/api/search?" + q + "\n")
        page.write("/search?" + q + "\n")
db = sqlite3.connect(f"file:{out}/data/catalog.sqlite?mode=ro", uri=True)
ids = [r[0] for r in db.execute("SELECT id FROM record WHERE kind = 'dataset' ORDER BY id")]
random.Random(15).shuffle(ids)
with open(f"{out}/records.paths", "w") as w:
    for i in ids[:1000]:
        w.write("/records/" + urllib.parse.quote(i, safe="-._~:") + "\n")
print(f"{len(ids)} datasets in the catalogue")
PY

PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
"$BIN/ogp-serve" --data-dir "$OUT/data" --port "$PORT" --log-level warning \
    --search-cache-entries "${SEARCH_CACHE:-0}" 2> "$OUT/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$PORT/healthz"; echo
echo "server RSS after start: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$SERVER/status)"

# The server's CPU time so far (user + system), in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
TICK_MS=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN {print 1000 / hz}')
run() { # label, paths file, connections
    local threads=$(( $3 < 2 ? 1 : 2 ))
    # Warm-up (page cache, index reopen), then the measured run.
    PATHS="$2" wrk -t"$threads" -c"$3" -d3s -s "$HERE/paths.lua" "http://127.0.0.1:$PORT" >/dev/null
    local before; before=$(cpu_ticks)
    PATHS="$2" wrk -t"$threads" -c"$3" -d"${DURATION}s" --latency -s "$HERE/paths.lua" "http://127.0.0.1:$PORT" > "$OUT/wrk.txt"
    local ticks=$(( $(cpu_ticks) - before ))
    # CPU per request: the server's CPU time over the run / the requests answered (robust on a
    # loaded machine, where requests/s says what the server got of the cores, not what it needs).
    awk -v label="$1" -v c="$3" -v ticks="$ticks" -v tick="$TICK_MS" '
        /requests in/ {n=$1}
        /Requests\/sec/ {rps=$2}
        /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
        /Non-2xx/ {bad=$NF} /Socket errors/ {sock=$0}
        END {printf "%-14s c=%-3s req/s=%-9s p50=%-9s p99=%-9s cpu/req=%.3fms non2xx=%s %s\n", label, c, rps, p50, p99, (n>0 ? ticks*tick/n : 0), (bad==""?0:bad), sock}' "$OUT/wrk.txt"
}
echo "== wrk, ${DURATION}s per run (wrk and the server share the machine's cores)"
for c in ${CONNECTIONS:-1 16 64}; do run "/api/search" "$OUT/search.paths" "$c"; done
for c in ${CONNECTIONS:-1 16 64}; do run "/search" "$OUT/search-page.paths" "$c"; done
for c in ${CONNECTIONS:-1 16 64}; do run "/records/{id}" "$OUT/records.paths" "$c"; done
echo "server RSS: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$SERVER/status), peak $(awk '/VmHWM/ {print int($2/1024) " MB"}' /proc/$SERVER/status)"
echo "cores: $(nproc)"
if [ -x "$BIN/ogp-bench-serve" ]; then
    echo "== in process: CPU per search, one difference at a time (mean of 2 passes after a warm-up; load $(cut -d' ' -f1 /proc/loadavg))"
    "$BIN/ogp-bench-serve" "$OUT/data/index" "$OUT/datagouv-queries.tsv" 2
fi
