#!/usr/bin/env bash
# Starts the jsandbox HTTP server in the foreground on http://127.0.0.1:4000 (see sandbox-server/README.md).
# Does all set-up itself: starts (or installs) a Docker Engine, builds the execution images when missing or
# outdated, and builds the server with Maven. Configure it with environment variables, e.g.
#   PORT=8080 JSANDBOX_API_KEY=$(openssl rand -hex 32) ./run.sh
# JAVA_OPTS passes options to the JVM, e.g. JAVA_OPTS=-Xmx1g ./run.sh
# The environment passes through, so the same script starts each role of a scaled-out deployment (see
# sandbox-server/README.md#scaling-out), e.g.
#   JSANDBOX_MODE=api    JSANDBOX_REDIS_URL=redis://:password@127.0.0.1:6379 ./run.sh
#   JSANDBOX_MODE=worker JSANDBOX_REDIS_URL=redis://:password@127.0.0.1:6379 PORT=4001 ./run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# An api node runs nothing itself: it needs neither an engine nor the images.
if [[ "${JSANDBOX_MODE:-standalone}" != "api" ]]; then
    docker/ensure-engine.sh
    docker/build-images.sh
fi
./mvnw -B -q -ntp package -DskipTests -pl sandbox-server -am
# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
exec java ${JAVA_OPTS:-} -jar sandbox-server/target/jsandbox-server.jar
