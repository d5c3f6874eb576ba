/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The central server at the national network's size (issue 12,
 * performance): 13,000 post offices in 63 provinces and DOSSIERS dossiers
 * (default 2,000,000: one year), ten events each (20,000,000), loaded into
 * a PostgreSQL that the bench starts (tests/pg.sh, a temporary folder,
 * removed at the end) with the schema of `central init`. Then, through
 * the real code:
 *   - one province's quarter report (central_report_load with a province
 *     login, as `postkiosk central report --province`): target < 500 ms;
 *     the whole network's quarter for reference;
 *   - tracking lookups by a kiosk login (track_remote_lookup, the
 *     question track_remote asks, row-level security on): p99 < 5 ms;
 *     track_remote whole (connect, SCRAM login, question) for reference;
 *   - the load time and the database's size, for reference.
 * The rows are made on the server (generate_series) in one transaction
 * that also empties the tables, so that with wal_level = minimal they are
 * not written to the WAL twice; the triggers are off for the load
 * (session_replication_role = replica): pk.dossiers is written as the
 * trigger would keep it, each dossier's newest snapshot. autovacuum is off
 * and both tables are analyzed after the load, so that no vacuum runs
 * during the measurements. Size 0 measures nothing. Run from the
 * repository root: build/bench_central [DOSSIERS] */
#include <sodium.h>

#include "bench.h"
#include "bench_pg.h"
#include "central.h"
#include "central_report.h"
#include "pgc.h"
#include "sync_config.h"
#include "track_remote.h"

#define now_ms bench_now_ms

enum { OFFICES = 13000, PROVINCES = 63, EVENTS_PER_DOSSIER = 10, REPORT_RUNS = 5 };

static void fail(const char *what, const char *why)
{
    bench_pg_fail("bench_central", what, why);
}

/* The server's settings for a database of some 6 GB on a shared machine:
 * memory for the report's sorts and hashes, bulk-load WAL settings. */
static const char server_conf[] =
    "shared_buffers = 1GB\n"
    "effective_cache_size = 4GB\n"
    "work_mem = 64MB\n"
    "maintenance_work_mem = 512MB\n"
    "wal_level = minimal\n"
    "max_wal_senders = 0\n"
    "max_wal_size = 8GB\n"
    "checkpoint_timeout = 30min\n"
    "autovacuum = off";

/* dossier g (1..n): its office K00001..K13000 (blocks of n / 13,000 in
 * order, so that every index grows at its end), its reference, its day */
#define OFFICE_OF "((g - 1)::bigint * 13000 / %lld + 1)"
#define CODE_OF "'K' || lpad(" OFFICE_OF "::text, 5, '0')"
#define DAY_OF "(date '2026-01-01' + ((g * 7) %% 365)::int)"

static void load(pgc *c, long long n)
{
    char why[1024];
    static char sql[8192];
    /* the offices: K00001 is registered by the bench with its login */
    snprintf(sql, sizeof sql,
             "INSERT INTO pk.kiosks(code, role, province)"
             " SELECT 'K' || lpad(i::text, 5, '0'), 'bench_k' || i,"
             " 'P' || lpad(((i - 1) %% %d + 1)::text, 2, '0')"
             " FROM generate_series(1, %d) i ON CONFLICT DO NOTHING",
             PROVINCES, OFFICES);
    if (!pgc_exec(c, sql, why, sizeof why))
        fail("offices", why);
    /* pgc_open's 120 s limit is for the kiosks' statements, not a bulk load */
    if (!pgc_exec(c, "SET statement_timeout = 0", why, sizeof why) ||
        !pgc_exec(c, "SET session_replication_role = replica", why, sizeof why) ||
        !pgc_exec(c, "BEGIN", why, sizeof why) ||
        !pgc_exec(c, "TRUNCATE pk.events, pk.dossiers", why, sizeof why))
        fail("load", why);
    /* each dossier's newest snapshot: a spread of statuses, 40% of the
     * completed ones late, one in 5,000 lost */
    snprintf(sql, sizeof sql,
             "INSERT INTO pk.dossiers(kiosk, ref, s10, proc_code, proc_name, agency, unit_id,"
             " unit_name, form, status, created_at, created_day, expected_date, accepted_at,"
             " completed_day, closed_day, incident, fee_post, fee_collected, key_version,"
             " updated_at, last_seq)"
             " SELECT code, code || '-' || to_char(day, 'YYMM') || '-' || lpad(g::text, 8, '0'),"
             " 'RA' || lpad(g::text, 9, '0') || 'VN',"
             " (ARRAY['1.001193', '1.000656', '4.000001', '1.001022', '2.000488'])[g %% 5 + 1],"
             " (ARRAY['Đăng ký khai sinh', 'Đăng ký khai tử', 'Cấp phiếu lý lịch tư pháp',"
             "   'Đăng ký kết hôn', 'Chứng thực bản sao'])[g %% 5 + 1],"
             " (ARRAY['UBND cấp xã', 'Công an tỉnh', 'Sở Tư pháp'])[g %% 3 + 1], g %% 40,"
             " 'Xã ' || (g %% 40), 1, st,"
             " extract(epoch FROM day)::bigint + 28800, to_char(day, 'YYYY-MM-DD'),"
             " to_char(day + 15, 'YYYY-MM-DD'),"
             " CASE WHEN st = 'registered' THEN 0 ELSE extract(epoch FROM day)::bigint + 29400 END,"
             " CASE WHEN st IN ('result_ready', 'result_collected', 'delivered')"
             "   THEN to_char(day + 10 + g %% 10, 'YYYY-MM-DD') ELSE '' END, '',"
             " CASE WHEN g %% 5000 = 0 THEN 'lost' ELSE '' END, 26000, 30000, 1,"
             " extract(epoch FROM day)::bigint + 86400 * 20, (g - 1) * %d + %d"
             " FROM (SELECT g, " CODE_OF " AS code, " DAY_OF " AS day,"
             "  CASE WHEN g %% 100 < 5 THEN 'registered' WHEN g %% 100 < 10 THEN 'accepted'"
             "   WHEN g %% 100 < 15 THEN 'in_transit' WHEN g %% 100 < 25 THEN 'processing'"
             "   WHEN g %% 100 < 35 THEN 'result_ready' WHEN g %% 100 < 40 THEN 'result_collected'"
             "   ELSE 'delivered' END AS st"
             "  FROM generate_series(1, %lld) g) d",
             EVENTS_PER_DOSSIER, EVENTS_PER_DOSSIER, n, n);
    if (!pgc_exec(c, sql, why, sizeof why))
        fail("dossiers", why);
    /* ten events per dossier, in (kiosk, seq) order: the lateral series
     * keeps g outside */
    snprintf(sql, sizeof sql,
             "INSERT INTO pk.events(kiosk, seq, kind, at, ref, s10, proc_code, proc_name, agency,"
             " unit_id, unit_name, form, from_status, status, created_at, created_day,"
             " expected_date, accepted_at, fee_post, fee_collected, key_version)"
             " SELECT d.kiosk, d.last_seq - %d + e,"
             " CASE e WHEN 1 THEN 'dossier' WHEN %d THEN 'print' ELSE 'event' END,"
             " d.created_at + e * 3600, d.ref, d.s10, d.proc_code, d.proc_name, d.agency,"
             " d.unit_id, d.unit_name, 1, CASE WHEN e = 1 THEN '' ELSE 'accepted' END,"
             " CASE WHEN e = 1 THEN 'registered' ELSE d.status END, d.created_at,"
             " d.created_day, d.expected_date, d.accepted_at, 26000, 30000, 1"
             " FROM pk.dossiers d, LATERAL generate_series(1, %d + 0 * d.last_seq) e",
             EVENTS_PER_DOSSIER, EVENTS_PER_DOSSIER, EVENTS_PER_DOSSIER);
    if (!pgc_exec(c, sql, why, sizeof why))
        fail("events", why);
    if (!pgc_exec(c, "COMMIT", why, sizeof why) ||
        !pgc_exec(c, "SET session_replication_role = DEFAULT", why, sizeof why) ||
        !pgc_exec(c, "VACUUM ANALYZE pk.dossiers, pk.kiosks", why, sizeof why) ||
        !pgc_exec(c, "ANALYZE pk.events", why, sizeof why))
        fail("analyze", why);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A random dossier's reference, as the load made it. */
static void some_ref(long long n, char *ref, size_t refsz)
{
    long long g = 1 + (long long)bench_rnd(2000000000u) % n;
    long long office = (g - 1) * OFFICES / n + 1;
    int day = (int)((g * 7) % 365);   /* days after 2026-01-01 */
    static const int month_end[] = {31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    int month = 0;
    while (day >= month_end[month])
        month++;
    snprintf(ref, refsz, "K%05lld-26%02d-%08lld", office, month + 1, g);
}

int main(int argc, char **argv)
{
    long long n = bench_arg(argc, argv, 2000000);
    if (n > 20000000 || sodium_init() < 0)
        fail("usage", "bench_central [DOSSIERS <= 20000000]");
    char size[32], fig[160], m[96];
    bench_size(size, sizeof size, n);
    if (n == 0) {
        bench_row("central load, 13,000 offices, 0", "-", "-", 0, NULL, -1);
        bench_row("central database size, 0", "-", "-", 0, NULL, -1);
        bench_row("province quarter report, 1 of 63 provinces, 0", "-", "< 500 ms", 0, NULL, -1);
        bench_row("network quarter report, 13,000 offices, 0", "-", "-", 0, NULL, -1);
        bench_row("tracking lookup p99, 13,000 offices, 0", "-", "< 5 ms", 0, NULL, -1);
        bench_row("tracking anywhere p99, connect + login + lookup, 0", "-", "-", 0, NULL, -1);
        return 0;
    }
    char dir[512];
    int port = 0;
    FILE *server = bench_pg_up("central", server_conf, dir, sizeof dir, &port);

    char conninfo[700], why[1024], role[64];
    snprintf(conninfo, sizeof conninfo, "host=%s port=%d user=pkadmin dbname=central", dir, port);
    pgc *c = NULL;
    int from, to;
    if (pgc_open(conninfo, NULL, &c, why, sizeof why) != PK_OK ||
        central_init(c, &from, &to, why, sizeof why) != PK_OK ||
        central_kiosk_add(c, "K00001", "P01", 1, "bench-password-k1", role, sizeof role, why,
                          sizeof why) != PK_OK ||
        central_province_user_add(c, "tinh_bench", "bench-password-tinh", why, sizeof why) !=
            PK_OK)
        fail("central", why);

    double t0 = now_ms();
    load(c, n);
    double load_s = (now_ms() - t0) / 1e3;
    char bytes[32] = "";
    if (!pgc_query1(c, "SELECT pg_database_size('central')", 0, NULL, bytes, sizeof bytes, NULL,
                    why, sizeof why))
        fail("size", why);
    double mb = (double)strtoll(bytes, NULL, 10) / (1024.0 * 1024.0);
    pgc_close(c);
    fprintf(stderr, "bench_central: %lld dossiers, %lld events loaded in %.1f s, %.0f MB\n", n,
            n * EVENTS_PER_DOSSIER, load_s, mb);

    /* the province's report, as `central report --province P07` */
    snprintf(conninfo, sizeof conninfo, "host=%s port=%d user=tinh_bench dbname=central", dir,
             port);
    if (pgc_open(conninfo, "bench-password-tinh", &c, why, sizeof why) != PK_OK)
        fail("province login", why);
    double runs[REPORT_RUNS];
    int64_t dossiers = 0;
    int offices = 0;
    for (int i = 0; i < REPORT_RUNS; i++) {
        central_report cr;
        t0 = now_ms();
        if (central_report_load(c, "2026-04-01", "2026-06-30", "2026-07-15", "P07", &cr, why,
                                sizeof why) != PK_OK)
            fail("province report", why);
        runs[i] = now_ms() - t0;
        dossiers = cr.total.total;
        offices = cr.n;
        central_report_free(&cr);
    }
    double worst = 0;
    for (int i = 0; i < REPORT_RUNS; i++)
        worst = runs[i] > worst ? runs[i] : worst;
    double report_ms = median(runs, REPORT_RUNS);
    fprintf(stderr, "bench_central: province P07: %d offices, %lld dossiers in the quarter\n",
            offices, (long long)dossiers);
    if (offices != (OFFICES + PROVINCES - 7) / PROVINCES || (n >= OFFICES && dossiers == 0))
        fail("province report", "not the province's offices and dossiers");
    central_report all;
    t0 = now_ms();
    if (central_report_load(c, "2026-04-01", "2026-06-30", "2026-07-15", NULL, &all, why,
                            sizeof why) != PK_OK)
        fail("network report", why);
    double all_ms = now_ms() - t0;
    fprintf(stderr, "bench_central: the network: %d offices, %lld dossiers in the quarter\n",
            all.n, (long long)all.total.total);
    central_report_free(&all);
    pgc_close(c);

    /* tracking by K00001's login: other offices' dossiers */
    char pwfile[600];
    snprintf(pwfile, sizeof pwfile, "%s/k1.pw", bench_pg_tmp);
    FILE *pw = fopen(pwfile, "w");
    if (!pw)
        fail("password file", pwfile);
    fputs("bench-password-k1\n", pw);
    fclose(pw);
    chmod(pwfile, 0400);
    sync_config sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.conninfo, sizeof sc.conninfo, "host=%.400s port=%d user=kiosk_k00001 dbname=central",
             dir, port);
    str_copy(sc.password_file, sizeof sc.password_file, pwfile);
    if (pgc_open(sc.conninfo, "bench-password-k1", &c, why, sizeof why) != PK_OK)
        fail("kiosk login", why);
    int lookups = n < 2000 ? (int)n : 2000, whole = lookups < 200 ? lookups : 200;
    double *t = xcalloc((size_t)lookups, sizeof *t);
    for (int i = 0; i < lookups; i++) {
        char ref[48];
        remote_dossier d;
        some_ref(n, ref, sizeof ref);
        t0 = now_ms();
        pk_err e = track_remote_lookup(c, ref, &d, why, sizeof why);
        t[i] = now_ms() - t0;
        if (e != PK_OK)
            fail(ref, e == PK_ENOTFOUND ? "not found" : why);
    }
    pgc_close(c);
    double p99 = bench_pct(t, lookups, 99), p50 = bench_pct(t, lookups, 50);
    for (int i = 0; i < whole; i++) {
        char ref[48];
        remote_dossier d;
        some_ref(n, ref, sizeof ref);
        t0 = now_ms();
        pk_err e = track_remote(&sc, ref, &d, why, sizeof why);
        t[i] = now_ms() - t0;
        if (e != PK_OK)
            fail(ref, e == PK_ENOTFOUND ? "not found" : why);
    }
    double whole_p99 = bench_pct(t, whole, 99), whole_p50 = bench_pct(t, whole, 50);
    free(t);
    bench_pg_down(server);

    bool full = n >= 2000000;   /* the targets are the national network's */
    char events[32];
    bench_size(events, sizeof events, n * EVENTS_PER_DOSSIER);
    bench_row(bench_fmt(fig, sizeof fig, "central load, 13,000 offices, %s dossiers + %s events",
                        size, events),
              bench_fmt(m, sizeof m, "%.0f s", load_s), "-", 0, NULL, -1);
    bench_row(bench_fmt(fig, sizeof fig, "central database size, %s", size),
              bench_fmt(m, sizeof m, "%.0f MB", mb), "-", 0, NULL, -1);
    bench_row(bench_fmt(fig, sizeof fig, "province quarter report, 1 of 63 provinces, %s", size),
              bench_fmt(m, sizeof m, "%.0f ms (max %.0f)", report_ms, worst), "< 500 ms", 0, NULL,
              full ? report_ms < 500 : -1);
    bench_row(bench_fmt(fig, sizeof fig, "network quarter report, 13,000 offices, %s", size),
              bench_fmt(m, sizeof m, "%.0f ms", all_ms), "-", 0, NULL, -1);
    bench_row(bench_fmt(fig, sizeof fig, "tracking lookup p99, 13,000 offices, %s", size),
              bench_fmt(m, sizeof m, "%.2f ms (p50 %.2f)", p99, p50), "< 5 ms", 0, NULL,
              full ? p99 < 5 : -1);
    bench_row(bench_fmt(fig, sizeof fig,
                        "tracking anywhere p99, connect + login + lookup, %s", size),
              bench_fmt(m, sizeof m, "%.1f ms (p50 %.1f)", whole_p99, whole_p50), "-", 0, NULL,
              -1);
    return 0;
}
