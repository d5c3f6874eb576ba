/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* The forms below are hashed into every chain link and event digest: their
 * bytes are fixed (tests/logic/test_audit.c), numbers written without
 * printf (two rows per dossier created, issue 18). */
static void add_field(sbuf *b, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    sbuf_add_i64(b, (int64_t)n);
    sbuf_addn(b, ":", 1);
    sbuf_addn(b, s, n);
    sbuf_addn(b, "\n", 1);
}

/* head, then seq and at each on a line */
static void add_head(sbuf *b, const char *head, int64_t seq, int64_t at)
{
    sbuf_add(b, head);
    sbuf_add_i64(b, seq);
    sbuf_addn(b, "\n", 1);
    sbuf_add_i64(b, at);
    sbuf_addn(b, "\n", 1);
}

void audit_canonical(int64_t seq, int64_t at, const char *actor, const char *action,
                     const char *object, const char *detail, sbuf *out)
{
    add_head(out, "pk-audit-1\n", seq, at);
    add_field(out, actor);
    add_field(out, action);
    add_field(out, object);
    add_field(out, detail);
}

void audit_link(const unsigned char *prev, int64_t seq, int64_t at, const char *actor,
                const char *action, const char *object, const char *detail,
                unsigned char out[AUDIT_HASH_BYTES])
{
    static const unsigned char zero[AUDIT_HASH_BYTES];
    sbuf b = {0};
    audit_canonical(seq, at, actor, action, object, detail, &b);
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    crypto_hash_sha256_update(&sha, prev ? prev : zero, AUDIT_HASH_BYTES);
    crypto_hash_sha256_update(&sha, (const unsigned char *)b.data, b.len);
    crypto_hash_sha256_final(&sha, out);
    sbuf_free(&b);
}

void audit_link_keyed(const unsigned char key[AUDIT_KEY_BYTES], const unsigned char *prev,
                      int64_t seq, int64_t at, const char *actor, const char *action,
                      const char *object, const char *detail, unsigned char out[AUDIT_HASH_BYTES])
{
    static const unsigned char zero[AUDIT_HASH_BYTES];
    sbuf b = {0};
    audit_canonical(seq, at, actor, action, object, detail, &b);
    crypto_auth_hmacsha256_state mac;
    crypto_auth_hmacsha256_init(&mac, key, AUDIT_KEY_BYTES);
    crypto_auth_hmacsha256_update(&mac, prev ? prev : zero, AUDIT_HASH_BYTES);
    crypto_auth_hmacsha256_update(&mac, (const unsigned char *)b.data, b.len);
    crypto_auth_hmacsha256_final(&mac, out);
    sodium_memzero(&mac, sizeof mac);
    sbuf_free(&b);
}

void audit_state_digest(const unsigned char key[AUDIT_KEY_BYTES], const void *canon, size_t len,
                        char hex[AUDIT_HEX_MAX])
{
    unsigned char h[AUDIT_HASH_BYTES];
    crypto_auth_hmacsha256_state mac;
    crypto_auth_hmacsha256_init(&mac, key, AUDIT_KEY_BYTES);
    crypto_auth_hmacsha256_update(&mac, (const unsigned char *)"pk-state-1\n", 11);
    crypto_auth_hmacsha256_update(&mac, canon, len);
    crypto_auth_hmacsha256_final(&mac, h);
    sodium_memzero(&mac, sizeof mac);
    audit_hex(h, sizeof h, hex, AUDIT_HEX_MAX);
}

void audit_hex(const unsigned char *bin, size_t n, char *out, size_t outsz)
{
    static const char digits[] = "0123456789abcdef";
    size_t j = 0;
    for (size_t i = 0; i < n && j + 2 < outsz; i++) {
        out[j++] = digits[bin[i] >> 4];
        out[j++] = digits[bin[i] & 15];
    }
    if (outsz)
        out[j < outsz ? j : outsz - 1] = '\0';
}

void audit_event_digest(int64_t event_id, const char *ref, int64_t at, const char *actor,
                        const char *from, const char *to, const char *note,
                        char hex[AUDIT_HEX_MAX])
{
    sbuf b = {0};
    add_head(&b, "pk-event-1\n", event_id, at);
    add_field(&b, ref);
    add_field(&b, actor);
    add_field(&b, from);
    add_field(&b, to);
    add_field(&b, note);
    unsigned char h[AUDIT_HASH_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)b.data, b.len);
    sbuf_free(&b);
    audit_hex(h, sizeof h, hex, AUDIT_HEX_MAX);
}

const char *audit_fault_msg(audit_fault f)
{
    switch (f) {
    case AUDIT_OK: return N_("The audit log is intact.");
    case AUDIT_GAP: return N_("An audit entry was deleted.");
    case AUDIT_PREV: return N_("The audit chain is broken.");
    case AUDIT_HASH: return N_("An audit entry was changed.");
    case AUDIT_EVENT_EDITED: return N_("A dossier event was changed.");
    case AUDIT_EVENT_MISSING: return N_("A dossier event was deleted.");
    case AUDIT_EVENT_UNCHAINED: return N_("A dossier event is missing from the audit log.");
    case AUDIT_HEAD: return N_("The anchored audit entry is missing or was changed.");
    case AUDIT_UNKEYED: return N_("The audit log was rewritten without its key.");
    case AUDIT_ROW_CHANGED:
        return N_("A dossier, clerk account or setting was changed outside the program.");
    case AUDIT_ROW_DELETED:
        return N_("A dossier, clerk account or setting was deleted outside the program.");
    case AUDIT_ROW_UNSEALED:
        return N_("A dossier, clerk account or setting was added outside the program.");
    }
    return N_("The audit log failed its check.");
}

void audit_verify_init(audit_verifier *v, const unsigned char *key)
{
    memset(v, 0, sizeof *v);
    v->next_seq = 1;
    v->key = key;
}

bool audit_verify_step(audit_verifier *v, const audit_row *r)
{
    if (v->fault != AUDIT_OK)
        return false;
    if (r->seq != v->next_seq) {
        v->fault = AUDIT_GAP;
        v->bad_seq = v->next_seq < r->seq ? v->next_seq : r->seq;
        return false;
    }
    if (sodium_memcmp(r->prev_hash, v->prev, AUDIT_HASH_BYTES) != 0) {
        v->fault = AUDIT_PREV;
        v->bad_seq = r->seq;
        return false;
    }
    /* once keyed, always keyed: an unkeyed row after a keyed one is a
     * rewrite by someone who lacks the key */
    if (!r->keyed && v->keyed_seen) {
        v->fault = AUDIT_UNKEYED;
        v->bad_seq = r->seq;
        return false;
    }
    unsigned char h[AUDIT_HASH_BYTES];
    if (r->keyed && v->key)
        audit_link_keyed(v->key, r->prev_hash, r->seq, r->at, r->actor, r->action, r->object,
                         r->detail, h);
    else if (r->keyed)
        memset(h, 0, sizeof h);   /* no key: cannot match */
    else
        audit_link(r->prev_hash, r->seq, r->at, r->actor, r->action, r->object, r->detail, h);
    v->keyed_seen = v->keyed_seen || r->keyed;
    if ((r->keyed && !v->key) || sodium_memcmp(h, r->hash, AUDIT_HASH_BYTES) != 0) {
        v->fault = AUDIT_HASH;
        v->bad_seq = r->seq;
        return false;
    }
    memcpy(v->prev, r->hash, AUDIT_HASH_BYTES);
    v->next_seq++;
    v->count++;
    return true;
}

/* ---- anchor ------------------------------------------------------------ */

static int hex_digit(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Luhn mod 16 over hex digits: catches any single wrong digit and most
 * swaps of two neighbours. */
static int luhn16(const char *digits)
{
    int sum = 0, factor = 2;
    for (size_t i = strlen(digits); i-- > 0;) {
        int addend = factor * hex_digit((unsigned char)digits[i]);
        factor = factor == 2 ? 1 : 2;
        sum += addend / 16 + addend % 16;
    }
    return (16 - sum % 16) % 16;
}

void audit_anchor_code(int64_t seq, const unsigned char mac[AUDIT_HASH_BYTES],
                       char out[AUDIT_ANCHOR_MAX])
{
    static const char up[] = "0123456789ABCDEF";
    char hex[2 * AUDIT_ANCHOR_MAC_BYTES + 1], all[64];
    for (int i = 0; i < AUDIT_ANCHOR_MAC_BYTES; i++) {
        hex[2 * i] = up[mac[i] >> 4];
        hex[2 * i + 1] = up[mac[i] & 15];
    }
    hex[sizeof hex - 1] = '\0';
    snprintf(all, sizeof all, "%" PRId64 "%s", seq, hex);
    snprintf(out, AUDIT_ANCHOR_MAX, "%" PRId64 "-%.4s-%.4s-%.4s-%.4s-%c", seq, hex, hex + 4,
             hex + 8, hex + 12, up[luhn16(all)]);
}

bool audit_anchor_parse(const char *text, audit_anchor *out)
{
    memset(out, 0, sizeof *out);
    char digits[80];
    size_t n = 0, seq_len = 0;
    bool seq_done = false;
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '-' || *p == ' ') {
            if (n > 0 && !seq_done) {
                seq_done = true;
                seq_len = n;
            }
            continue;
        }
        if (hex_digit((unsigned char)*p) < 0 || n + 1 >= sizeof digits)
            return false;
        digits[n++] = (char)*p;
    }
    digits[n] = '\0';
    if (n == 2 * AUDIT_HASH_BYTES && !seq_done) {   /* a full head, as `audit verify` prints */
        for (size_t i = 0; i < AUDIT_HASH_BYTES; i++)
            out->mac[i] = (unsigned char)(hex_digit(digits[2 * i]) << 4 | hex_digit(digits[2 * i + 1]));
        out->mac_len = AUDIT_HASH_BYTES;
        return true;
    }
    if (!seq_done || seq_len == 0 || seq_len > 15 || n != seq_len + 2 * AUDIT_ANCHOR_MAC_BYTES + 1)
        return false;
    int64_t seq = 0;
    for (size_t i = 0; i < seq_len; i++) {
        if (digits[i] < '0' || digits[i] > '9')
            return false;
        seq = seq * 10 + (digits[i] - '0');
    }
    int check = hex_digit((unsigned char)digits[n - 1]);
    digits[n - 1] = '\0';
    if (seq < 1 || check != luhn16(digits))
        return false;
    for (size_t i = 0; i < AUDIT_ANCHOR_MAC_BYTES; i++) {
        const char *h = digits + seq_len + 2 * i;
        out->mac[i] = (unsigned char)(hex_digit(h[0]) << 4 | hex_digit(h[1]));
    }
    out->seq = seq;
    out->mac_len = AUDIT_ANCHOR_MAC_BYTES;
    return true;
}
