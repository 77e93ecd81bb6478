#!/usr/bin/env bash
# Starts jsandbox. Does all set-up itself (engine, images, build), then runs the embedding example.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

docker/ensure-engine.sh
docker/build-images.sh
./mvnw -B -q -ntp install -DskipTests
exec ./mvnw -B -q -ntp -pl sandbox-examples exec:java -Dexec.mainClass=dev.jsandbox.examples.HelloSandbox "$@"
