/* Opening never creates what it should find (issue 11 item 3):
 * store_open_existing refuses a missing or empty (0 bytes) database and
 * leaves no file behind; store_write_check commits a write. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

SUITE(store_open, NULL, NULL);
