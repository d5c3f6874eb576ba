/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's connection: settings of RELIABILITY.md §5.2, migrations,
 * the statement cache, error mapping, transactions, settings. */
#include "store_internal.h"

#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

enum { MAX_TEXT_BYTES = 1 << 20 };

/* ---- errors ------------------------------------------------------------ */

pk_err store_rc(store *s, int rc)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
        return PK_OK;
    if (s && s->conn)
        snprintf(s->err, sizeof s->err, "%s (%d)", sqlite3_errmsg(s->conn), rc);
    switch (rc & 0xFF) {
    case SQLITE_FULL:
        return PK_EFULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return PK_EBUSY;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
            rc == SQLITE_CONSTRAINT_ROWID)
            return PK_EEXISTS;
        return PK_EINVAL;
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
        return PK_EINVAL;
    case SQLITE_NOTFOUND:
        return PK_ENOTFOUND;
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return PK_EPERM;
    default:   /* IOERR, CORRUPT, NOTADB, CANTOPEN, READONLY, NOMEM, ... */
        return PK_EIO;
    }
}

const char *store_last_error(store *s)
{
    return s ? s->err : "";
}

/* ---- statements -------------------------------------------------------- */

/* The cached statement of sql, or NULL. A constant SQL comes back at the
 * same address: found by it first, a compare of two pointers per entry
 * where comparing texts cost about 2,700 instructions per lookup once a
 * store had prepared its usual hundred (issue 18, 30 lookups per dossier).
 * The text confirms it (a freed buffer's address may hold other SQL now),
 * and SQL built at run time is found by its text. */
static store_cached *cached(store *s, const char *sql)
{
    for (int i = 0; i < s->ncache; i++)
        if (s->cache[i].key == sql && strcmp(s->cache[i].sql, sql) == 0)
            return &s->cache[i];
    for (int i = 0; i < s->ncache; i++)
        if (strcmp(s->cache[i].sql, sql) == 0) {
            s->cache[i].key = sql;
            return &s->cache[i];
        }
    return NULL;
}

sqlite3_stmt *store_stmt(store *s, const char *sql)
{
    store_cached *c = cached(s, sql);
    if (c) {
        sqlite3_reset(c->stmt);
        sqlite3_clear_bindings(c->stmt);
        return c->stmt;
    }
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v3(s->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
    if (rc != SQLITE_OK) {
        store_rc(s, rc);
        sqlite3_finalize(stmt);
        return NULL;
    }
    if (s->ncache == s->capcache) {
        s->capcache = s->capcache ? s->capcache * 2 : 32;
        s->cache = xrealloc(s->cache, (size_t)s->capcache * sizeof *s->cache);
    }
    s->cache[s->ncache].sql = xstrdup(sql);
    s->cache[s->ncache].key = sql;
    s->cache[s->ncache].stmt = stmt;
    s->ncache++;
    return stmt;
}

void store_done(sqlite3_stmt *stmt)
{
    if (stmt) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
}

pk_err store_step_done(store *s, sqlite3_stmt *stmt)
{
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ;   /* run to the end (RETURNING rows are not needed here) */
    pk_err e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

pk_err store_step_row(store *s, sqlite3_stmt *stmt)
{
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        return PK_OK;
    return rc == SQLITE_DONE ? PK_ENOTFOUND : store_rc(s, rc);
}

bool store_next_row(store *s, sqlite3_stmt *stmt, int n, int max, pk_err *e)
{
    *e = PK_OK;
    if (n >= max)
        return false;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        *e = store_rc(s, rc);
    return false;
}

sqlite3_stmt *store_row(store *s, const char *sql, const char *key, pk_err *e)
{
    sqlite3_stmt *stmt = store_stmt(s, sql);
    if (!stmt) {
        *e = PK_EIO;
        return NULL;
    }
    store_bind_text(stmt, 1, key);
    *e = store_step_row(s, stmt);
    if (*e == PK_OK)
        return stmt;
    store_done(stmt);
    return NULL;
}

/* Constant SQL only (no values): BEGIN, COMMIT, PRAGMAs, schema. */
bool store_refs_ok(const char *const *refs, int n)
{
    for (int i = 0; i < n; i++)
        if (!refs[i] || !store_text_ok(refs[i], PK_REF_MAX))
            return false;
    return true;
}

int64_t store_int_const(store *s, const char *sql, int64_t fallback)
{
    sqlite3_stmt *stmt = store_stmt(s, sql);
    int64_t v = fallback;
    if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    store_done(stmt);
    return v;
}

pk_err store_exec_const(store *s, const char *sql)
{
    char *em = NULL;
    int rc = sqlite3_exec(s->conn, sql, NULL, NULL, &em);
    if (rc != SQLITE_OK) {
        pk_err e = store_rc(s, rc);
        if (em)
            snprintf(s->err, sizeof s->err, "%s (%d)", em, rc);
        sqlite3_free(em);
        return e;
    }
    return PK_OK;
}

void store_bind_text(sqlite3_stmt *stmt, int i, const char *t)
{
    sqlite3_bind_text(stmt, i, t ? t : "", -1, SQLITE_STATIC);
}

void store_col_text(sqlite3_stmt *stmt, int col, char *out, size_t outsz)
{
    const char *t = (const char *)sqlite3_column_text(stmt, col);
    str_copy(out, outsz, t ? t : "");
}

bool store_text_ok(const char *t, size_t cap)
{
    if (!t)
        return false;
    size_t n = strnlen(t, cap);
    return n < cap && text_valid_utf8(t, n) && !text_has_control(t);
}

/* ---- transactions ------------------------------------------------------ */

/* BEGIN / COMMIT through the statement cache: no parsing per action. */
static pk_err exec_cached(store *s, const char *sql)
{
    sqlite3_stmt *stmt = store_stmt(s, sql);
    return stmt ? store_step_done(s, stmt) : PK_EIO;
}

pk_err store_begin(store *s)
{
    if (s->depth > 0) {   /* already inside: join the outer transaction */
        if (s->doomed)
            return PK_EIO;
        s->depth++;
        return PK_OK;
    }
    pk_err e = exec_cached(s, "BEGIN IMMEDIATE");
    if (e == PK_OK) {
        s->depth = 1;
        s->doomed = false;
    }
    return e;
}

pk_err store_commit(store *s)
{
    if (s->depth > 1) {
        s->depth--;
        return PK_OK;
    }
    if (s->doomed) {   /* an inner step failed: the whole action is undone */
        store_rollback(s);
        return PK_EIO;
    }
    pk_err e = store_audit_seal_dirty(s);   /* the chain seals what changed, or nothing commits */
    if (e == PK_OK && s->sync_outbox)
        e = store_sync_head(s);   /* the province gets the head with what was queued */
    if (e == PK_OK)
        e = exec_cached(s, "COMMIT");
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    s->depth = 0;
    return PK_OK;
}

void store_rollback(store *s)
{
    if (s->depth > 1) {   /* inner: the outermost rollback/commit undoes all */
        s->depth--;
        s->doomed = true;
        return;
    }
    if (!sqlite3_get_autocommit(s->conn))
        sqlite3_exec(s->conn, "ROLLBACK", NULL, NULL, NULL);
    s->depth = 0;
    s->doomed = false;
}

pk_err store_end(store *s, pk_err e)
{
    if (e == PK_OK)
        return store_commit(s);
    store_rollback(s);
    return e;
}

sqlite3_stmt *store_begin_stmt(store *s, const char *sql, pk_err *e)
{
    *e = store_begin(s);
    if (*e != PK_OK)
        return NULL;
    sqlite3_stmt *stmt = store_stmt(s, sql);
    if (!stmt) {
        store_rollback(s);
        *e = PK_EIO;
    }
    return stmt;
}

pk_err store_tx_begin(store *s)
{
    return store_begin(s);
}

pk_err store_tx_commit(store *s)
{
    pk_err e = store_commit(s);
    if (e == PK_OK && s->depth == 0)
        store_search_free(s);   /* the catalog may have changed */
    return e;
}

void store_tx_rollback(store *s)
{
    store_rollback(s);
    if (s->depth == 0)
        store_search_free(s);
}

/* Two plain statements in the caller's write transaction (store_begin joins
 * it): a RETURNING clause made SQLite build and drop a temporary table at
 * each call, two per dossier (issue 18). */
pk_err store_sequence_next(store *s, const char *name, int64_t *out)
{
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s,
        "INSERT INTO sequences(name, value) VALUES(?1, 1) "
        "ON CONFLICT(name) DO UPDATE SET value = value + 1");
    if (!stmt)
        return store_end(s, PK_EIO);
    store_bind_text(stmt, 1, name);
    e = store_step_done(s, stmt);
    if (e == PK_OK) {
        stmt = store_row(s, "SELECT value FROM sequences WHERE name = ?1", name, &e);
        if (e == PK_OK)
            *out = sqlite3_column_int64(stmt, 0);
        store_done(stmt);
    }
    return store_end(s, e);
}

/* ---- open / close ------------------------------------------------------ */

/* Statement journals of up to STMT_SPILL bytes stay in memory. Inside a
 * transaction, a statement that writes several rows and may fail keeps the
 * pages it changes in a statement journal; SQLite moves it to a temporary
 * file past 64 KiB. A dossier's INSERT with its triggers (indexes, name and
 * digit probes, counters) changes about 25 pages, so every dossier created,
 * wrote and deleted a file: 0.2 ms of a 0.5 ms insert (issue 18). Bounded:
 * a statement changing more pages (a migration, a purge) still spills.
 * Below 128 KiB: SQLite keeps the journal in one buffer of this size and
 * writes it to the file in one call, and its Unix layer writes at most
 * 128 KiB - 1 bytes at once (3.40 answers "disk full" to a larger spill;
 * store_insert/no_temp_file spills one). SQLite takes this only before it
 * starts (sqlite3_config), so every store entry that opens a connection
 * asks first; in a process that started SQLite earlier it is refused and
 * the default stays (slower, not different). */
enum { STMT_SPILL = 124 << 10 };

void store_sqlite_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, (int)STMT_SPILL);   /* SQLITE_MISUSE once started */
}

/* The audit key every store opened from now on uses (see store.h). */
static unsigned char default_audit_key[32];
static bool has_default_audit_key;

void store_use_audit_key(const unsigned char key[32])
{
    memcpy(default_audit_key, key, sizeof default_audit_key);
    has_default_audit_key = true;
}

static pk_err configure(store *s, char *msg, size_t msgsz)
{
    sqlite3 *db = s->conn;
    sqlite3_extended_result_codes(db, 1);
    store_set_busy_timeout(s, 5000);
    int on = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &on);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, MAX_TEXT_BYTES);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    /* journal_mode answers with the mode in force: it must be wal */
    sqlite3_stmt *stmt = store_stmt(s, "PRAGMA journal_mode=WAL");
    int rc = stmt ? sqlite3_step(stmt) : SQLITE_ERROR;
    bool wal = rc == SQLITE_ROW &&
               strcmp((const char *)sqlite3_column_text(stmt, 0), "wal") == 0;
    pk_err e = rc == SQLITE_ROW ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    if (e != PK_OK || !wal) {
        snprintf(msg, msgsz, "cannot switch the database to WAL mode: %s",
                 e != PK_OK ? s->err : "refused");
        return e != PK_OK ? e : PK_EIO;
    }
    e = store_exec_const(s,
        "PRAGMA synchronous=FULL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA trusted_schema=OFF;"
        "PRAGMA cell_size_check=ON;"
        "PRAGMA secure_delete=ON;"
        "PRAGMA journal_size_limit=4194304;"
        "PRAGMA mmap_size=0;");
    if (e != PK_OK)
        snprintf(msg, msgsz, "cannot configure the database: %s", s->err);
    return e;
}

/* A database file of 0 bytes (or one SQLite sees no page in) is not a
 * database to continue: opened with the create flag it would silently
 * become a new empty one (issue 11 item 3). */
static pk_err refuse_empty(store *s, const char *path, char *msg, size_t msgsz)
{
    sqlite3_stmt *stmt = store_stmt(s, "PRAGMA page_count");
    int rc = stmt ? sqlite3_step(stmt) : SQLITE_ERROR;
    int64_t pages = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    pk_err e = rc == SQLITE_ROW ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    if (e != PK_OK) {
        snprintf(msg, msgsz, "cannot read the database %s: %s", path, s->err);
        return e == PK_OK ? PK_EIO : e;
    }
    if (pages == 0) {
        snprintf(msg, msgsz, "the database %s is empty (0 bytes)", path);
        return PK_ENOTFOUND;
    }
    return PK_OK;
}

/* The database and its -wal / -shm hold personal data: owner-only (0600),
 * also for files an older version left group- or world-readable. SQLite
 * gives -wal and -shm the database file's mode when it creates them. */
static void owner_only(store *s)
{
    const char *path = sqlite3_db_filename(s->conn, "main");
    if (!path || !*path)
        return;   /* in memory */
    static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < PK_ARRAY_LEN(tails); i++) {
        char f[1100];
        snprintf(f, sizeof f, "%s%s", path, tails[i]);
        struct stat sb;
        if (lstat(f, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
            (sb.st_mode & 077) != 0)
            chmod(f, sb.st_mode & 0700);
    }
}

static pk_err open_with(const char *path, bool create, store **out, char *msg, size_t msgsz)
{
    char dummy[8];
    if (!msg || msgsz == 0) {
        msg = dummy;
        msgsz = sizeof dummy;
    }
    msg[0] = '\0';
    *out = NULL;
    if (!has_default_audit_key) {
        snprintf(msg, msgsz, "no audit key loaded: the database cannot be opened without it");
        return PK_EPERM;
    }
    store *s = xcalloc(1, sizeof *s);
    memcpy(s->audit_key, default_audit_key, sizeof s->audit_key);
    s->has_audit_key = true;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | (create ? SQLITE_OPEN_CREATE : 0);
    mode_t saved_umask = umask(077);   /* a new database is 0600 from its first byte */
    store_sqlite_setup();
    int rc = sqlite3_open_v2(path, &s->conn, flags, NULL);
    umask(saved_umask);
    pk_err e;
    if (rc != SQLITE_OK) {
        e = store_rc(s, rc);
        if (!create && (rc & 0xFF) == SQLITE_CANTOPEN)
            e = PK_ENOTFOUND;
        snprintf(msg, msgsz, "cannot open the database %s: %s", path,
                 s->conn ? sqlite3_errmsg(s->conn) : "out of memory");
        store_close(s);
        return e == PK_OK ? PK_EIO : e;
    }
    owner_only(s);
    /* Before the first statement: another process may hold the file for a
     * moment (a first start publishing it, a checkpoint at close), and the
     * empty-file check must wait for it like any statement. */
    store_set_busy_timeout(s, 5000);
    e = create ? PK_OK : refuse_empty(s, path, msg, msgsz);
    if (e == PK_OK)
        e = configure(s, msg, msgsz);
    if (e == PK_OK)
        owner_only(s);   /* -wal and -shm as configure left them */
    if (e == PK_OK)
        e = store_migrate(s, store_migrations, store_migrations_count, msg, msgsz);
    if (e == PK_OK) {
        e = store_audit_track(s);
        if (e != PK_OK)
            snprintf(msg, msgsz, "cannot prepare the audit seals: %s", s->err);
    }
    if (e == PK_OK)
        store_outcomes_load(s);           /* print outcomes a crashed run kept */
    if (e != PK_OK) {
        store_close(s);
        return e;
    }
    *out = s;
    return PK_OK;
}

pk_err store_open(const char *path, store **out, char *msg, size_t msgsz)
{
    return open_with(path, true, out, msg, msgsz);
}

pk_err store_open_existing(const char *path, store **out, char *msg, size_t msgsz)
{
    return open_with(path, false, out, msg, msgsz);
}

pk_err store_write_check(store *s, const char *stamp, char *msg, size_t msgsz)
{
    const char *path = sqlite3_db_filename(s->conn, "main");
    char shm[1100];
    snprintf(shm, sizeof shm, "%s-shm", path ? path : "");
    /* a -shm left read-only (by another user, or while the database was
     * read-only) keeps blocking writes after the database is fixed */
    if (path && *path && access(shm, F_OK) == 0 && access(shm, W_OK) != 0) {
        snprintf(msg, msgsz, "%s is read-only (remove it while no postkiosk runs: it holds "
                 "no data, or give it the database's owner and mode)", shm);
        return PK_EPERM;
    }
    if (sqlite3_db_readonly(s->conn, "main") == 1) {
        snprintf(msg, msgsz, "%s cannot be written (read-only file or folder)", path ? path : "");
        return PK_EPERM;
    }
    pk_err e = store_setting_set(s, "write_check", stamp);
    if (e != PK_OK)
        snprintf(msg, msgsz, "a test write to %s failed: %s", path ? path : "", s->err);
    return e;
}

void store_close(store *s)
{
    if (!s)
        return;
    if (s->conn && s->noutcomes > 0)
        store_jobs_flush(s);              /* print outcomes kept while busy */
    store_search_free(s);
    for (int i = 0; i < s->ncache; i++) {
        sqlite3_finalize(s->cache[i].stmt);
        free(s->cache[i].sql);
    }
    free(s->cache);
    if (s->conn)
        sqlite3_close(s->conn);
    sodium_memzero(s->audit_key, sizeof s->audit_key);
    free(s);
}

pk_err store_check(store *s, bool full, char *msg, size_t msgsz)
{
    sqlite3_stmt *stmt = store_stmt(s, full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)");
    if (!stmt) {
        snprintf(msg, msgsz, "%s", s->err);
        return PK_EIO;
    }
    int rc = sqlite3_step(stmt);
    pk_err e;
    if (rc == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(stmt, 0);
        e = r && strcmp(r, "ok") == 0 ? PK_OK : PK_EIO;
        snprintf(msg, msgsz, "%s", r ? r : "");
    } else {
        e = store_rc(s, rc);
        snprintf(msg, msgsz, "%s", s->err);
    }
    store_done(stmt);
    if (e == PK_OK) {
        stmt = store_stmt(s, "PRAGMA foreign_key_check");
        if (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
            snprintf(msg, msgsz, "foreign key violation in table %s",
                     (const char *)sqlite3_column_text(stmt, 0));
            e = PK_EIO;
        }
        store_done(stmt);
    }
    return e;
}

/* The tables the kiosk cannot run without: a file whose schema lost one
 * is refused before any page of the data is read. */
static const char *const needed_tables[] = {
    "procedures", "settings", "sequences", "dossiers", "dossier_docs", "events",
    "print_jobs", "audit", "clerks", "run_state",
};

static pk_err start_structure(store *s, char *msg, size_t msgsz)
{
    /* the header: SQLite's page count must fit in the file (a truncated
     * copy), the schema parses (it is read here, page 1 and on) */
    sqlite3_stmt *stmt = store_stmt(s, "SELECT (SELECT page_count FROM pragma_page_count()),"
                                       " (SELECT page_size FROM pragma_page_size())");
    if (!stmt || sqlite3_step(stmt) != SQLITE_ROW) {
        snprintf(msg, msgsz, "%s", s->err[0] ? s->err : sqlite3_errmsg(s->conn));
        store_done(stmt);
        return PK_EIO;
    }
    int64_t pages = sqlite3_column_int64(stmt, 0), page_size = sqlite3_column_int64(stmt, 1);
    store_done(stmt);
    const char *file = sqlite3_db_filename(s->conn, "main");
    struct stat st;
    if (file && *file && stat(file, &st) == 0 && pages > 0 && page_size > 0) {
        /* committed pages may still be in the WAL only */
        char wal[PATH_MAX];
        struct stat ws;
        snprintf(wal, sizeof wal, "%s-wal", file);
        int64_t in_wal = stat(wal, &ws) == 0 ? (int64_t)ws.st_size : 0;
        if ((int64_t)st.st_size + in_wal < (pages - 1) * page_size) {
            snprintf(msg, msgsz, "the file is shorter than its %lld pages",
                     (long long)pages);
            return PK_EIO;
        }
    }
    for (size_t i = 0; i < PK_ARRAY_LEN(needed_tables); i++) {
        pk_err e;
        stmt = store_row(s, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                         needed_tables[i], &e);
        store_done(stmt);
        if (e != PK_OK) {
            if (e == PK_ENOTFOUND)
                snprintf(msg, msgsz, "table %s is missing", needed_tables[i]);
            else
                snprintf(msg, msgsz, "%s", s->err);
            return PK_EIO;
        }
    }
    return PK_OK;
}

pk_err store_start_check(store *s, start_check_kind *kind, char *msg, size_t msgsz)
{
    *kind = START_CHECK_QUICK;
    pk_err e = start_structure(s, msg, msgsz);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT clean_at FROM run_state WHERE id = 1");
    int64_t clean_at = stmt && sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    store_done(stmt);
    if (clean_at <= 0) {   /* -1: a new file (run_state in store_schema.c) */
        *kind = clean_at < 0 ? START_CHECK_FIRST : START_CHECK_UNCLEAN;
        e = store_check(s, false, msg, msgsz);
        if (e != PK_OK)
            return e;
    }
    /* running: a crash from here on leaves no marker. A file that cannot
     * be written is the write check's to report (store_write_check names
     * the read-only file), and the kiosk does not start then. */
    (void)store_exec_const(s, "UPDATE run_state SET clean_at = 0 WHERE id = 1");
    return PK_OK;
}

pk_err store_mark_clean(store *s, int64_t now)
{
    if (s->damaged)
        return PK_ETAMPER;
    pk_err e;
    sqlite3_stmt *stmt = store_begin_stmt(s, "UPDATE run_state SET clean_at = ?1 WHERE id = 1", &e);
    if (!stmt)
        return e;
    sqlite3_bind_int64(stmt, 1, now > 0 ? now : 1);
    e = store_step_done(s, stmt);
    return store_end(s, e);
}

bool store_damaged(const store *s)
{
    return s->damaged;
}

void store_set_progress(store *s, store_progress_fn fn, void *arg)
{
    s->progress = fn;
    s->progress_arg = arg;
}

void store_set_busy_timeout(store *s, int ms)
{
    s->busy_ms = ms;
    sqlite3_busy_timeout(s->conn, ms);
}

pk_err store_set_max_pages(store *s, int64_t pages)
{
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA max_page_count = %lld", (long long)pages);
    return store_exec_const(s, pragma);
}

/* ---- settings ---------------------------------------------------------- */

pk_err store_setting_get(store *s, const char *key, char *val, size_t valsz)
{
    if (valsz)
        val[0] = '\0';
    pk_err e;
    sqlite3_stmt *stmt = store_row(s, "SELECT value FROM settings WHERE key = ?1", key, &e);
    if (e == PK_OK)
        store_col_text(stmt, 0, val, valsz);
    store_done(stmt);
    return e;
}

pk_err store_setting_set(store *s, const char *key, const char *val)
{
    if (!key || !*key || !store_text_ok(key, 128) || !store_text_ok(val, MAX_TEXT_BYTES))
        return PK_EINVAL;
    pk_err e;
    sqlite3_stmt *stmt = store_begin_stmt(s,
        "INSERT INTO settings(key, value) VALUES(?1, ?2) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", &e);
    if (!stmt)
        return e;
    store_bind_text(stmt, 1, key);
    store_bind_text(stmt, 2, val);
    e = store_step_done(s, stmt);
    return store_end(s, e);
}
