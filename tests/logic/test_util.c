#include <CUnit/CUnit.h>
#include <string.h>

#include "util.h"

static void copy_fits(void)
{
    char b[8];
    CU_ASSERT_TRUE(str_copy(b, sizeof b, "abc"));
    CU_ASSERT_STRING_EQUAL(b, "abc");
}

static void copy_never_splits_utf8(void)
{
    char b[6];
    /* "aaaaê": ê is 2 bytes at offsets 4-5; only 5 bytes fit */
    CU_ASSERT_FALSE(str_copy(b, sizeof b, "aaaa\xc3\xaa"));
    CU_ASSERT_STRING_EQUAL(b, "aaaa");
}

static void sbuf_grows(void)
{
    sbuf b = {0};
    for (int i = 0; i < 1000; i++)
        sbuf_addf(&b, "%d,", i);
    CU_ASSERT_EQUAL(strncmp(b.data, "0,1,2,", 6), 0);
    CU_ASSERT_EQUAL(b.len, strlen(b.data));
    sbuf_free(&b);
    CU_ASSERT_PTR_NULL(b.data);
}

void suite_util(void)
{
    CU_pSuite s = CU_add_suite("util", NULL, NULL);
    CU_add_test(s, "str_copy fits", copy_fits);
    CU_add_test(s, "str_copy never splits UTF-8", copy_never_splits_utf8);
    CU_add_test(s, "sbuf grows", sbuf_grows);
}
