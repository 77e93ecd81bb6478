#!/usr/bin/env bash
# Makes sure a Docker Engine answers, or explains how to get one.
#
# Order of preference:
#   1. an engine that already answers (DOCKER_HOST is honoured, as by every docker client);
#   2. as root on Debian: install Debian's docker.io if needed and start dockerd in the background;
#   3. otherwise: print what to do and exit 1.
#
# Usage: docker/ensure-engine.sh          (idempotent; prints nothing but a summary when the engine is up)
set -euo pipefail

log() { printf '[ensure-engine] %s\n' "$*" >&2; }

engine_answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

explain_and_fail() {
  cat >&2 <<'EOF'
[ensure-engine] No Docker Engine is reachable and this script cannot start one here.
  - Docker Desktop (macOS/Windows): start Docker Desktop, then run this command again.
  - Linux: install Docker Engine (e.g. `sudo apt-get install docker.io`), start it
    (`sudo systemctl start docker`) and add yourself to the docker group, or run as root.
  - A remote engine: export DOCKER_HOST=tcp://host:2376 (with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH).
EOF
  exit 1
}

if engine_answers; then
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix://}" = "$DOCKER_HOST" ]; then
  log "DOCKER_HOST=$DOCKER_HOST does not answer; not starting a local engine in its place."
  explain_and_fail
fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  explain_and_fail
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing Debian's docker.io (first run on this machine only)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q docker.io >/dev/null
fi

if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl start docker >/dev/null 2>&1 || true
fi

if ! engine_answers; then
  log "starting dockerd in the background (log: /var/log/jsandbox-dockerd.log)"
  nohup dockerd >/var/log/jsandbox-dockerd.log 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
  if engine_answers; then
    log "engine is up: $(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}')"
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer within 60 s; its log follows"
tail -n 20 /var/log/jsandbox-dockerd.log >&2 || true
exit 1
