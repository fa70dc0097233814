#!/usr/bin/env bash
# The whole test suite against real services: installs/starts libvirtd (QEMU driver) and
# PostgreSQL through scripts/setup-host.sh, checks the systemd units with systemd-analyze verify,
# then runs `mvn verify` (unit and integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-host.sh
bash scripts/verify-units.sh
exec mvn -B verify "$@"
