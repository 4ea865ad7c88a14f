#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `scripts/pg-test-cluster.sh run -- CMD...`
# installs the PostgreSQL server from Debian when missing, creates a cluster in a temporary
# directory (Unix socket only, no TCP port), runs CMD with OGP_TEST_POSTGRES_URL set to it, and
# stops and removes the cluster afterwards, even when CMD fails or is interrupted. PostgreSQL
# refuses to run as root: as root, the cluster belongs to the `postgres` user (or `nobody`).
# When PostgreSQL cannot be installed, CMD runs without the variable and the PostgreSQL tests
# skip, saying why. Exit status: CMD's.
set -uo pipefail

if [ "${1:-}" != run ] || [ "${2:-}" != -- ] || [ $# -lt 3 ]; then
  echo "usage: $0 run -- COMMAND [ARGS...]" >&2
  exit 64
fi
shift 2

log() { echo "pg-test-cluster: $*" >&2; }

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null)
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

install_server() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else return 1; fi
  fi
  log "installing the PostgreSQL server (Debian package postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1 \
    || { "${sudo[@]}" apt-get update -qq >/dev/null 2>&1; "${sudo[@]}" apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1; }
}

BINDIR=$(find_bindir) || { install_server && BINDIR=$(find_bindir); } || BINDIR=""
if [ -z "$BINDIR" ]; then
  log "PostgreSQL could not be installed (no apt-get rights or no network): the PostgreSQL tests will skip"
  exec "$@"
fi

# Who runs the server: ourselves, or an unprivileged user when we are root.
AS=()
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then OWNER=postgres; else OWNER=nobody; fi
  AS=(runuser -u "$OWNER" --)
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/ogp-pg-XXXXXX")
chmod 755 "$DIR"
[ ${#AS[@]} -gt 0 ] && chown "$OWNER" "$DIR"
PORT=$(( 20000 + RANDOM % 20000 ))

stop() {
  "${AS[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$DIR"
}
trap stop EXIT
trap 'exit 130' INT TERM

if ! "${AS[@]}" "$BINDIR/initdb" -D "$DIR/data" -U ogp --auth=trust --encoding=UTF8 --locale=C.UTF-8 -N >"$DIR/initdb.log" 2>&1; then
  log "initdb failed:"; cat "$DIR/initdb.log" >&2
  exit 1
fi
# Throw-away data: no fsync, no TCP; the socket lives in the temporary directory.
if ! "${AS[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-k $DIR -p $PORT -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1; then
  log "the server did not start:"; cat "$DIR/server.log" >&2
  exit 1
fi

export OGP_TEST_POSTGRES_URL="postgresql:///postgres?host=$DIR&port=$PORT&user=ogp"
log "PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}'): $OGP_TEST_POSTGRES_URL"
"$@"
