/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <string.h>

#include "unit.h"
#include "util.h"
#include "workdays.h"

static int D(const char *s)
{
    int d = -1;
    CU_ASSERT_TRUE_FATAL(date_parse(s, &d));
    return d;
}

TEST(workdays, civil_days, "civil day numbers")
{
    CU_ASSERT_EQUAL(date_from_ymd(1970, 1, 1), 0);
    CU_ASSERT_EQUAL(date_from_ymd(1970, 1, 2), 1);
    CU_ASSERT_EQUAL(date_from_ymd(1969, 12, 31), -1);
    CU_ASSERT_EQUAL(date_from_ymd(2000, 3, 1), 11017);
    CU_ASSERT_EQUAL(date_from_ymd(2026, 2, 17), 20501);
    /* round trip over a wide span, including leap days and centuries */
    for (int day = -40000; day < 120000; day += 7) {
        int y, m, d;
        date_to_ymd(day, &y, &m, &d);
        CU_ASSERT_EQUAL_FATAL(date_from_ymd(y, m, d), day);
    }
    int y, m, d;
    date_to_ymd(date_from_ymd(2024, 2, 29), &y, &m, &d);
    CU_ASSERT(y == 2024 && m == 2 && d == 29);
}

TEST(workdays, parse_format, "parse and format")
{
    int d;
    char out[PK_DATE_MAX];
    CU_ASSERT_TRUE(date_parse("2026-02-14", &d));
    date_format(d, out);
    CU_ASSERT_STRING_EQUAL(out, "2026-02-14");
    CU_ASSERT_TRUE(date_parse("2024-02-29", &d));
    date_format(0, out);
    CU_ASSERT_STRING_EQUAL(out, "1970-01-01");
    date_format_dmy(d, out);
    CU_ASSERT_STRING_EQUAL(out, "29/02/2024");
    CU_ASSERT_EQUAL(date_weekday(0), 3);                 /* Thursday */
    CU_ASSERT_EQUAL(date_weekday(D("2026-11-25")), 2);   /* Wednesday */
    CU_ASSERT_EQUAL(date_weekday(D("2026-04-26")), 6);   /* Sunday */
    CU_ASSERT_EQUAL(date_weekday(-1), 2);

    CU_ASSERT_FALSE(date_parse("2025-02-29", &d));  /* not a leap year */
    CU_ASSERT_FALSE(date_parse("1900-02-29", &d));
    CU_ASSERT_FALSE(date_parse("2026-13-01", &d));
    CU_ASSERT_FALSE(date_parse("2026-00-10", &d));
    CU_ASSERT_FALSE(date_parse("2026-04-31", &d));
    CU_ASSERT_FALSE(date_parse("2026-4-3", &d));
    CU_ASSERT_FALSE(date_parse("14/02/2026", &d));
    CU_ASSERT_FALSE(date_parse("2026-02-1x", &d));
    CU_ASSERT_FALSE(date_parse("2026-02-14 ", &d));
    CU_ASSERT_FALSE(date_parse("", &d));
    CU_ASSERT_FALSE(date_parse(NULL, &d));
}

/* Excerpt of data/holidays.csv: Tết 2026 as announced (14/02-22/02), Hùng
 * Kings 2026 on a Sunday moved to Monday 27/04, and the 2025 swap (work on
 * Saturday 26/04, off on Friday 02/05). */
static const holiday H[] = {
    {"2026-02-14", 'H', "Tết Nguyên đán"}, {"2026-02-15", 'H', "Tết Nguyên đán"},
    {"2026-02-16", 'H', "Tết Nguyên đán"}, {"2026-02-17", 'H', "Tết Nguyên đán"},
    {"2026-02-18", 'H', "Tết Nguyên đán"}, {"2026-02-19", 'H', "Tết Nguyên đán"},
    {"2026-02-20", 'H', "Tết Nguyên đán"}, {"2026-02-21", 'H', "Tết Nguyên đán"},
    {"2026-02-22", 'H', "Tết Nguyên đán"},
    {"2026-04-26", 'H', "Giỗ Tổ Hùng Vương"},
    {"2026-04-27", 'H', "Nghỉ bù Giỗ Tổ Hùng Vương"},
    {"2026-04-30", 'H', "30/4"}, {"2026-05-01", 'H', "1/5"},
    {"2025-04-26", 'W', "Làm bù"}, {"2025-04-30", 'H', "30/4"},
    {"2025-05-01", 'H', "1/5"}, {"2025-05-02", 'H', "Nghỉ hoán đổi"},
    {"not-a-date", 'H', "ignored"}, {"2026-03-03", 'X', "ignored kind"},
};

TEST(workdays, tet_2026, "working days across Tết 2026")
{
    workcal c;
    workcal_init(&c, H, (int)PK_ARRAY_LEN(H));
    CU_ASSERT_EQUAL(c.n, 17);
    CU_ASSERT_TRUE(workcal_is_workday(&c, D("2026-02-13")));   /* Friday */
    for (int d = D("2026-02-14"); d <= D("2026-02-22"); d++)
        CU_ASSERT_FALSE(workcal_is_workday(&c, d));
    CU_ASSERT_TRUE(workcal_is_workday(&c, D("2026-02-23")));   /* Monday */
    /* 1 working day after Friday 13/02 is Monday 23/02 */
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-02-13"), 1), D("2026-02-23"));
    /* Thursday 12/02 + 3 working days: 13/02, 23/02, 24/02 */
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-02-12"), 3), D("2026-02-24"));
    /* n = 0 on a holiday: the next working day */
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-02-17"), 0), D("2026-02-23"));
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-02-13"), 0), D("2026-02-13"));
    /* backwards across Tết */
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-02-23"), -1), D("2026-02-13"));
    /* the ignored rows changed nothing: 03/03/2026 is a Tuesday */
    CU_ASSERT_TRUE(workcal_is_workday(&c, D("2026-03-03")));
    workcal_free(&c);
    CU_ASSERT_PTR_NULL(c.days);
}

TEST(workdays, holiday_on_weekend, "holiday on a weekend moves")
{
    workcal c;
    workcal_init(&c, H, (int)PK_ARRAY_LEN(H));
    /* Hùng Kings 2026 is Sunday 26/04: Monday 27/04 is the day off */
    CU_ASSERT_FALSE(workcal_is_workday(&c, D("2026-04-27")));
    CU_ASSERT_TRUE(workcal_is_workday(&c, D("2026-04-28")));
    /* Friday 24/04 + 1 -> Tuesday 28/04; + 3 -> Monday 04/05 (30/04, 01/05 off) */
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-04-24"), 1), D("2026-04-28"));
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-04-24"), 3), D("2026-05-04"));
    workcal_free(&c);
}

TEST(workdays, makeup_saturday, "make-up Saturday")
{
    workcal c;
    workcal_init(&c, H, (int)PK_ARRAY_LEN(H));
    CU_ASSERT_TRUE(workcal_is_workday(&c, D("2025-04-26")));   /* Saturday, make-up */
    CU_ASSERT_FALSE(workcal_is_workday(&c, D("2025-04-19")));  /* ordinary Saturday */
    CU_ASSERT_FALSE(workcal_is_workday(&c, D("2025-05-02")));  /* swapped Friday */
    /* Friday 25/04/2025 + 1 = the make-up Saturday */
    CU_ASSERT_EQUAL(workcal_add(&c, D("2025-04-25"), 1), D("2025-04-26"));
    /* Tuesday 29/04 + 1 -> Monday 05/05 (30/04, 01/05, 02/05 off, weekend) */
    CU_ASSERT_EQUAL(workcal_add(&c, D("2025-04-29"), 1), D("2025-05-05"));
    workcal_free(&c);
}

TEST(workdays, empty_calendar, "empty calendar and duplicates")
{
    workcal c;
    workcal_init(&c, NULL, 0);
    CU_ASSERT_EQUAL(c.n, 0);
    CU_ASSERT_FALSE(workcal_is_workday(&c, D("2026-11-28")));  /* Saturday */
    CU_ASSERT_TRUE(workcal_is_workday(&c, D("2026-11-27")));   /* Friday */
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-11-27"), 5), D("2026-12-04"));
    CU_ASSERT_EQUAL(workcal_add(&c, D("2026-11-28"), 0), D("2026-11-30"));
    workcal_free(&c);
    /* a date listed as both: the day off wins */
    holiday both[] = {{"2026-05-09", 'W', "a"}, {"2026-05-09", 'H', "b"},
                      {"2026-05-16", 'W', "c"}};
    workcal_init(&c, both, 3);
    CU_ASSERT_EQUAL(c.n, 2);
    CU_ASSERT_FALSE(workcal_is_workday(&c, D("2026-05-09")));
    CU_ASSERT_TRUE(workcal_is_workday(&c, D("2026-05-16")));
    workcal_free(&c);
}

SUITE(workdays, NULL, NULL);
