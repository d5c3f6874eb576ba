/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk notify --once | --follow [--interval SECONDS]`: sends the
 * messages to citizens the outbox holds (kiosk/notify/). --follow runs
 * until SIGTERM / SIGINT, a pass every interval (default 30 s); the
 * systemd unit runs it like that. POSTKIOSK_CLOCK ("YYYY-MM-DDTHH:MM",
 * with POSTKIOSK_TEST=1: testhook.h) sets the clock (simulated time). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dates.h"
#include "i18n.h"
#include "notify_config.h"
#include "notify_run.h"
#include "notify_send.h"
#include "testhook.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int usage(void)
{
    fprintf(stderr, "%s\n", _("usage: postkiosk notify --once | --follow [--interval SECONDS]"));
    return 2;
}

int cli_notify(cli_ctx *ctx, int argc, char **argv)
{
    bool once = false, follow = false;
    int interval = 30;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--once") == 0)
            once = true;
        else if (strcmp(argv[i], "--follow") == 0)
            follow = true;
        else if (strcmp(argv[i], "--interval") == 0 && i + 1 < argc)
            interval = atoi(argv[++i]);
        else
            return usage();
    }
    if (once == follow || interval < 1 || interval > 3600)
        return usage();
    notify_config nc;
    char why[600];
    if (!notify_config_load(&nc, ctx->config_path, why, sizeof why) ||
        !notify_config_check(&nc, why, sizeof why) ||
        !notify_send_ready(&nc, why, sizeof why)) {   /* before any message is claimed */
        fprintf(stderr, "postkiosk: %s\n", why);
        return 1;
    }
    if (!notify_mail_on(&nc) && !notify_gateway_on(&nc) && !notify_smstools_on(&nc)) {
        fprintf(stderr, "postkiosk: %s\n",
                _("no channel is configured in [notify]: messages stay queued"));
        return 1;
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
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
    char who[64];
    snprintf(who, sizeof who, "notify-%ld", (long)getpid());
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    do {
        notify_stats st;
        pk_err e = notify_run_once(db, &nc, who, (int64_t)time(NULL) + offset, &st);
        if (e != PK_OK) {
            fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(e)));
            if (once)
                return 1;
        }
        for (int i = 0; follow && !stop && i < interval; i++)
            sleep(1);
    } while (follow && !stop);
    return 0;
}
