/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the durable dossier insert no longer does (issue 18: within 1.25x
 * of a bare SQLite insert), each kept from coming back: no temporary file
 * per dossier for its statement journal; no temporary b-tree per row for
 * a CHECK's list of constants (migration 24), with the same values
 * accepted and refused, and an upgraded schema like a new one; no second
 * write of the row for the e-mail consent, no read of it back for the
 * messages. */
#include <errno.h>
#include <sqlite3.h>
#include <sys/inotify.h>

#include "clerk_fixture.h"
#include "store_audit.h"
#include "store_internal.h"
#include "unit.h"

/* Files SQLite created in dir since the watch began (inotify sees a
 * temporary file although SQLite unlinks it at once). */
static int created(int fd)
{
    int n = 0;
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t len;
    while ((len = read(fd, buf, sizeof buf)) > 0)
        for (char *p = buf; p < buf + len; p += sizeof(struct inotify_event) + ((struct inotify_event *)p)->len)
            n += (((struct inotify_event *)p)->mask & IN_CREATE) != 0;
    return n;
}

TEST(store_insert, no_temp_file, "a dossier is created without a temporary file")
{
    /* SQLite reads its temporary folder and the spill size when it starts:
     * start it again, on a folder of our own (nothing is open between two
     * tests) */
    CU_ASSERT_EQUAL_FATAL(sqlite3_shutdown(), SQLITE_OK);
    fx_dir tmp;
    fx_init(&tmp);
    setenv("SQLITE_TMPDIR", tmp.dir, 1);
    fx_dir fx;
    store *db = cx_open(&fx);
    /* a kiosk's worth of dossiers, so that an insert reaches as many pages
     * as it does in service (a few dossiers fit in a page per index) */
    CU_ASSERT_EQUAL_FATAL(cx_raw(fx.db_path,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
        " INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en,"
        " agency, form, status, name, name_fold, id_number, phone, unit_id, fee_proc, fee_post,"
        " fee_total, created_at, created_day, updated_at, consent_process, consent_sms, sample)"
        " SELECT printf('LS09-%07d', i), printf('RZ%08d0VN', i), 'LS09', '1.001193', 'x', 'x',"
        " 'UBND cấp xã', 3, 'delivered', 'Nguyễn Văn ' || i, 'nguyen van ' || (i * 7919 % 20000),"
        " printf('020%09d', i * 104729 % 1000000007), printf('09%08d', i * 7907 % 100000000),"
        " i % 60, 0, 0, 0, 1767225600 + i, printf('2026-%02d-%02d', 1 + i % 12, 1 + i % 28),"
        " 1767225600 + i, 1, 0, 0 FROM n"), SQLITE_OK);
    int fd = inotify_init1(IN_NONBLOCK);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_FATAL(inotify_add_watch(fd, tmp.dir, IN_CREATE) >= 0);
    for (int i = 0; i < 5; i++) {
        dossier d = fx_dossier("1.001193", "Nguyễn Thị Minh Khai");
        d.ndocs = 2;
        str_copy(d.docs[1].name_vi, sizeof d.docs[1].name_vi, "Bản sao");
        CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    }
    CU_ASSERT_EQUAL(created(fd), 0);
    /* the watch sees one: a statement changing 400 pages in a transaction
     * still spills its journal to a file */
    CU_ASSERT_EQUAL(sqlite3_exec(db->conn, "CREATE TABLE big(x BLOB CHECK(length(x) >= 0));"
                                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                                           " FROM n WHERE i < 400) INSERT INTO big"
                                           " SELECT zeroblob(3000) FROM n;"
                                           "BEGIN; UPDATE big SET x = zeroblob(3001); COMMIT;",
                                 NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT(created(fd) > 0);
    close(fd);
    cx_close(&db, &fx);
    unsetenv("SQLITE_TMPDIR");
    CU_ASSERT_EQUAL(sqlite3_shutdown(), SQLITE_OK);
    fx_cleanup(&tmp);
}

/* The OpenEphemeral steps (a temporary b-tree) in the program of sql,
 * its triggers' programs included, on conn. */
static int ephemerals(sqlite3 *conn, const char *sql)
{
    char *explain = sqlite3_mprintf("EXPLAIN %s", sql);
    sqlite3_stmt *q = NULL;
    int n = -1;
    if (sqlite3_prepare_v2(conn, explain, -1, &q, NULL) == SQLITE_OK) {
        n = 0;
        while (sqlite3_step(q) == SQLITE_ROW)
            n += strcmp((const char *)sqlite3_column_text(q, 1), "OpenEphemeral") == 0;
    }
    sqlite3_finalize(q);
    sqlite3_free(explain);
    return n;
}

static dossier consenting(void)
{
    dossier d = fx_dossier("1.001193", "Nguyễn Thị Minh Khai");
    d.consent_sms = d.consent_email = true;
    str_copy(d.email, sizeof d.email, "khai@example.vn");
    return d;
}

TEST(store_insert, no_temporary_btree, "a registration and its receipt build no temporary b-tree")
{
    /* a CHECK(x IN (a, b, c)) made SQLite build a b-tree of the list
     * each time a row was written: seven per registration with both
     * messages, three more for its receipt's outcome */
    fx_dir fx;
    store *db = cx_open(&fx);
    dossier d = consenting();
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    sqlite3_stmt *q;
    for (q = sqlite3_next_stmt(db->conn, NULL); q; q = sqlite3_next_stmt(db->conn, q))
        sqlite3_stmt_status(q, SQLITE_STMTSTATUS_RUN, 1);
    /* the statements one registration with both messages and its receipt
     * printed run, each looked at */
    d = consenting();
    int64_t job = 0;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", &job), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_job_set(db, job, JOB_PRINTED, NULL), PK_OK);
    int ran = 0, inserts = 0, rereads = 0;
    for (q = sqlite3_next_stmt(db->conn, NULL); q; q = sqlite3_next_stmt(db->conn, q)) {
        if (sqlite3_stmt_status(q, SQLITE_STMTSTATUS_RUN, 0) == 0)
            continue;
        const char *sql = sqlite3_sql(q);
        ran++;
        int n = ephemerals(db->conn, sql);
        if (n != 0)
            fprintf(stderr, "\n  %d temporary b-tree(s): %s\n", n, sql);
        CU_ASSERT_EQUAL(n, 0);
        inserts += strncmp(sql, "INSERT INTO dossiers(", 21) == 0 ||
                   strncmp(sql, "INSERT INTO notify_outbox(", 26) == 0 ||
                   strncmp(sql, "INSERT INTO print_jobs(", 23) == 0 ||
                   strncmp(sql, "INSERT INTO events(", 19) == 0 ||   /* its trigger writes sync_outbox */
                   strncmp(sql, "UPDATE print_jobs SET status", 28) == 0;
        /* the consent in the INSERT, the messages from the row in hand */
        rereads += strncmp(sql, "UPDATE dossiers", 15) == 0 ||
                   (strncmp(sql, "SELECT", 6) == 0 && strstr(sql, "FROM dossiers WHERE id = ?1"));
    }
    CU_ASSERT(ran > 10);
    CU_ASSERT_EQUAL(inserts, 5);
    CU_ASSERT_EQUAL(rereads, 0);
    /* the same rows as ever: both messages, the consent stored */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE ref = (SELECT ref FROM"
                               " dossiers ORDER BY id DESC LIMIT 1)"), 2);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT consent_email + consent_sms FROM dossiers ORDER BY id DESC LIMIT 1"), 2);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    cx_close(&db, &fx);
}

/* The migration that codes the CHECK lists inline (found by its step). */
static int inline_checks_at(void)
{
    for (int i = 0; i < store_migrations_count; i++)
        if (store_migrations[i].fn == store_schema_inline_checks)
            return i;
    return -1;
}

/* A store on a new database in fx migrated up to the step before the
 * inline checks, as an older kiosk had it, with the key every store of the
 * run uses; store_close() it. */
static store *old_store(fx_dir *fx)
{
    fx_init(fx);
    int at = inline_checks_at();
    CU_ASSERT_FATAL(at > 0);
    char other[300], msg[256];
    snprintf(other, sizeof other, "%s/key.db", fx->dir);
    store *tmp = NULL, *old = xcalloc(1, sizeof *old);
    CU_ASSERT_EQUAL_FATAL(store_open(other, &tmp, NULL, 0), PK_OK);
    memcpy(old->audit_key, tmp->audit_key, sizeof old->audit_key);
    old->has_audit_key = true;
    store_close(tmp);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx->db_path, &old->conn), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(old->conn, "PRAGMA journal_mode=WAL", NULL, NULL, NULL),
                          SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_migrate(old, store_migrations, at, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_schema_version(old), store_migrations[at - 1].version);
    CU_ASSERT_EQUAL_FATAL(store_audit_track(old), PK_OK);
    return old;
}

/* Runs sql on the file at path in a transaction rolled back: its result
 * code. */
static int try_sql(const char *path, const char *sql)
{
    sqlite3 *c = NULL;
    int rc = sqlite3_open(path, &c);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_exec(c, sql, NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            rc = sqlite3_extended_errcode(c);
        sqlite3_exec(c, "ROLLBACK", NULL, NULL, NULL);
    }
    sqlite3_close(c);
    return rc;
}

/* tmpl with its %s replaced by value, into out. */
static const char *with_value(char *out, size_t outsz, const char *tmpl, const char *value)
{
    const char *at = strstr(tmpl, "%s");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    snprintf(out, outsz, "%.*s%s%s", (int)(at - tmpl), tmpl, value, at + 2);
    return out;
}

#define NEW_DOSSIER(form, incident) \
    "INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency," \
    " form, status, name, name_fold, id_number, phone, fee_proc, fee_post, fee_total, created_at," \
    " created_day, updated_at, consent_process, consent_sms, sample, incident)" \
    " VALUES('LS01-9999999', 'RZ999999990VN', 'LS01', '1.001193', 'x', 'x', 'x', " form "," \
    " 'registered', 'A', 'a', '1', '1', 0, 0, 0, 1, '2026-01-01', 1, 1, 0, 0, " incident ")"

/* Each column whose CHECK changed, written with the value %s, by INSERT
 * and by UPDATE where the store updates it; the values it must take and
 * some it must refuse. */
static const struct {
    const char *sql, *good[8], *bad[8];
} columns[] = {
    {NEW_DOSSIER("%s", "''"), {"1", "2", "3", "'3'", "3.0"}, {"0", "4", "'x'", "1.5", "NULL"}},
    {NEW_DOSSIER("1", "%s"), {"''", "'lost'", "'damaged'"},
     {"'stolen'", "'Lost'", "' lost'", "0", "CAST('lost' AS BLOB)", "NULL"}},
    {"INSERT INTO print_jobs(ref, kind, status, created_at, updated_at) VALUES('r', 'receipt', %s, 1, 1)",
     {"0", "1", "2", "'1'", "2.0"}, {"3", "-1", "1.5", "'printed'", "x'01'"}},
    {"INSERT INTO print_jobs(ref, kind, created_at, updated_at) VALUES('r', 'receipt', 1, 1);"
     "UPDATE print_jobs SET status = %s WHERE id = last_insert_rowid()", {"1", "2"}, {"3", "'x'"}},
    {"INSERT INTO notify_outbox(dossier_id, ref, event, channel, destination, lang, created_at,"
     " status) VALUES(1, 'r', 'registered', 'sms', '0912345678', 'vi', 1, %s)",
     {"'pending'", "'sending'", "'handed'", "'sent'", "'failed'", "'given_up'"},
     {"'done'", "'SENT'", "'given up'", "''", "0", "NULL"}},
    {"INSERT INTO notify_outbox(dossier_id, ref, event, channel, destination, lang, created_at)"
     " VALUES(1, 'r', 'registered', 'sms', '0912345678', 'vi', 1);"
     "UPDATE notify_outbox SET status = %s WHERE id = last_insert_rowid()",
     {"'sent'", "'given_up'"}, {"'gone'", "1"}},
    {"INSERT INTO sync_outbox(kiosk_code, kind, at) VALUES('LS01', %s, 1)",
     {"'dossier'", "'event'", "'print'", "'audit'"},
     {"'seal'", "'Dossier'", "'audit '", "''", "1", "NULL"}},
};

/* Every kind of value SQLite has, and the ones type affinity turns into
 * another (' 1' and 1.0 are stored as the integer 1 in an INTEGER column). */
static const char *const probes[] = {
    "0", "1", "2", "3", "-1", "0.0", "1.0", "2.0", "3.0", "1.5", "1e0", "9223372036854775807",
    "'0'", "'1'", "'2'", "'3'", "' 1'", "'1 '", "'1.0'", "'01'", "'+1'", "'0x1'", "''", "'x'",
    "x'01'", "x'31'", "CAST('1' AS BLOB)", "NULL", "'dossier'", "'event'", "'print'", "'audit'",
    "'Dossier'", "'audit '", "'pending'", "'sending'", "'handed'", "'sent'", "'failed'",
    "'given_up'", "'GIVEN_UP'", "'lost'", "'damaged'", "'Lost'", "CAST('lost' AS BLOB)",
};

TEST(store_insert, checks_accept_the_same, "the inline CHECKs take and refuse what the lists did")
{
    fx_dir old_fx, new_fx;
    store_close(old_store(&old_fx));
    store_close(cx_open(&new_fx));   /* every migration */
    char sql[1200];
    for (size_t c = 0; c < PK_ARRAY_LEN(columns); c++) {
        for (size_t i = 0; i < PK_ARRAY_LEN(probes); i++) {
            with_value(sql, sizeof sql, columns[c].sql, probes[i]);
            int was = try_sql(old_fx.db_path, sql), now = try_sql(new_fx.db_path, sql);
            if (was != now)
                fprintf(stderr, "\n  %s: %d before, %d now\n", sql, was, now);
            CU_ASSERT_EQUAL(was, now);
        }
        for (int i = 0; i < 8 && columns[c].good[i]; i++) {
            with_value(sql, sizeof sql, columns[c].sql, columns[c].good[i]);
            CU_ASSERT_EQUAL(try_sql(new_fx.db_path, sql), SQLITE_OK);
        }
        for (int i = 0; i < 8 && columns[c].bad[i]; i++) {
            with_value(sql, sizeof sql, columns[c].sql, columns[c].bad[i]);
            int rc = try_sql(new_fx.db_path, sql);
            CU_ASSERT(rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL);
        }
    }
    fx_cleanup(&old_fx);
    fx_cleanup(&new_fx);
}

/* The schema's definitions, in one text: type, name, table, SQL. */
static char *schema_of(store *db)
{
    sqlite3_stmt *q = NULL;
    sbuf b = {0};
    sqlite3_prepare_v2(db->conn, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                                 " WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name", -1, &q, NULL);
    while (sqlite3_step(q) == SQLITE_ROW)
        sbuf_addf(&b, "%s|%s|%s|%s\n", sqlite3_column_text(q, 0), sqlite3_column_text(q, 1),
                  sqlite3_column_text(q, 2), sqlite3_column_text(q, 3));
    sqlite3_finalize(q);
    return b.data ? b.data : xstrdup("");
}

/* What a database holds besides its schema: the rows of its tables, its
 * AUTOINCREMENT counters and statistics, in one text. */
static char *content_of(store *db)
{
    return xasprintf("%lld %lld %lld %lld %lld %lld %lld %lld",
        (long long)cx_int(db, "SELECT count(*) FROM dossiers"),
        (long long)cx_int(db, "SELECT count(*) FROM print_jobs"),
        (long long)cx_int(db, "SELECT count(*) FROM notify_outbox"),
        (long long)cx_int(db, "SELECT count(*) FROM sync_outbox"),
        (long long)cx_int(db, "SELECT max(seq) FROM sync_outbox"),
        (long long)cx_int(db, "SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'"),
        (long long)cx_int(db, "SELECT count(*) FROM sqlite_stat1"),
        (long long)cx_int(db, "SELECT count(*) FROM audit"));
}

TEST(store_insert, inline_checks_migrate, "an upgraded schema is a new one's, its rows and guards kept")
{
    /* a kiosk with history at the schema before the step */
    fx_dir fx, fresh_fx;
    char msg[256];
    store *db = NULL, *old = old_store(&fx);
    cx_catalog(old);
    for (int i = 0; i < 3; i++) {
        dossier d = consenting();
        int64_t job = 0;
        CU_ASSERT_EQUAL_FATAL(store_dossier_create(old, &d, "RA", "kiosk", &job), PK_OK);
        CU_ASSERT_EQUAL(store_job_set(old, job, JOB_PRINTED, NULL), PK_OK);
    }
    CU_ASSERT_EQUAL(sqlite3_exec(old->conn, "ANALYZE", NULL, NULL, NULL), SQLITE_OK);
    char *before = content_of(old);
    int64_t cookie = cx_int(old, "PRAGMA schema_version");
    unsigned char key[sizeof old->audit_key];
    memcpy(key, old->audit_key, sizeof key);
    store_close(old);

    /* the step alone: the schema's cookie once, no row changed (the
     * migrations after it, such as agency_en's, change their own) */
    store *mid = xcalloc(1, sizeof *mid);
    memcpy(mid->audit_key, key, sizeof key);
    mid->has_audit_key = true;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &mid->conn), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_migrate(mid, store_migrations, inline_checks_at() + 1, msg, sizeof msg),
                          PK_OK);
    CU_ASSERT_EQUAL(cx_int(mid, "PRAGMA schema_version"), cookie + 1);
    char *after = content_of(mid);
    CU_ASSERT_STRING_EQUAL(after, before);
    store_close(mid);

    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_schema_version(db), store_migrations[store_migrations_count - 1].version);
    int64_t cookie_now = cx_int(db, "PRAGMA schema_version");
    store *fresh = cx_open(&fresh_fx);
    char *upgraded = schema_of(db), *made = schema_of(fresh);
    CU_ASSERT_STRING_EQUAL(upgraded, made);
    CU_ASSERT_PTR_NULL(strstr(upgraded, "CHECK(status IN (0, 1, 2))"));
    CU_ASSERT_PTR_NOT_NULL(strstr(upgraded, "CHECK(kind = 'dossier' OR kind = 'event'"));
    /* the connection that migrated works with the new definitions */
    CU_ASSERT_EQUAL(ephemerals(db->conn, "INSERT INTO print_jobs(ref, kind, created_at, updated_at)"
                                         " VALUES('r', 'receipt', 1, 1)"), 0);
    CU_ASSERT_EQUAL(store_check(db, true, msg, sizeof msg), PK_OK);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    dossier d = consenting();
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    /* the schema is guarded again: no edit of it, writable_schema off */
    int defensive = 0;
    sqlite3_db_config(db->conn, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
    CU_ASSERT_EQUAL(defensive, 1);
    CU_ASSERT_EQUAL(cx_int(db, "PRAGMA writable_schema"), 0);
    CU_ASSERT_NOT_EQUAL(sqlite3_exec(db->conn, "PRAGMA writable_schema = ON;"
                                               "UPDATE sqlite_schema SET sql = sql WHERE name = 'print_jobs'",
                                     NULL, NULL, NULL), SQLITE_OK);
    sqlite3_exec(db->conn, "PRAGMA writable_schema = OFF", NULL, NULL, NULL);
    store_close(db);
    char sql[160];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
             store_migrations[inline_checks_at() - 1].version);
    /* run again (a test rolls user_version back past it): nothing to do,
     * nothing changed, not even the schema's cookie */
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "PRAGMA schema_version"), cookie_now);
    char *again = schema_of(db);
    CU_ASSERT_STRING_EQUAL(again, made);
    store_close(db);
    /* a table whose check is not the one the migrations wrote: refused,
     * and the file left as it was */
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "PRAGMA writable_schema = ON;"
                                       "UPDATE sqlite_schema SET sql = replace(sql,"
                                       " 'CHECK(status = 0 OR status = 1 OR status = 2)',"
                                       " 'CHECK(status IN (0, 1))') WHERE name = 'print_jobs';"
                                       "PRAGMA writable_schema = OFF;"), SQLITE_OK);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    db = NULL;
    CU_ASSERT_NOT_EQUAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "print_jobs"));
    free(before);
    free(after);
    free(upgraded);
    free(made);
    free(again);
    store_close(fresh);
    fx_cleanup(&fresh_fx);
    fx_cleanup(&fx);
}

SUITE(store_insert, NULL, NULL);
