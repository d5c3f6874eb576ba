/* The citizen kiosk (postkiosk with no subcommand). Start-up in order —
 * locale, store, printer, terminal, loop — and teardown in reverse, with
 * endwin() on every exit path (term.c registers it with atexit too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "citizen.h"
#include "demo.h"
#include "cli.h"
#include "i18n.h"
#include "printer.h"
#include "store_lookup.h"
#include "term.h"

int cli_kiosk(cli_ctx *ctx, int argc, char **argv)
{
    /* main.c has taken every option; the test hooks are the environment
     * variables POSTKIOSK_IDLE=SECONDS and POSTKIOSK_CLOCK=YYYY-MM-DDTHH:MM */
    if (argc > 0) {
        fprintf(stderr, "postkiosk: unexpected argument %s\n", argv[0]);
        return 2;
    }

    i18n_init(ctx->cfg.locale_dir[0] ? ctx->cfg.locale_dir : NULL);
    i18n_set_lang(ctx->cfg.language[0] ? ctx->cfg.language : "vi");

    store *db = cli_store(ctx);
    if (!db)
        return 1;

    printer *pr = NULL;
    char msg[256] = "";
    const char *spec = ctx->printer_spec ? ctx->printer_spec : ctx->cfg.printer;
    if (printer_open(spec, ctx->cfg.printer_profile, &pr, msg, sizeof msg) != PK_OK) {
        /* the kiosk still registers dossiers: print jobs stay pending */
        fprintf(stderr, "postkiosk: printer %s: %s\n", spec, msg);
        pr = NULL;
    }

    /* the pepper checks the staff PIN (F10); without it nobody leaves */
    static auth_ctx auth;
    msg[0] = '\0';
    if (auth_load_pepper(&auth, ctx->cfg.pepper_file, msg, sizeof msg) != PK_OK ||
        !store_staff_pin_is_set(db))
        fprintf(stderr, "postkiosk: %s\n",
                msg[0] ? msg : _("no staff PIN is set (postkiosk staff-pin set): F10 cannot "
                                 "leave citizen mode"));

    term_signals(true);
    char err[256];
    if (!term_init(true, err, sizeof err)) {
        fprintf(stderr, "postkiosk: %s\n", err);
        printer_close(pr);
        return 1;
    }

    static citizen session;
    static app a;
    app_init(&a, &ctx->cfg, db, pr);
    a.lockdown = true;
    a.auth = auth.has_pepper ? &auth : NULL;
    a.debounce_ms = 300;      /* a key held too long must not cross two screens */
    citizen_attach(&a, &session);
    a.idle_screen = &screen_demo_attract;   /* slides while nobody is there */
    app_start(&a, &screen_welcome);
    int rc = app_run(&a);

    app_free(&a);
    auth_wipe(&auth);
    term_end();
    if (pr)
        printer_close(pr);
    return rc;
}
