#!/usr/bin/env bash
# Runs the side-by-side benchmark (original design, pool off, pool on, bare process) and writes
# benchmark-results/benchmark.md. Does the same set-up as test.sh. Options go to the benchmark, e.g.
#   ./benchmark.sh --runs 50 --duration 10 --languages python,c
#   ./benchmark.sh --tables latency,refill,engine,idle    # default: judge,latency,refill,engine,idle
#   ./benchmark.sh --tables latency --oci-runtime runsc   # adds pool off/on under gVisor (docker/ensure-runsc.sh)
# sandbox-benchmark/engine-cpu.sh wraps it to measure the engine's CPU per execution (docs/benchmark.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

docker/ensure-engine.sh
docker/build-images.sh
./mvnw -B -q -ntp install -DskipTests -pl sandbox-benchmark -am
# A JVM of its own, so that the heap figures are the library's and not Maven's. JAVA_OPTS goes to it, e.g.
# JAVA_OPTS=-Xmx64m ./benchmark.sh shows the library sustaining the load within a 64 MiB heap.
exec ./mvnw -B -q -ntp -pl sandbox-benchmark exec:exec -Dexec.executable=java -Dexec.workingdir="$PWD" \
  -Dexec.args="${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp %classpath dev.jsandbox.benchmark.Benchmark $*"
