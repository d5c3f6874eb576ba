/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to kiosk/store/ files: statements assembled from constant fragments
 * with every value bound, and the dossier filters the list and the clerk's
 * queue share. */
#ifndef PK_STORE_FILTER_H
#define PK_STORE_FILTER_H

#include "store_internal.h"
#include "util.h"

enum { SQLQ_MAX_PARAMS = 16 };

/* Each value added takes the next parameter number, which the caller writes
 * into its fragment as ?%d: what a user typed never enters the SQL text. */
typedef struct {
    sbuf sql;
    int n;
    bool overflow;               /* more than SQLQ_MAX_PARAMS values */
    struct {
        const char *text;        /* NULL: the integer num */
        int64_t num;
    } param[SQLQ_MAX_PARAMS];
} sqlq;

void sqlq_add(sqlq *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The parameter number of a new value; text must live until sqlq_prepare(). */
int sqlq_text(sqlq *q, const char *text);
int sqlq_int(sqlq *q, int64_t num);
/* Prepares q (from the statement cache) with every value bound and frees
 * q's text. NULL on error (s->err says why). */
sqlite3_stmt *sqlq_prepare(store *s, sqlq *q);

/* The filter is acceptable: status -2 (open), -1 (any) or a status, and
 * every text valid within cap bytes. */
bool store_filter_ok(const dossier_filter *f, size_t cap);
/* Appends " AND ..." for f's status, dates, procedure, agency, unit and
 * samples, on the columns of the dossiers table named d (not the query). */
void sqlq_dossier_filter(sqlq *q, const dossier_filter *f);

/* The columns store_read_rows() reads, from the dossiers table named d. */
#define DOSSIER_ROW_COLS \
    "d.id, d.ref, d.proc_code, d.proc_name_vi, d.name, d.status, d.created_at, d.expected_date"
/* Steps stmt into rows[0..max); *n rows. On error *n is 0. */
pk_err store_read_rows(store *s, sqlite3_stmt *stmt, dossier_row *rows, int max, int *n);

#endif
