#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The shipped systemd unit keeps the promise that leaving citizen mode
# never leaves a shell (issue 11 item 9): it owns tty1 instead of a getty,
# always restarts, never gives up restarting, wipes the console; the
# logind drop-in starts no getty elsewhere. systemd-analyze checks the
# syntax (with ExecStart pointed at the built binary).
set -u
BUILD=${BUILD:-build}
U=systemd/postkiosk.service
L=systemd/postkiosk-logind.conf
fail() { echo "deploy_unit.sh: $*" >&2; exit 1; }
[ -f "$U" ] && [ -f "$L" ] || fail "unit files missing"
for want in 'Conflicts=getty@tty1.service' 'StartLimitIntervalSec=0' 'Restart=always' \
            'StandardInput=tty' 'TTYPath=/dev/tty1' 'TTYVTDisallocate=yes' 'TTYVHangup=yes'; do
    grep -qx "$want" "$U" || fail "$U lacks $want"
done
for bad in 'Restart=no' 'Restart=on-failure' 'StandardInput=null' 'agetty'; do
    grep -q "^[^#]*$bad" "$U" && fail "$U has $bad"
done
grep -qx 'NAutoVTs=0' "$L" && grep -qx 'ReserveVT=0' "$L" || fail "$L still starts gettys"
if command -v systemd-analyze >/dev/null 2>&1; then
    T=$(mktemp -d)
    trap 'rm -rf "$T"' EXIT
    sed "s|^ExecStart=.*|ExecStart=$PWD/$BUILD/postkiosk|" "$U" > "$T/postkiosk.service"
    # --man=no: the unit names its man pages, installed only by the package
    out=$(systemd-analyze verify --man=no "$T/postkiosk.service" 2>&1) || fail "systemd-analyze: $out"
    [ -z "$out" ] || fail "systemd-analyze: $out"
fi
exit 0
