#!/usr/bin/env bash
# preflight against the obvious alternative: GUESTS definitions judged from this host's capabilities, against
# defining a copy of each on this host, reading it back and undefining it. Prints medians and the ratio.
# Usage: scripts/bench-preflight.sh [GUESTS=100] [ROUNDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-host.sh
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.abiguard.preflight.PreflightBenchmark "${1:-100}" "${2:-5}"
