#!/usr/bin/env bash
# The gate's cost in a guest start (a benchmark, not a test). Installs the gate (enforce) on this host's
# libvirtd with the built jar, then measures over N runs each: the hook decision alone as libvirt runs it
# (the hook script, the domain XML on stdin, JVM start included) for an unchanged guest and for a changed
# one, and `virsh start` with the hook and, after removing it, without. Prints p50/p95 in milliseconds.
# Leaves libvirtd without the hook. Usage: scripts/bench-gate.sh [N]   (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100}"
bash scripts/setup-host.sh >/dev/null 2>&1
[ -f target/abiguard.jar ] || mvn -q -B -DskipTests package
jar="$PWD/target/abiguard.jar"; launcher="$PWD/src/deb/abiguard"
state="$(mktemp -d /var/tmp/abiguard-bench-gate.XXXXXX)"
guest="abiguard-bench-gate-$$"; img="/var/lib/libvirt/images/abiguard-test/$guest.img"
ab() { ABIGUARD_STATE_DIR="$state" ABIGUARD_JAR="$jar" ABIGUARD_HOST=bench-gate "$launcher" "$@"; }
restart_libvirtd() {
  pkill -u root -x libvirtd || true
  for _ in $(seq 1 40); do pgrep -u root -x libvirtd >/dev/null || break; sleep 0.25; done
  libvirtd -d; for _ in $(seq 1 60); do virsh -c qemu:///system version >/dev/null 2>&1 && return; sleep 0.5; done
}
cleanup() {
  ab gate uninstall >/dev/null 2>&1 || true
  virsh -q -c qemu:///system destroy "$guest" >/dev/null 2>&1 || true
  virsh -q -c qemu:///system undefine "$guest" >/dev/null 2>&1 || true
  rm -rf "$state" "$img"; restart_libvirtd
}
trap cleanup EXIT
mkdir -p "$(dirname "$img")"; truncate -s 16M "$img"
virsh -q -c qemu:///system define /dev/stdin >/dev/null <<XML
<domain type='qemu'><name>$guest</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features><devices>
<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='$img'/><target dev='vda' bus='virtio'/></disk>
<interface type='user'><model type='virtio'/></interface><memballoon model='virtio'/></devices></domain>
XML
ab snapshot >/dev/null 2>&1
ab gate install --mode enforce --command "env ABIGUARD_JAR=$jar $launcher" >/dev/null
restart_libvirtd
hook=/etc/libvirt/hooks/qemu.d/abiguard
unchanged="$(virsh -q -c qemu:///system dumpxml --inactive "$guest")"
changed="$(printf '%s' "$unchanged" | sed "s/<memory unit='KiB'>32768</<memory unit='KiB'>49152</")"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
stats() { sort -n | awk '{a[NR]=$1} END {printf "p50 %d ms, p95 %d ms (n=%d)", a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)], NR}'; }
for kind in unchanged changed; do
  xml="$unchanged"; [ $kind = changed ] && xml="$changed"
  for _ in $(seq 1 "$n"); do
    t=$(date +%s%N); printf '%s' "$xml" | "$hook" "$guest" prepare begin - >/dev/null 2>&1 || true; ms "$t"
  done | stats > "$state/hook-$kind"
done
startloop() { for _ in $(seq 1 "$n"); do
  t=$(date +%s%N); virsh -q -c qemu:///system start "$guest" >/dev/null; ms "$t"
  virsh -q -c qemu:///system destroy "$guest" >/dev/null; done | stats; }
with="$(startloop)"
ab gate uninstall >/dev/null; restart_libvirtd
without="$(startloop)"
echo "hook decision, unchanged guest (JVM start included): $(cat "$state/hook-unchanged")"
echo "hook decision, changed guest (full comparison):      $(cat "$state/hook-changed")"
echo "virsh start with the gate (enforce):                 $with"
echo "virsh start without the gate:                        $without"
