#!/usr/bin/env bash
# Makes gVisor's runsc available to the local Docker Engine as the OCI runtime "runsc", and proves it works.
#
# Steps, each only when needed (idempotent):
#   1. install Debian's runsc package (and jq, to edit daemon.json) when missing;
#   2. register the runtime in /etc/docker/daemon.json, MERGED into what is there (other keys stay):
#        {"runtimes":{"runsc":{"path":"/usr/bin/runsc","runtimeArgs":["--network=none","--platform=ptrace"]}}}
#      --network=none: runsc refuses to start in the root network namespace otherwise ("cannot run with network
#      enabled in root network namespace"); the sandbox's containers have no network anyway.
#      --platform=ptrace: needs no /dev/kvm and no nested virtualisation, so it works in any VM or container host.
#   3. send SIGHUP to dockerd, which reloads its runtimes without stopping any container (never a restart);
#   4. run a tiny container from the local jsandbox/base image under runsc (no registry is needed) and check that
#      the kernel it sees is gVisor's.
#
# Needs root on Debian for steps 1-3; when runsc is already registered it only verifies (step 4).
# Usage: docker/ensure-runsc.sh      (after docker/ensure-engine.sh; prints a one-line summary)
set -euo pipefail

log() { printf '[ensure-runsc] %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

DAEMON_JSON=/etc/docker/daemon.json
RUNSC=/usr/bin/runsc
# The image the check runs: the base every execution image is built from, present wherever the images are.
CHECK_IMAGE=${JSANDBOX_RUNSC_CHECK_IMAGE:-jsandbox/base:3}

registered() { docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; }

as_root_on_debian() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || fail "runsc is not registered with the engine and this script cannot register it here (needs root on Debian). $*
  See https://gvisor.dev/docs/user_guide/install/ and register it in daemon.json as shown at the top of $0."
}

install_packages() {
  local missing=()
  [ -x "$RUNSC" ] || missing+=(runsc)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian's ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${missing[@]}" >/dev/null
}

register() {
  mkdir -p "$(dirname "$DAEMON_JSON")"
  local current='{}'
  [ -s "$DAEMON_JSON" ] && current=$(cat "$DAEMON_JSON")
  local merged
  merged=$(jq --arg path "$RUNSC" \
    '.runtimes.runsc = {"path": $path, "runtimeArgs": ["--network=none", "--platform=ptrace"]}' <<<"$current") \
    || fail "$DAEMON_JSON is not valid JSON; fix it by hand, then run this script again"
  if [ "$merged" != "$(jq . <<<"$current")" ]; then
    [ -e "$DAEMON_JSON" ] && cp -p "$DAEMON_JSON" "$DAEMON_JSON.before-runsc"
    printf '%s\n' "$merged" >"$DAEMON_JSON.tmp"
    mv "$DAEMON_JSON.tmp" "$DAEMON_JSON"
    log "registered runsc in $DAEMON_JSON"
  fi
  local pid
  pid=$(pidof dockerd || true)
  [ -n "$pid" ] || fail "no dockerd process to reload; is the engine remote? Register runsc on its host instead."
  # SIGHUP: dockerd re-reads daemon.json (runtimes included); running containers are not touched.
  kill -HUP $pid
  for _ in $(seq 1 30); do
    registered && return 0
    sleep 1
  done
  fail "dockerd did not list runsc 30 s after SIGHUP; see its log (/var/log/jsandbox-dockerd.log when ensure-engine started it)"
}

verify() {
  docker image inspect "$CHECK_IMAGE" >/dev/null 2>&1 \
    || fail "$CHECK_IMAGE is missing, so runsc cannot be checked: run docker/build-images.sh first"
  local kernel
  # gVisor's kernel prints its own boot banner in dmesg ("Starting gVisor..."); runc's containers may not read
  # the host's kernel log at all.
  kernel=$(docker run --rm --runtime=runsc --network=none --label dev.jsandbox.check=runsc \
    --entrypoint /bin/sh "$CHECK_IMAGE" -c 'dmesg 2>/dev/null | head -n 1; uname -sr') \
    || fail "a container under runsc did not run; see the engine's log"
  grep -q 'gVisor' <<<"$kernel" || fail "runsc ran, but the container did not see gVisor's kernel: $kernel"
  log "runsc works: $(tr '\n' ' ' <<<"$kernel")($("$RUNSC" --version 2>/dev/null | sed -n 1p))"
}

docker info >/dev/null 2>&1 || fail "no Docker Engine answers; run docker/ensure-engine.sh first"
if ! registered; then
  as_root_on_debian
  install_packages
  register
fi
verify
