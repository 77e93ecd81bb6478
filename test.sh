#!/usr/bin/env bash
# Runs the whole test suite against a real Docker Engine. Does all set-up itself: starts (or installs and starts)
# an engine when none answers, builds the execution images when missing or outdated, then builds with Maven.
# Extra arguments go to Maven, e.g. ./test.sh -pl sandbox-api
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

docker/ensure-engine.sh
# Headless Chromium for the playground's browser test.
docker/ensure-browser.sh
# The example plugin's image is built like any third-party plugin's: with --extra.
docker/build-images.sh --extra jsandbox-examples/lua:2=sandbox-examples/lua-plugin/docker
./mvnw -B -ntp verify "$@"
