/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <string.h>

#include "csv.h"
#include "report.h"
#include "unit.h"

/* 2026-02-17 (Tết) = day 20501 since 1970-01-01 */
enum { TET_2026 = 20501 };

TEST(report, periods, "period ranges")
{
    char f[PK_DATE_MAX], t[PK_DATE_MAX];
    report_period_range(PERIOD_DAY, TET_2026, 0, f, t);
    CU_ASSERT_STRING_EQUAL(f, "2026-02-17");
    CU_ASSERT_STRING_EQUAL(t, "2026-02-17");
    report_period_range(PERIOD_DAY, TET_2026, -17, f, t);
    CU_ASSERT_STRING_EQUAL(f, "2026-01-31");
    report_period_range(PERIOD_MONTH, TET_2026, 0, f, t);
    CU_ASSERT_STRING_EQUAL(f, "2026-02-01");
    CU_ASSERT_STRING_EQUAL(t, "2026-02-28");
    report_period_range(PERIOD_MONTH, TET_2026, -2, f, t);
    CU_ASSERT_STRING_EQUAL(f, "2025-12-01");
    CU_ASSERT_STRING_EQUAL(t, "2025-12-31");
    report_period_range(PERIOD_MONTH, TET_2026 + 365 * 2, 0, f, t);  /* 2028-02, leap */
    CU_ASSERT_STRING_EQUAL(t, "2028-02-29");
    report_period_range(PERIOD_QUARTER, TET_2026, 0, f, t);
    CU_ASSERT_STRING_EQUAL(f, "2026-01-01");
    CU_ASSERT_STRING_EQUAL(t, "2026-03-31");
    report_period_range(PERIOD_QUARTER, TET_2026, -1, f, t);
    CU_ASSERT_STRING_EQUAL(f, "2025-10-01");
    CU_ASSERT_STRING_EQUAL(t, "2025-12-31");
    report_period_range(PERIOD_QUARTER, TET_2026, 2, f, t);
    CU_ASSERT_STRING_EQUAL(f, "2026-07-01");
    CU_ASSERT_STRING_EQUAL(t, "2026-09-30");
    report_period_range(PERIOD_YEAR, TET_2026, 1, f, t);
    CU_ASSERT_STRING_EQUAL(f, "2027-01-01");
    CU_ASSERT_STRING_EQUAL(t, "2027-12-31");
}

TEST(report, ages, "retention ages")
{
    int d = 0;
    CU_ASSERT_TRUE(report_parse_age("5y", &d));
    CU_ASSERT_EQUAL(d, 1827);
    CU_ASSERT_TRUE(report_parse_age("30d", &d));
    CU_ASSERT_EQUAL(d, 30);
    CU_ASSERT_TRUE(report_parse_age("12m", &d));
    CU_ASSERT_EQUAL(d, 366);
    CU_ASSERT_FALSE(report_parse_age("5", &d));
    CU_ASSERT_FALSE(report_parse_age("y", &d));
    CU_ASSERT_FALSE(report_parse_age("-5y", &d));
    CU_ASSERT_FALSE(report_parse_age("0y", &d));
    CU_ASSERT_FALSE(report_parse_age("5yy", &d));
    CU_ASSERT_FALSE(report_parse_age("5w", &d));
    CU_ASSERT_FALSE(report_parse_age("999999y", &d));
    CU_ASSERT_FALSE(report_parse_age(NULL, &d));
}

TEST(report, bars_and_rates, "bars and on-time rate")
{
    CU_ASSERT_EQUAL(report_bar(0, 10, 20), 0);
    CU_ASSERT_EQUAL(report_bar(10, 10, 20), 20);
    CU_ASSERT_EQUAL(report_bar(5, 10, 20), 10);
    CU_ASSERT_EQUAL(report_bar(1, 1000, 20), 1);
    CU_ASSERT_EQUAL(report_bar(11, 10, 20), 20);
    CU_ASSERT_EQUAL(report_bar(3, 0, 20), 0);
    report r;
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(report_on_time_permille(&r), -1);
    r.completed = 3;
    r.on_time = 2;
    CU_ASSERT_EQUAL(report_on_time_permille(&r), 667);
}

TEST(report, csv_quoting, "CSV quoting")
{
    sbuf b = {0};
    csv_put_field(&b, "plain");
    sbuf_add(&b, "|");
    csv_put_field(&b, "UBND xã, phường");
    sbuf_add(&b, "|");
    csv_put_field(&b, "say \"hi\"");
    sbuf_add(&b, "|");
    csv_put_field(&b, "two\nlines");
    CU_ASSERT_STRING_EQUAL(b.data, "plain|\"UBND xã, phường\"|\"say \"\"hi\"\"\"|\"two\nlines\"");
    sbuf_free(&b);
}

/* OWASP CSV injection: a cell a spreadsheet would run as a formula (first
 * character = + - @ TAB CR) gets a leading ' inside a quoted field. */
TEST(report, csv_formulas, "CSV formula injection neutralised")
{
    static const struct { const char *in, *out; } cases[] = {
        {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
        {"+84912345678", "\"'+84912345678\""},
        {"-2+3", "\"'-2+3\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\t=1", "\"'\t=1\""},
        {"\r=1", "\"'\r=1\""},
        {"=a,b", "\"'=a,b\""},
        {"a=b", "a=b"},            /* only the first character matters */
        {"'=x", "'=x"},            /* already text */
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sbuf b = {0};
        csv_put_field(&b, cases[i].in);
        CU_ASSERT_STRING_EQUAL(b.data ? b.data : "", cases[i].out);
        sbuf_free(&b);
    }
    CU_ASSERT_TRUE(csv_formula_lead("=1"));
    CU_ASSERT_TRUE(csv_formula_lead("-"));
    CU_ASSERT_FALSE(csv_formula_lead("1-2"));
    CU_ASSERT_FALSE(csv_formula_lead(""));
    CU_ASSERT_FALSE(csv_formula_lead(NULL));
}

TEST(report, csv_report, "CSV report")
{
    report r;
    memset(&r, 0, sizeof r);
    strcpy(r.from, "2026-01-01");
    strcpy(r.to, "2026-03-31");
    r.total = 7;
    r.by_status[ST_DELIVERED] = 4;
    report_item ag = {"UBND xã Hữu Lũng, tỉnh Lạng Sơn", "", 7};
    r.agencies = &ag;
    r.nagencies = 1;
    /* names from an old import or another tool: neutralised on the way out */
    report_item pr = {"1.001193", "=cmd|' /C calc'!A0", 2};
    r.procs = &pr;
    r.nprocs = 1;
    report_item co = {"@Đông Kinh", "", 1};
    r.communes = &co;
    r.ncommunes = 1;
    r.completed = 4;
    r.on_time = 3;
    r.late = 1;
    r.lost = 1;
    sbuf b = {0};
    report_csv(&r, "Bưu cục Lạng Sơn", &b);
    CU_ASSERT_EQUAL(strncmp(b.data, "section,key,label,value\r\n", 25), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\r\ntotal,dossiers,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, ",7\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\r\nstatus,delivered,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\r\nagency,\"UBND xã Hữu Lũng, tỉnh Lạng Sơn\",,7\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\r\nprocedure,1.001193,\"'=cmd|' /C calc'!A0\",2\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\r\ncommune,\"'@Đông Kinh\",,1\r\n"));
    CU_ASSERT_PTR_NULL(strstr(b.data, ",=cmd"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "on_time_permille,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, ",750\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\r\nincidents,lost,"));
    sbuf_free(&b);
}

SUITE(report, NULL, NULL);
