/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates, on top of libc (timegm, gmtime_r, localtime_r, mktime, strftime).
 * Calendar arithmetic uses civil day numbers: days since 1970-01-01, with
 * no time zone. What a person reads, or the day a moment fell on, is in
 * local time. */
#ifndef PK_DATES_H
#define PK_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* ---- civil days -------------------------------------------------------- */
/* Months and days out of range roll over, as timegm does: month 13 is
 * January of the next year, day 0 the last day of the month before. */
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
/* Strictly YYYY-MM-DD, a real day of year 1900 or later. */
bool date_parse(const char *yyyy_mm_dd, int *day);
void date_format(int day, char out[PK_DATE_MAX]);       /* YYYY-MM-DD */
void date_format_dmy(int day, char out[PK_DATE_MAX]);   /* DD/MM/YYYY */
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(int day);

/* ---- local time -------------------------------------------------------- */
/* The civil day on which moment t (seconds since the epoch) fell, here. */
int date_local_day(int64_t t);
/* The hour (0-23) it was then, here; 0 when t has no local time. */
int date_local_hour(int64_t t);
/* strftime(fmt) of moment t in local time. False, and out "", when t has
 * no local time or the text does not fit. */
bool date_local_format(int64_t t, const char *fmt, char *out, size_t outsz)
    __attribute__((format(strftime, 2, 0)));
/* YYYY-MM-DD of moment t in local time; "1970-01-01" when it has none. */
void date_local_iso(int64_t t, char out[PK_DATE_MAX]);
/* "YYYY-MM-DDTHH:MM" in local time -> moment; 0 when malformed. */
int64_t date_parse_local_minute(const char *s);

/* A date as a person types it, D/M/YYYY (Vietnamese order) or YYYY-MM-DD,
 * into out as YYYY-MM-DD (other text is copied as it is). False when it is
 * not a real day. */
bool date_parse_typed(const char *in, char out[PK_DATE_MAX]);

/* "YYYY-MM-DD" -> "DD/MM/YYYY", as dates are written in Vietnam. False
 * (out untouched) when iso is not of that shape. */
bool date_iso_to_dmy(const char *iso, char *out, size_t outsz);

#endif
