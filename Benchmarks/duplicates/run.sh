#!/usr/bin/env bash
# Duplicate detection benchmark (release mode), generated records only (no corpus needed):
# N look-alike posts, ours beside the former pairwise detector (the reference) up to N = 4,000.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
swift build -c release --product ogp-bench-duplicates
.build/release/ogp-bench-duplicates "$@"
