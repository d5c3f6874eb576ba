/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Seals: the audit chain covers the state of every dossier and clerk row.
 * Each change made through the store appends a "seal" row (object
 * "dossier:<id>" or "clerk:<id>", detail "digest=<hex>" or "deleted") with
 * a keyed digest of the whole row after the change; `audit verify`
 * recomputes each current row's digest against its last seal. Personal data
 * goes into the digest only (HMAC with the audit key: not searchable
 * offline), never into an audit row in clear. */
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_audit.h"
#include "util.h"

/* Version 4: the keyed chain. Rows before it keep keyed = 0 (SHA-256
 * links); the index finds a row's last seal. */
const char store_schema_v4[] =
    "ALTER TABLE audit ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0 CHECK(keyed IN (0, 1));"
    "CREATE INDEX audit_seals ON audit(object, seq) WHERE action = 'seal';";

pk_err store_file_keyed(const char *path, bool *keyed)
{
    *keyed = false;
    sqlite3 *conn = NULL;
    store_sqlite_setup();
    int rc = sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
    sqlite3_stmt *stmt = NULL;
    if (rc == SQLITE_OK)
        sqlite3_busy_timeout(conn, 5000);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(conn, "SELECT count(*) FROM pragma_table_info('audit')"
                                      " WHERE name = 'keyed'", -1, &stmt, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        *keyed = sqlite3_column_int(stmt, 0) > 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    sqlite3_close(conn);
    return rc == SQLITE_OK ? PK_OK : PK_EIO;
}

bool store_audit_reserved(const char *action)
{
    return strcmp(action, "seal") == 0 || strcmp(action, "audit_key") == 0;
}

/* Settings hold what a kiosk trusts too (the staff PIN hash, its S10
 * range, ...): sealed like rows, keys of at most 48 bytes (the store's own
 * keys are short; a longer one is outside the seals). */
typedef enum { SEAL_DOSSIER, SEAL_CLERK, SEAL_SETTING } seal_kind;

static const char *const kind_name[] = {"dossier", "clerk", "setting"};

/* The canonical form is hashed into every seal: its bytes are fixed
 * (audit_seals/seal_bytes_kept). Written without printf: a dossier row has
 * some 50 columns, sealed at every change and read back by every check
 * (issue 18). */
static void add_bytes(sbuf *b, char tag, const void *p, int n)
{
    sbuf_addn(b, &tag, 1);
    sbuf_add_i64(b, n);
    sbuf_addn(b, ":", 1);
    if (n > 0)
        sbuf_addn(b, p, (size_t)n);
    sbuf_addn(b, "\n", 1);
}

/* The canonical form of one row: every column by name, type and value, so
 * that a column added later is covered as soon as its migration reseals. */
static const char *const row_sql[2][3] = {
    {"SELECT * FROM main.dossiers WHERE id = ?1", "SELECT * FROM main.clerks WHERE id = ?1",
     "SELECT * FROM main.settings WHERE key = ?1"},
    /* the row as it was before this transaction changed it */
    {"SELECT * FROM temp.audit_old_dossier WHERE id = ?1",
     "SELECT * FROM temp.audit_old_clerk WHERE id = ?1",
     "SELECT * FROM temp.audit_old_setting WHERE key = ?1"},
};

static pk_err row_canonical(store *s, seal_kind kind, bool before, const char *id, sbuf *out,
                            bool *found)
{
    sqlite3_stmt *stmt = store_stmt(s, row_sql[before][kind]);
    if (!stmt)
        return PK_EIO;
    if (kind == SEAL_DOSSIER)
        sqlite3_bind_int64(stmt, 1, strtoll(id, NULL, 10));
    else
        store_bind_text(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    *found = rc == SQLITE_ROW;
    sbuf_reserve(out, 2048);   /* a dossier row, at once */
    sbuf_add(out, kind_name[kind]);
    sbuf_addn(out, "\n", 1);
    for (int i = 0; *found && i < sqlite3_column_count(stmt); i++) {
        const char *name = sqlite3_column_name(stmt, i);
        add_bytes(out, 'c', name, (int)strlen(name));
        switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
            sbuf_addn(out, "i", 1);
            sbuf_add_i64(out, (int64_t)sqlite3_column_int64(stmt, i));
            sbuf_addn(out, "\n", 1);
            break;
        case SQLITE_FLOAT:
            sbuf_addf(out, "f%.17g\n", sqlite3_column_double(stmt, i));
            break;
        case SQLITE_TEXT:
            add_bytes(out, 't', sqlite3_column_text(stmt, i), sqlite3_column_bytes(stmt, i));
            break;
        case SQLITE_BLOB:
            add_bytes(out, 'b', sqlite3_column_blob(stmt, i), sqlite3_column_bytes(stmt, i));
            break;
        default:
            sbuf_add(out, "n\n");
        }
    }
    pk_err e = rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

/* "digest=<hex>" for a present row, "deleted" for a missing one; before:
 * of the copy taken when this transaction first changed it (*found false
 * when there is none: the row is new). */
static pk_err row_seal_of(store *s, seal_kind kind, bool before, const char *id, char *detail,
                          size_t detailsz, bool *found)
{
    sbuf canon = {0};
    pk_err e = row_canonical(s, kind, before, id, &canon, found);
    if (e == PK_OK) {
        char hex[AUDIT_HEX_MAX];
        audit_state_digest(s->audit_key, canon.data, canon.len, hex);
        snprintf(detail, detailsz, *found ? "digest=%s" : "deleted", hex);
    }
    if (canon.data)
        mem_wipe(canon.data, canon.len);   /* personal data */
    sbuf_free(&canon);
    return e;
}

static pk_err row_seal(store *s, seal_kind kind, const char *id, char *detail, size_t detailsz)
{
    bool found;
    return row_seal_of(s, kind, false, id, detail, detailsz, &found);
}

/* The detail of the last seal of object ("" when none). */
static pk_err last_seal(store *s, const char *object, char *detail, size_t detailsz)
{
    detail[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(s, "SELECT detail FROM audit WHERE action = 'seal'"
                                       " AND object = ?1 ORDER BY seq DESC LIMIT 1");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, object);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        store_col_text(stmt, 0, detail, detailsz);
    store_done(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
}

/* How seal_one checks the row's state before this transaction. */
typedef enum {
    PRIOR_UNCHECKED,   /* the upgrade seals every row once */
    PRIOR_COPIED,      /* changed in this transaction: its prior state is
                          in the copy the BEFORE triggers took */
    PRIOR_NONE,        /* inserted in this transaction: it had none, and no
                          copy is taken of it */
} seal_prior;

/* A prior state that differs from the last seal was changed outside the
 * program: the new seal says so ("prior=changed"), so that the program's
 * own later change does not launder the edit. */
static pk_err seal_one(store *s, seal_kind kind, const char *id, seal_prior how)
{
    char detail[AUDIT_DETAIL_MAX], object[AUDIT_OBJECT_MAX];
    snprintf(object, sizeof object, "%s:%s", kind_name[kind], id);
    pk_err e = row_seal(s, kind, id, detail, sizeof detail);
    if (e == PK_OK && how != PRIOR_UNCHECKED) {
        char prior[AUDIT_DETAIL_MAX], sealed[AUDIT_DETAIL_MAX];
        bool existed = false;
        if (how == PRIOR_COPIED)
            e = row_seal_of(s, kind, true, id, prior, sizeof prior, &existed);
        if (e == PK_OK)
            e = last_seal(s, object, sealed, sizeof sealed);
        bool clean = existed ? strcmp(prior, sealed) == 0
                             : !sealed[0] || strcmp(sealed, "deleted") == 0;
        if (e == PK_OK && !clean)
            str_copy(detail + strlen(detail), sizeof detail - strlen(detail), " prior=changed");
    }
    if (e != PK_OK)
        return e;
    /* a seal carries the time of the action it seals (the rows chained
     * in the same transaction), the clock only when there were none */
    int64_t at = s->last_at ? s->last_at : (int64_t)time(NULL);
    return store_chain_append(s, at, "system", "seal", object, detail, 0);
}

/* Notes row v of kind k for sealing at commit, once; fresh: the row was
 * inserted in this transaction (it has no prior state to copy or check).
 * Not INSERT OR IGNORE: an UPSERT that fires the trigger would impose its
 * own conflict rule on it; an ON CONFLICT DO NOTHING of the trigger's own
 * keeps it. Nor INSERT ... SELECT ... WHERE NOT EXISTS: a statement that
 * reads the table it writes makes SQLite build a temporary table first, at
 * every dossier (issue 18). The id as text, as the column holds it:
 * compared with an integer, the key could not be used and every mark would
 * read all the earlier ones (quadratic in one transaction, issue 18). */
#define MARK_AS(k, v, fresh) \
    "INSERT INTO audit_dirty VALUES(" k ", CAST(" v " AS TEXT), " fresh ")" \
    " ON CONFLICT DO NOTHING;"
#define MARK(k, v) MARK_AS(k, v, "0")
#define MARK_NEW(k, v) MARK_AS(k, v, "1")
/* The prior state is copied once, and not for a row this transaction
 * inserted. */
#define NOT_COPIED(k, copies, key, v) \
    " NOT EXISTS (SELECT 1 FROM temp." copies " WHERE " key " = " v ")" \
    " AND NOT EXISTS (SELECT 1 FROM audit_dirty WHERE kind = " k \
    " AND id = CAST(" v " AS TEXT) AND fresh)"

pk_err store_audit_track(store *s)
{
    s->audit_keyed = true;   /* the migrations have run: audit.keyed exists */
    char *em = NULL;
    int rc = sqlite3_exec(s->conn,
        "CREATE TEMP TABLE IF NOT EXISTS audit_dirty(kind INTEGER NOT NULL, id TEXT NOT NULL,"
        "  fresh INTEGER NOT NULL, PRIMARY KEY(kind, id)) WITHOUT ROWID;"
        /* the rows as they were before this transaction first changed them,
         * found by key (the triggers and the seal look them up) */
        "CREATE TEMP TABLE IF NOT EXISTS audit_old_dossier AS SELECT * FROM main.dossiers WHERE 0;"
        "CREATE INDEX IF NOT EXISTS temp.audit_old_dossier_id ON audit_old_dossier(id);"
        "CREATE TEMP TABLE IF NOT EXISTS audit_old_clerk AS SELECT * FROM main.clerks WHERE 0;"
        "CREATE INDEX IF NOT EXISTS temp.audit_old_clerk_id ON audit_old_clerk(id);"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_dossier_ins AFTER INSERT ON main.dossiers"
        "  BEGIN "
        MARK_NEW("0", "NEW.id")
        " END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_dossier_old BEFORE UPDATE ON main.dossiers"
        "  WHEN"
        NOT_COPIED("0", "audit_old_dossier", "id", "OLD.id")
        "  BEGIN INSERT INTO audit_old_dossier SELECT * FROM main.dossiers WHERE id = OLD.id; END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_dossier_upd AFTER UPDATE ON main.dossiers"
        "  BEGIN "
        MARK("0", "OLD.id") " "
        MARK("0", "NEW.id")
        " END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_dossier_gone BEFORE DELETE ON main.dossiers"
        "  WHEN"
        NOT_COPIED("0", "audit_old_dossier", "id", "OLD.id")
        "  BEGIN INSERT INTO audit_old_dossier SELECT * FROM main.dossiers WHERE id = OLD.id; END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_dossier_del AFTER DELETE ON main.dossiers"
        "  BEGIN "
        MARK("0", "OLD.id")
        " END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_clerk_ins AFTER INSERT ON main.clerks"
        "  BEGIN "
        MARK_NEW("1", "NEW.id")
        " END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_clerk_old BEFORE UPDATE ON main.clerks"
        "  WHEN"
        NOT_COPIED("1", "audit_old_clerk", "id", "OLD.id")
        "  BEGIN INSERT INTO audit_old_clerk SELECT * FROM main.clerks WHERE id = OLD.id; END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_clerk_upd AFTER UPDATE ON main.clerks"
        "  BEGIN "
        MARK("1", "OLD.id") " "
        MARK("1", "NEW.id")
        " END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_clerk_gone BEFORE DELETE ON main.clerks"
        "  WHEN"
        NOT_COPIED("1", "audit_old_clerk", "id", "OLD.id")
        "  BEGIN INSERT INTO audit_old_clerk SELECT * FROM main.clerks WHERE id = OLD.id; END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_clerk_del AFTER DELETE ON main.clerks"
        "  BEGIN "
        MARK("1", "OLD.id")
        " END;"
        "CREATE TEMP TABLE IF NOT EXISTS audit_old_setting AS SELECT * FROM main.settings WHERE 0;"
        "CREATE INDEX IF NOT EXISTS temp.audit_old_setting_key ON audit_old_setting(key);"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_setting_ins AFTER INSERT ON main.settings"
        "  WHEN length(NEW.key) <= 48"
        "  BEGIN "
        MARK_NEW("2", "NEW.key")
        " END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_setting_old BEFORE UPDATE ON main.settings"
        "  WHEN length(OLD.key) <= 48"
        "   AND"
        NOT_COPIED("2", "audit_old_setting", "key", "OLD.key")
        "  BEGIN INSERT INTO audit_old_setting SELECT * FROM main.settings WHERE key = OLD.key; END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_setting_upd AFTER UPDATE ON main.settings"
        "  WHEN length(OLD.key) <= 48 AND length(NEW.key) <= 48"
        "  BEGIN "
        MARK("2", "OLD.key") " "
        MARK("2", "NEW.key")
        " END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_setting_gone BEFORE DELETE ON main.settings"
        "  WHEN length(OLD.key) <= 48"
        "   AND"
        NOT_COPIED("2", "audit_old_setting", "key", "OLD.key")
        "  BEGIN INSERT INTO audit_old_setting SELECT * FROM main.settings WHERE key = OLD.key; END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS seal_setting_del AFTER DELETE ON main.settings"
        "  WHEN length(OLD.key) <= 48"
        "  BEGIN "
        MARK("2", "OLD.key")
        " END;",
        NULL, NULL, &em);
    if (rc != SQLITE_OK) {
        pk_err e = store_rc(s, rc);
        if (em)
            snprintf(s->err, sizeof s->err, "%s", em);
        sqlite3_free(em);
        return e;
    }
    s->tracking = true;
    return PK_OK;
}

/* The marked rows are read a batch at a time, in key order: no cursor stays
 * open across the inserts, and a purge's thousands of rows are not all held
 * at once. A dossier's transaction reads its one mark, seals, and clears. */
enum { SEAL_BATCH = 256 };

typedef struct {
    seal_kind kind;
    char id[AUDIT_OBJECT_MAX];
    bool fresh;
} seal_mark;

pk_err store_audit_seal_dirty(store *s)
{
    if (!s->tracking)
        return PK_OK;   /* during the migrations: they seal what they change */
    int64_t total = 0, done = 0;
    if (s->progress)   /* a long action (purge) shows how the sealing goes */
        total = store_int_const(s, "SELECT count(*) FROM audit_dirty", 0);
    seal_mark *marks = NULL;
    bool copied = false;   /* a row changed, not only inserted: copies to clear */
    pk_err e = PK_OK;
    for (;;) {
        sqlite3_stmt *stmt = store_stmt(s, "SELECT kind, id, fresh FROM audit_dirty"
                                           " ORDER BY kind, id LIMIT ?1");
        if (!stmt) {
            e = PK_EIO;
            break;
        }
        sqlite3_bind_int(stmt, 1, SEAL_BATCH);
        int n = 0, rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (!marks)
                marks = xmalloc(SEAL_BATCH * sizeof *marks);
            int k = sqlite3_column_int(stmt, 0);
            marks[n].kind = k == 2 ? SEAL_SETTING : k == 1 ? SEAL_CLERK : SEAL_DOSSIER;
            store_col_text(stmt, 1, marks[n].id, sizeof marks[n].id);
            marks[n].fresh = sqlite3_column_int(stmt, 2) != 0;
            n++;
        }
        store_done(stmt);
        if (rc != SQLITE_DONE) {
            e = store_rc(s, rc);
            break;
        }
        for (int i = 0; e == PK_OK && i < n; i++, done++) {
            if (s->progress && total > 0 && (done % 200 == 0 || done == total))
                s->progress(done, total, s->progress_arg);
            copied |= !marks[i].fresh;
            e = seal_one(s, marks[i].kind, marks[i].id,
                         marks[i].fresh ? PRIOR_NONE : PRIOR_COPIED);
        }
        if (e != PK_OK)
            break;
        if (n < SEAL_BATCH) {   /* the last batch: every mark is sealed */
            stmt = store_stmt(s, "DELETE FROM audit_dirty");
            e = stmt ? store_step_done(s, stmt) : PK_EIO;
            break;
        }
        stmt = store_stmt(s, "DELETE FROM audit_dirty WHERE kind < ?1 OR (kind = ?1 AND id <= ?2)");
        if (!stmt) {
            e = PK_EIO;
            break;
        }
        sqlite3_bind_int(stmt, 1, (int)marks[n - 1].kind);
        store_bind_text(stmt, 2, marks[n - 1].id);
        e = store_step_done(s, stmt);
        if (e != PK_OK)
            break;
    }
    free(marks);
    if (s->progress && total > 0 && e == PK_OK)
        s->progress(done, total, s->progress_arg);
    s->last_at = 0;   /* the transaction ends here */
    static const char *const clear[] = {"DELETE FROM temp.audit_old_dossier",
                                        "DELETE FROM temp.audit_old_clerk",
                                        "DELETE FROM temp.audit_old_setting"};
    for (size_t i = 0; copied && e == PK_OK && i < PK_ARRAY_LEN(clear); i++) {
        sqlite3_stmt *stmt = store_stmt(s, clear[i]);
        e = stmt ? store_step_done(s, stmt) : PK_EIO;
    }
    return e;
}

/* Seals every current row of one table (the upgrade), in key order. */
static pk_err seal_all(store *s, seal_kind kind)
{
    char last[AUDIT_OBJECT_MAX] = "";
    int64_t last_id = 0;
    for (;;) {
        static const char *const next[] = {
            "SELECT id FROM dossiers WHERE id > ?1 ORDER BY id LIMIT 1",
            "SELECT id FROM clerks WHERE id > ?2 ORDER BY id LIMIT 1",
            "SELECT key FROM settings WHERE key > ?2 AND length(key) <= 48 ORDER BY key LIMIT 1",
        };
        sqlite3_stmt *stmt = store_stmt(s, next[kind]);
        if (!stmt)
            return PK_EIO;
        sqlite3_bind_int64(stmt, 1, last_id);
        store_bind_text(stmt, 2, last);
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_ROW) {
            store_done(stmt);
            return rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
        }
        last_id = sqlite3_column_int64(stmt, 0);
        store_col_text(stmt, 0, last, sizeof last);
        store_done(stmt);
        pk_err e = seal_one(s, kind, last, PRIOR_UNCHECKED);
        if (e != PK_OK)
            return e;
    }
}

pk_err store_audit_key_upgrade(store *s)
{
    /* from here on rows are HMAC-linked; the marker row is the first one,
     * then every existing dossier and clerk row is sealed once */
    s->audit_keyed = true;
    pk_err e = store_chain_append(s, (int64_t)time(NULL), "system", "audit_key", "",
                                  "keyed=hmac-sha256", 0);
    if (e == PK_OK)
        e = seal_all(s, SEAL_DOSSIER);
    if (e == PK_OK)
        e = seal_all(s, SEAL_CLERK);
    return e;
}

pk_err store_setting_seal_upgrade(store *s)
{
    return seal_all(s, SEAL_SETTING);
}

static pk_err row_sealed(store *s, seal_kind kind, const char *id, bool *sealed);

pk_err store_row_sealed(store *s, bool clerk, const char *id, bool *sealed)
{
    return row_sealed(s, clerk ? SEAL_CLERK : SEAL_DOSSIER, id, sealed);
}

static pk_err row_sealed(store *s, seal_kind kind, const char *id, bool *sealed)
{
    char object[AUDIT_OBJECT_MAX], now[AUDIT_DETAIL_MAX], last[AUDIT_DETAIL_MAX];
    snprintf(object, sizeof object, "%s:%s", kind_name[kind], id);
    pk_err e = row_seal(s, kind, id, now, sizeof now);
    if (e == PK_OK)
        e = last_seal(s, object, last, sizeof last);
    *sealed = e == PK_OK && strcmp(now, last) == 0;
    return e;
}

/* The id after last of a kind's rows, as text (dossier ids are numbers and
 * compare as numbers). false at the end or on an error (*e says which). */
static bool next_id(store *s, seal_kind kind, char *last, size_t lastsz, pk_err *e)
{
    static const char *const sql[] = {
        [SEAL_DOSSIER] = "SELECT id FROM dossiers WHERE id > ?1 ORDER BY id LIMIT 1",
        [SEAL_CLERK] = "SELECT id FROM clerks WHERE id > ?1 ORDER BY id LIMIT 1",
        [SEAL_SETTING] = ("SELECT key FROM settings WHERE key > ?1 AND length(key) <= 48"
                          " ORDER BY key LIMIT 1")};
    sqlite3_stmt *stmt = store_stmt(s, sql[kind]);
    if (!stmt) {
        *e = PK_EIO;
        return false;
    }
    if (kind == SEAL_DOSSIER)
        sqlite3_bind_int64(stmt, 1, strtoll(last, NULL, 10));
    else
        store_bind_text(stmt, 1, last);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        store_col_text(stmt, 0, last, lastsz);
    store_done(stmt);
    *e = rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    return rc == SQLITE_ROW;
}

/* For a migration that changes dossier or clerk rows (a new column, names
 * folded again): notes which rows already differ from their seal, runs
 * change, then seals again every row whose digest moved. A row that was
 * already changed behind the program's back is sealed "prior=changed", so
 * the upgrade launders nothing; rows the change left alone keep their seal. */
static pk_err reseal(store *s, seal_kind kind, pk_err (*change)(store *s, const void *arg),
                     const void *arg)
{
    char (*ids)[AUDIT_OBJECT_MAX] = NULL;
    bool *bad = NULL;
    int n = 0, cap = 0;
    char last[AUDIT_OBJECT_MAX] = "";
    if (kind == SEAL_DOSSIER)
        str_copy(last, sizeof last, "0");
    pk_err e = PK_OK;
    while (next_id(s, kind, last, sizeof last, &e)) {
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            ids = xrealloc(ids, (size_t)cap * sizeof *ids);
            bad = xrealloc(bad, (size_t)cap * sizeof *bad);
        }
        bool sealed = false;
        e = row_sealed(s, kind, last, &sealed);
        if (e != PK_OK)
            break;
        str_copy(ids[n], sizeof ids[n], last);
        bad[n++] = !sealed;
    }
    if (e == PK_OK)
        e = change(s, arg);
    for (int i = 0; e == PK_OK && i < n; i++) {
        bool sealed = false;
        if (!bad[i]) {
            e = row_sealed(s, kind, ids[i], &sealed);
            if (e != PK_OK || sealed)
                continue;   /* unchanged: its seal stands */
        }
        char detail[AUDIT_DETAIL_MAX], object[AUDIT_OBJECT_MAX];
        e = row_seal(s, kind, ids[i], detail, sizeof detail);
        if (e != PK_OK)
            break;
        if (bad[i])
            str_copy(detail + strlen(detail), sizeof detail - strlen(detail), " prior=changed");
        snprintf(object, sizeof object, "%s:%s", kind_name[kind], ids[i]);
        e = store_chain_append(s, s->last_at ? s->last_at : (int64_t)time(NULL), "system", "seal",
                               object, detail, 0);
    }
    free(ids);
    free(bad);
    return e;
}

static pk_err run_sql(store *s, const void *sql)
{
    char *em = NULL;
    int rc = sqlite3_exec(s->conn, sql, NULL, NULL, &em);
    pk_err e = rc == SQLITE_OK ? PK_OK : store_rc(s, rc);
    if (rc != SQLITE_OK && em)
        snprintf(s->err, sizeof s->err, "%s", em);
    sqlite3_free(em);
    return e;
}

pk_err store_reseal_clerks(store *s, const char *alter_sql)
{
    return reseal(s, SEAL_CLERK, run_sql, alter_sql);
}

pk_err store_reseal_dossiers(store *s, pk_err (*change)(store *s, const void *arg), const void *arg)
{
    return reseal(s, SEAL_DOSSIER, change, arg);
}

pk_err store_reseal_settings(store *s, const char *sql)
{
    return reseal(s, SEAL_SETTING, run_sql, sql);
}

/* Names a row for the report: reference or clerk id (no personal data). */
static void name_row(store *s, seal_kind kind, const char *id, char *out, size_t outsz)
{
    char ref[PK_REF_MAX] = "";
    if (kind == SEAL_DOSSIER) {
        sqlite3_stmt *stmt = store_stmt(s, "SELECT ref FROM dossiers WHERE id = ?1");
        if (stmt) {
            sqlite3_bind_int64(stmt, 1, strtoll(id, NULL, 10));
            if (sqlite3_step(stmt) == SQLITE_ROW)
                store_col_text(stmt, 0, ref, sizeof ref);
            store_done(stmt);
        }
    }
    if (ref[0])
        snprintf(out, outsz, "dossier %s", ref);
    else
        snprintf(out, outsz, "%s #%.40s", kind_name[kind], id);
}

static bool parse_object(const char *object, seal_kind *kind, const char **id)
{
    if (strncmp(object, "dossier:", 8) == 0) {
        *kind = SEAL_DOSSIER;
        *id = object + 8;
    } else if (strncmp(object, "clerk:", 6) == 0) {
        *kind = SEAL_CLERK;
        *id = object + 6;
    } else if (strncmp(object, "setting:", 8) == 0) {
        *kind = SEAL_SETTING;
        *id = object + 8;
    } else {
        return false;
    }
    return **id != '\0';
}

static void fail_row(store *s, audit_check *r, audit_fault f, int64_t seq, seal_kind kind,
                     const char *id)
{
    r->fault = f;
    r->bad_seq = seq;
    name_row(s, kind, id, r->bad_object, sizeof r->bad_object);
}

/* Every row the chain sealed still has its last sealed digest. */
static pk_err check_sealed(store *s, audit_check *r)
{
    sqlite3_stmt *stmt = NULL;
    /* the bare columns come from the row holding max(seq) (SQLite rule) */
    int rc = sqlite3_prepare_v2(s->conn, "SELECT max(seq), object, detail FROM audit"
                                       " WHERE action = 'seal' GROUP BY object ORDER BY 1",
                                -1, &stmt, NULL);
    pk_err e = store_rc(s, rc);
    while (e == PK_OK && r->fault == AUDIT_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int64_t seq = sqlite3_column_int64(stmt, 0);
        char object[AUDIT_OBJECT_MAX], sealed[AUDIT_DETAIL_MAX], now[AUDIT_DETAIL_MAX];
        store_col_text(stmt, 1, object, sizeof object);
        store_col_text(stmt, 2, sealed, sizeof sealed);
        seal_kind kind;
        const char *id;
        if (!parse_object(object, &kind, &id)) {
            r->fault = AUDIT_HASH;   /* only the store writes seals */
            r->bad_seq = seq;
            break;
        }
        char *mark = strchr(sealed, ' ');   /* " prior=changed": reported by check_marked */
        if (mark)
            *mark = '\0';
        e = row_seal(s, kind, id, now, sizeof now);
        if (e != PK_OK || strcmp(now, sealed) == 0) {
            r->seals++;
            continue;
        }
        fail_row(s, r, strcmp(now, "deleted") == 0 ? AUDIT_ROW_DELETED : AUDIT_ROW_CHANGED, seq,
                 kind, id);
    }
    if (e == PK_OK && r->fault == AUDIT_OK && rc != SQLITE_DONE)
        e = store_rc(s, rc);
    sqlite3_finalize(stmt);
    return e;
}

/* Every current row has a seal (an INSERT behind the store's back has none). */
static pk_err check_unsealed(store *s, audit_check *r)
{
    static const char *const sql[] = {
        "SELECT id FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM audit a"
        " WHERE a.action = 'seal' AND a.object = 'dossier:' || d.id) ORDER BY id LIMIT 1",
        "SELECT id FROM clerks c WHERE NOT EXISTS (SELECT 1 FROM audit a"
        " WHERE a.action = 'seal' AND a.object = 'clerk:' || c.id) ORDER BY id LIMIT 1",
        "SELECT key FROM settings t WHERE length(key) <= 48 AND NOT EXISTS (SELECT 1 FROM audit a"
        " WHERE a.action = 'seal' AND a.object = 'setting:' || t.key) ORDER BY key LIMIT 1",
    };
    for (int k = 0; k < 3 && r->fault == AUDIT_OK; k++) {
        sqlite3_stmt *stmt = store_stmt(s, sql[k]);
        if (!stmt)
            return PK_EIO;
        int rc = sqlite3_step(stmt);
        char id[AUDIT_OBJECT_MAX] = "";
        if (rc == SQLITE_ROW)
            store_col_text(stmt, 0, id, sizeof id);
        store_done(stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_rc(s, rc);
        if (rc == SQLITE_ROW)
            fail_row(s, r, AUDIT_ROW_UNSEALED, 0, (seal_kind)k, id);
    }
    return PK_OK;
}

/* A seal that found its row changed outside the program before the
 * program changed it again: the edit stays reported. */
static pk_err check_marked(store *s, audit_check *r)
{
    sqlite3_stmt *stmt = store_stmt(s, "SELECT seq, object FROM audit WHERE action = 'seal'"
                                       " AND detail LIKE '% prior=changed' ORDER BY seq LIMIT 1");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    char object[AUDIT_OBJECT_MAX] = "";
    int64_t seq = 0;
    if (rc == SQLITE_ROW) {
        seq = sqlite3_column_int64(stmt, 0);
        store_col_text(stmt, 1, object, sizeof object);
    }
    store_done(stmt);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    seal_kind kind;
    const char *id;
    if (parse_object(object, &kind, &id)) {
        fail_row(s, r, AUDIT_ROW_CHANGED, seq, kind, id);
    } else {
        r->fault = AUDIT_HASH;
        r->bad_seq = seq;
    }
    return PK_OK;
}

pk_err store_seals_verify(store *s, struct audit_check *r)
{
    pk_err e = check_marked(s, r);
    if (e == PK_OK && r->fault == AUDIT_OK)
        e = check_sealed(s, r);
    if (e == PK_OK && r->fault == AUDIT_OK)
        e = check_unsealed(s, r);
    return e;
}
