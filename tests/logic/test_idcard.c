/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The citizen ID card's QR code (issue 15: fewer keys): a good card is
 * read field by field; anything else fills nothing. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "idcard.h"
#include "unit.h"
#include "util.h"

enum { TODAY = 20261206 };

#define GOOD "020085001234|123456789|Nguy\xe1\xbb\x85n V\xc4\x83n An|15031985|Nam|" \
             "S\xe1\xbb\x91 12, Tr\xe1\xba\xa7n \xc4\x90\xc4\x83ng Ninh, Ph\xc6\xb0\xe1\xbb\x9dng " \
             "\xc4\x90\xc3\xb4ng Kinh, L\xe1\xba\xa1ng S\xc6\xa1n|10052021"

static idcard_status parse(const char *s, idcard *c)
{
    return idcard_parse(s, strlen(s), TODAY, c);
}

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

TEST(idcard, good, "a good card: every field read")
{
    idcard c;
    CU_ASSERT_EQUAL_FATAL(parse(GOOD, &c), IDCARD_OK);
    CU_ASSERT_STRING_EQUAL(c.id, "020085001234");
    CU_ASSERT_STRING_EQUAL(c.old_id, "123456789");
    CU_ASSERT_STRING_EQUAL(c.name, "Nguy\xe1\xbb\x85n V\xc4\x83n An");
    CU_ASSERT_STRING_EQUAL(c.birth, "1985-03-15");
    CU_ASSERT_STRING_EQUAL(c.issued, "2021-05-10");
    CU_ASSERT_FALSE(c.female);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.address, "Ph\xc6\xb0\xe1\xbb\x9dng"));
    /* no old ID, a woman born 1990, a decomposed (NFD) name comes out NFC */
    const char *nu = "020190001235||Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 B\xc3\xacnh|29021992|N\xe1\xbb\xaf|"
                     "Th\xc3\xb4n N\xc3\xa0 L\xc3\xa0ng, X\xc3\xa3 H\xe1\xbb\xa3p Th\xc3\xa0nh|01072022";
    /* 29/02/1992 is real, and the ID's year digits say 1990: refused */
    CU_ASSERT_EQUAL(parse(nu, &c), IDCARD_BAD);
    const char *nu2 = "020190001235||Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 B\xc3\xacnh|29021990|N\xe1\xbb\xaf|"
                      "Th\xc3\xb4n N\xc3\xa0 L\xc3\xa0ng, X\xc3\xa3 H\xe1\xbb\xa3p Th\xc3\xa0nh|01072022";
    /* 1990 is no leap year */
    CU_ASSERT_EQUAL(parse(nu2, &c), IDCARD_BAD);
    const char *nu3 = "020190001235||Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 B\xc3\xacnh|28021990|N\xe1\xbb\xaf|"
                      "Th\xc3\xb4n N\xc3\xa0 L\xc3\xa0ng, X\xc3\xa3 H\xe1\xbb\xa3p Th\xc3\xa0nh|01072022";
    CU_ASSERT_EQUAL_FATAL(parse(nu3, &c), IDCARD_OK);
    CU_ASSERT_STRING_EQUAL(c.old_id, "");
    CU_ASSERT_TRUE(c.female);
    CU_ASSERT_STRING_EQUAL(c.name, "Tr\xe1\xba\xa7n Th\xe1\xbb\x8b B\xc3\xacnh");
    CU_ASSERT_STRING_EQUAL(c.birth, "1990-02-28");
}

TEST(idcard, foreign, "a code that is no card: foreign, nothing filled")
{
    idcard c;
    memset(&c, 0x55, sizeof c);
    CU_ASSERT_EQUAL(parse("VNK1.LS01-000001.1767225600.AAAA", &c), IDCARD_FOREIGN);
    CU_ASSERT_TRUE(all_zero(&c, sizeof c));
    CU_ASSERT_EQUAL(parse("https://example.org/x", &c), IDCARD_FOREIGN);
    CU_ASSERT_EQUAL(parse("", &c), IDCARD_FOREIGN);
    CU_ASSERT_EQUAL(idcard_parse(NULL, 0, TODAY, &c), IDCARD_FOREIGN);
    CU_ASSERT_FALSE(idcard_like("VNK1.LS01-000001"));
    CU_ASSERT_TRUE(idcard_like(GOOD));
    CU_ASSERT_STRING_NOT_EQUAL(idcard_msg(IDCARD_FOREIGN), idcard_msg(IDCARD_BAD));
}

/* GOOD with field i replaced by v. */
static idcard_status with_field(int i, const char *v)
{
    char buf[600], out[700] = "";
    str_copy(buf, sizeof buf, GOOD);
    char *f = buf;
    size_t used = 0;
    for (int k = 0; k < 7; k++) {
        char *bar = strchr(f, '|');
        if (bar)
            *bar = '\0';
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", k ? "|" : "",
                                 k == i ? v : f);
        f = bar ? bar + 1 : f + strlen(f);
    }
    idcard c;
    memset(&c, 0x55, sizeof c);
    idcard_status st = parse(out, &c);
    if (st != IDCARD_OK)
        CU_ASSERT_TRUE(all_zero(&c, sizeof c));
    return st;
}

TEST(idcard, malformed, "malformed codes: refused whole, nothing filled")
{
    idcard c;
    memset(&c, 0x55, sizeof c);
    /* field count */
    CU_ASSERT_EQUAL(parse("020085001234|123456789|Nguyen Van An|15031985|Nam|X", &c), IDCARD_BAD);
    CU_ASSERT_TRUE(all_zero(&c, sizeof c));
    CU_ASSERT_EQUAL(parse(GOOD "|", &c), IDCARD_BAD);
    CU_ASSERT_EQUAL(parse(GOOD "|extra", &c), IDCARD_BAD);
    CU_ASSERT_EQUAL(parse("||||||", &c), IDCARD_BAD);
    /* the ID: length, digits, province, century and year agreeing */
    CU_ASSERT_EQUAL(with_field(0, "02008500123"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(0, "0200850012345"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(0, "02008500123A"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(0, "999085001234"), IDCARD_BAD);     /* no such province */
    CU_ASSERT_EQUAL(with_field(0, "020086001234"), IDCARD_BAD);     /* born 1986? */
    CU_ASSERT_EQUAL(with_field(0, "020185001234"), IDCARD_BAD);     /* a woman's digit */
    CU_ASSERT_EQUAL(with_field(0, "020285001234"), IDCARD_BAD);     /* 2085 */
    CU_ASSERT_EQUAL(with_field(0, " 020085001234"), IDCARD_BAD);
    /* the old ID */
    CU_ASSERT_EQUAL(with_field(1, "12345678"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(1, "12345678X"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(1, ""), IDCARD_OK);
    /* the name */
    CU_ASSERT_EQUAL(with_field(2, ""), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(2, "   "), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(2, "Nguyen Van 4n"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(2, "Nguyen\x01Van"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(2, "Nguyen\tVan"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(2, "Nguyen\xc2\x85Van"), IDCARD_BAD);   /* C1 NEL */
    CU_ASSERT_EQUAL(with_field(2, "Nguy\xff" "en"), IDCARD_BAD);       /* not UTF-8 */
    CU_ASSERT_EQUAL(with_field(2, "Nguy\xe1\xbb" "en"), IDCARD_BAD);   /* cut letter */
    char longname[200];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    CU_ASSERT_EQUAL(with_field(2, longname), IDCARD_BAD);
    /* the dates */
    CU_ASSERT_EQUAL(with_field(3, "31021985"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(3, "00031985"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(3, "15131985"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(3, "1503198"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(3, "15-03-85"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(3, "1985-03-15"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(6, "07122026"), IDCARD_BAD);          /* after today */
    CU_ASSERT_EQUAL(with_field(6, "06122026"), IDCARD_OK);           /* today */
    CU_ASSERT_EQUAL(with_field(6, "14031985"), IDCARD_BAD);          /* before the birth */
    CU_ASSERT_EQUAL(with_field(6, ""), IDCARD_BAD);
    /* the sex */
    CU_ASSERT_EQUAL(with_field(4, "Male"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(4, "nam"), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(4, ""), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(4, "N\xe1\xbb\xaf"), IDCARD_BAD);     /* Nữ, but a man's ID */
    /* the address */
    CU_ASSERT_EQUAL(with_field(5, ""), IDCARD_BAD);
    CU_ASSERT_EQUAL(with_field(5, "Th\xc3\xb4n A\nX\xc3\xa3 B"), IDCARD_BAD);
    /* an embedded NUL, and a code longer than any card */
    char nul[sizeof GOOD];
    memcpy(nul, GOOD, sizeof GOOD);
    nul[30] = '\0';
    CU_ASSERT_EQUAL(idcard_parse(nul, sizeof GOOD - 1, TODAY, &c), IDCARD_BAD);
    char big[IDCARD_PAYLOAD_MAX + 40];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, GOOD, sizeof GOOD - 1);
    CU_ASSERT_EQUAL(parse(big, &c), IDCARD_BAD);
}

TEST(idcard, address, "the address: street, commune or ward, province")
{
    idcard_address a;
    CU_ASSERT_TRUE_FATAL(idcard_split_address(
        "S\xe1\xbb\x91 12, Tr\xe1\xba\xa7n \xc4\x90\xc4\x83ng Ninh, Ph\xc6\xb0\xe1\xbb\x9dng "
        "\xc4\x90\xc3\xb4ng Kinh, L\xe1\xba\xa1ng S\xc6\xa1n", &a));
    CU_ASSERT_STRING_EQUAL(a.street, "S\xe1\xbb\x91 12, Tr\xe1\xba\xa7n \xc4\x90\xc4\x83ng Ninh");
    CU_ASSERT_STRING_EQUAL(a.unit_type, "ph\xc6\xb0\xe1\xbb\x9dng");
    CU_ASSERT_STRING_EQUAL(a.unit_name, "\xc4\x90\xc3\xb4ng Kinh");
    CU_ASSERT_STRING_EQUAL(a.province, "L\xe1\xba\xa1ng S\xc6\xa1n");
    /* an old address: the district after the commune is not the commune */
    CU_ASSERT_TRUE_FATAL(idcard_split_address(
        "Th\xc3\xb4n N\xc3\xa0 L\xc3\xa0ng, X\xc3\xa3 H\xe1\xbb\xa3p Th\xc3\xa0nh, Huy\xe1\xbb\x87n "
        "Cao L\xe1\xbb\x99" "c, T\xe1\xbb\x89nh L\xe1\xba\xa1ng S\xc6\xa1n", &a));
    CU_ASSERT_STRING_EQUAL(a.street, "Th\xc3\xb4n N\xc3\xa0 L\xc3\xa0ng");
    CU_ASSERT_STRING_EQUAL(a.unit_type, "x\xc3\xa3");
    CU_ASSERT_STRING_EQUAL(a.unit_name, "H\xe1\xbb\xa3p Th\xc3\xa0nh");
    CU_ASSERT_STRING_EQUAL(a.province, "L\xe1\xba\xa1ng S\xc6\xa1n");
    /* abbreviations; a room "P. 305" is no ward */
    CU_ASSERT_TRUE_FATAL(idcard_split_address(
        "P. 305, T\xe1\xbb\x95 5, TT.\xc4\x90\xe1\xbb\x93ng \xc4\x90\xc4\x83ng, Cao L\xe1\xbb\x99" "c", &a));
    CU_ASSERT_STRING_EQUAL(a.street, "P. 305, T\xe1\xbb\x95 5");
    CU_ASSERT_STRING_EQUAL(a.unit_type, "th\xe1\xbb\x8b tr\xe1\xba\xa5n");
    CU_ASSERT_STRING_EQUAL(a.unit_name, "\xc4\x90\xe1\xbb\x93ng \xc4\x90\xc4\x83ng");
    /* no commune named: the first part is the street, nothing more */
    CU_ASSERT_TRUE_FATAL(idcard_split_address("12 Kim \xc4\x90\xe1\xbb\x93ng, H\xc3\xa0 N\xe1\xbb\x99i", &a));
    CU_ASSERT_STRING_EQUAL(a.street, "12 Kim \xc4\x90\xe1\xbb\x93ng");
    CU_ASSERT_STRING_EQUAL(a.unit_name, "");
    CU_ASSERT_STRING_EQUAL(a.province, "H\xc3\xa0 N\xe1\xbb\x99i");
    /* a numbered ward; "Phường" alone is no unit */
    CU_ASSERT_TRUE_FATAL(idcard_split_address("45 Nguy\xe1\xbb\x85n Tr\xc3\xa3i, Ph\xc6\xb0\xe1\xbb\x9dng 12, Qu\xe1\xba\xadn 5, TP H\xe1\xbb\x93 Ch\xc3\xad Minh", &a));
    CU_ASSERT_STRING_EQUAL(a.unit_name, "12");
    CU_ASSERT_STRING_EQUAL(a.province, "H\xe1\xbb\x93 Ch\xc3\xad Minh");
    CU_ASSERT_TRUE_FATAL(idcard_split_address("Ph\xc6\xb0\xe1\xbb\x9dng, X", &a));
    CU_ASSERT_STRING_EQUAL(a.unit_name, "");
    /* a street part too long for the dossier */
    char lng[IDCARD_ADDRESS_MAX];
    memset(lng, 'a', sizeof lng - 1);
    lng[sizeof lng - 1] = '\0';
    CU_ASSERT_FALSE(idcard_split_address(lng, &a));
    CU_ASSERT_STRING_EQUAL(a.street, "");
}

SUITE(idcard, NULL, NULL);
