/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The province's report from the central server (issue 12 item 4): the
 * figures of the local report (store_report, report.h) per post office
 * and in total, from pk.dossiers (each dossier's newest snapshot). One
 * read-only REPEATABLE READ transaction; each query groups by kiosk and
 * in total at once (GROUPING SETS), with the local report's rules: the
 * period is the day of registration at the kiosk, dates compared as text
 * (COLLATE "C", as SQLite does), items ordered by count then key. The
 * central copy holds no personal data, so "purged" is always 0 here. */
#ifndef PK_CENTRAL_REPORT_H
#define PK_CENTRAL_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "pgc.h"
#include "report.h"

typedef struct {
    char month[8];                 /* YYYY-MM of registration */
    int64_t dossiers, on_time, late;
} central_month;

typedef struct {
    char kiosk[16];                /* the post office's kiosk code */
    char province[64];
    report r;
    central_month *months;         /* the months with dossiers, in order (the charts) */
    int nmonths;
} central_office;

typedef struct {
    central_office *offices;       /* every registered kiosk, by code */
    int n;
    report total;
} central_report;

/* from/to/today YYYY-MM-DD (today: what "overdue" is measured against);
 * province: only the post offices of that province (pk.kiosks.province),
 * NULL or "" every one. Needs a province login. PK_EINVAL bad dates;
 * PK_EIO with why. */
pk_err central_report_load(pgc *c, const char *from, const char *to, const char *today,
                           const char *province, central_report *out, char *why, size_t whysz);
void central_report_free(central_report *cr);

#endif
