/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shipped data files (data/ CSV files), imported through the catalog
 * importer into a temporary store exactly as on first run, and checked for
 * what the kiosk relies on. Run from the repository root (make test);
 * PK_DATA_DIR points elsewhere. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "catalog.h"
#include "csv.h"
#include "store_fixture.h"
#include "store_import.h"
#include "unit.h"
#include "workdays.h"

static const char *data_dir(void)
{
    const char *d = getenv("PK_DATA_DIR");
    return d ? d : "data";
}

static void data_path(const char *name, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s/%s", data_dir(), name);
}

static char *slurp(const char *name)
{
    char path[512];
    data_path(name, path, sizeof path);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    sbuf b = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        sbuf_addn(&b, buf, n);
    fclose(fp);
    return b.data ? b.data : xstrdup("");
}

/* As shipped: UTF-8 in NFC, no BOM, LF line ends, the exact header. */
static void raw_file(const char *name, const char *header)
{
    char *t = slurp(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_FALSE(strncmp(t, "\xEF\xBB\xBF", 3) == 0);
    CU_ASSERT_PTR_NULL(strchr(t, '\r'));
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)t);
    CU_ASSERT_PTR_NOT_NULL(nfc);
    if (nfc)
        CU_ASSERT_STRING_EQUAL(nfc, t);
    free(nfc);
    size_t hl = strlen(header);
    CU_ASSERT(strncmp(t, header, hl) == 0 && t[hl] == '\n');
    free(t);
}

TEST(data, raw_files, "files are NFC, no BOM, exact headers")
{
    raw_file("procedures.csv",
             "code,name_vi,name_en,agency,agency_en,level,field_vi,field_en,bcci_submit,bcci_return,days,"
             "fee_vnd,in_person_required,reason_vi,reason_en,documents,source_or_estimate,keywords,rank");
    raw_file("units.csv", "province,type,name");
    raw_file("holidays.csv", "date,kind,name");
    raw_file("tariffs.csv", "form,scope,charge_vnd,transit_days");
}

/* Items in a raw documents field ("a | b | c"). */
static int raw_doc_items(const char *docs)
{
    int n = *docs ? 1 : 0;
    for (const char *p = docs; (p = strstr(p, " | ")) != NULL; p += 3)
        n++;
    return n;
}

TEST(data, procedures, "procedures: reasons, documents, provenance")
{
    char path[512], err[512] = "";
    data_path("procedures.csv", path, sizeof path);
    procedure *p = NULL;
    int n = 0;
    pk_err e = catalog_read_procedures(path, &p, &n, NULL, err, sizeof err);
    if (e != PK_OK)
        fprintf(stderr, "%s\n", err);
    CU_ASSERT_EQUAL_FATAL(e, PK_OK);
    CU_ASSERT_EQUAL(n, 42);
    int local = 0, ineligible = 0, docs = 0, ranked = 0, rank_seen = 0;
    for (int i = 0; i < n; i++) {
        const procedure *q = &p[i];
        if (!strncmp(q->code, "LS.", 3)) {
            local++;
            CU_ASSERT_EQUAL(strncmp(q->provenance, "code: local (no national code found); ", 38), 0);
        }
        CU_ASSERT(q->field_vi[0] && q->field_en[0]);
        /* every agency named in English too, its "/" alternatives kept */
        CU_ASSERT(q->agency[0] && q->agency_en[0]);
        CU_ASSERT_EQUAL(strstr(q->agency, " / ") != NULL, strstr(q->agency_en, " / ") != NULL);
        CU_ASSERT(!strcmp(q->level, "commune") || !strcmp(q->level, "province"));
        CU_ASSERT(q->days >= 0 && q->fee_vnd >= 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(q->provenance, "documents: ESTIMATE"));
        if (!(q->bcci_submit && q->bcci_return)) {
            ineligible++;
            /* every ineligible procedure says why, in both languages */
            if (!q->reason_vi[0] || !q->reason_en[0])
                fprintf(stderr, "procedures.csv: %s: no reason\n", q->code);
            CU_ASSERT(q->reason_vi[0] && q->reason_en[0]);
        } else {
            CU_ASSERT(!q->reason_vi[0] && !q->reason_en[0]);
        }
        /* every document parsed, in both languages, at least one required */
        CU_ASSERT(q->ndocs >= 1 && q->ndocs <= PK_MAX_DOCS);
        bool required = false;
        for (int d = 0; d < q->ndocs; d++) {
            CU_ASSERT(q->docs[d].name_vi[0] && q->docs[d].name_en[0]);
            required |= q->docs[d].required;
        }
        CU_ASSERT_TRUE(required);
        docs += q->ndocs;
        if (q->rank > 0) {
            ranked++;
            rank_seen |= 1 << q->rank;
            CU_ASSERT(q->rank <= 8 && (q->bcci_submit || q->bcci_return));
        }
    }
    CU_ASSERT_EQUAL(local, 5);
    CU_ASSERT_EQUAL(ineligible, 16);
    /* the first list of a new kiosk: eight ranked, 1 to 8 once each, all
     * of them possible by post in one way at least */
    CU_ASSERT_EQUAL(ranked, 8);
    CU_ASSERT_EQUAL(rank_seen, 0x1FE);
    free(p);

    /* the importer kept every item of the raw documents column */
    csv *c = csv_open_file(path, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    char **f;
    int nf, raw = 0, rows = 0;
    while (csv_next(c, &f, &nf, err, sizeof err) == 1) {
        if (rows++ == 0 || nf != 19)
            continue;                 /* header */
        raw += raw_doc_items(f[15]);
    }
    csv_close(c);
    CU_ASSERT_EQUAL(rows, 43);
    CU_ASSERT_EQUAL(raw, docs);
}

static int D(const char *s)
{
    int d = -1;
    CU_ASSERT_TRUE_FATAL(date_parse(s, &d));
    return d;
}

TEST(data, import_all, "import of all data files")
{
    fx_dir fx;
    fx_init(&fx);
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    char err[512] = "";
    pk_err e = catalog_import_dir(db, data_dir(), err, sizeof err);
    CU_ASSERT_EQUAL(e, PK_OK);
    if (e != PK_OK) {              /* the importer's file:line message says why */
        fprintf(stderr, "%s\n", err);
        store_close(db);
        fx_cleanup(&fx);
        return;
    }
    CU_ASSERT_EQUAL(store_procedure_count(db), 42);

    admin_unit *u = xcalloc(100, sizeof *u);
    int n = 0;
    CU_ASSERT_EQUAL(store_unit_search(db, "Lạng Sơn", "", u, 100, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 65);
    int wards = 0;
    for (int i = 0; i < n; i++)
        wards += !strcmp(u[i].type, "phường");
    CU_ASSERT_EQUAL(wards, 4);
    free(u);

    holiday *h = NULL;
    CU_ASSERT_EQUAL(store_holidays(db, &h, &n), PK_OK);
    int per_year[3] = {0, 0, 0};
    for (int i = 0; i < n; i++) {
        int y = atoi(h[i].date);
        if (y >= 2025 && y <= 2027)
            per_year[y - 2025]++;
        CU_ASSERT(h[i].kind == 'H' || h[i].kind == 'W');
        CU_ASSERT(h[i].name[0] != '\0');
    }
    /* each year: 01/01, Tết (5+), Hùng Kings, 30/04, 01/05, 02/09 + 1 */
    for (int y = 0; y < 3; y++)
        CU_ASSERT(per_year[y] >= 11);
    workcal cal;
    workcal_init(&cal, h, n);
    CU_ASSERT_EQUAL(cal.n, n);
    free(h);
    for (int d = D("2026-02-14"); d <= D("2026-02-22"); d++)
        CU_ASSERT_FALSE(workcal_is_workday(&cal, d));
    CU_ASSERT_FALSE(workcal_is_workday(&cal, D("2026-04-27")));  /* moved from Sunday */
    CU_ASSERT_FALSE(workcal_is_workday(&cal, D("2027-05-03")));  /* moved from Saturday */
    CU_ASSERT_TRUE(workcal_is_workday(&cal, D("2025-04-26")));   /* make-up Saturday */
    static const char *const off[] = {"2025-01-01", "2025-01-29", "2025-04-07", "2025-04-30",
        "2025-05-01", "2025-09-02", "2026-01-01", "2026-04-30", "2026-05-01", "2026-09-02",
        "2027-01-01", "2027-02-08", "2027-04-16", "2027-04-30", "2027-09-02"};
    for (size_t i = 0; i < PK_ARRAY_LEN(off); i++)
        CU_ASSERT_FALSE(workcal_is_workday(&cal, D(off[i])));
    workcal_free(&cal);

    static const service_form forms[] = {FORM_SEND, FORM_RETURN, FORM_BOTH};
    static const char *const scopes[] = {"commune", "province", "national"};
    for (int f = 0; f < 3; f++) {
        for (int sc = 0; sc < 3; sc++) {
            tariff t;
            memset(&t, 0, sizeof t);
            CU_ASSERT_EQUAL(store_tariff_get(db, forms[f], scopes[sc], &t), PK_OK);
            CU_ASSERT(t.charge_vnd > 0);
            CU_ASSERT_EQUAL(t.transit_days, sc + 1);   /* TT 17 Đ.7: J+1, J+2, J+3 */
        }
    }
    store_close(db);
    fx_cleanup(&fx);
}

SUITE(data, NULL, NULL);
