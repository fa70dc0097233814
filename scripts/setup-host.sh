#!/usr/bin/env bash
# Installs and starts what abiguard and its tests need on a Debian 12 host, as root.
# Idempotent: a second run installs nothing, starts nothing already running, and takes seconds.
#   - libvirtd with the QEMU driver (without libvirt-daemon-system: no systemd units needed),
#     virtlogd (needed to start guests), qemu-system-x86
#   - the local PostgreSQL 15 cluster, with a superuser role "abiguard" (password "abiguard")
#     on 127.0.0.1 for the test suite
#   - Java 17 and Maven for the build
# With --for-tests (scripts/test.sh), also what only the test suite needs:
#   - Debian's chromium for the report's headless render test
#   - libvirt 9.0.0's test-suite XML under /var/cache/abiguard-ci (drift engine test)
#   - debootstrap, systemd-nspawn and lintian for the package test (scripts/test-systemd.sh)
#   - OVMF and swtpm for the oracle corpus's UEFI, Secure Boot and TPM guest shapes
set -euo pipefail
for_tests=no
[ "${1:-}" = --for-tests ] && for_tests=yes

log() { printf 'setup: %s\n' "$*" >&2; }

need_pkgs=()
wanted=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 \
        postgresql-15 openjdk-17-jdk-headless maven util-linux systemd curl xz-utils)
[ $for_tests = yes ] && wanted+=(chromium debootstrap systemd-container lintian ovmf swtpm swtpm-tools)
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_pkgs+=("$pkg")
done
if ((${#need_pkgs[@]})); then
  log "installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# libvirtd without libvirt-daemon-system: the users, groups and directories it expects.
groupadd -f kvm
groupadd -f libvirt-qemu
id libvirt-qemu >/dev/null 2>&1 || useradd -r -g libvirt-qemu libvirt-qemu
mkdir -p /var/log/libvirt /var/run/libvirt /var/lib/libvirt/images

# Debian's udev rule gives /dev/kvm to group kvm (0660) and libvirt-daemon-system puts libvirt-qemu in it.
# Without that, libvirtd finds KVM "enabled when probing but not available now" and re-probes QEMU
# on every capabilities/version call (4-8 s each instead of milliseconds).
restart_libvirtd=no
if [ -e /dev/kvm ] && [ "$(stat -c '%G %a' /dev/kvm)" != "kvm 660" ]; then
  log "giving /dev/kvm to group kvm (0660), as Debian's udev rule does"
  chgrp kvm /dev/kvm && chmod 660 /dev/kvm
  restart_libvirtd=yes
fi
if ! id -nG libvirt-qemu | tr ' ' '\n' | grep -qx kvm; then
  usermod -aG kvm libvirt-qemu
  restart_libvirtd=yes
fi
if [ "$restart_libvirtd" = yes ] && pgrep -u root -x libvirtd >/dev/null; then
  log "restarting libvirtd to pick up the kvm group"
  pkill -u root -x libvirtd
  for _ in $(seq 1 20); do pgrep -u root -x libvirtd >/dev/null || break; sleep 0.25; done
fi

# Root's daemons only: the session libvirtd of abiguard-session (below) is another instance.
if ! pgrep -u root -x virtlogd >/dev/null; then log "starting virtlogd"; virtlogd -d; fi
if ! pgrep -u root -x libvirtd >/dev/null; then log "starting libvirtd"; libvirtd -d; fi
for _ in $(seq 1 60); do
  virsh -c qemu:///system version >/dev/null 2>&1 && break
  sleep 0.5
done
virsh -c qemu:///system version >/dev/null || { log "libvirtd does not answer on qemu:///system"; exit 1; }

if ! pg_lsclusters -h | awk '$1=="15" && $2=="main" && $4=="online"' | grep -q .; then
  log "starting PostgreSQL 15"
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 0.5
done
if [ "$(su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='abiguard'\"")" != 1 ]; then
  log "creating PostgreSQL role abiguard"
  su postgres -c "psql -qc \"create role abiguard login superuser password 'abiguard'\""
fi
if [ "$(su postgres -c "psql -qAtc \"select 1 from pg_database where datname='abiguard'\"")" != 1 ]; then
  su postgres -c "createdb -O abiguard abiguard"
fi
# A second, separate libvirt instance for restore tests: the session daemon of an unprivileged user.
if ! id abiguard-session >/dev/null 2>&1; then
  useradd -r -m -d /var/lib/abiguard-session -s /usr/sbin/nologin abiguard-session
fi
session_uid="$(id -u abiguard-session)"
install -d -o abiguard-session -g abiguard-session -m 0700 "/run/user/$session_uid"
session_uri="qemu+unix:///session?socket=/run/user/$session_uid/libvirt/libvirt-sock"
if ! virsh -c "$session_uri" version >/dev/null 2>&1; then
  log "starting the session libvirtd of abiguard-session (second libvirt instance for restore tests)"
  su abiguard-session -s /bin/sh -c \
    "XDG_RUNTIME_DIR=/run/user/$session_uid HOME=/var/lib/abiguard-session libvirtd --daemon --timeout 0"
  for _ in $(seq 1 40); do virsh -c "$session_uri" version >/dev/null 2>&1 && break; sleep 0.5; done
fi

# libvirt's own test-suite domain XML (its Debian source package), for the drift engine's
# swtpm's local CA (TPM guests of the oracle corpus) runs as libvirt's swtpm_user, tss: a libvirtd started before
# swtpm was installed ran it as root once, leaving root-owned files tss cannot lock ("Need read/write rights on
# /var/lib/swtpm-localca/.lock.swtpm-localca"). Give the directory back to tss, as the package makes it.
if [ $for_tests = yes ] && [ -d /var/lib/swtpm-localca ] && find /var/lib/swtpm-localca ! -user tss | grep -q .; then
  log "giving /var/lib/swtpm-localca back to tss"
  chown -R tss:root /var/lib/swtpm-localca
fi

# "compare X X finds nothing" test: cached under /var/cache/abiguard-ci, fetched once.
libvirt_tests=/var/cache/abiguard-ci/libvirt-9.0.0-tests
if [ $for_tests = yes ] && [ ! -f "$libvirt_tests/.complete" ]; then
  log "fetching libvirt 9.0.0's test-suite XML (Debian source package)"
  mkdir -p /var/cache/abiguard-ci
  tarball=/var/cache/abiguard-ci/libvirt_9.0.0.orig.tar.xz
  if [ ! -s "$tarball" ]; then
    curl -sSf -o "$tarball.part" http://deb.debian.org/debian/pool/main/libv/libvirt/libvirt_9.0.0.orig.tar.xz
    mv "$tarball.part" "$tarball"
  fi
  rm -rf "$libvirt_tests.part" && mkdir -p "$libvirt_tests.part"
  tar -xJf "$tarball" -C "$libvirt_tests.part" --strip-components=2 --wildcards \
      'libvirt-9.0.0/tests/qemuxml2argvdata/*.xml' 'libvirt-9.0.0/tests/qemuxml2xmloutdata/*.xml' \
      'libvirt-9.0.0/tests/genericxml2xmlindata/*.xml' 'libvirt-9.0.0/tests/genericxml2xmloutdata/*.xml'
  touch "$libvirt_tests.part/.complete"
  rm -rf "$libvirt_tests" && mv "$libvirt_tests.part" "$libvirt_tests"
fi

log "ready: libvirtd on qemu:///system and $session_uri, PostgreSQL on 127.0.0.1:5432 (role abiguard)"
