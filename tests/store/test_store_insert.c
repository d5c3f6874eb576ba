/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the durable dossier insert no longer does (issue 18: within 1.25x
 * of a bare SQLite insert), each kept from coming back: no temporary file
 * per dossier for its statement journal. */
#include <errno.h>
#include <sqlite3.h>
#include <sys/inotify.h>

#include "clerk_fixture.h"
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

SUITE(store_insert, NULL, NULL);
