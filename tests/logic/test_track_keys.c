/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a citizen has in hand, typed (issue 15 item 15): the reference
 * with or without its hyphen or kiosk prefix, the S10 number with spaces. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "ids.h"
#include "unit.h"

TEST(track_keys, unhyphenated, "15: a reference without its hyphen or prefix")
{
    char out[IDS_KEY_MAX];
    CU_ASSERT_EQUAL(ids_parse_key("LS01000042", "LS01", out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "LS01-000042");
    CU_ASSERT_EQUAL(ids_parse_key("ls01 000042", "LS01", out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "LS01-000042");
    /* another kiosk's: the last 6 digits are the sequence */
    CU_ASSERT_EQUAL(ids_parse_key("HN02001234", "LS01", out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "HN02-001234");
    CU_ASSERT_EQUAL(ids_parse_key("LS02000042", NULL, out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "LS02-000042");
    /* this kiosk's code first, even when it ends in digits */
    CU_ASSERT_EQUAL(ids_parse_key("LS011000042", "LS011", out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "LS011-000042");
    /* the prefix alone is the kiosk's (digits), the S10 with spaces */
    CU_ASSERT_EQUAL(ids_parse_key("000042", "LS01", out, sizeof out), IDS_KEY_REF);
    CU_ASSERT_STRING_EQUAL(out, "LS01-000042");
    CU_ASSERT_EQUAL(ids_parse_key("ee 471 108 151 fr", NULL, out, sizeof out), IDS_KEY_S10);
    /* not references: a phone or ID number, a sequence 0, too short */
    CU_ASSERT_EQUAL(ids_parse_key("0912345678", NULL, out, sizeof out), IDS_KEY_BAD);
    CU_ASSERT_EQUAL(ids_parse_key("LS01000000", NULL, out, sizeof out), IDS_KEY_BAD);
    CU_ASSERT_EQUAL(ids_parse_key("LS0142", NULL, out, sizeof out), IDS_KEY_BAD);
    CU_ASSERT_EQUAL(ids_parse_key("L000042", NULL, out, sizeof out), IDS_KEY_BAD);
    CU_ASSERT_EQUAL(ids_parse_key("LS01-42", NULL, out, sizeof out), IDS_KEY_BAD);
    /* this kiosk's code and a digit short: a typo, not LS0-100653 of
     * another kiosk (found by fuzz_lookup) */
    CU_ASSERT_EQUAL(ids_parse_key("LS01 00653", "LS01", out, sizeof out), IDS_KEY_BAD);
}

SUITE(track_keys, NULL, NULL);
