#!/usr/bin/env bash
# Fetch benchmark (release build, not a test): ogp's fetch layer vs Scrapy, same URLs, same
# concurrency, politeness off, against a local nginx serving 2,000 captured JSON responses
# (real files from the shared corpus, replicated). Prints requests/s and CPU seconds per
# 1,000 requests for each tool. A missing tool (nginx, Scrapy) is skipped with a message.
#
#   Benchmarks/fetch/run.sh            # N=2000 CONCURRENCY=16
#   N=500 CONCURRENCY=8 Benchmarks/fetch/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
N=${N:-2000}
CONCURRENCY=${CONCURRENCY:-16}
CORPUS=${CORPUS:-/work/shared/corpus}
WORK=$ROOT/bench-data/fetch
HERE=$ROOT/Benchmarks/fetch
mkdir -p "$WORK"

# 1. The responses: every captured JSON file under 200 kB, replicated to N files.
if ! ls "$CORPUS" >/dev/null 2>&1; then
  echo "skip: corpus $CORPUS not found (set CORPUS=…)"; exit 0
fi
mapfile -t SOURCES < <(find "$CORPUS" -name '*.json' -size -200k | sort)
if [ ${#SOURCES[@]} -eq 0 ]; then echo "skip: no JSON files in $CORPUS"; exit 0; fi
rm -rf "$WORK/www" && mkdir -p "$WORK/www/api/1/datasets"
for ((i = 0; i < N; i++)); do
  cp "${SOURCES[$((i % ${#SOURCES[@]}))]}" "$WORK/www/api/1/datasets/$i.json"
done
echo "data: $N responses from ${#SOURCES[@]} captured files, $(du -sh "$WORK/www" | cut -f1)"

# 2. The server: nginx, one worker (the other core is the client's).
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ]; then
  echo "skip: nginx not installed (sudo apt-get install nginx-light)"; exit 0
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/nginx/tmp"
sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$PORT|g" "$HERE/nginx.conf.in" > "$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log"
trap '"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" -s stop 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$PORT/api/1/datasets/0.json" >/dev/null 2>&1 && break
  sleep 0.1
done
: > "$WORK/urls.txt"
for ((i = 0; i < N; i++)); do echo "http://127.0.0.1:$PORT/api/1/datasets/$i.json" >> "$WORK/urls.txt"; done
echo "server: nginx on 127.0.0.1:$PORT; concurrency $CONCURRENCY"

# 3. ogp (libcurl), release build. A warm-up run first, then the measured one.
swift build -c release --product ogp-bench-fetch >/dev/null
BIN=$(swift build -c release --show-bin-path)/ogp-bench-fetch
"$BIN" "$WORK/urls.txt" "$CONCURRENCY" >/dev/null
OGP=$("$BIN" "$WORK/urls.txt" "$CONCURRENCY")
echo "$OGP"

# 4. Scrapy, in a virtual environment under bench-data (pip install scrapy).
PY=$WORK/venv/bin/python
if [ ! -x "$PY" ] || ! "$PY" -c 'import scrapy' 2>/dev/null; then
  python3 -m venv "$WORK/venv" >/dev/null 2>&1 && "$WORK/venv/bin/pip" install -q scrapy >/dev/null 2>&1 || true
fi
if [ -x "$PY" ] && "$PY" -c 'import scrapy' 2>/dev/null; then
  "$PY" "$HERE/scrapy_bench.py" "$WORK/urls.txt" "$CONCURRENCY" >/dev/null 2>&1
  SCRAPY=$("$PY" "$HERE/scrapy_bench.py" "$WORK/urls.txt" "$CONCURRENCY")
  echo "$SCRAPY"
  python3 - "$OGP" "$SCRAPY" <<'PY'
import json, sys
o, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"ogp: {o['requests_per_second']:.0f} req/s, {o['cpu_seconds_per_1000']*1000/1000:.3f} CPU s per 1,000 requests "
      f"({o['cpu_seconds_per_1000']:.3f} ms per request)")
print(f"scrapy: {s['requests_per_second']:.0f} req/s, {s['cpu_seconds_per_1000']:.3f} CPU s per 1,000 requests")
print(f"ratio: ogp {o['requests_per_second']/s['requests_per_second']:.1f}x the requests/s, "
      f"{s['cpu_seconds_per_1000']/o['cpu_seconds_per_1000']:.1f}x less CPU per request")
PY
else
  echo "skip: scrapy not available (pip install scrapy failed)"
fi
