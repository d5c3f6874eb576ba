#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What personal data leaves the kiosk (issue 12): by default none of the
# citizen's name, ID number, phone, e-mail or street reaches the central
# server — every text column of every central table is searched for them.
# `[sync] share = phone, id_number` sends exactly those (to pk.dossiers,
# which the province reads and a kiosk cannot read back); an unknown name
# is refused before anything is sent (exit status 2, translated); a local
# purge erases them at the central server at the next sync.
set -u
BUILD=${BUILD:-build}
. tests/pg.sh
. tests/sync_helpers.sh
fail() { sh_fail "$@"; }
pg_start
sh_central
sh_kiosk a LS01
sh_kiosk b LS02 "share=phone, id_number"
T="$PG_DIR/t"
mkdir "$T"
dossier() {   # dossier FILE ID PHONE
    cat >"$1" <<END
procedure = LS.0001
form = both
name = Nguyễn Văn Riêng
id_number = $2
phone = $3
email = rieng$2@example.org
address = Số 5 ngõ 3 Phố Kín
unit = Đông Kinh
return_address = 12 Ngõ Vắng
return_unit = phường Lương Văn Tri
notify = sms
consent = yes
END
}
dossier "$T/a.txt" 020095001111 0912000111
dossier "$T/b.txt" 020095002222 0912000222
sh_pk a dossier add "$T/a.txt" >/dev/null || fail "dossier at a"
sh_pk b dossier add "$T/b.txt" >/dev/null || fail "dossier at b"

# every text column of every table of the central schema
columns=$(pg_sql "SELECT table_name || '.' || column_name FROM information_schema.columns
  WHERE table_schema = 'pk' AND data_type IN ('text', 'character varying', 'name', 'character')
  ORDER BY 1")
[ "$(echo "$columns" | wc -l)" -gt 20 ] || fail "too few columns found: $columns"
anywhere() {   # anywhere TEXT: the places where TEXT is, one a line
    for tc in $columns; do
        n=$(pg_sql "SELECT count(*) FROM pk.${tc%%.*} WHERE ${tc#*.}::text LIKE '%$1%'")
        [ "$n" = 0 ] || echo "$tc"
    done
}
nowhere() {   # nowhere WHO TEXT...
    who=$1; shift
    for x in "$@"; do
        found=$(anywhere "$x")
        [ -z "$found" ] || fail "$who: '$x' is at the central server in: $found"
    done
}

# ---- an unknown name: refused before anything is sent ---------------------
sed 's/^share = .*/share = phone, shoe_size/' "$PG_DIR/b.ini" >"$PG_DIR/bad.ini"
bad() { POSTKIOSK_HOME="$PG_DIR/b" "$SH_P" --config "$PG_DIR/$1.ini" sync --once 2>&1; }
out=$(bad bad); rc=$?
[ $rc -eq 2 ] || fail "unknown share name: status $rc: $out"
echo "$out" | grep -q 'unknown field shoe_size in \[sync\] share (known: name, id_number, phone, email, address)' ||
    fail "unknown share name said: $out"
sed 's/^language = en$/language = vi/' "$PG_DIR/bad.ini" >"$PG_DIR/bad-vi.ini"
out=$(bad bad-vi); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q 'không có trường shoe_size' || fail "unknown share name (vi): $rc: $out"
[ "$(pg_sql "SELECT count(*) FROM pk.events")" = 0 ] || fail "something was sent"

# ---- the default: nothing personal ---------------------------------------------
sh_pk a sync --once >/dev/null || fail "sync a"
sh_pk b sync --once >/dev/null || fail "sync b"
[ "$(pg_sql "SELECT count(*) FROM pk.dossiers")" = 2 ] || fail "dossiers at the central server"
nowhere "default" 020095001111 0912000111 rieng020095001111 Riêng "Phố Kín" "Ngõ Vắng"

# ---- share = phone, id_number: exactly those ---------------------------------------
[ "$(pg_sql "SELECT concat_ws('|', phone, id_number, coalesce(name, '-'), coalesce(email, '-'),
      coalesce(address, '-')) FROM pk.dossiers WHERE kiosk = 'LS02'")" = "0912000222|020095002222|-|-|-" ] ||
    fail "shared: $(pg_sql "SELECT phone, id_number, name, email, address FROM pk.dossiers WHERE kiosk = 'LS02'")"
nowhere "share" rieng020095002222 Riêng "Phố Kín" "Ngõ Vắng"
[ "$(anywhere 0912000222)" = "dossiers.phone" ] || fail "the phone is elsewhere too: $(anywhere 0912000222)"
[ "$(anywhere 020095002222)" = "dossiers.id_number" ] || fail "the ID is elsewhere too: $(anywhere 020095002222)"
# the province reads it; a kiosk reads no one's, and writes only its own
pg_sql "CREATE ROLE prov LOGIN PASSWORD 'prov-pw' IN ROLE province" >/dev/null
[ "$(PGPASSWORD=prov-pw "$PG_BIN/psql" -X -A -t "$PG_CONN user=prov" \
      -c "SELECT phone FROM pk.dossiers WHERE kiosk = 'LS02'")" = 0912000222 ] || fail "the province cannot read it"
as_a() { PGPASSWORD=$(cat "$PG_DIR/a.pw") "$PG_BIN/psql" -X -A -t "$PG_CONN user=kiosk_ls01" -c "$1" 2>&1; }
out=$(as_a "SELECT phone FROM pk.dossiers WHERE kiosk = 'LS02'") && fail "kiosk a read b's phone: $out"
echo "$out" | grep -q 'permission denied' || fail "reading b's phone: $out"
out=$(as_a "UPDATE pk.dossiers SET phone = '0000' WHERE kiosk = 'LS02' AND ref = 'LS02-000001'")
[ "$out" = "UPDATE 0" ] || fail "kiosk a wrote b's row: $out"

# ---- a purge here erases them there ------------------------------------------------
printf '480215\n' | sh_pk b clerk add sup1 --role supervisor >/dev/null || fail "supervisor"
# closed long ago (a direct edit as test set-up: past the 5-year retention)
sh_sql b "UPDATE dossiers SET status = 'cancelled', closed_day = '2019-01-02', closed_at = 1546387200
   WHERE ref = 'LS02-000001'"
printf '480215\n' | sh_pk b purge --older-than 5y --yes --as sup1 >/dev/null 2>&1 || fail "purge"
[ "$(sh_sql b "SELECT phone FROM dossiers")" = "" ] || fail "nothing purged here"
sh_pk b sync --once >/dev/null || fail "sync after the purge"
[ "$(pg_sql "SELECT concat_ws('|', coalesce(phone, '-'), coalesce(id_number, '-'))
      FROM pk.dossiers WHERE kiosk = 'LS02'")" = "-|-" ] || fail "not erased at the central server"
nowhere "purge" 0912000222 020095002222
# a later change of the dossier sends nothing back
sh_pk b sync --once >/dev/null || fail "sync again"
nowhere "after the purge" 0912000222 020095002222
exit 0
