#!/usr/bin/env bash
# Makes sure what the browser and end-to-end tests need is on this machine: Debian's Chromium, ripgrep,
# the build libraries code-server's native modules compile against, code-server itself (cached
# outside the repo by setup-code-server.sh), and the identity libraries the conformance suite runs
# (MSAL Python and the Azure SDK for Python, which import under /usr/bin/python3, and the Azure CLI,
# whose `az login --debug` output is a recorded log). Runs as `pretest`,
# so it is silent when all is present.
# On a fresh Debian machine as root, `npm ci && npm test` installs everything on the first run.
# Usage: ensure-test-deps.sh [--no-browser]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[ensure-test-deps] %s\n' "$*" >&2; }

# --no-browser: only what code-server needs (`npm start` uses it; the demo is opened in your own browser).
apt_packages=(ripgrep libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config g++ make python3 python3-msal python3-azure azure-cli)
if [[ "${1:-}" != "--no-browser" ]]; then apt_packages=(chromium "${apt_packages[@]}"); fi
# Each package is checked by a file it installs, so the check costs nothing when all are there.
declare -A probe=(
  [chromium]=/usr/bin/chromium
  [ripgrep]=/usr/bin/rg
  [libkrb5-dev]=/usr/include/krb5.h
  [libsecret-1-dev]=/usr/include/libsecret-1/libsecret/secret.h
  [libxkbfile-dev]=/usr/include/X11/extensions/XKBfile.h
  [libx11-dev]=/usr/include/X11/Xlib.h
  [pkg-config]=/usr/bin/pkg-config
  [g++]=/usr/bin/g++
  [make]=/usr/bin/make
  [python3-msal]=/usr/lib/python3/dist-packages/msal/__init__.py
  [python3-azure]=/usr/lib/python3/dist-packages/azure/identity/__init__.py
  [azure-cli]=/usr/bin/az
)

missing=()
for p in "${apt_packages[@]}"; do
  if [[ "$p" == python3 ]]; then
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
  elif [[ ! -e "${probe[$p]}" ]]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} > 0)); then
  log "installing with apt-get: ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    log "apt-get not found; install these yourself: ${missing[*]}"
    exit 1
  fi
  sudo_cmd=()
  if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
      log "not root and no sudo; install these as root: ${missing[*]}"
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq >&2
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# setup-code-server.sh returns at once when its cache marker is present.
bash "$here/setup-code-server.sh" >/dev/null
