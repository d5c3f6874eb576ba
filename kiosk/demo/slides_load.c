/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The slides' data, read once from the store when the slides open: the
 * catalog (how many procedures can go by post, a few examples from
 * different fields), the postal tariff, and this year's report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "report.h"
#include "slides.h"
#include "store_clerk.h"

/* An eligible procedure, with what orders the examples. */
typedef struct {
    int row;                 /* in the catalog's Vietnamese order */
    bool commune;
    int64_t fee;
    int days;
    slide_proc p;
    char field[96];
} candidate;

/* Closest to people first: commune level, then the lowest fee, then the
 * quickest, then the catalog's order. */
static int closest_first(const void *x, const void *y)
{
    const candidate *a = x, *b = y;
    if (a->commune != b->commune)
        return a->commune ? -1 : 1;
    if (a->fee != b->fee)
        return a->fee < b->fee ? -1 : 1;
    if (a->days != b->days)
        return a->days - b->days;
    return a->row - b->row;
}

/* Examples: the everyday procedures (closest first), one per field
 * (lĩnh vực) while there are fields left; the costs slide's example: the
 * eligible procedure with the lowest fee above zero. */
static void pick_examples(candidate *c, int n, slide_data *d)
{
    qsort(c, (size_t)n, sizeof *c, closest_first);
    bool *taken = xcalloc((size_t)n + 1, sizeof *taken);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n && d->nexamples < SLIDES_EXAMPLES; i++) {
            bool seen = false;
            for (int j = 0; j < i && pass == 0; j++)
                seen = seen || (taken[j] && strcmp(c[j].field, c[i].field) == 0);
            if (taken[i] || seen)
                continue;
            taken[i] = true;
            d->examples[d->nexamples++] = c[i].p;
        }
    free(taken);
    for (int i = 0; i < n; i++)
        if (c[i].fee > 0 && (!d->have_costly || c[i].fee < d->costly.fee_vnd)) {
            d->costly = c[i].p;
            d->have_costly = true;
        }
}

static void load_catalog(store *db, slide_data *d)
{
    int total = store_procedure_count(db);
    if (total <= 0)
        return;
    proc_row *rows = xcalloc((size_t)total, sizeof *rows);
    int n = 0;
    if (store_procedure_search(db, "", rows, total, &n) != PK_OK)
        n = 0;
    d->procs_total = n;
    candidate *c = xcalloc((size_t)n + 1, sizeof *c);
    int nc = 0;
    procedure *p = xmalloc(sizeof *p);
    for (int i = 0; i < n; i++) {
        d->procs_submit += rows[i].bcci_submit;
        d->procs_return += rows[i].bcci_return;
        if (!rows[i].bcci_submit || store_procedure_get(db, rows[i].code, p) != PK_OK)
            continue;
        candidate *k = &c[nc++];
        k->row = i;
        k->commune = strcmp(p->level, "commune") == 0;
        k->fee = p->fee_vnd;
        k->days = p->days;
        str_copy(k->field, sizeof k->field, p->field_vi);
        str_copy(k->p.name_vi, sizeof k->p.name_vi, p->name_vi);
        str_copy(k->p.name_en, sizeof k->p.name_en, p->name_en);
        k->p.fee_vnd = p->fee_vnd;
    }
    pick_examples(c, nc, d);
    free(p);
    free(c);
    free(rows);
}

static void load_tariff(store *db, const config *cfg, slide_data *d)
{
    const char *scope = cfg && cfg->scope[0] ? cfg->scope : "province";
    tariff send, ret, both;
    if (store_tariff_get(db, FORM_SEND, scope, &send) != PK_OK ||
        store_tariff_get(db, FORM_RETURN, scope, &ret) != PK_OK ||
        store_tariff_get(db, FORM_BOTH, scope, &both) != PK_OK)
        return;
    d->charge_send = send.charge_vnd;
    d->charge_return = ret.charge_vnd;
    d->charge_both = both.charge_vnd;
    d->transit_days = send.transit_days;
    d->have_tariff = true;
}

static void load_figures(store *db, int64_t now, slide_data *d)
{
    char from[PK_DATE_MAX], to[PK_DATE_MAX], today[PK_DATE_MAX];
    if (!date_local_format(now, "%Y-01-01", from, sizeof from) ||
        !date_local_format(now, "%Y-12-31", to, sizeof to) ||
        !date_local_format(now, "%Y-%m-%d", today, sizeof today))
        return;     /* no local time, or a year past 9999 */
    report r;
    memset(&r, 0, sizeof r);
    if (store_report(db, from, to, today, &r) == PK_OK) {
        int month, day;
        date_to_ymd(date_local_day(now), &d->year, &month, &day);
        d->total = r.total;
        d->completed = r.completed;
        d->on_time = r.on_time;
        d->lost = r.lost;
        d->have_figures = true;
    }
    report_free(&r);
}

void slides_load(store *db, const config *cfg, int64_t now, slide_data *d)
{
    memset(d, 0, sizeof *d);
    if (cfg) {
        str_copy(d->hotline, sizeof d->hotline, cfg->hotline);
        str_copy(d->post_office, sizeof d->post_office, cfg->post_office);
        str_copy(d->info_url, sizeof d->info_url, cfg->info_url);
    }
    if (!db)
        return;
    load_catalog(db, d);
    load_tariff(db, cfg, d);
    load_figures(db, now, d);
}
