/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk screens, headless: snapshots of every screen in both languages at
 * 80x24 and 120x40, and behaviour: wrong PIN and lockout, sign-out after
 * inactivity, only allowed steps offered, a step recorded through the
 * form, a forged receipt scanned, search as you type, handover, the too
 * small terminal. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk_fixture.h"
#include "paging_check.h"
#include "i18n.h"
#include "receipt.h"
#include "snap.h"
#include "store_internal.h"
#include "store_sync.h"
#include "unit.h"

static void walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
#define SNAP(screen) CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, screen))
    SNAP("signin");
    snap_type(&e, "nv01");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "000000");
    snap_key(&e, TK_ENTER);
    SNAP("signin-wrong");
    snap_type(&e, "735102");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    SNAP("menu");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_queue");
    SNAP("queue");
    snap_type(&e, "dang hoa");
    SNAP("queue-search");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    SNAP("dossier");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_action");
    SNAP("accept");
    snap_type(&e, "NP-0042");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    SNAP("dossier-accepted");
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 2);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_handover");
    SNAP("handover-agency");
    snap_key(&e, TK_ENTER);
    SNAP("handover-pick");
    snap_act(&e, ACT_CHOOSE, 1);
    SNAP("handover-done");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_jobs");
    SNAP("jobs");
    snap_key(&e, TK_ESC);   /* reports are a supervisor's: test_clerk_super.c */
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
#undef SNAP
    snap_close(&e);
}

TEST(clerk_screens, snapshots_vi_80, "snapshots vi 80x24") { walk("vi", 24, 80); }
TEST(clerk_screens, snapshots_vi_100, "snapshots vi 100x30") { walk("vi", 30, 100); }
TEST(clerk_screens, snapshots_en_80, "snapshots en 80x24") { walk("en", 24, 80); }
TEST(clerk_screens, snapshots_en_100, "snapshots en 100x30") { walk("en", 30, 100); }
TEST(clerk_screens, snapshots_vi_120, "snapshots vi 120x40") { walk("vi", 40, 120); }
TEST(clerk_screens, snapshots_en_120, "snapshots en 120x40") { walk("en", 40, 120); }

TEST(clerk_screens, lockout_on_screen, "wrong PINs lock the account")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_type(&e, "nv01");
    snap_key(&e, TK_ENTER);
    for (int i = 0; i < AUTH_MAX_FAILURES; i++) {
        snap_type(&e, "999999");
        snap_key(&e, TK_ENTER);
    }
    CU_ASSERT(snap_has("wait 5 min"));
    snap_type(&e, "735102");   /* the right PIN, still locked */
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
    CU_ASSERT(snap_lacks("735102"));     /* never echoed */
    e.a.fixed_time += AUTH_LOCK_SECONDS;
    snap_type(&e, "735102");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'login_locked'"), 1);
    snap_close(&e);
}

TEST(clerk_screens, idle_sign_out, "sign-out after inactivity")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_wait_wall(&e, 105);
    CU_ASSERT(snap_has("Signing out in 15 s"));
    snap_key(&e, TK_DOWN);               /* a key keeps the clerk in */
    snap_wait_wall(&e, 100);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_queue");
    snap_wait_wall(&e, 25);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
    CU_ASSERT(snap_lacks("Nguyễn"));
    CU_ASSERT_FALSE(e.ui.sess.active);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'logout'"
                                    " AND detail = 'idle'"), 1);
    snap_close(&e);
}

/* Esc on the sign-in screen asks before the workstation quits, on the
 * first sign-in and after an idle sign-out alike: one Esc (or two) from a
 * clerk coming back never closes the program; 1 in the question does. */
TEST(clerk_screens, esc_asks_before_quitting, "sign-in: Esc asks before quitting, after an idle sign-out too")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    CU_ASSERT(snap_has("Esc  Quit"));
    snap_key(&e, TK_ESC);                   /* the first sign-in screen */
    CU_ASSERT_FALSE(e.a.quit);
    CU_ASSERT(snap_has("Quit the clerk workstation?"));
    CU_ASSERT(snap_has("Esc  No, stay"));   /* the hint bar says how to stay */
    snap_type(&e, "x");                     /* only 1 or Esc answer */
    CU_ASSERT_FALSE(e.a.quit);
    CU_ASSERT(snap_has("Quit the clerk workstation?"));
    snap_key(&e, TK_ESC);                   /* no: the sign-in screen as it was */
    CU_ASSERT_FALSE(e.a.quit);
    CU_ASSERT(snap_lacks("Quit the clerk workstation?"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
    snap_sign_in(&e);
    snap_wait_wall(&e, 125);                /* signed out for inactivity */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
    CU_ASSERT_FALSE(e.ui.sess.active);
    snap_key(&e, TK_ESC);                   /* the clerk comes back: Esc, Esc */
    CU_ASSERT_FALSE(e.a.quit);
    snap_key(&e, TK_ESC);
    CU_ASSERT_FALSE(e.a.quit);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
    snap_sign_in(&e);                       /* and can sign in again */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    snap_key(&e, TK_ESC);                   /* Esc on the menu signs out */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
    CU_ASSERT_FALSE(e.a.quit);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 1);            /* yes, quit */
    CU_ASSERT_TRUE(e.a.quit);
    snap_close(&e);
}

TEST(clerk_screens, only_allowed_steps, "only allowed steps offered")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 40, 120, "en"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);                 /* the oldest: registered */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    CU_ASSERT(snap_has("Accept at the counter"));
    CU_ASSERT(snap_lacks("Hand over to the agency"));
    CU_ASSERT(snap_lacks("Delivered to the recipient"));
    /* a choice beyond the list does nothing */
    snap_act(&e, ACT_CHOOSE, 9);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    /* refusing needs a reason: an empty one is refused on the form */
    snap_act(&e, ACT_CHOOSE, 2);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_action");
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has("Please write the reason."));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE status <> 'registered'"), 0);
    snap_type(&e, "Thieeus giaasy towf");      /* Telex */
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM events WHERE to_status ="
                                    " 'counter_rejected' AND note = 'Thiếu giấy tờ'"), 1);
    CU_ASSERT(snap_has("Refused at counter"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'lookup'"), 1);
    snap_close(&e);
}

/* The menu's counts are read on entering it, every tick and on coming back
 * to it, never while drawing: a redraw alone shows what was read. */
TEST(clerk_screens, menu_counts, "menu counts: read on enter, tick and return, not in draw")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    CU_ASSERT(snap_has("Total: 4   Registered: 4"));
    /* another kiosk registers three dossiers */
    const char *more = "UPDATE status_counts SET n = 7 WHERE status = 'registered' AND sample = 0";
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(e.db->conn, more, NULL, NULL, NULL), SQLITE_OK);
    e.a.dirty = true;
    app_render(&e.a);
    CU_ASSERT(snap_has("Total: 4   Registered: 4"));
    snap_wait_wall(&e, 1);
    CU_ASSERT(snap_has("Total: 7   Registered: 7"));
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_queue");
    more = "UPDATE status_counts SET n = 9 WHERE status = 'registered' AND sample = 0";
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(e.db->conn, more, NULL, NULL, NULL), SQLITE_OK);
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    CU_ASSERT(snap_has("Total: 9   Registered: 9"));
    snap_close(&e);
}

/* Issue 14: messages that wait or were given up show on the menu, read on
 * the tick like the counts; nothing when all were sent. */
TEST(clerk_screens, menu_backlog, "menu: messages waiting and given up")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    CU_ASSERT_FALSE(snap_has("Messages to citizens"));
    const char *add =
        "DELETE FROM notify_outbox;"
        "INSERT INTO notify_outbox(dossier_id, ref, event, channel, destination, lang, created_at,"
        " status) VALUES (1, 'LS01-000001', 'registered', 'sms', '', 'vi', 0, 'sent'),"
        " (1, 'LS01-000001', 'accepted', 'sms', '0912345678', 'vi', 0, 'pending'),"
        " (2, 'LS01-000002', 'registered', 'email', 'a@b.vn', 'vi', 0, 'failed'),"
        " (3, 'LS01-000003', 'registered', 'sms', '', 'vi', 0, 'given_up');";
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(e.db->conn, add, NULL, NULL, NULL), SQLITE_OK);
    snap_wait_wall(&e, 1);
    CU_ASSERT(snap_has("Messages to citizens: 2 waiting, 1 to retry, 1 given up"));
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(e.db->conn, "UPDATE notify_outbox SET status = 'sent'",
                                       NULL, NULL, NULL), SQLITE_OK);
    snap_wait_wall(&e, 1);
    CU_ASSERT_FALSE(snap_has("Messages to citizens"));
    snap_close(&e);
}

/* The sync lag under the counts: what waits, the last success ("never"
 * until one), read on every tick like the counts. */
TEST(clerk_screens, menu_sync_lag, "menu sync lag: events waiting, last success, never")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    sync_lag l;
    CU_ASSERT_EQUAL_FATAL(store_sync_lag(e.db, &l), PK_OK);
    CU_ASSERT_FATAL(l.pending > 0);
    char want[96];
    snprintf(want, sizeof want, "Provincial sync: %lld events waiting · last success: never",
             (long long)l.pending);
    CU_ASSERT(snap_has(want));
    int64_t at = cx_at("2026-11-25", -3);   /* 09:00 local */
    CU_ASSERT_EQUAL_FATAL(store_sync_mark_sent(e.db, l.last_seq, at), PK_OK);
    snap_wait_wall(&e, 1);
    CU_ASSERT(snap_has("Provincial sync: 0 events waiting · last success: 25/11/2026 09:00"));
    snap_close(&e);
    /* in Vietnamese */
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "vi"));
    snap_sign_in(&e);
    CU_ASSERT(snap_has("sự kiện chờ gửi · lần thành công gần nhất: chưa bao giờ"));
    snap_close(&e);
}

TEST(clerk_screens, scanned_receipts, "scanned receipts")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_scan(&e, "VNK1.LS01-000001.1767225600.AAAAAAAAAAAAAAAAAAAAAAAAAA");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");   /* nothing before sign-in */
    snap_sign_in(&e);
    snap_scan(&e, "VNK1.LS01-000001.1767225600.AAAAAAAAAAAAAAAAAAAAAAAAAA");
    CU_ASSERT(snap_has("WARNING"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    char payload[128];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, "LS01-999999", 1767225600, payload,
                                          sizeof payload), PK_OK);
    snap_scan(&e, payload);                 /* genuine, but unknown here */
    CU_ASSERT(snap_has("not in this database"));
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, e.refs[2], 1767225600, payload,
                                          sizeof payload), PK_OK);
    snap_scan(&e, payload);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    CU_ASSERT(snap_has("Hoàng Văn Tú"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'scan_rejected'"), 2);
    snap_close(&e);
}

TEST(clerk_screens, queue_live_and_small, "queue search, filter, small terminal")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "5678");                   /* last 4 digits of an ID */
    CU_ASSERT(snap_has(e.refs[1]));
    CU_ASSERT(snap_lacks(e.refs[0]));
    snap_key(&e, TK_BACKSPACE);
    snap_key(&e, TK_BACKSPACE);
    snap_key(&e, TK_BACKSPACE);
    snap_key(&e, TK_BACKSPACE);
    CU_ASSERT(snap_has(e.refs[0]));
    snap_key(&e, TK_TAB);                    /* open -> all */
    CU_ASSERT(snap_has("All dossiers"));
    snap_resize(&e, 5, 10);
    snap_key(&e, TK_ENTER);                  /* blind keys do nothing */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_queue");
    snap_resize(&e, 24, 80);
    CU_ASSERT(snap_has("All dossiers"));
    snap_close(&e);
}

/* The queue stays true while another process writes (the kiosk, another
 * clerk): a new dossier, a cancelled one and the counts show at the next
 * tick, also under a digit search, whose walk starts at the oldest open
 * dossier (which the other process closes here). */
TEST(clerk_screens, queue_other_writer, "queue: another process's new dossier, cancellation and counts show at the next tick, under a digit search too")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "clerk_queue");
    CU_ASSERT(snap_has("Total: 4   Registered: 4"));
    snap_type(&e, "0912");                   /* the start of a phone */
    CU_ASSERT(snap_has(e.refs[0]));
    store *other = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(e.db_path, &other, NULL, 0), PK_OK);
    char ref[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(other, "1.001193", "Trần Thị Bình", "020196004321",
                                     "0912999000", FORM_BOTH, "2026-11-25", "2026-12-09", ref),
                          PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(other, e.refs[0], ST_CANCELLED, "sup1",
                                                   "registered twice", NULL), PK_OK);
    e.a.dirty = true;
    app_render(&e.a);                        /* a redraw alone reads nothing */
    CU_ASSERT(snap_lacks(ref));
    CU_ASSERT(snap_has(e.refs[0]));
    snap_wait_wall(&e, 1);                   /* the tick reads it all */
    CU_ASSERT(snap_has(ref));
    CU_ASSERT(snap_lacks(e.refs[0]));
    CU_ASSERT(snap_has("Total: 5   Registered: 4   Cancelled: 1"));   /* one more, one cancelled */
    for (int i = 0; i < 4; i++)
        snap_key(&e, TK_BACKSPACE);
    CU_ASSERT(snap_has(e.refs[1]));
    CU_ASSERT(snap_has(ref));
    store_close(other);
    snap_close(&e);
}

TEST(clerk_screens, queue_filters, "queue filters: dates, agency")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_BACKTAB);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_filters");
    CU_ASSERT(snap_check("clerk-en-80x24-filters"));
    snap_key(&e, TK_DOWN);                   /* registered from */
    snap_type(&e, "31/11/2026");
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has("Please type a real date"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_filters");
    for (int i = 0; i < 10; i++)
        snap_key(&e, TK_BACKSPACE);
    snap_type(&e, "21/11/2026");
    snap_key(&e, TK_DOWN);
    snap_key(&e, TK_DOWN);
    snap_key(&e, TK_DOWN);                   /* agency */
    snap_key(&e, TK_RIGHT);
    CU_ASSERT(snap_has("Công an tỉnh Lạng Sơn"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_queue");
    CU_ASSERT(snap_has(e.refs[3]));
    CU_ASSERT(snap_lacks(e.refs[1]));
    CU_ASSERT(snap_has("21/11/2026"));
    /* agency back to any: the dates still apply */
    snap_key(&e, TK_BACKTAB);
    for (int i = 0; i < 4; i++)
        snap_key(&e, TK_DOWN);
    snap_key(&e, TK_DELETE);
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has(e.refs[1]));
    CU_ASSERT(snap_has(e.refs[3]));
    CU_ASSERT(snap_lacks(e.refs[0]));
    snap_close(&e);
}

TEST(clerk_screens, print_retry, "print retry and reprint")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_jobs");
    CU_ASSERT(snap_has("LS01-000003"));      /* failed: paper ran out */
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has("LS01-000003 printed."));
    CU_ASSERT(snap_lacks("failed"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM print_jobs WHERE ref = 'LS01-000003'"
                                    " AND status = 1 AND kind = 'receipt'"), 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'print_retry'"), 1);
    /* a reprint from the dossier screen: a new job, marked as a reprint */
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT(snap_has("The receipt was printed again."));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM print_jobs WHERE ref = 'LS01-000001'"),
                    2);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'reprint'"), 1);
    snap_close(&e);
}

SUITE(clerk_screens, NULL, NULL);

/* Issue 13 item 8: the fee field took "2OO000" (letter O) and stored 2 đ
 * without a word. Now only digits go in, a letter is refused out loud, and
 * the amount reads as money. */
TEST(clerk_screens, fee_digits_only, "fee field: digits only, shown as money")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 40, 120, "en"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);                 /* the oldest: registered */
    snap_act(&e, ACT_CHOOSE, 1);            /* accept */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "clerk_action");
    snap_type(&e, "NP-0042");
    snap_key(&e, TK_ENTER);                 /* to the fee */
    for (int i = 0; i < 12; i++)
        snap_key(&e, TK_BACKSPACE);
    snap_type(&e, "2OO000");
    CU_ASSERT(snap_has("Please type the amount in dong, digits only."));
    CU_ASSERT(snap_has("2,000 VND"));  /* what went in, as money (English) */
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE fee_collected = 2"), 0);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE status = 'accepted'"
                                    " AND fee_collected = 2000"), 1);
    snap_close(&e);
}

/* The postage is recorded with the fee at acceptance (schema 12). */
TEST(clerk_screens, postage_recorded, "postage recorded at acceptance")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 40, 120, "en"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "NP-0043");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);                 /* fee as suggested */
    /* the amount beside its label in money, the unit said once */
    CU_ASSERT(snap_has("Procedure fee collected: 8,000 VND"));
    CU_ASSERT(!snap_has("(VND)"));
    snap_key(&e, TK_ENTER);                 /* postage as suggested */
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE status = 'accepted'"
                                    " AND post_collected = fee_post AND fee_post > 0"), 1);
    CU_ASSERT(snap_has("Postage collected"));
    snap_close(&e);
}

#include "citizen_steps.h"

/* Issue 13 item 3: a dossier for a citizen at the counter, on the kiosk's
 * own screens, rules, transaction and receipt, from the clerk's menu; the
 * clerk is the actor; finishing comes back to the menu. */
static void counter_walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    snap_sign_in(&e);
    int64_t before = store_dossier_count(e.db, -1);
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "counter-welcome"));
    to_applicant(&e);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    /* the kiosk's checks: a bad ID is refused with the kiosk's message */
    for (int i = 0; i < 3 && e.a.ime != IME_TELEX; i++)
        snap_key(&e, TK_F3);
    snap_type(&e, "Nguyeenx Vawn An");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "02009000123x");
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has(_("The ID number may contain only digits.")));
    clear_field(&e);
    snap_type(&e, "020090001234");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "0912345678");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "counter-review"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), before + 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM events WHERE actor = 'nv01'"
                                    " AND to_status = 'registered'"), 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE actor = 'nv01'"
                                    " AND action = 'consent'"), 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM print_jobs WHERE kind = 'receipt'"
                                    " AND status = 1 AND ref = (SELECT max(ref) FROM dossiers)"), 1);
    snap_wait(&e, 2000);
    snap_key(&e, TK_ENTER);                 /* done: back to the clerk's menu */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    CU_ASSERT(e.ui.sess.active);
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "counter-back"));
    CU_ASSERT(all_zero(&e.ui.counter, sizeof e.ui.counter));   /* the citizen's data wiped */
    snap_close(&e);
}

TEST(clerk_screens, counter_vi_80, "counter entry vi 80x24") { counter_walk("vi", 24, 80); }
TEST(clerk_screens, counter_vi_100, "counter entry vi 100x30") { counter_walk("vi", 30, 100); }
TEST(clerk_screens, counter_en_80, "counter entry en 80x24") { counter_walk("en", 24, 80); }
TEST(clerk_screens, counter_en_100, "counter entry en 100x30") { counter_walk("en", 30, 100); }
TEST(clerk_screens, counter_vi_120, "counter entry vi 120x40") { counter_walk("vi", 40, 120); }
TEST(clerk_screens, counter_en_120, "counter entry en 120x40") { counter_walk("en", 40, 120); }

TEST(clerk_screens, counter_leave, "counter entry: Esc, consent refused, inactivity")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    int64_t before = store_dossier_count(e.db, -1);
    snap_act(&e, ACT_CHOOSE, 4);
    snap_key(&e, TK_ESC);                   /* from its first screen: back to the menu */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    CU_ASSERT(snap_has("nothing was stored"));
    snap_act(&e, ACT_CHOOSE, 4);
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 2);            /* the citizen does not agree */
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    CU_ASSERT(e.ui.sess.active);
    /* a key inside keeps the clerk in; silence signs out and wipes */
    snap_act(&e, ACT_CHOOSE, 4);
    snap_wait_wall(&e, 100);
    snap_key(&e, TK_DOWN);
    snap_wait_wall(&e, 100);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_wait_wall(&e, 30);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
    CU_ASSERT_FALSE(e.ui.sess.active);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'logout'"
                                    " AND detail = 'idle'"), 1);
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), before);
    snap_close(&e);
}

/* Issue 13 item 4: the queue finds a dossier by its S10 number and by its
 * number without the kiosk's prefix. */
TEST(clerk_screens, search_s10_and_number, "search by S10 and by number without prefix")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 40, 120, "en"));
    dossier d;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(e.db, e.refs[2], &d), PK_OK);
    dossier_filter f = {.status = -1, .query = d.s10};
    dossier_row rows[4];
    int n = 0;
    CU_ASSERT_EQUAL(store_queue_page(e.db, &f, 0, false, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(rows[0].ref, e.refs[2]);
    const char *num = strrchr(e.refs[2], '-') + 1;      /* "000003" */
    char shortnum[8];
    snprintf(shortnum, sizeof shortnum, "%d", atoi(num)); /* "3" */
    const char *queries[] = {num, shortnum};
    for (int q = 0; q < 2; q++) {
        f.query = queries[q];
        CU_ASSERT_EQUAL(store_queue_page(e.db, &f, 0, false, rows, 4, &n), PK_OK);
        CU_ASSERT_EQUAL(n, 1);
        if (n == 1)
            CU_ASSERT_STRING_EQUAL(rows[0].ref, e.refs[2]);
    }
    /* on the queue screen, typed as the clerk types it */
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, d.s10);
    CU_ASSERT(snap_has(e.refs[2]));
    CU_ASSERT(snap_lacks(e.refs[0]));
    mem_wipe(&d, sizeof d);
    snap_close(&e);
}

/* A long message (a genuine receipt whose dossier is not here) wraps on
 * every clerk screen that shows messages, at the narrowest size, both
 * languages: nothing cut (issue 13: the batch "done" was cut at 80). */
static void long_flash(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, lang));
    snap_sign_in(&e);
    char payload[128];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, "LS01-999999", 1767225600, payload,
                                          sizeof payload), PK_OK);
    snap_scan(&e, payload);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    CU_ASSERT(snap_readable("menu, long message"));
    CU_ASSERT(snap_has(strcmp(lang, "en") == 0 ? "call the supervisor." : "báo giám sát viên."));
    snap_act(&e, ACT_CHOOSE, 1);
    snap_scan(&e, payload);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_queue");
    CU_ASSERT(snap_readable("queue, long message"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    snap_scan(&e, payload);
    CU_ASSERT(snap_readable("dossier, long message"));
    /* the whole message is there, its last words included */
    CU_ASSERT(snap_has(strcmp(lang, "en") == 0 ? "call the supervisor." : "báo giám sát viên."));
    snap_close(&e);
}

TEST(clerk_screens, long_flash_en, "a long message wraps on every clerk screen (en 80x24)") { long_flash("en"); }
TEST(clerk_screens, long_flash_vi, "a long message wraps on every clerk screen (vi 80x24)") { long_flash("vi"); }
