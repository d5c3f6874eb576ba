/* Working days: civil day numbers and a calendar built from the holiday
 * table (kind 'H' = day off, 'W' = make-up working day), weekends Saturday
 * and Sunday. No formula for holidays: the table is the truth. */
#include "workdays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Days since 1970-01-01 in the proleptic Gregorian calendar, counted in
 * 400-year eras of 146097 days starting on 1 March (so leap days fall at
 * the end of a year). */
int workdays_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;                                  /* [0, 399] */
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void workdays_to_ymd(int day, int *y, int *m, int *d)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (mm <= 2);
    *m = mm;
    *d = dd;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

static bool digits(const char *s, int n, int *val)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *val = v;
    return true;
}

bool workdays_parse(const char *s, int *day)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return false;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    *day = workdays_from_ymd(y, m, d);
    return true;
}

void workdays_format(int day, char out[PK_DATE_MAX])
{
    int y, m, d;
    workdays_to_ymd(day, &y, &m, &d);
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    str_copy(out, PK_DATE_MAX, buf);
}

void workdays_format_dmy(int day, char out[PK_DATE_MAX])
{
    int y, m, d;
    workdays_to_ymd(day, &y, &m, &d);
    char buf[48];
    snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
    str_copy(out, PK_DATE_MAX, buf);
}

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
        if (!workdays_parse(h[i].date, &day) || (h[i].kind != 'H' && h[i].kind != 'W'))
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

/* 0 = Monday ... 6 = Sunday; 1970-01-01 was a Thursday. */
int workdays_weekday(int day)
{
    int w = (day + 3) % 7;
    return w < 0 ? w + 7 : w;
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
    return workdays_weekday(day) < 5;
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
