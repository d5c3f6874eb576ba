/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync's ingest rate (issue 12, performance): a kiosk's backlog of
 * ROWS outbox rows (default 10,000: a 30-day offline kiosk) pushed by
 * sync_push over the Unix socket of a PostgreSQL started for the bench
 * (tests/pg.sh, in a temporary folder, removed at the end), against a bare
 * COPY of the same rows into the same table by the administrator.
 * Targets: sync >= 0.5x the COPY rate; a backlog of 10,000 in < 2 s.
 * BENCH_SYNC_ROUNDS rounds (default 3), each a new kiosk's backlog synced
 * then the same rows COPYed for another kiosk, interleaved so that a
 * machine's load weighs on both alike; the medians are the figures.
 * BENCH_SYNC_BATCH: rows per batch (default [sync] batch's,
 * SYNC_BATCH_DEFAULT). The national network's size: bench_central.
 * Size 0 measures nothing (no server is started). Rows for the table of
 * `make bench` (bench.h). Run from the repository root: build/bench_sync [ROWS] */
#include <ctype.h>
#include <inttypes.h>
#include <sodium.h>

#include "bench.h"
#include "bench_pg.h"
#include "central.h"
#include "pgc.h"
#include "sync_config.h"
#include "sync_push.h"

#define now_ms bench_now_ms

static void fail(const char *what, const char *why)
{
    bench_pg_fail("bench_sync", what, why);
}

static void copy_text(sbuf *b, const char *s, char end)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '\t' || *s == '\n' || *s == '\r') {
            sbuf_add(b, *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : "\\r");
        } else
            sbuf_addn(b, s, 1);
    }
    sbuf_addn(b, &end, 1);
}

/* One kiosk's backlog of rows outbox rows in a new store (tmp/CODE.db),
 * pushed by sync_push with that kiosk's login: the time in ms. */
static double sync_round(const char *tmp, const char *dir, int port, const char *code,
                         const char *password, int batch, int rows, sync_stats *st)
{
    char path[600], msg[300], why[1024];
    snprintf(path, sizeof path, "%s/%s.db", tmp, code);
    store *db = NULL;
    if (store_open(path, &db, msg, sizeof msg) != PK_OK)
        fail("store", msg);
    char sql[1400];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
             " INSERT INTO sync_outbox(kiosk_code, kind, at, ref, s10, proc_code, proc_name,"
             " agency, unit_id, unit_name, form, from_status, status, created_at, created_day,"
             " expected_date, fee_post, fee_collected, detail)"
             " SELECT '%s', CASE i %% 3 WHEN 0 THEN 'dossier' WHEN 1 THEN 'event' ELSE"
             " 'print' END, 1767225600 + i * 60, printf('%s-2601-%%06d', i / 3),"
             " printf('RA%%09dVN', i), '1.001193.000.00.00.H35', 'Đăng ký khai sinh',"
             " 'UBND xã Hoàng Đồng', 12, 'Xã Hoàng Đồng', 1, '', 'registered', 1767225600,"
             " '2026-01-01', '2026-01-15', 26000, 30000, '' FROM n",
             rows, code, code);
    sqlite3_stmt *stmt = store_stmt(db, sql);
    if (!stmt || store_step_done(db, stmt) != PK_OK)
        fail("outbox", store_last_error(db));
    char pwfile[600];
    snprintf(pwfile, sizeof pwfile, "%s/%s.pw", tmp, code);
    FILE *pw = fopen(pwfile, "w");
    if (!pw)
        fail("password file", pwfile);
    fprintf(pw, "%s\n", password);
    fclose(pw);
    chmod(pwfile, 0400);
    sync_config sc;
    memset(&sc, 0, sizeof sc);
    char role[32];
    snprintf(role, sizeof role, "kiosk_%s", code);
    for (char *r = role; *r; r++)
        *r = (char)tolower((unsigned char)*r);
    snprintf(sc.conninfo, sizeof sc.conninfo, "host=%.400s port=%d user=%s dbname=central", dir,
             port, role);
    str_copy(sc.password_file, sizeof sc.password_file, pwfile);
    sc.batch = batch;
    sc.interval = sc.max_backoff = 60;
    double t0 = now_ms();
    if (sync_push(db, &sc, (int64_t)time(NULL), st, why, sizeof why) != PK_OK)
        fail("sync", why);
    double ms = now_ms() - t0;
    store_close(db);
    if (st->sent != rows)
        fail("sync", "not every row was sent");
    return ms;
}

/* The same rows by a bare COPY into pk.events (another kiosk code): ms. */
static double copy_round(pgc *c, const char *code, int rows)
{
    sbuf b = {0};
    for (int i = 1; i <= rows; i++) {
        char ref[32], s10[32];
        snprintf(ref, sizeof ref, "%s-2601-%06d", code, i / 3);
        snprintf(s10, sizeof s10, "RA%09dVN", i);
        sbuf_addf(&b, "%s\t%d\t%s\t%d\t", code, i,
                  i % 3 == 0 ? "dossier" : i % 3 == 1 ? "event" : "print", 1767225600 + i * 60);
        copy_text(&b, ref, '\t');
        copy_text(&b, s10, '\t');
        sbuf_add(&b, "1.001193.000.00.00.H35\tĐăng ký khai sinh\tUBND xã Hoàng Đồng\t12\t"
                     "Xã Hoàng Đồng\t1\t\tregistered\t1767225600\t2026-01-01\t2026-01-15\t0\t"
                     "\t\t\t26000\t30000\t1\t\t0\t\n");
    }
    char why[1024];
    double t0 = now_ms();
    bool ok = pgc_exec(c, "BEGIN", why, sizeof why) &&
              pgc_copy_begin(c,
                             "COPY pk.events(kiosk, seq, kind, at, ref, s10, proc_code, proc_name,"
                             " agency, unit_id, unit_name, form, from_status, status, created_at,"
                             " created_day, expected_date, accepted_at, completed_day, closed_day,"
                             " incident, fee_post, fee_collected, key_version, detail, audit_seq,"
                             " audit_hash) FROM STDIN",
                             why, sizeof why) &&
              pgc_copy_send(c, b.data, b.len, why, sizeof why) &&
              pgc_copy_end(c, why, sizeof why) && pgc_exec(c, "COMMIT", why, sizeof why);
    double ms = now_ms() - t0;
    sbuf_free(&b);
    if (!ok)
        fail("copy", why);
    return ms;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    long long n_arg = bench_arg(argc, argv, 10000);
    if (n_arg > 10000000 || sodium_init() < 0)
        fail("usage", "bench_sync [ROWS <= 10000000]");
    int rows = (int)n_arg;
    char size[32], fig[128];
    bench_size(size, sizeof size, rows);
    if (rows == 0) {
        /* nothing to push: no server, nothing to meet */
        bench_row(bench_fmt(fig, sizeof fig, "sync ingest, Unix socket, %s", size), "-",
                  ">= 0.5x bare COPY", 0, NULL, -1);
        bench_row(bench_fmt(fig, sizeof fig, "sync backlog in one run, %s", size), "-",
                  "< 2000 ms at 10k", 0, NULL, -1);
        return 0;
    }
    const char *env = getenv("BENCH_SYNC_BATCH");
    int batch = env && atoi(env) > 0 ? atoi(env) : SYNC_BATCH_DEFAULT;
    env = getenv("BENCH_SYNC_ROUNDS");
    int rounds = env && atoi(env) > 0 ? atoi(env) : 3;
    if (rounds > 20)
        rounds = 20;
    char dir[512];
    int port = 0;
    FILE *server = bench_pg_up("sync", NULL, dir, sizeof dir, &port);

    char admin[700], why[1024], role[64];
    snprintf(admin, sizeof admin, "host=%s port=%d user=pkadmin dbname=central", dir, port);
    pgc *c = NULL;
    int from, to;
    if (pgc_open(admin, NULL, &c, why, sizeof why) != PK_OK ||
        central_init(c, &from, &to, why, sizeof why) != PK_OK)
        fail("central", why);
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    store_use_audit_key(key);

    double sync_ms[20], copy_ms[20], sync_rate[20], copy_rate[20];
    for (int r = 0; r < rounds; r++) {
        char code[8], copy_code[8], password[40];
        snprintf(code, sizeof code, "SY%02d", r + 1);
        snprintf(copy_code, sizeof copy_code, "CP%02d", r + 1);
        snprintf(password, sizeof password, "bench-password-%s", code);
        if (central_kiosk_add(c, code, "", 1, password, role, sizeof role, why, sizeof why) !=
                PK_OK ||
            central_kiosk_add(c, copy_code, "", 1, password, role, sizeof role, why,
                              sizeof why) != PK_OK)
            fail("central", why);
        sync_stats st;
        sync_ms[r] = sync_round(bench_pg_tmp, dir, port, code, password, batch, rows, &st);
        copy_ms[r] = copy_round(c, copy_code, rows);
        sync_rate[r] = rows / (sync_ms[r] / 1e3);
        copy_rate[r] = rows / (copy_ms[r] / 1e3);
        fprintf(stderr, "bench_sync: round %d: sync %.0f ms (%d batches of %d), COPY %.0f ms\n",
                r + 1, sync_ms[r], st.batches, batch, copy_ms[r]);
    }
    pgc_close(c);
    bench_pg_down(server);

    double s_ms = median(sync_ms, rounds), s_rate = median(sync_rate, rounds),
           c_rate = median(copy_rate, rounds);
    char m[96], r[96];
    bench_row(bench_fmt(fig, sizeof fig, "sync ingest, Unix socket, %s", size),
              bench_fmt(m, sizeof m, "%.0f rows/s", s_rate), ">= 0.5x bare COPY",
              s_rate / c_rate, bench_fmt(r, sizeof r, "bare COPY (%.0f rows/s)", c_rate),
              rows >= 10000 ? s_rate >= 0.5 * c_rate : -1);   /* below: fixed costs */
    bench_row(bench_fmt(fig, sizeof fig, "sync backlog in one run, %s", size),
              bench_fmt(m, sizeof m, "%.0f ms", s_ms), "< 2000 ms at 10k", 0, NULL,
              rows == 10000 ? s_ms < 2000 : -1);
    return 0;
}
