#!/usr/bin/env bash
# Search benchmarks, ogp and Tantivy 0.27 in the same run (release builds; not tests).
#   quality: fr-ir-eval/spf (MRR@10, Recall@10, nDCG@10; queries as given and accent-stripped)
#   speed:   the data.gouv.fr export (build time, docs/s, MB/s, peak RSS, size ÷ raw text;
#            500 queries of 2-3 words: p50/p95/p99 and qps on one thread)
# Latency is measured in-process, per query, both as elapsed time and as thread CPU time (the
# machine is shared: elapsed percentiles include preemption). Tantivy's figures include the
# Python binding's per-query overhead (query parsing, result conversion, fetching the id).
# Usage: Benchmarks/search/run.sh [quality|speed|all]   (skips cleanly when data or tools are missing)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/Benchmarks/search
SHARED=${SHARED:-$ROOT/../shared/corpus}
OUT=${OUT:-$ROOT/bench-data}
BIN=$ROOT/.build/release
WHAT=${1:-all}
skip() { echo "skip: $*"; exit 0; }
[ -d "$SHARED/fr-ir-eval/spf" ] || skip "no corpus at $SHARED"
[ -x "$BIN/ogp" ] && [ -x "$BIN/ogp-search" ] || skip "build first: swift build -c release --product ogp; swift build -c release --product ogp-search"
TANTIVY=1
python3 -c "import tantivy" 2>/dev/null || { echo "note: tantivy missing (pip install tantivy==0.27.0): ogp only"; TANTIVY=0; }
TIMEV=""
[ -x /usr/bin/time ] && TIMEV="/usr/bin/time -v"
mkdir -p "$OUT"

# Runs a command, prints wall seconds and peak RSS from /usr/bin/time -v.
measure() {
  local log=$OUT/time.log
  if [ -n "$TIMEV" ]; then
    $TIMEV "$@" 2> "$log" >/dev/null || { cat "$log"; return 1; }
    grep -E "^(indexed|tantivy build)" "$log" || true
    awk -F': ' '/Elapsed \(wall clock\)/ {print "  wall " $2} /Maximum resident/ {printf "  peak RSS %.0f MB\n", $2/1024}' "$log"
  else
    "$@" >/dev/null
  fi
}

if [ "$WHAT" = quality ] || [ "$WHAT" = all ]; then
  SPF=$SHARED/fr-ir-eval/spf
  python3 "$HERE/strip_accents.py" "$SPF/queries.tsv" > "$OUT/spf-queries-noaccents.tsv"
  rm -rf "$OUT/spf-ogp"
  "$BIN/ogp" index --jsonl "$SPF/corpus.jsonl" --index "$OUT/spf-ogp" 2>/dev/null
  [ $TANTIVY = 1 ] && python3 "$HERE/tantivy_bench.py" build "$SPF/corpus.jsonl" "$OUT/spf-tantivy" >/dev/null
  for variant in as-given:queries.tsv no-accents:noaccents; do
    name=${variant%%:*}
    q=$SPF/queries.tsv; [ "$name" = no-accents ] && q=$OUT/spf-queries-noaccents.tsv
    "$BIN/ogp-search" --index "$OUT/spf-ogp" --batch "$q" --limit 10 > "$OUT/spf-ogp-$name.run"
    echo "quality spf ($name)  ogp:     $(python3 "$HERE/score.py" quality "$SPF/qrels.txt" "$OUT/spf-ogp-$name.run")"
    if [ $TANTIVY = 1 ]; then
      # Tantivy's boost multiplies the whole title score (ogp's BM25F boost weighs the title
      # frequency before saturation): measured with the same 5 and with no title boost.
      for boost in 5 1; do
        TITLE_BOOST=$boost python3 "$HERE/tantivy_bench.py" batch "$OUT/spf-tantivy" "$q" 10 "$OUT/spf-tantivy-$name.run" /dev/null
        echo "quality spf ($name)  tantivy (title ×$boost): $(python3 "$HERE/score.py" quality "$SPF/qrels.txt" "$OUT/spf-tantivy-$name.run")"
      done
    fi
  done
fi

if [ "$WHAT" = speed ] || [ "$WHAT" = all ]; then
  [ -d "$SHARED/datagouv-catalogue-export" ] || skip "no data.gouv.fr export"
  python3 "$HERE/prepare_datagouv.py" "$SHARED/datagouv-catalogue-export" "$OUT" >/dev/null
  RAW=$(python3 -c "import json,sys; print(sum(len(d['title'].encode())+len(d['body'].encode()) for d in map(json.loads, open(sys.argv[1]))))" "$OUT/datagouv.jsonl")
  echo "raw text: $RAW bytes (title + description, 121,074 datasets)"
  rm -rf "$OUT/dg-ogp"
  echo "ogp build:"; measure "$BIN/ogp" index --jsonl "$OUT/datagouv.jsonl" --index "$OUT/dg-ogp"
  echo "  index $(du -sb "$OUT/dg-ogp" | cut -f1) bytes = $(python3 -c "print(round($(du -sb "$OUT/dg-ogp" | cut -f1)/$RAW,2))") × raw"
  for clock in wall cpu; do
    "$BIN/ogp-search" --index "$OUT/dg-ogp" --batch "$OUT/datagouv-queries.tsv" --limit 10 --latency "$OUT/dg-ogp.lat" --latency-clock $clock > "$OUT/dg-ogp.run"
    echo "ogp queries ($clock):     $(python3 "$HERE/score.py" latency "$OUT/dg-ogp.lat")"
  done
  cold=$(python3 -c "
import subprocess,time,sys
ts=[]
for _ in range(10):
    t=time.perf_counter(); subprocess.run([sys.argv[1],'--index',sys.argv[2],'données environnementales'],stdout=subprocess.DEVNULL,check=True); ts.append(time.perf_counter()-t)
print(f'{sorted(ts)[5]*1000:.1f} ms')" "$BIN/ogp-search" "$OUT/dg-ogp")
  echo "ogp cold process (median of 10, full data.gouv.fr index, with snippets): $cold"
  if [ $TANTIVY = 1 ]; then
    echo "tantivy build:"; measure python3 "$HERE/tantivy_bench.py" build "$OUT/datagouv.jsonl" "$OUT/dg-tantivy"
    echo "  index $(du -sb "$OUT/dg-tantivy" | cut -f1) bytes = $(python3 -c "print(round($(du -sb "$OUT/dg-tantivy" | cut -f1)/$RAW,2))") × raw"
    for clock in wall cpu; do
      LATENCY_CLOCK=$clock python3 "$HERE/tantivy_bench.py" batch "$OUT/dg-tantivy" "$OUT/datagouv-queries.tsv" 10 "$OUT/dg-tantivy.run" "$OUT/dg-tantivy.lat"
      echo "tantivy queries ($clock): $(python3 "$HERE/score.py" latency "$OUT/dg-tantivy.lat")"
    done
  fi
fi
