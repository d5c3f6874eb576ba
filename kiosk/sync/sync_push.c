/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One sync pass (sync_push.h). */
#include "sync_push.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "central.h"
#include "i18n.h"
#include "log.h"
#include "pgc.h"
#include "store_audit.h"
#include "store_sync.h"
#include "sync_conn.h"
#include "sync_restore.h"
#include "testhook.h"
#include "util.h"

/* pk.events' columns as the outbox has them, in COPY order */
#define EVENT_COLS \
    "kiosk, seq, kind, at, ref, s10, proc_code, proc_name, agency, unit_id, unit_name, form," \
    " from_status, status, created_at, created_day, expected_date, accepted_at, completed_day," \
    " closed_day, incident, fee_post, fee_collected, key_version, detail, audit_seq, audit_hash"

/* the batch lands here first; ON COMMIT DELETE ROWS empties it */
static const char batch_table[] =
    "CREATE TEMP TABLE IF NOT EXISTS pk_batch("
    " kiosk text, seq bigint, kind text, at bigint, ref text, s10 text, proc_code text,"
    " proc_name text, agency text, unit_id bigint, unit_name text, form int, from_status text,"
    " status text, created_at bigint, created_day text, expected_date text, accepted_at bigint,"
    " completed_day text, closed_day text, incident text, fee_post bigint, fee_collected bigint,"
    " key_version int, detail text, audit_seq bigint, audit_hash text) ON COMMIT DELETE ROWS";

/* the personal data [sync] share lets leave, per dossier of the batch */
static const char share_table[] =
    "CREATE TEMP TABLE IF NOT EXISTS pk_share(kiosk text, ref text, name text, id_number text,"
    " phone text, email text, address text) ON COMMIT DELETE ROWS";

/* the rows of this batch the server already holds with other content */
static const char diverged[] =
    "SELECT b.seq FROM pk_batch b JOIN pk.events e ON e.kiosk = b.kiosk AND e.seq = b.seq"
    " WHERE (e.kind, e.at, e.ref, e.s10, e.proc_code, e.proc_name, e.agency, e.unit_id,"
    "  e.unit_name, e.form, e.from_status, e.status, e.created_at, e.created_day,"
    "  e.expected_date, e.accepted_at, e.completed_day, e.closed_day, e.incident, e.fee_post,"
    "  e.fee_collected, e.key_version, e.detail, e.audit_seq, e.audit_hash)"
    " IS DISTINCT FROM (b.kind, b.at, b.ref, b.s10, b.proc_code, b.proc_name, b.agency,"
    "  b.unit_id, b.unit_name, b.form, b.from_status, b.status, b.created_at, b.created_day,"
    "  b.expected_date, b.accepted_at, b.completed_day, b.closed_day, b.incident, b.fee_post,"
    "  b.fee_collected, b.key_version, b.detail, b.audit_seq, b.audit_hash)"
    " ORDER BY b.seq LIMIT 1";

/* The batch into pk.events and the pass into pk.kiosk_sync in one
 * statement (one round trip); the number of rows new at the server. When
 * it is the whole batch, no row can differ from the server's: the
 * comparison (diverged) runs only for a batch sent again. */
static const char insert_batch[] =
    "WITH ins AS (INSERT INTO pk.events(" EVENT_COLS ") SELECT " EVENT_COLS
    "  FROM pk_batch ORDER BY seq ON CONFLICT (kiosk, seq) DO NOTHING RETURNING 1),"
    " pass AS (INSERT INTO pk.kiosk_sync(kiosk, last_sync_at, last_seq, clock_skew_s)"
    "  VALUES ($1, now(), $2::bigint, $3::bigint) ON CONFLICT (kiosk) DO UPDATE"
    "  SET last_sync_at = now(), last_seq = greatest(pk.kiosk_sync.last_seq, EXCLUDED.last_seq),"
    "  clock_skew_s = EXCLUDED.clock_skew_s RETURNING 1)"
    " SELECT count(*) FROM ins";

/* COPY text format: backslash, tab, newline and carriage return escaped */
static void copy_text(sbuf *b, const char *s, bool last)
{
    while (*s) {
        size_t run = strcspn(s, "\\\t\n\r");
        sbuf_addn(b, s, run);
        s += run;
        if (!*s)
            break;
        sbuf_add(b, *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : "\\r");
        s++;
    }
    sbuf_add(b, last ? "\n" : "\t");
}

static void copy_int(sbuf *b, int64_t v)
{
    sbuf_addf(b, "%" PRId64 "\t", v);
}

static void copy_row(sbuf *b, const sync_row *r)
{
    copy_text(b, r->kiosk_code, false);
    copy_int(b, r->seq);
    copy_text(b, r->kind, false);
    copy_int(b, r->at);
    copy_text(b, r->ref, false);
    copy_text(b, r->s10, false);
    copy_text(b, r->proc_code, false);
    copy_text(b, r->proc_name, false);
    copy_text(b, r->agency, false);
    copy_int(b, r->unit_id);
    copy_text(b, r->unit_name, false);
    copy_int(b, r->form);
    copy_text(b, r->from_status, false);
    copy_text(b, r->status, false);
    copy_int(b, r->created_at);
    copy_text(b, r->created_day, false);
    copy_text(b, r->expected_date, false);
    copy_int(b, r->accepted_at);
    copy_text(b, r->completed_day, false);
    copy_text(b, r->closed_day, false);
    copy_text(b, r->incident, false);
    copy_int(b, r->fee_post);
    copy_int(b, r->fee_collected);
    copy_int(b, r->key_version);
    copy_text(b, r->detail, false);
    copy_int(b, r->audit_seq);
    copy_text(b, r->audit_hash, true);
}

/* POSTKIOSK_SYNC_PAUSE="before-commit:N:FILE" or "after-commit:N:FILE"
 * (tests, with POSTKIOSK_TEST=1): at that point of batch N, writes FILE
 * (the pid) and waits, at most 120 s, until the test removes it; the
 * test meanwhile kills the pass, ends its session or restarts the server. */
static void pause_point(const char *where, int batch)
{
    const char *hook = test_hook("POSTKIOSK_SYNC_PAUSE");
    if (!hook)
        return;
    size_t wl = strlen(where);
    if (strncmp(hook, where, wl) != 0 || hook[wl] != ':')
        return;
    char *end;
    long n = strtol(hook + wl + 1, &end, 10);
    if (n != batch || *end != ':' || !end[1])
        return;
    const char *file = end + 1;
    FILE *f = fopen(file, "w");
    if (!f)
        return;
    fprintf(f, "%ld\n", (long)getpid());
    fclose(f);
    for (int i = 0; i < 1200 && access(file, F_OK) == 0; i++)
        usleep(100000);
}

static void rollback(pgc *c)
{
    char ignored[64];
    if (pgc_alive(c))
        pgc_exec(c, "ROLLBACK", ignored, sizeof ignored);
}

/* Marks the rows up to *unmarked sent locally (committed at the server
 * already); 0 when nothing waits. */
static pk_err mark_sent(store *db, int64_t *unmarked, int64_t now, char *why, size_t whysz)
{
    if (*unmarked <= 0)
        return PK_OK;
    pk_err e = store_sync_mark_sent(db, *unmarked, now);
    if (e != PK_OK)
        snprintf(why, whysz, _("the local outbox cannot be updated: %s"), _(pk_err_msg(e)));
    else
        *unmarked = 0;
    return e;
}

/* personal data leaves no copy in freed memory */
static void sbuf_wipe_free(sbuf *b)
{
    if (b->data)
        mem_wipe(b->data, b->len);
    sbuf_free(b);
}

/* The shared fields of the batch's dossiers as they are now, one COPY
 * line each (a dossier's rows are usually together: looked up once per
 * run of its rows); the fields not shared stay empty (NULL there). */
static pk_err share_lines(store *db, unsigned share, const sync_row *rows, int n, sbuf *b,
                          char *why, size_t whysz)
{
    const char *last = "";
    for (int i = 0; i < n; i++) {
        if (!rows[i].ref[0] || strcmp(rows[i].ref, last) == 0)
            continue;
        last = rows[i].ref;
        sync_personal p;
        pk_err e = store_sync_personal(db, rows[i].ref, &p);
        if (e == PK_ENOTFOUND)
            continue;
        if (e != PK_OK) {
            snprintf(why, whysz, _("the local outbox cannot be read: %s"), _(pk_err_msg(e)));
            return e;
        }
        copy_text(b, rows[i].kiosk_code, false);
        copy_text(b, rows[i].ref, false);
        copy_text(b, share & SYNC_SHARE_NAME ? p.name : "", false);
        copy_text(b, share & SYNC_SHARE_ID ? p.id_number : "", false);
        copy_text(b, share & SYNC_SHARE_PHONE ? p.phone : "", false);
        copy_text(b, share & SYNC_SHARE_EMAIL ? p.email : "", false);
        copy_text(b, share & SYNC_SHARE_ADDRESS ? p.address : "", true);
        mem_wipe(&p, sizeof p);
    }
    return PK_OK;
}

/* One batch: rows[0..n) in one transaction; with share, the batch's
 * dossiers' shared fields in the same one. While the server inserts it,
 * the previous batch (committed) is marked sent locally: the two fsyncs,
 * the server's and the kiosk's, overlap. */
static pk_err push_batch(pgc *c, store *db, unsigned share, const char *kiosk, const sync_row *rows, int n,
                         int batch, int64_t skew, int64_t *unmarked, int64_t now, char *why,
                         size_t whysz)
{
    for (int i = 0; i < n; i++)
        if (strcmp(rows[i].kiosk_code, kiosk) != 0) {
            snprintf(why, whysz,
                     _("outbox row %" PRId64 " belongs to kiosk %s, but the login is kiosk %s's: "
                       "nothing more is sent"),
                     rows[i].seq, rows[i].kiosk_code, kiosk);
            return PK_ESTATE;
        }
    if (!pgc_exec(c, "BEGIN", why, whysz))
        return PK_EIO;
    sbuf b = {0};
    for (int i = 0; i < n; i++)
        copy_row(&b, &rows[i]);
    bool ok = pgc_copy_begin(c, "COPY pk_batch(" EVENT_COLS ") FROM STDIN", why, whysz) &&
              pgc_copy_send(c, b.data, b.len, why, whysz) && pgc_copy_end(c, why, whysz);
    sbuf_free(&b);
    char last[32], skew_s[32], inserted[32] = "";
    snprintf(last, sizeof last, "%" PRId64, rows[n - 1].seq);
    snprintf(skew_s, sizeof skew_s, "%" PRId64, skew);
    const char *p[3] = {kiosk, last, skew_s};
    ok = ok && pgc_send(c, insert_batch, 3, p, why, whysz);
    if (ok) {
        char local[300] = "";
        pk_err m = mark_sent(db, unmarked, now, local, sizeof local);
        ok = pgc_result1(c, inserted, sizeof inserted, why, whysz);
        if (m != PK_OK) {
            rollback(c);
            snprintf(why, whysz, "%s", local);
            return m;
        }
    }
    if (ok && strtol(inserted, NULL, 10) < n) {
        /* some rows were there already (a batch sent again): the same? */
        char seq[32] = "";
        int rows_diverged = 0;
        ok = pgc_query1(c, diverged, 0, NULL, seq, sizeof seq, &rows_diverged, why, whysz);
        if (ok && rows_diverged) {
            rollback(c);
            snprintf(why, whysz,
                     _("the central server holds a different row %s of kiosk %s: was this kiosk's "
                       "database replaced or restored? Nothing more is sent"),
                     seq, kiosk);
            return PK_ETAMPER;
        }
    }
    if (ok && share) {
        sbuf sb = {0};
        pk_err e = share_lines(db, share, rows, n, &sb, why, whysz);
        if (e != PK_OK) {
            sbuf_wipe_free(&sb);
            rollback(c);
            return e;
        }
        ok = sb.len == 0 ||
             (pgc_copy_begin(c, "COPY pk_share FROM STDIN", why, whysz) &&
              pgc_copy_send(c, sb.data, sb.len, why, whysz) && pgc_copy_end(c, why, whysz) &&
              pgc_exec(c,
                       "UPDATE pk.dossiers d SET name = nullif(s.name, ''),"
                       " id_number = nullif(s.id_number, ''), phone = nullif(s.phone, ''),"
                       " email = nullif(s.email, ''), address = nullif(s.address, '')"
                       " FROM pk_share s WHERE d.kiosk = s.kiosk AND d.ref = s.ref",
                       why, whysz));
        sbuf_wipe_free(&sb);
    }
    if (ok)
        pause_point("before-commit", batch);
    if (!ok || !pgc_exec(c, "COMMIT", why, whysz)) {
        /* the reason of the first failure, or of the COMMIT */
        if (!pgc_alive(c))
            pgc_why(c, _("central server"), why, whysz);
        rollback(c);
        return PK_EIO;
    }
    pause_point("after-commit", batch);
    return PK_OK;
}

/* The local audit head, kept by the server with every other it saw; a
 * head the server has under the same seq with another hash means the
 * local chain was rewritten. */
static pk_err push_head(store *db, pgc *c, const char *kiosk, char *why, size_t whysz)
{
    int64_t seq = 0;
    char hex[AUDIT_HEX_MAX] = "";
    pk_err e = store_audit_head(db, &seq, hex);
    if (e != PK_OK) {
        snprintf(why, whysz, _("the local audit head cannot be read: %s"), _(pk_err_msg(e)));
        return e;
    }
    if (seq <= 0)
        return PK_OK;
    char seq_s[32], theirs[AUDIT_HEX_MAX] = "";
    snprintf(seq_s, sizeof seq_s, "%" PRId64, seq);
    const char *p[3] = {kiosk, seq_s, hex};
    if (!pgc_query1(c,
                    "INSERT INTO pk.audit_heads(kiosk, epoch, audit_seq, head)"
                    " VALUES ($1, pk.epoch_of($1), $2::bigint, $3) ON CONFLICT DO NOTHING",
                    3, p, NULL, 0, NULL, why, whysz) ||
        !pgc_query1(c, "SELECT head FROM pk.audit_heads WHERE kiosk = $1"
                       " AND epoch = pk.epoch_of($1) AND audit_seq = $2::bigint",
                    2, p, theirs, sizeof theirs, NULL, why, whysz))
        return PK_EIO;
    if (strcmp(theirs, hex) != 0) {
        snprintf(why, whysz,
                 _("the province has another audit head at seq %s than this kiosk's chain: the "
                   "local history was rewritten (postkiosk audit verify --central)"),
                 seq_s);
        return PK_ETAMPER;
    }
    return PK_OK;
}

/* Dossiers purged here since the last pass: their personal data erased
 * at the central server too (whatever [sync] share said when it went). */
static pk_err push_purges(store *db, pgc *c, const char *kiosk, char *why, size_t whysz)
{
    char v[32] = "0";
    pk_err e = store_setting_get(db, "sync_purged_upto", v, sizeof v);
    if (e != PK_OK && e != PK_ENOTFOUND)
        return e;
    int64_t after = strtoll(v, NULL, 10), upto = after;
    char (*refs)[PK_REF_MAX] = NULL;
    int n = 0;
    e = store_sync_purged(db, after, &refs, &n, &upto);
    if (e != PK_OK) {
        snprintf(why, whysz, _("the local outbox cannot be read: %s"), _(pk_err_msg(e)));
        return e;
    }
    if (n == 0) {
        free(refs);
        return PK_OK;
    }
    bool ok = pgc_exec(c, "BEGIN", why, whysz);
    for (int i = 0; ok && i < n; i += 500) {
        sbuf b = {0};
        sbuf_add(&b, "{");
        for (int j = i; j < n && j < i + 500; j++) {
            sbuf_add(&b, j > i ? ",\"" : "\"");   /* references: letters, digits, '-' */
            sbuf_add(&b, refs[j]);
            sbuf_add(&b, "\"");
        }
        sbuf_add(&b, "}");
        const char *p[2] = {kiosk, b.data};
        ok = pgc_query1(c,
                        "UPDATE pk.dossiers SET name = NULL, id_number = NULL, phone = NULL,"
                        " email = NULL, address = NULL WHERE kiosk = $1 AND ref = ANY($2::text[])",
                        2, p, NULL, 0, NULL, why, whysz);
        sbuf_free(&b);
    }
    free(refs);
    if (!ok || !pgc_exec(c, "COMMIT", why, whysz)) {
        if (!pgc_alive(c))
            pgc_why(c, _("central server"), why, whysz);
        rollback(c);
        return PK_EIO;
    }
    snprintf(v, sizeof v, "%" PRId64, upto);
    e = store_setting_set(db, "sync_purged_upto", v);
    if (e != PK_OK)
        snprintf(why, whysz, _("the local outbox cannot be updated: %s"), _(pk_err_msg(e)));
    return e;
}

static int64_t server_clock(pgc *c, char *why, size_t whysz, bool *ok)
{
    char now[32];
    *ok = pgc_query1(c, "SELECT floor(extract(epoch FROM now()))::bigint", 0, NULL, now,
                     sizeof now, NULL, why, whysz);
    return *ok ? strtoll(now, NULL, 10) : 0;
}

pk_err sync_push(store *db, const sync_config *sc, int64_t now, sync_stats *st, char *why,
                 size_t whysz)
{
    memset(st, 0, sizeof *st);
    pgc *c = NULL;
    pk_err e = sync_open(sc, &c, st->kiosk, sizeof st->kiosk, why, whysz);
    bool ok = e == PK_OK;
    if (ok) {
        int64_t server = server_clock(c, why, whysz, &ok);
        st->skew = server - now;
        ok = ok && pgc_exec(c, batch_table, why, whysz) &&
             (!sc->share || pgc_exec(c, share_table, why, whysz));
        if (!ok)
            e = PK_EIO;
    }
    /* a database restored from a backup moves its counters past what the
     * province has of it before anything is pushed */
    if (ok && (e = sync_recover(db, c, st->kiosk, now, &st->restore, why, whysz)) != PK_OK)
        ok = false;
    sync_row *rows = ok ? xcalloc((size_t)sc->batch, sizeof *rows) : NULL;
    int64_t unmarked = 0;   /* committed at the server, not marked sent yet */
    while (e == PK_OK) {
        int n = 0;
        e = store_sync_pending(db, st->last_seq, rows, sc->batch, &n);
        if (e != PK_OK) {
            snprintf(why, whysz, _("the local outbox cannot be read: %s"), _(pk_err_msg(e)));
            break;
        }
        if (n == 0)
            break;
        e = push_batch(c, db, sc->share, st->kiosk, rows, n, st->batches + 1, st->skew, &unmarked, now, why,
                       whysz);
        if (e != PK_OK)
            break;
        /* committed at the server: marked sent here during the next batch
         * or after the last; a crash before that only sends the batch
         * again, which changes nothing there */
        st->batches++;
        st->sent += n;
        st->last_seq = unmarked = rows[n - 1].seq;
    }
    free(rows);
    if (unmarked > 0) {
        /* what the server committed, even when a later batch failed */
        char local[300];
        pk_err m = mark_sent(db, &unmarked, now, local, sizeof local);
        if (m != PK_OK && e == PK_OK) {
            e = m;
            snprintf(why, whysz, "%s", local);
        }
    }
    if (e == PK_OK)
        e = push_purges(db, c, st->kiosk, why, whysz);
    if (e == PK_OK)
        e = push_head(db, c, st->kiosk, why, whysz);
    if (e == PK_OK && st->batches == 0)
        e = store_sync_mark_sent(db, 0, now);   /* nothing pending: a success all the same */
    pgc_close(c);
    if (e != PK_OK) {
        log_warn("sync failed: %s", why);
        store_sync_failed(db, now, why);
    }
    return e;
}
