/* Clerk accounts, sign-in and the hash-chained audit log (schema v2). */
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dossier.h"
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
    sqlite3_stmt *stmt = store_stmt(s, "SELECT " ACCOUNT_COLS " FROM clerks WHERE id = ?1");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    pk_err e = PK_OK;
    if (rc == SQLITE_ROW)
        read_account(stmt, out);
    else
        e = rc == SQLITE_DONE ? PK_ENOTFOUND : store_rc(s, rc);
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
        "INSERT INTO clerks(id, name, role, pin_hash, disabled, created_at, updated_at)"
        " VALUES(?1, ?2, ?3, ?4, 0, ?5, ?5)");
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
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
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
    e = update_account(s, "UPDATE clerks SET pin_hash = ?2, failures = 0, locked_until = 0,"
                          " updated_at = ?3 WHERE id = ?1", id, pin_hash, now);
    if (e == PK_OK)
        e = store_audit_append(s, now, actor, "clerk_passwd", id, "");
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
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
        e = store_audit_append(s, now, actor, "clerk_disable", id, "");
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
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
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
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
        ok = auth_pin_verify(a, c.pin_hash, pin) && !c.disabled;
    } else {
        auth_dummy_verify(a, pin);
        ok = false;
    }
    e = record_attempt(s, id, ok, exists, locked, now, locked_left);
    if (e == PK_OK && ok)
        auth_session_start(sess, c.id, c.name, c.role, timeout, now);
    mem_wipe(&c, sizeof c);
    if (e != PK_OK)
        return e;
    return ok ? PK_OK : PK_EPERM;
}

pk_err store_clerk_sign_out(store *s, const clerk_session *sess, const char *why, int64_t now)
{
    if (!sess->active)
        return PK_OK;
    return store_audit_append(s, now, sess->id, "logout", sess->id, why ? why : "");
}

/* ---- audit ------------------------------------------------------------- */

/* Appends one row after the current head; inside a transaction. */
static pk_err chain_append(store *s, int64_t at, const char *actor, const char *action,
                           const char *object, const char *detail, int64_t event_seq)
{
    unsigned char prev[AUDIT_HASH_BYTES] = {0};
    int64_t seq = 1;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        seq = sqlite3_column_int64(stmt, 0) + 1;
        if (sqlite3_column_bytes(stmt, 1) == AUDIT_HASH_BYTES)
            memcpy(prev, sqlite3_column_blob(stmt, 1), AUDIT_HASH_BYTES);
    } else if (rc != SQLITE_DONE) {
        pk_err e = store_rc(s, rc);
        store_done(stmt);
        return e;
    }
    store_done(stmt);
    unsigned char h[AUDIT_HASH_BYTES];
    audit_link(prev, seq, at, actor, action, object, detail, h);
    stmt = store_stmt(s, "INSERT INTO audit(seq, at, actor, action, object, detail, prev_hash,"
                       " hash, event_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, seq);
    sqlite3_bind_int64(stmt, 2, at);
    store_bind_text(stmt, 3, actor);
    store_bind_text(stmt, 4, action);
    store_bind_text(stmt, 5, object);
    store_bind_text(stmt, 6, detail);
    sqlite3_bind_blob(stmt, 7, prev, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
    sqlite3_bind_blob(stmt, 8, h, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
    if (event_seq > 0)
        sqlite3_bind_int64(stmt, 9, event_seq);
    else
        sqlite3_bind_null(stmt, 9);
    return store_step_done(s, stmt);
}

static const char *col(sqlite3_stmt *stmt, int i)
{
    const char *t = (const char *)sqlite3_column_text(stmt, i);
    return t ? t : "";
}

/* The mirror row's detail for the event in the current row of stmt
 * (columns: seq, at, actor, from, to, note, ref). Digest over the exact
 * stored text, whatever its length. */
static void event_detail(sqlite3_stmt *stmt, int64_t seq, int64_t at, char out[AUDIT_DETAIL_MAX])
{
    char digest[AUDIT_HEX_MAX];
    audit_event_digest(seq, col(stmt, 6), at, col(stmt, 2), col(stmt, 3), col(stmt, 4), col(stmt, 5),
                       digest);
    snprintf(out, AUDIT_DETAIL_MAX, "ref=%.24s from=%.24s to=%.24s digest=%s", col(stmt, 6),
             col(stmt, 3), col(stmt, 4), digest);
}

/* Chains one event (the row of stmt: seq, at, actor, from, to, note, ref). */
static pk_err chain_row(store *s, sqlite3_stmt *stmt)
{
    int64_t seq = sqlite3_column_int64(stmt, 0), at = sqlite3_column_int64(stmt, 1);
    char *actor = xstrdup(col(stmt, 2)), object[32], detail[AUDIT_DETAIL_MAX];
    event_detail(stmt, seq, at, detail);
    store_done(stmt);
    snprintf(object, sizeof object, "%" PRId64, seq);
    pk_err e = chain_append(s, at, actor, "event", object, detail, seq);
    free(actor);
    return e;
}

#define EVENT_ROW "SELECT e.seq, e.at, e.actor, e.from_status, e.to_status, e.note, d.ref" \
                  " FROM events e CROSS JOIN dossiers d ON d.id = e.dossier_id"

pk_err store_audit_event(store *s, int64_t event_seq)
{
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, EVENT_ROW " WHERE e.seq = ?1");
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    sqlite3_bind_int64(stmt, 1, event_seq);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        e = chain_row(s, stmt);
    } else {
        e = rc == SQLITE_DONE ? PK_ENOTFOUND : store_rc(s, rc);
        store_done(stmt);
    }
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
}

pk_err store_audit_chain_pending(store *s)
{
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    int64_t upto = 0;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT max(event_seq) FROM audit");
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    if (sqlite3_step(stmt) == SQLITE_ROW)
        upto = sqlite3_column_int64(stmt, 0);
    store_done(stmt);
    for (;;) {
        /* one event at a time: no cursor stays open across the inserts */
        stmt = store_stmt(s, EVENT_ROW " WHERE e.seq > ?1 ORDER BY e.seq LIMIT 1");
        if (!stmt) {
            e = PK_EIO;
            break;
        }
        sqlite3_bind_int64(stmt, 1, upto);
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_ROW) {
            e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
            store_done(stmt);
            break;
        }
        int64_t seq = sqlite3_column_int64(stmt, 0);
        e = chain_row(s, stmt);
        if (e != PK_OK)
            break;
        upto = seq;
    }
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
}

pk_err store_clerk_upgrade(store *s)
{
    /* a database from before version 2: its events are chained once, at
     * the upgrade; from then on each event is chained as it is written */
    return store_audit_chain_pending(s);
}

pk_err store_audit_append(store *s, int64_t at, const char *actor, const char *action,
                          const char *object, const char *detail)
{
    if (!text_field_ok(actor, AUDIT_ACTOR_MAX) || !text_field_ok(action, AUDIT_ACTION_MAX) ||
        !text_field_ok(object ? object : "", AUDIT_OBJECT_MAX) ||
        !text_field_ok(detail ? detail : "", AUDIT_DETAIL_MAX) || !actor[0] || !action[0])
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    e = chain_append(s, at, actor, action, object ? object : "", detail ? detail : "", 0);
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
}

pk_err store_audit_head(store *s, int64_t *seq, char hex[AUDIT_HEX_MAX])
{
    *seq = 0;
    hex[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(stmt, 0);
        if (sqlite3_column_bytes(stmt, 1) == AUDIT_HASH_BYTES)
            audit_hex(sqlite3_column_blob(stmt, 1), AUDIT_HASH_BYTES, hex, AUDIT_HEX_MAX);
    }
    pk_err e = rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

static void read_audit(sqlite3_stmt *stmt, audit_row *r)
{
    memset(r, 0, sizeof *r);
    r->seq = sqlite3_column_int64(stmt, 0);
    r->at = sqlite3_column_int64(stmt, 1);
    store_col_text(stmt, 2, r->actor, sizeof r->actor);
    store_col_text(stmt, 3, r->action, sizeof r->action);
    store_col_text(stmt, 4, r->object, sizeof r->object);
    store_col_text(stmt, 5, r->detail, sizeof r->detail);
    if (sqlite3_column_bytes(stmt, 6) == AUDIT_HASH_BYTES)
        memcpy(r->prev_hash, sqlite3_column_blob(stmt, 6), AUDIT_HASH_BYTES);
    if (sqlite3_column_bytes(stmt, 7) == AUDIT_HASH_BYTES)
        memcpy(r->hash, sqlite3_column_blob(stmt, 7), AUDIT_HASH_BYTES);
}

pk_err store_audit_list(store *s, int64_t before, audit_row *rows, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit"
        " WHERE ?1 = 0 OR seq < ?1 ORDER BY seq DESC LIMIT ?2");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, before);
    sqlite3_bind_int(stmt, 2, max);
    int rc;
    while (*n < max && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
        read_audit(stmt, &rows[(*n)++]);
    store_done(stmt);
    return PK_OK;
}

/* Second pass: the k-th mirror row must describe the k-th event, exactly. */
static pk_err verify_events(store *s, audit_check *r)
{
    sqlite3_stmt *ev = NULL, *mi = NULL;
    int rc = sqlite3_prepare_v2(s->conn,
        "SELECT e.seq, e.at, e.actor, e.from_status, e.to_status, e.note,"
        " coalesce(d.ref, '') FROM events e LEFT JOIN dossiers d ON d.id = e.dossier_id"
        " ORDER BY e.seq", -1, &ev, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->conn, "SELECT seq, event_seq, object, detail, at, actor"
                                       " FROM audit WHERE event_seq IS NOT NULL"
                                       " ORDER BY event_seq", -1, &mi, NULL);
    pk_err e = store_rc(s, rc);
    bool have_ev = false, have_mi = false;
    while (e == PK_OK) {
        int r1 = sqlite3_step(ev), r2 = sqlite3_step(mi);
        have_ev = r1 == SQLITE_ROW;
        have_mi = r2 == SQLITE_ROW;
        if ((r1 != SQLITE_ROW && r1 != SQLITE_DONE) || (r2 != SQLITE_ROW && r2 != SQLITE_DONE)) {
            e = store_rc(s, r1 != SQLITE_ROW && r1 != SQLITE_DONE ? r1 : r2);
            break;
        }
        if (!have_ev && !have_mi)
            break;
        int64_t eseq = have_ev ? sqlite3_column_int64(ev, 0) : 0;
        int64_t mseq = have_mi ? sqlite3_column_int64(mi, 1) : 0;
        if (!have_ev || (have_mi && mseq < eseq)) {
            r->fault = AUDIT_EVENT_MISSING;
            r->bad_seq = sqlite3_column_int64(mi, 0);
            r->bad_event = mseq;
            break;
        }
        if (!have_mi || eseq < mseq) {
            r->fault = AUDIT_EVENT_UNCHAINED;
            r->bad_event = eseq;
            break;
        }
        int64_t at = sqlite3_column_int64(ev, 1);
        char expect[AUDIT_DETAIL_MAX], object[32];
        event_detail(ev, eseq, at, expect);
        snprintf(object, sizeof object, "%" PRId64, eseq);
        if (strcmp(col(mi, 2), object) != 0 || strcmp(col(mi, 3), expect) != 0 ||
            sqlite3_column_int64(mi, 4) != at || strcmp(col(mi, 5), col(ev, 2)) != 0) {
            r->fault = AUDIT_EVENT_EDITED;
            r->bad_seq = sqlite3_column_int64(mi, 0);
            r->bad_event = eseq;
            break;
        }
        r->events++;
    }
    sqlite3_finalize(ev);
    sqlite3_finalize(mi);
    return e;
}

pk_err store_audit_verify(store *s, audit_check *r)
{
    memset(r, 0, sizeof *r);
    pk_err e;
    /* one read transaction: both passes see the same snapshot */
    if (sqlite3_exec(s->conn, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_rc(s, sqlite3_errcode(s->conn));
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(s->conn, "SELECT seq, at, actor, action, object, detail,"
                                       " prev_hash, hash, event_seq FROM audit ORDER BY seq",
                                -1, &stmt, NULL);
    e = store_rc(s, rc);
    audit_verifier v;
    audit_verify_init(&v);
    while (e == PK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        audit_row row;
        read_audit(stmt, &row);
        bool ok = audit_verify_step(&v, &row);
        /* event_seq sits outside the hash: it must agree with the object */
        if (ok && sqlite3_column_type(stmt, 8) != SQLITE_NULL) {
            char obj[32];
            snprintf(obj, sizeof obj, "%" PRId64, (int64_t)sqlite3_column_int64(stmt, 8));
            if (strcmp(row.action, "event") != 0 || strcmp(row.object, obj) != 0) {
                v.fault = AUDIT_HASH;
                v.bad_seq = row.seq;
                ok = false;
            }
        }
        if (!ok)
            break;
    }
    if (e == PK_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = store_rc(s, rc);
    sqlite3_finalize(stmt);
    r->count = v.count;
    r->head_seq = v.next_seq - 1;
    audit_hex(v.prev, AUDIT_HASH_BYTES, r->head_hex, sizeof r->head_hex);
    if (e == PK_OK && v.fault != AUDIT_OK) {
        r->fault = v.fault;
        r->bad_seq = v.bad_seq;
    }
    if (e == PK_OK && r->fault == AUDIT_OK)
        e = verify_events(s, r);
    sqlite3_exec(s->conn, "COMMIT", NULL, NULL, NULL);
    if (e != PK_OK)
        return e;
    return r->fault == AUDIT_OK ? PK_OK : PK_ETAMPER;
}
