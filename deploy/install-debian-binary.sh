#!/usr/bin/env bash
# Usage: install-debian-binary.sh BINARY PACKAGE WHAT-TO-INSTALL-ELSEWHERE
# Makes sure BINARY is on the PATH for tests that run it themselves (on loopback ports, with temporary directories).
# Idempotent: does nothing when it is there. Otherwise installs Debian's PACKAGE without starting the system service
# it ships: the tests must not depend on, or disturb, a service the machine may run for other purposes. On a system
# without apt-get it fails and says WHAT-TO-INSTALL-ELSEWHERE.
set -euo pipefail

if [ "$#" -ne 3 ]; then
    echo "usage: $0 BINARY PACKAGE WHAT-TO-INSTALL-ELSEWHERE" >&2
    exit 2
fi
binary=$1
package=$2
elsewhere=$3

if command -v "$binary" >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$binary is not installed and this is not a Debian-like system: $elsewhere" >&2
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
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$package"
command -v "$binary" >/dev/null
