/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk queue at N dossiers (bench_clerk [N], default 1,000,000; 0 works):
 * a page of the queue with a filter, with a name search, with phone / ID
 * digits, deep keyset paging, and the status counts. Target (issue 18):
 * p99 <= 2 ms for every filter, flat from 10k to 1M dossiers. The
 * generated database is kept in $BUILD (bench.h). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "dossier.h"
#include "store_clerk.h"
#include "store_internal.h"
#include "text.h"
#include "util.h"

enum { ITER = 300 };

typedef struct {
    const char *what;
    int status;
    bool name_query, digits, deep, agency;
} scenario;

static bool run(store *s, const scenario *sc, int64_t n)
{
    double *t = xcalloc(ITER, sizeof *t), *c = xcalloc(ITER, sizeof *c);
    dossier_row rows[20];
    int got_total = 0;
    for (int i = 0; i < ITER; i++) {
        char q[96] = "";
        if (sc->name_query)
            snprintf(q, sizeof q, "%s %s", i % 3 ? "nguyen" : "trieu",
                     bench_givens[bench_rnd(PK_ARRAY_LEN(bench_givens))]);
        else if (sc->digits)
            snprintf(q, sizeof q, i % 2 ? "%04u" : "09%04u", bench_rnd(10000));
        dossier_filter f = {.status = sc->status, .query = q[0] ? q : NULL};
        if (sc->agency)
            f.agency = bench_agencies[1 + bench_rnd(PK_ARRAY_LEN(bench_agencies) - 1)];
        int64_t after = sc->deep && n > 0 ? (int64_t)bench_rnd((uint32_t)n) : 0;
        int got = 0;
        double t0 = bench_now_ms(), c0 = bench_cpu_ms();
        pk_err e = store_queue_page(s, &f, after, false, rows, 20, &got);
        c[i] = bench_cpu_ms() - c0;
        t[i] = bench_now_ms() - t0;
        if (e != PK_OK)
            die("queue page failed: %d", e);
        got_total += got;
    }
    double p99 = bench_pct(c, ITER, 99);
    bool ok = p99 <= 2.0;
    char f[128], m[96], sz[32];
    bench_row(bench_fmt(f, sizeof f, "clerk page p99 (CPU), %s, %s", sc->what,
                        bench_size(sz, sizeof sz, n)),
              bench_fmt(m, sizeof m, "%.3f ms (wall %.3f ms, %.1f rows)", p99,
                        bench_pct(t, ITER, 99), (double)got_total / ITER),
              "<= 2 ms", 0, NULL, ok);
    free(t);
    free(c);
    return ok;
}

int main(int argc, char **argv)
{
    bench_audit_key();
    int64_t n = bench_arg(argc, argv, 1000000);
    char path[512], msg[256];
    bench_db(n, path, sizeof path);
    store *s = NULL;
    if (store_open(path, &s, msg, sizeof msg) != PK_OK)
        die("%s: %s", path, msg);
    const scenario sc[] = {
        {"open dossiers", -2, false, false, false, false},
        {"status = registered", ST_REGISTERED, false, false, false, false},
        {"agency", -1, false, false, false, true},
        {"name, any status", -1, true, false, false, false},
        {"name + open", -2, true, false, false, false},
        {"phone start / last 4 ID digits", -1, false, true, false, false},
        {"deep keyset page", -1, false, false, true, false},
    };
    for (size_t i = 0; i < PK_ARRAY_LEN(sc); i++)
        run(s, &sc[i], n);
    double t[ITER];
    int64_t counts[ST__COUNT];
    for (int i = 0; i < ITER; i++) {
        double t0 = bench_now_ms();
        if (store_status_counts(s, counts) != PK_OK)
            die("status counts failed");
        t[i] = bench_now_ms() - t0;
    }
    char f[96], m[64], sz[32];
    bench_row(bench_fmt(f, sizeof f, "clerk counts per status p99, %s", bench_size(sz, sizeof sz, n)),
              bench_fmt(m, sizeof m, "%.3f ms", bench_pct(t, ITER, 99)), "-", 0, NULL, -1);
    store_close(s);
    return 0;
}
