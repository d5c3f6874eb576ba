#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `make deb-check` after `make deb`: the package built in $DEB_DIR is
# checked the way Debian would (lintian: no errors; blhc: the hardening
# flags reach every compile and link line; hardening-check on the binary),
# then installed (as root) and checked: the postkiosk system user, its
# 0700 data folder, the conffile, the units, a first run as that user;
# purge keeps the data unless POSTKIOSK_PURGE_DATA=yes. Leaves the machine
# without the package.
set -eu
DEB_DIR=${DEB_DIR:-/tmp/postkiosk-deb}
fail() { echo "deb-check: $*" >&2; exit 1; }
deb=$(ls "$DEB_DIR"/postkiosk_*.deb | grep -v dbgsym | head -n 1)
[ -f "$deb" ] || fail "no package in $DEB_DIR (make deb)"

echo "== lintian $deb"
lintian --info --display-info "$DEB_DIR"/*.changes | tee "$DEB_DIR/lintian.txt" || true
if grep -q '^E:' "$DEB_DIR/lintian.txt"; then fail "lintian reports errors"; fi

echo "== blhc (dpkg-buildflags on every compile and link line)"
# --debian: knows Debian 12's compiler makes PIE by default
blhc --debian --all "$DEB_DIR/build.log" || fail "blhc: hardening flags missing"

echo "== hardening-check"
x=$(mktemp -d)
trap 'rm -rf "$x"' EXIT
dpkg-deb -x "$deb" "$x"
# Debian 12's dpkg-buildflags has no -fcf-protection (Debian 13's adds it)
hardening-check --nocfprotection "$x/usr/bin/postkiosk" || fail "hardening-check"
# the shared modules (kiosk/base/module.h), loaded from /usr/lib/postkiosk
for m in sync notify papers speech; do
    [ -f "$x/usr/lib/postkiosk/pk-$m.so" ] || fail "no module pk-$m.so in /usr/lib/postkiosk"
    hardening-check --nocfprotection --nopie "$x/usr/lib/postkiosk/pk-$m.so" || fail "hardening-check pk-$m.so"
done

[ "$(id -u)" -eq 0 ] || { echo "deb-check: not root, install check skipped"; exit 0; }
echo "== install"
apt-get install -y -q "$deb" >/dev/null
getent passwd postkiosk | grep -q ':/var/lib/postkiosk:/usr/sbin/nologin$' || fail "no postkiosk system user"
[ "$(stat -c '%a %U %G' /var/lib/postkiosk)" = "700 postkiosk postkiosk" ] ||
    fail "/var/lib/postkiosk: $(stat -c '%a %U %G' /var/lib/postkiosk)"
dpkg-query -W -f='${Conffiles}\n' postkiosk | grep -q '/etc/postkiosk/postkiosk.ini' ||
    fail "postkiosk.ini is not a conffile"
[ "$(grep -c '^[a-z_]* *=' /etc/postkiosk/postkiosk.ini)" = 0 ] || fail "postkiosk.ini sets a key"
for m in man1/postkiosk.1 man5/postkiosk.ini.5; do
    [ -f "/usr/share/man/$m.gz" ] || fail "no man page $m"
done
# the installed program finds its modules: a paper made through pk-papers.so
# would need a dossier; the notify module is asked for before any message
printf '[notify]\nsmtp_url = smtp://127.0.0.1:9\nfrom = buudien@example.vn\n' >"$x/n.ini"
POSTKIOSK_HOME="$x/home" postkiosk --config "$x/n.ini" notify --once >/dev/null ||
    fail "the installed postkiosk did not load /usr/lib/postkiosk/pk-notify.so"
systemd-analyze verify /lib/systemd/system/postkiosk.service \
    /lib/systemd/system/postkiosk-backup.service /lib/systemd/system/postkiosk-backup.timer ||
    fail "systemd-analyze verify of the installed units"
systemctl is-enabled postkiosk.service 2>/dev/null | grep -qv '^enabled' || true
# a first start as the system user: database, keys, receipts in /var/lib/postkiosk
runuser -u postkiosk -- env POSTKIOSK_HOME=/var/lib/postkiosk postkiosk catalog search "khai sinh" >/dev/null ||
    fail "postkiosk as the postkiosk user"
runuser -u postkiosk -- env POSTKIOSK_HOME=/var/lib/postkiosk postkiosk check || true
[ -f /var/lib/postkiosk/postkiosk.db ] || fail "no database in /var/lib/postkiosk"

echo "== purge keeps the data"
apt-get purge -y -q postkiosk >/dev/null
[ -f /var/lib/postkiosk/postkiosk.db ] || fail "purge removed the data without POSTKIOSK_PURGE_DATA=yes"
[ ! -e /etc/postkiosk ] || fail "/etc/postkiosk left after purge"
echo "== purge with POSTKIOSK_PURGE_DATA=yes removes it"
apt-get install -y -q "$deb" >/dev/null
POSTKIOSK_PURGE_DATA=yes apt-get purge -y -q postkiosk >/dev/null
[ ! -e /var/lib/postkiosk ] || fail "POSTKIOSK_PURGE_DATA=yes kept /var/lib/postkiosk"
echo "deb-check: ok"
