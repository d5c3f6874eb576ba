/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates on top of libc: see dates.h. */
#include "dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util.h"

enum { DAY_SECONDS = 24 * 60 * 60 };

int date_from_ymd(int y, int m, int d)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    time_t t = timegm(&tm);   /* midnight UTC: a whole number of days */
    return (int)(t / DAY_SECONDS);
}

void date_to_ymd(int day, int *y, int *m, int *d)
{
    time_t t = (time_t)day * DAY_SECONDS;
    struct tm tm = {0};
    gmtime_r(&t, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
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

/* The YYYY-MM-DD shape, numbers not checked against the calendar. */
static bool iso_shape(const char *s, int *y, int *m, int *d)
{
    return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, y) &&
           digits(s + 5, 2, m) && digits(s + 8, 2, d);
}

bool date_parse(const char *s, int *day)
{
    int y, m, d;
    if (!iso_shape(s, &y, &m, &d) || y < 1900 || m < 1 || m > 12 || d < 1)
        return false;
    int n = date_from_ymd(y, m, d);
    int yy, mm, dd;
    date_to_ymd(n, &yy, &mm, &dd);
    if (mm != m)   /* rolled over: no such day in that month */
        return false;
    *day = n;
    return true;
}

/* 1 or 2 digits, then stop: how many were read (0: none). */
static int short_number(const char *s, int *val)
{
    int n = 0;
    while (n < 2 && s[n] >= '0' && s[n] <= '9')
        n++;
    return n && digits(s, n, val) ? n : 0;
}

bool date_parse_typed(const char *in, char out[PK_DATE_MAX])
{
    int d, m, y, nd, nm, day;
    char buf[48];
    if ((nd = short_number(in, &d)) && in[nd] == '/' && (nm = short_number(in + nd + 1, &m)) &&
        in[nd + 1 + nm] == '/' && strlen(in + nd + nm + 2) == 4 && digits(in + nd + nm + 2, 4, &y)) {
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        in = buf;
    }
    str_copy(out, PK_DATE_MAX, in);
    return date_parse(out, &day);
}

static void format(int day, bool dmy, char out[PK_DATE_MAX])
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    char buf[48];
    if (dmy)
        snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
    else
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    str_copy(out, PK_DATE_MAX, buf);
}

void date_format(int day, char out[PK_DATE_MAX])
{
    format(day, false, out);
}

void date_format_dmy(int day, char out[PK_DATE_MAX])
{
    format(day, true, out);
}

/* 1970-01-01 was a Thursday. */
int date_weekday(int day)
{
    int w = (day + 3) % 7;
    return w < 0 ? w + 7 : w;
}

int date_local_day(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))   /* no local time: the day in UTC */
        return (int)((t - ((t % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS) / DAY_SECONDS);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int date_local_hour(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    return localtime_r(&tt, &tm) ? tm.tm_hour : 0;
}

/* fmt is checked where it is written: dates.h gives this function the
 * strftime format attribute, so gcc's warning about a format that is not a
 * literal is off for this one call. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
bool date_local_format(int64_t t, const char *fmt, char *out, size_t outsz)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (localtime_r(&tt, &tm) && strftime(out, outsz, fmt, &tm) > 0)
        return true;
    if (outsz)
        out[0] = '\0';
    return false;
}
#pragma GCC diagnostic pop

void date_local_iso(int64_t t, char out[PK_DATE_MAX])
{
    if (!date_local_format(t, "%Y-%m-%d", out, PK_DATE_MAX))
        str_copy(out, PK_DATE_MAX, "1970-01-01");
}

int64_t date_parse_local_minute(const char *s)
{
    int y, mo, d, h, mi;
    char tail;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
        return 0;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
        return 0;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;   /* local rules decide summer time */
    time_t t = mktime(&tm);
    return t == (time_t)-1 ? 0 : (int64_t)t;
}

bool date_iso_to_dmy(const char *iso, char *out, size_t outsz)
{
    int y, m, d;
    if (!iso_shape(iso, &y, &m, &d))
        return false;
    snprintf(out, outsz, "%02d/%02d/%04d", d, m, y);
    return true;
}
