/* The shipped data files (data/ CSV files): parsed with a small local RFC 4180
 * reader until the catalog importer is available to tests, and checked for
 * what the kiosk relies on. Run from the repository root (make test). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"
#include "workdays.h"

enum { MAXF = 20, MAXROWS = 200 };

typedef struct {
    int nrows;                 /* data rows, header excluded */
    int nf[MAXROWS + 1];
    char *f[MAXROWS + 1][MAXF];
    char *text;
} csv;

static char *slurp(const char *name)
{
    const char *dir = getenv("PK_DATA_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "data", name);
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

/* Splits text in place into rows of fields. Returns false on a malformed
 * quote or too many rows/fields. */
static bool csv_parse(char *text, csv *c)
{
    memset(c, 0, sizeof *c);
    c->text = text;
    int row = 0, fld = 0;
    char *p = text, *w = text;
    c->f[0][0] = w;
    while (*p) {
        if (*p == '"' && c->f[row][fld] == w) {           /* quoted field */
            p++;
            for (;;) {
                if (!*p)
                    return false;
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            if (*p && *p != ',' && *p != '\n' && *p != '\r')
                return false;
            continue;
        }
        if (*p == ',') {
            *w++ = '\0';
            p++;
            if (++fld >= MAXF)
                return false;
            c->f[row][fld] = w;
        } else if (*p == '\n' || *p == '\r') {
            if (*p == '\r' && p[1] == '\n')
                p++;
            *w++ = '\0';
            p++;
            c->nf[row] = fld + 1;
            if (!*p)
                break;
            if (++row > MAXROWS)
                return false;
            fld = 0;
            c->f[row][0] = w;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    if (c->nf[row] == 0)
        c->nf[row] = fld + 1;
    c->nrows = row;
    return true;
}

static bool load(const char *name, csv *c)
{
    char *t = slurp(name);
    CU_ASSERT_PTR_NOT_NULL(t);
    if (!t)
        return false;
    /* UTF-8, NFC, no BOM */
    CU_ASSERT_FALSE(strncmp(t, "\xEF\xBB\xBF", 3) == 0);
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)t);
    CU_ASSERT_PTR_NOT_NULL(nfc);
    if (nfc)
        CU_ASSERT_STRING_EQUAL(nfc, t);
    free(nfc);
    bool ok = csv_parse(t, c);
    CU_ASSERT_TRUE(ok);
    if (!ok)
        free(t);
    return ok;
}

static void header_is(const csv *c, const char *const *names, int n)
{
    CU_ASSERT_EQUAL_FATAL(c->nf[0], n);
    for (int i = 0; i < n; i++)
        CU_ASSERT_STRING_EQUAL(c->f[0][i], names[i]);
    for (int r = 1; r <= c->nrows; r++)
        CU_ASSERT_EQUAL(c->nf[r], n);
}

/* ---- procedures ------------------------------------------------------- */

enum { P_CODE, P_NAME_VI, P_NAME_EN, P_AGENCY, P_LEVEL, P_FIELD_VI, P_FIELD_EN, P_SUBMIT,
       P_RETURN, P_DAYS, P_FEE, P_INPERSON, P_REASON_VI, P_REASON_EN, P_DOCS, P_SOURCE, P_N };

static const char *const proc_hdr[P_N] = {
    "code", "name_vi", "name_en", "agency", "level", "field_vi", "field_en", "bcci_submit",
    "bcci_return", "days", "fee_vnd", "in_person_required", "reason_vi", "reason_en",
    "documents", "source_or_estimate"};

static bool yesno(const char *s) { return !strcmp(s, "yes") || !strcmp(s, "no"); }

static bool number(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* "kind:VI / EN | kind:VI / EN"; returns the number of items, -1 if bad. */
static int docs_parse(const char *list)
{
    int n = 0;
    const char *p = list;
    while (*p) {
        const char *end = strstr(p, " | ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char item[1024];
        if (len >= sizeof item)
            return -1;
        memcpy(item, p, len);
        item[len] = '\0';
        char *colon = strchr(item, ':');
        if (!colon)
            return -1;
        *colon = '\0';
        if (strcmp(item, "original") && strcmp(item, "copy") && strcmp(item, "original?") &&
            strcmp(item, "copy?"))
            return -1;
        char *slash = strstr(colon + 1, " / ");
        if (!slash || slash == colon + 1 || !slash[3])
            return -1;
        if ((size_t)(slash - (colon + 1)) >= PK_TEXT_MAX || strlen(slash + 3) >= PK_TEXT_MAX)
            return -1;
        n++;
        p += len;
        if (end) {
            p += 3;
            if (!*p)
                return -1;            /* a trailing separator */
        }
    }
    return n;
}

static void procedures(void)
{
    csv c;
    if (!load("procedures.csv", &c))
        return;
    header_is(&c, proc_hdr, P_N);
    CU_ASSERT_EQUAL(c.nrows, 42);
    int local = 0, ineligible = 0;
    for (int r = 1; r <= c.nrows; r++) {
        char **f = c.f[r];
        if (c.nf[r] != P_N)
            continue;
        CU_ASSERT(strlen(f[P_CODE]) > 0 && strlen(f[P_CODE]) < PK_CODE_MAX);
        for (int q = 1; q < r; q++)
            CU_ASSERT_STRING_NOT_EQUAL(f[P_CODE], c.f[q][P_CODE]);
        if (!strncmp(f[P_CODE], "LS.", 3)) {
            local++;
            CU_ASSERT_EQUAL(strncmp(f[P_SOURCE], "code: local (no national code found); ", 38), 0);
        }
        CU_ASSERT(f[P_NAME_VI][0] && f[P_NAME_EN][0] && f[P_AGENCY][0]);
        CU_ASSERT(!strcmp(f[P_LEVEL], "commune") || !strcmp(f[P_LEVEL], "province"));
        CU_ASSERT(f[P_FIELD_VI][0] && strlen(f[P_FIELD_VI]) < 96);
        CU_ASSERT(f[P_FIELD_EN][0] && strlen(f[P_FIELD_EN]) < 96);
        CU_ASSERT(yesno(f[P_SUBMIT]) && yesno(f[P_RETURN]) && yesno(f[P_INPERSON]));
        CU_ASSERT(number(f[P_DAYS]) && number(f[P_FEE]));
        CU_ASSERT(strlen(f[P_REASON_VI]) < PK_TEXT_MAX && strlen(f[P_REASON_EN]) < PK_TEXT_MAX);
        CU_ASSERT(strlen(f[P_SOURCE]) < 600);
        CU_ASSERT_PTR_NOT_NULL(strstr(f[P_SOURCE], "documents: ESTIMATE"));
        bool all = !strcmp(f[P_SUBMIT], "yes") && !strcmp(f[P_RETURN], "yes");
        if (!all) {
            ineligible++;
            /* every ineligible procedure says why, in both languages */
            CU_ASSERT(f[P_REASON_VI][0] != '\0' && f[P_REASON_EN][0] != '\0');
        } else {
            CU_ASSERT(f[P_REASON_VI][0] == '\0' && f[P_REASON_EN][0] == '\0');
        }
        int nd = docs_parse(f[P_DOCS]);
        if (nd < 1 || nd > PK_MAX_DOCS)
            fprintf(stderr, "procedures.csv: %s: bad documents\n", f[P_CODE]);
        CU_ASSERT(nd >= 1 && nd <= PK_MAX_DOCS);
    }
    CU_ASSERT_EQUAL(local, 5);
    CU_ASSERT_EQUAL(ineligible, 16);
    free(c.text);
}

static void docs_parser_refuses(void)
{
    CU_ASSERT_EQUAL(docs_parse("original:A / B | copy?:C / D"), 2);
    CU_ASSERT_EQUAL(docs_parse("scan:A / B"), -1);
    CU_ASSERT_EQUAL(docs_parse("original:A B"), -1);
    CU_ASSERT_EQUAL(docs_parse("original: / B"), -1);
    CU_ASSERT_EQUAL(docs_parse("copy:A / B | "), -1);
}

/* ---- units, holidays, tariffs ----------------------------------------- */

static void units(void)
{
    csv c;
    if (!load("units.csv", &c))
        return;
    static const char *const hdr[] = {"province", "type", "name"};
    header_is(&c, hdr, 3);
    CU_ASSERT_EQUAL(c.nrows, 65);
    int wards = 0, communes = 0;
    for (int r = 1; r <= c.nrows; r++) {
        CU_ASSERT_STRING_EQUAL(c.f[r][0], "Lạng Sơn");
        wards += !strcmp(c.f[r][1], "phường");
        communes += !strcmp(c.f[r][1], "xã");
        CU_ASSERT(c.f[r][2][0] && strlen(c.f[r][2]) < 96);
        for (int q = 1; q < r; q++)
            CU_ASSERT_STRING_NOT_EQUAL(c.f[r][2], c.f[q][2]);
    }
    CU_ASSERT_EQUAL(wards, 4);
    CU_ASSERT_EQUAL(communes, 61);
    free(c.text);
}

static int D(const char *s)
{
    int d = -1;
    CU_ASSERT_TRUE_FATAL(workdays_parse(s, &d));
    return d;
}

static void holidays(void)
{
    csv c;
    if (!load("holidays.csv", &c))
        return;
    static const char *const hdr[] = {"date", "kind", "name"};
    header_is(&c, hdr, 3);
    holiday h[MAXROWS];
    int n = 0, per_year[3] = {0, 0, 0}, prev = -1;
    for (int r = 1; r <= c.nrows && n < MAXROWS; r++, n++) {
        int d;
        CU_ASSERT_TRUE(workdays_parse(c.f[r][0], &d));
        CU_ASSERT(d > prev);              /* sorted, no duplicates */
        prev = d;
        CU_ASSERT(!strcmp(c.f[r][1], "H") || !strcmp(c.f[r][1], "W"));
        CU_ASSERT(c.f[r][2][0] && strlen(c.f[r][2]) < 96);
        int y = atoi(c.f[r][0]);
        if (y >= 2025 && y <= 2027)
            per_year[y - 2025]++;
        str_copy(h[n].date, sizeof h[n].date, c.f[r][0]);
        h[n].kind = c.f[r][1][0];
        str_copy(h[n].name, sizeof h[n].name, c.f[r][2]);
    }
    /* each year: 01/01, Tết, Hùng Kings, 30/04, 01/05, 02/09 + 1 at least */
    for (int y = 0; y < 3; y++)
        CU_ASSERT(per_year[y] >= 11);
    workcal cal;
    workcal_init(&cal, h, n);
    CU_ASSERT_EQUAL(cal.n, n);
    for (int d = D("2026-02-14"); d <= D("2026-02-22"); d++)
        CU_ASSERT_FALSE(workcal_is_workday(&cal, d));
    CU_ASSERT_FALSE(workcal_is_workday(&cal, D("2026-04-27")));  /* moved from Sunday */
    CU_ASSERT_FALSE(workcal_is_workday(&cal, D("2027-05-03")));  /* moved from Saturday */
    CU_ASSERT_TRUE(workcal_is_workday(&cal, D("2025-04-26")));   /* make-up Saturday */
    static const char *const fixed[] = {"2025-01-01", "2025-04-07", "2025-04-30", "2025-05-01",
        "2025-09-02", "2026-01-01", "2026-04-30", "2026-05-01", "2026-09-02", "2027-01-01",
        "2027-04-16", "2027-04-30", "2027-09-02", "2025-01-29", "2027-02-08"};
    for (size_t i = 0; i < PK_ARRAY_LEN(fixed); i++)
        CU_ASSERT_FALSE(workcal_is_workday(&cal, D(fixed[i])));
    workcal_free(&cal);
    free(c.text);
}

static void tariffs(void)
{
    csv c;
    if (!load("tariffs.csv", &c))
        return;
    static const char *const hdr[] = {"form", "scope", "charge_vnd", "transit_days"};
    header_is(&c, hdr, 4);
    CU_ASSERT_EQUAL(c.nrows, 9);
    static const char *const forms[] = {"send", "return", "both"};
    static const char *const scopes[] = {"commune", "province", "national"};
    for (int f = 0; f < 3; f++) {
        for (int s = 0; s < 3; s++) {
            int found = 0;
            for (int r = 1; r <= c.nrows; r++) {
                if (strcmp(c.f[r][0], forms[f]) || strcmp(c.f[r][1], scopes[s]))
                    continue;
                found++;
                CU_ASSERT(number(c.f[r][2]) && atol(c.f[r][2]) > 0);
                CU_ASSERT_EQUAL(atoi(c.f[r][3]), s + 1);   /* TT 17 Đ.7: J+1, J+2, J+3 */
            }
            CU_ASSERT_EQUAL(found, 1);
        }
    }
    free(c.text);
}

static void reader_refuses(void)
{
    csv c;
    char bad[] = "a,\"b\nc";
    CU_ASSERT_FALSE(csv_parse(bad, &c));
    char bad2[] = "a,\"b\"x,c\n";
    CU_ASSERT_FALSE(csv_parse(bad2, &c));
    char good[] = "a,\"b,\"\"c\"\"\"\r\nd,e\n";
    CU_ASSERT_TRUE_FATAL(csv_parse(good, &c));
    CU_ASSERT_EQUAL(c.nrows, 1);
    CU_ASSERT_STRING_EQUAL(c.f[0][1], "b,\"c\"");
    CU_ASSERT_STRING_EQUAL(c.f[1][1], "e");
}

void suite_data(void)
{
    CU_pSuite s = CU_add_suite("data", NULL, NULL);
    CU_add_test(s, "local CSV reader", reader_refuses);
    CU_add_test(s, "document list format", docs_parser_refuses);
    CU_add_test(s, "procedures.csv", procedures);
    CU_add_test(s, "units.csv", units);
    CU_add_test(s, "holidays.csv 2025-2027", holidays);
    CU_add_test(s, "tariffs.csv", tariffs);
}
