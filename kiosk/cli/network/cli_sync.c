/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk sync --once | --follow`: the kiosk's outbox to the central
 * PostgreSQL ([sync] of postkiosk.ini; kiosk/sync/sync_push.c). --once
 * makes one pass and exits 0 when everything pending was sent, 1 with the
 * reason otherwise. --follow makes a pass every [sync] interval until
 * SIGTERM / SIGINT; after a failure it waits twice as long each time, up
 * to [sync] max_backoff, so that a province server that is down is not
 * hammered by every kiosk at once. POSTKIOSK_CLOCK (with POSTKIOSK_TEST=1)
 * sets the kiosk's clock (simulated skew). */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_network.h"
#include "dates.h"
#include "i18n.h"
#include "ids.h"
#include "sync_config.h"
#include "sync_push.h"
#include "testhook.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int usage(void)
{
    fprintf(stderr, "%s\n", _("usage: postkiosk sync --once | --follow"));
    return 2;
}

/* One pass; prints what it did, or why not. */
static bool pass(store *db, const sync_config *sc, int64_t offset)
{
    sync_stats st;
    char why[1024];
    pk_err e = sync_push(db, sc, (int64_t)time(NULL) + offset, &st, why, sizeof why);
    if (st.skew > SYNC_SKEW_WARN || st.skew < -SYNC_SKEW_WARN) {
        long long m = (long long)(st.skew < 0 ? -st.skew : st.skew) / 60;
        fprintf(stderr,
                st.skew < 0 ? _("postkiosk: warning: this kiosk's clock is %lld minutes ahead of "
                                "the central server's: dates on receipts may be wrong\n")
                            : _("postkiosk: warning: this kiosk's clock is %lld minutes behind "
                                "the central server's: dates on receipts may be wrong\n"),
                m);
    }
    if (st.restore.recovered) {
        char ref[32] = "-";
        if (st.restore.ref_seq > 0)
            ids_reference(st.kiosk, st.restore.ref_seq, ref, sizeof ref);
        printf(_("sync: kiosk %s was restored from a backup: the province had up to seq %" PRId64
                 ", dossier %s and audit head %" PRId64 "; this kiosk goes on after them\n"),
               st.kiosk, st.restore.central_seq, ref, st.restore.head_seq);
        if (st.restore.lost > 0)
            printf(ngettext("sync: %d audit head the province had (seq %" PRId64 " to %" PRId64
                            ") was lost with the restore\n",
                            "sync: %d audit heads the province had (seq %" PRId64 " to %" PRId64
                            ") were lost with the restore\n",
                            (unsigned long)st.restore.lost),
                   st.restore.lost, st.restore.lost_from, st.restore.lost_to);
        fflush(stdout);
    }
    if (e != PK_OK) {
        cli_fail("postkiosk: sync: %s\n", why);
        if (st.sent > 0)
            fprintf(stderr, _("postkiosk: sync: %" PRId64 " rows were sent before that\n"), st.sent);
        return false;
    }
    if (st.sent > 0)
        printf(_("sync: kiosk %s: %" PRId64 " rows sent in %d batches, up to seq %" PRId64 "\n"),
               st.kiosk, st.sent, st.batches, st.last_seq);
    else
        printf(_("sync: kiosk %s: nothing pending\n"), st.kiosk);
    fflush(stdout);
    return true;
}

int cli_sync(cli_ctx *ctx, int argc, char **argv)
{
    bool once = false, follow = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--once") == 0)
            once = true;
        else if (strcmp(argv[i], "--follow") == 0)
            follow = true;
        else
            return usage();
    }
    if (once == follow)
        return usage();
    sync_config sc;
    char why[800];
    if (!sync_config_load(&sc, ctx->config_path, why, sizeof why)) {
        cli_fail("postkiosk: configuration: %s\n", why);
        return 2;
    }
    if (!sc.conninfo[0]) {
        cli_fail("postkiosk: sync: %s\n", _("no central server is configured ([sync] conninfo)"));
        return 1;
    }
    int64_t offset = 0;
    const char *clock = test_hook("POSTKIOSK_CLOCK");
    if (clock && *clock) {
        int64_t t = date_parse_local_minute(clock);
        if (!t) {
            fprintf(stderr, "postkiosk: %s\n", _("POSTKIOSK_CLOCK is not YYYY-MM-DDTHH:MM"));
            return 2;
        }
        offset = t - (int64_t)time(NULL);
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    if (once)
        return pass(db, &sc, offset) ? 0 : 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    int wait = sc.interval;
    while (!stop) {
        if (pass(db, &sc, offset))
            wait = sc.interval;
        else {
            wait = wait > sc.max_backoff / 2 ? sc.max_backoff : wait * 2;
            fprintf(stderr, _("postkiosk: sync: next try in %d seconds\n"), wait);
        }
        for (int i = 0; !stop && i < wait; i++)
            sleep(1);
    }
    return 0;
}
