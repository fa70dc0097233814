#!/usr/bin/env bash
# The whole test suite against real services: installs/starts libvirtd (QEMU driver) and
# PostgreSQL through scripts/setup-host.sh, checks the systemd units with systemd-analyze verify,
# runs `mvn verify` (unit and integration tests; it also builds target/abiguard_*_all.deb), checks
# the package with lintian, and proves the package and its units under a real systemd in a Debian 12
# container (scripts/test-systemd.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-host.sh --for-tests
bash scripts/verify-units.sh
mvn -B verify "$@"
bash scripts/lint-package.sh
exec bash scripts/test-systemd.sh
