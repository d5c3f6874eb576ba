/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hash-chained audit log of the store (implemented in store_audit.c):
 * append, mirror dossier events, head, list, verify. */
#ifndef PK_STORE_AUDIT_H
#define PK_STORE_AUDIT_H

#include <stdint.h>

#include "audit.h"
#include "store.h"

/* Appends one chained row (own transaction, or joins the open one). */
pk_err store_audit_append(store *s, int64_t at, const char *actor, const char *action,
                          const char *object, const char *detail);
/* Chains the event just written (store_event_add calls it inside its
 * transaction). An event written behind the store's back is never chained
 * by a later writer: `audit verify` reports it. */
pk_err store_audit_event(store *s, int64_t event_seq);
/* Chains every event newer than the newest chained one: only when a
 * database from before the audit log is upgraded (migration 2). */
pk_err store_audit_chain_pending(store *s);

typedef struct audit_check {
    audit_fault fault;            /* AUDIT_OK when intact */
    int64_t bad_seq;              /* audit seq of the first bad row */
    int64_t bad_event;            /* events.seq involved, 0 = none */
    int64_t count;                /* audit rows walked */
    int64_t events;               /* events checked */
    int64_t head_seq;
    char head_hex[AUDIT_HEX_MAX]; /* hash of the last row: anchor it off the box */
    char head_code[AUDIT_ANCHOR_MAX]; /* the same as a short code (audit_anchor_code) */
    int64_t seals;                /* dossier and clerk rows checked against their seal */
    char bad_object[AUDIT_OBJECT_MAX]; /* "dossier LS01-000002", "clerk nv01", "" */
} audit_check;
/* Walks the whole log (keyed links), every event, and every dossier and
 * clerk row against the digest of its last seal (read only). PK_OK with
 * r->fault == AUDIT_OK when intact; PK_ETAMPER otherwise. */
pk_err store_audit_verify(store *s, audit_check *r);
/* store_audit_verify, then: the anchored row is still in the chain, with
 * the same MAC (rows after it are fine). AUDIT_HEAD when it is gone or
 * differs (rows deleted from the end, or history rewritten with the key). */
pk_err store_audit_verify_anchor(store *s, const audit_anchor *a, audit_check *r);
/* The last row's seq and hash (0 and "" when empty), to anchor the log:
 * print it on the closing report, copy it off the machine. */
pk_err store_audit_head(store *s, int64_t *seq, char hex[AUDIT_HEX_MAX]);
/* The same head as a short code (audit_anchor_code; "" when empty). */
pk_err store_audit_head_code(store *s, int64_t *seq, char code[AUDIT_ANCHOR_MAX]);
/* The hash (hex) of the row at seq, every kind of row ("" when there is
 * none): `audit verify --central` looks up the heads the province saw. */
pk_err store_audit_hash_at(store *s, int64_t seq, char hex[AUDIT_HEX_MAX]);
/* Newest first, rows with seq < before (0 = from the end). */
pk_err store_audit_list(store *s, int64_t before, audit_row *rows, int max, int *n);

#endif
