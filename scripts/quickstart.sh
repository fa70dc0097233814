#!/usr/bin/env bash
# Quick start on a fresh Debian 12 machine, as root: install and start what abiguard needs,
# build it, install the launcher, and run the main job against the local libvirt with the
# embedded database under /var/lib/abiguard. Safe to run again: it rebuilds and re-runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-host.sh
echo "quickstart: building target/abiguard.jar" >&2
mvn -q -B -DskipTests package
install -D -m 0644 target/abiguard.jar /usr/local/lib/abiguard/abiguard.jar
install -D -m 0755 src/deb/abiguard /usr/local/bin/abiguard

echo "quickstart: the main job (abiguard audit: snapshot + drift + report) on qemu:///system," \
     "embedded PostgreSQL under /var/lib/abiguard" >&2
abiguard audit
echo "quickstart: a guided tour with three demo guests (abiguard demo; remove them with abiguard demo --clean)" >&2
abiguard demo
cat >&2 <<'MSG'

quickstart: done. Next:
  abiguard drift                    open drift of every archived domain
  abiguard history <domain>         versions archived for one domain
  abiguard audit                    archive again, drift, report (what the timer runs)
  abiguard demo --clean             remove the demo guests
MSG
