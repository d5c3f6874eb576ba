/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "unit.h"
#include "util.h"

static void make_chain(audit_row *rows, int n)
{
    const unsigned char *prev = NULL;
    for (int i = 0; i < n; i++) {
        audit_row *r = &rows[i];
        memset(r, 0, sizeof *r);
        r->seq = i + 1;
        r->at = 1767225600 + i;
        snprintf(r->actor, sizeof r->actor, "nv%02d", i % 3);
        snprintf(r->action, sizeof r->action, "%s", i % 2 ? "lookup" : "login");
        snprintf(r->object, sizeof r->object, "LS01-%06d", i);
        snprintf(r->detail, sizeof r->detail, "n=%d", i);
        if (prev)
            memcpy(r->prev_hash, prev, AUDIT_HASH_BYTES);
        audit_link(prev, r->seq, r->at, r->actor, r->action, r->object, r->detail, r->hash);
        prev = r->hash;
    }
}

static int walk(const audit_row *rows, int n, audit_verifier *v)
{
    audit_verify_init(v, NULL);
    for (int i = 0; i < n; i++)
        if (!audit_verify_step(v, &rows[i]))
            return 0;
    return 1;
}

#define EVENT_GOLDEN "f2d73c2ecbf5f3fbb281ed6926b25701c5612cf1678252c0bf6e596b8850a244"

TEST(audit, intact_chain, "intact chain verifies")
{
    audit_row rows[6];
    audit_verifier v;
    make_chain(rows, 6);
    CU_ASSERT_TRUE(walk(rows, 6, &v));
    CU_ASSERT_EQUAL(v.count, 6);
    CU_ASSERT_EQUAL(v.fault, AUDIT_OK);
    CU_ASSERT_EQUAL(memcmp(v.prev, rows[5].hash, AUDIT_HASH_BYTES), 0);
}

TEST(audit, edited_row, "edited row caught")
{
    audit_row rows[6];
    audit_verifier v;
    make_chain(rows, 6);
    rows[3].detail[2] = '9';
    CU_ASSERT_FALSE(walk(rows, 6, &v));
    CU_ASSERT_EQUAL(v.fault, AUDIT_HASH);
    CU_ASSERT_EQUAL(v.bad_seq, 4);
    /* editing the time alone is caught as well */
    make_chain(rows, 6);
    rows[1].at++;
    CU_ASSERT_FALSE(walk(rows, 6, &v));
    CU_ASSERT_EQUAL(v.bad_seq, 2);
}

TEST(audit, recomputed_row, "recomputed row caught")
{
    /* an attacker who edits a row and recomputes its hash breaks the next link */
    audit_row rows[6];
    audit_verifier v;
    make_chain(rows, 6);
    strcpy(rows[2].actor, "mallory");
    audit_link(rows[2].prev_hash, rows[2].seq, rows[2].at, rows[2].actor, rows[2].action,
               rows[2].object, rows[2].detail, rows[2].hash);
    CU_ASSERT_FALSE(walk(rows, 6, &v));
    CU_ASSERT_EQUAL(v.fault, AUDIT_PREV);
    CU_ASSERT_EQUAL(v.bad_seq, 4);
}

TEST(audit, deleted_row, "deleted row caught")
{
    audit_row rows[6];
    audit_verifier v;
    make_chain(rows, 6);
    memmove(&rows[2], &rows[3], 3 * sizeof rows[0]);
    CU_ASSERT_FALSE(walk(rows, 5, &v));
    CU_ASSERT_EQUAL(v.fault, AUDIT_GAP);
    CU_ASSERT_EQUAL(v.bad_seq, 3);
    /* the first row gone */
    make_chain(rows, 6);
    CU_ASSERT_FALSE(walk(rows + 1, 5, &v));
    CU_ASSERT_EQUAL(v.bad_seq, 1);
    /* stays failed */
    CU_ASSERT_FALSE(audit_verify_step(&v, &rows[0]));
}

TEST(audit, canonical_unambiguous, "canonical form unambiguous")
{
    /* moving a character between fields changes the canonical form */
    sbuf a = {0}, b = {0};
    audit_canonical(1, 2, "ab", "c", "", "", &a);
    audit_canonical(1, 2, "a", "bc", "", "", &b);
    CU_ASSERT_STRING_NOT_EQUAL(a.data, b.data);
    sbuf_free(&a);
    sbuf_free(&b);
    char h1[AUDIT_HEX_MAX], h2[AUDIT_HEX_MAX];
    audit_event_digest(1, "LS01-000001", 5, "nv01", "registered", "accepted", "", h1);
    audit_event_digest(1, "LS01-000001", 5, "nv01", "registered", "accepted", " ", h2);
    CU_ASSERT_EQUAL(strlen(h1), 64);
    CU_ASSERT_STRING_NOT_EQUAL(h1, h2);
    audit_event_digest(1, "LS01-000001", 5, "nv01", "registered", "accepted", "", h2);
    CU_ASSERT_STRING_EQUAL(h1, h2);
}

TEST(audit, known_vector, "canonical format fixed")
{
    /* SHA-256 of 32 zero bytes || canonical form, fixed so that a silent
     * change of the format (which would break every stored chain) fails */
    unsigned char h[AUDIT_HASH_BYTES];
    char hex[AUDIT_HEX_MAX];
    audit_link(NULL, 1, 0, "a", "b", "c", "d", h);
    audit_hex(h, sizeof h, hex, sizeof hex);
    sbuf c = {0};
    audit_canonical(1, 0, "a", "b", "c", "d", &c);
    CU_ASSERT_STRING_EQUAL(c.data, "pk-audit-1\n1\n0\n1:a\n1:b\n1:c\n1:d\n");
    sbuf_free(&c);
    CU_ASSERT_STRING_EQUAL(hex, "e70503aebfbe17c7177171ee88b92820b7974a34520d4c87018170c5cd807d06");
}

TEST(audit, known_vector_numbers, "canonical and event forms fixed for any number")
{
    /* the numbers are written without printf since issue 18: the bytes of
     * the chain links and event digests must stay what they were */
    sbuf c = {0};
    audit_canonical(INT64_MAX, INT64_MIN, "", "đ", "-0", "x", &c);
    CU_ASSERT_STRING_EQUAL(c.data, "pk-audit-1\n9223372036854775807\n-9223372036854775808\n"
                                   "0:\n2:đ\n2:-0\n1:x\n");
    sbuf_free(&c);
    char hex[AUDIT_HEX_MAX];
    audit_event_digest(1234567, "LS01-0001234", -5, "nv01", "", "registered", "ghi chú", hex);
    CU_ASSERT_STRING_EQUAL(hex, EVENT_GOLDEN);
}

TEST(audit, keyed_chain, "keyed chain needs its key")
{
    /* keyed rows verify only with their key; an unkeyed row after a keyed
     * one is a rewrite */
    unsigned char key[AUDIT_KEY_BYTES], other[AUDIT_KEY_BYTES];
    for (int i = 0; i < AUDIT_KEY_BYTES; i++) {
        key[i] = (unsigned char)i;
        other[i] = (unsigned char)(i + 1);
    }
    audit_row rows[4];
    make_chain(rows, 4);
    for (int i = 2; i < 4; i++) {
        rows[i].keyed = true;
        memcpy(rows[i].prev_hash, rows[i - 1].hash, AUDIT_HASH_BYTES);
        audit_link_keyed(key, rows[i].prev_hash, rows[i].seq, rows[i].at, rows[i].actor,
                         rows[i].action, rows[i].object, rows[i].detail, rows[i].hash);
    }
    audit_verifier v;
    audit_verify_init(&v, key);
    for (int i = 0; i < 4; i++)
        CU_ASSERT_TRUE(audit_verify_step(&v, &rows[i]));
    CU_ASSERT_TRUE(v.keyed_seen);
    audit_verify_init(&v, other);
    CU_ASSERT_TRUE(audit_verify_step(&v, &rows[0]));
    CU_ASSERT_TRUE(audit_verify_step(&v, &rows[1]));
    CU_ASSERT_FALSE(audit_verify_step(&v, &rows[2]));
    CU_ASSERT_EQUAL(v.fault, AUDIT_HASH);
    audit_verify_init(&v, NULL);
    CU_ASSERT_TRUE(audit_verify_step(&v, &rows[0]));
    CU_ASSERT_TRUE(audit_verify_step(&v, &rows[1]));
    CU_ASSERT_FALSE(audit_verify_step(&v, &rows[2]));
    /* row 4 re-linked with plain SHA-256 and marked unkeyed */
    rows[3].keyed = false;
    audit_link(rows[3].prev_hash, rows[3].seq, rows[3].at, rows[3].actor, rows[3].action,
               rows[3].object, rows[3].detail, rows[3].hash);
    audit_verify_init(&v, key);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_TRUE(audit_verify_step(&v, &rows[i]));
    CU_ASSERT_FALSE(audit_verify_step(&v, &rows[3]));
    CU_ASSERT_EQUAL(v.fault, AUDIT_UNKEYED);
    CU_ASSERT_EQUAL(v.bad_seq, 4);
}

TEST(audit, anchor_code, "anchor short code")
{
    unsigned char mac[AUDIT_HASH_BYTES];
    for (int i = 0; i < AUDIT_HASH_BYTES; i++)
        mac[i] = (unsigned char)(0x9f - 3 * i);
    char code[AUDIT_ANCHOR_MAX];
    audit_anchor_code(1234, mac, code);
    CU_ASSERT_EQUAL(strlen(code), strlen("1234-9F9C-9996-9390-8D8A-X"));
    CU_ASSERT_EQUAL(strncmp(code, "1234-9F9C-9996-9390-8D8A-", 25), 0);
    audit_anchor a;
    CU_ASSERT_TRUE_FATAL(audit_anchor_parse(code, &a));
    CU_ASSERT_EQUAL(a.seq, 1234);
    CU_ASSERT_EQUAL(a.mac_len, AUDIT_ANCHOR_MAC_BYTES);
    CU_ASSERT_EQUAL(memcmp(a.mac, mac, AUDIT_ANCHOR_MAC_BYTES), 0);
    /* written down in lower case with spaces: the same anchor */
    char loose[AUDIT_ANCHOR_MAX + 8];
    snprintf(loose, sizeof loose, "1234 9f9c 9996 9390 8d8a %c", code[25] | 0x20);
    CU_ASSERT_TRUE(audit_anchor_parse(loose, &a));
    CU_ASSERT_EQUAL(a.seq, 1234);
    /* every single wrong digit and every swap of two neighbours is refused */
    for (size_t i = 0; code[i]; i++) {
        if (code[i] == '-')
            continue;
        char bad[AUDIT_ANCHOR_MAX];
        memcpy(bad, code, sizeof bad);
        bad[i] = bad[i] == '7' ? '8' : '7';
        CU_ASSERT_FALSE(audit_anchor_parse(bad, &a));
        if (code[i + 1] && code[i + 1] != '-' && code[i] != code[i + 1]) {
            memcpy(bad, code, sizeof bad);
            bad[i] = code[i + 1];
            bad[i + 1] = code[i];
            CU_ASSERT_FALSE(audit_anchor_parse(bad, &a));
        }
    }
    /* a full 64-digit head (as `audit verify` prints it) */
    char hex[AUDIT_HEX_MAX];
    audit_hex(mac, sizeof mac, hex, sizeof hex);
    CU_ASSERT_TRUE(audit_anchor_parse(hex, &a));
    CU_ASSERT_EQUAL(a.seq, 0);
    CU_ASSERT_EQUAL(a.mac_len, AUDIT_HASH_BYTES);
    CU_ASSERT_FALSE(audit_anchor_parse("", &a));
    CU_ASSERT_FALSE(audit_anchor_parse("12-9F9C", &a));
    CU_ASSERT_FALSE(audit_anchor_parse("0-9F9C-9996-9390-8D8A-0", &a));
    CU_ASSERT_FALSE(audit_anchor_parse("12-9F9C-9996-9390-8D8A-0-0", &a));
    CU_ASSERT_FALSE(audit_anchor_parse("1G-9F9C-9996-9390-8D8A-0", &a));
}

SUITE(audit, NULL, NULL);
