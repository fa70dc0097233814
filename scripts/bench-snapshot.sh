#!/usr/bin/env bash
# Host-pass benchmark: N guests (default 500) defined on the local libvirtd, steady-state in-process
# snapshot pass vs. a `virsh dumpxml --inactive` shell loop, RUNS (default 5) alternating runs each.
# Usage: scripts/bench-snapshot.sh [N[,N...]] [RUNS]   e.g. 100,500,1000 5 (needs target/abiguard.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-host.sh
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.abiguard.bench.SnapshotBenchmark "${1:-500}" "${2:-5}"
