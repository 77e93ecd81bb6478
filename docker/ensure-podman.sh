#!/usr/bin/env bash
# Makes Podman's Docker-compatible API answer on a socket of its own, with the execution images loaded, so that
# the library (DOCKER_HOST=unix:///run/jsandbox-podman.sock) can be tested against Podman.
#
# Steps, each only when needed (idempotent):
#   1. install Debian's podman when missing;
#   2. start `podman system service --time=0` on the socket in the background (log: /var/log/jsandbox-podman.log);
#   3. copy images from the Docker Engine into Podman's own image store without any registry
#      (`docker save | podman load`), only those Podman lacks or holds in an older version (same image id).
#
# Usage: docker/ensure-podman.sh [IMAGE...]
#   IMAGE defaults to every execution image (jsandbox/*:3 and the example plugin's); name only what a test needs to
#   save time: loading one image takes seconds to tens of seconds.
# Needs root on Debian (the service runs as root here; README "Podman" says what rootless Podman needs).
set -euo pipefail

log() { printf '[ensure-podman] %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

SOCKET_PATH=${JSANDBOX_PODMAN_SOCKET_PATH:-/run/jsandbox-podman.sock}
SOCKET=unix://$SOCKET_PATH

if [ $# -gt 0 ]; then
  images=("$@")
else
  mapfile -t images < <(docker image ls --format '{{.Repository}}:{{.Tag}}' \
    | grep -E '^(jsandbox/(base|python|node|gcc|java|go)|jsandbox-examples/lua):3$' | sort)
fi

answers() { curl -fsS --max-time 5 --unix-socket "$SOCKET_PATH" http://d/_ping >/dev/null 2>&1; }

if ! command -v podman >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || fail "podman is missing and this script can install it only as root on Debian (apt-get install podman)"
  log "installing Debian's podman"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q podman >/dev/null
fi

# conmon, which the service starts for every container, runs in the service's working directory and fails ("Failed
# to get working directory", "write child: broken pipe") once that directory is gone: a service started from a
# checkout that was removed answers pings but starts nothing. Such a service is replaced.
for pid in $(pgrep -f "podman system service --time=0 $SOCKET" || true); do
  if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" != / ]; then
    log "replacing the service $pid: it does not run in / (its directory may be gone)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 10); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
done

if ! answers; then
  log "starting podman system service on $SOCKET (log: /var/log/jsandbox-podman.log)"
  rm -f "$SOCKET_PATH"
  # --time=0: the service never exits for idleness; it serves until killed. setsid: it outlives the shell and its
  # process group (a CI step or a terminal that ends).
  # Podman gives containers RLIMIT_NOFILE and RLIMIT_NPROC of 1048576 unless told otherwise; a service whose own
  # hard limits are lower fails such containers ("error setting rlimit"). Root may raise them for the service.
  (
    cd /
    ulimit -Hn 1048576 2>/dev/null && ulimit -Sn 1048576 2>/dev/null || true
    ulimit -Hu unlimited 2>/dev/null && ulimit -Su unlimited 2>/dev/null || true
    exec setsid nohup podman system service --time=0 "$SOCKET" >/var/log/jsandbox-podman.log 2>&1 </dev/null
  ) &
  for _ in $(seq 1 30); do
    answers && break
    sleep 1
  done
  answers || { tail -n 20 /var/log/jsandbox-podman.log >&2 || true; fail "Podman's API did not answer on $SOCKET within 30 s"; }
fi

for image in "${images[@]}"; do
  docker_id=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null) \
    || fail "$image is not on the Docker Engine; run docker/build-images.sh first"
  podman_id=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  if [ "sha256:$podman_id" = "$docker_id" ] || [ "$podman_id" = "$docker_id" ]; then
    continue
  fi
  started=$(date +%s)
  docker save "$image" | podman load -q >/dev/null
  log "loaded $image into Podman in $(($(date +%s) - started)) s"
done
log "Podman answers on $SOCKET ($(podman version --format '{{.Server.Version}}' 2>/dev/null || podman --version)); export DOCKER_HOST=$SOCKET"
