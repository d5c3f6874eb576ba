/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One builder for the dynamic WHERE clauses of the dossier list and the
 * clerk's queue (see store_filter.h). */
#include "store_filter.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dossier.h"

void sqlq_add(sqlq *q, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sbuf_vaddf(&q->sql, fmt, ap);
    va_end(ap);
}

static int param(sqlq *q, const char *text, int64_t num)
{
    if (q->n == SQLQ_MAX_PARAMS) {
        q->overflow = true;
        return SQLQ_MAX_PARAMS;
    }
    q->param[q->n].text = text;
    q->param[q->n].num = num;
    return ++q->n;
}

int sqlq_text(sqlq *q, const char *text)
{
    return param(q, text ? text : "", 0);
}

int sqlq_int(sqlq *q, int64_t num)
{
    return param(q, NULL, num);
}

sqlite3_stmt *sqlq_prepare(store *s, sqlq *q)
{
    sqlite3_stmt *stmt = NULL;
    if (q->overflow)
        snprintf(s->err, sizeof s->err, "more than %d parameters", SQLQ_MAX_PARAMS);
    else
        stmt = store_stmt(s, q->sql.data);
    sbuf_free(&q->sql);
    for (int i = 0; stmt && i < q->n; i++) {
        if (q->param[i].text)
            store_bind_text(stmt, i + 1, q->param[i].text);
        else
            sqlite3_bind_int64(stmt, i + 1, q->param[i].num);
    }
    return stmt;
}

bool store_filter_ok(const dossier_filter *f, size_t cap)
{
    if (f->status >= ST__COUNT || f->status < DOSSIER_FILTER_INCIDENTS)
        return false;
    const char *texts[] = {f->query, f->from_date, f->to_date, f->proc_code, f->agency};
    for (size_t i = 0; i < PK_ARRAY_LEN(texts); i++)
        if (texts[i] && !store_text_ok(texts[i], cap))
            return false;
    return true;
}

void sqlq_dossier_filter(sqlq *q, const dossier_filter *f)
{
    if (f->status >= 0)
        sqlq_add(q, " AND d.status = ?%d",
                 sqlq_text(q, store_status_code((dossier_status)f->status)));
    else if (f->status == -2)   /* open: not closed (set by every closing step) */
        sqlq_add(q, " AND d.closed_day = ''");
    else if (f->status == DOSSIER_FILTER_INCIDENTS)   /* lost or damaged: the open cases */
        sqlq_add(q, " AND d.incident <> ''");
    if (f->from_date)
        sqlq_add(q, " AND d.created_day >= ?%d", sqlq_text(q, f->from_date));
    if (f->to_date)
        sqlq_add(q, " AND d.created_day <= ?%d", sqlq_text(q, f->to_date));
    if (f->proc_code)
        sqlq_add(q, " AND d.proc_code = ?%d", sqlq_text(q, f->proc_code));
    if (f->agency)
        sqlq_add(q, " AND d.agency = ?%d", sqlq_text(q, f->agency));
    if (f->unit_id > 0)
        sqlq_add(q, " AND d.unit_id = ?%d", sqlq_int(q, f->unit_id));
    if (!f->include_sample)
        sqlq_add(q, " AND d.sample = 0");
}

pk_err store_read_rows(store *s, sqlite3_stmt *stmt, dossier_row *rows, int max, int *n)
{
    *n = 0;
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e)) {
        dossier_row *r = &rows[(*n)++];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(stmt, 0);
        store_col_text(stmt, 1, r->ref, sizeof r->ref);
        store_col_text(stmt, 2, r->proc_code, sizeof r->proc_code);
        store_col_text(stmt, 3, r->proc_name_vi, sizeof r->proc_name_vi);
        store_col_text(stmt, 4, r->name, sizeof r->name);
        int status = dossier_status_parse((const char *)sqlite3_column_text(stmt, 5));
        r->status = status < 0 ? ST_REGISTERED : (dossier_status)status;
        r->created_at = sqlite3_column_int64(stmt, 6);
        store_col_text(stmt, 7, r->expected_date, sizeof r->expected_date);
    }
    if (e != PK_OK)
        *n = 0;
    return e;
}
