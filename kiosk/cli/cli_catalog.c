/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk catalog import [--units|--holidays|--tariffs] FILE`
 * `postkiosk catalog search TEXT...`
 * `postkiosk catalog keywords CODE ["WORDS, ..."]`
 * `postkiosk catalog rank CODE [N]` */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "progress.h"
#include "store_import.h"
#include "util.h"

static const char *eligibility(const proc_row *r)
{
    if (r->bcci_submit && r->bcci_return)
        return _("send and receive by post");
    if (r->bcci_submit)
        return _("send by post only");
    if (r->bcci_return)
        return _("receive the result by post only");
    return _("not by post");
}

/* Two lines on a terminal: the file being read (bytes), then the rows being
 * stored; the first storing call ends the reading line. */
typedef struct {
    progress reading, storing;
} import_lines;

/* The reading line ends when the whole file is read, so its rate is the
 * reading's own. */
static void read_cb(int64_t done, int64_t total, void *arg)
{
    progress *p = arg;
    progress_cb(done, total, p);
    if (total > 0 && done >= total && p->shown)
        progress_end(p, done);
}

static void stored_cb(int64_t done, int64_t total, void *arg)
{
    import_lines *l = arg;
    if (l->reading.shown)
        progress_end(&l->reading, l->reading.total);
    progress_cb(done, total, &l->storing);
}

static int import(cli_ctx *ctx, int argc, char **argv)
{
    const char *kind = "--procedures";
    int i = 0;
    if (argc == 2 && argv[0][0] == '-')
        kind = argv[i++];
    if (argc - i != 1) {
        fprintf(stderr, "%s\n", _("usage: postkiosk catalog import [--units|--holidays|--tariffs] FILE"));
        return 2;
    }
    catalog_import_fn fn;
    if (strcmp(kind, "--procedures") == 0)
        fn = catalog_import_procedures_watched;
    else if (strcmp(kind, "--units") == 0)
        fn = catalog_import_units_watched;
    else if (strcmp(kind, "--holidays") == 0)
        fn = catalog_import_holidays_watched;
    else if (strcmp(kind, "--tariffs") == 0)
        fn = catalog_import_tariffs_watched;
    else {
        fprintf(stderr, _("postkiosk: unknown option %s\n"), kind);
        return 2;
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    char err[600];
    import_lines lines;
    /* TRANSLATORS: progress line while a CSV file is read: bytes read/size */
    progress_begin(&lines.reading, _("reading"), 0);
    progress_begin(&lines.storing, _("import"), 0);
    csv_watch reading = {read_cb, &lines.reading};
    store_set_progress(db, stored_cb, &lines);
    pk_err e = fn(db, argv[i], &reading, err, sizeof err);
    store_set_progress(db, NULL, NULL);
    if (lines.reading.shown)
        progress_end(&lines.reading, lines.reading.total);
    if (lines.storing.shown)
        progress_end(&lines.storing, lines.storing.total);
    if (e != PK_OK) {
        cli_fail("postkiosk: %s\n", err);
        fprintf(stderr, "%s\n", _("Nothing was imported."));
        return 1;
    }
    log_info("configuration: catalog import %s from %s", kind + 2, argv[i]);
    if (fn == catalog_import_procedures_watched)
    {
        int n = store_procedure_count(db);
        printf(ngettext("Imported %d procedure from %s.\n", "Imported %d procedures from %s.\n",
                        (unsigned long)n), n, argv[i]);
    }
    else
        printf(_("Imported %s.\n"), argv[i]);
    return 0;
}

static int search(cli_ctx *ctx, int argc, char **argv)
{
    sbuf q = {0};
    for (int i = 0; i < argc; i++) {
        if (i)
            sbuf_add(&q, " ");
        sbuf_add(&q, argv[i]);
    }
    store *db = cli_store(ctx);
    if (!db) {
        sbuf_free(&q);
        return 1;
    }
    enum { MAX = 200 };
    proc_row *rows = xmalloc(MAX * sizeof *rows);
    int n = 0;
    pk_err e = store_procedure_search(db, q.data ? q.data : "", rows, MAX, &n);
    sbuf_free(&q);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(e)));
        free(rows);
        return 1;
    }
    for (int i = 0; i < n; i++)
        printf("%s\t%s\t%s\n", rows[i].code, rows[i].name_vi, eligibility(&rows[i]));
    free(rows);
    if (n == 0) {
        fprintf(stderr, "%s\n", _("No procedure found."));
        return 1;
    }
    return 0;
}

/* Shows (one argument) or replaces (two) a procedure's search keywords. */
static int keywords(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 1 && argc != 2) {
        fprintf(stderr, "%s\n", _("usage: postkiosk catalog keywords CODE [\"WORDS, WORDS, ...\"]"));
        return 2;
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    pk_err e;
    if (argc == 2) {
        e = store_procedure_keywords_set(db, argv[0], argv[1]);
        if (e == PK_OK)
            log_info("configuration: search keywords of %s changed", argv[0]);
    }
    procedure *p = xmalloc(sizeof *p);
    e = argc == 2 && e != PK_OK ? e : store_procedure_get(db, argv[0], p);
    if (e == PK_ENOTFOUND)
        cli_fail(_("postkiosk: no procedure has the code %s\n"), argv[0]);
    else if (e == PK_EINVAL)
        cli_fail("postkiosk: %s\n", _("The keywords are not valid text (UTF-8, at most 511 bytes)."));
    else if (e != PK_OK)
        cli_fail("postkiosk: %s\n", _(pk_err_msg(e)));
    else
        printf("%s\t%s\t%s\n", p->code, p->name_vi, p->keywords);
    free(p);
    return e == PK_OK ? 0 : 1;
}

/* Shows (one argument) or replaces (two) a procedure's rank on the first
 * list of a kiosk without history (1 first, 0 none). */
static int rank(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 1 && argc != 2) {
        fprintf(stderr, "%s\n", _("usage: postkiosk catalog rank CODE [N]"));
        return 2;
    }
    long n = 0;
    if (argc == 2) {
        char *end = NULL;
        n = strtol(argv[1], &end, 10);
        if (!*argv[1] || *end || strspn(argv[1], "0123456789") != strlen(argv[1]) ||
            n > PK_RANK_MAX) {
            cli_fail("postkiosk: %s\n",
                     _("The rank is a whole number from 0 (not ranked) to 999 (1 is first)."));
            return 1;
        }
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    pk_err e = PK_OK;
    if (argc == 2) {
        e = store_procedure_rank_set(db, argv[0], (int)n);
        if (e == PK_OK)
            log_info("configuration: first-list rank of %s changed to %ld", argv[0], n);
    }
    procedure *p = xmalloc(sizeof *p);
    if (e == PK_OK)
        e = store_procedure_get(db, argv[0], p);
    if (e == PK_ENOTFOUND)
        cli_fail(_("postkiosk: no procedure has the code %s\n"), argv[0]);
    else if (e != PK_OK)
        cli_fail("postkiosk: %s\n", _(pk_err_msg(e)));
    else
        printf("%s\t%s\t%d\n", p->code, p->name_vi, p->rank);
    free(p);
    return e == PK_OK ? 0 : 1;
}

int cli_catalog(cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "import") == 0)
        return import(ctx, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "search") == 0)
        return search(ctx, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "keywords") == 0)
        return keywords(ctx, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "rank") == 0)
        return rank(ctx, argc - 1, argv + 1);
    fprintf(stderr, "%s\n", _("usage: postkiosk catalog import [--units|--holidays|--tariffs] FILE | catalog search TEXT | catalog keywords CODE [WORDS] | catalog rank CODE [N]"));
    return 2;
}
