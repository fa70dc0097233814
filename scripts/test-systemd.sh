#!/usr/bin/env bash
# Proves the Debian package and its systemd units under a real systemd: boots a minimal Debian 12
# container (debootstrap root cached in /var/cache/abiguard-ci, booted with systemd-nspawn, systemd as
# PID 1, the root mounted with a throwaway overlay so the cache stays clean), binds the host's libvirt
# socket in, installs target/abiguard_*_all.deb with apt, then checks: the audit service under its
# hardening, the timer, the daemon archiving a guest defined on the host through libvirt events and
# stopping with status 0 after its pass, the journal, and apt purge leaving nothing behind.
# Usage: scripts/test-systemd.sh [GUESTS]  (GUESTS extra guests on the host for the timing; default 0)
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf 'test-systemd: %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

cache=/var/cache/abiguard-ci/bookworm-root
deb="$(ls target/abiguard_*_all.deb 2>/dev/null | head -1)"
[ -n "$deb" ] || fail "no target/abiguard_*_all.deb: run mvn package first"
started=$(date +%s)

if [ ! -f "$cache/.complete" ]; then
  log "building the Debian 12 root in $cache (once; later runs reuse it)"
  rm -rf "$cache" && mkdir -p "$cache"
  # The package's dependencies go into the cached root, so later runs install only the .deb.
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,openjdk-17-jre-headless,libvirt0,libvirt-clients,util-linux,procps,man-db \
    bookworm "$cache" http://deb.debian.org/debian >/dev/null
  echo abiguard-ct > "$cache/etc/hostname"
  touch "$cache/.complete"
fi
log "root ready after $(( $(date +%s) - started )) s"

work="$(mktemp -d /var/tmp/abiguard-nspawn.XXXXXX)"
upper="$work/upper"; overlay_work="$work/work"; root="$work/root"
mkdir -p "$upper" "$overlay_work" "$root"
mount -t overlay overlay -o "lowerdir=$cache,upperdir=$upper,workdir=$overlay_work" "$root"
cp "$deb" "$root/root/"
nspawn_pid=""
cleanup() {
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill -TERM "$nspawn_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$nspawn_pid" 2>/dev/null || true
  fi
  umount "$root" 2>/dev/null || umount -l "$root" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

systemd-nspawn --quiet --register=no --keep-unit -D "$root" -b --bind=/run/libvirt \
  > "$work/console.log" 2>&1 &
nspawn_pid=$!
# The container's PID 1: the systemd process nspawn forks (found again until it is there to stay).
leader=""; state=""
in_ct() { nsenter -t "$leader" -m -u -i -n -p -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb "$@"; }
for _ in $(seq 1 300); do
  leader="$(pgrep -P "$nspawn_pid" -x systemd | head -1 || true)"
  if [ -n "$leader" ]; then
    state="$(in_ct systemctl is-system-running 2>/dev/null || true)"
    case "$state" in running|degraded) break ;; esac
  fi
  sleep 0.2
done
case "$state" in running|degraded) ;; *) fail "systemd did not come up in the container: $(tail -20 "$work/console.log")" ;; esac
log "systemd is PID 1 in the container ($state) after $(( $(date +%s) - started )) s"

in_ct apt-get install -y -qq --no-install-recommends "/root/$(basename "$deb")" >/dev/null 2>"$work/apt.err" \
  || fail "apt install: $(cat "$work/apt.err")"
in_ct test -x /usr/bin/abiguard || fail "no /usr/bin/abiguard"
in_ct test "$(in_ct stat -c %a /etc/abiguard/abiguard.conf)" = 600 || fail "abiguard.conf is not 0600"
in_ct man -w abiguard-drift >/dev/null 2>&1 || in_ct test -f /usr/share/man/man1/abiguard-drift.1.gz || fail "no abiguard-drift(1)"
in_ct test -f /usr/share/bash-completion/completions/abiguard || fail "no bash completion"
in_ct systemctl is-enabled abiguard-audit.timer >/dev/null 2>&1 && fail "the timer must not be enabled on install"

guests="${1:-0}"
bench_xml() {
  cat <<XML
<domain type='qemu'><name>abiguard-ct-bench-$1</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><interface type='user'><model type='virtio'/></interface>
<memballoon model='virtio'/></devices></domain>
XML
}
if [ "$guests" -gt 0 ]; then
  log "defining $guests guests on the host for the timing"
  for i in $(seq 1 "$guests"); do bench_xml "$i" | virsh -q -c qemu:///system define /dev/stdin >/dev/null; done
  trap 'for i in $(seq 1 "$guests"); do virsh -q -c qemu:///system undefine "abiguard-ct-bench-$i" >/dev/null 2>&1; done; cleanup' EXIT
fi
log "abiguard-audit.service under its hardening ($(virsh -q -c qemu:///system list --all --name | grep -c .) guests on the host)"
a0=$(date +%s.%N)
in_ct systemctl start abiguard-audit.service || { in_ct journalctl -u abiguard-audit.service --no-pager | tail -30 >&2; fail "audit service"; }
a1=$(date +%s.%N)
[ "$(in_ct systemctl show -p ExecMainStatus --value abiguard-audit.service)" = 0 ] || fail "audit exit status"
in_ct test -s /var/lib/abiguard/reports/latest.html || fail "no latest.html"
in_ct test -d /var/lib/abiguard/pgdata || fail "no archive (embedded PostgreSQL data)"
in_ct systemctl start abiguard-audit.service || fail "second audit"
a2=$(date +%s.%N)
awk -v a="$a0" -v b="$a1" -v c="$a2" 'BEGIN { printf "test-systemd: audit wall time: first %.2f s (creates the embedded database), next %.2f s\n", b - a, c - b }' >&2

in_ct systemctl enable --now abiguard-audit.timer >/dev/null 2>&1 || fail "enable timer"
in_ct systemctl list-timers --all --no-pager | grep -q abiguard-audit.timer || fail "timer not listed"
in_ct systemctl disable --now abiguard-audit.timer >/dev/null 2>&1

log "abiguard.service (daemon): an event from the host's libvirtd"
log "installed; $(( $(date +%s) - started )) s so far"
in_ct systemctl start abiguard.service
for _ in $(seq 1 150); do
  in_ct journalctl -u abiguard.service --no-pager 2>/dev/null | grep -q "Daemon - audit: " && break; sleep 0.2
done
guest="abiguard-ct-$$"
img="/var/lib/libvirt/images/abiguard-test/$guest.img"
mkdir -p "$(dirname "$img")" && truncate -s 16M "$img"
virsh -q -c qemu:///system define /dev/stdin >/dev/null <<XML
<domain type='qemu'><name>$guest</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><disk type='file' device='disk'>
<source file='$img'/><target dev='vda' bus='virtio'/></disk></devices></domain>
XML
archived=no
for _ in $(seq 1 100); do
  if in_ct journalctl -u abiguard.service --no-pager 2>/dev/null | grep -q "libvirt event: archived, [1-9]"; then archived=yes; break; fi
  sleep 0.1
done
virsh -q -c qemu:///system undefine "$guest" >/dev/null; rm -f "$img"
[ $archived = yes ] || { in_ct journalctl -u abiguard.service --no-pager | tail -30 >&2; fail "the event was not archived within 10 s"; }
in_ct systemctl stop abiguard.service
status="$(in_ct systemctl show -p ExecMainStatus --value abiguard.service)"
[ "$status" = 0 ] || { in_ct journalctl -u abiguard.service --no-pager | tail -20 >&2; fail "daemon stop status $status"; }
in_ct journalctl -u abiguard.service --no-pager | grep -q "daemon stopped after" || fail "no stop line in the journal"
in_ct journalctl -u abiguard-audit.service --no-pager | grep -q "hv\|domains" || fail "journal of the audit"

log "apt purge"
in_ct apt-get purge -y -qq abiguard >/dev/null 2>"$work/purge.err" || fail "purge: $(cat "$work/purge.err")"
for f in /usr/bin/abiguard /lib/systemd/system/abiguard.service /lib/systemd/system/abiguard-audit.service \
         /lib/systemd/system/abiguard-audit.timer /etc/abiguard /usr/share/abiguard; do
  in_ct test ! -e "$f" || fail "$f left after purge"
done
in_ct test -d /var/lib/abiguard || fail "the archive must be kept on purge"
log "ok in $(( $(date +%s) - started )) s (package $(stat -c %s "$deb") bytes)"
