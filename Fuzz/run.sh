#!/usr/bin/env bash
# Builds the fuzz executable (libFuzzer + AddressSanitizer, optimised) and runs each target for a
# bounded time on its corpus, seeded from the repository's fixtures and ../shared/corpus (when
# present).
#
#   Fuzz/run.sh SECONDS [TARGET…]        (default: every target)
#
# Each target's corpus grows in Fuzz/corpus/TARGET (kept between runs, not committed); crashes,
# hangs and out-of-memory inputs (> 2 GB) are saved as Fuzz/artifacts/TARGET-* and make the script
# exit 1. Executions and coverage per target are printed at the end and appended to
# Fuzz/artifacts/runs.tsv. Fewer executions on a slow machine are never a failure.
#
# Hangs: libFuzzer's -timeout counts wall time, and a fuzzer at nice 19 on a busy machine can
# wait seconds for the CPU on any input. So libFuzzer stops an input after FUZZ_TIMEOUT s of wall
# time (default 60), and the input is then run again alone, timed in CPU seconds: a hang is more
# than FUZZ_HANG CPU seconds (default 1, under AddressSanitizer); a slower wall clock only is
# kept as Fuzz/artifacts/slow-TARGET-* and reported, never a failure.
#
# Environment: FUZZ_TIMEOUT, FUZZ_HANG, FUZZ_NICE (nice level, default 19: the fuzzer only
# takes idle CPU), FUZZ_MERGE=1 (minimise each corpus after its run), FUZZ_NO_BUILD=1 (use the
# executable as built), FUZZ_LEAKS=1 (LeakSanitizer after every input that allocated more than
# it freed: thorough, but a full heap scan for such inputs; by default leaks are looked for once,
# at exit).
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${OGP_SHARED:-$ROOT/../shared}/corpus"
SECONDS_PER_TARGET="${1:-60}"
shift || true
ALL=(jekyll wordpress udata csv html text query analyzer config ckan ods dcat commitments)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
TIMEOUT="${FUZZ_TIMEOUT:-60}"
HANG="${FUZZ_HANG:-1}"
export LSAN_OPTIONS="suppressions=$HERE/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Allocation stacks of 8 frames (ASan's default is 30, unwound at every malloc: Swift allocates
# often, and the deep stacks cost more than the decoders themselves).
export ASAN_OPTIONS="malloc_context_size=8${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    "$HERE/build.sh" >"$HERE/build.log" 2>&1 || { cat "$HERE/build.log"; echo "fuzz build failed"; exit 2; }
fi
BIN="$HERE/.build/release/ogp-fuzz"

# max_len TARGET: the largest input the fuzzer makes for TARGET. Big enough for a whole record
# of the format (a CKAN package, an ODS dataset, a DCAT dataset with its distributions, a
# commitments row), small enough that each execution stays short.
max_len() {
    case $1 in
    query) echo 256 ;;
    analyzer) echo 4096 ;;
    text | config | commitments) echo 8192 ;;
    jekyll | csv | html) echo 16384 ;;
    *) echo 32768 ;;
    esac
}

# seed TARGET DIR: fills DIR with the target's seed inputs (at most max_len bytes each).
seed() {
    local target=$1 dir=$2 limit
    limit=$(max_len "$target")
    mkdir -p "$dir"
    [ -d "$HERE/seeds/$target" ] && cp "$HERE/seeds/$target"/* "$dir/" 2>/dev/null
    add() { # add PREFIX_BYTE_OR_EMPTY FILE…
        local prefix=$1; shift
        for f in "$@"; do
            [ -f "$f" ] || continue
            local out="$dir/$(basename "$f" | tr -c 'A-Za-z0-9._-' '_' | cut -c1-80)${prefix:+-$prefix}"
            { [ -n "$prefix" ] && printf "\\x$prefix"; head -c "$limit" "$f"; } >"$out"
        done
    }
    local fixtures="$ROOT/Tests/OGPParseTests/Fixtures"
    case $target in
    jekyll) add "" "$fixtures"/pages/*.markdown "$SHARED"/numerique-gouv-jekyll/*.markdown \
            $(find "$ROOT/config/demo/numerique-gouv-jekyll" -type f 2>/dev/null | head -20) ;;
    wordpress) add 00 "$SHARED"/wordpress-rest-v2/*post*.json "$SHARED"/wordpress-rest-v2/*page*.json
               add 01 "$SHARED"/wordpress-rest-v2/*categor*.json ;;
    udata) add 00 "$fixtures"/datasets/udata-page-*.json "$ROOT"/config/demo/datagouv-api/*.json
           add 01 "$fixtures"/datasets/udata-dataset-*.json "$SHARED"/datagouv-api/*dataset*.json
           add 02 "$SHARED"/datagouv-api/*organization*.json ;;
    csv) add "" "$fixtures"/datasets/*.csv ;;
    text) add "" "$fixtures"/pages/*.txt ;;
    analyzer) add "" "$fixtures"/pages/00[0-2]*.txt ;;
    config) add "" "$ROOT"/config/*.yml ;;
    ckan) add "" "$fixtures"/catalogs/ckan-*.json "$fixtures"/catalogs/dkan-*.json "$SHARED"/ckan-datasud/*.json \
            "$SHARED"/ckan-datasud/extracted-bodies/*.json ;;
    ods) add "" "$fixtures"/catalogs/ods-*.json "$SHARED"/opendatasoft-samples/udata-ods--*.json \
            "$SHARED"/opendatasoft-explore-v2.1/extracted-examples/*.json ;;
    dcat) # first byte: 00 RDF/XML, 01 RDF/XML streamed from a file, 02 Turtle, 03 JSON-LD, 04 detected
          add 00 "$fixtures"/catalogs/*.rdf "$fixtures"/catalogs/*.rdf.xml "$SHARED"/dcat-udata-fixtures/*.xml \
              "$SHARED"/dcat-udata-fixtures/*.rdf "$SHARED"/opendatasoft-samples/extracted-bodies/*.rdf.xml
          add 01 "$fixtures"/catalogs/datagouv-catalog.rdf.xml "$SHARED"/dcat-real-portals/*.rdf
          add 02 "$fixtures"/catalogs/*.ttl "$SHARED"/dcat-real-portals/*.ttl
          add 03 "$fixtures"/catalogs/*.jsonld "$SHARED"/dcat-udata-fixtures/*.jsonld
          add 04 "$fixtures"/catalogs/arcgis-*.json "$SHARED"/dcat-udata-fixtures/*.json ;;
    commitments) # first byte even: `,`-separated
          add 00 "$fixtures"/commitments/*.csv "$SHARED"/ogp-commitments-data/*.csv ;;
    esac
}

# cpu_seconds TARGET FILE: CPU seconds (user + system) of one run of FILE alone.
cpu_seconds() {
    local TIMEFORMAT='%U %S'
    { time nice -n "${FUZZ_NICE:-19}" "$BIN" "$1" -timeout=600 -rss_limit_mb=2048 -detect_leaks=0 "$2" \
        >/dev/null 2>&1; } 2>&1 | tail -1 | awk '{print $1 + $2}'
}

status=0
summary=()
mkdir -p "$HERE/artifacts"
for target in "${TARGETS[@]}"; do
    corpus="$HERE/corpus/$target"
    seeds="$(mktemp -d "${TMPDIR:-/tmp}/ogp-fuzz-seeds.XXXXXX")"
    seed "$target" "$seeds"
    mkdir -p "$corpus"
    log="$HERE/artifacts/$target.log"
    : >"$log"
    echo "== $target: ${SECONDS_PER_TARGET}s"
    started=$(date +%s)
    execs=0
    finding=0
    # Runs until the time is up; a run stopped by a wall-clock timeout that is not a hang goes on.
    while :; do
        left=$((SECONDS_PER_TARGET - ($(date +%s) - started)))
        [ "$left" -ge 1 ] || break
        nice -n "${FUZZ_NICE:-19}" "$BIN" "$target" -max_total_time="$left" -timeout="$TIMEOUT" \
            -rss_limit_mb=2048 -max_len="$(max_len "$target")" -detect_leaks="${FUZZ_LEAKS:-0}" \
            -print_final_stats=1 -artifact_prefix="$HERE/artifacts/$target-" "$corpus" "$seeds" >"$log.run" 2>&1
        rc=$?
        cat "$log.run" >>"$log"
        n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log.run" | grep -o '[0-9]*$' | tail -1)
        [ -n "$n" ] || n=$(grep -oE '^#[0-9]+' "$log.run" | tail -1 | tr -d '#')
        execs=$((execs + ${n:-0}))
        [ $rc -eq 0 ] && break
        grep -q 'ERROR: libFuzzer: timeout' "$log.run" || { finding=1; break; }
        unit=$(grep -o "Test unit written to .*" "$log.run" | sed 's/Test unit written to //' | tail -1)
        [ -f "$unit" ] || { finding=1; break; }
        cpu=$(cpu_seconds "$target" "$unit")
        if awk -v c="${cpu:-0}" -v h="$HANG" 'BEGIN { exit !(c <= h) }'; then
            echo "   $target: $(basename "$unit") took ${cpu}s of CPU alone: a wall-clock timeout of a busy machine, not a hang"
            mv "$unit" "$HERE/artifacts/slow-$(basename "$unit")"
        else
            echo "!! $target: $(basename "$unit") takes ${cpu}s of CPU (> ${HANG}s): a hang"
            finding=1
            break
        fi
    done
    rm -f "$log.run"
    elapsed=$(($(date +%s) - started))
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    if [ $finding -ne 0 ]; then
        status=1
        echo "!! $target: finding, see $log"
        grep -m3 -E 'ERROR|Fatal|SUMMARY|Test unit written' "$log"
    elif [ "${FUZZ_MERGE:-0}" = 1 ]; then
        # Keep only the inputs that bring coverage, so that the next run starts from a small corpus.
        merged="$(mktemp -d "${TMPDIR:-/tmp}/ogp-fuzz-merge.XXXXXX")"
        if nice -n "${FUZZ_NICE:-19}" "$BIN" "$target" -merge=1 -max_len="$(max_len "$target")" -timeout="$TIMEOUT" \
            -rss_limit_mb=2048 -detect_leaks=0 "$merged" "$corpus" >"$log.merge" 2>&1; then
            rm -rf "$corpus" && mv "$merged" "$corpus"
        else
            rm -rf "$merged"
        fi
    fi
    rm -rf "$seeds"
    outcome=$([ $finding -eq 0 ] && echo ok || echo FINDING)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$elapsed" "$execs" "${cov:-?}" "${ft:-?}" \
        "$outcome" >>"$HERE/artifacts/runs.tsv"
    summary+=("$(printf '%-12s %6ss  executions %-10s cov %-6s ft %-7s %s' "$target" "$elapsed" "$execs" "${cov:-?}" \
        "${ft:-?}" "$outcome")")
done
printf '%s\n' "${summary[@]}"
exit $status
