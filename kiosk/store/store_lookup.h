/* Guarded lookups (issue 11, items 9-11): the guessing counters kept in the
 * settings table (so a restart does not reset them), each change in one
 * write transaction with its audit row, and finding a dossier by what was
 * typed or scanned (reference or S10 number). */
#ifndef PK_STORE_LOOKUP_H
#define PK_STORE_LOOKUP_H

#include <stdbool.h>
#include <stdint.h>

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

/* The reference of the dossier with this S10 number; PK_ENOTFOUND. */
pk_err store_dossier_ref_by_s10(store *s, const char *s10, char ref[PK_REF_MAX]);

#endif
