/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guarded lookups (issue 11, items 9-11): the guessing counters kept in the
 * settings table (so a restart does not reset them), each change in one
 * write transaction with its audit row, and finding a dossier by what was
 * typed or scanned (reference or S10 number). */
#ifndef PK_STORE_LOOKUP_H
#define PK_STORE_LOOKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "guard.h"
#include "store.h"

/* The counter "guard.<name>". */
pk_err store_guard_get(store *s, const char *name, const guard_policy *p, int64_t now,
                       guard_state *g);

/* What store_guard_update does to the counter. */
typedef enum {
    GUARD_RESERVE,  /* refuse while a delay or lock runs (PK_EBUSY, *wait), else count one
                       failure before the secret is checked (a crash leaves it counted) */
    GUARD_FAIL,     /* count one failure now (*wait: the delay it starts) */
    GUARD_CLEAR,    /* a success: back to zero */
    GUARD_KEEP,     /* the counter stays: only the audit row */
} guard_op;

/* One write transaction: the counter change and, when action is not NULL,
 * one audit row (actor, action, object, detail: no secret, no personal
 * data). GUARD_RESERVE writes the audit row only when it refuses. *locked
 * (may be NULL) gets true when this change set the lock. */
pk_err store_guard_update(store *s, const char *name, const guard_policy *p, guard_op op,
                          int64_t now, int64_t *wait, bool *locked, const char *actor,
                          const char *action, const char *object, const char *detail);

/* ---- the staff PIN (F10 leaves citizen mode) ------------------------------
 * Stored like a clerk PIN (auth_pin_hash: Argon2id of HMAC(pepper, PIN)) in
 * the setting "staff_pin_hash"; never in the configuration. */
typedef enum {
    STAFF_PIN_OK = 0,
    STAFF_PIN_WRONG,     /* counted; *wait: the delay before the next try */
    STAFF_PIN_LOCKED,    /* this wrong PIN set the lock; *wait: its length */
    STAFF_PIN_WAIT,      /* refused unchecked: a delay or lock runs (*wait) */
    STAFF_PIN_UNSET,     /* no staff PIN stored, or no pepper to check it */
} staff_pin_result;

/* Stores the hash (auth_pin_hash) and clears the counter; audited. */
pk_err store_staff_pin_set(store *s, const char *hash, const char *actor, int64_t now);
bool store_staff_pin_is_set(store *s);
/* One try. The try is counted in a write transaction before Argon2id
 * runs (guard_staff_pin: 1, 2, 4, 8 s, then a 5-minute lock), so parallel
 * or restarted tries gain nothing; a success clears the count. Every try,
 * refused ones too, is audited (never the PIN). */
pk_err store_staff_pin_try(store *s, const auth_ctx *a, const char *pin, int64_t now,
                           staff_pin_result *r, int64_t *wait);

/* The reference of the dossier with this S10 number; PK_ENOTFOUND. */
pk_err store_dossier_ref_by_s10(store *s, const char *s10, char ref[PK_REF_MAX]);

#endif
