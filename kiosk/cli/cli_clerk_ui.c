/* `postkiosk clerk`: the clerk workstation in the terminal. Start-up in
 * order (locale, store, printer, terminal, loop) and teardown in reverse.
 * Not locked down like the citizen kiosk: Esc on the sign-in screen quits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clerk.h"
#include "cli_clerk.h"
#include "i18n.h"
#include "printer.h"
#include "term.h"

int cli_clerk_ui(cli_ctx *ctx)
{
    i18n_init(ctx->cfg.locale_dir[0] ? ctx->cfg.locale_dir : NULL);
    i18n_set_lang(ctx->cfg.language[0] ? ctx->cfg.language : "vi");
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    printer *pr = NULL;
    char msg[256] = "";
    const char *spec = ctx->printer_spec ? ctx->printer_spec : ctx->cfg.printer;
    if (printer_open(spec, ctx->cfg.printer_profile, &pr, msg, sizeof msg) != PK_OK) {
        fprintf(stderr, "postkiosk: printer %s: %s\n", spec, msg);
        pr = NULL;   /* the queue still works; print jobs wait for a retry */
    }
    term_signals(false);
    char err[256];
    if (!term_init(false, err, sizeof err)) {
        fprintf(stderr, "postkiosk: %s\n", err);
        printer_close(pr);
        return 1;
    }
    static clerk_ui ui;
    static app a;
    app_init(&a, &ctx->cfg, db, pr);
    a.lockdown = false;
    clerk_attach(&a, &ui);
    app_start(&a, &screen_clerk_signin);
    int rc = app_run(&a);
    if (ui.sess.active)
        store_clerk_sign_out(db, &ui.sess, "quit", app_now(&a));
    app_free(&a);
    term_end();
    auth_wipe(&ui.auth);
    if (pr)
        printer_close(pr);
    return rc;
}
