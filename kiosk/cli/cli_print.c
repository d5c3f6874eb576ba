/* postkiosk print-test: prints the test page (no database needed).
 * postkiosk reprint REF|QR: prints a receipt again on a new print job,
 * marked "IN LẠI / REPRINT"; a scanned QR payload is verified first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "receipt.h"
#include "util.h"

/* main.c has already copied --printer into cfg.printer. */
static const char *printer_spec_of(const cli_ctx *ctx)
{
    return ctx->cfg.printer;
}

static printer *open_printer(const cli_ctx *ctx)
{
    printer *p = NULL;
    char msg[256] = "";
    if (printer_open(printer_spec_of(ctx), ctx->cfg.printer_profile, &p, msg, sizeof msg) !=
        PK_OK) {
        fprintf(stderr, "postkiosk: %s (%s)\n", _(msg), printer_spec_of(ctx));
        return NULL;
    }
    return p;
}

int cli_print_test(cli_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc > 0) {
        fprintf(stderr, "%s\n", _("Usage: postkiosk print-test"));
        return 2;
    }
    char msg[600] = "";
    /* A first start sets the kiosk up (database, then the receipt key) as
     * every command that opens the store does; otherwise nothing is made. */
    cli_home(ctx);
    printer *p = open_printer(ctx);
    if (!p)
        return 1;
    pk_err err = receipt_test_page(p, &ctx->cfg, printer_spec_of(ctx), msg, sizeof msg);
    if (err == PK_OK) {
        printf("%s\n", _("The test page was printed."));
        if (*msg)
            fprintf(stderr, "postkiosk: %s\n", _(msg));      /* paper low */
        if (*printer_dir(p))
            printf("%s: %s\n", _("Folder"), printer_dir(p));
    } else {
        fprintf(stderr, "postkiosk: %s\n", _(msg));
    }
    printer_close(p);
    return err == PK_OK ? 0 : 1;
}

/* The reference typed, or the one inside a scanned receipt QR code. */
static bool reference_of(const cli_ctx *ctx, const char *arg, char *ref, size_t refsz)
{
    if (strstr(arg, "VNK")) {
        pk_err err = receipt_verify(&ctx->cfg, arg, ref, refsz, NULL);
        if (err != PK_OK) {
            fprintf(stderr, "postkiosk: %s\n",
                    err == PK_ETAMPER ? _("This receipt code is not genuine. Please check the "
                                          "paper receipt with staff.")
                                      : _("This receipt code cannot be read."));
            return false;
        }
        return true;
    }
    if (!str_copy(ref, refsz, arg) || !*ref) {
        fprintf(stderr, "postkiosk: %s\n", _("The reference is not valid."));
        return false;
    }
    return true;
}

int cli_reprint(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "%s\n", _("Usage: postkiosk reprint REFERENCE"));
        return 2;
    }
    char ref[PK_REF_MAX];
    if (!reference_of(ctx, argv[0], ref, sizeof ref))
        return 1;
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    dossier *d = xcalloc(1, sizeof *d);
    pk_err err = store_dossier_get(db, ref, d);
    if (err != PK_OK) {
        fprintf(stderr, "postkiosk: %s: %s\n", ref,
                err == PK_ENOTFOUND ? _("No dossier has this reference.") : _(pk_err_msg(err)));
        free(d);
        return 1;
    }
    int rc = 1;
    printer *p = open_printer(ctx);
    int64_t job = 0;
    if (p && (err = store_job_create(db, ref, "receipt", &job)) != PK_OK)
        fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(err)));
    else if (p) {
        char msg[256] = "";
        err = receipt_print_ex(p, db, &ctx->cfg, d, job, RECEIPT_REPRINT, msg, sizeof msg);
        if (err == PK_OK) {
            printf(_("Receipt %s reprinted (print job %lld).\n"), ref, (long long)job);
            if (*msg)
                fprintf(stderr, "postkiosk: %s\n", _(msg));   /* paper low */
            rc = 0;
        } else {
            fprintf(stderr, "postkiosk: %s\n", _(msg));
            fprintf(stderr, _("Print job %lld is recorded as failed; the dossier is unchanged.\n"),
                    (long long)job);
        }
    }
    printer_close(p);
    mem_wipe(d, sizeof *d);
    free(d);
    return rc;
}
