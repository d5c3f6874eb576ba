/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A restored kiosk rejoins the network (sync_restore.h). */
#include "sync_restore.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_audit.h"
#include "store_sync.h"
#include "sync_conn.h"
#include "util.h"

static bool query_int(pgc *c, const char *sql, const char *kiosk, int64_t *out, char *why,
                      size_t whysz)
{
    char v[32] = "";
    const char *p[1] = {kiosk};
    if (!pgc_query1(c, sql, 1, p, v, sizeof v, NULL, why, whysz))
        return false;
    *out = strtoll(v, NULL, 10);
    return true;
}

static bool add_s10(void *arg, int ncols, const char *const *v)
{
    sync_recovery *r = arg;
    if (ncols < 2 || r->ns10 >= SYNC_S10_PREFIXES || strlen(v[0]) != 2)
        return r->ns10 < SYNC_S10_PREFIXES;
    str_copy(r->s10[r->ns10].prefix, sizeof r->s10[r->ns10].prefix, v[0]);
    r->s10[r->ns10++].serial = strtoll(v[1], NULL, 10);
    return true;
}

/* What the central server holds of this kiosk: seqs, references, S10
 * serials (the references of this kiosk's own numbering only). */
static bool central_issued(pgc *c, const char *kiosk, sync_recovery *r, char *why, size_t whysz)
{
    const char *p[1] = {kiosk};
    r->ns10 = 0;
    return query_int(c, "SELECT coalesce(max(seq), 0) FROM pk.events WHERE kiosk = $1", kiosk,
                     &r->outbox_seq, why, whysz) &&
           query_int(c,
                     "SELECT coalesce(max(substring(ref FROM '^[A-Z0-9]+-([0-9]{1,12})$')"
                     "::bigint), 0) FROM pk.events WHERE kiosk = $1 AND kind = 'dossier'"
                     " AND ref LIKE $1 || '-%'",
                     kiosk, &r->ref_seq, why, whysz) &&
           pgc_query_each(c,
                          "SELECT substr(s10, 1, 2), max(substr(s10, 3, 8)::bigint)"
                          " FROM pk.events WHERE kiosk = $1 AND kind = 'dossier'"
                          " AND s10 ~ '^[A-Z]{2}[0-9]{9}[A-Z]{2}$' GROUP BY 1 ORDER BY 1",
                          1, p, add_s10, r, why, whysz);
}

/* The heads the central server has that the local chain holds up to the
 * first that it does not: from there on they are lost with the restore. */
static pk_err fork_point(store *db, const sync_head *heads, int n, sync_recovery *r, char *why,
                         size_t whysz)
{
    r->lost = 0;
    r->lost_from = r->lost_to = 0;
    r->head_seq = n ? heads[n - 1].seq : 0;
    for (int i = 0; i < n; i++) {
        char hex[AUDIT_HEX_MAX];
        pk_err e = store_audit_hash_at(db, heads[i].seq, hex);
        if (e != PK_OK) {
            snprintf(why, whysz, _("the local audit chain cannot be read: %s"), _(pk_err_msg(e)));
            return e;
        }
        if (r->lost == 0 && strcmp(hex, heads[i].head) == 0)
            continue;
        if (r->lost++ == 0)
            r->lost_from = heads[i].seq;
        r->lost_to = heads[i].seq;
    }
    return PK_OK;
}

static void rollback(pgc *c)
{
    char ignored[64];
    if (pgc_alive(c))
        pgc_exec(c, "ROLLBACK", ignored, sizeof ignored);
}

/* pk.restores and the restore's own audit row as the new epoch's first
 * head, once (a pass that died after this finds it by its mark). */
static bool record(pgc *c, const char *kiosk, const sync_recovery *r, const sync_marks *m,
                   int64_t mark_seq, const char *mark, int64_t now, char *why, size_t whysz)
{
    char at[32], local[32], central[32], ref[32], head[32], lost[16], from[32], to[32], seq[32];
    snprintf(at, sizeof at, "%" PRId64, now);
    snprintf(local, sizeof local, "%" PRId64, m->outbox_seq);
    snprintf(central, sizeof central, "%" PRId64, r->outbox_seq);
    snprintf(ref, sizeof ref, "%" PRId64, r->ref_seq);
    snprintf(head, sizeof head, "%" PRId64, r->head_seq);
    snprintf(lost, sizeof lost, "%d", r->lost);
    snprintf(from, sizeof from, "%" PRId64, r->lost_from);
    snprintf(to, sizeof to, "%" PRId64, r->lost_to);
    snprintf(seq, sizeof seq, "%" PRId64, mark_seq);
    const char *p[13] = {kiosk, at, r->marked ? "t" : "f", local, central, ref, head, lost,
                         from, to, seq, mark, NULL};
    int rows = 0;
    if (!pgc_exec(c, "BEGIN", why, whysz))
        return false;
    const char *pm[2] = {kiosk, mark};
    bool ok = pgc_query1(c, "SELECT 1 FROM pk.restores WHERE kiosk = $1 AND mark = $2", 2, pm,
                         NULL, 0, &rows, why, whysz);
    if (ok && rows == 0)
        ok = pgc_query1(c,
                        "INSERT INTO pk.restores(kiosk, epoch, kiosk_at, marked, local_seq,"
                        " central_seq, ref_seq, head_seq, lost, lost_from, lost_to, mark_seq, mark)"
                        " VALUES ($1, pk.epoch_of($1) + 1, $2::bigint, $3::boolean, $4::bigint,"
                        " $5::bigint, $6::bigint, $7::bigint, $8::int, $9::bigint, $10::bigint,"
                        " $11::bigint, $12)",
                        12, p, NULL, 0, NULL, why, whysz) &&
             pgc_query1(c,
                        "INSERT INTO pk.audit_heads(kiosk, epoch, audit_seq, head)"
                        " VALUES ($1, pk.epoch_of($1), $2::bigint, $3)",
                        3, (const char *[]){kiosk, seq, mark}, NULL, 0, NULL, why, whysz);
    if (!ok || !pgc_exec(c, "COMMIT", why, whysz)) {
        if (!pgc_alive(c))
            pgc_why(c, _("central server"), why, whysz);
        rollback(c);
        return false;
    }
    return true;
}

pk_err sync_recover(store *db, pgc *c, const char *kiosk, int64_t now, sync_restore_info *info,
                    char *why, size_t whysz)
{
    memset(info, 0, sizeof *info);
    sync_marks m;
    pk_err e = store_sync_marks(db, kiosk, &m);
    if (e != PK_OK) {
        snprintf(why, whysz, _("the local outbox cannot be read: %s"), _(pk_err_msg(e)));
        return e;
    }
    sync_recovery r;
    memset(&r, 0, sizeof r);
    if (!central_issued(c, kiosk, &r, why, whysz))
        return PK_EIO;
    if (!m.marked && !m.recovery_seq && r.outbox_seq <= m.outbox_seq)
        return PK_OK;   /* not restored (or copied back by hand with nothing lost) */
    r.marked = m.recovery_seq ? m.recovery_marked : m.marked;
    sync_head *heads = NULL;
    int n = 0;
    if (!sync_central_heads(c, &heads, &n, why, whysz))
        return PK_EIO;
    e = fork_point(db, heads, n, &r, why, whysz);
    free(heads);
    if (e != PK_OK)
        return e;
    int64_t mark_seq = m.recovery_seq;
    if (!mark_seq) {
        e = store_sync_recover(db, kiosk, &r, now, &mark_seq);
        if (e != PK_OK) {
            snprintf(why, whysz, _("the local counters cannot be moved: %s"), _(pk_err_msg(e)));
            return e;
        }
    }
    char mark[AUDIT_HEX_MAX];
    e = store_audit_hash_at(db, mark_seq, mark);
    if (e == PK_OK && !mark[0])
        e = PK_ETAMPER;   /* the recovery's own audit row is gone */
    if (e != PK_OK) {
        snprintf(why, whysz, _("the local audit chain cannot be read: %s"), _(pk_err_msg(e)));
        return e;
    }
    if (!record(c, kiosk, &r, &m, mark_seq, mark, now, why, whysz))
        return PK_EIO;
    e = store_sync_recovered(db);
    if (e != PK_OK) {
        snprintf(why, whysz, _("the local outbox cannot be updated: %s"), _(pk_err_msg(e)));
        return e;
    }
    info->recovered = true;
    info->central_seq = r.outbox_seq;
    info->ref_seq = r.ref_seq;
    info->head_seq = r.head_seq;
    info->lost = r.lost;
    info->lost_from = r.lost_from;
    info->lost_to = r.lost_to;
    return PK_OK;
}

typedef struct {
    sync_restore_row *rows;
    int n, cap;
} restores_ctx;

static bool add_restore(void *arg, int ncols, const char *const *v)
{
    restores_ctx *x = arg;
    if (ncols < 5)
        return false;
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 8;
        x->rows = xrealloc(x->rows, (size_t)x->cap * sizeof *x->rows);
    }
    sync_restore_row *r = &x->rows[x->n++];
    str_copy(r->recorded_at, sizeof r->recorded_at, v[0]);
    r->lost = atoi(v[1]);
    r->lost_from = strtoll(v[2], NULL, 10);
    r->lost_to = strtoll(v[3], NULL, 10);
    r->marked = strcmp(v[4], "t") == 0;
    return true;
}

bool sync_central_restores(pgc *c, sync_restore_row **rows, int *n, char *why, size_t whysz)
{
    restores_ctx x = {0};
    bool ok = pgc_query_each(c,
                             "SELECT to_char(recorded_at, 'YYYY-MM-DD HH24:MI:SS TZ'), lost,"
                             " lost_from, lost_to, marked FROM pk.restores"
                             " WHERE kiosk = pk.kiosk_of(current_user) ORDER BY epoch",
                             0, NULL, add_restore, &x, why, whysz);
    if (!ok) {
        free(x.rows);
        x.rows = NULL;
        x.n = 0;
    }
    *rows = x.rows;
    *n = x.n;
    return ok;
}
