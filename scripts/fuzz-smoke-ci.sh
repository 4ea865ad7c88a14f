#!/usr/bin/env bash
# The fuzz smoke run of `make test`, within a time budget (FUZZ_CI_BUDGET seconds, default 900,
# build included): a crash, hang or out-of-memory input fails the tests; a machine too slow to
# build and run the targets within the budget only says so (fewer executions are never a failure).
set -uo pipefail
cd "$(dirname "$0")/.."
BUDGET="${FUZZ_CI_BUDGET:-900}"
timeout "$BUDGET" make --no-print-directory fuzz-smoke FUZZ_SMOKE_SECONDS="${FUZZ_SMOKE_SECONDS:-20}"
status=$?
if [ "$status" -eq 124 ]; then
    echo "fuzz smoke: stopped after its budget of ${BUDGET}s (a slow machine); no finding so far" >&2
    exit 0
fi
exit "$status"
