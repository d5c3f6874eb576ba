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
#include "store_fixture.h"
#include "store_notify.h"
#include "clerk_fixture.h"
#include "unit.h"


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
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM notify_outbox"), 0);
    /* F4 again while the notice shows is the same call */
    snap_key(&e, TK_F4);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM staff_alerts"), 1);
    snap_key(&e, TK_ESC);          /* closes the notice */
    CU_ASSERT_FALSE(e.a.staff_notice);
    /* with a duty phone configured, the next call also messages it */
    str_copy(e.a.duty.phone, sizeof e.a.duty.phone, "0912345678");
    str_copy(e.a.duty.lang, sizeof e.a.duty.lang, "vi");
    snap_key(&e, TK_F4);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM staff_alerts"), 2);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM notify_outbox WHERE event = 'call_staff'"
                                    " AND channel = 'sms' AND date = 'applicant'"), 1);
    /* nothing the citizen typed is in either */
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'call_staff'"), 2);
    snap_close(&e);
}

/* A key waits in the terminal (the headless one reads /dev/null, which
 * always has something to read). */
static bool key_waits;
static bool test_key_waits(app *a)
{
    (void)a;
    return key_waits;
}

/* The check of the whole file in idle time (issue 18): at the welcome
 * screen, after 30 s without a key, in a background thread; a key stops it
 * at once and is handled, no pass while someone is at the kiosk, a new
 * pass when it is quiet again; a free page also in use (which a check of
 * one table at a time misses) is found: the kiosk takes no new dossier,
 * says so on the welcome screen, and the clerks are told. */
TEST(call_staff, idle_check_damage, "idle check of the whole file: a key stops it at once and is handled, it starts again when quiet; damage in the freelist: no new dossier, told on the welcome screen and to the clerks")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    store_close(e.db);   /* the last connection: everything is in the file */
    CU_ASSERT_FATAL(fx_freelist_reuse(e.db_path, "procedures_by_name") > 0);
    CU_ASSERT_EQUAL_FATAL(store_open(e.db_path, &e.db, NULL, 0), PK_OK);
    e.a.db = e.db;
    e.a.input_waiting = test_key_waits;
    key_waits = false;
    /* quiet time first: no pass */
    snap_wait(&e, 25000);
    CU_ASSERT_PTR_NULL(e.a.check);
    /* then a pass, and a key: handled at once, the pass stopped */
    for (int i = 0; i < 10 && !e.a.check; i++)
        snap_wait(&e, 1000);
    store_idle_check *c = e.a.check;
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    char msg[320];
    CU_ASSERT_EQUAL(fx_idle_check_end(c, msg, sizeof msg), IDLE_CHECK_STOPPED);
    CU_ASSERT_FALSE(store_damaged(e.db));
    /* someone is at the kiosk: no pass */
    snap_wait(&e, 40000);
    CU_ASSERT_PTR_NULL(e.a.check);
    CU_ASSERT_FALSE(store_damaged(e.db));
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "welcome");
    /* quiet again: a new pass, stopped by a key waiting at the next tick */
    for (int i = 0; i < 40 && !e.a.check; i++)
        snap_wait(&e, 1000);
    c = e.a.check;
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    key_waits = true;
    for (int i = 0; i < 2000 && e.a.check; i++) {   /* the app reaps it when it ends */
        snap_wait(&e, 1000);
        usleep(5000);
    }
    CU_ASSERT_PTR_NULL(e.a.check);
    CU_ASSERT_FALSE(store_damaged(e.db));
    key_waits = false;
    snap_key(&e, TK_ESC);   /* the key read */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    /* quiet again: a new pass finds the damage */
    snap_wait(&e, 29000);
    CU_ASSERT_PTR_NULL(e.a.check);
    for (int i = 0; i < 3 && !e.a.check; i++)
        snap_wait(&e, 1000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e.a.check);
    CU_ASSERT_EQUAL(fx_idle_check_end(e.a.check, msg, sizeof msg), IDLE_CHECK_DAMAGED);
    snap_wait(&e, 1000);
    CU_ASSERT_PTR_NULL(e.a.check);
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
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM staff_alerts WHERE seen_by = 'nv01'"), 1);
    snap_close(&e);
}

TEST(call_staff, clerk_sees_vi_80, "the clerk workstation shows the call at once, vi 80x24") { clerk_sees("vi", 24, 80); }
TEST(call_staff, clerk_sees_vi_100, "the clerk workstation shows the call at once, vi 100x30") { clerk_sees("vi", 30, 100); }
TEST(call_staff, clerk_sees_en_80, "the clerk workstation shows the call at once, en 80x24") { clerk_sees("en", 24, 80); }
TEST(call_staff, clerk_sees_en_100, "the clerk workstation shows the call at once, en 100x30") { clerk_sees("en", 30, 100); }
TEST(call_staff, clerk_sees_vi_120, "the clerk workstation shows the call at once, vi 120x40") { clerk_sees("vi", 40, 120); }
TEST(call_staff, clerk_sees_en_120, "the clerk workstation shows the call at once, en 120x40") { clerk_sees("en", 40, 120); }

SUITE(call_staff, NULL, NULL);
