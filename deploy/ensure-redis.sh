#!/usr/bin/env bash
# Makes sure a `redis-server` binary (Redis >= 6.2, for XAUTOCLAIM) is on the PATH, for sandbox-redis's and
# sandbox-server's broker tests, which run their own redis-server processes on free loopback ports with temporary
# directories. Idempotent: does nothing when one is there. Installs Debian's package without starting its system
# service: the tests must not depend on, or disturb, a Redis the machine may run for other purposes.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "redis-server is not installed and this is not a Debian-like system: install Redis 6.2 or later" \
        "and put its redis-server binary on the PATH" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
# policy-rc.d exit 101 tells invoke-rc.d not to start the service the package ships.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod +x "$policy"
    created_policy=true
fi
trap '[ "$created_policy" = true ] && $SUDO rm -f "$policy"' EXIT
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends redis-server
command -v redis-server >/dev/null
