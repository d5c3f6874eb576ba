/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first list of the procedure screen (issue 15, "the most-used
 * procedures first"), on the shipped catalog: a kiosk without history
 * opens on the staff's ranks; then the procedures this kiosk registered
 * most in the 90 days up to today lead, ties by rank then catalog order,
 * the ranked ones fill the places left, every other procedure follows in
 * catalog order once. Counted: this kiosk's dossiers, purged ones too;
 * not cancelled ones, practice samples, other kiosks' or older ones. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "clerk_fixture.h"
#include "store_import.h"
#include "unit.h"

static fx_dir fx;
static store *db;

enum { MAX = 100, MOST = 8 };
static proc_row rows[MAX];
static int n, most;

static void open_shipped(void)
{
    fx_init(&fx);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, "data", msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_setting_set(db, "kiosk_code", "LS01"), PK_OK);
}

static void close_db(void)
{
    store_close(db);
    db = NULL;
    fx_cleanup(&fx);
}

/* The first list as the screen asks for it on 2026-11-25. */
static void first(void)
{
    n = most = -1;
    CU_ASSERT_EQUAL_FATAL(store_procedures_first(db, cx_at("2026-11-25", 0), MOST, rows, MAX, &n,
                                                 &most), PK_OK);
}

/* Registers one dossier of proc on day ymd (kiosk LS01 unless told). */
static void reg(const char *proc, const char *ymd, const char *kiosk, bool sample, char *ref)
{
    dossier d = fx_dossier(proc, "Nguyễn Văn An");
    d.created_at = cx_at(ymd, 0);
    d.sample = sample;
    if (kiosk)
        str_copy(d.kiosk_code, sizeof d.kiosk_code, kiosk);
    pk_err e = store_dossier_create(db, &d, "RA", "kiosk", NULL);
    if (e != PK_OK)
        fprintf(stderr, "%s\n", store_last_error(db));
    CU_ASSERT_EQUAL_FATAL(e, PK_OK);
    if (ref)
        str_copy(ref, PK_REF_MAX, d.ref);
}

static void regs(const char *proc, int times)
{
    for (int i = 0; i < times; i++)
        reg(proc, "2026-11-20", NULL, false, NULL);
}

/* The codes of the first k rows, comma-separated. */
static const char *head(int k)
{
    static char buf[512];
    buf[0] = '\0';
    for (int i = 0; i < k && i < n; i++) {
        if (i)
            strcat(buf, ",");
        strcat(buf, rows[i].code);
    }
    return buf;
}

/* Every procedure once, and after the first ones in catalog order. */
static void rest_in_catalog_order(void)
{
    proc_row all[MAX];
    int na = 0;
    CU_ASSERT_EQUAL_FATAL(store_procedure_search(db, "", all, MAX, &na), PK_OK);
    CU_ASSERT_EQUAL(n, na);
    int j = 0;
    for (int i = most; i < n; i++) {
        for (int k = 0; k < most; k++)
            CU_ASSERT_STRING_NOT_EQUAL(rows[i].code, rows[k].code);
        /* the next catalog row that is not among the first ones */
        for (;;) {
            bool first_one = false;
            for (int k = 0; k < most; k++)
                first_one |= strcmp(all[j].code, rows[k].code) == 0;
            if (!first_one)
                break;
            j++;
        }
        CU_ASSERT_STRING_EQUAL(rows[i].code, all[j].code);
        j++;
    }
}

#define RANKED "1.001193,LS.0001,2.001195,1.000656,1.004873,2.000635,1.001456,LS.0003"

TEST(first_list, new_kiosk, "a kiosk without history opens on the staff's ranks, then the catalog")
{
    open_shipped();
    first();
    CU_ASSERT_EQUAL(most, 8);
    CU_ASSERT_STRING_EQUAL(head(8), RANKED);
    CU_ASSERT_STRING_EQUAL(rows[0].name_vi, "Đăng ký khai sinh");
    rest_in_catalog_order();
    /* staff move one: it takes its place at once, and off the list at 0 */
    CU_ASSERT_EQUAL(store_procedure_rank_set(db, "1.001613", 2), PK_OK);
    first();
    CU_ASSERT_STRING_EQUAL(head(3), "1.001193,LS.0001,1.001613");   /* a tie: catalog order */
    CU_ASSERT_EQUAL(store_procedure_rank_set(db, "1.001613", 0), PK_OK);
    first();
    CU_ASSERT_STRING_EQUAL(head(8), RANKED);
    /* refused edits change nothing */
    CU_ASSERT_EQUAL(store_procedure_rank_set(db, "9.999999", 1), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(store_procedure_rank_set(db, "1.001613", 1000), PK_EINVAL);
    CU_ASSERT_EQUAL(store_procedure_rank_set(db, "1.001613", -1), PK_EINVAL);
    first();
    CU_ASSERT_STRING_EQUAL(head(8), RANKED);
    /* fewer places asked: the best ones; none: the catalog order alone */
    CU_ASSERT_EQUAL(store_procedures_first(db, cx_at("2026-11-25", 0), 3, rows, MAX, &n, &most),
                    PK_OK);
    CU_ASSERT_EQUAL(most, 3);
    CU_ASSERT_STRING_EQUAL(head(3), "1.001193,LS.0001,2.001195");
    rest_in_catalog_order();
    CU_ASSERT_EQUAL(store_procedures_first(db, cx_at("2026-11-25", 0), 0, rows, MAX, &n, &most),
                    PK_OK);
    CU_ASSERT_EQUAL(most, 0);
    rest_in_catalog_order();
    /* an import without the rank column keeps the staff's ranks; the
     * shipped file has it and sets them again */
    char err[256];
    procedure p;
    CU_ASSERT_EQUAL(store_procedure_rank_set(db, "1.001193", 5), PK_OK);
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, "tests/fixtures/procs_good.csv", err,
                                                    sizeof err), PK_OK);
    CU_ASSERT_EQUAL(store_procedure_get(db, "1.001193", &p), PK_OK);
    CU_ASSERT_EQUAL(p.rank, 5);
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, "data", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL(store_procedure_get(db, "1.001193", &p), PK_OK);
    CU_ASSERT_EQUAL(p.rank, 1);
    close_db();
}

TEST(first_list, counts, "the most registered lead; ties by rank, then catalog order")
{
    open_shipped();
    regs("1.001570", 3);   /* household business suspension: unranked, 3 */
    regs("1.000656", 2);   /* death registration: rank 4, 2 */
    regs("1.001613", 2);   /* one-time social insurance: unranked, 2 */
    regs("1.001266", 2);   /* household business closure: unranked, 2 */
    regs("1.004873", 1);   /* marital status: rank 5, 1 */
    first();
    CU_ASSERT_EQUAL(most, 8);
    /* 3; then the 2s: the ranked one, then Chấm dứt before Giải quyết
     * (catalog order); the 1; then the ranks left, in rank order */
    CU_ASSERT_STRING_EQUAL(head(8), "1.001570,1.000656,1.001266,1.001613,1.004873,1.001193,"
                                    "LS.0001,2.001195");
    rest_in_catalog_order();
    /* the same again: stable */
    char before[512];
    str_copy(before, sizeof before, head(n));
    first();
    CU_ASSERT_STRING_EQUAL(head(n), before);
    /* one more registration is seen at once (no stale list) */
    regs("1.004873", 3);
    first();
    CU_ASSERT_STRING_EQUAL(head(2), "1.004873,1.001570");
    close_db();
}

TEST(first_list, what_counts, "90 days, this kiosk, not cancelled, not samples; purged ones count")
{
    open_shipped();
    char ref[PK_REF_MAX];
    /* today's 90-day window is 2026-08-28 .. 2026-11-25 */
    reg("1.001570", "2026-08-27", NULL, false, NULL);    /* 90 days ago: out */
    reg("1.001570", "2026-08-27", NULL, false, NULL);
    reg("1.002759", "2026-08-28", NULL, false, NULL);    /* 89 days ago: in */
    first();
    CU_ASSERT_STRING_EQUAL(head(2), "1.002759,1.001193");
    /* another kiosk's and practice dossiers: out */
    for (int i = 0; i < 3; i++) {
        reg("1.001699", "2026-11-24", "LS02", false, NULL);
        reg("1.001266", "2026-11-24", NULL, true, NULL);
    }
    first();
    CU_ASSERT_STRING_EQUAL(head(2), "1.002759,1.001193");
    /* cancelled: out (often the wrong procedure, chosen again) */
    reg("1.001731", "2026-11-24", NULL, false, ref);
    reg("1.001731", "2026-11-24", NULL, false, NULL);
    first();
    CU_ASSERT_STRING_EQUAL(head(2), "1.001731,1.002759");
    transition_data td = {.at = cx_at("2026-11-24", 1), .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_CANCELLED, "nv01", "Chọn nhầm thủ tục", &td),
                    PK_OK);
    first();
    CU_ASSERT_STRING_EQUAL(head(3), "1.002759,1.001731,1.001193");   /* 1 and 1: catalog order */
    /* purged (the person wiped, the registration kept): still counted */
    reg("1.001776", "2026-11-23", NULL, false, NULL);
    reg("1.001776", "2026-11-23", NULL, false, NULL);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE dossiers SET name = '', name_fold = '',"
                                       " id_number = '', phone = '', purged_at = 1"
                                       " WHERE proc_code = '1.001776'"), SQLITE_OK);
    first();   /* another connection wrote: counted again */
    CU_ASSERT_STRING_EQUAL(head(1), "1.001776");
    /* the next day the window moves: the 89-day-old one leaves */
    CU_ASSERT_EQUAL(store_procedures_first(db, cx_at("2026-11-26", 0), MOST, rows, MAX, &n, &most),
                    PK_OK);
    bool still = false;
    for (int i = 0; i < most; i++)
        still |= strcmp(rows[i].code, "1.002759") == 0;
    CU_ASSERT_FALSE(still);
    close_db();
}

SUITE(first_list, NULL, NULL);
