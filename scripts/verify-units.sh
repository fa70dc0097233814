#!/usr/bin/env bash
# Runs `systemd-analyze verify` on every unit in systemd/. The units name the installed launcher
# (/usr/bin/abiguard, from the Debian package); where it is not installed, a copy of the units pointing at this
# checkout's launcher is verified instead, so the check does not depend on an install.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher="$(readlink -f src/deb/abiguard)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for unit in systemd/*.service systemd/*.timer; do
  sed "s|/usr/bin/abiguard|$launcher|g" "$unit" > "$work/$(basename "$unit")"
done
status=0
for unit in "$work"/*.service "$work"/*.timer; do
  # Any message is a finding: an unknown key, a bad value, a missing executable.
  if out="$(systemd-analyze verify "$unit" 2>&1)" && [ -z "$out" ]; then
    echo "verify-units: $(basename "$unit") ok"
  else
    echo "verify-units: $(basename "$unit") FAILED:"; echo "$out" | sed 's/^/  /'
    status=1
  fi
done
exit $status
