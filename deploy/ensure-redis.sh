#!/usr/bin/env bash
# Makes sure a `redis-server` binary (Redis >= 6.2, for XAUTOCLAIM) is on the PATH, for sandbox-redis's and
# sandbox-server's broker tests, which run their own redis-server processes on free loopback ports with temporary
# directories. Idempotent; installs Debian's package without starting its service (install-debian-binary.sh).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/install-debian-binary.sh" redis-server redis-server \
    "install Redis 6.2 or later and put its redis-server binary on the PATH"
