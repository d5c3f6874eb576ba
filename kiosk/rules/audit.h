/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log as a hash chain (RELIABILITY.md §7.3):
 *   hash(n) = HMAC-SHA256(key, hash(n-1) || canonical(row n)), hash(0) = 32 zero bytes,
 * keyed with the audit key (a file outside the database), so a chain cannot
 * be re-hashed after an edit without the key. Rows written before the key
 * existed ("legacy", keyed = false) keep their plain SHA-256 links; they may
 * only come before the first keyed row.
 * Pure C over libsodium. The store keeps the rows (append-only table with
 * triggers) and computes new links with the same functions; a verifier walks
 * the rows from seq 1 and names the first bad one. Status-change events are
 * mirrored into the chain as "event" rows whose detail carries a digest of
 * the event row, so an edited or deleted event is caught as well. No
 * personal data ever goes into an audit row. */
#ifndef PK_AUDIT_H
#define PK_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum {
    AUDIT_HASH_BYTES = 32,
    AUDIT_KEY_BYTES = 32,
    AUDIT_ANCHOR_MAC_BYTES = 8,          /* 16 hex digits in the short code */
    AUDIT_ANCHOR_MAX = 48,
    AUDIT_HEX_MAX = 65,
    AUDIT_ACTOR_MAX = 64,
    AUDIT_ACTION_MAX = 32,
    AUDIT_OBJECT_MAX = 64,
    AUDIT_DETAIL_MAX = 512,
};

typedef struct {
    int64_t seq;
    int64_t at;                          /* unix seconds */
    char actor[AUDIT_ACTOR_MAX];         /* clerk id, "kiosk", "system", "cli" */
    char action[AUDIT_ACTION_MAX];       /* login, login_failed, lookup, event, ... */
    char object[AUDIT_OBJECT_MAX];       /* dossier reference, clerk id, event id, "" */
    char detail[AUDIT_DETAIL_MAX];       /* key=value words, no personal data */
    unsigned char prev_hash[AUDIT_HASH_BYTES];
    unsigned char hash[AUDIT_HASH_BYTES];
    bool keyed;                          /* HMAC link (false: legacy SHA-256) */
} audit_row;

/* Canonical, unambiguous byte form of a row's content (without hashes):
 * "pk-audit-1" then seq, at, and each text field length-prefixed. */
void audit_canonical(int64_t seq, int64_t at, const char *actor, const char *action,
                     const char *object, const char *detail, sbuf *out);
/* prev may be NULL for the first row (32 zero bytes). */
void audit_link(const unsigned char *prev, int64_t seq, int64_t at, const char *actor,
                const char *action, const char *object, const char *detail,
                unsigned char out[AUDIT_HASH_BYTES]);

/* The same link keyed with the audit key (HMAC-SHA256). */
void audit_link_keyed(const unsigned char key[AUDIT_KEY_BYTES], const unsigned char *prev,
                      int64_t seq, int64_t at, const char *actor, const char *action,
                      const char *object, const char *detail, unsigned char out[AUDIT_HASH_BYTES]);
/* Keyed digest (hex) of a row's state, as built by the store: personal data
 * goes into it, never into an audit row in clear, and without the key it
 * cannot be searched offline. */
void audit_state_digest(const unsigned char key[AUDIT_KEY_BYTES], const void *canon, size_t len,
                        char hex[AUDIT_HEX_MAX]);

/* Digest of one status-change event, as stored in its mirror row's detail. */
void audit_event_digest(int64_t event_id, const char *ref, int64_t at, const char *actor,
                        const char *from, const char *to, const char *note,
                        char hex[AUDIT_HEX_MAX]);

void audit_hex(const unsigned char *bin, size_t n, char *out, size_t outsz);

typedef enum {
    AUDIT_OK = 0,
    AUDIT_GAP,          /* a seq is missing: a row was deleted */
    AUDIT_PREV,         /* prev_hash does not match the previous row's hash */
    AUDIT_HASH,         /* the row's content does not match its hash: edited */
    AUDIT_EVENT_EDITED, /* an event differs from the digest the chain recorded */
    AUDIT_EVENT_MISSING,/* the chain records an event the table no longer has */
    AUDIT_EVENT_UNCHAINED, /* an event the chain never recorded */
    AUDIT_HEAD,         /* the anchored row is missing or changed */
    AUDIT_UNKEYED,      /* no keyed row, or an unkeyed row after a keyed one: re-hashed */
    AUDIT_ROW_CHANGED,  /* a dossier / clerk / setting row differs from its last sealed digest */
    AUDIT_ROW_DELETED,  /* a sealed dossier / clerk row is gone */
    AUDIT_ROW_UNSEALED, /* a dossier / clerk row the chain never sealed */
} audit_fault;

const char *audit_fault_msg(audit_fault f);   /* msgid */

/* Walks the chain in seq order: feed every row to audit_verify_step. */
typedef struct {
    int64_t next_seq;
    unsigned char prev[AUDIT_HASH_BYTES];
    int64_t count;
    audit_fault fault;
    int64_t bad_seq;
    const unsigned char *key;  /* AUDIT_KEY_BYTES; NULL: keyed rows cannot verify */
    bool keyed_seen;
} audit_verifier;

/* key may be NULL (then any keyed row fails). */
void audit_verify_init(audit_verifier *v, const unsigned char *key);
/* false at the first bad row (v->fault, v->bad_seq say which); once false
 * it stays false. */
bool audit_verify_step(audit_verifier *v, const audit_row *r);

/* The head as a short code a supervisor can write down:
 * "SEQ-HHHH-HHHH-HHHH-HHHH-C" (H a hex digit): the row's seq, the first 16 hex digits of
 * its MAC, a check digit (Luhn mod 16 over the digits before it). */
typedef struct {
    int64_t seq;                          /* 0 when only the full MAC is known */
    unsigned char mac[AUDIT_HASH_BYTES];
    size_t mac_len;                       /* AUDIT_ANCHOR_MAC_BYTES or AUDIT_HASH_BYTES */
} audit_anchor;

void audit_anchor_code(int64_t seq, const unsigned char mac[AUDIT_HASH_BYTES],
                       char out[AUDIT_ANCHOR_MAX]);
/* Reads a short code (case, spaces and dashes free) or a full 64-digit
 * head; false when malformed or the check digit is wrong. */
bool audit_anchor_parse(const char *text, audit_anchor *out);

#endif
