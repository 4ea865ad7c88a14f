#!/bin/sh
# Builds the fuzz executable with libFuzzer and AddressSanitizer (every module instrumented).
set -e
cd "$(dirname "$0")"
exec swift build -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link,address \
    -Xswiftc -use-ld=lld "$@"
