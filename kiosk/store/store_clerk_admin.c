/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk account administration (issue 11 item 7): PIN hashes bound to
 * their account (schema 5), role and lock changes, each audited with who
 * did it and what changed (never PIN material). */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "store_clerk.h"
#include "util.h"

/* Version 5: clerks.pin_v says how a PIN hash was made: 1 = HMAC(pepper,
 * PIN) (before this version), 2 = bound to the account (auth_pin_hash_for).
 * Adding the column changes every clerk digest: the rows are resealed. */
static const char pin_v_column[] =
    "ALTER TABLE clerks ADD COLUMN pin_v INTEGER NOT NULL DEFAULT 1 CHECK(pin_v IN (1, 2));";

pk_err store_clerk_pin_upgrade(store *s)
{
    return store_reseal_clerks(s, pin_v_column);
}

static pk_err pin_version(store *s, const char *id, int *v)
{
    *v = 0;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT pin_v FROM clerks WHERE id = ?1");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int(stmt, 0);
    store_done(stmt);
    return rc == SQLITE_ROW ? PK_OK : rc == SQLITE_DONE ? PK_ENOTFOUND : store_rc(s, rc);
}

bool store_clerk_pin_ok(store *s, const auth_ctx *a, const clerk_account *c, const char *pin)
{
    int v = 0;
    if (pin_version(s, c->id, &v) != PK_OK)
        return false;
    if (v == 2)
        return auth_pin_verify_for(a, c->id, c->pin_hash, pin);
    /* An old, unbound hash: accepted only while the row is the one the
     * audit chain sealed (a hash copied here behind the program's back is
     * not), and re-bound at once by store_clerk_pin_rebind. */
    bool sealed = false;
    if (store_row_sealed(s, true, c->id, &sealed) != PK_OK || !sealed) {
        auth_dummy_verify(a, pin);   /* same time as a real check */
        return false;
    }
    return auth_pin_verify(a, c->pin_hash, pin);
}

pk_err store_clerk_pin_rebind(store *s, const auth_ctx *a, const clerk_account *c,
                              const char *pin, int64_t now)
{
    int v = 0;
    pk_err e = pin_version(s, c->id, &v);
    if (e != PK_OK || v == 2)
        return e;
    char hash[AUTH_HASH_MAX];
    e = auth_pin_hash_for(a, c->id, pin, hash);
    if (e == PK_EINVAL)
        return PK_OK;   /* an old PIN the policy no longer accepts: rebinding waits for passwd */
    if (e != PK_OK)
        return e;
    e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, "UPDATE clerks SET pin_hash = ?2, pin_v = 2"
                                       " WHERE id = ?1 AND pin_hash = ?3 AND pin_v = 1");
    if (!stmt)
        e = PK_EIO;
    if (e == PK_OK) {
        store_bind_text(stmt, 1, c->id);
        store_bind_text(stmt, 2, hash);
        store_bind_text(stmt, 3, c->pin_hash);
        e = store_step_done(s, stmt);
    }
    if (e == PK_OK && sqlite3_changes(s->conn) == 1)
        e = store_audit_append(s, now, c->id, "clerk_pin_bound", c->id, "pin_v=1->2");
    mem_wipe(hash, sizeof hash);
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
}

/* The account inside the transaction, for "what changed". */
static pk_err get_locked(store *s, const char *id, const char *actor, clerk_account *c)
{
    if (!auth_id_valid(id) || !actor || !store_text_ok(actor, AUDIT_ACTOR_MAX) || !actor[0])
        return PK_EINVAL;
    return store_clerk_get(s, id, c);
}

pk_err store_clerk_set_role(store *s, const char *id, clerk_role role, const char *actor,
                            int64_t now)
{
    if (role != ROLE_CLERK && role != ROLE_SUPERVISOR)
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    clerk_account c;
    e = get_locked(s, id, actor, &c);
    if (e == PK_OK && c.role == ROLE_SUPERVISOR && role != ROLE_SUPERVISOR && !c.disabled &&
        store_clerk_count(s, ROLE_SUPERVISOR) <= 1)
        e = PK_EPERM;   /* never lock everyone out */
    if (e == PK_OK && c.role != role) {
        sqlite3_stmt *stmt = store_stmt(s, "UPDATE clerks SET role = ?2, updated_at = ?3"
                                           " WHERE id = ?1");
        e = stmt ? PK_OK : PK_EIO;
        if (e == PK_OK) {
            store_bind_text(stmt, 1, id);
            store_bind_text(stmt, 2, auth_role_code(role));
            sqlite3_bind_int64(stmt, 3, now);
            e = store_step_done(s, stmt);
        }
        char detail[64];
        snprintf(detail, sizeof detail, "role=%s->%s", auth_role_code(c.role), auth_role_code(role));
        if (e == PK_OK)
            e = store_audit_append(s, now, actor, "clerk_role", id, detail);
    }
    mem_wipe(&c, sizeof c);
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
}

pk_err store_clerk_enable(store *s, const char *id, const char *actor, int64_t now)
{
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    clerk_account c;
    e = get_locked(s, id, actor, &c);
    if (e == PK_OK) {
        sqlite3_stmt *stmt = store_stmt(s, "UPDATE clerks SET disabled = 0, failures = 0,"
                                           " locked_until = 0, updated_at = ?2 WHERE id = ?1");
        e = stmt ? PK_OK : PK_EIO;
        if (e == PK_OK) {
            store_bind_text(stmt, 1, id);
            sqlite3_bind_int64(stmt, 2, now);
            e = store_step_done(s, stmt);
        }
        char detail[96];
        snprintf(detail, sizeof detail, "disabled=%d->0 failures=%d->0 locked=%s->no",
                 c.disabled ? 1 : 0, c.lock.failures, c.lock.locked_until > now ? "yes" : "no");
        if (e == PK_OK)
            e = store_audit_append(s, now, actor, "clerk_enable", id, detail);
    }
    mem_wipe(&c, sizeof c);
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    return store_commit(s);
}
