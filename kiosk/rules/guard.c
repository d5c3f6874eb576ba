/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Back-off, lock and second-factor maths; see guard.h. */
#include "guard.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"

const guard_policy guard_staff_pin = {
    .free_tries = 0, .base_delay = 1, .max_delay = 60,
    .lock_after = AUTH_MAX_FAILURES, .lock_seconds = AUTH_LOCK_SECONDS, .window = 0,
};

const guard_policy guard_track = {
    .free_tries = 4, .base_delay = 2, .max_delay = 300,
    .lock_after = 0, .lock_seconds = 0, .window = 600,
};

/* A window that has passed forgets its failures. */
static int live_failures(const guard_policy *p, const guard_state *g, int64_t now)
{
    if (p->window > 0 && g->last_at > 0 && now - g->last_at >= p->window)
        return 0;
    return g->failures;
}

int64_t guard_wait(const guard_policy *p, const guard_state *g, int64_t now)
{
    if (g->locked_until > now)
        return g->locked_until - now;
    int n = live_failures(p, g, now);
    if (n <= p->free_tries || g->last_at <= 0)
        return 0;
    int64_t delay = p->base_delay;
    for (int i = p->free_tries + 1; i < n && delay < p->max_delay; i++)
        delay *= 2;
    if (delay > p->max_delay)
        delay = p->max_delay;
    int64_t left = g->last_at + delay - now;
    if (left > delay)
        left = delay;           /* a clock moved back never waits longer */
    return left > 0 ? left : 0;
}

bool guard_fail(const guard_policy *p, guard_state *g, int64_t now)
{
    if (g->locked_until && g->locked_until <= now) {
        g->locked_until = 0;    /* an expired lock starts a fresh count */
        g->failures = 0;
    }
    g->failures = live_failures(p, g, now) + 1;
    g->last_at = now;
    if (p->lock_after > 0 && g->failures >= p->lock_after) {
        g->failures = 0;
        g->locked_until = now + p->lock_seconds;
        return true;
    }
    return false;
}

void guard_reset(guard_state *g)
{
    memset(g, 0, sizeof *g);
}

void guard_format(const guard_state *g, char *out, size_t outsz)
{
    snprintf(out, outsz, "%d %" PRId64 " %" PRId64, g->failures, g->last_at, g->locked_until);
}

/* One decimal field of the stored form, 0..max; false otherwise. */
static bool field(const char **p, int64_t max, int64_t *out)
{
    while (**p == ' ')
        (*p)++;
    if (**p < '0' || **p > '9')
        return false;
    int64_t v = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++) {
        v = v * 10 + (**p - '0');
        if (v > max)
            return false;
    }
    *out = v;
    return true;
}

/* Times beyond year 36000 are not times: the counter was edited. */
enum { GUARD_FAILURES_MAX = 1000000 };
#define GUARD_TIME_MAX ((int64_t)1 << 40)

void guard_parse(const guard_policy *p, const char *text, int64_t now, guard_state *g)
{
    guard_reset(g);
    if (!text || !*text)
        return;
    int64_t f, last, until;
    const char *q = text;
    if (field(&q, GUARD_FAILURES_MAX, &f) && field(&q, GUARD_TIME_MAX, &last) &&
        field(&q, GUARD_TIME_MAX, &until) && *q == '\0') {
        g->failures = (int)f;
        g->last_at = last;
        g->locked_until = until;
        return;
    }
    /* unreadable: closed for the longest wait the policy knows */
    g->last_at = now;
    g->failures = p->free_tries + 64;
    if (p->lock_after > 0)
        g->locked_until = now + p->lock_seconds;
}

/* The last 4 digits of a field, digits only; false when it has fewer. */
static bool last4(const char *field, char out[4])
{
    int n = 0;
    char buf[4] = {0};
    for (const char *q = field ? field : ""; *q; q++)
        if (*q >= '0' && *q <= '9') {
            memmove(buf, buf + 1, 3);
            buf[3] = *q;
            n++;
        }
    memcpy(out, buf, 4);
    return n >= 4;
}

bool guard_last4_ok(const char *id_number, const char *phone, const char *typed)
{
    if (!typed || strlen(typed) != 4 || strspn(typed, "0123456789") != 4)
        return false;
    char a[4], b[4];
    bool ha = last4(id_number, a), hb = last4(phone, b);
    /* both compared every time: the answer time does not tell which */
    bool ma = sodium_memcmp(a, typed, 4) == 0;
    bool mb = sodium_memcmp(b, typed, 4) == 0;
    sodium_memzero(a, sizeof a);
    sodium_memzero(b, sizeof b);
    return (ha & ma) | (hb & mb);
}
