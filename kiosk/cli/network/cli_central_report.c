/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk central report --from D --to D [--csv] [--province P] [--conninfo C]`: the
 * province's report from the central server, per post office (kiosk code)
 * and in total, the same figures as each kiosk's `postkiosk report`. The
 * connection: --conninfo, else [central] conninfo, else libpq's
 * environment; a province login (its password from ~/.pgpass or
 * PGPASSFILE). --csv: the file the province files, the local report's rows
 * (report_csv) with the post office first, then the total ("TOTAL").
 * --pdf FILE: the same report as an A4 paper with a chart per post office
 * (cli_central_pdf.c); the text or CSV still goes to stdout.
 * --province NAME: only that province's post offices (as registered with
 * `central add-kiosk --province`), their total as the total. */
#include "cli_central_report.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "central.h"
#include "central_report.h"
#include "cli_central_pdf.h"
#include "csv.h"
#include "dates.h"
#include "i18n.h"
#include "paper_render.h"
#include "pgc.h"
#include "report.h"
#include "sync_config.h"
#include "util.h"

static int usage(void)
{
    fprintf(stderr, "%s\n",
            _("usage: postkiosk central report --from YYYY-MM-DD --to YYYY-MM-DD [--csv] "
              "[--pdf FILE] [--province NAME] [--conninfo C]"));
    return 2;
}

/* report_csv's rows with office as a first column (its header once). */
static void csv_office(const report *r, const char *office, bool header, sbuf *out)
{
    sbuf one = {0};
    report_csv(r, NULL, &one);
    const char *p = one.data ? one.data : "";
    const char *nl = strstr(p, "\r\n");
    if (header)
        sbuf_add(out, "post_office,");
    if (nl) {
        if (header)
            sbuf_addf(out, "%.*s\r\n", (int)(nl - p), p);
        p = nl + 2;
    }
    while (*p) {
        nl = strstr(p, "\r\n");
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        csv_put_field(out, office);
        sbuf_addf(out, ",%.*s\r\n", (int)len, p);
        p += len + (nl ? 2 : 0);
    }
    sbuf_free(&one);
}

int cli_central_report(cli_ctx *ctx, int argc, char **argv)
{
    const char *from = NULL, *to = NULL, *conninfo = NULL, *pdf_path = NULL, *province = "";
    bool as_csv = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
            from = argv[++i];
        else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            to = argv[++i];
        else if (strcmp(argv[i], "--conninfo") == 0 && i + 1 < argc)
            conninfo = argv[++i];
        else if (strcmp(argv[i], "--pdf") == 0 && i + 1 < argc && argv[i + 1][0])
            pdf_path = argv[++i];
        else if (strcmp(argv[i], "--province") == 0 && i + 1 < argc && argv[i + 1][0])
            province = argv[++i];
        else if (strcmp(argv[i], "--csv") == 0)
            as_csv = true;
        else
            return usage();
    }
    int d1, d2;
    if (!from || !to || !date_parse(from, &d1) || !date_parse(to, &d2) || d1 > d2) {
        fprintf(stderr, "postkiosk: %s\n",
                _("central report: --from and --to must be real days as YYYY-MM-DD, in order"));
        return usage();
    }
    sync_config sc;
    char why[600];
    if (!sync_config_load(&sc, ctx->config_error ? NULL : ctx->config_path, why, sizeof why)) {
        fprintf(stderr, "postkiosk: %s\n", why);
        return 2;
    }
    if (!conninfo)
        conninfo = sc.central_conninfo;
    pgc *c = NULL;
    if (pgc_open(conninfo, NULL, &c, why, sizeof why) != PK_OK) {
        fprintf(stderr, "postkiosk: %s\n", why);
        return 1;
    }
    if (!central_schema_check(c, why, sizeof why)) {
        fprintf(stderr, "postkiosk: %s\n", why);
        pgc_close(c);
        return 1;
    }
    /* the labels in the language of the province (Vietnamese by default) */
    i18n_init(ctx->cfg.locale_dir[0] ? ctx->cfg.locale_dir : NULL);
    i18n_set_lang(ctx->cfg.language[0] ? ctx->cfg.language : "vi");
    char today[PK_DATE_MAX];
    date_local_iso((int64_t)time(NULL), today);
    central_report cr;
    pk_err e = central_report_load(c, from, to, today, province, &cr, why, sizeof why);
    pgc_close(c);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: %s\n", e == PK_EIO ? why : pk_err_msg(e));
        return 1;
    }
    if (pdf_path) {
        int pages = 0;
        e = central_report_pdf(&cr, pdf_path, &pages);
        if (e != PK_OK) {
            /* nothing half-written stays: paper_pdf_write writes through .tmp */
            fprintf(stderr, "postkiosk: ");
            char lib[400];   /* no papers module (cairo, pango): its reason */
            fprintf(stderr, _("central report: cannot write %s: %s"), pdf_path,
                    e == PK_EPRINTER && !paper_lib_ready(lib, sizeof lib) ? lib : pk_err_msg(e));
            fputc('\n', stderr);
            central_report_free(&cr);
            return 1;
        }
    }
    sbuf b = {0};
    for (int i = 0; i < cr.n; i++) {
        if (as_csv) {
            csv_office(&cr.offices[i].r, cr.offices[i].kiosk, i == 0, &b);
        } else {
            sbuf_addf(&b, "== %s %s%s%s ==\n", _("Post office"), cr.offices[i].kiosk,
                      cr.offices[i].province[0] ? ", " : "", cr.offices[i].province);
            report_text(&cr.offices[i].r, &b);
            sbuf_add(&b, "\n");
        }
    }
    if (as_csv) {
        csv_office(&cr.total, "TOTAL", cr.n == 0, &b);
    } else {
        sbuf_addf(&b, "== %s (%d) ==\n", _("All post offices"), cr.n);
        report_text(&cr.total, &b);
    }
    fwrite(b.data ? b.data : "", 1, b.len, stdout);
    sbuf_free(&b);
    central_report_free(&cr);
    return fflush(stdout) == 0 ? 0 : 1;
}
