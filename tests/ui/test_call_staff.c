/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Call staff reaches staff (issue 14 item 3), on the screens: F4 at the
 * kiosk writes the alert with the kiosk and the screen the citizen is on,
 * and queues the duty message only when one is configured; the clerk
 * workstation shows the alert at once (the next tick) on whatever screen it
 * is, until a clerk presses F8. */
#include <CUnit/CUnit.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citizen_steps.h"
#include "store_internal.h"
#include "store_notify.h"
#include "unit.h"

static int64_t count_sql(store *db, const char *sql)
{
    sqlite3_stmt *q = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

TEST(call_staff, f4_writes_the_alert, "F4 writes the alert (kiosk, screen); the duty message only when configured")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_applicant(&e);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "applicant");
    snap_key(&e, TK_F4);
    CU_ASSERT_TRUE(e.a.staff_notice);
    staff_alert al;
    CU_ASSERT_EQUAL_FATAL(store_staff_alert_open(e.db, &al), PK_OK);
    CU_ASSERT_STRING_EQUAL(al.kiosk, e.cfg.kiosk_code);
    CU_ASSERT_STRING_EQUAL(al.screen, "applicant");
    CU_ASSERT_EQUAL(al.at, app_now(&e.a));
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM notify_outbox"), 0);
    /* F4 again while the notice shows is the same call */
    snap_key(&e, TK_F4);
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM staff_alerts"), 1);
    snap_key(&e, TK_ESC);          /* closes the notice */
    CU_ASSERT_FALSE(e.a.staff_notice);
    /* with a duty phone configured, the next call also messages it */
    str_copy(e.a.duty.phone, sizeof e.a.duty.phone, "0912345678");
    str_copy(e.a.duty.lang, sizeof e.a.duty.lang, "vi");
    snap_key(&e, TK_F4);
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM staff_alerts"), 2);
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM notify_outbox WHERE event = 'call_staff'"
                                    " AND channel = 'sms' AND date = 'applicant'"), 1);
    /* nothing the citizen typed is in either */
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM audit WHERE action = 'call_staff'"), 2);
    snap_close(&e);
}

/* The full check in idle time (issue 18): at the welcome screen, after
 * 30 s without a key, one table a tick; a key between steps is handled at
 * once and the steps wait while someone is at the kiosk, then go on from
 * the table they had reached; a damaged index is found: the kiosk takes
 * no new dossier, says so on the welcome screen, and the clerks are told. */
TEST(call_staff, idle_check_damage, "idle check a table a tick: a key between steps is handled, the steps resume; damage: no new dossier, told on the welcome screen and to the clerks")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    /* damage the catalog's name index, as a bad sector would */
    sqlite3_stmt *q = store_stmt(e.db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size())"
                                       " FROM sqlite_schema WHERE name = 'procedures_by_name'");
    CU_ASSERT_FATAL(q && sqlite3_step(q) == SQLITE_ROW);
    int root = sqlite3_column_int(q, 0), psz = sqlite3_column_int(q, 1);
    store_done(q);
    store_close(e.db);   /* the last connection: everything is in the file */
    FILE *f = fopen(e.db_path, "r+b");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    unsigned char *junk = xmalloc((size_t)psz);
    memset(junk, 0xff, (size_t)psz);
    CU_ASSERT_EQUAL(fseek(f, (long)(root - 1) * psz, SEEK_SET), 0);
    CU_ASSERT_EQUAL(fwrite(junk, 1, (size_t)psz, f), (size_t)psz);
    fclose(f);
    free(junk);
    CU_ASSERT_EQUAL_FATAL(store_open(e.db_path, &e.db, NULL, 0), PK_OK);
    e.a.db = e.db;
    /* quiet time first: no step */
    snap_wait(&e, 25000);
    CU_ASSERT_STRING_EQUAL(e.db->check_after, "");
    /* a few steps, then a key between two of them: handled at once */
    snap_wait(&e, 8000);
    CU_ASSERT_STRING_NOT_EQUAL_FATAL(e.db->check_after, "");
    CU_ASSERT_FALSE(store_damaged(e.db));
    char reached[128];
    str_copy(reached, sizeof reached, e.db->check_after);
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    /* someone is at the kiosk: no step */
    snap_wait(&e, 40000);
    CU_ASSERT_STRING_EQUAL(e.db->check_after, reached);
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "welcome");
    /* quiet again: the steps go on from there and find the damage */
    for (int i = 0; i < 400 && !store_damaged(e.db); i++) {
        snap_wait(&e, 1000);
        CU_ASSERT_FALSE_FATAL(e.db->check_after[0] != '\0' && strcmp(e.db->check_after, reached) < 0);
    }
    CU_ASSERT_TRUE_FATAL(store_damaged(e.db));
    CU_ASSERT(snap_has("cannot take new dossiers"));
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    staff_alert al;
    CU_ASSERT_EQUAL_FATAL(store_staff_alert_open(e.db, &al), PK_OK);
    CU_ASSERT_STRING_EQUAL(al.screen, "integrity");
    CU_ASSERT_STRING_EQUAL(al.kiosk, "LS01");
    snap_close(&e);
    /* the clerks see it on every screen, in words */
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    CU_ASSERT_EQUAL_FATAL(store_staff_alert(e.db, app_now(&e.a), "LS01", "integrity", NULL, NULL),
                          PK_OK);
    snap_wait_wall(&e, 1);
    CU_ASSERT(snap_has("failed the integrity check"));
    snap_close(&e);
}

static void clerk_sees(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    snap_sign_in(&e);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "clerk_menu");
    CU_ASSERT_EQUAL_FATAL(store_staff_alert(e.db, app_now(&e.a), "LS01", "review", NULL, NULL), PK_OK);
    snap_wait_wall(&e, 1);         /* the next tick shows it */
    CU_ASSERT(snap_has("LS01"));
    CU_ASSERT(snap_has("review"));
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "call-staff-alert"));
    snap_key(&e, TK_F8);
    CU_ASSERT(snap_lacks("LS01"));
    staff_alert al;
    CU_ASSERT_EQUAL(store_staff_alert_open(e.db, &al), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM staff_alerts WHERE seen_by = 'nv01'"), 1);
    snap_close(&e);
}

TEST(call_staff, clerk_sees_vi_80, "the clerk workstation shows the call at once, vi 80x24") { clerk_sees("vi", 24, 80); }
TEST(call_staff, clerk_sees_vi_100, "the clerk workstation shows the call at once, vi 100x30") { clerk_sees("vi", 30, 100); }
TEST(call_staff, clerk_sees_en_80, "the clerk workstation shows the call at once, en 80x24") { clerk_sees("en", 24, 80); }
TEST(call_staff, clerk_sees_en_100, "the clerk workstation shows the call at once, en 100x30") { clerk_sees("en", 30, 100); }
TEST(call_staff, clerk_sees_vi_120, "the clerk workstation shows the call at once, vi 120x40") { clerk_sees("vi", 40, 120); }
TEST(call_staff, clerk_sees_en_120, "the clerk workstation shows the call at once, en 120x40") { clerk_sees("en", 40, 120); }

SUITE(call_staff, NULL, NULL);
