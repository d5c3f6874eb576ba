/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guessing counters and lookups by S10 number; see store_lookup.h. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "store_clerk.h"
#include "store_lookup.h"
#include "util.h"

static void key_of(const char *name, char *key, size_t keysz)
{
    snprintf(key, keysz, "guard.%s", name);
}

pk_err store_guard_get(store *s, const char *name, const guard_policy *p, int64_t now,
                       guard_state *g)
{
    char key[64], val[96] = "";
    key_of(name, key, sizeof key);
    pk_err e = store_setting_get(s, key, val, sizeof val);
    if (e == PK_ENOTFOUND) {
        guard_reset(g);
        return PK_OK;
    }
    if (e != PK_OK)
        return e;
    guard_parse(p, val, now, g);
    return PK_OK;
}

pk_err store_guard_update(store *s, const char *name, const guard_policy *p, guard_op op,
                          int64_t now, int64_t *wait, bool *locked, const char *actor,
                          const char *action, const char *object, const char *detail)
{
    if (wait)
        *wait = 0;
    if (locked)
        *locked = false;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    guard_state g;
    e = store_guard_get(s, name, p, now, &g);      /* read under the write lock */
    bool refused = false, write = false;
    if (e == PK_OK) {
        switch (op) {
        case GUARD_RESERVE: {
            int64_t left = guard_wait(p, &g, now);
            if (left > 0) {
                refused = true;
                if (wait)
                    *wait = left;
                break;
            }
            bool l = guard_fail(p, &g, now);
            if (locked)
                *locked = l;
            write = true;
            break;
        }
        case GUARD_FAIL: {
            bool l = guard_fail(p, &g, now);
            if (locked)
                *locked = l;
            if (wait)
                *wait = guard_wait(p, &g, now);
            write = true;
            break;
        }
        case GUARD_CLEAR:
            guard_reset(&g);
            write = true;
            break;
        case GUARD_KEEP:
            break;
        }
    }
    if (e == PK_OK && write) {
        char key[64], val[96];
        key_of(name, key, sizeof key);
        guard_format(&g, val, sizeof val);
        e = store_setting_set(s, key, val);
    }
    if (e == PK_OK && action && (op != GUARD_RESERVE || refused))
        e = store_audit_append(s, now, actor, action, object ? object : "", detail ? detail : "");
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    e = store_commit(s);
    if (e != PK_OK)
        return e;
    return refused ? PK_EBUSY : PK_OK;
}

/* ---- the staff PIN ---------------------------------------------------- */

#define STAFF_GUARD "staff_pin"

pk_err store_staff_pin_set(store *s, const char *hash, const char *actor, int64_t now)
{
    if (!hash || strncmp(hash, "$argon2id$", 10) != 0 || strlen(hash) >= AUTH_HASH_MAX)
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    log_info("configuration: staff PIN set by %s", actor);
    e = store_setting_set(s, "staff_pin_hash", hash);
    if (e == PK_OK)
        e = store_guard_update(s, STAFF_GUARD, &guard_staff_pin, GUARD_CLEAR, now, NULL, NULL,
                               actor, "staff_pin_set", "", "");
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
}

static bool staff_hash(store *s, char hash[AUTH_HASH_MAX])
{
    return store_setting_get(s, "staff_pin_hash", hash, AUTH_HASH_MAX) == PK_OK &&
           strncmp(hash, "$argon2id$", 10) == 0;
}

bool store_staff_pin_is_set(store *s)
{
    char hash[AUTH_HASH_MAX];
    return staff_hash(s, hash);
}

pk_err store_staff_pin_try(store *s, const auth_ctx *a, const char *pin, int64_t now,
                           staff_pin_result *r, int64_t *wait)
{
    *r = STAFF_PIN_UNSET;
    *wait = 0;
    char hash[AUTH_HASH_MAX];
    if (!staff_hash(s, hash) || !a || !a->has_pepper)
        return store_guard_update(s, STAFF_GUARD, &guard_staff_pin, GUARD_KEEP, now, NULL, NULL,
                                  "kiosk", "staff_pin_failed", "", "not_set");
    bool locked = false;
    pk_err e = store_guard_update(s, STAFF_GUARD, &guard_staff_pin, GUARD_RESERVE, now, wait,
                                  &locked, "kiosk", "staff_pin_refused", "", "waiting");
    if (e == PK_EBUSY) {
        *r = STAFF_PIN_WAIT;
        return PK_OK;
    }
    if (e != PK_OK)
        return e;
    bool ok = auth_pin_verify(a, hash, pin);
    if (ok) {
        *r = STAFF_PIN_OK;
        log_info("staff PIN accepted: leaving citizen mode");
        return store_guard_update(s, STAFF_GUARD, &guard_staff_pin, GUARD_CLEAR, now, NULL, NULL,
                                  "kiosk", "staff_pin_ok", "", "");
    }
    guard_state g;
    e = store_guard_get(s, STAFF_GUARD, &guard_staff_pin, now, &g);
    if (e != PK_OK)
        return e;
    *wait = guard_wait(&guard_staff_pin, &g, now);
    *r = locked ? STAFF_PIN_LOCKED : STAFF_PIN_WRONG;
    log_warn("staff PIN refused%s", locked ? ": locked after repeated failures" : "");
    char detail[32];
    snprintf(detail, sizeof detail, "failures=%d", locked ? guard_staff_pin.lock_after : g.failures);
    return store_guard_update(s, STAFF_GUARD, &guard_staff_pin, GUARD_KEEP, now, NULL, NULL,
                              "kiosk", locked ? "staff_pin_locked" : "staff_pin_failed", "",
                              detail);
}

pk_err store_dossier_ref_by_s10(store *s, const char *s10, char ref[PK_REF_MAX])
{
    ref[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(s, "SELECT ref FROM dossiers WHERE s10 = ?1");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, s10);
    int rc = sqlite3_step(stmt);
    pk_err e = PK_OK;
    if (rc == SQLITE_ROW)
        store_col_text(stmt, 0, ref, PK_REF_MAX);
    else
        e = rc == SQLITE_DONE ? PK_ENOTFOUND : store_rc(s, rc);
    store_done(stmt);
    return e;
}
