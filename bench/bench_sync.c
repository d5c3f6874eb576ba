/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync's ingest rate (issue 12, performance): a kiosk's backlog of
 * ROWS outbox rows (default 10,000: a 30-day offline kiosk) pushed by
 * sync_push over the Unix socket of a PostgreSQL started for the bench
 * (tests/pg.sh, in a temporary folder, removed at the end), against a bare
 * COPY of the same rows into the same table by the administrator.
 * Targets: sync >= 0.5x the COPY rate; the backlog in < 2 s.
 * Run from the repository root: build/bench_sync [ROWS] */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "central.h"
#include "pgc.h"
#include "store_internal.h"
#include "sync_config.h"
#include "sync_push.h"
#include "util.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void fail(const char *what, const char *why)
{
    fprintf(stderr, "bench_sync: %s: %s\n", what, why);
    exit(1);
}

/* Reads "PG_DIR PORT" that the shell holding the server wrote. */
static bool read_server(const char *file, char *dir, size_t dirsz, int *port)
{
    for (int i = 0; i < 1200; i++) {
        FILE *f = fopen(file, "r");
        if (f) {
            char line[600] = "";
            bool ok = fgets(line, sizeof line, f) && strchr(line, '\n');
            fclose(f);
            char d[512];
            if (ok && sscanf(line, "%511s %d", d, port) == 2) {
                str_copy(dir, dirsz, d);
                return true;
            }
        }
        usleep(100000);
    }
    return false;
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

int main(int argc, char **argv)
{
    int rows = argc > 1 ? atoi(argv[1]) : 10000;
    if (rows < 1 || rows > 10000000 || sodium_init() < 0)
        fail("usage", "bench_sync [ROWS]");
    char tmp[] = "/tmp/pk-bench-sync.XXXXXX";
    if (!mkdtemp(tmp))
        fail("mkdtemp", "failed");
    /* the server lives as long as this shell, which waits on our pipe: when
     * the bench exits, the shell's EXIT trap stops and removes it */
    char cmd[1024], info[600];
    snprintf(info, sizeof info, "%s/server", tmp);
    snprintf(cmd, sizeof cmd,
             "sh -c '. tests/pg.sh && pg_start && echo \"$PG_DIR $PG_PORT\" >%s && read x' "
             ">/dev/null",
             info);
    FILE *server = popen(cmd, "w");
    char dir[512];
    int port = 0;
    if (!server || !read_server(info, dir, sizeof dir, &port))
        fail("postgres", "did not start (run from the repository root)");

    char admin[700], why[1024], role[64];
    snprintf(admin, sizeof admin, "host=%s port=%d user=pkadmin dbname=central", dir, port);
    pgc *c = NULL;
    int from, to;
    if (pgc_open(admin, NULL, &c, why, sizeof why) != PK_OK ||
        central_init(c, &from, &to, why, sizeof why) != PK_OK ||
        central_kiosk_add(c, "LS01", "", 1, "bench-password-ls01", role, sizeof role, why,
                          sizeof why) != PK_OK ||
        central_kiosk_add(c, "LS02", "", 1, "bench-password-ls02", role, sizeof role, why,
                          sizeof why) != PK_OK)
        fail("central", why);

    /* the kiosk's store with its backlog */
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    store_use_audit_key(key);
    char path[600], msg[300];
    snprintf(path, sizeof path, "%s/kiosk.db", tmp);
    store *db = NULL;
    if (store_open(path, &db, msg, sizeof msg) != PK_OK)
        fail("store", msg);
    char sql[1400];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
             " INSERT INTO sync_outbox(kiosk_code, kind, at, ref, s10, proc_code, proc_name,"
             " agency, unit_id, unit_name, form, from_status, status, created_at, created_day,"
             " expected_date, fee_post, fee_collected, detail)"
             " SELECT 'LS01', CASE i %% 3 WHEN 0 THEN 'dossier' WHEN 1 THEN 'event' ELSE"
             " 'print' END, 1767225600 + i * 60, printf('LS01-2601-%%06d', i / 3),"
             " printf('RA%%09dVN', i), '1.001193.000.00.00.H35', 'Đăng ký khai sinh',"
             " 'UBND xã Hoàng Đồng', 12, 'Xã Hoàng Đồng', 1, '', 'registered', 1767225600,"
             " '2026-01-01', '2026-01-15', 26000, 30000, '' FROM n",
             rows);
    sqlite3_stmt *stmt = store_stmt(db, sql);
    if (!stmt || store_step_done(db, stmt) != PK_OK)
        fail("outbox", store_last_error(db));

    /* the sync */
    char pwfile[600];
    snprintf(pwfile, sizeof pwfile, "%s/ls01.pw", tmp);
    FILE *pw = fopen(pwfile, "w");
    if (!pw)
        fail("password file", pwfile);
    fputs("bench-password-ls01\n", pw);
    fclose(pw);
    chmod(pwfile, 0400);
    sync_config sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.conninfo, sizeof sc.conninfo, "host=%.400s port=%d user=kiosk_ls01 dbname=central",
             dir, port);
    str_copy(sc.password_file, sizeof sc.password_file, pwfile);
    sc.batch = 500;
    sc.interval = sc.max_backoff = 60;
    sync_stats st;
    double t0 = now_ms();
    if (sync_push(db, &sc, (int64_t)time(NULL), &st, why, sizeof why) != PK_OK)
        fail("sync", why);
    double sync_ms = now_ms() - t0;

    /* the same rows by a bare COPY (another kiosk code, same table) */
    sbuf b = {0};
    for (int i = 1; i <= rows; i++) {
        char ref[32], s10[32];
        snprintf(ref, sizeof ref, "LS02-2601-%06d", i / 3);
        snprintf(s10, sizeof s10, "RA%09dVN", i);
        sbuf_addf(&b, "LS02\t%d\t%s\t%d\t", i, i % 3 == 0 ? "dossier" : i % 3 == 1 ? "event" : "print",
                  1767225600 + i * 60);
        copy_text(&b, ref, '\t');
        copy_text(&b, s10, '\t');
        sbuf_add(&b, "1.001193.000.00.00.H35\tĐăng ký khai sinh\tUBND xã Hoàng Đồng\t12\t"
                     "Xã Hoàng Đồng\t1\t\tregistered\t1767225600\t2026-01-01\t2026-01-15\t0\t"
                     "\t\t\t26000\t30000\t1\t\t0\t\n");
    }
    t0 = now_ms();
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
    double copy_ms = now_ms() - t0;
    sbuf_free(&b);
    if (!ok)
        fail("copy", why);
    pgc_close(c);
    store_close(db);

    double sync_rate = st.sent / (sync_ms / 1e3), copy_rate = rows / (copy_ms / 1e3);
    printf("%-44s %14s %14s %s\n", "figure", "measured", "target", "met");
    printf("%-44s %9.0f r/s %14s %s\n", "sync ingest (Unix socket, batches of 500)", sync_rate,
           "", "");
    printf("%-44s %9.0f r/s %14s %s\n", "bare COPY of the same rows", copy_rate, "", "");
    printf("%-44s %13.2fx %13s %s\n", "sync / COPY", sync_rate / copy_rate, ">= 0.50x",
           sync_rate >= 0.5 * copy_rate ? "yes" : "NO");
    char label[64];
    snprintf(label, sizeof label, "backlog of %d rows, one run", rows);
    printf("%-44s %12.0f ms %14s %s\n", label, sync_ms, rows <= 10000 ? "< 2000 ms" : "",
           rows > 10000 ? "" : sync_ms < 2000 ? "yes" : "NO");
    pclose(server);   /* the shell's trap stops and removes the server */
    char rm[700];
    snprintf(rm, sizeof rm, "rm -rf '%s'", tmp);
    if (system(rm) != 0)
        fprintf(stderr, "bench_sync: %s left behind\n", tmp);
    bool met = sync_rate >= 0.5 * copy_rate && (rows > 10000 || sync_ms < 2000);
    return met ? 0 : 1;
}
