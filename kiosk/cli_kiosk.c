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
#include "term.h"

int cli_kiosk(cli_ctx *ctx, int argc, char **argv);

static void usage(void)
{
    fputs("usage: postkiosk [--idle SECONDS] [--clock YYYY-MM-DDTHH:MM]\n"
          "  the citizen kiosk; leave it with F10 and the staff PIN, or SIGTERM\n"
          "  env: POSTKIOSK_IDLE=SECONDS, POSTKIOSK_CLOCK=YYYY-MM-DDTHH:MM (tests)\n",
          stderr);
}

int cli_kiosk(cli_ctx *ctx, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--idle") == 0 && i + 1 < argc) {
            setenv("POSTKIOSK_IDLE", argv[++i], 1);
        } else if (strcmp(argv[i], "--clock") == 0 && i + 1 < argc) {
            setenv("POSTKIOSK_CLOCK", argv[++i], 1);
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage();
            return 0;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "postkiosk: unknown option %s\n", argv[i]);
            usage();
            return 2;
        }
    }

    i18n_init(ctx->cfg.locale_dir[0] ? ctx->cfg.locale_dir : NULL);
    i18n_set_lang(ctx->cfg.language[0] ? ctx->cfg.language : "vi");

    store *st = cli_store(ctx);
    if (!st)
        return 1;

    printer *pr = NULL;
    char msg[256] = "";
    const char *spec = ctx->printer_spec ? ctx->printer_spec : ctx->cfg.printer;
    if (printer_open(spec, ctx->cfg.printer_profile, &pr, msg, sizeof msg) != PK_OK) {
        /* the kiosk still registers dossiers: print jobs stay pending */
        fprintf(stderr, "postkiosk: printer %s: %s\n", spec, msg);
        pr = NULL;
    }

    term_signals(true);
    char err[256];
    if (!term_init(true, err, sizeof err)) {
        fprintf(stderr, "postkiosk: %s\n", err);
        printer_close(pr);
        return 1;
    }

    static citizen session;
    static app a;
    app_init(&a, &ctx->cfg, st, pr);
    a.lockdown = true;
    citizen_attach(&a, &session);
    a.idle_screen = &screen_demo_attract;   /* slides while nobody is there */
    app_start(&a, &screen_welcome);
    int rc = app_run(&a);

    app_free(&a);
    term_end();
    if (pr)
        printer_close(pr);
    return rc;
}
