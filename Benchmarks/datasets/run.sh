#!/usr/bin/env bash
# Dataset benchmark (release build, not a test): rebuilds data.gouv.fr's full catalogue export
# (121,074 rows, 224 MB) into a temp dir, then times
#   1. ogp: streaming CSV reader + UdataCSVMapper over every row (ogp-bench-csv), and
#   2. a plain Python baseline: csv module + the same fields into SQLite in one transaction.
# Skips cleanly when the shared corpus is absent. Extend by adding a step function below
# (e.g. a full ingest into ogp's SQLite store) and calling it from main.
# Env: OGP_SHARED (default ../shared from the repo), SKIP_BUILD=1, KEEP_DIR=1, BENCH_ARGS (e.g. --encode).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/Benchmarks/datasets"
SHARED=${OGP_SHARED:-$ROOT/../shared}
ARCHIVE="$SHARED/corpus/datagouv-catalogue-export/export-dataset-20260116-055249--282-chunks.tar.gz"
PYTHON=${PYTHON:-python3}

# timed LABEL CMD…: runs CMD, then prints its CPU seconds (user+sys) and max RSS as measured by
# /usr/bin/time, which stay comparable when other jobs share the cores (wall time does not).
timed() {
    local label=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "$label cpu_user_s=%U cpu_sys_s=%S wall_s=%e max_rss_kb=%M" "$@"
    else
        "$@"
    fi
}

rebuild() {
    echo "== rebuilding the export into $WORK"
    "$PYTHON" "$HERE/rebuild_export.py" "$ARCHIVE" "$CSV"
    ls -l "$CSV" | awk '{print "   " $5 " bytes"}'
}

build_swift() {
    [ "${SKIP_BUILD:-0}" = 1 ] && return
    echo "== swift build -c release --product ogp-bench-csv"
    (cd "$ROOT" && swift build -c release --product ogp-bench-csv 2>&1 | tail -1)
}

run_swift() {
    local bin
    bin=$(cd "$ROOT" && swift build -c release --show-bin-path)/ogp-bench-csv
    echo "== ogp: CSVReader + UdataCSVMapper, one thread"
    # shellcheck disable=SC2086
    timed swift "$bin" "$CSV" ${BENCH_ARGS:-}
    echo "== ogp: CSVReader + UdataCSVMapper, batches mapped on 2 threads"
    # shellcheck disable=SC2086
    timed swift "$bin" "$CSV" --parallel 2 ${BENCH_ARGS:-}
}

run_python() {
    echo "== python baseline: csv + sqlite3 (one transaction)"
    rm -f "$WORK/baseline.sqlite"
    timed python "$PYTHON" "$HERE/baseline.py" "$CSV" "$WORK/baseline.sqlite"
    ls -l "$WORK/baseline.sqlite" | awk '{print "python db_bytes=" $5}'
}

main() {
    echo "== $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ ! -f "$ARCHIVE" ]; then
        echo "skip: $ARCHIVE not found (set OGP_SHARED)"
        exit 0
    fi
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/ogp-bench-datasets.XXXXXX")
    [ "${KEEP_DIR:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
    CSV="$WORK/export-dataset-20260116-055249.csv"
    rebuild
    build_swift
    run_swift
    run_python
}

main "$@"
