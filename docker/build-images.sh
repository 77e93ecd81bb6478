#!/usr/bin/env bash
# Builds the execution images. Idempotent: an image whose build context (and parent) did not change is kept,
# so a second run takes a few seconds.
#
# Usage: docker/build-images.sh [options] [IMAGE ...]
#   IMAGE              one of the names in ALL_IMAGES below (default: all of them); base is always kept up to date
#   --extra TAG=DIR    also build the Dockerfile in DIR as TAG (FROM ${BASE_IMAGE}), e.g. a plugin's image; may
#                      be repeated. Combine with `base` alone to build only the extra images.
#   --ca-bundle FILE   PEM bundle trusted by HTTPS downloads inside the build (npm). Needed behind TLS-inspecting
#                      proxies. Default: $JSANDBOX_BUILD_CA_BUNDLE, else the host's
#                      /etc/ssl/certs/ca-certificates.crt when it exists. The bundle is used by the download
#                      stage only and never ends up in an execution image.
#   --no-ca-bundle     trust only the certificates inside the image
#   --root-image IMG   a Debian bookworm image to build on (default: debian:bookworm-slim if present or
#                      pullable, else one is made locally with debootstrap and `docker import`)
#   --force            rebuild even when up to date
#
# Images are tagged jsandbox/NAME:$IMAGE_VERSION. The version changes when the contract between the library and
# the images changes (runner protocol, paths, user); the library refuses images of another version.
set -euo pipefail

readonly IMAGE_VERSION=3
readonly PREFIX=jsandbox
readonly ALL_IMAGES=(base python node gcc java go)
readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly BOOTSTRAP_IMAGE="$PREFIX/debian-bootstrap:bookworm"
readonly DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { printf '[build-images] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

ca_bundle="${JSANDBOX_BUILD_CA_BUNDLE:-}"
[ -n "$ca_bundle" ] || { [ -f /etc/ssl/certs/ca-certificates.crt ] && ca_bundle=/etc/ssl/certs/ca-certificates.crt; } || true
root_image="${JSANDBOX_ROOT_IMAGE:-}"
force=0
requested=()
extras=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ca-bundle) ca_bundle="$2"; [ -f "$ca_bundle" ] || die "--ca-bundle $ca_bundle: no such file"; shift 2 ;;
    --no-ca-bundle) ca_bundle=""; shift ;;
    --root-image) root_image="$2"; shift 2 ;;
    --extra) [[ "$2" == *=* ]] || die "--extra wants TAG=DIR, got '$2'"; extras+=("$2"); shift 2 ;;
    --force) force=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) requested+=("$1"); shift ;;
  esac
done
[ ${#requested[@]} -gt 0 ] || requested=("${ALL_IMAGES[@]}")

image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
image_label() { docker image inspect --format "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# A Debian bookworm root to build on: an existing image, a pulled one, or one made here without any registry.
resolve_root_image() {
  if [ -n "$root_image" ]; then echo "$root_image"; return; fi
  for candidate in debian:bookworm-slim "$BOOTSTRAP_IMAGE"; do
    if [ -n "$(image_id "$candidate")" ]; then echo "$candidate"; return; fi
  done
  if timeout 120 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then echo debian:bookworm-slim; return; fi
  log "no registry reachable: making $BOOTSTRAP_IMAGE with debootstrap from $DEBIAN_MIRROR"
  if ! command -v debootstrap >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
      || die "debootstrap is missing; install it (apt-get install debootstrap) or pass --root-image"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null; }
  fi
  local rootfs
  rootfs="$(mktemp -d /tmp/jsandbox-rootfs.XXXXXX)"
  debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >/tmp/jsandbox-debootstrap.log 2>&1 \
    || { tail -n 20 /tmp/jsandbox-debootstrap.log >&2; die "debootstrap failed (log above)"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - "$BOOTSTRAP_IMAGE" >/dev/null
  rm -rf "$rootfs"
  echo "$BOOTSTRAP_IMAGE"
}

# Hash of a build context plus its parent image id: the image is up to date when its label carries the same hash.
context_hash() {
  local dir="$1" parent_id="$2"
  { (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); echo "$parent_id"; } \
    | sha256sum | cut -c1-16
}

# Builds DIR as TAG on PARENT. The context is copied so that the CA bundle can join it without touching the tree.
build_one() {
  local tag="$1" dir="$2" parent="$3"
  [ -f "$dir/Dockerfile" ] || die "$dir/Dockerfile not found"
  local parent_id hash
  parent_id="$(image_id "$parent")"
  [ -n "$parent_id" ] || die "parent image $parent of $tag is missing"
  hash="$(context_hash "$dir" "$parent_id")"
  if [ "$force" = 0 ] && [ "$(image_label "$tag" dev.jsandbox.context-hash)" = "$hash" ]; then
    log "$tag is up to date"
    return
  fi
  log "building $tag from ${dir#"$HERE"/}"
  local ctx
  ctx="$(mktemp -d /tmp/jsandbox-ctx.XXXXXX)"
  cp -R "$dir/." "$ctx/"
  if [ -n "$ca_bundle" ]; then cp "$ca_bundle" "$ctx/build-ca.crt"; else : >"$ctx/build-ca.crt"; fi
  local started=$SECONDS
  DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE_IMAGE=$parent" -t "$tag" \
    --label "dev.jsandbox.image.version=$IMAGE_VERSION" --label "dev.jsandbox.context-hash=$hash" "$ctx" \
    >/tmp/jsandbox-build.log 2>&1 || { tail -n 30 /tmp/jsandbox-build.log >&2; rm -rf "$ctx"; die "building $tag failed"; }
  # The image knows its own language versions (/etc/jsandbox/versions, lines "runtime-id=version", written
  # by its Dockerfile). Copy them into labels so the library reads them with one image inspection.
  local labels=() line
  while IFS= read -r line; do
    [ -n "$line" ] && labels+=(--label "dev.jsandbox.runtime.${line%%=*}.version=${line#*=}")
  done < <(docker run --rm --network none --entrypoint /bin/cat "$tag" /etc/jsandbox/versions 2>/dev/null || true)
  if [ ${#labels[@]} -gt 0 ]; then
    printf 'FROM %s\n' "$tag" | DOCKER_BUILDKIT=0 docker build -q "${labels[@]}" -t "$tag" - >/tmp/jsandbox-build.log 2>&1 \
      || { tail -n 30 /tmp/jsandbox-build.log >&2; die "labelling $tag failed"; }
  fi
  rm -rf "$ctx"
  log "built $tag in $((SECONDS - started)) s"
}

command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 \
  || die "no Docker Engine answers; run docker/ensure-engine.sh first"

base_tag="$PREFIX/base:$IMAGE_VERSION"
build_one "$base_tag" "$HERE/base" "$(resolve_root_image)"
for name in "${requested[@]}"; do
  [ "$name" = base ] && continue
  [ -d "$HERE/$name" ] || die "unknown image '$name' (known: ${ALL_IMAGES[*]})"
  build_one "$PREFIX/$name:$IMAGE_VERSION" "$HERE/$name" "$base_tag"
done
for extra in ${extras[@]+"${extras[@]}"}; do
  build_one "${extra%%=*}" "$(cd "${extra#*=}" && pwd)" "$base_tag"
done
# Replaced images and finished build stages (compilers, npm) would otherwise pile up on developer machines; only
# untagged images carrying this project's labels are pruned.
docker image prune -f --filter "label=dev.jsandbox.image.version" >/dev/null 2>&1 || true
docker image prune -f --filter "label=dev.jsandbox.build-stage" >/dev/null 2>&1 || true
