#!/usr/bin/env bash
# Installs (or, with `uninstall`, removes) ogp under $DESTDIR$PREFIX: the binaries, the plans
# reference, an example configuration, a logrotate example, man pages and bash/zsh/fish
# completions. Used by `make install` / `make uninstall`; BIN is the directory of the built
# binaries (the release build by default), MAN a directory of generated man pages.
set -euo pipefail

ACTION=${1:-install}
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
BIN=${BIN:-.build/release}
MAN=${MAN:-.build/man}

root="$DESTDIR$PREFIX"
bindir="$root/bin"
sharedir="$root/share/ogp"
mandir="$root/share/man/man1"
bashdir="$root/share/bash-completion/completions"
zshdir="$root/share/zsh/site-functions"
fishdir="$root/share/fish/vendor_completions.d"

files=(
  "$bindir/ogp" "$bindir/ogp-search"
  "$sharedir/plans.yml" "$sharedir/sources.example.yml" "$sharedir/logrotate/ogp"
  "$sharedir/systemd/ogp-harvest.service" "$sharedir/systemd/ogp-harvest.timer"
  "$bashdir/ogp" "$bashdir/ogp-search" "$zshdir/_ogp" "$zshdir/_ogp-search"
  "$fishdir/ogp.fish" "$fishdir/ogp-search.fish"
)

if [ "$ACTION" = uninstall ]; then
  for f in "${files[@]}"; do rm -f "$f"; done
  rm -f "$mandir"/ogp.1 "$mandir"/ogp.*.1 "$mandir"/ogp-search.1
  rmdir "$sharedir/logrotate" "$sharedir/systemd" "$sharedir" 2>/dev/null || true
  echo "removed ogp from $root"
  exit 0
fi

for b in ogp ogp-search; do
  [ -x "$BIN/$b" ] || { echo "install: $BIN/$b is not built (run make release)" >&2; exit 1; }
done
install -d "$bindir" "$sharedir/logrotate" "$sharedir/systemd" "$mandir" "$bashdir" "$zshdir" "$fishdir"
install -m 0755 "$BIN/ogp" "$BIN/ogp-search" "$bindir/"
install -m 0644 config/plans.yml "$sharedir/plans.yml"
install -m 0644 config/sources.yml "$sharedir/sources.example.yml"
install -m 0644 config/logrotate/ogp "$sharedir/logrotate/ogp"
install -m 0644 config/systemd/ogp-harvest.service config/systemd/ogp-harvest.timer "$sharedir/systemd/"
if ls "$MAN"/*.1 >/dev/null 2>&1; then
  for page in "$MAN"/*.1; do
    case "$page" in *.help.1) continue ;; esac
    install -m 0644 "$page" "$mandir/"
  done
else
  echo "install: no man pages in $MAN (make man builds them)" >&2
fi
for b in ogp ogp-search; do
  "$BIN/$b" --generate-completion-script bash > "$bashdir/$b"
  "$BIN/$b" --generate-completion-script zsh > "$zshdir/_$b"
  "$BIN/$b" --generate-completion-script fish > "$fishdir/$b.fish"
done
chmod 0644 "$bashdir"/ogp* "$zshdir"/_ogp* "$fishdir"/ogp*
echo "installed ogp in $root (binaries in $bindir)"
