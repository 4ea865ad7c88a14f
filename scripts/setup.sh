#!/usr/bin/env bash
# Idempotent set-up: installs the Debian packages ogp needs to build, when missing.
# Used by `make demo`, `make test` and CI (.ci/run). Does nothing when all are present.
set -euo pipefail

PACKAGES=(libcurl4-openssl-dev libssl-dev libxml2-dev libsqlite3-dev pkg-config zlib1g-dev libzstd-dev libpq-dev)
# `--test` (make test): also what ogp-serve's browser test needs (Tests/OGPServeTests/BrowserTests):
# headless Chromium, fonts for its screenshots, and a Python 3 to drive it (any python3 on PATH).
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=(chromium fonts-dejavu-core)
  command -v python3 >/dev/null 2>&1 || PACKAGES+=(python3)
fi

# pyshacl, for the test that validates the DCAT-AP export against the official SHACL shapes.
# Optional and offline-tolerant: when it cannot be installed, that test skips and says why.
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import pyshacl' >/dev/null 2>&1; then
  if timeout 300 python3 -m pip install --quiet --disable-pip-version-check pyshacl >/dev/null 2>&1 \
    || timeout 300 python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages pyshacl >/dev/null 2>&1; then
    echo "setup: installed pyshacl (python3 -m pip)" >&2
  else
    echo "setup: could not install pyshacl (offline?): the DCAT-AP SHACL test will be skipped" >&2
  fi
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "setup: missing Debian packages: ${missing[*]}" >&2
  echo "setup: install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update -qq >/dev/null 2>&1 || true
  if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
    echo "setup: could not install: ${missing[*]}" >&2
    echo "setup: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "setup: installed ${missing[*]}" >&2
