/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk report --from D --to D [--csv]`: dossiers registered in the
 * period by status, procedure, agency and commune, the on-time rate, lost
 * or damaged items. --csv writes the province's file to stdout (an export:
 * recorded in the audit log). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli_clerk.h"
#include "csv.h"
#include "dates.h"
#include "dossier.h"
#include "i18n.h"
#include "report.h"
#include "store_clerk.h"
#include "util.h"

static int usage(void)
{
    fprintf(stderr, "%s\n", _("usage: postkiosk report --from YYYY-MM-DD --to YYYY-MM-DD [--csv]"));
    return 2;
}

static void today(char out[PK_DATE_MAX])
{
    date_local_iso((int64_t)time(NULL), out);
}

static void print_text(const report *r)
{
    sbuf b = {0};
    report_text(r, &b);
    fwrite(b.data, 1, b.len, stdout);
    sbuf_free(&b);
}

int cli_report(cli_ctx *ctx, int argc, char **argv)
{
    const char *from = NULL, *to = NULL;
    bool as_csv = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
            from = argv[++i];
        else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            to = argv[++i];
        else if (strcmp(argv[i], "--csv") == 0)
            as_csv = true;
        else
            return usage();
    }
    int d1, d2;
    if (!from || !to || !date_parse(from, &d1) || !date_parse(to, &d2)) {
        fprintf(stderr, "postkiosk: report: %s\n", _("dates must be real days as YYYY-MM-DD"));
        return usage();
    }
    if (d1 > d2) {
        fprintf(stderr, "postkiosk: report: %s\n", _("--from is after --to"));
        return 2;
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    /* the labels in the language of the post office (Vietnamese) */
    i18n_init(ctx->cfg.locale_dir[0] ? ctx->cfg.locale_dir : NULL);
    i18n_set_lang(ctx->cfg.language[0] ? ctx->cfg.language : "vi");
    char day[PK_DATE_MAX], actor[64];
    today(day);
    report r;
    pk_err e = store_report(db, from, to, day, &r);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: report: %s\n", _(pk_err_msg(e)));
        return 1;
    }
    if (as_csv) {
        cli_actor(actor, sizeof actor);
        char detail[64];
        snprintf(detail, sizeof detail, "from=%s to=%s", from, to);
        e = store_audit_append(db, (int64_t)time(NULL), actor, "export", "report", detail);
        if (e != PK_OK) {   /* no unrecorded export */
            fprintf(stderr, "postkiosk: report: %s\n", _(pk_err_msg(e)));
            report_free(&r);
            return 1;
        }
        sbuf b = {0};
        report_csv(&r, ctx->cfg.post_office, &b);
        int64_t seq = 0;
        char head[AUDIT_HEX_MAX];
        if (store_audit_head(db, &seq, head) == PK_OK && seq > 0) {
            csv_put_field(&b, "audit");
            sbuf_addf(&b, ",head,%s,%lld\r\n", head, (long long)seq);
        }
        fwrite(b.data, 1, b.len, stdout);
        sbuf_free(&b);
    } else {
        print_text(&r);
        int64_t seq = 0;
        char head[AUDIT_HEX_MAX];
        if (store_audit_head(db, &seq, head) == PK_OK && seq > 0)
            printf("\n%s: %lld %s\n", _("Audit log head (keep a copy)"), (long long)seq, head);
    }
    report_free(&r);
    return fflush(stdout) == 0 ? 0 : 1;
}
