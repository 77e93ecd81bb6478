#!/usr/bin/env bash
# Measures the CPU the Docker engine spends per execution, shims and short-lived runc processes included. Run as
# root on the engine's host (Linux, cgroup v1 cpuacct, as Debian's docker.io sets it up). It moves dockerd and
# containerd into a cpuacct cgroup of their own for the run: cpuacct only counts, it limits nothing, and everything
# they fork (containerd-shim-runc-v2, every runc create/start/kill/delete) inherits it, so the cgroup's
# cpuacct.usage holds the engine's whole cost however briefly a process lived. The containers' own processes are
# not in it: runc moves them into their container cgroup. The benchmark's engine table reads the counters right
# before and after its load (HostCpu.java); on exit the daemons and shims go back to the root cgroup.
#   sandbox-benchmark/engine-cpu.sh                       # ./benchmark.sh --tables engine --languages python
#   sandbox-benchmark/engine-cpu.sh ./benchmark.sh --tables engine --languages python --duration 30
# It also counts the containers that every client of the engine started during the benchmark's load window.
set -euo pipefail
root=/sys/fs/cgroup/cpuacct
group=$root/jsandbox-engine-cost
[ -w "$root/cgroup.procs" ] || { echo "needs root and a cgroup v1 cpuacct hierarchy at $root" >&2; exit 2; }
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p "$group"
restore() {
  while read -r pid; do echo "$pid" > "$root/cgroup.procs" 2>/dev/null || true; done < "$group/cgroup.procs"
  rmdir "$group" 2>/dev/null || true
}
trap restore EXIT
for daemon in dockerd containerd; do
  for pid in $(pgrep -x "$daemon"); do echo "$pid" > "$group/cgroup.procs"; done
done
if [ $# -eq 0 ]; then set -- ./benchmark.sh --tables engine --languages python; fi
# Other clients of a shared engine start containers too, and their lifecycles land in the same counters: every
# container start is logged with its time, so the engine's CPU can be divided by all the containers started in the
# benchmark's window as well as by its own executions.
events=$(mktemp)
docker events --filter type=container --filter event=start --format '{{.TimeNano}} {{index .Actor.Attributes "dev.jsandbox.instance"}}' > "$events" &
watcher=$!
"$@"
kill "$watcher" 2>/dev/null || true
# The report the benchmark wrote: benchmark.sh's default, or ENGINE_CPU_REPORT when the command has --output.
window=$(grep -o 'window: [0-9.]* to [0-9.]*' "${ENGINE_CPU_REPORT:-benchmark-results/benchmark.md}" 2>/dev/null | tail -1 || true)
if [ -n "$window" ]; then
  read -r _ from _ to <<<"$window"
  awk -v from="$from" -v to="$to" '{ t = $1 / 1e9; if (t >= from && t <= to) n++ } END { printf "containers started on the engine by all clients in the window: %d\n", n }' "$events"
fi
rm -f "$events"
