#!/usr/bin/env bash
# Builds the image jsandbox/server:1 of the HTTP server (docker/server/Dockerfile) from the shaded jar.
# Builds the jar with Maven first when it is missing; run docker/build-images.sh before (the base image).
#
# Usage: docker/server/build.sh [--rebuild-jar]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

readonly TAG=jsandbox/server:1
readonly JAR=sandbox-server/target/jsandbox-server.jar

if [ "${1:-}" = --rebuild-jar ] || [ ! -f "$JAR" ]; then
  ./mvnw -B -q -ntp package -DskipTests -pl sandbox-server -am
fi
docker image inspect jsandbox/base:3 >/dev/null 2>&1 || { echo "jsandbox/base:3 is missing: run docker/build-images.sh" >&2; exit 1; }

# A context of two files: the repository (with its target/ and .git/) would be sent to the engine otherwise.
ctx="$(mktemp -d /tmp/jsandbox-server-ctx.XXXXXX)"
trap 'rm -rf "$ctx"' EXIT
cp docker/server/Dockerfile "$JAR" "$ctx/"
DOCKER_BUILDKIT=0 docker build -q -t "$TAG" "$ctx" >/dev/null
echo "built $TAG; start it with: DOCKER_GID=\$(stat -c %g /var/run/docker.sock) docker compose -f docker/server/compose.yaml up"
