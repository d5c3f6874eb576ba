/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk authentication: PIN policy, Argon2id hashes of HMAC-SHA256(pepper,
 * PIN) (RELIABILITY.md §7.1), lockout after repeated failures and automatic
 * sign-out after inactivity. Pure C over libsodium: no SQL, no curses; the
 * clock is always passed in so tests can move it. The accounts and their
 * failure counters live in the store (store_clerk.h). */
#ifndef PK_AUTH_H
#define PK_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum {
    AUTH_PEPPER_BYTES = 32,
    AUTH_HASH_MAX = 128,       /* crypto_pwhash_STRBYTES */
    AUTH_PIN_MIN = 6,
    AUTH_PIN_MAX = 12,
    AUTH_ID_MAX = 32,          /* clerk id: 2..31 of [A-Za-z0-9._-] */
    AUTH_MAX_FAILURES = 5,     /* consecutive failures before a lock */
    AUTH_LOCK_SECONDS = 300,   /* 5 minutes */
};

typedef enum { ROLE_CLERK = 0, ROLE_SUPERVISOR = 1 } clerk_role;

const char *auth_role_code(clerk_role r);          /* "clerk" | "supervisor" */
int auth_role_parse(const char *code);              /* -1 when unknown */
const char *auth_role_label(clerk_role r);          /* msgid */

/* Hashing cost. INTERACTIVE (64 MiB, 2 passes) in production; MIN only for
 * the test suite, so it stays fast. The cost is recorded in each hash, so
 * verification never depends on this setting. */
typedef enum { AUTH_COST_INTERACTIVE = 0, AUTH_COST_MIN = 1 } auth_cost;

typedef struct {
    unsigned char pepper[AUTH_PEPPER_BYTES];
    bool has_pepper;
    auth_cost cost;
} auth_ctx;

/* Initialises libsodium (idempotent). false when it cannot start. */
bool auth_init(void);
/* Reads the pepper: a file of exactly 32 raw bytes or 64 hex digits
 * (optionally followed by a newline). Refuses a file that others may read
 * or anyone but its owner may write. msg gets a plain-English reason. */
pk_err auth_load_pepper(auth_ctx *a, const char *path, char *msg, size_t msgsz);
void auth_set_pepper(auth_ctx *a, const unsigned char *pepper, size_t len);
void auth_wipe(auth_ctx *a);

typedef enum {
    PIN_OK = 0,
    PIN_LENGTH,    /* not 6..12 characters */
    PIN_DIGITS,    /* something else than 0-9 */
    PIN_WEAK,      /* one repeated digit or a straight run (123456, 987654) */
} pin_check;
pin_check auth_pin_check(const char *pin);
const char *auth_pin_msg(pin_check c);              /* msgid */
bool auth_id_valid(const char *id);

/* A clerk PIN bound to its account: out gets the crypto_pwhash_str string
 * of HMAC-SHA256(pepper, "pk-pin-2" 0 id 0 PIN), so a hash copied onto
 * another account matches no PIN there. PK_EINVAL when the PIN breaks the
 * policy or id is not a clerk id, PK_EPERM without a pepper, PK_EIO when
 * hashing fails (memory). */
pk_err auth_pin_hash_for(const auth_ctx *a, const char *id, const char *pin,
                         char out[AUTH_HASH_MAX]);
/* Constant-time check of pin against a hash made for account id. */
bool auth_pin_verify_for(const auth_ctx *a, const char *id, const char *hash, const char *pin);
/* The same without an account: HMAC-SHA256(pepper, PIN). Clerk hashes from
 * before schema 4 are of this kind (accepted once, then re-bound: store). */
pk_err auth_pin_hash(const auth_ctx *a, const char *pin, char out[AUTH_HASH_MAX]);
bool auth_pin_verify(const auth_ctx *a, const char *hash, const char *pin);
/* Burns the time of one verification (sign-in attempt for an unknown id, so
 * the answer time does not tell which ids exist). */
void auth_dummy_verify(const auth_ctx *a, const char *pin);

/* Lockout state kept per account in the store (survives restarts). */
typedef struct {
    int failures;              /* consecutive failures since the last success or lock */
    int64_t locked_until;      /* unix seconds; 0 = not locked */
} auth_lock;

/* true while locked at now; *remaining (may be NULL) gets the seconds left. */
bool auth_locked(const auth_lock *l, int64_t now, int64_t *remaining);
/* Records a failure at now; returns true when this failure locked the account. */
bool auth_lock_fail(auth_lock *l, int64_t now);
void auth_lock_reset(auth_lock *l);

/* A signed-in clerk on this terminal. */
typedef struct {
    bool active;
    char id[AUTH_ID_MAX];
    char name[PK_NAME_MAX];
    clerk_role role;
    int64_t signed_in_at;
    int64_t last_activity;
    int timeout;               /* seconds of inactivity before sign-out; <= 0: never */
} clerk_session;

void auth_session_start(clerk_session *s, const char *id, const char *name,
                        clerk_role role, int timeout, int64_t now);
void auth_session_touch(clerk_session *s, int64_t now);
bool auth_session_expired(const clerk_session *s, int64_t now);
int64_t auth_session_left(const clerk_session *s, int64_t now);
void auth_session_end(clerk_session *s);

#endif
