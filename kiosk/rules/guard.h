/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guards against guessing (issue 11, items 9 and 10): the back-off and
 * lock maths for the staff PIN and for typed dossier lookups, and the
 * second factor a typed lookup needs. Pure C: the counters live in the
 * store (store_guard.c) so a restart does not reset them; the clock is
 * passed in. */
#ifndef PK_GUARD_H
#define PK_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int failures;              /* failures counted (within the window) */
    int64_t last_at;           /* unix seconds of the last failure */
    int64_t locked_until;      /* 0 = not locked */
} guard_state;

typedef struct {
    int free_tries;            /* failures allowed before any delay */
    int64_t base_delay;        /* seconds after the first counted failure; doubles */
    int64_t max_delay;         /* cap of the delay */
    int lock_after;            /* failures that lock; 0 = never locks */
    int64_t lock_seconds;
    int64_t window;            /* failures older than this are forgotten; 0 = kept */
} guard_policy;

/* The staff PIN (F10): 1 s, 2 s, 4 s, 8 s after each wrong PIN, and the
 * fifth locks for AUTH_LOCK_SECONDS, like a clerk account. */
extern const guard_policy guard_staff_pin;
/* Typed lookups on one kiosk: from the fifth failure within 10 minutes,
 * 2 s, 4 s, 8 s ... up to 5 minutes between tries. */
extern const guard_policy guard_track;

/* Seconds before the next try may be checked at now (0 = at once). */
int64_t guard_wait(const guard_policy *p, const guard_state *g, int64_t now);
/* Counts one failure at now; true when it set the lock. */
bool guard_fail(const guard_policy *p, guard_state *g, int64_t now);
void guard_reset(guard_state *g);

/* The stored form: "failures last_at locked_until". A value that does not
 * parse counts as locked now+lock (or the max delay): tampering with the
 * counter never opens the guard. */
void guard_format(const guard_state *g, char *out, size_t outsz);
void guard_parse(const guard_policy *p, const char *text, int64_t now, guard_state *g);

/* The second factor of a typed lookup: typed must be exactly 4 digits and
 * equal the last 4 digits of id_number or of phone (digits only; fields
 * with fewer than 4 digits never match). Both are compared every time, in
 * constant time. */
bool guard_last4_ok(const char *id_number, const char *phone, const char *typed);

#endif
