#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `make boot-check` (as root, after `make deb`): issue 17's "done when" on a
# booted Debian 12 without a spare machine. A minimal Debian 12
# (debootstrap, kept in $BOOT_ROOT for the next run) gets the package and
# boots with systemd as PID 1 (systemd-nspawn); then `systemctl start` of
# the backup unit and of the kiosk unit: both run as the postkiosk system
# user, with their data under /var/lib/postkiosk, and log to the journal.
# A container has no virtual terminal, so the kiosk unit gets a drop-in
# with TTYPath=/dev/console (its hardening is the shipped one). Needs the
# network (the Debian mirror) once; not part of `make test` (minutes).
set -eu
DEB_DIR=${DEB_DIR:-/tmp/postkiosk-deb}
ROOT=${BOOT_ROOT:-/var/tmp/postkiosk-boot}
fail() { echo "boot-check: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root"
deb=$(ls "$DEB_DIR"/postkiosk_*.deb 2>/dev/null | grep -v dbgsym | head -n 1) || true
[ -f "$deb" ] || fail "no package in $DEB_DIR (make deb)"
for tool in debootstrap systemd-nspawn; do
    command -v "$tool" >/dev/null || fail "$tool missing (scripts/install-deps.sh)"
done

if [ ! -x "$ROOT/usr/lib/systemd/systemd" ]; then
    echo "== debootstrap Debian 12 into $ROOT"
    rm -rf "$ROOT.part"
    debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus bookworm "$ROOT.part" \
        http://deb.debian.org/debian >"$ROOT.log" 2>&1 || { tail -n 20 "$ROOT.log"; fail "debootstrap"; }
    mv "$ROOT.part" "$ROOT"
fi
# nspawn keeps its mount propagation folder under /run; inside another
# container /run may not allow it: a tmpfs of its own there
mkdir -p /run/systemd/nspawn
mountpoint -q /run/systemd/nspawn || mount -t tmpfs tmpfs /run/systemd/nspawn
NS="systemd-nspawn -q -D $ROOT --register=no --keep-unit"

echo "== apt install $(basename "$deb") in the container"
cp "$deb" "$ROOT/opt/"
$NS --pipe --setenv=DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --reinstall "/opt/$(basename "$deb")" >"$ROOT.install.log" 2>&1 ||
    { tail -n 20 "$ROOT.install.log"; fail "apt install"; }

echo "== boot"
$NS -b --console=passive >"$ROOT.boot.log" 2>&1 &
ns=$!
leader=""
trap 'kill "$ns" 2>/dev/null; wait "$ns" 2>/dev/null' EXIT
i=0
while [ -z "$leader" ]; do
    i=$((i + 1)); [ $i -le 60 ] || fail "the container did not start"
    sleep 1
    for c in $(pgrep -P "$ns"); do
        [ "$(cat /proc/"$c"/comm 2>/dev/null)" = systemd ] && leader=$c
    done
done
in_ct() { nsenter -t "$leader" -a "$@"; }
i=0
until state=$(in_ct systemctl is-system-running 2>/dev/null) &&
      { [ "$state" = running ] || [ "$state" = degraded ]; }; do
    i=$((i + 1)); [ $i -le 60 ] || fail "systemd did not finish booting ($state)"
    sleep 1
done
[ "$(in_ct cat /proc/1/comm)" = systemd ] || fail "PID 1 is not systemd"
uid=$(in_ct id -u postkiosk) || fail "no postkiosk user"
[ "$(in_ct stat -c '%U %a' /var/lib/postkiosk)" = "postkiosk 700" ] ||
    fail "data folder: $(in_ct stat -c '%U %a' /var/lib/postkiosk)"

echo "== systemctl start postkiosk-backup.service"
in_ct runuser -u postkiosk -- env POSTKIOSK_HOME=/var/lib/postkiosk postkiosk check >/dev/null ||
    fail "postkiosk check as the kiosk's user"
in_ct systemctl start postkiosk-backup.service || fail "backup unit failed"
in_ct journalctl -u postkiosk-backup.service -o verbose --no-pager >"$ROOT.journal" 2>&1
grep -q "_UID=$uid" "$ROOT.journal" || fail "the backup did not log as postkiosk ($uid)"
grep -q "MESSAGE=backup: .* written and checked" "$ROOT.journal" || fail "no backup line in the journal"
[ "$(in_ct sh -c 'stat -c %U /var/lib/postkiosk/backups/*.db | sort -u')" = postkiosk ] ||
    fail "backup files not the kiosk's"

echo "== systemctl start postkiosk.service (TTYPath=/dev/console)"
in_ct mkdir -p /etc/systemd/system/postkiosk.service.d
in_ct sh -c 'printf "[Service]\nTTYPath=/dev/console\nDeviceAllow=/dev/console rw\nDeviceAllow=/dev/pts/0 rw\nExecStartPre=\n" \
    > /etc/systemd/system/postkiosk.service.d/container.conf'
in_ct systemctl daemon-reload
in_ct systemctl start postkiosk.service
i=0
until in_ct journalctl -u postkiosk.service --no-pager 2>/dev/null | grep -q "start: citizen kiosk"; do
    i=$((i + 1)); [ $i -le 30 ] || fail "the kiosk did not start: $(in_ct journalctl -u postkiosk.service --no-pager | tail -n 5)"
    sleep 1
done
# the same process for 3 s in a row: running, not a restart loop (in a
# container the first starts may end at once while the console settles)
pid=0 same=0 i=0
while [ $same -lt 3 ]; do
    i=$((i + 1)); [ $i -le 60 ] || fail "the kiosk does not stay up: $(in_ct journalctl -u postkiosk.service --no-pager | tail -n 8)"
    sleep 1
    now=$(in_ct systemctl show -p MainPID --value postkiosk.service)
    if [ "$now" -gt 0 ] && [ "$now" = "$pid" ]; then same=$((same + 1)); else same=0; fi
    pid=$now
done
[ "$(in_ct stat -c %U /proc/"$pid")" = postkiosk ] || fail "the kiosk does not run as postkiosk"
in_ct systemctl stop postkiosk.service
in_ct journalctl -u postkiosk.service -o verbose --no-pager >"$ROOT.journal" 2>&1
grep -q "MESSAGE=stop: citizen kiosk, exit status 0" "$ROOT.journal" || fail "no clean stop in the journal"
grep -q "_UID=$uid" "$ROOT.journal" || fail "the kiosk did not log as postkiosk"
in_ct rm -rf /etc/systemd/system/postkiosk.service.d
in_ct systemctl poweroff || true
wait "$ns" 2>/dev/null || true
trap - EXIT
echo "boot-check: ok (systemd PID 1, units run as postkiosk, journal)"
