#!/usr/bin/env bash
# Runs the whole test suite against a real Docker Engine. Does all set-up itself: starts (or installs and starts)
# an engine when none answers, installs Prometheus when missing (for PrometheusScrapeIT), builds the execution
# images when missing or outdated, then builds with Maven and builds and runs a stand-alone application from the BOM
# (sandbox-examples/consumer-check).
# Extra arguments go to Maven, e.g. ./test.sh -pl sandbox-api
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

docker/ensure-engine.sh
# PrometheusScrapeIT runs a real Prometheus; the script installs Debian's package when none is on the PATH.
deploy/ensure-prometheus.sh
# Headless Chromium for the playground's browser test.
docker/ensure-browser.sh
# The example plugin's image is built like any third-party plugin's: with --extra.
docker/build-images.sh --extra jsandbox-examples/lua:3=sandbox-examples/lua-plugin/docker
# install, not verify: the consumer check below resolves the modules from the local repository, as an application
# does.
./mvnw -B -ntp install "$@"
if [[ $# -eq 0 ]]; then
    sandbox-examples/consumer-check/check.sh
else
    echo "test.sh: Maven arguments given, so the consumer check (which needs every module installed) is left out"
fi
