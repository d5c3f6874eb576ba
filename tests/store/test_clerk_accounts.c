/* Clerk accounts (issue 11 item 7): the database file and its -wal and
 * -shm are owner-only; a PIN hash is bound to its account; role and lock
 * changes are audited with who did it and what changed. */
#include <sys/stat.h>

#include "clerk_fixture.h"
#include "store_internal.h"

static fx_dir fx;
static store *db;

static int mode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

static void file_modes_after_write(const char *path)
{
    char f[200];
    static const char *const tails[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(f, sizeof f, "%s%s", path, tails[i]);
        CU_ASSERT_EQUAL(mode_of(f), 0600);
        if (mode_of(f) != 0600)
            fprintf(stderr, "%s: mode %o\n", f, (unsigned)mode_of(f));
    }
}

static void database_owner_only(void)
{
    fx_init(&fx);
    mode_t saved = umask(022);   /* what a shell usually gives */
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_setting_set(db, "x", "1"), PK_OK);   /* a write: -wal, -shm exist */
    file_modes_after_write(fx.db_path);
    store_close(db);
    /* a database an older version left 0644 is tightened when opened */
    CU_ASSERT_EQUAL(chmod(fx.db_path, 0644), 0);
    CU_ASSERT_EQUAL_FATAL(store_open_existing(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_setting_set(db, "x", "2"), PK_OK);
    file_modes_after_write(fx.db_path);
    store_close(db);
    db = NULL;
    umask(saved);
    fx_cleanup(&fx);
}

void suite_clerk_accounts(void)
{
    CU_pSuite s = CU_add_suite("clerk_accounts", NULL, NULL);
    CU_add_test(s, "database, -wal and -shm are 0600", database_owner_only);
}
