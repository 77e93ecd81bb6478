#!/usr/bin/env bash
# Makes gVisor's runsc available to the local Docker Engine as the OCI runtime "runsc", and proves it works.
#
# Steps, each only when needed (idempotent):
#   1. install Debian's runsc package with the systrap platform (and jq, to edit daemon.json): on bookworm from
#      Debian's bookworm-backports suite (0.0~20240729; bookworm's own 0.0~20221219 has only ptrace and kvm), which
#      this script adds to apt's sources when missing; on later releases from their own suite;
#   2. register the runtime in /etc/docker/daemon.json, MERGED into what is there (other keys stay):
#        {"runtimes":{"runsc":{"path":"/usr/bin/runsc","runtimeArgs":["--network=none","--platform=systrap"]}}}
#      --network=none: runsc refuses to start in the root network namespace otherwise ("cannot run with network
#      enabled in root network namespace"); the sandbox's containers have no network anyway.
#      --platform=systrap: needs no /dev/kvm and no nested virtualisation, so it works in any VM or container host.
#      ptrace, the older platform that needs neither, makes host threads for every guest process in every stub: a
#      fork bomb held at 49 guest processes grows them past any sane host pids limit and gVisor's kernel dies
#      (SECURITY.md, gVisor); under systrap the same bomb peaks at about 130 host tasks and the sandbox lives.
#   3. send SIGHUP to dockerd, which reloads its runtimes without stopping any container (never a restart);
#   4. run a tiny container from the local jsandbox/base image under runsc (no registry is needed) and check that
#      the kernel it sees is gVisor's.
#
# Needs root on Debian for steps 1-3; when runsc is already registered with systrap it only verifies (step 4); a
# runsc registered otherwise is upgraded and registered again when this runs as root on Debian, and only verified
# (with a warning) elsewhere.
# Usage: docker/ensure-runsc.sh      (after docker/ensure-engine.sh; prints a one-line summary)
set -euo pipefail

log() { printf '[ensure-runsc] %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

DAEMON_JSON=/etc/docker/daemon.json
RUNSC=/usr/bin/runsc
# The image the check runs: the base every execution image is built from, present wherever the images are.
CHECK_IMAGE=${JSANDBOX_RUNSC_CHECK_IMAGE:-jsandbox/base:3}

PLATFORM=systrap
RUNTIME_ARGS='["--network=none", "--platform=systrap"]'

registered() { docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; }
registered_with_platform() {
  docker info --format '{{json .Runtimes.runsc}}' 2>/dev/null | grep -q -- "--platform=$PLATFORM"
}
# Whether the installed runsc offers the platform (bookworm's 0.0~20221219 does not know systrap).
has_platform() { [ -x "$RUNSC" ] && "$RUNSC" flags 2>&1 | grep -q -- "$PLATFORM"; }

can_set_up() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

as_root_on_debian() {
  can_set_up \
    || fail "runsc is not registered with the engine and this script cannot register it here (needs root on Debian). $*
  See https://gvisor.dev/docs/user_guide/install/ and register it in daemon.json as shown at the top of $0."
}

# bookworm's runsc has no systrap: add Debian's bookworm-backports suite (the same archive and key as the system's
# sources) so that apt can install the backported package. Prints the apt target release to use, if any.
backports_release() {
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ "$codename" = bookworm ] || return 0
  if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    log "adding Debian's bookworm-backports suite to apt's sources (for runsc with the $PLATFORM platform)"
    printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm-backports' 'Components: main' \
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' >/etc/apt/sources.list.d/jsandbox-backports.sources
  fi
  echo bookworm-backports
}

install_packages() {
  local packages=() release=""
  command -v jq >/dev/null 2>&1 || packages+=(jq)
  if ! has_platform; then
    release=$(backports_release)
    packages+=("runsc${release:+/$release}") # PACKAGE/RELEASE: only runsc comes from the backports
  fi
  [ ${#packages[@]} -eq 0 ] && return 0
  log "installing Debian's ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${packages[@]}" >/dev/null
  has_platform || fail "Debian's runsc ($("$RUNSC" --version 2>/dev/null | sed -n 1p)) has no $PLATFORM platform"
}

register() {
  mkdir -p "$(dirname "$DAEMON_JSON")"
  local current='{}'
  [ -s "$DAEMON_JSON" ] && current=$(cat "$DAEMON_JSON")
  local merged
  merged=$(jq --arg path "$RUNSC" \
    --argjson args "$RUNTIME_ARGS" '.runtimes.runsc = {"path": $path, "runtimeArgs": $args}' <<<"$current") \
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
    registered_with_platform && return 0
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
elif ! registered_with_platform || ! has_platform; then
  if can_set_up; then
    log "runsc is registered without the $PLATFORM platform; upgrading and registering it again"
    install_packages
    register
  else
    log "warning: runsc is registered without --platform=$PLATFORM; under ptrace a fork bomb ends the sandbox (SECURITY.md, gVisor)"
  fi
fi
verify
