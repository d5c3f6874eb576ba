/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The citizen kiosk (postkiosk with no subcommand): the staged start-up
 * (cli_start.c) in citizen mode — it refuses to start when a citizen's
 * dossier would fail — then the citizen screens, locked down. */
#include <stdio.h>

#include "app.h"
#include "sync_config.h"
#include "citizen.h"
#include "cli_start.h"
#include "demo.h"
#include "notify_config.h"
#include "util.h"
#include "i18n.h"

static int citizen_loop(start_run *run, void *arg)
{
    (void)arg;
    static citizen session;
    static app a;
    /* the pepper checks the staff PIN (F10); start-up has proven it loads
     * (ready_keys), and without it F10 only says no staff PIN is set */
    static auth_ctx auth;
    char msg[512];
    bool pepper = auth_load_pepper(&auth, run->ctx->cfg.pepper_file, msg, sizeof msg) == PK_OK;
    app_init(&a, &run->ctx->cfg, run->db, run->pr);
    a.lockdown = true;
    /* other kiosks' receipts are asked of the central server when [sync]
     * names it; a bad [sync] section is `postkiosk sync`'s to report, and
     * its conninfo pgc_open's when tracking first connects (the sync
     * module, libpq, is not loaded before) */
    static sync_config sc;
    char why[300];
    if (!run->ctx->config_error &&
        sync_config_read(&sc, run->ctx->config_path, why, sizeof why) && sc.conninfo[0])
        a.sync = &sc;
    a.auth = pepper ? &auth : NULL;
    a.debounce_ms = 300;      /* a key held too long must not cross two screens */
    citizen_attach(&a, &session);
    /* F4 also messages the duty phone / e-mail when [notify] names them */
    notify_config nc;
    if (notify_config_load(&nc, run->ctx->config_path, msg, sizeof msg)) {
        str_copy(a.duty.phone, sizeof a.duty.phone, nc.duty_phone);
        str_copy(a.duty.email, sizeof a.duty.email, nc.duty_email);
        str_copy(a.duty.lang, sizeof a.duty.lang,
                 run->ctx->cfg.language[0] ? run->ctx->cfg.language : "vi");
    }
    a.idle_screen = &screen_demo_attract;   /* slides while nobody is there */
    app_start(&a, &screen_welcome);
    int rc = app_run(&a);
    app_free(&a);
    auth_wipe(&auth);
    return rc;
}

int cli_kiosk(cli_ctx *ctx, int argc, char **argv)
{
    /* main.c has taken every option; the test hooks are the environment
     * variables POSTKIOSK_IDLE=SECONDS and POSTKIOSK_CLOCK=YYYY-MM-DDTHH:MM */
    if (argc > 0) {
        fprintf(stderr, _("postkiosk: unexpected argument %s\n"), argv[0]);
        return 2;
    }
    return cli_start(ctx, START_CITIZEN, false, citizen_loop, NULL);
}
