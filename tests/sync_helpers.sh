# SPDX-License-Identifier: GPL-3.0-or-later
# Kiosks that sync to the PostgreSQL of tests/pg.sh, for the sync tests
# (tests/e2e/sync*.sh), sourced after tests/pg.sh and pg_start:
#   sh_central                     central init as the superuser
#   sh_kiosk NAME CODE [KEY=VALUE...]
#                                  a kiosk home $PG_DIR/NAME (database
#                                  created by `check`), its login at the
#                                  central server (password in NAME.pw,
#                                  0400) and NAME.ini whose [sync] points
#                                  at the server's socket; extra [sync]
#                                  lines as KEY=VALUE
#   sh_pk NAME ARGS...             postkiosk as that kiosk
#   sh_rows NAME COUNT             COUNT outbox rows queued at that kiosk
#                                  (text with tabs, newlines, backslashes,
#                                  quotes and Vietnamese, the four kinds;
#                                  audit heads at positions after the
#                                  last call's, as a real chain has them)
#   sh_local NAME [WHERE] / sh_central_rows [KIOSK]
#                                  the rows, one line each, with every text
#                                  column in hex, in seq order: the local
#                                  outbox and the central pk.events
#   sh_wait_file FILE              waits (bounded) until FILE exists
SH_P="$PWD/${BUILD:-build}/postkiosk"
SH_COLS_INT="seq at unit_id form created_at accepted_at fee_post fee_collected key_version audit_seq"
SH_COLS="kiosk seq kind at ref s10 proc_code proc_name agency unit_id unit_name form from_status status
 created_at created_day expected_date accepted_at completed_day closed_day incident fee_post
 fee_collected key_version detail audit_seq audit_hash"

sh_fail() { echo "${0##*/}: $*" >&2; exit 1; }

sh_central() {
    "$SH_P" central init --conninfo "$PG_ADMIN" >/dev/null || sh_fail "central init"
}

sh_kiosk() {
    name=$1 code=$2
    shift 2
    mkdir -p "$PG_DIR/$name"
    {
        printf '[kiosk]\nlanguage = en\ncode = %s\n[sync]\n' "$code"
        printf 'conninfo = %s user=kiosk_%s\n' "$PG_CONN" "$(echo "$code" | tr 'A-Z' 'a-z')"
        printf 'password_file = %s\n' "$PG_DIR/$name.pw"
        for kv in "$@"; do printf '%s = %s\n' "${kv%%=*}" "${kv#*=}"; done
    } >"$PG_DIR/$name.ini"
    "$SH_P" central add-kiosk "$code" --password-file "$PG_DIR/$name.pw" --conninfo "$PG_ADMIN" \
        >/dev/null || sh_fail "central add-kiosk $code"
    sh_pk "$name" check >/dev/null 2>&1
    [ -s "$PG_DIR/$name/postkiosk.db" ] || sh_fail "no database for $name"
}

sh_pk() {
    name=$1
    shift
    POSTKIOSK_HOME="$PG_DIR/$name" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog" \
        "$SH_P" --config "$PG_DIR/$name.ini" "$@"
}

sh_sql() {
    name=$1
    shift
    sqlite3 -cmd ".timeout 10000" "$PG_DIR/$name/postkiosk.db" "$@"
}

sh_rows() {
    name=$1 count=$2
    code=$(sed -n 's/^code = //p' "$PG_DIR/$name.ini")
    sh_sql "$name" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
      INSERT INTO sync_outbox(kiosk_code, kind, at, ref, s10, proc_code, proc_name, agency,
        unit_id, unit_name, form, from_status, status, created_at, created_day, expected_date,
        accepted_at, completed_day, incident, fee_post, fee_collected, key_version, detail,
        audit_seq, audit_hash)
      SELECT '$code', k.kind, 1767225600 + i * 60,
        CASE WHEN k.kind = 'audit' THEN '' ELSE printf('$code-2601-%06d', i / 4) END,
        printf('RA%09dVN', i), '1.001193.000.00.00.H35',
        'Đăng ký khai sinh' || char(9) || '(\"tab\") \\ và' || char(10) || 'dòng ' || i,
        'UBND xã Hoàng Đồng', 12 + i % 5, 'Xã Hoàng Đồng', 1 + i % 3,
        CASE k.kind WHEN 'event' THEN 'registered' ELSE '' END,
        CASE k.kind WHEN 'event' THEN 'accepted' WHEN 'print' THEN 'printed' ELSE 'registered' END,
        1767225600 + i * 60, '2026-01-01', '2026-01-15', 0, '', '', 26000, 30000, 1,
        CASE k.kind WHEN 'print' THEN 'receipt' ELSE '' END,
        CASE WHEN k.kind = 'audit' THEN 1000000 + i + coalesce((SELECT max(audit_seq) - 1000000
          FROM sync_outbox WHERE audit_seq > 1000000), 0) ELSE 0 END,
        CASE WHEN k.kind = 'audit' THEN lower(hex(randomblob(32))) ELSE '' END
      FROM n, (SELECT 0 AS m, 'dossier' AS kind UNION ALL SELECT 1, 'event'
               UNION ALL SELECT 2, 'print' UNION ALL SELECT 3, 'audit') k
      WHERE k.m = i % 4 ORDER BY i" || sh_fail "rows for $name"
}

# the select list, text columns in hex: $1 = sqlite | pg
sh__select() {
    list=""
    for c in $SH_COLS; do
        col=$c
        [ "$1" = sqlite ] && [ "$c" = kiosk ] && col=kiosk_code
        case " $SH_COLS_INT " in
            *" $c "*) e=$col ;;
            *) if [ "$1" = sqlite ]; then e="hex($col)"; else e="upper(encode(convert_to($col, 'UTF8'), 'hex'))"; fi ;;
        esac
        list="$list${list:+ || '|' || }$e"
    done
    echo "$list"
}

sh_local() {   # sh_local NAME [WHERE ...]
    sh_sql "$1" "SELECT $(sh__select sqlite) FROM sync_outbox ${2:-} ORDER BY seq"
}

sh_central_rows() {
    where=""
    [ -n "${1:-}" ] && where="WHERE kiosk = '$1'"
    pg_sql "SELECT $(sh__select pg) FROM pk.events $where ORDER BY kiosk, seq"
}

sh_wait_file() {
    i=0
    while [ ! -e "$1" ]; do
        i=$((i + 1)); [ $i -le 600 ] || sh_fail "waited 60 s for $1"
        sleep 0.1
    done
}
