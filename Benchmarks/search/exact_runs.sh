#!/usr/bin/env bash
# Full-precision runs (ids and scores, `ogp-search --exact-scores`) of every benchmark query set,
# to check that a change to query evaluation leaves results unchanged: run it before and after
# (and with --exhaustive: pruned and exhaustive must agree), then `diff -r` the directories.
#   Benchmarks/search/exact_runs.sh OUTDIR [--exhaustive]     (after run.sh has prepared bench-data)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/corpus}
B=${OUT:-$ROOT/bench-data}
BIN=${BIN:-$ROOT/.build/release/ogp-search}
OUTDIR=${1:?usage: exact_runs.sh OUTDIR [--exhaustive]}
SPF=$SHARED/fr-ir-eval/spf
[ -d "$B/dg-ogp" ] && [ -d "$B/spf-ogp" ] && [ -f "$B/known-queries.tsv" ] || { echo "skip: run Benchmarks/search/run.sh first"; exit 0; }
[ -d "$SPF" ] || { echo "skip: no corpus at $SHARED"; exit 0; }
mkdir -p "$OUTDIR"
flag=()
[ "${2:-}" = --exhaustive ] && flag=(--exhaustive)
S() { "$BIN" "${flag[@]}" --exact-scores "$@"; }
none=(--synonyms none)
syn=(--synonyms "$ROOT/config/synonyms.txt")
S "${none[@]}" --index "$B/dg-ogp" --batch "$B/datagouv-queries.tsv" --limit 10 > "$OUTDIR/dg2-10.run"
S "${syn[@]}" --index "$B/dg-ogp" --batch "$B/datagouv-queries.tsv" --limit 100 > "$OUTDIR/dg2-100syn.run"
S "${none[@]}" --index "$B/dg-ogp" --batch "$SPF/queries.tsv" --limit 10 > "$OUTDIR/dgq-10.run"
S "${none[@]}" --index "$B/dg-ogp" --batch "$SPF/queries.tsv" --limit 100 > "$OUTDIR/dgq-100.run"
S "${none[@]}" --index "$B/spf-ogp" --batch "$SPF/queries.tsv" --limit 10 > "$OUTDIR/spf-10.run"
S "${none[@]}" --index "$B/spf-ogp" --batch "$B/spf-queries-noaccents.tsv" --limit 10 > "$OUTDIR/spfna-10.run"
S "${none[@]}" --index "$B/dg-ogp" --batch "$B/known-queries.tsv" --limit 10 > "$OUTDIR/known-10.run"
S "${none[@]}" --index "$B/dg-ogp" --batch "$B/para-queries.tsv" --limit 10 > "$OUTDIR/para-10.run"
S "${syn[@]}" --index "$B/dg-ogp" --batch "$B/para-queries.tsv" --limit 10 > "$OUTDIR/para-10syn.run"
echo "$(cat "$OUTDIR"/*.run | wc -l) hits in $OUTDIR"
