/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync outbox (store_sync.h): schema version 13, the audit head queued
 * at commit, and what `postkiosk sync` reads and marks. Triggers write the
 * rows, so no code path that records an event or a print outcome can
 * forget them, and they share the change's transaction by construction. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "store_sync.h"
#include "text.h"
#include "util.h"

/* The dossier snapshot every dossier/event/print row carries: d is the
 * dossiers row after the change. */
#define SNAP_COLS "kiosk_code, kind, at, ref, s10, proc_code, proc_name, agency, unit_id," \
                  " unit_name, form, from_status, status, created_at, created_day, expected_date," \
                  " accepted_at, completed_day, closed_day, incident, fee_post, fee_collected," \
                  " key_version, detail"
#define SNAP_VALS "d.ref, d.s10, d.proc_code, d.proc_name_vi, d.agency, d.unit_id, d.unit_name," \
                  " d.form"
#define SNAP_TAIL "d.created_at, d.created_day, d.expected_date, d.accepted_at, d.completed_day," \
                  " d.closed_day, d.incident, d.fee_post, d.fee_collected," \
                  " coalesce((SELECT CAST(value AS INTEGER) FROM settings" \
                  "  WHERE key = 'receipt_key_version'), 1)"

/* Schema version 13. seq is AUTOINCREMENT: never reused, also after the
 * newest row were ever removed by hand. Only sent/sent_at may change, and
 * only once from 0 to 1: the triggers refuse any other UPDATE or DELETE. */
const char store_schema_sync[] =
    "CREATE TABLE sync_outbox("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  kiosk_code TEXT NOT NULL CHECK(length(kiosk_code) > 0),"
    "  kind TEXT NOT NULL CHECK(kind IN ('dossier', 'event', 'print', 'audit')),"
    "  at INTEGER NOT NULL,"
    "  ref TEXT NOT NULL DEFAULT '',"
    "  s10 TEXT NOT NULL DEFAULT '',"
    "  proc_code TEXT NOT NULL DEFAULT '',"
    "  proc_name TEXT NOT NULL DEFAULT '',"
    "  agency TEXT NOT NULL DEFAULT '',"
    "  unit_id INTEGER NOT NULL DEFAULT 0,"
    "  unit_name TEXT NOT NULL DEFAULT '',"
    "  form INTEGER NOT NULL DEFAULT 0,"
    "  from_status TEXT NOT NULL DEFAULT '',"
    "  status TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL DEFAULT 0,"
    "  created_day TEXT NOT NULL DEFAULT '',"
    "  expected_date TEXT NOT NULL DEFAULT '',"
    "  accepted_at INTEGER NOT NULL DEFAULT 0,"
    "  completed_day TEXT NOT NULL DEFAULT '',"
    "  closed_day TEXT NOT NULL DEFAULT '',"
    "  incident TEXT NOT NULL DEFAULT '',"
    "  fee_post INTEGER NOT NULL DEFAULT 0,"
    "  fee_collected INTEGER NOT NULL DEFAULT 0,"
    "  key_version INTEGER NOT NULL DEFAULT 1,"
    "  detail TEXT NOT NULL DEFAULT '',"
    "  audit_seq INTEGER NOT NULL DEFAULT 0,"
    "  audit_hash TEXT NOT NULL DEFAULT '',"
    "  sent INTEGER NOT NULL DEFAULT 0 CHECK(sent IN (0, 1)),"
    "  sent_at INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX sync_outbox_pending ON sync_outbox(seq) WHERE sent = 0;"
    "CREATE INDEX sync_outbox_by_kind ON sync_outbox(kind, seq);"
    "CREATE TRIGGER sync_outbox_no_delete BEFORE DELETE ON sync_outbox"
    "  BEGIN SELECT RAISE(ABORT, 'the sync outbox is append-only'); END;"
    "CREATE TRIGGER sync_outbox_no_update BEFORE UPDATE OF seq, kiosk_code, kind, at, ref, s10,"
    "  proc_code, proc_name, agency, unit_id, unit_name, form, from_status, status, created_at,"
    "  created_day, expected_date, accepted_at, completed_day, closed_day, incident, fee_post,"
    "  fee_collected, key_version, detail, audit_seq, audit_hash ON sync_outbox"
    "  BEGIN SELECT RAISE(ABORT, 'the sync outbox is append-only'); END;"
    "CREATE TRIGGER sync_outbox_sent_once BEFORE UPDATE OF sent, sent_at ON sync_outbox"
    "  WHEN NOT (OLD.sent = 0 AND NEW.sent = 1)"
    "  BEGIN SELECT RAISE(ABORT, 'the sync outbox is append-only'); END;"
    "CREATE TABLE sync_status("
    "  id INTEGER PRIMARY KEY CHECK(id = 1),"
    "  last_ok_at INTEGER NOT NULL DEFAULT 0,"
    "  last_try_at INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT NOT NULL DEFAULT ''"
    ");"
    "INSERT INTO sync_status(id) VALUES(1);"
    /* a dossier created (its first event, from '') or any later event */
    "CREATE TRIGGER sync_on_event AFTER INSERT ON events BEGIN"
    "  INSERT INTO sync_outbox(" SNAP_COLS ")"
    "  SELECT d.kiosk_code, CASE WHEN NEW.from_status = '' THEN 'dossier' ELSE 'event' END,"
    "   NEW.at, " SNAP_VALS ", NEW.from_status, d.status, " SNAP_TAIL ", ''"
    "  FROM dossiers d WHERE d.id = NEW.dossier_id AND d.sample = 0;"
    "END;"
    /* a print job done or failed (its outcome, once per change) */
    "CREATE TRIGGER sync_on_print AFTER UPDATE OF status ON print_jobs"
    "  WHEN NEW.status <> OLD.status AND NEW.status IN (1, 2) BEGIN"
    "  INSERT INTO sync_outbox(" SNAP_COLS ")"
    "  SELECT d.kiosk_code, 'print', NEW.updated_at, " SNAP_VALS ", '',"
    "   CASE NEW.status WHEN 1 THEN 'printed' ELSE 'print_failed' END, " SNAP_TAIL ", NEW.kind"
    "  FROM dossiers d WHERE d.ref = NEW.ref AND d.sample = 0;"
    "END;"
    /* an upgraded kiosk: its history goes to the province too, dossiers
     * first (as registered), then every later event in order, with the
     * dossiers' present state */
    "INSERT INTO sync_outbox(" SNAP_COLS ")"
    "  SELECT d.kiosk_code, 'dossier', d.created_at, " SNAP_VALS ", '', 'registered', "
    SNAP_TAIL ", ''"
    "  FROM dossiers d WHERE d.sample = 0 ORDER BY d.id;"
    "INSERT INTO sync_outbox(" SNAP_COLS ")"
    "  SELECT d.kiosk_code, 'event', e.at, " SNAP_VALS ", e.from_status, e.to_status, "
    SNAP_TAIL ", ''"
    "  FROM events e JOIN dossiers d ON d.id = e.dossier_id"
    "  WHERE d.sample = 0 AND e.from_status <> '' ORDER BY e.seq;"
    "INSERT INTO sync_outbox(kiosk_code, kind, at, audit_seq, audit_hash)"
    "  SELECT s.value, 'audit', a.at, a.seq, lower(hex(a.hash))"
    "  FROM audit a, settings s WHERE s.key = 'kiosk_code' AND length(s.value) > 0"
    "  AND EXISTS(SELECT 1 FROM sync_outbox)"
    "  ORDER BY a.seq DESC LIMIT 1;";

/* Schema version 19 (issue 18: WAL pages per dossier): the head query
 * reads the last 'audit' row only, and an index of (kind, seq) made every
 * transaction write a page of it for its 'dossier' or 'event' row as well
 * as for the head; print jobs are never looked up by reference (by id,
 * and listed by status), so that index only cost a page per dossier. */
const char store_schema_sync_heads[] =
    "DROP INDEX IF EXISTS sync_outbox_by_kind;"
    "CREATE INDEX IF NOT EXISTS sync_outbox_heads ON sync_outbox(seq) WHERE kind = 'audit';"
    "DROP INDEX IF EXISTS print_jobs_by_ref;";

/* Schema version 23 (issue 18: the durable insert): the head check reads
 * the outbox's last row alone (store_sync_head), so the heads' own index
 * is written by every dossier for nothing. */
const char store_schema_sync_last[] = "DROP INDEX IF EXISTS sync_outbox_heads;";

pk_err store_sync_head(store *s)
{
    /* rows queued since the last head: the chain's head goes with them.
     * Every transaction that queues rows ends with its head, so rows were
     * queued since the last head exactly when the newest row is not a head
     * (seq only grows): one row read, whatever the outbox holds. Read
     * apart: an INSERT that reads its own table makes SQLite copy the rows
     * to a temporary table first, at every dossier (issue 18). */
    sqlite3_stmt *stmt = store_stmt(s, "SELECT kind <> 'audit' FROM sync_outbox"
                                       " ORDER BY seq DESC LIMIT 1");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    bool queued = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0);
    store_done(stmt);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    if (!queued)
        return PK_OK;
    stmt = store_stmt(s,
        "INSERT INTO sync_outbox(kiosk_code, kind, at, audit_seq, audit_hash)"
        " SELECT s.value, 'audit', a.at, a.seq, lower(hex(a.hash))"
        " FROM audit a, settings s WHERE s.key = 'kiosk_code' AND length(s.value) > 0"
        " ORDER BY a.seq DESC LIMIT 1");
    if (!stmt)
        return PK_EIO;
    return store_step_done(s, stmt);
}

#define ROW_COLS "seq, " SNAP_COLS_READ ", audit_seq, audit_hash"
#define SNAP_COLS_READ "kiosk_code, kind, at, ref, s10, proc_code, proc_name, agency, unit_id," \
                       " unit_name, form, from_status, status, created_at, created_day," \
                       " expected_date, accepted_at, completed_day, closed_day, incident," \
                       " fee_post, fee_collected, key_version, detail"

static void read_row(sqlite3_stmt *stmt, sync_row *r)
{
    memset(r, 0, sizeof *r);
    int c = 0;
    r->seq = sqlite3_column_int64(stmt, c++);
    store_col_text(stmt, c++, r->kiosk_code, sizeof r->kiosk_code);
    store_col_text(stmt, c++, r->kind, sizeof r->kind);
    r->at = sqlite3_column_int64(stmt, c++);
    store_col_text(stmt, c++, r->ref, sizeof r->ref);
    store_col_text(stmt, c++, r->s10, sizeof r->s10);
    store_col_text(stmt, c++, r->proc_code, sizeof r->proc_code);
    store_col_text(stmt, c++, r->proc_name, sizeof r->proc_name);
    store_col_text(stmt, c++, r->agency, sizeof r->agency);
    r->unit_id = sqlite3_column_int64(stmt, c++);
    store_col_text(stmt, c++, r->unit_name, sizeof r->unit_name);
    r->form = sqlite3_column_int(stmt, c++);
    store_col_text(stmt, c++, r->from_status, sizeof r->from_status);
    store_col_text(stmt, c++, r->status, sizeof r->status);
    r->created_at = sqlite3_column_int64(stmt, c++);
    store_col_text(stmt, c++, r->created_day, sizeof r->created_day);
    store_col_text(stmt, c++, r->expected_date, sizeof r->expected_date);
    r->accepted_at = sqlite3_column_int64(stmt, c++);
    store_col_text(stmt, c++, r->completed_day, sizeof r->completed_day);
    store_col_text(stmt, c++, r->closed_day, sizeof r->closed_day);
    store_col_text(stmt, c++, r->incident, sizeof r->incident);
    r->fee_post = sqlite3_column_int64(stmt, c++);
    r->fee_collected = sqlite3_column_int64(stmt, c++);
    r->key_version = sqlite3_column_int(stmt, c++);
    store_col_text(stmt, c++, r->detail, sizeof r->detail);
    r->audit_seq = sqlite3_column_int64(stmt, c++);
    store_col_text(stmt, c, r->audit_hash, sizeof r->audit_hash);
}

pk_err store_sync_pending(store *s, int64_t after, sync_row *out, int max, int *n)
{
    *n = 0;
    if (!out || max <= 0 || after < 0)
        return PK_EINVAL;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT " ROW_COLS " FROM sync_outbox"
                                     " WHERE sent = 0 AND seq > ?1 ORDER BY seq LIMIT ?2");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, after);
    sqlite3_bind_int(stmt, 2, max);
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e))
        read_row(stmt, &out[(*n)++]);
    store_done(stmt);
    return e;
}

pk_err store_sync_mark_sent(store *s, int64_t upto, int64_t at)
{
    if (upto < 0)
        return PK_EINVAL;
    pk_err e;
    sqlite3_stmt *stmt = store_begin_stmt(s,
        "UPDATE sync_outbox SET sent = 1, sent_at = ?2 WHERE sent = 0 AND seq <= ?1", &e);
    if (!stmt)
        return e;
    sqlite3_bind_int64(stmt, 1, upto);
    sqlite3_bind_int64(stmt, 2, at);
    e = store_step_done(s, stmt);
    if (e == PK_OK) {
        stmt = store_stmt(s, "UPDATE sync_status SET last_ok_at = ?1, last_try_at = ?1,"
                             " last_error = '' WHERE id = 1");
        if (!stmt)
            e = PK_EIO;
        else {
            sqlite3_bind_int64(stmt, 1, at);
            e = store_step_done(s, stmt);
        }
    }
    return store_end(s, e);
}

pk_err store_sync_failed(store *s, int64_t at, const char *reason)
{
    char line[512] = "", clean[128];
    str_copy(line, sizeof line, reason ? reason : "");
    line[strcspn(line, "\r\n")] = '\0';   /* a server message runs over lines: the first */
    int cols = (int)sizeof clean - 1;
    size_t keep;
    while ((keep = text_fit(line, cols)) >= sizeof clean)   /* whole characters that fit */
        cols--;
    memcpy(clean, line, keep);
    clean[keep] = '\0';
    if (!store_text_ok(clean, sizeof clean))
        str_copy(clean, sizeof clean, "unreadable error message");
    pk_err e;
    sqlite3_stmt *stmt = store_begin_stmt(s,
        "UPDATE sync_status SET last_try_at = ?1, last_error = ?2 WHERE id = 1", &e);
    if (!stmt)
        return e;
    sqlite3_bind_int64(stmt, 1, at);
    store_bind_text(stmt, 2, clean);
    return store_end(s, store_step_done(s, stmt));
}

pk_err store_sync_lag(store *s, sync_lag *out)
{
    memset(out, 0, sizeof *out);
    /* one read transaction: the figures agree with each other */
    if (sqlite3_exec(s->conn, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_rc(s, sqlite3_errcode(s->conn));
    pk_err e = PK_OK;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT count(*), coalesce(min(at), 0) FROM sync_outbox"
                                     " WHERE sent = 0");
    if (!stmt)
        e = PK_EIO;
    else if ((e = store_step_row(s, stmt)) == PK_OK) {
        out->pending = sqlite3_column_int64(stmt, 0);
        out->oldest_pending_at = sqlite3_column_int64(stmt, 1);
    }
    store_done(stmt);
    if (e == PK_OK) {
        stmt = store_stmt(s, "SELECT coalesce((SELECT max(seq) FROM sync_outbox), 0),"
                             " last_ok_at, last_try_at, last_error FROM sync_status WHERE id = 1");
        if (!stmt)
            e = PK_EIO;
        else if ((e = store_step_row(s, stmt)) == PK_OK) {
            out->last_seq = sqlite3_column_int64(stmt, 0);
            out->last_ok_at = sqlite3_column_int64(stmt, 1);
            out->last_try_at = sqlite3_column_int64(stmt, 2);
            store_col_text(stmt, 3, out->last_error, sizeof out->last_error);
        }
        store_done(stmt);
    }
    sqlite3_exec(s->conn, "COMMIT", NULL, NULL, NULL);
    return e;
}

pk_err store_sync_key_version(store *s, int version)
{
    if (version < 1 || version > 9999)
        return PK_EINVAL;
    char now[16], want[16];
    snprintf(want, sizeof want, "%d", version);
    pk_err e = store_setting_get(s, "receipt_key_version", now, sizeof now);
    if (e == PK_OK && strcmp(now, want) == 0)
        return PK_OK;
    if (e != PK_OK && e != PK_ENOTFOUND)
        return e;
    return store_setting_set(s, "receipt_key_version", want);
}
