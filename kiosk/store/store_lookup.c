/* Guessing counters and lookups by S10 number; see store_lookup.h. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

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
