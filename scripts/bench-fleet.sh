#!/usr/bin/env bash
# Fleet benchmark: HOSTS simulated agents x DOMAINS domains against the local PostgreSQL, THREADS at
# once for SECONDS of sustained unchanged passes, then drift and report over the archive.
# Usage: scripts/bench-fleet.sh [HOSTS=1000] [DOMAINS=100] [THREADS=8] [SECONDS=20]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-host.sh
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.abiguard.archive.FleetBenchmark "${1:-1000}" "${2:-100}" "${3:-8}" "${4:-20}"
