/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hash-chained audit log (RELIABILITY.md §7.3): appending rows,
 * mirroring dossier events into the chain, the head, listing and the
 * verifier. The table itself is created by schema v2 (store_clerk.c); v4
 * (here) keys the chain and seals dossier and clerk rows (store_seal.c). */
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_audit.h"
#include "util.h"

static bool text_field_ok(const char *t, size_t cap)
{
    return t && store_text_ok(t, cap);
}

/* Whether new rows are HMAC-linked: the schema has audit.keyed (version 4
 * on). Asked until true, so that a migration after version 4 keys its rows
 * although the store is not fully open yet. */
static bool chain_keyed(store *s)
{
    if (s->audit_keyed)
        return true;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT count(*) FROM pragma_table_info('audit')"
                                       " WHERE name = 'keyed'");
    if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        s->audit_keyed = sqlite3_column_int(stmt, 0) > 0;
    store_done(stmt);
    return s->audit_keyed;
}

/* Appends one row after the current head; inside a transaction. */
pk_err store_chain_append(store *s, int64_t at, const char *actor, const char *action,
                           const char *object, const char *detail, int64_t event_seq)
{
    unsigned char prev[AUDIT_HASH_BYTES] = {0};
    int64_t seq = 1;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        seq = sqlite3_column_int64(stmt, 0) + 1;
        if (sqlite3_column_bytes(stmt, 1) == AUDIT_HASH_BYTES)
            memcpy(prev, sqlite3_column_blob(stmt, 1), AUDIT_HASH_BYTES);
    } else if (rc != SQLITE_DONE) {
        pk_err e = store_rc(s, rc);
        store_done(stmt);
        return e;
    }
    store_done(stmt);
    unsigned char h[AUDIT_HASH_BYTES];
    s->last_at = at;
    if (chain_keyed(s)) {
        audit_link_keyed(s->audit_key, prev, seq, at, actor, action, object, detail, h);
        stmt = store_stmt(s, "INSERT INTO audit(seq, at, actor, action, object, detail, prev_hash,"
                           " hash, event_seq, keyed) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)");
    } else {   /* upgrading a database from before version 4: legacy link */
        audit_link(prev, seq, at, actor, action, object, detail, h);
        stmt = store_stmt(s, "INSERT INTO audit(seq, at, actor, action, object, detail, prev_hash,"
                           " hash, event_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    }
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, seq);
    sqlite3_bind_int64(stmt, 2, at);
    store_bind_text(stmt, 3, actor);
    store_bind_text(stmt, 4, action);
    store_bind_text(stmt, 5, object);
    store_bind_text(stmt, 6, detail);
    sqlite3_bind_blob(stmt, 7, prev, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
    sqlite3_bind_blob(stmt, 8, h, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
    if (event_seq > 0)
        sqlite3_bind_int64(stmt, 9, event_seq);
    else
        sqlite3_bind_null(stmt, 9);
    return store_step_done(s, stmt);
}

static const char *col(sqlite3_stmt *stmt, int i)
{
    const char *t = (const char *)sqlite3_column_text(stmt, i);
    return t ? t : "";
}

/* The mirror row's detail for the event in the current row of stmt
 * (columns: seq, at, actor, from, to, note, ref). Digest over the exact
 * stored text, whatever its length. */
static void event_detail(sqlite3_stmt *stmt, int64_t seq, int64_t at, char out[AUDIT_DETAIL_MAX])
{
    char digest[AUDIT_HEX_MAX];
    audit_event_digest(seq, col(stmt, 6), at, col(stmt, 2), col(stmt, 3), col(stmt, 4), col(stmt, 5),
                       digest);
    snprintf(out, AUDIT_DETAIL_MAX, "ref=%.24s from=%.24s to=%.24s digest=%s", col(stmt, 6),
             col(stmt, 3), col(stmt, 4), digest);
}

/* Chains one event (the row of stmt: seq, at, actor, from, to, note, ref). */
static pk_err chain_row(store *s, sqlite3_stmt *stmt)
{
    int64_t seq = sqlite3_column_int64(stmt, 0), at = sqlite3_column_int64(stmt, 1);
    char *actor = xstrdup(col(stmt, 2)), object[32], detail[AUDIT_DETAIL_MAX];
    event_detail(stmt, seq, at, detail);
    store_done(stmt);
    snprintf(object, sizeof object, "%" PRId64, seq);
    pk_err e = store_chain_append(s, at, actor, "event", object, detail, seq);
    free(actor);
    return e;
}

#define EVENT_ROW "SELECT e.seq, e.at, e.actor, e.from_status, e.to_status, e.note, d.ref" \
                  " FROM events e CROSS JOIN dossiers d ON d.id = e.dossier_id"

pk_err store_audit_event(store *s, int64_t event_seq)
{
    pk_err e;
    sqlite3_stmt *stmt = store_begin_stmt(s, EVENT_ROW " WHERE e.seq = ?1", &e);
    if (!stmt)
        return e;
    sqlite3_bind_int64(stmt, 1, event_seq);
    e = store_step_row(s, stmt);
    if (e == PK_OK)
        e = chain_row(s, stmt);
    else
        store_done(stmt);
    return store_end(s, e);
}

pk_err store_audit_chain_pending(store *s)
{
    pk_err e;
    int64_t upto = 0;
    sqlite3_stmt *stmt = store_begin_stmt(s, "SELECT max(event_seq) FROM audit", &e);
    if (!stmt)
        return e;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        upto = sqlite3_column_int64(stmt, 0);
    store_done(stmt);
    for (;;) {
        /* one event at a time: no cursor stays open across the inserts */
        stmt = store_stmt(s, EVENT_ROW " WHERE e.seq > ?1 ORDER BY e.seq LIMIT 1");
        if (!stmt) {
            e = PK_EIO;
            break;
        }
        sqlite3_bind_int64(stmt, 1, upto);
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_ROW) {
            e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
            store_done(stmt);
            break;
        }
        int64_t seq = sqlite3_column_int64(stmt, 0);
        e = chain_row(s, stmt);
        if (e != PK_OK)
            break;
        upto = seq;
    }
    return store_end(s, e);
}

pk_err store_clerk_upgrade(store *s)
{
    /* a database from before version 2: its events are chained once, at
     * the upgrade; from then on each event is chained as it is written */
    return store_audit_chain_pending(s);
}

pk_err store_audit_append(store *s, int64_t at, const char *actor, const char *action,
                          const char *object, const char *detail)
{
    if (!text_field_ok(actor, AUDIT_ACTOR_MAX) || !text_field_ok(action, AUDIT_ACTION_MAX) ||
        !text_field_ok(object ? object : "", AUDIT_OBJECT_MAX) ||
        !text_field_ok(detail ? detail : "", AUDIT_DETAIL_MAX) || !actor[0] || !action[0] ||
        store_audit_reserved(action))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    e = store_chain_append(s, at, actor, action, object ? object : "", detail ? detail : "", 0);
    return store_end(s, e);
}

pk_err store_audit_head(store *s, int64_t *seq, char hex[AUDIT_HEX_MAX])
{
    *seq = 0;
    hex[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(stmt, 0);
        if (sqlite3_column_bytes(stmt, 1) == AUDIT_HASH_BYTES)
            audit_hex(sqlite3_column_blob(stmt, 1), AUDIT_HASH_BYTES, hex, AUDIT_HEX_MAX);
    }
    pk_err e = rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

pk_err store_audit_head_code(store *s, int64_t *seq, char code[AUDIT_ANCHOR_MAX])
{
    *seq = 0;
    code[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 1) == AUDIT_HASH_BYTES) {
        *seq = sqlite3_column_int64(stmt, 0);
        audit_anchor_code(*seq, sqlite3_column_blob(stmt, 1), code);
    }
    pk_err e = rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

static void read_audit(sqlite3_stmt *stmt, audit_row *r)
{
    memset(r, 0, sizeof *r);
    r->seq = sqlite3_column_int64(stmt, 0);
    r->at = sqlite3_column_int64(stmt, 1);
    store_col_text(stmt, 2, r->actor, sizeof r->actor);
    store_col_text(stmt, 3, r->action, sizeof r->action);
    store_col_text(stmt, 4, r->object, sizeof r->object);
    store_col_text(stmt, 5, r->detail, sizeof r->detail);
    if (sqlite3_column_bytes(stmt, 6) == AUDIT_HASH_BYTES)
        memcpy(r->prev_hash, sqlite3_column_blob(stmt, 6), AUDIT_HASH_BYTES);
    if (sqlite3_column_bytes(stmt, 7) == AUDIT_HASH_BYTES)
        memcpy(r->hash, sqlite3_column_blob(stmt, 7), AUDIT_HASH_BYTES);
    r->keyed = sqlite3_column_int(stmt, 8) != 0;
}

pk_err store_audit_list(store *s, int64_t before, audit_row *rows, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT seq, at, actor, action, object, detail, prev_hash, hash, keyed FROM audit"
        " WHERE (?1 = 0 OR seq < ?1) AND action <> 'seal' ORDER BY seq DESC LIMIT ?2");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, before);
    sqlite3_bind_int(stmt, 2, max);
    int rc;
    while (*n < max && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
        read_audit(stmt, &rows[(*n)++]);
    store_done(stmt);
    return PK_OK;
}

/* Second pass: the k-th mirror row must describe the k-th event, exactly. */
static pk_err verify_events(store *s, audit_check *r)
{
    sqlite3_stmt *ev = NULL, *mi = NULL;
    int rc = sqlite3_prepare_v2(s->conn,
        "SELECT e.seq, e.at, e.actor, e.from_status, e.to_status, e.note,"
        " coalesce(d.ref, '') FROM events e LEFT JOIN dossiers d ON d.id = e.dossier_id"
        " ORDER BY e.seq", -1, &ev, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->conn, "SELECT seq, event_seq, object, detail, at, actor"
                                       " FROM audit WHERE event_seq IS NOT NULL"
                                       " ORDER BY event_seq", -1, &mi, NULL);
    pk_err e = store_rc(s, rc);
    bool have_ev = false, have_mi = false;
    while (e == PK_OK) {
        int r1 = sqlite3_step(ev), r2 = sqlite3_step(mi);
        have_ev = r1 == SQLITE_ROW;
        have_mi = r2 == SQLITE_ROW;
        if ((r1 != SQLITE_ROW && r1 != SQLITE_DONE) || (r2 != SQLITE_ROW && r2 != SQLITE_DONE)) {
            e = store_rc(s, r1 != SQLITE_ROW && r1 != SQLITE_DONE ? r1 : r2);
            break;
        }
        if (!have_ev && !have_mi)
            break;
        int64_t eseq = have_ev ? sqlite3_column_int64(ev, 0) : 0;
        int64_t mseq = have_mi ? sqlite3_column_int64(mi, 1) : 0;
        if (!have_ev || (have_mi && mseq < eseq)) {
            r->fault = AUDIT_EVENT_MISSING;
            r->bad_seq = sqlite3_column_int64(mi, 0);
            r->bad_event = mseq;
            break;
        }
        if (!have_mi || eseq < mseq) {
            r->fault = AUDIT_EVENT_UNCHAINED;
            r->bad_event = eseq;
            break;
        }
        int64_t at = sqlite3_column_int64(ev, 1);
        char expect[AUDIT_DETAIL_MAX], object[32];
        event_detail(ev, eseq, at, expect);
        snprintf(object, sizeof object, "%" PRId64, eseq);
        if (strcmp(col(mi, 2), object) != 0 || strcmp(col(mi, 3), expect) != 0 ||
            sqlite3_column_int64(mi, 4) != at || strcmp(col(mi, 5), col(ev, 2)) != 0) {
            r->fault = AUDIT_EVENT_EDITED;
            r->bad_seq = sqlite3_column_int64(mi, 0);
            r->bad_event = eseq;
            break;
        }
        r->events++;
    }
    sqlite3_finalize(ev);
    sqlite3_finalize(mi);
    return e;
}

pk_err store_audit_verify(store *s, audit_check *r)
{
    memset(r, 0, sizeof *r);
    pk_err e;
    /* one read transaction: both passes see the same snapshot */
    if (sqlite3_exec(s->conn, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_rc(s, sqlite3_errcode(s->conn));
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(s->conn, "SELECT seq, at, actor, action, object, detail,"
                                       " prev_hash, hash, keyed, event_seq FROM audit ORDER BY seq",
                                -1, &stmt, NULL);
    e = store_rc(s, rc);
    audit_verifier v;
    audit_verify_init(&v, s->has_audit_key ? s->audit_key : NULL);
    while (e == PK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        audit_row row;
        read_audit(stmt, &row);
        bool ok = audit_verify_step(&v, &row);
        /* event_seq sits outside the hash: it must agree with the object */
        if (ok && sqlite3_column_type(stmt, 9) != SQLITE_NULL) {
            char obj[32];
            snprintf(obj, sizeof obj, "%" PRId64, (int64_t)sqlite3_column_int64(stmt, 9));
            if (strcmp(row.action, "event") != 0 || strcmp(row.object, obj) != 0) {
                v.fault = AUDIT_HASH;
                v.bad_seq = row.seq;
                ok = false;
            }
        }
        if (!ok)
            break;
    }
    if (e == PK_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = store_rc(s, rc);
    sqlite3_finalize(stmt);
    r->count = v.count;
    r->head_seq = v.next_seq - 1;
    audit_hex(v.prev, AUDIT_HASH_BYTES, r->head_hex, sizeof r->head_hex);
    if (r->head_seq > 0)
        audit_anchor_code(r->head_seq, v.prev, r->head_code);
    if (e == PK_OK && v.fault == AUDIT_OK && !v.keyed_seen) {
        /* every database since version 4 holds keyed rows: none at all
         * means the chain was rebuilt by someone without the key */
        v.fault = AUDIT_UNKEYED;
        v.bad_seq = v.next_seq;
    }
    if (e == PK_OK && v.fault != AUDIT_OK) {
        r->fault = v.fault;
        r->bad_seq = v.bad_seq;
    }
    /* rows before events: a deleted dossier is named as such, not as the
     * events that lost their reference */
    if (e == PK_OK && r->fault == AUDIT_OK)
        e = store_seals_verify(s, r);
    if (e == PK_OK && r->fault == AUDIT_OK)
        e = verify_events(s, r);
    sqlite3_exec(s->conn, "COMMIT", NULL, NULL, NULL);
    if (e != PK_OK)
        return e;
    return r->fault == AUDIT_OK ? PK_OK : PK_ETAMPER;
}

pk_err store_audit_verify_anchor(store *s, const audit_anchor *a, audit_check *r)
{
    pk_err e = store_audit_verify(s, r);
    if (e != PK_OK)
        return e;
    /* a short code names its row; a full head (older reports) is found by
     * its MAC */
    sqlite3_stmt *stmt = store_stmt(s, a->seq > 0 ? "SELECT seq, hash FROM audit WHERE seq = ?1"
                                                   : "SELECT seq, hash FROM audit WHERE hash = ?2");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, a->seq);
    sqlite3_bind_blob(stmt, 2, a->mac, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
    int rc = sqlite3_step(stmt);
    bool found = rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 1) == AUDIT_HASH_BYTES &&
                 a->mac_len <= AUDIT_HASH_BYTES &&
                 memcmp(sqlite3_column_blob(stmt, 1), a->mac, a->mac_len) == 0;
    store_done(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_rc(s, rc);
    if (found)
        return PK_OK;
    r->fault = AUDIT_HEAD;
    r->bad_seq = a->seq;
    return PK_ETAMPER;
}

pk_err store_audit_hash_at(store *s, int64_t seq, char hex[AUDIT_HEX_MAX])
{
    hex[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(s, "SELECT hash FROM audit WHERE seq = ?1");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, seq);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == AUDIT_HASH_BYTES)
        audit_hex(sqlite3_column_blob(stmt, 0), AUDIT_HASH_BYTES, hex, AUDIT_HEX_MAX);
    pk_err e = rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}
