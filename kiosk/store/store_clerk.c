/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk accounts and sign-in, and schema v2 (the clerk workstation).
 * The audit chain itself is in store_audit.c. */
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dossier.h"
#include "log.h"
#include "store_clerk.h"
#include "util.h"

/* Version 2: the clerk workstation. Events stay append-only (v1 triggers);
 * every event is mirrored into the audit chain (audit.event_seq) by
 * store_audit_event() in the transaction that inserted it. */
const char store_schema_v2[] =
    "CREATE TABLE clerks("
    "  id TEXT PRIMARY KEY NOT NULL CHECK(length(id) BETWEEN 2 AND 31),"
    "  name TEXT NOT NULL DEFAULT '',"
    "  role TEXT NOT NULL CHECK(role IN ('clerk', 'supervisor')),"
    "  pin_hash TEXT NOT NULL CHECK(pin_hash LIKE '$argon2id$%'),"
    "  disabled INTEGER NOT NULL DEFAULT 0 CHECK(disabled IN (0, 1)),"
    "  failures INTEGER NOT NULL DEFAULT 0 CHECK(failures >= 0),"
    "  locked_until INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  last_login INTEGER NOT NULL DEFAULT 0"
    ") WITHOUT ROWID;"
    "CREATE TABLE audit("
    "  seq INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  object TEXT NOT NULL DEFAULT '',"
    "  detail TEXT NOT NULL DEFAULT '',"
    "  prev_hash BLOB NOT NULL CHECK(length(prev_hash) = 32),"
    "  hash BLOB NOT NULL CHECK(length(hash) = 32),"
    "  event_seq INTEGER UNIQUE"        /* events.seq this row mirrors */
    ");"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    "ALTER TABLE dossiers ADD COLUMN seal_no TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN missing_docs TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN fee_collected INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE dossiers ADD COLUMN appointment_date TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN handover_no TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN delivery_attempts INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE dossiers ADD COLUMN first_attempt TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN last_attempt TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN recipient_name TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN recipient_id_last TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN incident TEXT NOT NULL DEFAULT ''"
    "  CHECK(incident IN ('', 'lost', 'damaged'));"
    "ALTER TABLE dossiers ADD COLUMN accepted_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE dossiers ADD COLUMN handed_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE dossiers ADD COLUMN completed_day TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN completed_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE dossiers ADD COLUMN closed_day TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE dossiers ADD COLUMN closed_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE dossiers ADD COLUMN purged_at INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX dossiers_by_idlast ON dossiers(substr(id_number, -4));"
    "CREATE INDEX IF NOT EXISTS dossiers_by_phone ON dossiers(phone);"
    "CREATE INDEX dossiers_by_agency ON dossiers(agency, id);"
    "CREATE INDEX dossiers_by_unit ON dossiers(unit_id, id);"
    "CREATE INDEX dossiers_by_closed ON dossiers(closed_day) WHERE closed_day <> '';"
    "CREATE INDEX dossiers_open ON dossiers(id) WHERE closed_day = '';"
    /* dossiers closed before this version: closed on their last change */
    "UPDATE dossiers SET closed_day = date(updated_at, 'unixepoch', 'localtime'),"
    "  closed_at = updated_at"
    "  WHERE status IN ('counter_rejected', 'delivered', 'returned', 'cancelled');"
    /* Counts per status for the queue header, kept by triggers. */
    "CREATE TABLE status_counts("
    "  status TEXT NOT NULL, sample INTEGER NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY(status, sample)) WITHOUT ROWID;"
    "INSERT INTO status_counts(status, sample, n)"
    "  SELECT status, sample, count(*) FROM dossiers GROUP BY status, sample;"
    "CREATE TRIGGER dossiers_count_ins AFTER INSERT ON dossiers BEGIN"
    "  INSERT INTO status_counts(status, sample, n) VALUES(NEW.status, NEW.sample, 1)"
    "    ON CONFLICT(status, sample) DO UPDATE SET n = n + 1;"
    "END;"
    "CREATE TRIGGER dossiers_count_upd AFTER UPDATE OF status, sample ON dossiers"
    "  WHEN OLD.status IS NOT NEW.status OR OLD.sample IS NOT NEW.sample BEGIN"
    "  UPDATE status_counts SET n = n - 1 WHERE status = OLD.status AND sample = OLD.sample;"
    "  INSERT INTO status_counts(status, sample, n) VALUES(NEW.status, NEW.sample, 1)"
    "    ON CONFLICT(status, sample) DO UPDATE SET n = n + 1;"
    "END;"
    "CREATE TRIGGER dossiers_count_del AFTER DELETE ON dossiers BEGIN"
    "  UPDATE status_counts SET n = n - 1 WHERE status = OLD.status AND sample = OLD.sample;"
    "END;"
    /* Name search: full-text index over the folded name, kept current by
     * store_names_catch_up() (a virtual table cannot be written by a
     * trigger under trusted_schema=OFF). */
    "CREATE VIRTUAL TABLE dossier_names USING fts5(name_fold, content='dossiers',"
    "  content_rowid='id', detail='none', prefix='1 2 3 4 5 6 7');"
    "INSERT INTO settings(key, value) VALUES('names_indexed_upto', '0')"
    "  ON CONFLICT(key) DO NOTHING;"
    "CREATE TABLE handovers("
    "  id INTEGER PRIMARY KEY,"
    "  no TEXT NOT NULL UNIQUE,"
    "  agency TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  ndossiers INTEGER NOT NULL, ndocs INTEGER NOT NULL, noriginals INTEGER NOT NULL,"
    "  file TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE TABLE handover_items("
    "  handover_id INTEGER NOT NULL REFERENCES handovers(id),"
    "  pos INTEGER NOT NULL,"
    "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
    "  PRIMARY KEY(handover_id, pos)"
    ") WITHOUT ROWID;";

static bool text_field_ok(const char *t, size_t cap)
{
    return t && store_text_ok(t, cap);
}

/* ---- accounts ---------------------------------------------------------- */

static void read_account(sqlite3_stmt *stmt, clerk_account *c)
{
    memset(c, 0, sizeof *c);
    store_col_text(stmt, 0, c->id, sizeof c->id);
    store_col_text(stmt, 1, c->name, sizeof c->name);
    char role[16];
    store_col_text(stmt, 2, role, sizeof role);
    c->role = auth_role_parse(role) == ROLE_SUPERVISOR ? ROLE_SUPERVISOR : ROLE_CLERK;
    store_col_text(stmt, 3, c->pin_hash, sizeof c->pin_hash);
    c->disabled = sqlite3_column_int(stmt, 4) != 0;
    c->lock.failures = sqlite3_column_int(stmt, 5);
    c->lock.locked_until = sqlite3_column_int64(stmt, 6);
    c->created_at = sqlite3_column_int64(stmt, 7);
    c->last_login = sqlite3_column_int64(stmt, 8);
}

#define ACCOUNT_COLS "id, name, role, pin_hash, disabled, failures, locked_until, " \
                     "created_at, last_login"

pk_err store_clerk_get(store *s, const char *id, clerk_account *out)
{
    if (!auth_id_valid(id))
        return PK_ENOTFOUND;
    pk_err e;
    sqlite3_stmt *stmt = store_row(s, "SELECT " ACCOUNT_COLS " FROM clerks WHERE id = ?1", id, &e);
    if (e == PK_OK)
        read_account(stmt, out);
    store_done(stmt);
    return e;
}

pk_err store_clerk_list(store *s, clerk_account *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT " ACCOUNT_COLS " FROM clerks ORDER BY id");
    if (!stmt)
        return PK_EIO;
    int rc;
    while (*n < max && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
        read_account(stmt, &out[(*n)++]);
    store_done(stmt);
    return PK_OK;
}

int store_clerk_count(store *s, int role)
{
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT count(*) FROM clerks WHERE disabled = 0 AND (?1 = '' OR role = ?1)");
    if (!stmt)
        return -1;
    store_bind_text(stmt, 1, role < 0 ? "" : auth_role_code((clerk_role)role));
    int n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    store_done(stmt);
    return n;
}

pk_err store_clerk_add(store *s, const clerk_account *c, const char *actor, int64_t now)
{
    if (!auth_id_valid(c->id) || !text_field_ok(c->name, sizeof c->name) ||
        strncmp(c->pin_hash, "$argon2id$", 10) != 0 || !text_field_ok(actor, AUDIT_ACTOR_MAX))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s,
        "INSERT INTO clerks(id, name, role, pin_hash, pin_v, disabled, created_at, updated_at)"
        " VALUES(?1, ?2, ?3, ?4, 2, 0, ?5, ?5)");
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    store_bind_text(stmt, 1, c->id);
    store_bind_text(stmt, 2, c->name);
    store_bind_text(stmt, 3, auth_role_code(c->role));
    store_bind_text(stmt, 4, c->pin_hash);
    sqlite3_bind_int64(stmt, 5, now);
    e = store_step_done(s, stmt);
    if (e == PK_OK)
        e = store_audit_append(s, now, actor, "clerk_add", c->id,
                               c->role == ROLE_SUPERVISOR ? "role=supervisor" : "role=clerk");
    return store_end(s, e);
}

static pk_err update_account(store *s, const char *sql, const char *id, const char *text,
                             int64_t now)
{
    sqlite3_stmt *stmt = store_stmt(s, sql);
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, id);
    if (text)
        store_bind_text(stmt, 2, text);
    sqlite3_bind_int64(stmt, 3, now);
    pk_err e = store_step_done(s, stmt);
    if (e == PK_OK && sqlite3_changes(s->conn) == 0)
        e = PK_ENOTFOUND;
    return e;
}

pk_err store_clerk_set_pin(store *s, const char *id, const char *pin_hash,
                           const char *actor, int64_t now)
{
    if (!auth_id_valid(id) || !pin_hash || strncmp(pin_hash, "$argon2id$", 10) != 0 ||
        !text_field_ok(actor, AUDIT_ACTOR_MAX))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    clerk_account c;
    e = store_clerk_get(s, id, &c);   /* what the change clears, for the audit row */
    char detail[96] = "";
    if (e == PK_OK)
        snprintf(detail, sizeof detail, "pin=changed failures=%d->0 locked=%s->no",
                 c.lock.failures, c.lock.locked_until > now ? "yes" : "no");
    mem_wipe(&c, sizeof c);
    if (e == PK_OK)
        e = update_account(s, "UPDATE clerks SET pin_hash = ?2, pin_v = 2, failures = 0,"
                              " locked_until = 0, updated_at = ?3 WHERE id = ?1", id, pin_hash, now);
    if (e == PK_OK)
        e = store_audit_append(s, now, actor, "clerk_passwd", id, detail);
    return store_end(s, e);
}

pk_err store_clerk_disable(store *s, const char *id, const char *actor, int64_t now)
{
    if (!auth_id_valid(id) || !text_field_ok(actor, AUDIT_ACTOR_MAX))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    clerk_account c;
    e = store_clerk_get(s, id, &c);
    if (e == PK_OK && c.role == ROLE_SUPERVISOR && !c.disabled &&
        store_clerk_count(s, ROLE_SUPERVISOR) <= 1)
        e = PK_EPERM;   /* never lock everyone out */
    if (e == PK_OK)
        e = update_account(s, "UPDATE clerks SET disabled = 1, updated_at = ?3 WHERE id = ?1",
                           id, NULL, now);
    if (e == PK_OK)
        e = store_audit_append(s, now, actor, "clerk_disable", id,
                               c.disabled ? "disabled=1->1" : "disabled=0->1");
    mem_wipe(&c, sizeof c);
    return store_end(s, e);
}

/* ---- sign-in ----------------------------------------------------------- */

/* Step 1, before any PIN is checked: in one write transaction, refuse a
 * locked account or count this attempt as a failure. Parallel sign-ins
 * queue on the write lock, so no more than AUTH_MAX_FAILURES PINs are ever
 * checked per lock period, and a locked account never gets its PIN
 * checked. A crash after this step leaves the attempt counted as failed.
 * *locked gets true when this reservation set the lock (the last try). */
static pk_err reserve_attempt(store *s, const char *id, int64_t now, clerk_account *c,
                              bool *exists, bool *locked, int64_t *locked_left)
{
    *exists = *locked = false;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    e = store_clerk_get(s, id, c);
    if (e == PK_ENOTFOUND) {
        store_rollback(s);
        return PK_OK;   /* nothing to count: a dummy verification follows */
    }
    *exists = e == PK_OK;
    int64_t left = 0;
    if (e == PK_OK && auth_locked(&c->lock, now, &left)) {
        if (locked_left)
            *locked_left = left;
        e = store_audit_append(s, now, c->id, "login_refused_locked", c->id, "");
        if (e == PK_OK)
            e = store_commit(s);
        else
            store_rollback(s);
        return e == PK_OK ? PK_EPERM : e;
    }
    if (e == PK_OK) {
        *locked = auth_lock_fail(&c->lock, now);
        sqlite3_stmt *stmt = store_stmt(s,
            "UPDATE clerks SET failures = ?2, locked_until = ?3 WHERE id = ?1");
        if (!stmt) {
            e = PK_EIO;
        } else {
            store_bind_text(stmt, 1, id);
            sqlite3_bind_int(stmt, 2, c->lock.failures);
            sqlite3_bind_int64(stmt, 3, c->lock.locked_until);
            e = store_step_done(s, stmt);
        }
    }
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
}

/* Step 2, after the PIN was checked: a success clears the count reserved
 * in step 1; every outcome goes into the audit log. */
static pk_err record_attempt(store *s, const char *id, bool ok, bool exists, bool locked,
                             int64_t now, int64_t *locked_left)
{
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    const char *action = ok ? "login" : "login_failed";
    char detail[64] = "";
    if (exists) {
        clerk_account c;
        e = store_clerk_get(s, id, &c);   /* re-read inside the lock: counts never lost */
        if (e == PK_OK) {
            if (ok) {
                auth_lock_reset(&c.lock);
            } else if (locked) {
                action = "login_locked";
                if (locked_left)
                    auth_locked(&c.lock, now, locked_left);
            }
            snprintf(detail, sizeof detail, "failures=%d", c.lock.failures);
            sqlite3_stmt *stmt = store_stmt(s,
                "UPDATE clerks SET failures = ?2, locked_until = ?3,"
                " last_login = CASE WHEN ?4 THEN ?5 ELSE last_login END WHERE id = ?1");
            if (!stmt) {
                e = PK_EIO;
            } else {
                store_bind_text(stmt, 1, id);
                sqlite3_bind_int(stmt, 2, c.lock.failures);
                sqlite3_bind_int64(stmt, 3, c.lock.locked_until);
                sqlite3_bind_int(stmt, 4, ok);
                sqlite3_bind_int64(stmt, 5, now);
                e = store_step_done(s, stmt);
            }
            mem_wipe(&c, sizeof c);
        }
    } else {
        snprintf(detail, sizeof detail, "unknown_id");
    }
    /* The typed id is logged only when it is a well-formed id (never a
     * stray PIN typed into the id field). */
    if (e == PK_OK)
        e = store_audit_append(s, now, auth_id_valid(id) ? id : "?", action,
                               auth_id_valid(id) ? id : "", detail);
    return store_end(s, e);
}

pk_err store_clerk_sign_in(store *s, const auth_ctx *a, const char *id, const char *pin,
                           int64_t now, int timeout, clerk_session *sess,
                           int64_t *locked_left)
{
    if (locked_left)
        *locked_left = 0;
    clerk_account c;
    memset(&c, 0, sizeof c);
    bool exists, locked;
    pk_err e = reserve_attempt(s, id, now, &c, &exists, &locked, locked_left);
    if (e != PK_OK) {
        mem_wipe(&c, sizeof c);
        return e;
    }
    bool ok;
    if (exists) {
        ok = store_clerk_pin_ok(s, a, &c, pin) && !c.disabled;   /* bound to c.id */
    } else {
        auth_dummy_verify(a, pin);
        ok = false;
    }
    e = record_attempt(s, id, ok, exists, locked, now, locked_left);
    if (e == PK_OK && ok)
        (void)store_clerk_pin_rebind(s, a, &c, pin, now);   /* an old hash: best effort, next time */
    if (e == PK_OK && ok)
        auth_session_start(sess, c.id, c.name, c.role, timeout, now);
    mem_wipe(&c, sizeof c);
    if (e != PK_OK)
        return e;
    /* the account id, never what was typed when it failed (a stray PIN) */
    if (ok)
        log_info("clerk %s signed in", sess->id);
    else
        log_warn("clerk sign-in refused (wrong account or PIN)%s",
                 locked_left && *locked_left ? ", account locked for now" : "");
    return ok ? PK_OK : PK_EPERM;
}

pk_err store_clerk_sign_out(store *s, const clerk_session *sess, const char *why, int64_t now)
{
    if (!sess->active)
        return PK_OK;
    log_info("clerk %s signed out (%s)", sess->id, why ? why : "");
    return store_audit_append(s, now, sess->id, "logout", sess->id, why ? why : "");
}
