/* SPDX-License-Identifier: GPL-3.0-or-later */
/* postkiosk print-test: prints the test page (no database needed).
 * postkiosk reprint REF|S10|QR: prints a receipt again on a new print job,
 * marked "IN LẠI / REPRINT"; a scanned QR payload is verified first. Every
 * reprint and every refused argument is in the audit log.
 * postkiosk paper KIND KEY...: makes one of the signed papers again (saved
 * as a PDF, printed on the A4 printer or else the receipt printer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_clerk.h"
#include "i18n.h"
#include "paper.h"
#include "receipt.h"
#include "receipt_key.h"
#include "store_clerk.h"
#include "store_lookup.h"
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

/* Why a reprint was refused, for the audit log (never the typed text:
 * it may be someone's ID or phone number). */
static void refuse(store *db, const char *actor, const char *object, const char *why)
{
    pk_err e = store_audit_append(db, (int64_t)time(NULL), actor, "reprint_refused", object, why);
    if (e != PK_OK)
        fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(e)));
}

/* The reference typed (any case), the S10 number, or the one inside a
 * scanned receipt QR code: the same parser as Track (receipt_parse_key).
 * Every refusal is audited. */
static bool reference_of(store *db, const cli_ctx *ctx, const char *actor, const char *arg,
                         char ref[PK_REF_MAX])
{
    receipt_key k;
    pk_err err = receipt_parse_key(&ctx->cfg, arg, &k);
    if (err == PK_OK && k.kind == IDS_KEY_S10) {
        err = store_dossier_ref_by_s10(db, k.s10, k.ref);
        if (err == PK_ENOTFOUND) {
            fprintf(stderr, "postkiosk: %s: %s\n", k.s10, _("No dossier has this reference."));
            refuse(db, actor, k.s10, "unknown");
            return false;
        }
    }
    if (err != PK_OK) {
        const char *why = err == PK_ETAMPER ? "bad_mac" : k.kind == IDS_KEY_QR ? "bad_payload"
                                                                                : "malformed";
        if (err == PK_ETAMPER)
            fprintf(stderr, "postkiosk: %s\n", _("This receipt code is not genuine. Please check "
                                                 "the paper receipt with staff."));
        else if (k.kind == IDS_KEY_QR)
            fprintf(stderr, "postkiosk: %s\n", _("This receipt code cannot be read."));
        else
            fprintf(stderr, "postkiosk: %s\n", _("The reference is not valid."));
        if (err == PK_EIO || err == PK_EPERM)
            why = "key_unreadable";
        refuse(db, actor, "", why);
        return false;
    }
    str_copy(ref, PK_REF_MAX, k.ref);
    return true;
}

int cli_reprint(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "%s\n", _("Usage: postkiosk reprint REFERENCE"));
        return 2;
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    char ref[PK_REF_MAX], actor[64];
    cli_actor(actor, sizeof actor);
    if (!reference_of(db, ctx, actor, argv[0], ref))
        return 1;
    dossier *d = xcalloc(1, sizeof *d);
    pk_err err = store_dossier_get(db, ref, d);
    if (err != PK_OK) {
        fprintf(stderr, "postkiosk: %s: %s\n", ref,
                err == PK_ENOTFOUND ? _("No dossier has this reference.") : _(pk_err_msg(err)));
        if (err == PK_ENOTFOUND)
            refuse(db, actor, ref, "unknown");
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
        char detail[64];
        snprintf(detail, sizeof detail, "job=%lld %s", (long long)job,
                 err == PK_OK ? "printed" : "failed");
        pk_err ae = store_audit_append(db, (int64_t)time(NULL), actor, "reprint", ref, detail);
        if (ae != PK_OK)
            fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(ae)));
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

/* paper KIND KEY [REF...] [--save]: KEY is a reference (or S10 number, or
 * scanned receipt) for the papers of a dossier, the record number for a
 * handover record; collected and returned take several references (one
 * record per agency). Exit 0 when the paper is saved and printed (or only
 * saved with --save), 1 when it could not be made or nothing printed it
 * (the file is kept and named), 2 usage. */
int cli_paper(cli_ctx *ctx, int argc, char **argv)
{
    bool save_only = false;
    int nargs = 0;
    char **args = xcalloc((size_t)argc + 1, sizeof *args);
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--save"))
            save_only = true;
        else
            args[nargs++] = argv[i];
    }
    int kind = nargs >= 2 ? paper_kind_parse(args[0]) : -1;
    bool batch = kind == PAPER_COLLECTED || kind == PAPER_RETURNED;
    if (kind < 0 || (nargs > 2 && !batch)) {
        fprintf(stderr, "%s\n", _("Usage: postkiosk paper slip|label|handover|collected|returned|"
                                  "delivered|refused KEY [REF...] [--save]"));
        free(args);
        return 2;
    }
    store *db = cli_store(ctx);
    if (!db) {
        free(args);
        return 1;
    }
    char actor[64];
    cli_actor(actor, sizeof actor);
    int n = nargs - 1;
    char (*refs)[PK_REF_MAX] = xcalloc((size_t)n, sizeof *refs);
    const char **ptrs = xcalloc((size_t)n, sizeof *ptrs);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (kind == PAPER_HANDOVER)
            str_copy(refs[i], sizeof refs[i], args[1 + i]);
        else if (!reference_of(db, ctx, actor, args[1 + i], refs[i]))
            rc = 1;
        ptrs[i] = refs[i];
    }
    paper_request rq = {.kind = (paper_kind)kind, .key = refs[0]};
    if (batch && n > 1) {
        rq.refs = ptrs;
        rq.nrefs = n;
    }
    printer *p = NULL;
    if (rc == 0 && !save_only && !ctx->cfg.papers_printer[0])
        p = open_printer(ctx);     /* the fallback: says why on stderr when it cannot */
    paper_result res;
    pk_err err = PK_OK;
    if (rc == 0) {
        err = save_only ? paper_save(db, &ctx->cfg, &rq, &res)
                        : paper_issue(db, p, &ctx->cfg, &rq, &res);
        if (err == PK_OK && !save_only && res.route == PAPER_TO_FILE && ctx->cfg.papers_printer[0]) {
            /* CUPS refused: now the receipt printer, as the screens do */
            printer_close(p);
            p = open_printer(ctx);
            if (p)
                err = paper_issue(db, p, &ctx->cfg, &rq, &res);
        }
    }
    if (rc == 0 && err != PK_OK) {
        fprintf(stderr, "postkiosk: %s: %s\n", refs[0],
                err == PK_ENOTFOUND ? _("No dossier or record has this reference.")
                : err == PK_ESTATE  ? _("This paper does not match the dossier's current step.")
                : res.detail[0]     ? res.detail
                                    : _(pk_err_msg(err)));
        rc = 1;
    } else if (rc == 0) {
        char line[900];
        paper_result_text(&res, &ctx->cfg, line, sizeof line);
        if (res.route == PAPER_TO_FILE && !save_only) {
            fprintf(stderr, "postkiosk: %s\n", line);
            rc = 1;
        } else {
            printf("%s\n", line);
        }
        char detail[64];
        snprintf(detail, sizeof detail, "%s %s", paper_kind_name((paper_kind)kind),
                 res.route == PAPER_TO_A4 ? "a4" : res.route == PAPER_TO_THERMAL ? "thermal" : "file");
        pk_err ae = store_audit_append(db, (int64_t)time(NULL), actor, "paper", refs[0], detail);
        if (ae != PK_OK)
            fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(ae)));
    }
    printer_close(p);
    free(ptrs);
    free(refs);
    free(args);
    return rc;
}
