/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A kiosk restored from an older backup (store_sync.h): the mark, what the
 * local counters are, and moving them past what the province already has.
 * Settings used: sync_restored (the mark, kiosk clock of the restore) and
 * sync_recovery ("<audit seq> <marked>": a recovery done here whose record
 * at the central server is not confirmed yet). */
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_audit.h"
#include "store_sync.h"

static pk_err setting_put(store *s, const char *key, const char *value)
{
    sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO settings(key, value) VALUES(?1, ?2)"
                                       " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, key);
    store_bind_text(stmt, 2, value);
    return store_step_done(s, stmt);
}

pk_err store_sync_restore_mark(store *s, int64_t at)
{
    char v[32];
    snprintf(v, sizeof v, "%" PRId64, at);
    pk_err e = store_begin(s);
    if (e == PK_OK)
        e = setting_put(s, "sync_restored", v);
    if (e == PK_OK)
        e = store_chain_append(s, at, "restore", "restore", "backup", "sync=pending", 0);
    return store_end(s, e);
}

bool store_sync_restore_marked(store *s)
{
    char v[32];
    return store_setting_get(s, "sync_restored", v, sizeof v) == PK_OK;
}

static int64_t int_of(sqlite3_stmt *stmt, store *s, pk_err *e)
{
    int64_t v = 0;
    if (!stmt) {
        *e = PK_EIO;
        return 0;
    }
    pk_err r = store_step_row(s, stmt);
    if (r == PK_OK)
        v = sqlite3_column_int64(stmt, 0);
    else if (r != PK_ENOTFOUND)
        *e = r;
    store_done(stmt);
    return v;
}

pk_err store_sync_marks(store *s, const char *kiosk, sync_marks *m)
{
    memset(m, 0, sizeof *m);
    if (!kiosk || !*kiosk)
        return PK_EINVAL;
    pk_err e = PK_OK;
    /* AUTOINCREMENT's high-water mark: above every row there ever was */
    m->outbox_seq = int_of(store_stmt(s, "SELECT max(coalesce((SELECT seq FROM sqlite_sequence"
                                         " WHERE name = 'sync_outbox'), 0),"
                                         " coalesce((SELECT max(seq) FROM sync_outbox), 0))"),
                           s, &e);
    char name[40];
    snprintf(name, sizeof name, "ref:%s", kiosk);
    sqlite3_stmt *stmt = store_stmt(s, "SELECT value FROM sequences WHERE name = ?1");
    if (stmt)
        store_bind_text(stmt, 1, name);
    m->ref_seq = int_of(stmt, s, &e);
    if (e != PK_OK)
        return e;
    char hex[AUDIT_HEX_MAX];
    e = store_audit_head(s, &m->head_seq, hex);
    if (e != PK_OK)
        return e;
    m->marked = store_sync_restore_marked(s);
    char v[48];
    if (store_setting_get(s, "sync_recovery", v, sizeof v) == PK_OK) {
        long long seq = 0;
        int marked = 0;
        if (sscanf(v, "%lld %d", &seq, &marked) == 2 && seq > 0) {
            m->recovery_seq = seq;
            m->recovery_marked = marked != 0;
        }
    }
    return PK_OK;
}

/* A counter to at least value (sequences.value is the last one given). */
static pk_err counter_at_least(store *s, const char *name, int64_t value)
{
    sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO sequences(name, value) VALUES(?1, ?2)"
                                       " ON CONFLICT(name) DO UPDATE SET value = excluded.value"
                                       " WHERE excluded.value > value");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, name);
    sqlite3_bind_int64(stmt, 2, value);
    return store_step_done(s, stmt);
}

static pk_err outbox_at_least(store *s, int64_t seq)
{
    /* sqlite_sequence has the row once the outbox had one; else make it */
    sqlite3_stmt *stmt = store_stmt(s, "UPDATE sqlite_sequence SET seq = ?1"
                                       " WHERE name = 'sync_outbox' AND seq < ?1");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, seq);
    pk_err e = store_step_done(s, stmt);
    if (e != PK_OK)
        return e;
    stmt = store_stmt(s, "INSERT INTO sqlite_sequence(name, seq) SELECT 'sync_outbox', ?1"
                         " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence"
                         "  WHERE name = 'sync_outbox')");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, seq);
    return store_step_done(s, stmt);
}

pk_err store_sync_recover(store *s, const char *kiosk, const sync_recovery *r, int64_t at,
                          int64_t *audit_seq)
{
    *audit_seq = 0;
    if (!kiosk || !*kiosk || r->outbox_seq < 0 || r->ref_seq < 0 || r->ns10 < 0 ||
        r->ns10 > SYNC_S10_PREFIXES)
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    e = outbox_at_least(s, r->outbox_seq);
    char name[40];
    snprintf(name, sizeof name, "ref:%s", kiosk);
    if (e == PK_OK)
        e = counter_at_least(s, name, r->ref_seq);
    for (int i = 0; e == PK_OK && i < r->ns10; i++) {
        snprintf(name, sizeof name, "s10:%.2s", r->s10[i].prefix);
        e = counter_at_least(s, name, r->s10[i].serial);
    }
    char detail[200];
    snprintf(detail, sizeof detail,
             "marked=%d outbox=%" PRId64 " ref=%" PRId64 " head=%" PRId64 " lost=%d:%" PRId64
             "-%" PRId64,
             r->marked ? 1 : 0, r->outbox_seq, r->ref_seq, r->head_seq, r->lost, r->lost_from,
             r->lost_to);
    if (e == PK_OK)
        e = store_chain_append(s, at, "sync", "restore", kiosk, detail, 0);
    char hex[AUDIT_HEX_MAX];
    if (e == PK_OK)
        e = store_audit_head(s, audit_seq, hex);
    char v[48];
    snprintf(v, sizeof v, "%" PRId64 " %d", *audit_seq, r->marked ? 1 : 0);
    if (e == PK_OK)
        e = setting_put(s, "sync_recovery", v);
    e = store_end(s, e);
    if (e != PK_OK)
        *audit_seq = 0;
    return e;
}

pk_err store_sync_recovered(store *s)
{
    pk_err e;
    sqlite3_stmt *stmt = store_begin_stmt(s, "DELETE FROM settings WHERE key IN"
                                             " ('sync_restored', 'sync_recovery')", &e);
    if (!stmt)
        return e;
    return store_end(s, store_step_done(s, stmt));
}
