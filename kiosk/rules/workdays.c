/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Working days: a calendar built from the holiday table (kind 'H' = day
 * off, 'W' = make-up working day), weekends Saturday and Sunday, on the
 * civil day numbers of dates.c. No formula for holidays: the table is the
 * truth. */
#include "workdays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- calendar ---------------------------------------------------------- */

typedef struct {
    int day;
    char kind;
} entry;

static int entry_cmp(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

void workcal_init(workcal *c, const holiday *h, int n)
{
    c->n = 0;
    c->days = NULL;
    c->kinds = NULL;
    if (!h || n <= 0)
        return;
    entry *e = xmalloc((size_t)n * sizeof *e);
    int k = 0;
    for (int i = 0; i < n; i++) {
        int day;
        /* rows that are not a date or not a known kind are ignored here;
         * the catalog importer reports them with file:line */
        if (!date_parse(h[i].date, &day) || (h[i].kind != 'H' && h[i].kind != 'W'))
            continue;
        e[k].day = day;
        e[k].kind = h[i].kind;
        k++;
    }
    qsort(e, (size_t)k, sizeof *e, entry_cmp);
    c->days = xmalloc((size_t)(k ? k : 1) * sizeof *c->days);
    c->kinds = xmalloc((size_t)(k ? k : 1));
    for (int i = 0; i < k; i++) {
        /* a date listed twice: a day off wins over a working day */
        if (c->n > 0 && c->days[c->n - 1] == e[i].day) {
            if (e[i].kind == 'H')
                c->kinds[c->n - 1] = 'H';
            continue;
        }
        c->days[c->n] = e[i].day;
        c->kinds[c->n] = e[i].kind;
        c->n++;
    }
    free(e);
}

void workcal_free(workcal *c)
{
    free(c->days);
    free(c->kinds);
    c->days = NULL;
    c->kinds = NULL;
    c->n = 0;
}

bool workcal_is_workday(const workcal *c, int day)
{
    int lo = 0, hi = c ? c->n - 1 : -1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (c->days[mid] == day)
            return c->kinds[mid] == 'W';
        if (c->days[mid] < day)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return date_weekday(day) < 5;
}

int workcal_add(const workcal *c, int day, int n)
{
    if (n == 0) {
        while (!workcal_is_workday(c, day))
            day++;
        return day;
    }
    int step = n > 0 ? 1 : -1;
    int left = n > 0 ? n : -n;
    while (left > 0) {
        day += step;
        if (workcal_is_workday(c, day))
            left--;
    }
    return day;
}
