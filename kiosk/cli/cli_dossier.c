/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk dossier list [--status S] [--limit N]`, `dossier show REF`.
 * Personal data is shown masked only. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
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
    printf("%" PRId64 " + %" PRId64 " = %" PRId64 " đ\n", d.fee_proc,
           d.fee_post, d.fee_total);
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

int cli_dossier(cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "list") == 0)
        return list(ctx, argc - 1, argv + 1);
    if (argc == 2 && strcmp(argv[0], "show") == 0)
        return show(ctx, argv[1]);
    fprintf(stderr, "%s\n", _("usage: postkiosk dossier list [--status STATUS] [--limit N] | dossier show REF"));
    return 2;
}
