/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the store refuses so the clerk can trust the inputs (issue 13 items
 * 6 and 8): a seal number used on another dossier, an appointment date in
 * the past, an incident without a description; a lost or damaged item is
 * kept out of every handover, audited and listed. */
#include "clerk_fixture.h"
#include "config.h"
#include "dossier.h"
#include "practice.h"
#include "store_internal.h"
#include "unit.h"

static fx_dir fx;
static store *db;

static char *new_dossier(char ref[PK_REF_MAX])
{
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234",
                                     "0912345678", FORM_BOTH, "2026-03-02", "2026-03-12", ref),
                          PK_OK);
    return ref;
}

static pk_err accept(const char *ref, const char *seal)
{
    transition_data td = {.at = cx_at("2026-03-10", 0), .seal_no = seal, .fee_collected = 8000};
    return store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", &td);
}

TEST(store_trust, seal_reused, "a seal number already used is refused")
{
    db = cx_open(&fx);
    char a[PK_REF_MAX], b[PK_REF_MAX];
    new_dossier(a);
    new_dossier(b);
    CU_ASSERT_EQUAL(accept(a, "NP-0042"), PK_OK);
    CU_ASSERT_EQUAL(accept(b, "NP-0042"), PK_EEXISTS);
    CU_ASSERT_EQUAL(accept(b, "np-0042"), PK_EEXISTS);   /* the same seal, typed lower case */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossiers WHERE status = 'registered'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM events WHERE to_status = 'accepted'"), 1);
    CU_ASSERT_EQUAL(accept(b, "NP-0043"), PK_OK);
    /* the check goes through an index, not every dossier (the query of
     * seal_unused, store_cycle.c) */
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn,
        "EXPLAIN QUERY PLAN SELECT count(*) FROM dossiers WHERE id <> 1"
        " AND seal_no = 'NP-1' COLLATE NOCASE AND seal_no <> ''", -1, &q, NULL), SQLITE_OK);
    bool indexed = false;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(q, 3);
        indexed |= d && strstr(d, "INDEX dossiers_by_seal") != NULL;
    }
    sqlite3_finalize(q);
    CU_ASSERT(indexed);
    cx_close(&db, &fx);
}

TEST(store_trust, appointment_past, "an appointment date in the past is refused")
{
    db = cx_open(&fx);
    char a[PK_REF_MAX];
    new_dossier(a);
    CU_ASSERT_EQUAL_FATAL(accept(a, "NP-1"), PK_OK);
    transition_data td = {.at = cx_at("2026-03-11", 0), .fee_collected = -1,
                          .appointment_date = "2026-03-10"};
    CU_ASSERT_EQUAL(store_dossier_transition(db, a, ST_HANDED, "nv01", "", &td), PK_EINVAL);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossiers WHERE status = 'accepted'"
                               " AND appointment_date = ''"), 1);
    /* the handover record refuses it the same way, nothing moved */
    handover h;
    int nh = 0;
    const char *one[] = {a};
    CU_ASSERT_EQUAL(store_handover_create(db, "UBND cấp xã", one, 1, "nv01", "LS01", "2026-03-10",
                                          td.at, &h, 1, &nh), PK_EINVAL);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM handovers"), 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossiers WHERE status = 'accepted'"), 1);
    td.appointment_date = "2026-03-11";   /* today is fine */
    CU_ASSERT_EQUAL(store_dossier_transition(db, a, ST_HANDED, "nv01", "", &td), PK_OK);
    cx_close(&db, &fx);
}

TEST(store_trust, incident_steps, "an incident needs a description, stays out of handover, is audited")
{
    db = cx_open(&fx);
    char a[PK_REF_MAX], b[PK_REF_MAX];
    new_dossier(a);
    new_dossier(b);
    CU_ASSERT_EQUAL_FATAL(accept(a, "NP-1"), PK_OK);
    CU_ASSERT_EQUAL_FATAL(accept(b, "NP-2"), PK_OK);
    int64_t at = cx_at("2026-03-11", 0);
    CU_ASSERT_EQUAL(store_dossier_incident(db, a, "lost", "nv01", "", at), PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_incident(db, a, "lost", "nv01", "   ", at), PK_EINVAL);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossiers WHERE incident <> ''"), 0);
    CU_ASSERT_EQUAL(store_dossier_incident(db, a, "lost", "nv01", "Rơi khi vận chuyển", at), PK_OK);
    /* recorded: the audit chain says who and what */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'incident'"
                               " AND actor = 'nv01' AND detail = 'lost'"), 1);
    /* excluded from handover: not offered, and refused when named */
    handover_line lines[8];
    int n = 0;
    CU_ASSERT_EQUAL(store_handover_candidates(db, "UBND cấp xã", lines, 8, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(lines[0].ref, b);
    CU_ASSERT_PTR_NOT_NULL(store_transition_blocker(db, a, ST_HANDED, at));
    CU_ASSERT_PTR_NOT_NULL(store_transition_blocker(db, a, ST_IN_TRANSIT, at));
    transition_data td = {.at = at, .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, a, ST_HANDED, "nv01", "", &td), PK_ESTATE);
    handover h;
    int nh = 0;
    const char *refs[] = {a};
    CU_ASSERT_NOT_EQUAL(store_handover_create(db, "UBND cấp xã", refs, 1, "nv01", "LS01", NULL, at, &h,
                                              1, &nh), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossiers WHERE status = 'handed'"), 0);
    /* reported: the clerk's list of incidents holds it */
    dossier_filter f = {.status = DOSSIER_FILTER_INCIDENTS};
    dossier_row rows[4];
    CU_ASSERT_EQUAL(store_queue_page(db, &f, 0, false, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(rows[0].ref, a);
    /* a second incident on the same item is refused: one case per item */
    CU_ASSERT_EQUAL(store_dossier_incident(db, a, "damaged", "nv01", "Ướt", at), PK_ESTATE);
    cx_close(&db, &fx);
}

static bool loads(const char *text, char *err, size_t errsz)
{
    char path[600];
    snprintf(path, sizeof path, "%s/t.ini", fx.dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fputs(text, f);
    fclose(f);
    config c;
    return config_load(&c, path, err, errsz);
}

TEST(store_trust, practice_series, "practice and tours never number like a live kiosk")
{
    db = cx_open(&fx);
    char err[256] = "";
    /* a live configuration may not take the practice series */
    CU_ASSERT_FALSE(loads("[kiosk]\ns10_prefix = " PK_PRACTICE_S10_PREFIX "\n", err, sizeof err));
    CU_ASSERT_FALSE(loads("[kiosk]\ncode = " PK_PRACTICE_KIOSK_CODE "\n", err, sizeof err));
    CU_ASSERT_TRUE(loads("[kiosk]\ns10_prefix = RB\ncode = LS02\n", err, sizeof err));
    /* a sample dossier is numbered in the practice series whatever it is
     * given; a live one may not use it */
    dossier live = fx_dossier("1.001193", "Nguyễn Văn Thật");
    CU_ASSERT_EQUAL(store_dossier_create(db, &live, "RA", "kiosk", NULL), PK_OK);
    dossier s = fx_dossier("1.001193", "Trần Văn Thử");
    s.sample = true;
    CU_ASSERT_EQUAL(store_dossier_create(db, &s, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_EQUAL(strncmp(s.s10, PK_PRACTICE_S10_PREFIX, 2), 0);
    CU_ASSERT_STRING_NOT_EQUAL(s.s10, live.s10);
    dossier bad = fx_dossier("1.001193", "Lê Văn Sai");
    CU_ASSERT_EQUAL(store_dossier_create(db, &bad, PK_PRACTICE_S10_PREFIX, "kiosk", NULL),
                    PK_EINVAL);
    /* the practice sandbox's example and its configuration */
    config cfg, pc;
    config_defaults(&cfg);
    str_copy(cfg.home, sizeof cfg.home, fx.dir);
    str_copy(cfg.data_dir, sizeof cfg.data_dir, "data");
    practice sb;
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(practice_open(&sb, &cfg, msg, sizeof msg), PK_OK);
    dossier ex;
    CU_ASSERT_EQUAL(store_dossier_get(sb.db, "MAU-000001", &ex), PK_OK);
    CU_ASSERT_EQUAL(strncmp(ex.s10, PK_PRACTICE_S10_PREFIX, 2), 0);
    practice_config(&cfg, &sb, &pc);
    CU_ASSERT_STRING_EQUAL(pc.s10_prefix, PK_PRACTICE_S10_PREFIX);
    practice_close(&sb);
    cx_close(&db, &fx);
}

SUITE(store_trust, NULL, NULL);
