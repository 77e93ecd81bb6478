#!/usr/bin/env bash
# Builds the execution images. A thin wrapper over the library's image builder (sandbox-docker's ImageBuilder), the
# one implementation, which `java -jar jsandbox-server.jar images build` runs on any OS: this script builds the
# server jar with Maven when it is missing or older than the sources, then runs that command. Idempotent: an image
# whose build context (and parent) did not change is kept, so a second run takes a few seconds.
#
# Usage: docker/build-images.sh [options] [IMAGE ...]
#   IMAGE              base, python, node, gcc, java or go (default: all of them); base is always kept up to date
#   --class-path PATH  a plugin's jar (or classes directory) whose languages' images are built too, from the build
#                      contexts it ships (LanguageRuntime.imageRecipe); may be repeated
#   --language ID      build the image of this language (e.g. one of a --class-path plugin); may be repeated
#   --extra TAG=DIR    also build the Dockerfile in DIR as TAG (FROM ${BASE_IMAGE}); may be repeated. Combine with
#                      `base` alone to build only the extra images.
#   --ca-bundle FILE   PEM bundle trusted by HTTPS downloads inside the build (npm). Needed behind TLS-inspecting
#                      proxies. Default: $JSANDBOX_BUILD_CA_BUNDLE, else the host's
#                      /etc/ssl/certs/ca-certificates.crt when it exists. The bundle is used by the download
#                      stage only and never ends up in an execution image.
#   --no-ca-bundle     trust only the certificates inside the image
#   --root-image IMG   a Debian bookworm image to build on (default: $JSANDBOX_ROOT_IMAGE, else debian:bookworm-slim
#                      if present or pullable, else one is made locally with debootstrap and imported)
#   --force            rebuild every image, without the layer cache
# The debootstrap mirror is $DEBIAN_MIRROR (default http://deb.debian.org/debian). Maven options for building the
# jar go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o).
#
# Images are tagged jsandbox/NAME:3, where 3 is the contract version between the library and the images (runner
# protocol, paths, user); the library refuses images of another version.
set -euo pipefail

readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT="$(dirname "$HERE")"
readonly JAR="$ROOT/sandbox-server/target/jsandbox-server.jar"

log() { printf '[build-images] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

args=(build)
class_path="$JAR"
[ -z "${JSANDBOX_BUILD_CA_BUNDLE:-}" ] || args+=(--ca-bundle "$JSANDBOX_BUILD_CA_BUNDLE")
[ -z "${JSANDBOX_ROOT_IMAGE:-}" ] || args+=(--root-image "$JSANDBOX_ROOT_IMAGE")
[ -z "${DEBIAN_MIRROR:-}" ] || args+=(--debian-mirror "$DEBIAN_MIRROR")
while [ $# -gt 0 ]; do
  case "$1" in
    --ca-bundle) [ -f "${2:-}" ] || die "--ca-bundle ${2:-}: no such file"; args+=(--ca-bundle "$2"); shift 2 ;;
    --no-ca-bundle|--force) args+=("$1"); shift ;;
    --root-image|--language) args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --extra) [[ "${2:-}" == *=* ]] || die "--extra wants TAG=DIR, got '${2:-}'"
             args+=(--extra "${2%%=*}=$(cd "${2#*=}" && pwd)"); shift 2 ;;
    --class-path) [ -e "${2:-}" ] || die "--class-path ${2:-}: no such file or directory"
                  class_path="$class_path:$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    # An image serves one or more languages; building one of them builds the image.
    base) args+=(--language base); shift ;;
    python) args+=(--language python); shift ;;
    node) args+=(--language javascript); shift ;;
    gcc) args+=(--language c); shift ;;
    java) args+=(--language java); shift ;;
    go) args+=(--language go); shift ;;
    *) die "unknown image '$1' (known: base python node gcc java go)" ;;
  esac
done

command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 \
  || die "no Docker Engine answers; run docker/ensure-engine.sh first"

# The jar carries the build contexts (docker/*) and the builder: rebuild it when anything it is made of changed.
if [ ! -f "$JAR" ] || [ -n "$(cd "$ROOT" && find pom.xml sandbox-api sandbox-docker sandbox-languages sandbox-http \
    sandbox-micrometer sandbox-server docker/base docker/python docker/node docker/gcc docker/java docker/go \
    -newer "$JAR" -type f -not -path '*/target/*' -not -path '*/src/test/*' -print -quit)" ]; then
  log "building $JAR with Maven"
  (cd "$ROOT" && ./mvnw -B -q -ntp package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -pl sandbox-server -am) || die "building the server jar failed (Maven's output above)"
fi
exec java -cp "$class_path" dev.jsandbox.server.SandboxServerMain images "${args[@]}"
