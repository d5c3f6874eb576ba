/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "util.h"

TEST(util, copy_fits, "str_copy fits")
{
    char b[8];
    CU_ASSERT_TRUE(str_copy(b, sizeof b, "abc"));
    CU_ASSERT_STRING_EQUAL(b, "abc");
}

TEST(util, copy_never_splits_utf8, "str_copy never splits UTF-8")
{
    char b[6];
    /* "aaaaê": ê is 2 bytes at offsets 4-5; only 5 bytes fit */
    CU_ASSERT_FALSE(str_copy(b, sizeof b, "aaaa\xc3\xaa"));
    CU_ASSERT_STRING_EQUAL(b, "aaaa");
}

TEST(util, sbuf_grows, "sbuf grows")
{
    sbuf b = {0};
    for (int i = 0; i < 1000; i++)
        sbuf_addf(&b, "%d,", i);
    CU_ASSERT_EQUAL(strncmp(b.data, "0,1,2,", 6), 0);
    CU_ASSERT_EQUAL(b.len, strlen(b.data));
    sbuf_free(&b);
    CU_ASSERT_PTR_NULL(b.data);
}

TEST(util, sbuf_i64_like_printf, "sbuf_add_i64 writes what printf writes")
{
    static const int64_t v[] = {0, 1, -1, 9, 10, -10, 99, 100, 1772452800, -1772452800,
                                INT64_MAX, INT64_MIN, INT64_MIN + 1, 4294967296LL};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        sbuf b = {0};
        sbuf_add(&b, "x");
        sbuf_add_i64(&b, v[i]);
        char want[32];
        snprintf(want, sizeof want, "x%" PRId64, v[i]);
        CU_ASSERT_STRING_EQUAL(b.data, want);
        CU_ASSERT_EQUAL(b.len, strlen(want));
        sbuf_free(&b);
    }
}

SUITE(util, NULL, NULL);
