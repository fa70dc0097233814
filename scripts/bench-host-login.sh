#!/usr/bin/env bash
# What row-level security costs a pass: unchanged passes written by the owner login and by host logins
# (db grant-host), interleaved, against the local PostgreSQL. Prints p50/p90 of each and the ratio.
# Usage: scripts/bench-host-login.sh [HOSTS=10] [DOMAINS=100] [ROUNDS=30]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-host.sh
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.abiguard.archive.HostLoginBenchmark "${1:-10}" "${2:-100}" "${3:-30}"
