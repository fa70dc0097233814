#!/usr/bin/env bash
# Compare benchmark: builds the oracle corpus on the local libvirtd, then measures compares/s of
# changed and unchanged pairs on one thread and a textual `diff -q` over the same pairs.
# Usage: scripts/bench-compare.sh [SECONDS_PER_RUN] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-host.sh --for-tests
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
exec java ${BENCH_JAVA_OPTS:-} -XX:ActiveProcessorCount=1 -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.abiguard.drift.CompareBenchmark "${1:-3}" "${2:-5}"
