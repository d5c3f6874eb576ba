/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 14: what queueing the citizen's messages costs the event's own
 * transaction. A dossier registered with consent to SMS and to e-mail and an e-mail
 * address queues two outbox rows in its transaction; the same registration
 * without consent queues none. Both run durably on the same database, in
 * alternating order; the row compares their medians (target: within 1.1x)
 * and gives the messages queued per second.
 *   bench_notify [N]   N registrations of each kind (default 300) */
#include "bench.h"

static char proc_code[PK_CODE_MAX];   /* one that may go and come back by post */

static void fill(dossier *d, bool consent)
{
    bench_dossier(d, proc_code, "Nguyễn Văn An", "020095001234", "0912345678", 1);
    str_copy(d->expected_date, sizeof d->expected_date, "2026-03-12");
    d->consent_sms = d->consent_email = consent;   /* both boxes */
    if (consent)
        str_copy(d->email, sizeof d->email, "an.nguyen@example.vn");
}

int main(int argc, char **argv)
{
    long long n = bench_arg(argc, argv, 300);
    bench_audit_key();
    char dir[64];
    bench_tmpdir("notify", dir, sizeof dir);
    char path[128], msg[256];
    snprintf(path, sizeof path, "%s/bench.db", dir);
    store *s;
    if (store_open(path, &s, msg, sizeof msg) != PK_OK)
        die("%s", msg);
    bench_gen_procedures(s);
    if (store_setting_set(s, "kiosk_code", "LS01") != PK_OK)
        die("setting: %s", store_last_error(s));
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->conn, "SELECT code FROM procedures WHERE bcci_submit AND bcci_return"
                           " ORDER BY code LIMIT 1", -1, &q, NULL) != SQLITE_OK ||
        sqlite3_step(q) != SQLITE_ROW)
        die("no procedure to register");
    str_copy(proc_code, sizeof proc_code, (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    double *with = xcalloc((size_t)n + 1, sizeof *with);
    double *without = xcalloc((size_t)n + 1, sizeof *without);
    double total_with = 0;
    for (long long i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) {
            bool consent = (k == 0) == (i % 2 == 0);   /* alternate which goes first */
            dossier d;
            fill(&d, consent);
            double a = bench_now_ms();
            pk_err e = store_dossier_create(s, &d, "RA", "kiosk", NULL);
            double t = bench_now_ms() - a;
            if (e != PK_OK)
                die("register: %s (%s)", pk_err_msg(e), store_last_error(s));
            if (consent) {
                with[i] = t;
                total_with += t;
            } else {
                without[i] = t;
            }
        }
    }
    /* the rows are there: two per consenting registration, none otherwise */
    long long queued = -1;
    if (sqlite3_prepare_v2(s->conn, "SELECT count(*) FROM notify_outbox", -1, &q, NULL) ==
            SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        queued = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (queued != 2 * n)
        die("expected %lld outbox rows, found %lld", 2 * n, queued);
    double w50 = bench_pct(with, (int)n, 50), o50 = bench_pct(without, (int)n, 50);
    double ratio = o50 > 0 ? w50 / o50 : 0;
    double per_s = total_with > 0 ? 2.0 * (double)n / (total_with / 1e3) : 0;
    char m[96], r[64];
    bench_row("registration queueing 2 messages p50",
              bench_fmt(m, sizeof m, "%.3f ms, %.0f messages/s", w50, per_s), "<= 1.1x without",
              ratio, bench_fmt(r, sizeof r, "without messages (%.3f ms)", o50),
              n > 0 ? ratio <= 1.1 : -1);
    store_close(s);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_notify: %s left behind\n", dir);
    free(with);
    free(without);
    return 0;
}
