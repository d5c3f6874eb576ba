/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk clerk`: the clerk workstation in the terminal, through the
 * staged start-up (cli_start.c) in clerk mode. Not locked down like the
 * citizen kiosk: Esc on the sign-in screen asks, then quits. */
#include "app.h"
#include "sync_config.h"
#include "clerk.h"
#include "cli_clerk.h"
#include "cli_start.h"

static int clerk_loop(start_run *run, void *arg)
{
    (void)arg;
    static clerk_ui ui;
    static app a;
    app_init(&a, &run->ctx->cfg, run->db, run->pr);
    a.lockdown = false;
    /* other kiosks' receipts are asked of the central server when [sync]
     * names it; a bad [sync] section is `postkiosk sync`'s to report, and
     * its conninfo pgc_open's when tracking first connects (the sync
     * module, libpq, is not loaded before) */
    static sync_config sc;
    char why[300];
    if (!run->ctx->config_error &&
        sync_config_read(&sc, run->ctx->config_path, why, sizeof why) && sc.conninfo[0])
        a.sync = &sc;
    clerk_attach(&a, &ui);
    app_start(&a, &screen_clerk_signin);
    int rc = app_run(&a);
    if (ui.sess.active)
        store_clerk_sign_out(run->db, &ui.sess, "quit", app_now(&a));
    app_free(&a);
    auth_wipe(&ui.auth);
    return rc;
}

int cli_clerk_ui(cli_ctx *ctx)
{
    return cli_start(ctx, START_CLERK, false, clerk_loop, NULL);
}
