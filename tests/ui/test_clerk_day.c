/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's day (issue 13 item 4): the "today" lists with their due day
 * and lateness, newest or oldest first, and the daily close, which must
 * match the database (cash per clerk: fees and postage; seals used), be
 * saved, logged and printed. Snapshots at 80x24 and 120x40 in both
 * languages. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk_fixture.h"
#include "i18n.h"
#include "snap.h"
#include "store_internal.h"
#include "unit.h"

SUITE(clerk_day, NULL, NULL);

enum { MENU_TODAY = 5 };

/* Accepts ref now as actor with the given seal and amounts. */
static void accept(snap_env *e, const char *ref, const char *actor, const char *seal, int64_t fee,
                   int64_t post)
{
    transition_data td = {.at = e->a.fixed_time, .seal_no = seal, .fee_collected = fee,
                          .post_collected = post};
    CU_ASSERT_EQUAL(store_dossier_transition(e->db, ref, ST_ACCEPTED, actor, "", &td), PK_OK);
}

/* Two clerks accept three dossiers today, one more was accepted days ago
 * (a handover now late). */
static void busy_day(snap_env *e)
{
    transition_data old = {.at = e->a.fixed_time - 3 * 86400, .seal_no = "NP-0007",
                           .fee_collected = 8000, .post_collected = 20000};
    CU_ASSERT_EQUAL(store_dossier_transition(e->db, e->refs[0], ST_ACCEPTED, "sup1", "", &old),
                    PK_OK);
    accept(e, e->refs[1], "nv01", "NP-0101", 8000, 48000);
    accept(e, e->refs[2], "nv01", "NP-0102", 200000, 48000);
    accept(e, e->refs[3], "sup1", "NP-0201", 0, 25000);
}

static void walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    busy_day(&e);
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, MENU_TODAY);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_today");
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "today"));
    snap_act(&e, ACT_CHOOSE, 2);
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "today-handover"));
    snap_act(&e, ACT_CHOOSE, 6);
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "today-close"));
    snap_close(&e);
}

TEST(clerk_day, snapshots_vi_80, "today and close vi 80x24") { walk("vi", 24, 80); }
TEST(clerk_day, snapshots_vi_100, "today and close vi 100x30") { walk("vi", 30, 100); }
TEST(clerk_day, snapshots_en_80, "today and close en 80x24") { walk("en", 24, 80); }
TEST(clerk_day, snapshots_en_100, "today and close en 100x30") { walk("en", 30, 100); }
TEST(clerk_day, snapshots_vi_120, "today and close vi 120x40") { walk("vi", 40, 120); }
TEST(clerk_day, snapshots_en_120, "today and close en 120x40") { walk("en", 40, 120); }

TEST(clerk_day, lists, "today lists: due day, late, order")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 40, 120, "en"));
    busy_day(&e);
    char today[PK_DATE_MAX];
    date_local_iso(e.a.fixed_time, today);
    day_row r[8];
    int n = 0;
    CU_ASSERT_EQUAL(store_day_list(e.db, DAY_ACCEPTED, today, true, r, 8, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_STRING_EQUAL(r[0].ref, e.refs[3]);              /* newest first */
    CU_ASSERT_EQUAL(store_day_list(e.db, DAY_ACCEPTED, today, false, r, 8, &n), PK_OK);
    CU_ASSERT_STRING_EQUAL(r[0].ref, e.refs[1]);              /* oldest first */
    /* every accepted dossier waits for the handover; the one accepted three
     * days ago was due the next working day and is late */
    CU_ASSERT_EQUAL(store_day_list(e.db, DAY_HANDOVER, today, false, r, 8, &n), PK_OK);
    CU_ASSERT_EQUAL(n, (int)cx_int(e.db, "SELECT count(*) FROM dossiers WHERE status = 'accepted'"
                                         " AND form <> 2"));
    bool found = false;
    for (int i = 0; i < n; i++)
        if (strcmp(r[i].ref, e.refs[0]) == 0) {
            found = true;
            CU_ASSERT(r[i].late >= 1);
        } else {
            CU_ASSERT_EQUAL(r[i].late, 0);
        }
    CU_ASSERT(found);
    CU_ASSERT_EQUAL(store_day_list(e.db, DAY_ACCEPTED, "2026-13-01", true, r, 8, &n), PK_EINVAL);
    /* on screen: Tab turns the order */
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, MENU_TODAY);
    CU_ASSERT(snap_has("newest first"));
    snap_key(&e, TK_TAB);
    CU_ASSERT(snap_has("oldest first"));
    snap_key(&e, TK_ENTER);                  /* opens the first row */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    CU_ASSERT(snap_has(e.refs[1]));
    snap_close(&e);
}

/* "The daily close matches the database": every figure on the close is the
 * sum the database gives for that clerk and day, computed here in SQL on
 * the dossiers themselves. */
TEST(clerk_day, close_matches_database, "the daily close matches the database")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 40, 120, "en"));
    busy_day(&e);
    char today[PK_DATE_MAX];
    date_local_iso(e.a.fixed_time, today);
    close_row c[8];
    int n = 0;
    CU_ASSERT_EQUAL_FATAL(store_daily_close(e.db, today, c, 8, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);                /* nv01, sup1 (not the old one) */
    const char *what[4] = {"count(*)", "sum(fee_collected)", "sum(post_collected)",
                           "count(DISTINCT seal_no)"};
    for (int i = 0; i < n; i++) {
        int64_t got[4] = {c[i].accepted, c[i].fees, c[i].postage, c[i].seals};
        for (int k = 0; k < 4; k++) {
            char q[700];
            snprintf(q, sizeof q,
                     "SELECT %s FROM dossiers d WHERE d.accepted_at >= %lld AND d.accepted_at < %lld"
                     " AND (SELECT actor FROM events WHERE dossier_id = d.id"
                     " AND to_status = 'accepted') = '%.40s'",
                     what[k], (long long)(e.a.fixed_time - 9 * 3600),
                     (long long)(e.a.fixed_time + 15 * 3600), c[i].clerk);
            CU_ASSERT_EQUAL(got[k], cx_int(e.db, q));
        }
    }
    CU_ASSERT_STRING_EQUAL(c[0].clerk, "nv01");
    CU_ASSERT_EQUAL(c[0].fees, 208000);
    CU_ASSERT_EQUAL(c[0].postage, 96000);
    CU_ASSERT_STRING_EQUAL(c[0].first_seal, "NP-0101");
    CU_ASSERT_STRING_EQUAL(c[0].last_seal, "NP-0102");
    /* shown, then saved, logged and printed */
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, MENU_TODAY);
    snap_act(&e, ACT_CHOOSE, 6);
    CU_ASSERT(snap_has("304,000 VND"));   /* nv01: 208,000 + 96,000 (English) */
    CU_ASSERT(snap_has("329,000 VND"));   /* everyone today */
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has("Printed."));
    char path[700];
    snprintf(path, sizeof path, "%.600s/closes/close-%s.txt", e.cfg.home, today);
    FILE *fp = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    char text[8192];
    size_t len = fread(text, 1, sizeof text - 1, fp);
    text[len] = '\0';
    fclose(fp);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "329.000"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "NP-0101"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'daily_close'"
                                    " AND actor = 'nv01' AND detail LIKE '%fees=208000 postage=121000'"), 1);
    snap_close(&e);
}

/* Handed to the agency four days ago with the agency's appointment date:
 * refs[0] on 2026-11-24 (passed, still at the agency: overdue), refs[1] on
 * the same day but its result collected since (not overdue). */
static void appointments(snap_env *e)
{
    int64_t then = e->a.fixed_time - 5 * 86400;
    transition_data td = {.at = then, .seal_no = "NP-0301", .fee_collected = 8000,
                          .post_collected = 48000};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(e->db, e->refs[0], ST_ACCEPTED, "nv01", "", &td),
                          PK_OK);
    td.seal_no = "NP-0302";
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(e->db, e->refs[1], ST_ACCEPTED, "nv01", "", &td),
                          PK_OK);
    dossier_extra x;
    CU_ASSERT_EQUAL_FATAL(store_dossier_extra(e->db, e->refs[0], &x), PK_OK);
    const char *list[] = {e->refs[0], e->refs[1]};
    handover h[2];
    int nh = 0;   /* one record, or one per commune for a commune's committee */
    CU_ASSERT_EQUAL_FATAL(store_handover_create(e->db, x.agency, list, 2, "nv01", "LS01",
                                                "2026-11-24", then + 86400, h, 2, &nh), PK_OK);
    CU_ASSERT(nh >= 1);
    transition_data later = {.at = e->a.fixed_time - 3600};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(e->db, e->refs[1], ST_RESULT_READY, "nv01", "",
                                                   &later), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(e->db, e->refs[1], ST_RESULT_COLLECTED, "nv01",
                                                   "", &later), PK_OK);
}

TEST(clerk_day, appointment_column, "today lists: the agency's appointment date, overdue marked")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    appointments(&e);
    char today[PK_DATE_MAX];
    date_local_iso(e.a.fixed_time, today);
    day_row r[8];
    int n = 0;
    CU_ASSERT_EQUAL(store_day_list(e.db, DAY_AGENCY_LATE, today, true, r, 8, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(r[0].ref, e.refs[0]);
    CU_ASSERT_STRING_EQUAL(r[0].appointment, "2026-11-24");
    CU_ASSERT(r[0].overdue);
    CU_ASSERT_EQUAL(store_day_list(e.db, DAY_DELIVERY, today, true, r, 8, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(r[0].ref, e.refs[1]);
    CU_ASSERT_STRING_EQUAL(r[0].appointment, "2026-11-24");
    CU_ASSERT(!r[0].overdue);                /* collected: nothing overdue */
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, MENU_TODAY);
    snap_act(&e, ACT_CHOOSE, 3);             /* late at the agency */
    CU_ASSERT(snap_has("Appointment"));
    CU_ASSERT(snap_has("24/11/2026!"));
    CU_ASSERT(snap_has("the appointment date has passed"));
    CU_ASSERT(snap_readable("today, late at the agency"));
    snap_key(&e, TK_TAB);                    /* the order still turns */
    CU_ASSERT(snap_has("oldest first"));
    CU_ASSERT(snap_has("24/11/2026!"));
    snap_act(&e, ACT_CHOOSE, 4);             /* deliveries due: the date, not overdue */
    CU_ASSERT(snap_has("24/11/2026"));
    CU_ASSERT(snap_lacks("24/11/2026!"));
    CU_ASSERT(snap_lacks("the appointment date has passed"));
    snap_close(&e);
}

/* Snapshots of the lists with appointment dates, both languages. */
static void appointment_walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    appointments(&e);
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, MENU_TODAY);
    snap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "today-late-appointment"));
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "today-delivery-appointment"));
    snap_close(&e);
}

TEST(clerk_day, appointment_vi_80, "appointment column vi 80x24") { appointment_walk("vi", 24, 80); }
TEST(clerk_day, appointment_en_80, "appointment column en 80x24") { appointment_walk("en", 24, 80); }
TEST(clerk_day, appointment_vi_100, "appointment column vi 100x30") { appointment_walk("vi", 30, 100); }
TEST(clerk_day, appointment_en_100, "appointment column en 100x30") { appointment_walk("en", 30, 100); }
TEST(clerk_day, appointment_vi_120, "appointment column vi 120x40") { appointment_walk("vi", 40, 120); }
TEST(clerk_day, appointment_en_120, "appointment column en 120x40") { appointment_walk("en", 40, 120); }
