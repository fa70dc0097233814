#!/usr/bin/env bash
# Installs abiguard on this host as root: the jar, the launcher, the systemd units and an example
# environment file (kept if one exists). Then enable ONE of:
#   systemctl enable --now abiguard-audit.timer   # a oneshot audit every 15 min and after boot
#   systemctl enable --now abiguard.service       # the daemon (events, Quartz jobs)
# Run from a checkout after `mvn package` (or scripts/quickstart.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
test -f target/abiguard.jar || { echo "install-units: build first (mvn -DskipTests package)" >&2; exit 2; }
install -D -m 0644 target/abiguard.jar /usr/local/lib/abiguard/abiguard.jar
install -D -m 0755 src/deb/abiguard /usr/local/bin/abiguard
# The units name the packaged launcher, /usr/bin/abiguard; from a checkout it lives in /usr/local/bin.
for unit in abiguard-audit.service abiguard-audit.timer abiguard.service; do
  sed "s|/usr/bin/abiguard|/usr/local/bin/abiguard|g" "systemd/$unit" > "/etc/systemd/system/$unit"
  chmod 0644 "/etc/systemd/system/$unit"
done
install -d -m 0750 /etc/abiguard
[ -e /etc/abiguard/abiguard.env ] || install -m 0600 systemd/abiguard.env.example /etc/abiguard/abiguard.env
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  echo "install-units: installed; enable the timer or the daemon (see the README)" >&2
else
  echo "install-units: installed; systemd is not running here, so nothing was reloaded" >&2
fi
