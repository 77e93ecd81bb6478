#!/usr/bin/env bash
# Makes sure headless Chromium and its chromedriver are installed, for the playground's browser test
# (sandbox-http's PlaygroundBrowserIT). Debian's packages: /usr/bin/chromium and /usr/bin/chromedriver.
#
# Usage: docker/ensure-browser.sh    (idempotent; installs only what is missing, as root on Debian)
set -euo pipefail

log() { printf '[ensure-browser] %s\n' "$*" >&2; }

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  log "Chromium and chromedriver are missing; install Debian's chromium and chromium-driver packages"
  log "(the browser test is skipped without them, and fails under CI=true)"
  exit 0
fi
log "installing chromium and chromium-driver"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; an old list may name versions the mirror no longer has.
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
log "installed $(chromium --version 2>/dev/null || echo chromium)"
