/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's queue: counts per status, pages oldest first with keyset
 * paging, filters and search (reference, folded name, phone, last digits of
 * the ID), built to stay fast at a million dossiers. */
#include "store_filter.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "store_clerk.h"
#include "text.h"
#include "util.h"

pk_err store_status_counts(store *s, int64_t counts[ST__COUNT])
{
    memset(counts, 0, sizeof(int64_t) * ST__COUNT);
    sqlite3_stmt *stmt = store_stmt(s, "SELECT status, n FROM status_counts WHERE sample = 0");
    if (!stmt)
        return PK_EIO;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int k = dossier_status_parse((const char *)sqlite3_column_text(stmt, 0));
        if (k >= 0)
            counts[k] += sqlite3_column_int64(stmt, 1);
    }
    pk_err e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

static int64_t setting_int(store *s, const char *key)
{
    char v[32];
    if (store_setting_get(s, key, v, sizeof v) != PK_OK)
        return 0;
    return strtoll(v, NULL, 10);
}

static int64_t max_dossier_id(store *s)
{
    sqlite3_stmt *stmt = store_stmt(s, "SELECT max(id) FROM dossiers");
    if (!stmt)
        return -1;
    int64_t n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    store_done(stmt);
    return n;
}

pk_err store_names_catch_up(store *s)
{
    int64_t top = max_dossier_id(s);
    if (top < 0)
        return PK_EIO;
    if (top <= setting_int(s, "names_indexed_upto"))
        return PK_OK;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    int64_t upto = setting_int(s, "names_indexed_upto");   /* again, under the lock */
    sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO dossier_names(rowid, name_fold)"
                                     " SELECT id, name_fold FROM dossiers WHERE id > ?1");
    if (!stmt)
        e = PK_EIO;
    else {
        sqlite3_bind_int64(stmt, 1, upto);
        e = store_step_done(s, stmt);
    }
    if (e == PK_OK) {
        char v[32];
        snprintf(v, sizeof v, "%lld", (long long)max_dossier_id(s));
        e = store_setting_set(s, "names_indexed_upto", v);
    }
    return store_end(s, e);
}

typedef enum { Q_NONE, Q_REF, Q_DIGITS, Q_NAME, Q_EMPTY } query_kind;

/* Upper bound of a prefix range: the prefix with its last byte raised. */
static void prefix_hi(const char *lo, char *hi, size_t hisz)
{
    str_copy(hi, hisz, lo);
    size_t n = strlen(hi);
    if (n)
        hi[n - 1]++;
}

static query_kind classify(const char *q, char *norm, size_t normsz)
{
    norm[0] = '\0';
    if (!q)
        return Q_NONE;
    char t[128];
    if (!str_copy(t, sizeof t, q))
        return Q_EMPTY;
    text_squeeze(t);
    if (!t[0])
        return Q_NONE;
    const char *p = t;
    if (strncmp(p, "+84", 3) == 0 && strlen(p) > 3) {   /* phone in +84 form */
        snprintf(norm, normsz, "0%s", p + 3);
        p = norm;
    }
    bool digits = true, refchars = true, letter = false, digit = false;
    for (const char *c = p; *c; c++) {
        unsigned char u = (unsigned char)*c;
        digits = digits && isdigit(u);
        refchars = refchars && (isalnum(u) || u == '-');
        letter = letter || isalpha(u);
        digit = digit || isdigit(u);
    }
    if (digits) {
        if (p != norm)
            str_copy(norm, normsz, p);
        return strlen(norm) >= 4 ? Q_DIGITS : Q_EMPTY;
    }
    if (refchars && letter && digit) {
        size_t i = 0;
        for (; p[i] && i + 1 < normsz; i++)
            norm[i] = (char)toupper((unsigned char)p[i]);
        norm[i] = '\0';
        return Q_REF;
    }
    /* a name: every folded word becomes a prefix term "w"* */
    char *fold = text_fold(p);
    sbuf m = {0};
    for (char *w = strtok(fold, " "); w; w = strtok(NULL, " ")) {
        bool alnum = true;
        for (char *c = w; *c; c++)
            alnum = alnum && isalnum((unsigned char)*c);
        if (!alnum || !*w)
            continue;
        sbuf_addf(&m, "%s\"%s\"*", m.len ? " AND " : "", w);
    }
    free(fold);
    query_kind k = m.len ? Q_NAME : Q_EMPTY;
    if (m.len)
        str_copy(norm, normsz, m.data);
    sbuf_free(&m);
    return k;
}

pk_err store_queue_page(store *s, const dossier_filter *f, int64_t after, bool backward,
                        dossier_row *rows, int max, int *n)
{
    *n = 0;
    dossier_filter any = {.status = -1};
    if (!f)
        f = &any;
    if (!store_filter_ok(f, 512) || max <= 0 || max > 1000 || after < 0)
        return PK_EINVAL;
    char q[512], hi[512] = "", last4[8] = "";
    query_kind k = classify(f->query, q, sizeof q);
    if (k == Q_EMPTY)
        return PK_OK;
    if (k == Q_NAME) {
        pk_err e = store_names_catch_up(s);
        if (e != PK_OK && e != PK_EBUSY)   /* busy: search what is indexed */
            return e;
    }
    /* A name search walks the name index in id order and stops after a
     * page; under a status filter it starts at the oldest dossier of that
     * status (open dossiers are mostly recent, so this skips most names). */
    int64_t floor_id = 0;
    if (k == Q_NAME && f->status != -1) {
        sqlite3_stmt *m = store_stmt(s, f->status == -2
            ? "SELECT min(id) FROM dossiers WHERE closed_day = ''"
            : "SELECT min(id) FROM dossiers WHERE status = ?1");
        if (!m)
            return PK_EIO;
        if (f->status >= 0)
            store_bind_text(m, 1, dossier_status_code((dossier_status)f->status));
        if (sqlite3_step(m) == SQLITE_ROW)
            floor_id = sqlite3_column_int64(m, 0);
        store_done(m);
    }
    sqlq sql = {0};
    sqlq_add(&sql, "SELECT " DOSSIER_ROW_COLS " FROM ");
    if (k == Q_NAME)
        sqlq_add(&sql, "dossier_names f JOIN dossiers d ON d.id = f.rowid WHERE"
                       " dossier_names MATCH ?%d", sqlq_text(&sql, q));
    else
        sqlq_add(&sql, "dossiers d WHERE 1");
    sqlq_dossier_filter(&sql, f);
    if (k == Q_REF) {
        prefix_hi(q, hi, sizeof hi);
        int lo_p = sqlq_text(&sql, q), hi_p = sqlq_text(&sql, hi);
        sqlq_add(&sql, " AND d.ref >= ?%d AND d.ref < ?%d", lo_p, hi_p);
    } else if (k == Q_DIGITS) {
        prefix_hi(q, hi, sizeof hi);
        str_copy(last4, sizeof last4, q + strlen(q) - 4);
        int lo_p = sqlq_text(&sql, q), hi_p = sqlq_text(&sql, hi), l4 = sqlq_text(&sql, last4);
        /* candidates from the two indexes alone (no row read), walked in
         * id order: only the rows of the page are read from the table */
        sqlq_add(&sql, " AND d.id IN (SELECT id FROM dossiers WHERE substr(id_number, -4) = ?%d"
                       " UNION ALL SELECT id FROM dossiers WHERE phone >= ?%d AND phone < ?%d)"
                       " AND (substr(d.id_number, -length(?%d)) = ?%d"
                       " OR (d.phone >= ?%d AND d.phone < ?%d))",
                 l4, lo_p, hi_p, lo_p, lo_p, lo_p, hi_p);
    }
    const char *key = k == Q_NAME ? "f.rowid" : "d.id";
    if (floor_id > 0)
        sqlq_add(&sql, " AND f.rowid >= ?%d", sqlq_int(&sql, floor_id));
    if (after > 0)
        sqlq_add(&sql, " AND %s %s ?%d", key, backward ? "<" : ">", sqlq_int(&sql, after));
    sqlq_add(&sql, " ORDER BY %s %s LIMIT ?%d", key, backward ? "DESC" : "ASC",
             sqlq_int(&sql, max));
    sqlite3_stmt *stmt = sqlq_prepare(s, &sql);
    if (!stmt)
        return PK_EIO;
    pk_err e = store_read_rows(s, stmt, rows, max, n);
    store_done(stmt);
    if (backward)   /* fetched newest first: give the page oldest first */
        for (int i = 0, j = *n - 1; i < j; i++, j--) {
            dossier_row t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
    return e;
}
