#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
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
    audit_verify_init(v);
    for (int i = 0; i < n; i++)
        if (!audit_verify_step(v, &rows[i]))
            return 0;
    return 1;
}

static void intact_chain(void)
{
    audit_row rows[6];
    audit_verifier v;
    make_chain(rows, 6);
    CU_ASSERT_TRUE(walk(rows, 6, &v));
    CU_ASSERT_EQUAL(v.count, 6);
    CU_ASSERT_EQUAL(v.fault, AUDIT_OK);
    CU_ASSERT_EQUAL(memcmp(v.prev, rows[5].hash, AUDIT_HASH_BYTES), 0);
}

static void edited_row(void)
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

static void recomputed_row(void)
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

static void deleted_row(void)
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

static void canonical_unambiguous(void)
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

static void known_vector(void)
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

void suite_audit(void)
{
    CU_pSuite s = CU_add_suite("audit", NULL, NULL);
    CU_add_test(s, "intact chain verifies", intact_chain);
    CU_add_test(s, "edited row caught", edited_row);
    CU_add_test(s, "recomputed row caught", recomputed_row);
    CU_add_test(s, "deleted row caught", deleted_row);
    CU_add_test(s, "canonical form unambiguous", canonical_unambiguous);
    CU_add_test(s, "canonical format fixed", known_vector);
}
