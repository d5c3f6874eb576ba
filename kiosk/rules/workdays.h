/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Working days from a year-by-year holiday table (holidays and make-up
 * Saturdays), never a formula: DOMAIN.md "Working days and holidays". */
#ifndef PK_WORKDAYS_H
#define PK_WORKDAYS_H

#include <stdbool.h>

#include "dates.h"
#include "model.h"

/* Days are civil day numbers (dates.h). */

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
