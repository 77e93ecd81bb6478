#!/usr/bin/env bash
# Makes sure a `prometheus` binary is on the PATH, for PrometheusScrapeIT (sandbox-server), which runs it itself on a
# loopback port with a temporary configuration and storage. Idempotent; installs Debian's package without starting
# its service (install-debian-binary.sh).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/install-debian-binary.sh" prometheus prometheus \
    "install Prometheus 2.x or 3.x and put its binary on the PATH"
