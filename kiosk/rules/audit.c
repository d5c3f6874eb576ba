#include "audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

static void add_field(sbuf *b, const char *s)
{
    if (!s)
        s = "";
    sbuf_addf(b, "%zu:", strlen(s));
    sbuf_add(b, s);
    sbuf_addn(b, "\n", 1);
}

void audit_canonical(int64_t seq, int64_t at, const char *actor, const char *action,
                     const char *object, const char *detail, sbuf *out)
{
    sbuf_addf(out, "pk-audit-1\n%" PRId64 "\n%" PRId64 "\n", seq, at);
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
    sbuf_addf(&b, "pk-event-1\n%" PRId64 "\n%" PRId64 "\n", event_id, at);
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
    case AUDIT_HEAD: return N_("The audit log does not end where it was anchored.");
    }
    return N_("The audit log failed its check.");
}

void audit_verify_init(audit_verifier *v)
{
    memset(v, 0, sizeof *v);
    v->next_seq = 1;
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
    unsigned char h[AUDIT_HASH_BYTES];
    audit_link(r->prev_hash, r->seq, r->at, r->actor, r->action, r->object, r->detail, h);
    if (sodium_memcmp(h, r->hash, AUDIT_HASH_BYTES) != 0) {
        v->fault = AUDIT_HASH;
        v->bad_seq = r->seq;
        return false;
    }
    memcpy(v->prev, r->hash, AUDIT_HASH_BYTES);
    v->next_seq++;
    v->count++;
    return true;
}
