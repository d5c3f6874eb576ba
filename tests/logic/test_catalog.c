/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV reader and catalog import: good files, and bad files that must leave
 * the database exactly as it was. Fixtures in tests/fixtures/. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "csv.h"
#include "i18n.h"
#include "store_fixture.h"
#include "store_import.h"
#include "unit.h"

#define FIX "tests/fixtures/"

/* ---- CSV reader ------------------------------------------------------- */

static int parse(const char *text, char ***f, int *n, csv **out, char *err)
{
    *out = csv_open_mem("mem.csv", text, strlen(text));
    return csv_next(*out, f, n, err, 256);
}

TEST(catalog, csv_quoting, "CSV quoting, BOM, CRLF, NFC")
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

TEST(catalog, csv_errors, "CSV errors say file:line: reason")
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

/* Appends rows of x's so that the next byte lands at offset at. */
static void pad_to(sbuf *text, size_t at)
{
    while (text->len + 80 < at)
        sbuf_add(text, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,y,z\n");
    while (text->len < at)
        sbuf_add(text, "x");
}

/* A file is read through a 64 KiB window: a multi-byte character, an
 * escaped quote, a CRLF and a quoted line break straddling its edges come
 * out as they do from memory, as do many records over many windows. */
TEST(catalog, csv_window, "CSV file read through a window = from memory")
{
    sbuf text = {0};
    sbuf_add(&text, "\xEF\xBB\xBF" "a,b,c\r\n");
    pad_to(&text, 65535);   /* "ơ" across the first edge */
    sbuf_add(&text, ",ơ,c\n");
    pad_to(&text, 2 * 65536 - 3);   /* an escaped quote across the second */
    sbuf_add(&text, ",\"a\"\"b\",c\n");
    pad_to(&text, 3 * 65536 - 3);   /* CRLF across the third */
    sbuf_add(&text, ",b,c\r\n");
    pad_to(&text, 4 * 65536 - 4);   /* a quoted CRLF across the fourth */
    sbuf_add(&text, ",\"a\r\nb\",Việt\n");
    for (int i = 0; i < 9000; i++) {
        sbuf_addf(&text, "Lạng Sơn %d,\"dòng\r\nhai, \"\"ba\"\"\",Việt%s\n", i,
                  i % 7 ? "" : "\n");
        if (i % 1000 == 0)   /* a long value now and then shifts the edges */
            for (int k = 0; k < 5000 + i; k++)
                sbuf_add(&text, k % 2 ? "ơ" : "x");
    }
    char dir[] = "/tmp/pkcsv.XXXXXX", path[64];
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/w.csv", dir);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(text.data, 1, text.len, f), text.len);
    CU_ASSERT_EQUAL(fclose(f), 0);
    CU_ASSERT_TRUE(text.len > 4 * 65536);
    char err[256];
    csv *m = csv_open_mem(path, text.data, text.len), *w = csv_open_file(path, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    char **fm, **fw;
    int nm, nw, rm, rw, records = 0, same = 1;
    do {
        rm = csv_next(m, &fm, &nm, err, sizeof err);
        rw = csv_next(w, &fw, &nw, err, sizeof err);
        if (rm != rw || (rm == 1 && (nm != nw || csv_line(m) != csv_line(w))))
            same = 0;
        for (int i = 0; same && rm == 1 && i < nm; i++)
            same = strcmp(fm[i], fw[i]) == 0;
        records += rm == 1;
    } while (same && rm == 1);
    CU_ASSERT_TRUE(same);
    CU_ASSERT_EQUAL(rm, 0);
    CU_ASSERT_TRUE(records > 9004);
    csv_close(m);
    csv_close(w);
    unlink(path);
    rmdir(dir);
    sbuf_free(&text);
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

TEST(catalog, import_good, "import good files")
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

TEST(catalog, import_bad_changes_nothing, "bad files import nothing")
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
    bad_import(catalog_import_procedures, "procs_bad_rank.csv",
               "4: rank must be a whole number from 0 to 999, not \"first\"");
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

/* The English name of the agency (agency_en, optional column): read when
 * the file has it, "" when a row leaves it empty or an older file has no
 * such column (the screens then say the Vietnamese name). */
TEST(catalog, agency_en_import, "agency_en imported with the column, empty without it")
{
    open_db();
    char err[256] = "";
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_agency_en.csv", err, sizeof err), PK_OK);
    procedure p;
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "1.001193", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.agency, "UBND cấp xã (Tư pháp - hộ tịch)");
    CU_ASSERT_STRING_EQUAL(p.agency_en, "Commune People's Committee (Justice \xe2\x80\x93 civil status)");
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "2.001159", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.agency_en, "Provincial Police (PC06) / assigned commune police");
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "1.000656", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.agency, "UBND cấp xã");
    CU_ASSERT_STRING_EQUAL(p.agency_en, "");
    /* an older file without the column still imports: no English names */
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_good.csv", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "1.001193", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.agency, "UBND cấp xã");
    CU_ASSERT_STRING_EQUAL(p.agency_en, "");
    close_db();
}

TEST(catalog, agency_en_bad, "bad agency_en values refused, translated, nothing stored")
{
    open_db();
    char err[256] = "";
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_agency_en.csv", err, sizeof err), PK_OK);
    bad_import(catalog_import_procedures, "procs_agency_en_control.csv", "2: control character");
    bad_import(catalog_import_procedures, "procs_agency_en_utf8.csv", "3: invalid UTF-8");
    bad_import(catalog_import_procedures, "procs_agency_en_long.csv",
               "2: agency_en is too long (at most 255 bytes)");
    bad_import(catalog_import_procedures, "procs_agency_en_formula.csv",
               "2: agency_en must not start with '=' (a spreadsheet would run it as a formula)");
    procedure p;
    CU_ASSERT_EQUAL(store_procedure_get(db, "LS.0009", &p), PK_ENOTFOUND);
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "1.001193", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.agency_en, "Commune People's Committee (Justice \xe2\x80\x93 civil status)");
    /* the message in the citizen's or clerk's language */
    i18n_init(NULL);
    CU_ASSERT_TRUE_FATAL(i18n_set_lang("vi"));
    CU_ASSERT_NOT_EQUAL(catalog_import_procedures(db, FIX "procs_agency_en_long.csv", err, sizeof err),
                        PK_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "2: agency_en quá dài (tối đa 255 byte)"));
    CU_ASSERT_NOT_EQUAL(catalog_import_procedures(db, FIX "procs_agency_en_control.csv", err, sizeof err),
                        PK_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "2: có ký tự điều khiển"));
    i18n_set_lang("en");
    /* the store itself refuses such a value from any other caller */
    procedure q = p;
    str_copy(q.code, sizeof q.code, "LS.0009");
    static const char *const bad[] = {"Commune\x01", "Commune \xc3\x28", "Commune\xc2\x85"};
    for (size_t i = 0; i < PK_ARRAY_LEN(bad); i++) {
        str_copy(q.agency_en, sizeof q.agency_en, bad[i]);
        CU_ASSERT_EQUAL(store_procedures_replace(db, &q, 1), PK_EINVAL);
    }
    memset(q.agency_en, 'x', sizeof q.agency_en);   /* not terminated within its buffer */
    CU_ASSERT_EQUAL(store_procedures_replace(db, &q, 1), PK_EINVAL);
    CU_ASSERT_EQUAL(store_procedure_count(db), 3);
    CU_ASSERT_EQUAL(store_procedure_get(db, "LS.0009", &p), PK_ENOTFOUND);
    close_db();
}

TEST(catalog, import_dir_is_one_transaction, "a directory is one transaction")
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

/* ---- limits (issue 11 item 13) ------------------------------------------ */

/* Writes fx.dir/name: header, then rows made by row(i, buf) for i in [0, n). */
static void gen_file(char *path, size_t pathsz, const char *name, const char *header, int n,
                     void (*row)(int i, char *buf, size_t bufsz))
{
    snprintf(path, pathsz, "%s/%s", fx.dir, name);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fprintf(f, "%s\n", header);
    char buf[512];
    for (int i = 0; i < n; i++) {
        row(i, buf, sizeof buf);
        fprintf(f, "%s\n", buf);
    }
    CU_ASSERT_EQUAL(fclose(f), 0);
}

static void unit_row(int i, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "Lạng Sơn,xã,Xã %d", i);
}

static void holiday_row(int i, char *buf, size_t bufsz)
{
    int d = i % 336;   /* distinct days: 12 months of 28 days a year from 1900 */
    snprintf(buf, bufsz, "%04d-%02d-%02d,H,Ngày %d", 1900 + i / 336, d / 28 + 1, d % 28 + 1, i);
}

static void procedure_row(int i, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "P.%d,Thủ tục %d,Procedure,Sở Tư pháp,province,Tư pháp,Justice,yes,yes,"
             "10,0,no,,,,ESTIMATE", i, i);
}

static const char *const PROC_HEADER =
    "code,name_vi,name_en,agency,level,field_vi,field_en,bcci_submit,bcci_return,days,fee_vnd,"
    "in_person_required,reason_vi,reason_en,documents,source_or_estimate";

/* err holds want; the catalog is as before. */
static void refused(import_fn fn, const char *path, const char *want)
{
    sbuf before = {0}, after = {0};
    snapshot(&before);
    char err[512] = "";
    CU_ASSERT_NOT_EQUAL(fn(db, path, err, sizeof err), PK_OK);
    if (!strstr(err, want))
        fprintf(stderr, "\n  got \"%s\", want \"%s\"\n", err, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    snapshot(&after);
    CU_ASSERT_STRING_EQUAL(before.data, after.data);
    sbuf_free(&before);
    sbuf_free(&after);
}

TEST(catalog, import_row_limits, "row limits are errors at their line")
{
    open_db();
    char err[256], path[256], want[600];
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, FIX "catalog", err, sizeof err), PK_OK);
    /* 100,001 rows: an error at the row past the limit, nothing imported
     * (was: rc 0, "imported", the first 100,000 kept; in quadratic time) */
    gen_file(path, sizeof path, "units.csv", "province,type,name", 100001, unit_row);
    snprintf(want, sizeof want, "%s:100002: more than 100000 rows", path);
    refused(catalog_import_units, path, want);
    gen_file(path, sizeof path, "holidays.csv", "date,kind,name", 100001, holiday_row);
    snprintf(want, sizeof want, "%s:100002: more than 100000 rows", path);
    refused(catalog_import_holidays, path, want);
    /* procedures are big rows: their limit is lower */
    gen_file(path, sizeof path, "procedures.csv", PROC_HEADER, 10001, procedure_row);
    snprintf(want, sizeof want, "%s:10002: more than 10000 rows", path);
    refused(catalog_import_procedures, path, want);
    /* up to the limit is fine, and the duplicate check is not quadratic */
    gen_file(path, sizeof path, "units.csv", "province,type,name", 100000, unit_row);
    admin_unit *u = NULL;
    int n = 0;
    CU_ASSERT_EQUAL(catalog_read_units(path, &u, &n, NULL, err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL(n, 100000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    CU_ASSERT_STRING_EQUAL(u[99999].name, "Xã 99999");
    free(u);
    close_db();
}

static void dup_row(int i, char *buf, size_t bufsz)
{
    /* row 40,000 repeats row 7 (lines 40002 and 9) */
    unit_row(i == 40000 ? 7 : i, buf, bufsz);
}

TEST(catalog, import_empty_and_duplicates, "empty imports refused, duplicates at their line")
{
    open_db();
    char err[256], path[256], want[600];
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, FIX "catalog", err, sizeof err), PK_OK);
    /* a header and no rows would empty the table: refused */
    static const struct {
        const char *file, *header;
        import_fn fn;
    } empties[] = {
        {"units.csv", "province,type,name", catalog_import_units},
        {"holidays.csv", "date,kind,name", catalog_import_holidays},
        {"tariffs.csv", "form,scope,charge_vnd,transit_days", catalog_import_tariffs},
        {"procedures.csv", NULL, catalog_import_procedures},
    };
    for (size_t i = 0; i < PK_ARRAY_LEN(empties); i++) {
        gen_file(path, sizeof path, empties[i].file,
                 empties[i].header ? empties[i].header : PROC_HEADER, 0, unit_row);
        snprintf(want, sizeof want, "%s:1: no data rows after the header", path);
        refused(empties[i].fn, path, want);
    }
    CU_ASSERT_EQUAL(store_procedure_count(db), 3);
    /* a duplicate far down is found at its line, naming the first */
    gen_file(path, sizeof path, "units.csv", "province,type,name", 50000, dup_row);
    snprintf(want, sizeof want, "%s:40002: duplicate unit xã Xã 7 (first on line 9)", path);
    refused(catalog_import_units, path, want);
    close_db();
}

TEST(catalog, import_size_limits, "size, line and field limits")
{
    open_db();
    char err[256], path[256], want[600];
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, FIX "catalog", err, sizeof err), PK_OK);
    /* a file over the size limit is refused from its size, before a byte is
     * read (a sparse file: reading it would take 64 MiB) */
    snprintf(path, sizeof path, "%s/procedures.csv", fx.dir);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(PROC_HEADER, f);
    CU_ASSERT_EQUAL(ftruncate(fileno(f), (off_t)64 << 20), 0);
    CU_ASSERT_EQUAL(fclose(f), 0);
    snprintf(want, sizeof want, "%s: the file is larger than 16 MiB", path);
    refused(catalog_import_procedures, path, want);
    /* a line longer than 64 KiB (one huge field) */
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fprintf(f, "%s\n", PROC_HEADER);
    procedure_row(1, err, sizeof err);
    fprintf(f, "%s\nP.2,", err);
    for (int i = 0; i < 70000; i++)
        fputc('x', f);
    fputs(",Procedure,Sở Tư pháp,province,Tư pháp,Justice,yes,yes,10,0,no,,,,ESTIMATE\n", f);
    CU_ASSERT_EQUAL(fclose(f), 0);
    snprintf(want, sizeof want, "%s:3: a line longer than 65536 bytes", path);
    refused(catalog_import_procedures, path, want);
    /* more fields than any table has */
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fprintf(f, "%s\n", PROC_HEADER);
    for (int i = 0; i < 100; i++)
        fputs("a,", f);
    fputs("a\n", f);
    CU_ASSERT_EQUAL(fclose(f), 0);
    snprintf(want, sizeof want, "%s:2: too many fields", path);
    refused(catalog_import_procedures, path, want);
    close_db();
}

/* The shipped data/ seeds a database: the search cases hold on it. */
TEST(catalog, shipped_data, "the shipped data/ imports and is searchable")
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

SUITE(catalog, english, NULL);
