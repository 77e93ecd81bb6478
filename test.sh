#!/usr/bin/env bash
# Runs the whole test suite against a real Docker Engine. Does all set-up itself: starts (or installs and starts)
# an engine when none answers, installs Prometheus when missing (for PrometheusScrapeIT), builds the execution
# images when missing or outdated (through the library, compiled first), then builds with Maven and builds and runs
# a stand-alone application from the BOM (sandbox-examples/consumer-check).
# Extra arguments go to Maven, e.g. ./test.sh -pl sandbox-api
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

docker/ensure-engine.sh
# PrometheusScrapeIT runs a real Prometheus; the script installs Debian's package when none is on the PATH.
deploy/ensure-prometheus.sh
# The broker tests (sandbox-redis, sandbox-server's BrokerModesIT) run their own redis-server; installed when missing.
deploy/ensure-redis.sh
# Headless Chromium for the playground's browser test.
docker/ensure-browser.sh
# The images are built by the library itself (docker/build-images.sh runs the server jar's `images build`), so the
# jar and the example plugin are compiled first; the full build below finds them up to date. The plugin's image is
# built like any third-party plugin's: from the build context its jar (here: its classes) ships.
./mvnw -B -q -ntp package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -pl sandbox-server,sandbox-examples/lua-plugin -am
docker/build-images.sh --class-path sandbox-examples/lua-plugin/target/classes
# gVisor registered with the engine as the OCI runtime "runsc" (after the images: its check runs jsandbox/base:3),
# for GvisorSmokeIT; the whole suite under gVisor is the -Pgvisor profile (README, Testing).
docker/ensure-runsc.sh
# Podman's Docker-compatible API on /run/jsandbox-podman.sock with only the image PodmanSmokeIT needs (loading one
# takes about 20 s); the -Ppodman profile needs them all: docker/ensure-podman.sh without arguments.
docker/ensure-podman.sh jsandbox/python:3
# install, not verify: the consumer check below resolves the modules from the local repository, as an application
# does.
./mvnw -B -ntp install "$@"
if [[ $# -eq 0 ]]; then
    sandbox-examples/consumer-check/check.sh
else
    echo "test.sh: Maven arguments given, so the consumer check (which needs every module installed) is left out"
fi
