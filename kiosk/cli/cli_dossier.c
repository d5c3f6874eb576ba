/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk dossier list [--status S] [--limit N]`, `dossier show REF`,
 * `dossier add [FILE] [--print]` (a dossier typed at the counter, from
 * "key = value" lines: the citizen screens' session, checks and commit).
 * Personal data is shown masked only. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "citizen.h"
#include "cli.h"
#include "log.h"
#include "money.h"
#include "printer.h"
#include "receipt.h"
#include "dates.h"
#include "dossier.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

static void when(int64_t t, char *out, size_t outsz)
{
    if (!date_local_format(t, "%Y-%m-%d %H:%M", out, outsz))
        str_copy(out, outsz, "?");
}

/* A label padded to 22 columns (not bytes: Vietnamese letters are wider in UTF-8). */
static void label(const char *l)
{
    int w = text_width(l);
    printf("%s%*s ", l, w < 22 ? 22 - w : 0, "");
}

static int list(cli_ctx *ctx, int argc, char **argv)
{
    dossier_filter f = {.status = -1, .include_sample = true};
    long limit = 50;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--status") == 0 && i + 1 < argc) {
            f.status = dossier_status_parse(argv[++i]);
            if (f.status < 0) {
                fprintf(stderr, _("postkiosk: unknown status %s; one of:"), argv[i]);
                for (int k = 0; k < ST__COUNT; k++)
                    fprintf(stderr, " %s", dossier_status_code((dossier_status)k));
                fputc('\n', stderr);
                return 2;
            }
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            char *end;
            limit = strtol(argv[++i], &end, 10);
            if (*end || limit < 1 || limit > 100000) {
                fprintf(stderr, "%s\n", _("postkiosk: --limit needs a number from 1 to 100000"));
                return 2;
            }
        } else {
            fprintf(stderr, "%s\n", _("usage: postkiosk dossier list [--status STATUS] [--limit N]"));
            return 2;
        }
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    dossier_row *rows = xmalloc((size_t)limit * sizeof *rows);
    int n = 0;
    pk_err e = store_dossier_list(db, &f, 0, rows, (int)limit, &n);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(e)));
        free(rows);
        return 1;
    }
    for (int i = 0; i < n; i++) {
        char t[32], name[PK_NAME_MAX];
        when(rows[i].created_at, t, sizeof t);
        dossier_mask_name(rows[i].name, name, sizeof name);
        printf("%s\t%s\t%s\t%s\t%s\n", rows[i].ref, t, dossier_status_code(rows[i].status),
               rows[i].proc_code, name);
    }
    free(rows);
    return 0;
}

static const char *form_name(service_form f)
{
    switch (f) {
    case FORM_SEND: return _("send the dossier by post");
    case FORM_RETURN: return _("receive the result by post");
    case FORM_BOTH: return _("send the dossier and receive the result by post");
    }
    return "?";
}

static int show(cli_ctx *ctx, const char *ref)
{
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    dossier d;
    pk_err e = store_dossier_get(db, ref, &d);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: %s: %s\n", ref, _(pk_err_msg(e)));
        return 1;
    }
    procedure p;
    bool have_proc = store_procedure_get(db, d.proc_code, &p) == PK_OK;
    char name[PK_NAME_MAX], id[PK_ID_MAX + 8], phone[PK_PHONE_MAX + 8], t[32];
    dossier_mask_name(d.name, name, sizeof name);
    dossier_mask_id(d.id_number, id, sizeof id);
    dossier_mask_phone(d.phone, phone, sizeof phone);
    when(d.created_at, t, sizeof t);
    label(_("Reference:"));
    printf("%s%s\n", d.ref, d.sample ? _(" (sample)") : "");
    label(_("Tracking number:"));
    printf("%s\n", d.s10);
    label(_("Procedure:"));
    printf("%s %s\n", d.proc_code, have_proc ? p.name_vi : "");
    label(_("Status:"));
    printf("%s (%s)\n", _(dossier_status_label(d.status)), dossier_status_code(d.status));
    label(_("Service:"));
    printf("%s\n", form_name(d.form));
    label(_("Applicant:"));
    printf("%s\n", name);
    label(_("ID number:"));
    printf("%s\n", id);
    label(_("Phone:"));
    printf("%s\n", phone);
    label(_("Return address:"));
    printf("%s, %s\n", d.unit_name, d.province);
    label(_("Fees:"));
    char fee[48], post[48], total[48];
    money_format(d.fee_proc, NULL, fee, sizeof fee);
    money_format(d.fee_post, NULL, post, sizeof post);
    money_format(d.fee_total, NULL, total, sizeof total);
    printf("%s + %s = %s\n", fee, post, total);
    label(_("Expected result:"));
    printf("%s\n", d.expected_date);
    label(_("Registered:"));
    printf("%s (%s)\n", t, d.kiosk_code);
    printf("%s\n", _("Documents:"));
    for (int i = 0; i < d.ndocs; i++)
        printf("  [%c] %s (%s)\n", d.docs[i].handed ? 'x' : ' ', d.docs[i].name_vi,
               d.docs[i].kind == DOC_COPY ? _("a copy") : _("the original"));
    dossier_event ev[64];
    int n = 0;
    if (store_dossier_events(db, d.ref, ev, 64, &n) == PK_OK) {
        printf("%s\n", _("History:"));
        for (int i = 0; i < n; i++) {
            when(ev[i].at, t, sizeof t);
            printf("  %s  %s -> %s  %s%s%s\n", t, ev[i].from[0] ? ev[i].from : "-", ev[i].to,
                   ev[i].actor, ev[i].note[0] ? "  " : "", ev[i].note);
        }
    }
    mem_wipe(&d, sizeof d);
    return 0;
}

/* Exit 0 with the reference on stdout; 2 with the screens' message for a
 * bad or missing value (nothing stored); 1 when it could not be stored or
 * (--print) the receipt did not print (the dossier is stored then: its
 * reference is still printed, the job stays for the clerk's print jobs). */
static int add(cli_ctx *ctx, int argc, char **argv)
{
    const char *path = NULL;
    bool print = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--print") == 0)
            print = true;
        else if (!path && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0))
            path = argv[i];
        else {
            fprintf(stderr, "%s\n", _("usage: postkiosk dossier add [FILE|-] [--print]"));
            return 2;
        }
    }
    FILE *in = stdin;
    if (path && strcmp(path, "-") != 0) {
        in = fopen(path, "r");
        if (!in) {
            fprintf(stderr, "postkiosk: %s: %s\n", path, strerror(errno));
            return 1;
        }
    }
    store *db = cli_store(ctx);
    if (!db) {
        if (in != stdin)
            fclose(in);
        return 1;
    }
    app a;
    citizen c;
    app_init(&a, &ctx->cfg, db, NULL);
    citizen_attach(&a, &c);
    a.session_init(&a);
    str_copy(c.actor, sizeof c.actor, "cli");
    const char *msg = NULL;
    char key[32] = "";
    int line = 0;
    bool ok = citizen_from_keys(&a, in, &msg, key, sizeof key, &line);
    if (in != stdin)
        fclose(in);
    int status = 0;
    dossier d;
    memset(&d, 0, sizeof d);
    if (!ok) {
        const char *src = path && strcmp(path, "-") != 0 ? path : "stdin";
        if (line > 0 && key[0])
            fprintf(stderr, "postkiosk: %s:%d: %s: %s\n", src, line, key, _(msg));
        else if (line > 0)
            fprintf(stderr, "postkiosk: %s:%d: %s\n", src, line, _(msg));
        else if (key[0])
            fprintf(stderr, "postkiosk: %s: %s\n", key, _(msg));
        else
            fprintf(stderr, "postkiosk: %s\n", _(msg));
        status = 2;
    } else if (!citizen_build(&a, &d)) {
        fprintf(stderr, "postkiosk: %s\n", _("The information is not valid."));
        status = 2;
    } else {
        int64_t job = 0;
        pk_err e = citizen_commit(&a, &d, &job);
        if (e != PK_OK) {
            cli_fail("postkiosk: %s", _(pk_err_msg(e)));
            status = 1;
        } else {
            log_info("dossier %s registered from the command line", d.ref);
            printf("%s\n", d.ref);
            fflush(stdout);
            if (print) {
                printer *pr = NULL;
                char pmsg[PK_TEXT_MAX] = "";
                e = printer_open(ctx->cfg.printer, ctx->cfg.printer_profile, &pr, pmsg, sizeof pmsg);
                if (e == PK_OK)
                    e = receipt_print(pr, db, &ctx->cfg, &d, job, pmsg, sizeof pmsg);
                if (e != PK_OK) {
                    fprintf(stderr, "postkiosk: %s: %s\n", d.ref, pmsg[0] ? _(pmsg) : _(pk_err_msg(e)));
                    status = 1;
                }
                printer_close(pr);
            }
        }
    }
    mem_wipe(&d, sizeof d);
    app_free(&a);
    return status;
}

int cli_dossier(cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "add") == 0)
        return add(ctx, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "list") == 0)
        return list(ctx, argc - 1, argv + 1);
    if (argc == 2 && strcmp(argv[0], "show") == 0)
        return show(ctx, argv[1]);
    fprintf(stderr, "%s\n", _("usage: postkiosk dossier list [--status STATUS] [--limit N] | dossier show REF | dossier add [FILE|-] [--print]"));
    return 2;
}
