#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A kiosk restored from an older backup rejoins the provincial network
# (issue 12): registered, synced, backed up (with a dossier still pending),
# registered more and synced, then the old backup restored. While the
# central server cannot be reached the restored kiosk refuses new dossiers
# (their references may already be the province's); the first sync learns
# from the central server what the lost database had issued (outbox seq,
# dossier references, S10 numbers, audit heads), moves the counters past
# them and records the restore there. Then: the central rows are the union
# of both lineages, row for row; no reference or S10 number was issued
# twice; `audit verify --central` names the restore and the heads lost with
# it; a second restore of the same backup is recovered the same way.
set -u
BUILD=${BUILD:-build}
. tests/pg.sh
. tests/sync_helpers.sh
fail() { sh_fail "$@"; }
pg_start
sh_central
sh_kiosk a LS01
T="$PG_DIR/t"
mkdir "$T"
cat >"$T/dossier.txt" <<'END'
procedure = LS.0001
form = send
name = Nguyễn Văn An
id_number = 020095001234
phone = 0912345678
address = Số 5 ngõ 3 Trần Phú
unit = Đông Kinh
notify = none
consent = yes
END
add() { sh_pk a dossier add "$T/dossier.txt" || fail "dossier add: $1"; }
refs() { sh_sql a "SELECT group_concat(ref, ' ') FROM (SELECT ref FROM dossiers ORDER BY id)"; }
ini_down() {   # the same kiosk, its server out of reach
    sed "s|^conninfo = .*|conninfo = host=$T/nowhere dbname=central user=kiosk_ls01|" \
        "$PG_DIR/a.ini" >"$PG_DIR/down.ini"
}
down() { POSTKIOSK_HOME="$PG_DIR/a" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog" \
             "$SH_P" --config "$PG_DIR/down.ini" "$@"; }
ini_down

# ---- the first lineage ------------------------------------------------------
for i in 1 2 3; do add "first $i" >/dev/null; done
sh_pk a sync --once >/dev/null || fail "first sync"
add "pending at the backup" >/dev/null
sh_pk a backup "$T/backups" >/dev/null || fail "backup"
backup=$(ls "$T/backups"/postkiosk-*.db)
sh_pk a sync --once >/dev/null || fail "sync after the backup"
for i in 5 6 7; do add "after the backup $i" >/dev/null; done
sh_pk a report --from 2026-01-01 --to 2026-01-31 --csv >/dev/null || fail "report"   # audited
sh_pk a sync --once >/dev/null || fail "second sync"
[ "$(refs)" = "LS01-000001 LS01-000002 LS01-000003 LS01-000004 LS01-000005 LS01-000006 LS01-000007" ] ||
    fail "first lineage: $(refs)"
sh_central_rows LS01 >"$T/before"
lost_s10=$(sh_sql a "SELECT group_concat(s10, ' ') FROM dossiers WHERE id > 4")
head_lost=$(pg_sql "SELECT max(audit_seq) FROM pk.audit_heads WHERE kiosk = 'LS01'")
head_backup=$(sqlite3 "$backup" "SELECT max(seq) FROM audit")
lost=$(pg_sql "SELECT count(*) || ' heads the province had (seq ' || min(audit_seq) || ' to ' || max(audit_seq) || ')'
  FROM pk.audit_heads WHERE kiosk = 'LS01' AND audit_seq > $head_backup")

# ---- the old backup restored --------------------------------------------------
out=$(sh_pk a restore "$backup" 2>&1) || fail "restore: $out"
echo "$out" | grep -q 'new dossiers wait until this kiosk has synced with the province' ||
    fail "restore did not say that dossiers wait: $out"
[ "$(refs)" = "LS01-000001 LS01-000002 LS01-000003 LS01-000004" ] || fail "restored: $(refs)"
[ "$head_backup" -lt "$head_lost" ] || fail "the backup's head $head_backup is not older than $head_lost"
[ "$(sh_sql a "SELECT count(*) FROM audit WHERE action = 'restore' AND actor = 'restore'")" = 1 ] ||
    fail "the restore is not in the restored chain"

# offline: no reference that may clash; a clear message, nothing stored
out=$(down dossier add "$T/dossier.txt" 2>&1) && fail "a dossier was registered before the sync: $out"
echo "$out" | grep -q 'restored from a backup: new dossiers can be registered once it has synced with the province' ||
    fail "offline refusal said: $out"
[ "$(refs)" = "LS01-000001 LS01-000002 LS01-000003 LS01-000004" ] || fail "stored while refused: $(refs)"
out=$(down sync --once 2>&1) && fail "sync without a server succeeded"
echo "$out" | grep -q 'cannot be reached' || fail "unreachable: $out"
sed 's/^language = en$/language = vi/' "$PG_DIR/down.ini" >"$PG_DIR/down-vi.ini"
out=$(POSTKIOSK_HOME="$PG_DIR/a" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog" \
    "$SH_P" --config "$PG_DIR/down-vi.ini" dossier add "$T/dossier.txt" 2>&1) && fail "registered (vi)"
echo "$out" | grep -q 'khôi phục từ bản sao lưu' || fail "offline refusal (vi): $out"
[ "$(pg_sql "SELECT count(*) FROM pk.restores")" = 0 ] || fail "a restore recorded without a sync"

# ---- the first sync recovers ----------------------------------------------------
out=$(sh_pk a sync --once 2>&1) || fail "sync after the restore: $out"
echo "$out" | grep -q "^sync: kiosk LS01 was restored from a backup: the province had up to seq [0-9]*, dossier LS01-000007 and audit head $head_lost; this kiosk goes on after them" ||
    fail "recovery said: $out"
echo "$out" | grep -q "^sync: ${lost%% *} audit ${lost#* } were lost with the restore" ||
    fail "lost heads: $out"
[ "$(pg_sql "SELECT count(*) FROM pk.restores WHERE kiosk = 'LS01'")" = 1 ] || fail "restore not recorded"
[ "$(sh_sql a "SELECT count(*) FROM audit WHERE action = 'restore' AND actor = 'sync'")" = 1 ] ||
    fail "the recovery is not audited locally"
[ "$(sh_sql a "SELECT count(*) FROM sync_outbox WHERE sent = 0")" = 0 ] || fail "rows left pending"

# new dossiers: references and S10 numbers after the lost ones
add "after the restore" >/dev/null
add "after the restore 2" >/dev/null
[ "$(refs)" = "LS01-000001 LS01-000002 LS01-000003 LS01-000004 LS01-000008 LS01-000009" ] ||
    fail "after the restore: $(refs)"
for s in $lost_s10; do
    [ "$(sh_sql a "SELECT count(*) FROM dossiers WHERE s10 = '$s'")" = 0 ] || fail "S10 $s issued again"
done
out=$(sh_pk a sync --once 2>&1) || fail "sync of the new dossiers: $out"
echo "$out" | grep -q 'restored' && fail "the restore was recovered twice: $out"

# the central rows: the union of the lost lineage and of this kiosk's outbox
sh_local a "WHERE sent = 1" >"$T/local"
[ "$(sh_sql a "SELECT count(*) FROM sync_outbox WHERE sent = 0")" = 0 ] || fail "rows left pending"
sort -u "$T/before" "$T/local" >"$T/union"
sh_central_rows LS01 | sort >"$T/central"
cmp -s "$T/union" "$T/central" || { diff "$T/union" "$T/central" | head -5 >&2; fail "central != union"; }
[ -z "$(pg_sql "SELECT ref FROM pk.events WHERE kiosk = 'LS01' AND kind = 'dossier' GROUP BY ref HAVING count(*) > 1")" ] ||
    fail "a reference was issued twice"
[ -z "$(pg_sql "SELECT s10 FROM pk.events WHERE kiosk = 'LS01' AND kind = 'dossier' GROUP BY s10 HAVING count(DISTINCT ref) > 1")" ] ||
    fail "an S10 number was issued twice"
[ "$(pg_sql "SELECT count(*) FROM pk.dossiers WHERE kiosk = 'LS01'")" = 9 ] || fail "central dossiers"

# the truth about the chain: the restore and what it lost; no failure
out=$(sh_pk a audit verify --central) || fail "verify --central after the restore: $out"
echo "$out" | grep -q "^audit: kiosk LS01 was restored from a backup (recorded .*): $lost were lost with it$" ||
    fail "verify --central did not name the restore: $out"
echo "$out" | grep -q "^audit: kiosk LS01: the [0-9]* heads the province has are all in the local chain$" ||
    fail "verify --central said: $out"
sh_pk a audit verify >/dev/null || fail "the local chain does not verify"

# a rewritten chain is still a rewrite, not a restore
sh_sql a "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$PG_DIR/a/postkiosk.db" "$T/good.db"
last=$(sh_pk a audit verify | sed -n 's/.* head \([0-9]*\) .*/\1/p')
sh_sql a "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = $last"
out=$(sh_pk a audit verify --central); rc=$?
[ $rc -eq 3 ] || fail "a cut chain after the restore: status $rc: $out"
cp "$T/good.db" "$PG_DIR/a/postkiosk.db"
rm -f "$PG_DIR/a/postkiosk.db-wal" "$PG_DIR/a/postkiosk.db-shm"

# ---- the same backup again, copied by hand (no mark): found by the sync ------------
sh_sql a "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$backup" "$PG_DIR/a/postkiosk.db"
rm -f "$PG_DIR/a/postkiosk.db-wal" "$PG_DIR/a/postkiosk.db-shm"
out=$(sh_pk a sync --once 2>&1) || fail "sync after a copied backup: $out"
echo "$out" | grep -q "^sync: kiosk LS01 was restored from a backup: the province had up to seq [0-9]*, dossier LS01-000009" ||
    fail "second recovery said: $out"
[ "$(pg_sql "SELECT count(*) FROM pk.restores WHERE kiosk = 'LS01'")" = 2 ] || fail "second restore not recorded"
[ "$(add again)" = LS01-000010 ] || fail "after the second restore: $(refs)"
sh_pk a sync --once >/dev/null || fail "last sync"
out=$(sh_pk a audit verify --central) || fail "verify --central after two restores: $out"
[ "$(echo "$out" | grep -c 'was restored from a backup')" = 2 ] || fail "two restores not named: $out"
exit 0
