/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The province's report on PostgreSQL (central_report.h). */
#include "central_report.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "dossier.h"
#include "util.h"

/* the period, and the province's post offices when $3 names one: with the
 * name known when the query is planned, a nested loop over its offices in
 * the index dossiers_kiosk_day (one range each); "" every office */
#define PERIOD \
    " FROM pk.dossiers WHERE created_day COLLATE \"C\" BETWEEN $1 AND $2" \
    " AND kiosk IN (SELECT code FROM pk.kiosks WHERE $3 = '' OR province = $3)"

static int by_code(const void *key, const void *office)
{
    return strcmp(key, ((const central_office *)office)->kiosk);
}

/* The report a row belongs to: the total (GROUPING(kiosk) = 1) or its
 * office's, found by halves (the offices come in code order, COLLATE "C",
 * which is strcmp's: 13,000 offices times their rows by a linear search
 * took seconds); NULL for a kiosk not in the list. */
static report *target(central_report *cr, const char *grouping, const char *kiosk)
{
    if (!strcmp(grouping, "1"))
        return &cr->total;
    central_office *o = cr->n ? bsearch(kiosk, cr->offices, (size_t)cr->n, sizeof *cr->offices,
                                        by_code)
                              : NULL;
    return o ? &o->r : NULL;
}

static bool take_office(void *arg, int ncols, const char *const *v)
{
    central_report *cr = arg;
    if (ncols != 2)
        return false;
    cr->offices = xrealloc(cr->offices, (size_t)(cr->n + 1) * sizeof *cr->offices);
    central_office *o = &cr->offices[cr->n++];
    memset(o, 0, sizeof *o);
    str_copy(o->kiosk, sizeof o->kiosk, v[0]);
    str_copy(o->province, sizeof o->province, v[1]);
    return true;
}

static bool take_status(void *arg, int ncols, const char *const *v)
{
    report *r = ncols == 4 ? target(arg, v[0], v[1]) : NULL;
    if (!r)
        return ncols == 4;
    int64_t n = strtoll(v[3], NULL, 10);
    int k = dossier_status_parse(v[2]);
    if (k >= 0)
        r->by_status[k] += n;
    r->total += n;
    return true;
}

typedef struct {
    central_report *cr;
    int which;                     /* 0 procedures, 1 agencies, 2 communes */
} items_ctx;

static bool take_item(void *arg, int ncols, const char *const *v)
{
    items_ctx *x = arg;
    report *r = ncols == 5 ? target(x->cr, v[0], v[1]) : NULL;
    if (!r)
        return ncols == 5;
    report_item **list = x->which == 0 ? &r->procs : x->which == 1 ? &r->agencies : &r->communes;
    int *n = x->which == 0 ? &r->nprocs : x->which == 1 ? &r->nagencies : &r->ncommunes;
    *list = xrealloc(*list, (size_t)(*n + 1) * sizeof **list);
    report_item *it = &(*list)[(*n)++];
    memset(it, 0, sizeof *it);
    str_copy(it->key, sizeof it->key, v[2]);
    str_copy(it->label, sizeof it->label, v[3]);
    it->count = strtoll(v[4], NULL, 10);
    return true;
}

static bool take_figures(void *arg, int ncols, const char *const *v)
{
    report *r = ncols == 9 ? target(arg, v[0], v[1]) : NULL;
    if (!r)
        return ncols == 9;
    r->on_time = strtoll(v[2], NULL, 10);
    r->late = strtoll(v[3], NULL, 10);
    r->completed = r->on_time + r->late;
    r->overdue = strtoll(v[4], NULL, 10);
    r->lost = strtoll(v[5], NULL, 10);
    r->damaged = strtoll(v[6], NULL, 10);
    r->fees_collected = strtoll(v[7], NULL, 10);
    r->postal_charges = strtoll(v[8], NULL, 10);
    return true;
}

static bool take_month(void *arg, int ncols, const char *const *v)
{
    central_report *cr = arg;
    report *r = ncols == 5 ? target(cr, "0", v[0]) : NULL;
    if (!r)
        return ncols == 5;
    central_office *o = (central_office *)((char *)r - offsetof(central_office, r));
    o->months = xrealloc(o->months, (size_t)(o->nmonths + 1) * sizeof *o->months);
    central_month *m = &o->months[o->nmonths++];
    memset(m, 0, sizeof *m);
    str_copy(m->month, sizeof m->month, v[1]);
    m->dossiers = strtoll(v[2], NULL, 10);
    m->on_time = strtoll(v[3], NULL, 10);
    m->late = strtoll(v[4], NULL, 10);
    return true;
}

/* The same groups as store_report, per kiosk and in total. */
static const char q_status[] =
    "SELECT GROUPING(kiosk), kiosk, status, count(*)" PERIOD
    " GROUP BY GROUPING SETS ((kiosk, status), (status))";
static const char q_procs[] =
    "SELECT GROUPING(kiosk), kiosk, proc_code, max(proc_name COLLATE \"C\"), count(*)" PERIOD
    " GROUP BY GROUPING SETS ((kiosk, proc_code), (proc_code))"
    " ORDER BY 1, 2, 5 DESC, proc_code COLLATE \"C\"";
static const char q_agencies[] =
    "SELECT GROUPING(kiosk), kiosk, agency, '', count(*)" PERIOD
    " GROUP BY GROUPING SETS ((kiosk, agency), (agency))"
    " ORDER BY 1, 2, 5 DESC, agency COLLATE \"C\"";
static const char q_communes[] =
    "SELECT GROUPING(kiosk), kiosk, CASE WHEN unit_name = '' THEN '-' ELSE unit_name END, '',"
    " count(*)" PERIOD
    " GROUP BY GROUPING SETS ((kiosk, unit_name), (unit_name))"
    " ORDER BY 1, 2, 5 DESC, unit_name COLLATE \"C\"";
static const char q_figures[] =
    "SELECT GROUPING(kiosk), kiosk,"
    " count(*) FILTER (WHERE completed_day <> '' AND expected_date <> ''"
    "   AND completed_day COLLATE \"C\" <= expected_date),"
    " count(*) FILTER (WHERE completed_day <> '' AND expected_date <> ''"
    "   AND completed_day COLLATE \"C\" > expected_date),"
    " count(*) FILTER (WHERE completed_day = '' AND closed_day = '' AND expected_date <> ''"
    "   AND expected_date COLLATE \"C\" < $4),"
    " count(*) FILTER (WHERE incident = 'lost'), count(*) FILTER (WHERE incident = 'damaged'),"
    " coalesce(sum(CASE WHEN accepted_at > 0 THEN fee_collected ELSE 0 END), 0),"
    " coalesce(sum(CASE WHEN accepted_at > 0 THEN fee_post ELSE 0 END), 0)" PERIOD
    " GROUP BY GROUPING SETS ((kiosk), ())";

/* Per office and month of registration, for the charts: the same on time
 * and late as q_figures. */
static const char q_months[] =
    "SELECT kiosk, substr(created_day, 1, 7), count(*),"
    " count(*) FILTER (WHERE completed_day <> '' AND expected_date <> ''"
    "   AND completed_day COLLATE \"C\" <= expected_date),"
    " count(*) FILTER (WHERE completed_day <> '' AND expected_date <> ''"
    "   AND completed_day COLLATE \"C\" > expected_date)" PERIOD
    " GROUP BY 1, 2 ORDER BY kiosk COLLATE \"C\", substr(created_day, 1, 7) COLLATE \"C\"";

pk_err central_report_load(pgc *c, const char *from, const char *to, const char *today,
                           const char *province, central_report *out, char *why, size_t whysz)
{
    memset(out, 0, sizeof *out);
    int d1, d2, d3;
    if (!from || !to || !today || !date_parse(from, &d1) || !date_parse(to, &d2) ||
        !date_parse(today, &d3) || d1 > d2)
        return PK_EINVAL;
    str_copy(out->total.from, sizeof out->total.from, from);
    str_copy(out->total.to, sizeof out->total.to, to);
    if (!province)
        province = "";
    const char *p3[3] = {from, to, province}, *p4[4] = {from, to, province, today};
    items_ctx procs = {out, 0}, agencies = {out, 1}, communes = {out, 2};
    /* every figure from one snapshot, as the local report */
    bool ok = pgc_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", why, whysz) &&
              pgc_query_each(c,
                             "SELECT code, province FROM pk.kiosks WHERE $1 = '' OR province = $1"
                             " ORDER BY code COLLATE \"C\"",
                             1, &province, take_office, out, why, whysz);
    for (int i = 0; ok && i < out->n; i++) {
        str_copy(out->offices[i].r.from, sizeof out->offices[i].r.from, from);
        str_copy(out->offices[i].r.to, sizeof out->offices[i].r.to, to);
    }
    ok = ok && pgc_query_each(c, q_status, 3, p3, take_status, out, why, whysz) &&
         pgc_query_each(c, q_procs, 3, p3, take_item, &procs, why, whysz) &&
         pgc_query_each(c, q_agencies, 3, p3, take_item, &agencies, why, whysz) &&
         pgc_query_each(c, q_communes, 3, p3, take_item, &communes, why, whysz) &&
         pgc_query_each(c, q_figures, 4, p4, take_figures, out, why, whysz) &&
         pgc_query_each(c, q_months, 3, p3, take_month, out, why, whysz) &&
         pgc_exec(c, "COMMIT", why, whysz);
    if (!ok) {
        central_report_free(out);
        return PK_EIO;
    }
    return PK_OK;
}

void central_report_free(central_report *cr)
{
    for (int i = 0; i < cr->n; i++) {
        report_free(&cr->offices[i].r);
        free(cr->offices[i].months);
    }
    free(cr->offices);
    report_free(&cr->total);
    memset(cr, 0, sizeof *cr);
}
