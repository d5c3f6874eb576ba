/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <string.h>

#include "ids.h"
#include "model.h"
#include "unit.h"

TEST(ids, ref_make, "reference is kiosk-seq")
{
    char b[PK_REF_MAX];
    CU_ASSERT_TRUE(ids_reference("LS01", 42, b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "LS01-000042");
    CU_ASSERT_TRUE(ids_reference_valid(b));
    CU_ASSERT_TRUE(ids_reference("K2", 1234567, b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "K2-1234567");
    CU_ASSERT_TRUE(ids_reference_valid(b));
}

TEST(ids, ref_refuses, "reference refuses bad input")
{
    char b[PK_REF_MAX];
    CU_ASSERT_FALSE(ids_reference("ls01", 1, b, sizeof b));   /* lower case */
    CU_ASSERT_STRING_EQUAL(b, "");
    CU_ASSERT_FALSE(ids_reference("L", 1, b, sizeof b));      /* too short */
    CU_ASSERT_FALSE(ids_reference("LANGSON01", 1, b, sizeof b)); /* 9 chars */
    CU_ASSERT_FALSE(ids_reference("LS-1", 1, b, sizeof b));   /* dash */
    CU_ASSERT_FALSE(ids_reference("LS1", 0, b, sizeof b));    /* seq < 1 */
    CU_ASSERT_FALSE(ids_reference("LS1", -5, b, sizeof b));
    CU_ASSERT_FALSE(ids_reference(NULL, 1, b, sizeof b));
    char small[8];
    CU_ASSERT_FALSE(ids_reference("LS01", 1, small, sizeof small));
    /* a huge sequence does not fit PK_REF_MAX */
    CU_ASSERT_FALSE(ids_reference("LANGSON1", INT64_MAX, b, sizeof b));
    CU_ASSERT_FALSE(ids_reference("LS01", 1, b, 0));
}

TEST(ids, ref_valid, "reference validation")
{
    CU_ASSERT_TRUE(ids_reference_valid("AB-000001"));
    CU_ASSERT_FALSE(ids_reference_valid("AB-00001"));     /* < 6 digits */
    CU_ASSERT_FALSE(ids_reference_valid("AB-000000"));    /* zero */
    CU_ASSERT_FALSE(ids_reference_valid("ab-000001"));
    CU_ASSERT_FALSE(ids_reference_valid("AB000001"));
    CU_ASSERT_FALSE(ids_reference_valid("AB-00000A"));
    CU_ASSERT_FALSE(ids_reference_valid("AB-000001 "));
    CU_ASSERT_FALSE(ids_reference_valid("A-000001"));
    CU_ASSERT_FALSE(ids_reference_valid(""));
    CU_ASSERT_FALSE(ids_reference_valid(NULL));
    CU_ASSERT_FALSE(ids_reference_valid("AB-1234567890123456789012"));
    /* two kiosks never collide: the kiosk code is part of the reference */
    char a[PK_REF_MAX], b[PK_REF_MAX];
    ids_reference("LS01", 7, a, sizeof a);
    ids_reference("LS02", 7, b, sizeof b);
    CU_ASSERT_STRING_NOT_EQUAL(a, b);
}

TEST(ids, s10_examples, "S10 examples from DOMAIN.md")
{
    CU_ASSERT_EQUAL(ids_s10_check_digit(47110815), 1);
    CU_ASSERT_EQUAL(ids_s10_check_digit(47312482), 9);
    CU_ASSERT_TRUE(ids_s10_valid("EE471108151FR"));
    CU_ASSERT_TRUE(ids_s10_valid("RR473124829GB"));
    char b[PK_S10_MAX];
    CU_ASSERT_TRUE(ids_s10_make("EE", 47110815, "FR", b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "EE471108151FR");
    CU_ASSERT_TRUE(ids_s10_make("RR", 47312482, "GB", b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "RR473124829GB");
}

TEST(ids, s10_special_digits, "S10 check digits 10->0 and 11->5")
{
    /* sum % 11 == 1 -> c = 10 -> 0; sum % 11 == 0 -> c = 11 -> 5 */
    /* 00000001: sum 7 -> c = 4 */
    CU_ASSERT_EQUAL(ids_s10_check_digit(1), 4);
    /* 00000000: sum 0 -> c = 11 -> 5 */
    CU_ASSERT_EQUAL(ids_s10_check_digit(0), 5);
    /* 10000000: sum 8 -> 3;  00000100: 5 -> 6; 00000010: 9 -> 2 */
    CU_ASSERT_EQUAL(ids_s10_check_digit(10000000), 3);
    /* 00001000 (weight 3) + 00000100 (weight 5) ... find sum%11==1:
     * 00000012: 9 + 14 = 23 -> 23 % 11 = 1 -> c = 10 -> 0 */
    CU_ASSERT_EQUAL(ids_s10_check_digit(12), 0);
    CU_ASSERT_EQUAL(ids_s10_check_digit(100000000u), -1);
    char b[PK_S10_MAX];
    CU_ASSERT_TRUE(ids_s10_make("RA", 12, "VN", b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "RA000000120VN");
    CU_ASSERT_TRUE(ids_s10_valid(b));
    CU_ASSERT_TRUE(ids_s10_make("RA", 0, "VN", b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "RA000000005VN");
}

TEST(ids, s10_refuses, "S10 refuses bad prefixes and numbers")
{
    char b[PK_S10_MAX];
    CU_ASSERT_FALSE(ids_s10_make("JA", 1, "VN", b, sizeof b));  /* reserved */
    CU_ASSERT_FALSE(ids_s10_make("KA", 1, "VN", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("SA", 1, "VN", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("TA", 1, "VN", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("WA", 1, "VN", b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "");
    CU_ASSERT_FALSE(ids_s10_make("ra", 1, "VN", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("R", 1, "VN", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("RAA", 1, "VN", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("R1", 1, "VN", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("RA", 1, "vn", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("RA", 1, "V", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make("RA", 100000000u, "VN", b, sizeof b));
    CU_ASSERT_FALSE(ids_s10_make(NULL, 1, "VN", b, sizeof b));
    char small[13];
    CU_ASSERT_FALSE(ids_s10_make("RA", 1, "VN", small, sizeof small));

    CU_ASSERT_FALSE(ids_s10_valid("EE471108152FR"));  /* wrong check digit */
    CU_ASSERT_FALSE(ids_s10_valid("EE47110815FR"));   /* too short */
    CU_ASSERT_FALSE(ids_s10_valid("EE4711081511FR"));
    CU_ASSERT_FALSE(ids_s10_valid("ee471108151FR"));
    CU_ASSERT_FALSE(ids_s10_valid("EE471108151fr"));
    CU_ASSERT_FALSE(ids_s10_valid("EE47110X151FR"));
    CU_ASSERT_FALSE(ids_s10_valid("JE471108151FR"));  /* reserved letter */
    CU_ASSERT_FALSE(ids_s10_valid(""));
    CU_ASSERT_FALSE(ids_s10_valid(NULL));
}

/* One parser for every lookup: any case, spaces dropped, a kind. */
TEST(ids, parse_key, "typed or scanned text: one parser")
{
    char out[IDS_KEY_MAX];
    CU_ASSERT_EQUAL(ids_parse_key(" ls01-000042 ", NULL, out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "LS01-000042");
    CU_ASSERT_EQUAL(ids_parse_key("ee 471108151 fr", NULL, out, sizeof out), IDS_KEY_S10);
    CU_ASSERT_STRING_EQUAL(out, "EE471108151FR");
    CU_ASSERT_EQUAL(ids_parse_key("vnk1.ls01-000042.1.abc", NULL, out, sizeof out), IDS_KEY_QR);
    CU_ASSERT_STRING_EQUAL(out, "VNK1.LS01-000042.1.ABC");
    CU_ASSERT_EQUAL(ids_parse_key("https://x.vn/t?q=vnk1.a", NULL, out, sizeof out), IDS_KEY_QR);
    CU_ASSERT_EQUAL(ids_parse_key("  \t", NULL, out, sizeof out), IDS_KEY_NONE);
    CU_ASSERT_EQUAL(ids_parse_key(NULL, NULL, out, sizeof out), IDS_KEY_NONE);
    CU_ASSERT_EQUAL(ids_parse_key("0912345678", NULL, out, sizeof out), IDS_KEY_BAD);
    CU_ASSERT_EQUAL(ids_parse_key("LS01-42", NULL, out, sizeof out), IDS_KEY_BAD);
    CU_ASSERT_EQUAL(ids_parse_key("EE471108152FR", NULL, out, sizeof out), IDS_KEY_BAD);
    /* a numeric keypad: digits alone are this kiosk's number */
    CU_ASSERT_EQUAL(ids_parse_key("42", "LS01", out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "LS01-000042");
    CU_ASSERT_EQUAL(ids_parse_key("0000042", "LS01", out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "LS01-000042");
    CU_ASSERT_EQUAL(ids_parse_key("0", "LS01", out, sizeof out), IDS_KEY_BAD);
    CU_ASSERT_EQUAL(ids_parse_key("0912345678", "LS01", out, sizeof out), IDS_KEY_BAD);
    CU_ASSERT_EQUAL(ids_parse_key("42", NULL, out, sizeof out), IDS_KEY_BAD);
    /* too long for out: refused, nothing half-copied */
    char small[8];
    CU_ASSERT_EQUAL(ids_parse_key("LS01-000042", NULL, small, sizeof small), IDS_KEY_BAD);
    CU_ASSERT_STRING_EQUAL(small, "");
}

SUITE(ids, NULL, NULL);
