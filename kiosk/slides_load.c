/* The slides' data, read once from the store when the slides open: the
 * catalog (how many procedures can go by post, a few examples from
 * different fields), the postal tariff, and this year's report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "slides.h"
#include "store_clerk.h"

static bool seen_field(char (*fields)[96], int n, const char *f)
{
    for (int i = 0; i < n; i++)
        if (strcmp(fields[i], f) == 0)
            return true;
    return false;
}

static void add_example(slide_data *d, const procedure *p)
{
    slide_proc *e = &d->examples[d->nexamples++];
    str_copy(e->name_vi, sizeof e->name_vi, p->name_vi);
    str_copy(e->name_en, sizeof e->name_en, p->name_en);
    e->fee_vnd = p->fee_vnd;
    if (!d->have_costly && p->fee_vnd > 0) {
        d->costly = *e;
        d->have_costly = true;
    }
}

static void load_catalog(store *st, slide_data *d)
{
    int total = store_procedure_count(st);
    if (total <= 0)
        return;
    proc_row *rows = xcalloc((size_t)total, sizeof *rows);
    int n = 0;
    if (store_procedure_search(st, "", rows, total, &n) != PK_OK)
        n = 0;
    d->procs_total = n;
    char fields[SLIDES_EXAMPLES][96];
    bool *taken = xcalloc((size_t)n + 1, sizeof *taken);
    procedure *p = xmalloc(sizeof *p);
    /* what people near the post office need most: commune-level procedures
     * first, one per field (lĩnh vực) in Vietnamese order; then the other
     * fields; then anything eligible */
    for (int pass = 0; pass < 3; pass++) {
        for (int i = 0; i < n && d->nexamples < SLIDES_EXAMPLES; i++) {
            const proc_row *r = &rows[i];
            if (!r->bcci_submit || taken[i])
                continue;
            if (pass < 2 && seen_field(fields, d->nexamples, r->field_vi))
                continue;
            if (store_procedure_get(st, r->code, p) != PK_OK)
                continue;
            if (pass == 0 && strcmp(p->level, "commune") != 0)
                continue;
            taken[i] = true;
            str_copy(fields[d->nexamples], sizeof fields[0], r->field_vi);
            add_example(d, p);
        }
    }
    free(taken);
    for (int i = 0; i < n; i++) {
        d->procs_submit += rows[i].bcci_submit;
        d->procs_return += rows[i].bcci_return;
    }
    mem_wipe(p, sizeof *p);
    free(p);
    free(rows);
}

static void load_tariff(store *st, const config *cfg, slide_data *d)
{
    const char *scope = cfg && cfg->scope[0] ? cfg->scope : "province";
    tariff send, ret, both;
    if (store_tariff_get(st, FORM_SEND, scope, &send) != PK_OK ||
        store_tariff_get(st, FORM_RETURN, scope, &ret) != PK_OK ||
        store_tariff_get(st, FORM_BOTH, scope, &both) != PK_OK)
        return;
    d->charge_send = send.charge_vnd;
    d->charge_return = ret.charge_vnd;
    d->charge_both = both.charge_vnd;
    d->transit_days = send.transit_days;
    d->have_tariff = true;
}

static void load_figures(store *st, int64_t now, slide_data *d)
{
    time_t t = (time_t)now;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return;
    char from[PK_DATE_MAX], to[PK_DATE_MAX], today[PK_DATE_MAX];
    if (!strftime(from, sizeof from, "%Y-01-01", &tm) || !strftime(to, sizeof to, "%Y-12-31", &tm) ||
        !strftime(today, sizeof today, "%Y-%m-%d", &tm))
        return;     /* a year past 9999 */
    report r;
    memset(&r, 0, sizeof r);
    if (store_report(st, from, to, today, &r) == PK_OK) {
        d->year = tm.tm_year + 1900;
        d->total = r.total;
        d->completed = r.completed;
        d->on_time = r.on_time;
        d->lost = r.lost;
        d->have_figures = true;
    }
    report_free(&r);
}

void slides_load(store *st, const config *cfg, int64_t now, slide_data *d)
{
    memset(d, 0, sizeof *d);
    if (cfg) {
        str_copy(d->hotline, sizeof d->hotline, cfg->hotline);
        str_copy(d->post_office, sizeof d->post_office, cfg->post_office);
        str_copy(d->info_url, sizeof d->info_url, cfg->info_url);
    }
    if (!st)
        return;
    load_catalog(st, d);
    load_tariff(st, cfg, d);
    load_figures(st, now, d);
}
