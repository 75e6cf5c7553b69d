#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) into a cache outside the repo, for the e2e test and
# `npm start`. Idempotent: a marker file written last means "complete"; anything else is redone.
#
# Why by hand: code-server's own npm postinstall downloads ripgrep and prebuilt binaries from hosts we
# cannot reach, so we unpack with --ignore-scripts, put Debian's rg in place, and rebuild the native
# modules against the local Node.
#
# Prints the install directory on stdout (last line); progress goes to stderr.
set -euo pipefail

CODE_SERVER_VERSION="${AUTH_LENS_CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${AUTH_LENS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/auth-lens}"
DIR="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"
MARKER="$DIR/.auth-lens-install-complete"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

if [[ -f "$MARKER" ]]; then
  echo "$DIR"
  exit 0
fi

# Two callers at once (the test's pretest and `npm start`) must not build into the same directory.
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.install.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [[ -f "$MARKER" ]]; then
  echo "$DIR"
  exit 0
fi

for tool in node npm rg g++ make python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    log "missing '$tool'; run scripts/ensure-test-deps.sh (as root) or install it first"
    exit 1
  fi
done

# node-gyp downloads Node's headers unless told where they are; Node installs ship them next to the
# binary (<prefix>/include/node), so use those and need no network beyond the npm registry.
if [[ -z "${npm_config_nodedir:-}" ]]; then
  node_prefix="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
  if [[ -f "$node_prefix/include/node/node.h" ]]; then export npm_config_nodedir="$node_prefix"; fi
fi

start=$(date +%s)
# A half-finished install from an earlier run is thrown away: partial node_modules trees cannot be trusted.
rm -rf "$DIR" "$DIR.tmp"
mkdir -p "$DIR.tmp"
work="$DIR.tmp"

# Keep npm's own cache inside the package root out of the way and never ask questions.
export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false
export npm_config_loglevel="${npm_config_loglevel:-warn}"

log "fetching code-server@$CODE_SERVER_VERSION"
(cd "$work" && npm pack "code-server@$CODE_SERVER_VERSION" --silent >/dev/null)
tar -xzf "$work"/code-server-*.tgz -C "$work"
rm -f "$work"/code-server-*.tgz
pkg="$work/package"

log "installing lib/vscode dependencies (no scripts)"
(cd "$pkg/lib/vscode" && npm install --omit=dev --ignore-scripts --no-save)

# @vscode/ripgrep's postinstall downloads a binary from GitHub; Debian's rg does the same job.
mkdir -p "$pkg/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$pkg/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

log "rebuilding native modules for node $(node --version)"
native=(kerberos @vscode/spdlog native-watchdog node-pty @parcel/watcher @vscode/sqlite3 @vscode/deviceid
  @vscode/policy-watcher native-keymap)
present=()
for m in "${native[@]}"; do
  [[ -d "$pkg/lib/vscode/node_modules/$m" ]] && present+=("$m")
done
(cd "$pkg/lib/vscode" && npm rebuild "${present[@]}")

# VS Code loads node_modules.asar in packaged builds; code-server ships the plain folder.
ln -sfn node_modules "$pkg/lib/vscode/node_modules.asar"

log "installing built-in extension dependencies"
(cd "$pkg/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts --no-save)

log "installing code-server's own dependencies"
(cd "$pkg" && npm install --omit=dev --ignore-scripts --no-save && npm rebuild argon2)

entry="$pkg/out/node/entry.js"
if [[ ! -f "$entry" ]]; then
  log "entry file $entry not found; the package layout changed"
  exit 1
fi
# --version also proves the native server modules load; a throwaway config keeps ~/.config clean.
node "$entry" --config "$work/verify-config.yaml" --version >&2

mkdir -p "$CACHE_ROOT"
mv "$pkg" "$DIR"
rm -rf "$work"
elapsed=$(( $(date +%s) - start ))
printf 'code-server %s installed in %ss on %s\n' "$CODE_SERVER_VERSION" "$elapsed" "$(date -u +%FT%TZ)" >"$MARKER"
log "done in ${elapsed}s: $DIR"
echo "$DIR"
