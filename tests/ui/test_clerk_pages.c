/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk screens, headless, what a long or full database shows: the status
 * counts of the menu and the queue (every status, adding up to the total)
 * and paging (PgDn/PgUp by the page, stopping at the last). Split from
 * test_clerk_screens.c. */
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

SUITE(clerk_pages, NULL, NULL);

/* The counts block under a clerk screen's title (screen row 3 down to the
 * first blank row): the total ("Total: N" / "Tổng: N") and the sum of
 * every other "label: n" in it. false when the block has no total. */
static bool counts_block(int64_t *total, int64_t *sum, int *items)
{
    char *t = snap_text();
    char *line = t;
    for (int i = 0; i < 3 && line; i++) {
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    bool have_total = false;
    *total = *sum = 0;
    *items = 0;
    while (line && *line && *line != '\n') {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (strspn(line, " ") == strlen(line))
            break;
        for (char *p = strstr(line, ": "); p; p = strstr(p + 2, ": ")) {
            if (p[2] < '0' || p[2] > '9')
                continue;
            int64_t n = strtoll(p + 2, NULL, 10);
            const char *label = p;
            while (label > line && !(label[-1] == ' ' && label - 1 > line && label[-2] == ' '))
                label--;
            while (*label == ' ')
                label++;
            if (strncmp(label, "Total", 5) == 0 || strncmp(label, "Tổng", strlen("Tổng")) == 0) {
                *total = n;
                have_total = true;
            } else {
                *sum += n;
                ++*items;
            }
        }
        line = end ? end + 1 : NULL;
    }
    free(t);
    return have_total;
}

/* One dossier in each status of the life cycle (the fixture's four are
 * registered: three of them moved on, eleven more made) and a sample
 * (practice) that no count shows: the menu's and the queue's counts show
 * every status, the handed-over ones included, and add up to the total. */
static void every_status(snap_env *e)
{
    dossier d;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(e->db, e->refs[0], &d), PK_OK);
    for (int i = 0; i < ST__COUNT - 4 + 1; i++) {
        dossier n = d;
        n.ref[0] = '\0';
        n.sample = i == ST__COUNT - 4;   /* the last one: a sample */
        CU_ASSERT_EQUAL_FATAL(store_dossier_create(e->db, &n, "RA", "kiosk", NULL), PK_OK);
    }
    /* ids 2..ST__COUNT take the statuses after registered, in order */
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(e->db), PK_OK);
    for (int st = 1; st < ST__COUNT; st++) {
        char sql[200];
        snprintf(sql, sizeof sql, "UPDATE dossiers SET status = '%s' WHERE id = %d",
                 dossier_status_code((dossier_status)st), st + 1);
        CU_ASSERT_EQUAL(sqlite3_exec(e->db->conn, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    CU_ASSERT_EQUAL_FATAL(store_tx_commit(e->db), PK_OK);
    CU_ASSERT_EQUAL(cx_int(e->db, "SELECT count(DISTINCT status) FROM dossiers WHERE sample = 0"),
                    ST__COUNT);
    CU_ASSERT_EQUAL(cx_int(e->db, "SELECT count(*) FROM dossiers WHERE sample = 0"), ST__COUNT);
    CU_ASSERT_EQUAL(cx_int(e->db, "SELECT count(*) FROM dossiers WHERE sample = 1"), 1);
}

static void counts_walk(const char *lang, int rows, int cols, bool every_label)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    every_status(&e);
    snap_sign_in(&e);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    for (int screen = 0; screen < 2; screen++) {   /* the menu, then the queue */
        int64_t total = -1, sum = -1;
        int items = 0;
        bool found = counts_block(&total, &sum, &items);
        CU_ASSERT_TRUE(found);
        if (!found || sum != total) {   /* what was on the screen */
            char *t = snap_text();
            fprintf(stderr, "counts: total %lld, sum %lld:\n%s", (long long)total, (long long)sum, t);
            free(t);
        }
        CU_ASSERT_EQUAL(total, ST__COUNT);           /* the sample is not counted */
        CU_ASSERT_EQUAL(sum, total);
        CU_ASSERT(snap_has(_("Handed over")));
        if (every_label) {                           /* room for each status by name */
            CU_ASSERT_EQUAL(items, ST__COUNT);
            for (int st = 0; st < ST__COUNT; st++) {
                char want[128];
                snprintf(want, sizeof want, "%s: 1", _(dossier_status_name(st)));
                CU_ASSERT(snap_has(want));
            }
        }
        snap_act(&e, ACT_CHOOSE, 1);
        CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_queue");
    }
    snap_close(&e);
}

TEST(clerk_pages, counts_every_status_en_120, "status counts: every status, adding up (en 120x40)")
{
    counts_walk("en", 40, 120, true);
}
TEST(clerk_pages, counts_every_status_vi_120, "status counts: every status, adding up (vi 120x40)")
{
    counts_walk("vi", 40, 120, true);
}
TEST(clerk_pages, counts_every_status_en_80, "status counts: every status, adding up (en 80x24)")
{
    counts_walk("en", 24, 80, false);
}
TEST(clerk_pages, counts_every_status_vi_80, "status counts: every status, adding up (vi 80x24)")
{
    counts_walk("vi", 24, 80, false);
}

/* ---- paging: PgDn/PgUp by the page, stopping at the last ---------------- */

/* A dossier whose history is longer than the screen: fifteen delivery
 * rounds (out for delivery, failed) after it was accepted. */
static void long_history(snap_env *e)
{
    transition_data td = {.at = e->a.fixed_time - 3600, .seal_no = "NP-7001", .fee_collected = 0};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(e->db, e->refs[0], ST_ACCEPTED, "nv01", "", &td),
                          PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(e->db), PK_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE dossiers SET status = 'result_collected', form = 3 WHERE ref = '%s'",
             e->refs[0]);
    CU_ASSERT_EQUAL(sqlite3_exec(e->db->conn, sql, NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_tx_commit(e->db), PK_OK);
    for (int i = 0; i < 15; i++) {
        CU_ASSERT_EQUAL_FATAL(store_dossier_transition(e->db, e->refs[0], ST_OUT_FOR_DELIVERY, "bt01",
                                                       "", &td), PK_OK);
        CU_ASSERT_EQUAL_FATAL(store_dossier_transition(e->db, e->refs[0], ST_DELIVERY_FAILED, "bt01",
                                                       "Vắng nhà", &td), PK_OK);
    }
}

static void paging_walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    every_status(&e);                           /* a long report */
    long_history(&e);
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, e.refs[0]);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "clerk_dossier");
    check_paging(&e, 3, -1);                    /* the dossier, above its actions */
    snap_key(&e, TK_F1);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "clerk_help");
    if (rows < 30)                              /* the help fits at 120x40 */
        check_paging(&e, 3, rows - 1);
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ESC);                       /* signed out */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "clerk_signin");
    snap_type(&e, "sup1");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "480215");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 7);
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "clerk_reports");
    if (rows < 30)                              /* the month's report fits at 120x40 */
        check_paging(&e, 3, rows - 1);
    snap_close(&e);
}

TEST(clerk_pages, paging_en_80, "PgDn/PgUp by the page, to the last page (en 80x24)") { paging_walk("en", 24, 80); }
TEST(clerk_pages, paging_vi_80, "PgDn/PgUp by the page, to the last page (vi 80x24)") { paging_walk("vi", 24, 80); }
TEST(clerk_pages, paging_en_120, "PgDn/PgUp by the page, to the last page (en 120x40)") { paging_walk("en", 40, 120); }
TEST(clerk_pages, paging_vi_120, "PgDn/PgUp by the page, to the last page (vi 120x40)") { paging_walk("vi", 40, 120); }
