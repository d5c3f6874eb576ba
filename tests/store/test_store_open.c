/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening never creates what it should find (issue 11 item 3):
 * store_open_existing refuses a missing or empty (0 bytes) database and
 * leaves no file behind; store_write_check commits a write. The start-up
 * check (issue 18): every page read after a run that did not end cleanly,
 * a damaged, truncated or schema-less file refused. */
#include <CUnit/CUnit.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store_fixture.h"
#include "store_internal.h"
#include "unit.h"

static bool present(const char *path, const char *tail)
{
    char p[160];
    snprintf(p, sizeof p, "%s%s", path, tail);
    return access(p, F_OK) == 0;
}

TEST(store_open, open_existing_never_creates, "opening an existing database never creates one")
{
    fx_dir fx;
    fx_init(&fx);
    store *db = NULL;
    char msg[256] = "";
    CU_ASSERT_EQUAL(store_open_existing(fx.db_path, &db, msg, sizeof msg), PK_ENOTFOUND);
    CU_ASSERT_PTR_NULL(db);
    CU_ASSERT_FALSE(present(fx.db_path, ""));
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, fx.db_path));
    /* an empty file stays empty: no schema, no -wal */
    FILE *f = fopen(fx.db_path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    CU_ASSERT_EQUAL(store_open_existing(fx.db_path, &db, msg, sizeof msg), PK_ENOTFOUND);
    CU_ASSERT_PTR_NULL(db);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "empty (0 bytes)"));
    struct stat sb;
    CU_ASSERT_EQUAL(stat(fx.db_path, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_size, 0);
    CU_ASSERT_FALSE(present(fx.db_path, "-wal"));
    /* a real database opens, and takes a committed write */
    unlink(fx.db_path);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    store_close(db);
    db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open_existing(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_write_check(db, "1764547200", msg, sizeof msg), PK_OK);
    char val[32];
    CU_ASSERT_EQUAL(store_setting_get(db, "write_check", val, sizeof val), PK_OK);
    CU_ASSERT_STRING_EQUAL(val, "1764547200");
    store_close(db);
    fx_cleanup(&fx);
}

/* Another process holds the database (as a first start that has just
 * published it, or a checkpoint at close, does for a moment): opening waits
 * for it like every other statement (the busy timeout), instead of calling
 * the database unreadable. It used to fail at once: the empty-file check
 * ran before the busy timeout was set (tests/e2e/first_start.sh "twin first
 * start" failed now and then). */
TEST(store_open, open_waits_for_a_lock, "opening waits while another process holds the database")
{
    fx_dir fx;
    fx_init(&fx);
    store *db = NULL;
    char msg[256] = "";
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    store_close(db);
    db = NULL;
    int ready[2];
    CU_ASSERT_EQUAL_FATAL(pipe(ready), 0);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        sqlite3 *conn = NULL;
        int ok = sqlite3_open(fx.db_path, &conn) == SQLITE_OK &&
                 sqlite3_exec(conn, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;", NULL, NULL,
                              NULL) == SQLITE_OK;
        if (write(ready[1], ok ? "1" : "0", 1) != 1)
            _exit(2);
        struct timespec hold = {0, 300 * 1000000L};
        nanosleep(&hold, NULL);
        sqlite3_exec(conn, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(conn);
        _exit(ok ? 0 : 1);
    }
    close(ready[1]);
    char c = '0';
    CU_ASSERT_EQUAL(read(ready[0], &c, 1), 1);
    close(ready[0]);
    CU_ASSERT_EQUAL(c, '1');
    CU_ASSERT_EQUAL(store_open_existing(fx.db_path, &db, msg, sizeof msg), PK_OK);
    if (db)
        store_close(db);
    int status = 0;
    waitpid(pid, &status, 0);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    fx_cleanup(&fx);
}

/* A database with 400 procedures (some pages of b-tree); its file closed
 * and checkpointed. *root: the root page of the procedures_by_name index,
 * *page_size its page size. clean: closed with the clean-end marker;
 * otherwise a kiosk run started on it and did not end cleanly. */
static void fx_catalog_file(const char *path, bool clean, int *root, int *page_size)
{
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(path, &db, NULL, 0), PK_OK);
    enum { N = 400 };
    procedure *ps = xcalloc(N, sizeof *ps);
    for (int i = 0; i < N; i++) {
        char code[16], name[64];
        snprintf(code, sizeof code, "1.%06d", i);
        snprintf(name, sizeof name, "Đăng ký khai sinh số %d", i);
        ps[i] = fx_proc(code, name, "Birth registration", "Hộ tịch", true);
    }
    CU_ASSERT_EQUAL(store_procedures_replace(db, ps, N), PK_OK);
    free(ps);
    sqlite3_stmt *q = store_stmt(db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size())"
                                     " FROM sqlite_schema WHERE name = 'procedures_by_name'");
    CU_ASSERT_FATAL(q && sqlite3_step(q) == SQLITE_ROW);
    *root = sqlite3_column_int(q, 0);
    *page_size = sqlite3_column_int(q, 1);
    store_done(q);
    start_check_kind kind;
    char msg[256];
    CU_ASSERT_EQUAL(store_start_check(db, &kind, msg, sizeof msg), PK_OK);
    if (clean)
        CU_ASSERT_EQUAL(store_mark_clean(db, 1764547200), PK_OK);
    store_close(db);
}

/* Overwrites page `page` (1-based) with bytes `byte`, or truncates the
 * file to `page - 1` pages when byte < 0. */
static void fx_damage(const char *path, int page, int page_size, int byte)
{
    if (byte < 0) {
        CU_ASSERT_EQUAL(truncate(path, (off_t)(page - 1) * page_size), 0);
        return;
    }
    FILE *f = fopen(path, "r+b");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    unsigned char *junk = xmalloc((size_t)page_size);
    memset(junk, byte, (size_t)page_size);
    CU_ASSERT_EQUAL(fseek(f, (long)(page - 1) * page_size, SEEK_SET), 0);
    CU_ASSERT_EQUAL(fwrite(junk, 1, (size_t)page_size, f), (size_t)page_size);
    fclose(f);
    free(junk);
}

/* store_start_check on path: its status, whether every page was read and why. */
static pk_err fx_start(const char *path, start_check_kind *kind, char *msg, size_t msgsz)
{
    store *db = NULL;
    *kind = START_CHECK_QUICK;
    pk_err e = store_open(path, &db, msg, msgsz);
    if (e != PK_OK)
        return e;
    e = store_start_check(db, kind, msg, msgsz);
    store_close(db);
    return e;
}

TEST(store_open, start_check_full_after_unclean_end, "start-up reads every page after a run that did not end cleanly, not after a clean one")
{
    fx_dir fx;
    fx_init(&fx);
    char msg[256] = "";
    start_check_kind kind = START_CHECK_QUICK;
    /* a new file has had no run at all: every page read, and the log says
     * so rather than "did not end cleanly" (it used to) */
    CU_ASSERT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(kind, START_CHECK_FIRST);
    /* that first run ended without its clean end: the next start is an
     * unclean one, not a first one again */
    CU_ASSERT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(kind, START_CHECK_UNCLEAN);
    /* a clean end: the next start reads the header and schema only */
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(store_mark_clean(db, 1764547200), PK_OK);
    store_close(db);
    CU_ASSERT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(kind, START_CHECK_QUICK);
    /* that start cleared the marker: a run killed before its clean end
     * (a child process killed with SIGKILL) makes the next start
     * read every page */
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(store_mark_clean(db, 1764547200), PK_OK);
    store_close(db);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        store *child = NULL;
        start_check_kind k = START_CHECK_FIRST;
        char m[256];
        if (store_open(fx.db_path, &child, m, sizeof m) != PK_OK ||
            store_start_check(child, &k, m, sizeof m) != PK_OK || k != START_CHECK_QUICK)
            _exit(2);
        kill(getpid(), SIGKILL);   /* kill -9: no store_mark_clean, no close */
        _exit(3);
    }
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    CU_ASSERT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(kind, START_CHECK_UNCLEAN);
    fx_cleanup(&fx);
}

TEST(store_open, start_check_upgraded_file, "a file from before the clean-shutdown marker (schema 9) is checked as after an unclean end, not as a new file")
{
    fx_dir fx;
    fx_init(&fx);
    char msg[256] = "";
    store *old = xcalloc(1, sizeof *old);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &old->conn), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_migrate(old, store_migrations, 9, msg, sizeof msg), PK_OK);
    store_close(old);
    start_check_kind kind = START_CHECK_QUICK;
    CU_ASSERT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(kind, START_CHECK_UNCLEAN);
    fx_cleanup(&fx);
}

/* Every table checked alone, as the idle check did before it read the
 * whole file: the first problem, "" when every table is "ok". */
static void per_table_check(store *db, char *msg, size_t msgsz)
{
    msg[0] = '\0';
    sqlite3_stmt *t = NULL, *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn, "SELECT name FROM sqlite_schema"
                                                       " WHERE type = 'table'", -1, &t, NULL),
                          SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn, "SELECT quick_check FROM"
                                                       " pragma_quick_check(?1)", -1, &q, NULL),
                          SQLITE_OK);
    while (!msg[0] && sqlite3_step(t) == SQLITE_ROW) {
        sqlite3_bind_text(q, 1, (const char *)sqlite3_column_text(t, 0), -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(q);
        const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : "error";
        if (!r || strcmp(r, "ok") != 0)
            snprintf(msg, msgsz, "%s", r ? r : "");
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    sqlite3_finalize(t);
}

/* The idle check to its end on db: its state, the first problem in msg. */
static idle_check_state idle_pass(store *db, bool stop_at_once, char *msg, size_t msgsz)
{
    store_idle_check *c = NULL;
    CU_ASSERT_EQUAL_FATAL(store_idle_check_start(db, &c), PK_OK);
    if (stop_at_once)
        store_idle_check_stop(c);
    idle_check_state st = fx_idle_check_end(c, msg, msgsz);
    store_idle_check_free(c);
    return st;
}

TEST(store_open, idle_check_whole_file, "the idle check reads the whole file in the background: the freelist too (a free page also in use, which a check table by table misses), a damaged index; a stop gives no verdict; damage: no new dossier and the next start refuses the file")
{
    fx_dir fx;
    fx_init(&fx);
    char msg[320] = "";
    start_check_kind kind = START_CHECK_QUICK;
    int root = 0, psz = 0;
    /* an intact file: no damage */
    fx_catalog_file(fx.db_path, true, &root, &psz);
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(idle_pass(db, false, msg, sizeof msg), IDLE_CHECK_OK);
    CU_ASSERT_FALSE(store_damaged(db));
    store_close(db);
    /* a free page also in use by the catalog's name index, after a clean
     * end: the start does not read it, every table alone reads "ok" ... */
    CU_ASSERT_EQUAL_FATAL(fx_freelist_reuse(fx.db_path, "procedures_by_name"), root);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(store_start_check(db, &kind, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(kind, START_CHECK_QUICK);
    per_table_check(db, msg, sizeof msg);
    CU_ASSERT_STRING_EQUAL(msg, "");
    /* ... a pass stopped at once gives no verdict ... */
    CU_ASSERT_EQUAL(idle_pass(db, true, msg, sizeof msg), IDLE_CHECK_STOPPED);
    CU_ASSERT_FALSE(store_damaged(db));
    /* ... and a whole pass finds it */
    CU_ASSERT_EQUAL(idle_pass(db, false, msg, sizeof msg), IDLE_CHECK_DAMAGED);
    char twice[64];
    snprintf(twice, sizeof twice, "2nd reference to page %d", root);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, twice));
    CU_ASSERT_TRUE(store_damaged(db));
    /* no new dossier on it, and no clean end: the next start reads every
     * page and refuses the file */
    dossier d = fx_dossier("1.000001", "Nguyễn Văn An");
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_ETAMPER);
    CU_ASSERT_EQUAL(store_mark_clean(db, 1764547300), PK_ETAMPER);
    store_close(db);
    CU_ASSERT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_EIO);
    CU_ASSERT_EQUAL(kind, START_CHECK_UNCLEAN);
    fx_cleanup(&fx);
    /* a damaged index page: found too */
    fx_init(&fx);
    fx_catalog_file(fx.db_path, true, &root, &psz);
    fx_damage(fx.db_path, root, psz, 0xff);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(idle_pass(db, false, msg, sizeof msg), IDLE_CHECK_DAMAGED);
    CU_ASSERT_TRUE(store_damaged(db));
    store_close(db);
    fx_cleanup(&fx);
}

TEST(store_open, start_check_refuses_damage, "start-up refuses a damaged, truncated or schema-less file")
{
    fx_dir fx;
    fx_init(&fx);
    char msg[256] = "";
    start_check_kind kind = START_CHECK_QUICK;
    int root = 0, psz = 0;
    /* a damaged index page after an unclean end: found by the full check */
    fx_catalog_file(fx.db_path, false, &root, &psz);
    CU_ASSERT_FATAL(root > 1 && psz >= 512);
    fx_damage(fx.db_path, root, psz, 0xff);
    CU_ASSERT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_EIO);
    CU_ASSERT_EQUAL(kind, START_CHECK_UNCLEAN);
    CU_ASSERT_NOT_EQUAL(msg[0], '\0');
    /* the same after a clean end is still found before a backup and by
     * `postkiosk check` (store_check) */
    fx_cleanup(&fx);
    fx_init(&fx);
    fx_catalog_file(fx.db_path, true, &root, &psz);
    fx_damage(fx.db_path, root, psz, 0xff);
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(store_check(db, true, msg, sizeof msg), PK_EIO);
    store_close(db);
    /* a truncated file, even after a clean end (SQLite's header check
     * refuses it at the opening already) */
    fx_cleanup(&fx);
    fx_init(&fx);
    fx_catalog_file(fx.db_path, true, &root, &psz);
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(fx.db_path, &st), 0);
    fx_damage(fx.db_path, (int)(st.st_size / psz) - 2, psz, -1);
    CU_ASSERT_NOT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(kind, START_CHECK_QUICK);
    CU_ASSERT_NOT_EQUAL(msg[0], '\0');
    /* a damaged first page (header and schema), even after a clean end */
    fx_cleanup(&fx);
    fx_init(&fx);
    fx_catalog_file(fx.db_path, true, &root, &psz);
    fx_damage(fx.db_path, 1, psz, 0x5a);
    CU_ASSERT_NOT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(kind, START_CHECK_QUICK);
    /* a table the kiosk needs gone from the schema, even after a clean end */
    fx_cleanup(&fx);
    fx_init(&fx);
    fx_catalog_file(fx.db_path, true, &root, &psz);
    sqlite3 *raw = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &raw), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(raw, "DROP TABLE run_state", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    CU_ASSERT_EQUAL(fx_start(fx.db_path, &kind, msg, sizeof msg), PK_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "run_state is missing"));
    fx_cleanup(&fx);
}

SUITE(store_open, NULL, NULL);
