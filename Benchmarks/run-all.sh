#!/usr/bin/env bash
# Every release-mode benchmark, one after the other (each skips cleanly when its corpus or
# reference tool is missing). Figures go to standard output; see README.md#benchmarks.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
status=0
for script in fetch/run.sh datasets/run.sh ingest/run.sh analysis/run.sh search/run.sh catalogs/run.sh duplicates/run.sh store/run.sh suggestions/run.sh; do
    if [ -x "$HERE/$script" ]; then
        echo "################ $script"
        "$HERE/$script" || { echo "!! $script failed"; status=1; }
    fi
done
exit $status
