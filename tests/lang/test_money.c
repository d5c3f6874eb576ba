/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One money format by language (money.h): the walk-through saw "24.000 đ"
 * on English screens and "24,000 VND" on the English receipt. */
#include <CUnit/CUnit.h>
#include <stdint.h>
#include <stdio.h>

#include "i18n.h"
#include "money.h"
#include "unit.h"

TEST(money, by_language, "English 24,000 VND; Vietnamese and the languages of Vietnam 24.000 đ")
{
    char b[48];
    money_format(24000, "en", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "24,000 VND");
    money_format(24000, "vi", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "24.000 đ");
    money_format(1234567, "en", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "1,234,567 VND");
    money_format(1234567, "vi", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "1.234.567 đ");
    money_format(2500, "tay", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "2.500 đ");
    money_format(0, "vi", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "0 đ");
    money_format(100, "en", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "100 VND");
    money_format(-1500, "vi", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "-1.500 đ");
    money_format(INT64_MIN, "en", b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "-9,223,372,036,854,775,808 VND");
    /* too small a buffer: cut, still a string */
    char s[6];
    money_format(24000, "en", s, sizeof s);
    CU_ASSERT_STRING_EQUAL(s, "24,00");
}

TEST(money, current_language, "no language given: the one in use, as the screens show it")
{
    char b[48], was[8];
    snprintf(was, sizeof was, "%s", i18n_lang());
    CU_ASSERT_FATAL(i18n_set_lang("en"));
    money_format(48000, NULL, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "48,000 VND");
    if (i18n_set_lang("vi")) {   /* "vi" needs its catalog bound */
        money_format(48000, NULL, b, sizeof b);
        CU_ASSERT_STRING_EQUAL(b, "48.000 đ");
    }
    i18n_set_lang(was);
}

SUITE(money, NULL, NULL);
