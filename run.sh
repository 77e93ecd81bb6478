#!/usr/bin/env bash
# Starts the jsandbox HTTP server in the foreground on http://127.0.0.1:4000 (see sandbox-server/README.md).
# Does all set-up itself: starts (or installs) a Docker Engine, builds the execution images when missing or
# outdated, and builds the server with Maven. Configure it with environment variables, e.g.
#   PORT=8080 JSANDBOX_API_KEY=$(openssl rand -hex 32) ./run.sh
# JAVA_OPTS passes options to the JVM, e.g. JAVA_OPTS=-Xmx1g ./run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

docker/ensure-engine.sh
docker/build-images.sh
./mvnw -B -q -ntp package -DskipTests -pl sandbox-server -am
# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
exec java ${JAVA_OPTS:-} -jar sandbox-server/target/jsandbox-server.jar
