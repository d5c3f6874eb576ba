/* Working days from a year-by-year holiday table (holidays and make-up
 * Saturdays), never a formula: DOMAIN.md "Working days and holidays". */
#ifndef PK_WORKDAYS_H
#define PK_WORKDAYS_H

#include <stdbool.h>

#include "model.h"

/* Days are counted as days since 1970-01-01 (civil, no time zone). */
int workdays_from_ymd(int y, int m, int d);
void workdays_to_ymd(int day, int *y, int *m, int *d);
bool workdays_parse(const char *yyyy_mm_dd, int *day);
void workdays_format(int day, char out[PK_DATE_MAX]);
/* added: the Vietnamese way of writing a date for citizens, "25/11/2026". */
void workdays_format_dmy(int day, char out[PK_DATE_MAX]);
/* added: 0 = Monday ... 6 = Sunday. */
int workdays_weekday(int day);

typedef struct {
    int n;
    int *days;      /* sorted */
    char *kinds;    /* 'H' holiday, 'W' make-up working day */
} workcal;

void workcal_init(workcal *c, const holiday *h, int n);
void workcal_free(workcal *c);
bool workcal_is_workday(const workcal *c, int day);
/* The day that is n working days after day (n = 0: day itself if a working
 * day, else the next working day). */
int workcal_add(const workcal *c, int day, int n);

#endif
