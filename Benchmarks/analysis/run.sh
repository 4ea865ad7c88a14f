#!/usr/bin/env bash
# Benchmark of the French analysis chain (OGPAnalysis), release mode: analyses the title and
# description of every dataset of the data.gouv.fr catalogue export (121,074 datasets) and
# prints MB/s and tokens/s. Not a test. The export is rebuilt from the shared corpus
# (../shared/corpus/datagouv-catalogue-export, see its SOURCES.md) into a temporary directory;
# without the corpus the script says so and exits 0.
#
#   Benchmarks/analysis/run.sh            # OGP_SHARED=/path/to/shared to point elsewhere
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="${OGP_SHARED:-$ROOT/../shared}"
EXPORT="$SHARED/corpus/datagouv-catalogue-export"
TARBALL="$EXPORT/export-dataset-20260116-055249--282-chunks.tar.gz"
if [ ! -f "$TARBALL" ]; then
    echo "skip: $TARBALL not found (set OGP_SHARED)"
    exit 0
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/ogp-bench-analysis.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir "$TMP/chunks"
tar -xzf "$TARBALL" -C "$TMP/chunks"

# Lossless rebuild: chunk 1 whole, then for N=2..282 one LF and chunk N without its header line.
{
    cat "$TMP/chunks/export-dataset-20260116-055249-1 -by MaxAI.csv"
    for n in $(seq 2 282); do
        printf '\n'
        tail -n +2 "$TMP/chunks/export-dataset-20260116-055249-$n -by MaxAI.csv"
    done
} > "$TMP/export.csv"
rm -rf "$TMP/chunks"
expected=1e0c744deff2975c639b6daecd51fd639b01800cd61e96695df45321a759ae20
actual="$(sha256sum "$TMP/export.csv" | cut -d' ' -f1)"
if [ "$actual" != "$expected" ]; then
    echo "rebuilt export has sha256 $actual, expected $expected" >&2
    exit 1
fi

python3 "$ROOT/Benchmarks/analysis/extract_texts.py" "$TMP/export.csv" "$TMP/texts.bin"
rm -f "$TMP/export.csv"

cd "$ROOT"
swift build -c release --product ogp-bench-analysis
"$(swift build -c release --show-bin-path)/ogp-bench-analysis" "$TMP/texts.bin"
