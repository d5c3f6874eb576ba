/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening never creates what it should find (issue 11 item 3):
 * store_open_existing refuses a missing or empty (0 bytes) database and
 * leaves no file behind; store_write_check commits a write. */
#include <CUnit/CUnit.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store_fixture.h"
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

SUITE(store_open, NULL, NULL);
