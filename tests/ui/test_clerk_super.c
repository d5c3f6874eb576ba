/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Supervisor work in the workstation and F1 help (issue 13 item 7): plain
 * clerks do not see the supervisor's screens; a supervisor unlocks and
 * re-enables a clerk, resets a PIN, pages through the audit log, runs the
 * reports and approves a purge, each audited with their ID; every clerk
 * screen answers F1 with its own help text in both languages; snapshots of
 * the new screens at 80x24 and 120x40 in vi and en. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk_fixture.h"
#include "i18n.h"
#include "snap.h"
#include "unit.h"

static void sign_in_sup(snap_env *e)
{
    snap_type(e, "sup1");
    snap_key(e, TK_ENTER);
    snap_type(e, "480215");
    snap_key(e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(e), "clerk_menu");
}

TEST(clerk_super, clerks_do_not_see, "plain clerks do not see supervisor work")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    CU_ASSERT(snap_lacks("Supervisor tasks"));
    CU_ASSERT(snap_lacks("Reports"));
    snap_act(&e, ACT_CHOOSE, 7);            /* the seventh item of a clerk: sign out */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_signin");
    snap_close(&e);
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    sign_in_sup(&e);
    CU_ASSERT(snap_has("7  Supervisor tasks"));
    snap_act(&e, ACT_CHOOSE, 7);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_super");
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_reports");
    snap_close(&e);
}

TEST(clerk_super, unlock_and_reset, "unlock, re-enable and reset a clerk, audited")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    /* nv01 locked out by wrong PINs (at another workstation) */
    clerk_session sess;
    int64_t left = 0;
    for (int i = 0; i < AUTH_MAX_FAILURES; i++)
        store_clerk_sign_in(e.db, &e.ui.auth, "nv01", "999999", e.a.fixed_time, 60, &sess, &left);
    CU_ASSERT_EQUAL(store_clerk_sign_in(e.db, &e.ui.auth, "nv01", "735102", e.a.fixed_time, 60,
                                        &sess, &left), PK_EPERM);
    sign_in_sup(&e);
    snap_act(&e, ACT_CHOOSE, 7);
    CU_ASSERT(snap_has("locked, 5 min left"));
    snap_act(&e, ACT_CHOOSE, 1);            /* nv01 is the first (chosen) line */
    CU_ASSERT(snap_has("nv01 can sign in again."));
    CU_ASSERT(snap_lacks("locked"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'clerk_enable'"
                                 " AND actor = 'sup1' AND object = 'nv01'"), 1);
    /* a new PIN: a weak one is refused, a good one replaces the old */
    snap_act(&e, ACT_CHOOSE, 2);
    snap_type(&e, "123456");
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_lacks("was reset"));
    for (int i = 0; i < 6; i++)
        snap_key(&e, TK_BACKSPACE);
    snap_type(&e, "902468");
    CU_ASSERT(snap_lacks("902468"));        /* never echoed */
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has("The PIN of nv01 was reset."));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE actor = 'sup1'"
                                 " AND object = 'nv01' AND action = 'clerk_passwd'"), 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE detail LIKE '%902468%'"), 0);
    /* nv01 signs in with the new PIN, not the old one */
    CU_ASSERT_EQUAL(store_clerk_sign_in(e.db, &e.ui.auth, "nv01", "735102", e.a.fixed_time, 60,
                                        &sess, &left), PK_EPERM);
    CU_ASSERT_EQUAL(store_clerk_sign_in(e.db, &e.ui.auth, "nv01", "902468", e.a.fixed_time, 60,
                                        &sess, &left), PK_OK);
    snap_close(&e);
}

TEST(clerk_super, audit_paged, "the audit log, page by page")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    for (int i = 1; i <= 260; i++) {
        char obj[16];
        snprintf(obj, sizeof obj, "X%03d", i);
        CU_ASSERT_EQUAL_FATAL(store_audit_append(e.db, e.a.fixed_time, "sys", "test_row", obj, ""),
                              PK_OK);
    }
    sign_in_sup(&e);
    snap_act(&e, ACT_CHOOSE, 7);
    snap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_audit");
    CU_ASSERT(snap_has("login"));           /* newest first: sup1's sign-in */
    CU_ASSERT(snap_lacks("X001"));
    for (int i = 0; i < 20; i++)
        snap_key(&e, TK_PGDN);
    CU_ASSERT(snap_has("Page 2."));
    CU_ASSERT(snap_has("audit_key"));        /* the oldest entry, at the end */
    /* the first test row is just above the kiosk's four events: up, one by one */
    for (int i = 0; i < 4; i++)
        snap_key(&e, TK_UP);
    CU_ASSERT(snap_has("X001"));
    for (int i = 0; i < 30; i++)
        snap_key(&e, TK_PGUP);
    CU_ASSERT(snap_has("Page 1."));
    CU_ASSERT(snap_lacks("X001"));
    snap_close(&e);
}

TEST(clerk_super, purge_approved, "a supervisor approves the purge; audited with their ID")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    /* the first dossier was cancelled six years ago (set-up, sealed as the store's own) */
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(e.db), PK_OK);
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE dossiers SET status = 'cancelled', closed_day = '2020-01-02',"
                              " closed_at = 1577923200 WHERE ref = '%s'", e.refs[0]);
    CU_ASSERT_EQUAL(sqlite3_exec(e.db->conn, sql, NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_tx_commit(e.db), PK_OK);
    sign_in_sup(&e);
    snap_act(&e, ACT_CHOOSE, 7);
    snap_act(&e, ACT_CHOOSE, 5);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_purge");
    CU_ASSERT(snap_has("Dossiers to purge: 1"));
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT(snap_has("Done"));
    snprintf(sql, sizeof sql, "SELECT count(*) FROM dossiers WHERE ref = '%s' AND name = ''",
             e.refs[0]);
    CU_ASSERT_EQUAL(cx_int(e.db, sql), 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE name <> ''"), 3);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'purge'"
                                 " AND actor = 'sup1'"), 1);
    snap_close(&e);
}

/* The top screen cuts no text; F1 on it shows its own help text, whole;
 * Esc comes back to it. */
static void f1(snap_env *e, const screen_ops *ops)
{
    CU_ASSERT(snap_readable(ops->name));
    snap_key(e, TK_F1);
    CU_ASSERT(snap_readable("clerk_help"));
    CU_ASSERT_STRING_EQUAL(snap_top(e), "clerk_help");
    /* the first words of this screen's help, translated */
    char want[40];
    snprintf(want, sizeof want, "%s", _(ops->help));
    char *cut = want + strlen(want);
    for (int words = 0; cut > want && words < 2; )
        if (*--cut == ' ')
            words++;
    if (cut > want)
        *cut = '\0';
    if (!snap_has(want))
        fprintf(stderr, "  (F1 on %s)\n", ops->name);
    CU_ASSERT(snap_has(want));
    snap_key(e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(e), ops->name);
}

static void help_walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    f1(&e, &screen_clerk_signin);
    sign_in_sup(&e);
    f1(&e, &screen_clerk_menu);
    snap_act(&e, ACT_CHOOSE, 1);
    f1(&e, &screen_clerk_queue);
    snap_key(&e, TK_BACKTAB);
    f1(&e, &screen_clerk_filters);
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ENTER);
    f1(&e, &screen_clerk_dossier);
    snap_act(&e, ACT_CHOOSE, 1);
    f1(&e, &screen_clerk_action);
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 2);
    f1(&e, &screen_clerk_handover);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 3);
    f1(&e, &screen_clerk_jobs);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 5);
    f1(&e, &screen_clerk_today);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 7);
    f1(&e, &screen_clerk_super);
    snap_act(&e, ACT_CHOOSE, 3);
    f1(&e, &screen_clerk_audit);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 4);
    f1(&e, &screen_clerk_reports);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 5);
    f1(&e, &screen_clerk_purge);
    snap_close(&e);
}

/* every clerk screen and its help, nothing cut, at the three sizes */
TEST(clerk_super, f1_help_vi_80, "F1 on every clerk screen, nothing cut (vi 80x24)") { help_walk("vi", 24, 80); }
TEST(clerk_super, f1_help_en_80, "F1 on every clerk screen, nothing cut (en 80x24)") { help_walk("en", 24, 80); }
TEST(clerk_super, f1_help_vi_100, "F1 on every clerk screen, nothing cut (vi 100x30)") { help_walk("vi", 30, 100); }
TEST(clerk_super, f1_help_en_100, "F1 on every clerk screen, nothing cut (en 100x30)") { help_walk("en", 30, 100); }
TEST(clerk_super, f1_help_vi_120, "F1 on every clerk screen, nothing cut (vi 120x40)") { help_walk("vi", 40, 120); }
TEST(clerk_super, f1_help_en_120, "F1 on every clerk screen, nothing cut (en 120x40)") { help_walk("en", 40, 120); }

static void snaps(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    /* the audit page shows only rows at the frozen time (not the key row
     * written when the database was made) */
    for (int i = 1; i <= 40; i++) {
        char obj[16];
        snprintf(obj, sizeof obj, "X%03d", i);
        CU_ASSERT_EQUAL_FATAL(store_audit_append(e.db, e.a.fixed_time, "sys", "test_row", obj, ""),
                              PK_OK);
    }
#define SNAP(screen) CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, screen))
    sign_in_sup(&e);
    SNAP("menu-supervisor");
    snap_key(&e, TK_F1);
    SNAP("help");
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 7);
    SNAP("super");
    snap_act(&e, ACT_CHOOSE, 2);
    SNAP("super-pin");
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 3);
    SNAP("audit");
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 5);
    SNAP("purge");
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 4);
    SNAP("reports");
#undef SNAP
    snap_close(&e);
}

TEST(clerk_super, snapshots_vi_80, "supervisor snapshots vi 80x24") { snaps("vi", 24, 80); }
TEST(clerk_super, snapshots_vi_100, "supervisor snapshots vi 100x30") { snaps("vi", 30, 100); }
TEST(clerk_super, snapshots_en_80, "supervisor snapshots en 80x24") { snaps("en", 24, 80); }
TEST(clerk_super, snapshots_en_100, "supervisor snapshots en 100x30") { snaps("en", 30, 100); }
TEST(clerk_super, snapshots_vi_120, "supervisor snapshots vi 120x40") { snaps("vi", 40, 120); }
TEST(clerk_super, snapshots_en_120, "supervisor snapshots en 120x40") { snaps("en", 40, 120); }

SUITE(clerk_super, NULL, NULL);
