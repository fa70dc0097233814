#!/usr/bin/env bash
# What libvirt as the judge costs a pass (a benchmark, not a test): N guests (default 1000) archived, CHANGED
# (default 100) redefined, then the pass alone, the judging step after it, an unchanged pass with its judging
# step, and a `virsh save-image-define` process per pair for the same pairs. RUNS (default 3) runs, medians.
# Usage: scripts/bench-judge.sh [N] [CHANGED] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-host.sh
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.abiguard.bench.JudgeBenchmark "${1:-1000}" "${2:-100}" "${3:-3}"
