#!/usr/bin/env bash
# Builds the fuzz executable (libFuzzer + AddressSanitizer) and runs each target for a bounded
# time on its corpus, seeded from the repository's fixtures and ../shared/corpus (when present).
#
#   Fuzz/run.sh SECONDS [TARGET…]        (default: every target)
#
# Each target's corpus grows in Fuzz/corpus/TARGET (kept between runs, not committed); crashes,
# timeouts (> FUZZ_TIMEOUT s per input, default 10) and out-of-memory inputs (> 2 GB) are saved
# as Fuzz/artifacts/TARGET-* and make the script exit 1. Executions and coverage per target are
# printed at the end. Fewer executions on a slow machine are never a failure.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${OGP_SHARED:-$ROOT/../shared}/corpus"
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(jekyll wordpress udata csv html text query analyzer config)
TIMEOUT="${FUZZ_TIMEOUT:-10}"
export LSAN_OPTIONS="suppressions=$HERE/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

"$HERE/build.sh" >"$HERE/build.log" 2>&1 || { cat "$HERE/build.log"; echo "fuzz build failed"; exit 2; }
BIN="$HERE/.build/release/ogp-fuzz"

# seed TARGET DIR: fills DIR with the target's seed inputs (at most 64 KB each).
seed() {
    local target=$1 dir=$2
    mkdir -p "$dir"
    [ -d "$HERE/seeds/$target" ] && cp "$HERE/seeds/$target"/* "$dir/" 2>/dev/null
    add() { # add PREFIX_BYTE_OR_EMPTY FILE…
        local prefix=$1; shift
        for f in "$@"; do
            [ -f "$f" ] || continue
            local out="$dir/$(basename "$f" | tr -c 'A-Za-z0-9._-' '_' | cut -c1-80)${prefix:+-$prefix}"
            { [ -n "$prefix" ] && printf "\\x$prefix"; head -c 65536 "$f"; } >"$out"
        done
    }
    case $target in
    jekyll) add "" "$ROOT"/Tests/OGPParseTests/Fixtures/pages/*.markdown "$SHARED"/numerique-gouv-jekyll/*.markdown \
            $(find "$ROOT/config/demo/numerique-gouv-jekyll" -type f 2>/dev/null | head -20) ;;
    wordpress) add 00 "$SHARED"/wordpress-rest-v2/*post*.json "$SHARED"/wordpress-rest-v2/*page*.json
               add 01 "$SHARED"/wordpress-rest-v2/*categor*.json ;;
    udata) add 00 "$ROOT"/Tests/OGPParseTests/Fixtures/datasets/udata-page-*.json "$ROOT"/config/demo/datagouv-api/*.json
           add 01 "$ROOT"/Tests/OGPParseTests/Fixtures/datasets/udata-dataset-*.json "$SHARED"/datagouv-api/*dataset*.json
           add 02 "$SHARED"/datagouv-api/*organization*.json ;;
    csv) add "" "$ROOT"/Tests/OGPParseTests/Fixtures/datasets/*.csv ;;
    text) add "" "$ROOT"/Tests/OGPParseTests/Fixtures/pages/*.txt ;;
    analyzer) add "" "$ROOT"/Tests/OGPParseTests/Fixtures/pages/00[0-2]*.txt ;;
    config) add "" "$ROOT"/config/*.yml ;;
    esac
}

status=0
summary=()
for target in "${TARGETS[@]}"; do
    corpus="$HERE/corpus/$target"
    seeds="$(mktemp -d "${TMPDIR:-/tmp}/ogp-fuzz-seeds.XXXXXX")"
    seed "$target" "$seeds"
    mkdir -p "$corpus" "$HERE/artifacts"
    log="$HERE/artifacts/$target.log"
    echo "== $target: ${SECONDS_PER_TARGET}s"
    "$BIN" "$target" -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$HERE/artifacts/$target-" \
        "$corpus" "$seeds" >"$log" 2>&1
    rc=$?
    rm -rf "$seeds"
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    if [ $rc -ne 0 ]; then
        status=1
        echo "!! $target: finding (exit $rc), see $log"
        grep -m3 -E 'ERROR|Fatal|SUMMARY|Test unit written' "$log"
    fi
    summary+=("$(printf '%-10s executions %-10s coverage %-6s %s' "$target" "${execs:-?}" "${cov:-?}" "$([ $rc -eq 0 ] && echo ok || echo FINDING)")")
done
printf '%s\n' "${summary[@]}"
exit $status
