/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dates.c: what the date helpers add to libc (roll-over, typed dates, local
 * time with a fixed zone). The civil-day round trip is in test_workdays.c. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "unit.h"

TEST(dates, roll_over, "months and days roll over")
{
    char out[PK_DATE_MAX];
    date_format(date_from_ymd(2026, 3, 0), out);     /* day 0: last of February */
    CU_ASSERT_STRING_EQUAL(out, "2026-02-28");
    date_format(date_from_ymd(2024, 3, 0), out);
    CU_ASSERT_STRING_EQUAL(out, "2024-02-29");
    date_format(date_from_ymd(2026, 13, 1), out);    /* month 13: next January */
    CU_ASSERT_STRING_EQUAL(out, "2027-01-01");
    date_format(date_from_ymd(2026, 1, -30), out);
    CU_ASSERT_STRING_EQUAL(out, "2025-12-01");
    int d;
    CU_ASSERT_FALSE(date_parse("2026-04-31", &d));    /* no rolling over when parsing */
    CU_ASSERT_FALSE(date_parse("2026-01-32", &d));
    CU_ASSERT_FALSE(date_parse("2026-00-10", &d));
    CU_ASSERT_FALSE(date_parse("2026-1-10x", &d));
    CU_ASSERT_FALSE(date_parse(NULL, &d));
}

TEST(dates, typed, "dates as people type and read them")
{
    char out[PK_DATE_MAX];
    CU_ASSERT_TRUE(date_parse_typed("21/11/2026", out));
    CU_ASSERT_STRING_EQUAL(out, "2026-11-21");
    CU_ASSERT_TRUE(date_parse_typed("1/2/2026", out));
    CU_ASSERT_STRING_EQUAL(out, "2026-02-01");
    CU_ASSERT_TRUE(date_parse_typed("2026-02-01", out));
    CU_ASSERT_STRING_EQUAL(out, "2026-02-01");
    CU_ASSERT_FALSE(date_parse_typed("31/11/2026", out));   /* November has 30 days */
    CU_ASSERT_FALSE(date_parse_typed("21/11/2026x", out));
    CU_ASSERT_FALSE(date_parse_typed("21/11/26", out));
    CU_ASSERT_FALSE(date_parse_typed("123/1/2026", out));
    CU_ASSERT_FALSE(date_parse_typed("", out));

    char dmy[16] = "unchanged";
    CU_ASSERT_TRUE(date_iso_to_dmy("2026-11-21", dmy, sizeof dmy));
    CU_ASSERT_STRING_EQUAL(dmy, "21/11/2026");
    CU_ASSERT_FALSE(date_iso_to_dmy("2026-11-2", dmy, sizeof dmy));
    CU_ASSERT_FALSE(date_iso_to_dmy("soon", dmy, sizeof dmy));
    CU_ASSERT_FALSE(date_iso_to_dmy(NULL, dmy, sizeof dmy));
    CU_ASSERT_STRING_EQUAL(dmy, "21/11/2026");
}

/* Local time in Vietnam's zone (UTC+7, no summer time). */
TEST(dates, local_time, "local time")
{
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL;
    setenv("TZ", "ICT-7", 1);
    tzset();
    const int64_t t = 1764003600;   /* 2025-11-24 17:00 UTC = 2025-11-25 00:00 here */
    char out[32];
    CU_ASSERT_EQUAL(date_local_day(t), date_from_ymd(2025, 11, 25));
    CU_ASSERT_EQUAL(date_local_day(t - 1), date_from_ymd(2025, 11, 24));
    CU_ASSERT_EQUAL(date_local_hour(t - 1), 23);
    CU_ASSERT_TRUE(date_local_format(t, "%d/%m/%Y %H:%M", out, sizeof out));
    CU_ASSERT_STRING_EQUAL(out, "25/11/2025 00:00");
    CU_ASSERT_FALSE(date_local_format(t, "%d/%m/%Y %H:%M", out, 8));   /* does not fit */
    CU_ASSERT_STRING_EQUAL(out, "");
    char iso[PK_DATE_MAX];
    date_local_iso(t, iso);
    CU_ASSERT_STRING_EQUAL(iso, "2025-11-25");
    CU_ASSERT_EQUAL(date_parse_local_minute("2025-11-25T00:00"), t);
    CU_ASSERT_EQUAL(date_parse_local_minute("2025-11-25T24:00"), 0);
    CU_ASSERT_EQUAL(date_parse_local_minute("2025-11-25"), 0);
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    free(saved);
    tzset();
}

SUITE(dates, NULL, NULL);
