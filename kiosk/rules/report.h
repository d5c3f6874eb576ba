/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reports for the post office and the province (TT 17/2017 Đ.13): dossiers
 * by status, procedure, agency and commune over a period, the on-time rate
 * against the expected date, lost or damaged items. The figures come from
 * the store (store_report); this module is pure C: periods, the CSV file
 * and bar lengths for the screen. */
#ifndef PK_REPORT_H
#define PK_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "util.h"

typedef enum { PERIOD_DAY = 0, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR } report_period;

const char *report_period_label(report_period p);   /* msgid */
/* The period of kind p containing day (days since 1970-01-01), shifted by
 * `step` periods (-1 = previous). from/to are inclusive YYYY-MM-DD. */
void report_period_range(report_period p, int day, int step,
                         char from[PK_DATE_MAX], char to[PK_DATE_MAX]);
/* "5y", "18m", "400d" -> days (years as 365 days + leap days are not worth
 * the surprise: 5y = 1826 days, 5*365.25 rounded up). false when invalid. */
bool report_parse_age(const char *s, int *days);

typedef struct {
    char key[PK_TEXT_MAX];         /* procedure code, agency, commune name */
    char label[PK_TEXT_MAX];       /* procedure name (vi) when key is a code */
    int64_t count;
} report_item;

typedef struct {
    char from[PK_DATE_MAX], to[PK_DATE_MAX];
    int64_t total;                 /* dossiers registered in the period (samples excluded) */
    int64_t by_status[ST__COUNT];  /* by their current status */
    report_item *procs, *agencies, *communes;
    int nprocs, nagencies, ncommunes;
    int64_t completed;             /* reached the citizen's result (see store_report) */
    int64_t on_time;               /* completed on or before the expected date */
    int64_t late;                  /* completed after it */
    int64_t overdue;               /* not completed, expected date already past */
    int64_t lost, damaged;
    int64_t fees_collected;        /* procedure fees collected at the counter, đồng */
    int64_t postal_charges;        /* postal charges of accepted dossiers, đồng */
    int64_t purged;                /* of total, personal data already purged */
} report;

void report_free(report *r);
/* On-time share of completed dossiers in tenths of a percent (0..1000);
 * -1 when nothing was completed. */
int report_on_time_permille(const report *r);
/* Bar length in columns for value against max over width columns: at
 * least 1 for a non-zero value. */
int report_bar(int64_t value, int64_t max, int width);
/* RFC 4180 CSV: "section,key,label,value" rows; Vietnamese labels (the
 * province reads Vietnamese); UTF-8 without BOM, CRLF line ends; every
 * text field through csv_put_field (formulas neutralised). */
void report_csv(const report *r, const char *post_office, sbuf *out);
/* The report as text for a terminal, labels in the current language (the
 * local `postkiosk report` and the province's `central report`). */
void report_text(const report *r, sbuf *out);

#endif
