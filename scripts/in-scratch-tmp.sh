#!/usr/bin/env bash
# Runs a command with TMPDIR set to a fresh directory, removed afterwards whatever the outcome.
# The test suites create a few hundred scratch directories per run (data directories, indexes,
# stores); a test that fails or is killed leaves its own behind, and `make test` run day after
# day filled /tmp with thousands of them. Used by `make test` around each test run.
set -uo pipefail
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ogp-test-run.XXXXXX") || exit 70
# As /tmp: some tests run commands as another user (nobody), who must reach and write there.
chmod 1777 "$scratch"
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
TMPDIR="$scratch" "$@"
