/* CSV reader and catalog import: good files, and bad files that must leave
 * the database exactly as it was. Fixtures in tests/fixtures/. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "store_fixture.h"
#include "store_import.h"

#define FIX "tests/fixtures/"

/* ---- CSV reader ------------------------------------------------------- */

static int parse(const char *text, char ***f, int *n, csv **out, char *err)
{
    *out = csv_open_mem("mem.csv", text, strlen(text));
    return csv_next(*out, f, n, err, 256);
}

static void csv_quoting(void)
{
    csv *c;
    char **f;
    int n;
    char err[256];
    CU_ASSERT_EQUAL(parse("a,\"b,c\",\"say \"\"hi\"\"\",,\"x\ny\"\r\nnext\n", &f, &n, &c, err), 1);
    CU_ASSERT_EQUAL_FATAL(n, 5);
    CU_ASSERT_STRING_EQUAL(f[0], "a");
    CU_ASSERT_STRING_EQUAL(f[1], "b,c");
    CU_ASSERT_STRING_EQUAL(f[2], "say \"hi\"");
    CU_ASSERT_STRING_EQUAL(f[3], "");
    CU_ASSERT_STRING_EQUAL(f[4], "x\ny");
    CU_ASSERT_EQUAL(csv_line(c), 1);
    CU_ASSERT_EQUAL(csv_next(c, &f, &n, err, sizeof err), 1);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(f[0], "next");
    CU_ASSERT_EQUAL(csv_line(c), 3);   /* the quoted line break counts */
    CU_ASSERT_EQUAL(csv_next(c, &f, &n, err, sizeof err), 0);
    csv_close(c);
    /* BOM, CRLF inside quotes, blank lines, last line without a newline, NFD in */
    CU_ASSERT_EQUAL(parse("\xEF\xBB\xBFh\r\n\r\n\"a\r\nb\",Vie\xcc\x82\xcc\xa3t", &f, &n, &c, err), 1);
    CU_ASSERT_STRING_EQUAL(f[0], "h");
    CU_ASSERT_EQUAL(csv_next(c, &f, &n, err, sizeof err), 1);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(f[0], "a\nb");
    CU_ASSERT_STRING_EQUAL(f[1], "Việt");
    CU_ASSERT_EQUAL(csv_line(c), 3);
    csv_close(c);
}

static void csv_error(const char *text, const char *want)
{
    csv *c = csv_open_mem("mem.csv", text, strlen(text));
    char **f;
    int n, r;
    char err[256] = "";
    while ((r = csv_next(c, &f, &n, err, sizeof err)) == 1)
        ;
    CU_ASSERT_EQUAL(r, -1);
    if (!strstr(err, want))
        fprintf(stderr, "\n  got \"%s\", want \"%s\"\n", err, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    csv_close(c);
}

static void csv_errors(void)
{
    csv_error("a,b\n\"open,c\n", "mem.csv:2: a quoted field is never closed");
    csv_error("a,b\nx\"y\n", "mem.csv:2: a double quote inside an unquoted field");
    csv_error("\"a\"b\n", "mem.csv:1: text after a closing quote");
    csv_error("ok\nbad\xff\n", "mem.csv:2: invalid UTF-8");
    csv_error("ok\n\xc0\xaf\n", "mem.csv:2: invalid UTF-8");        /* overlong */
    csv_error("ok\n\xed\xa0\x80\n", "mem.csv:2: invalid UTF-8");    /* surrogate */
    csv_error("ok\na\tb\n", "mem.csv:2: control character");
    csv_error("ok\n\"a\x1b\"\n", "mem.csv:2: control character");
    csv_error("ok\na\xc2\x85\n", "mem.csv:2: control character");
    csv_error("ok\na\rb\n", "mem.csv:2: a carriage return without a line feed");
    const char nul[] = "ok\na\0b\n";
    csv *c = csv_open_mem("nul.csv", nul, sizeof nul - 1);
    char **f;
    int n;
    char err[128];
    CU_ASSERT_EQUAL(csv_next(c, &f, &n, err, sizeof err), 1);
    CU_ASSERT_EQUAL(csv_next(c, &f, &n, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "nul.csv:2: control character"));
    csv_close(c);
    CU_ASSERT_PTR_NULL(csv_open_file(FIX "nope.csv", err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "nope.csv: No such file"));
}

/* ---- import ------------------------------------------------------------ */

static fx_dir fx;
static store *db;

static void open_db(void)
{
    fx_init(&fx);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
}

static void close_db(void)
{
    store_close(db);
    fx_cleanup(&fx);
}

static void import_good(void)
{
    open_db();
    char err[256] = "";
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_good.csv", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL(store_procedure_count(db), 3);
    procedure p;
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "1.001193", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.name_vi, "Đăng ký khai sinh");
    CU_ASSERT_TRUE(p.bcci_submit);
    CU_ASSERT_FALSE(p.in_person);
    CU_ASSERT_EQUAL_FATAL(p.ndocs, 2);
    CU_ASSERT_STRING_EQUAL(p.docs[0].name_vi, "Tờ khai");
    CU_ASSERT_STRING_EQUAL(p.docs[0].name_en, "Form");
    CU_ASSERT_EQUAL(p.docs[0].kind, DOC_ORIGINAL);
    CU_ASSERT_TRUE(p.docs[0].required);
    CU_ASSERT_EQUAL(p.docs[1].kind, DOC_COPY);
    CU_ASSERT_FALSE(p.docs[1].required);
    CU_ASSERT_STRING_EQUAL(p.docs[1].name_en, "Marriage certificate");
    /* quotes kept, the line break inside the quoted field became a space */
    CU_ASSERT_STRING_EQUAL(p.provenance, "VERIFIED Luật Hộ tịch Đ.9, \"gửi qua bưu chính\" second line");
    CU_ASSERT_EQUAL(store_procedure_get(db, "1.000894", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.reason_vi, "Hai bên phải có mặt, cùng nhau.");
    CU_ASSERT_FALSE(p.bcci_submit);
    CU_ASSERT_EQUAL(store_procedure_get(db, "LS.0001", &p), PK_OK);
    CU_ASSERT_EQUAL(p.fee_vnd, 200000);
    CU_ASSERT_EQUAL(p.days, 10);
    CU_ASSERT_EQUAL(p.ndocs, 0);
    /* NFD in the file is stored as NFC and found by search */
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_nfd.csv", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL(store_procedure_get(db, "2.000001", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.name_vi, "Chưng thực bản sao");
    proc_row r[4];
    int n;
    CU_ASSERT_EQUAL(store_procedure_search(db, "chung thuc", r, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);

    /* free text may start with a '-' bullet (never a name; written to no CSV) */
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_dash_reason.csv", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL(store_procedure_get(db, "LS.0003", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.reason_vi, "- Hai bên phải có mặt");
    CU_ASSERT_STRING_EQUAL(p.provenance, "- ESTIMATE");

    CU_ASSERT_EQUAL(catalog_import_units(db, FIX "units_good.csv", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL(catalog_import_holidays(db, FIX "holidays_good.csv", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL(catalog_import_tariffs(db, FIX "tariffs_good.csv", err, sizeof err), PK_OK);
    tariff t;
    CU_ASSERT_EQUAL(store_tariff_get(db, FORM_BOTH, "national", &t), PK_OK);
    CU_ASSERT_EQUAL(t.charge_vnd, 65000);
    close_db();
}

/* A snapshot of what the catalog holds, to compare before and after. */
static void snapshot(sbuf *b)
{
    proc_row r[16];
    int n;
    CU_ASSERT_EQUAL(store_procedure_search(db, "", r, 16, &n), PK_OK);
    for (int i = 0; i < n; i++)
        sbuf_addf(b, "%s|%s\n", r[i].code, r[i].name_vi);
    admin_unit u[16];
    CU_ASSERT_EQUAL(store_unit_search(db, NULL, "", u, 16, &n), PK_OK);
    for (int i = 0; i < n; i++)
        sbuf_addf(b, "%d|%s\n", u[i].id, u[i].name);
    holiday *h;
    CU_ASSERT_EQUAL(store_holidays(db, &h, &n), PK_OK);
    for (int i = 0; i < n; i++)
        sbuf_addf(b, "%s|%c\n", h[i].date, h[i].kind);
    free(h);
    tariff t;
    if (store_tariff_get(db, FORM_BOTH, "province", &t) == PK_OK)
        sbuf_addf(b, "%lld\n", (long long)t.charge_vnd);
}

typedef pk_err (*import_fn)(store *, const char *, char *, size_t);

static void bad_import(import_fn fn, const char *file, const char *want)
{
    sbuf before = {0}, after = {0};
    snapshot(&before);
    char err[256] = "";
    char path[128];
    snprintf(path, sizeof path, FIX "%s", file);
    CU_ASSERT_NOT_EQUAL(fn(db, path, err, sizeof err), PK_OK);
    char full[300];
    snprintf(full, sizeof full, "%s:%s", path, want);
    if (!strstr(err, full))
        fprintf(stderr, "\n  got \"%s\", want \"%s\"\n", err, full);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, full));
    snapshot(&after);
    CU_ASSERT_STRING_EQUAL(before.data, after.data);   /* nothing imported */
    sbuf_free(&before);
    sbuf_free(&after);
}

static void import_bad_changes_nothing(void)
{
    open_db();
    char err[256];
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, FIX "catalog", err, sizeof err), PK_OK);
    bad_import(catalog_import_procedures, "procs_bad_utf8.csv", "4: invalid UTF-8");
    bad_import(catalog_import_procedures, "procs_missing_col.csv",
               "1: missing column \"documents\" in the header");
    bad_import(catalog_import_procedures, "procs_short_row.csv", "4: expected 16 columns, found 15");
    bad_import(catalog_import_procedures, "procs_dup.csv",
               "6: duplicate code 1.001193 (first on line 2)");
    bad_import(catalog_import_procedures, "procs_bad_bool.csv",
               "5: bcci_submit must be yes or no, not \"có\"");
    bad_import(catalog_import_procedures, "procs_bad_doc.csv",
               "2: document 2: kind must be original or copy, not \"scan\"");
    bad_import(catalog_import_procedures, "procs_control.csv", "2: control character");
    bad_import(catalog_import_procedures, "procs_unclosed.csv", "4: a quoted field is never closed");
    bad_import(catalog_import_units, "units_unknown.csv",
               "5: unknown unit type \"huyện\" (allowed: phường, xã, thị trấn)");
    bad_import(catalog_import_units, "units_dup.csv", "5: duplicate unit xã Đồng Đăng");
    bad_import(catalog_import_holidays, "holidays_bad.csv",
               "5: date must be a real day written YYYY-MM-DD, not \"2026-02-30\"");
    bad_import(catalog_import_tariffs, "tariffs_bad.csv",
               "6: scope must be commune, province or national, not \"moon\"");
    /* names a spreadsheet would run as formulas (issue 11 item 12) */
    bad_import(catalog_import_procedures, "procs_formula_name.csv",
               "3: name_vi must not start with '=' (a spreadsheet would run it as a formula)");
    bad_import(catalog_import_procedures, "procs_formula_agency.csv",
               "2: agency must not start with '@' (a spreadsheet would run it as a formula)");
    bad_import(catalog_import_procedures, "procs_formula_doc.csv",
               "3: document 2: the name must not start with '-' (a spreadsheet would run it as a formula)");
    bad_import(catalog_import_procedures, "procs_formula_code.csv",
               "3: code \"-LS.0002\" must start with a letter or digit");
    bad_import(catalog_import_units, "units_formula.csv",
               "3: name must not start with '+' (a spreadsheet would run it as a formula)");
    bad_import(catalog_import_holidays, "holidays_formula.csv",
               "3: name must not start with '=' (a spreadsheet would run it as a formula)");
    /* wrong kind of file: a units file given as procedures */
    bad_import(catalog_import_procedures, "units_good.csv", "1: missing column \"code\"");
    close_db();
}

static void import_dir_is_one_transaction(void)
{
    open_db();
    char err[256];
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, FIX "catalog", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL(store_procedure_count(db), 3);
    holiday *h;
    int n;
    CU_ASSERT_EQUAL(store_holidays(db, &h, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 3);
    free(h);
    close_db();
    /* a directory with a bad last file imports nothing at all */
    open_db();
    char dir[100], cmd[600];
    snprintf(dir, sizeof dir, "%s/cat", fx.dir);
    snprintf(cmd, sizeof cmd, "mkdir %s && cp " FIX "catalog/*.csv %s/ && cp " FIX
             "tariffs_bad.csv %s/tariffs.csv", dir, dir, dir);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    CU_ASSERT_EQUAL(catalog_import_dir(db, dir, err, sizeof err), PK_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "tariffs.csv:6:"));
    CU_ASSERT_TRUE(store_is_empty(db));
    CU_ASSERT_EQUAL(store_holidays(db, &h, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 0);
    free(h);
    CU_ASSERT_EQUAL(catalog_import_dir(db, FIX "missing-dir", err, sizeof err), PK_ENOTFOUND);
    CU_ASSERT_TRUE(store_is_empty(db));
    close_db();
}

/* The shipped data/ seeds a database: the search cases hold on it. */
static void shipped_data(void)
{
    open_db();
    char err[256] = "";
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, "data", err, sizeof err), PK_OK);
    CU_ASSERT_TRUE(store_procedure_count(db) >= 40);
    const char *qs[] = {"dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "Đăng ký khai sinh"};
    proc_row r[50];
    int n;
    for (size_t i = 0; i < PK_ARRAY_LEN(qs); i++) {
        CU_ASSERT_EQUAL(store_procedure_search(db, qs[i], r, 50, &n), PK_OK);
        CU_ASSERT_TRUE_FATAL(n >= 1);
        CU_ASSERT_STRING_EQUAL(r[0].name_vi, "Đăng ký khai sinh");
    }
    CU_ASSERT_EQUAL(store_procedure_search(db, "dang ky", r, 50, &n), PK_OK);
    bool found = false;
    for (int i = 0; i < n; i++)
        found |= strcmp(r[i].name_vi, "Đăng ký khai sinh") == 0;
    CU_ASSERT_TRUE(found);
    admin_unit u[80];
    CU_ASSERT_EQUAL(store_unit_search(db, "Lạng Sơn", "", u, 80, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 65);
    tariff t;
    CU_ASSERT_EQUAL(store_tariff_get(db, FORM_BOTH, "province", &t), PK_OK);
    close_db();
}

/* Messages are compared in English, whatever an earlier suite switched to. */
static int english(void)
{
    i18n_set_lang("en");
    return 0;
}

void suite_catalog(void)
{
    CU_pSuite s = CU_add_suite("catalog", english, NULL);
    CU_add_test(s, "CSV quoting, BOM, CRLF, NFC", csv_quoting);
    CU_add_test(s, "CSV errors say file:line: reason", csv_errors);
    CU_add_test(s, "import good files", import_good);
    CU_add_test(s, "bad files import nothing", import_bad_changes_nothing);
    CU_add_test(s, "a directory is one transaction", import_dir_is_one_transaction);
    CU_add_test(s, "the shipped data/ imports and is searchable", shipped_data);
}
