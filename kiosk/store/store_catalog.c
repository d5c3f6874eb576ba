/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalog tables: procedures (+ their documents), administrative units,
 * holidays, tariffs. Replacements run in one BEGIN IMMEDIATE transaction. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

bool store_is_empty(store *s)
{
    return store_procedure_count(s) <= 0;
}

int store_procedure_count(store *s)
{
    return (int)store_int_const(s, "SELECT count(*) FROM procedures", -1);
}

static bool procedure_ok(const procedure *p)
{
    if (!STORE_FIELD_OK(p->code) || !p->code[0] || !STORE_FIELD_OK(p->name_vi) ||
        !p->name_vi[0] || !STORE_FIELD_OK(p->name_en) || !STORE_FIELD_OK(p->agency) ||
        !STORE_FIELD_OK(p->agency_en) ||
        !STORE_FIELD_OK(p->level) || !STORE_FIELD_OK(p->field_vi) ||
        !STORE_FIELD_OK(p->field_en) || !STORE_FIELD_OK(p->reason_vi) ||
        !STORE_FIELD_OK(p->reason_en) || !STORE_FIELD_OK(p->provenance) ||
        !STORE_FIELD_OK(p->keywords) || p->rank < 0 || p->rank > PK_RANK_MAX)
        return false;
    if (p->days < 0 || p->fee_vnd < 0 || p->ndocs < 0 || p->ndocs > PK_MAX_DOCS)
        return false;
    for (int i = 0; i < p->ndocs; i++) {
        const proc_doc *d = &p->docs[i];
        if (!STORE_FIELD_OK(d->name_vi) || !d->name_vi[0] || !STORE_FIELD_OK(d->name_en) ||
            (d->kind != DOC_ORIGINAL && d->kind != DOC_COPY))
            return false;
    }
    return true;
}

static pk_err insert_procedure(store *s, const procedure *p)
{
    /* agency_en once the schema has it (a test of an upgrade fills a
     * catalog at an older version) */
#define INSERT_PROCEDURE(col, val)                                                            \
    "INSERT INTO procedures(code, name_vi, name_en, agency, level, field_vi, field_en,"       \
    " bcci_submit, bcci_return, in_person, reason_vi, reason_en, days, fee_vnd, provenance,"  \
    " name_fold, name_en_fold, name_key, field_key, agency_key, keywords, rank" col ")"      \
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,"          \
    " CASE WHEN ?22 THEN ?21 ELSE"                                                            \
    "  coalesce((SELECT keywords FROM temp.kept_staff WHERE code = ?1), '') END,"             \
    " CASE WHEN ?24 THEN ?23 ELSE"                                                            \
    "  coalesce((SELECT rank FROM temp.kept_staff WHERE code = ?1), 0) END" val ")"
    sqlite3_stmt *stmt = store_stmt(s, s->agency_en ? INSERT_PROCEDURE(", agency_en", ", ?25")
                                                    : INSERT_PROCEDURE("", ""));
#undef INSERT_PROCEDURE
    if (!stmt)
        return PK_EIO;
    char *fold = text_fold(p->name_vi), *fold_en = text_fold(p->name_en);
    char *key = text_sort_key(p->name_vi), *fkey = text_sort_key(p->field_vi);
    char *akey = text_sort_key(p->agency);
    store_bind_text(stmt, 1, p->code);
    store_bind_text(stmt, 2, p->name_vi);
    store_bind_text(stmt, 3, p->name_en);
    store_bind_text(stmt, 4, p->agency);
    store_bind_text(stmt, 5, p->level);
    store_bind_text(stmt, 6, p->field_vi);
    store_bind_text(stmt, 7, p->field_en);
    sqlite3_bind_int(stmt, 8, p->bcci_submit);
    sqlite3_bind_int(stmt, 9, p->bcci_return);
    sqlite3_bind_int(stmt, 10, p->in_person);
    store_bind_text(stmt, 11, p->reason_vi);
    store_bind_text(stmt, 12, p->reason_en);
    sqlite3_bind_int(stmt, 13, p->days);
    sqlite3_bind_int64(stmt, 14, p->fee_vnd);
    store_bind_text(stmt, 15, p->provenance);
    store_bind_text(stmt, 16, fold);
    store_bind_text(stmt, 17, fold_en);
    store_bind_text(stmt, 18, key);
    store_bind_text(stmt, 19, fkey);
    store_bind_text(stmt, 20, akey);
    store_bind_text(stmt, 21, p->keywords);
    sqlite3_bind_int(stmt, 22, p->keywords_set);
    sqlite3_bind_int(stmt, 23, p->rank);
    sqlite3_bind_int(stmt, 24, p->rank_set);
    if (s->agency_en)
        store_bind_text(stmt, 25, p->agency_en);
    pk_err e = store_step_done(s, stmt);
    free(fold);
    free(fold_en);
    free(key);
    free(fkey);
    free(akey);
    for (int i = 0; e == PK_OK && i < p->ndocs; i++) {
        const proc_doc *d = &p->docs[i];
        stmt = store_stmt(s, "INSERT INTO procedure_docs(code, seq, name_vi, name_en, kind, required)"
                           " VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        if (!stmt)
            return PK_EIO;
        store_bind_text(stmt, 1, p->code);
        sqlite3_bind_int(stmt, 2, i + 1);
        store_bind_text(stmt, 3, d->name_vi);
        store_bind_text(stmt, 4, d->name_en);
        sqlite3_bind_int(stmt, 5, d->kind);
        sqlite3_bind_int(stmt, 6, d->required);
        e = store_step_done(s, stmt);
    }
    return e;
}

/* Row i of n stored: the import's progress line, every 500 rows and at the end. */
static void tick(store *s, int i, int n)
{
    if (s->progress && (i % 500 == 499 || i == n - 1))
        s->progress(i + 1, n, s->progress_arg);
}

/* Runs "DELETE FROM table" style constant statements inside a transaction. */
static pk_err run(store *s, const char *sql)
{
    sqlite3_stmt *stmt = store_stmt(s, sql);
    return stmt ? store_step_done(s, stmt) : PK_EIO;
}

pk_err store_procedures_replace(store *s, const procedure *procs, int n)
{
    if (n < 0 || (n > 0 && !procs))
        return PK_EINVAL;
    for (int i = 0; i < n; i++)
        if (!procedure_ok(&procs[i]))
            return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    int64_t gen;
    /* a file without a keywords or rank column keeps the staff's keywords
     * or ranks of the codes it still has */
    e = run(s, "CREATE TEMP TABLE IF NOT EXISTS kept_staff(code TEXT PRIMARY KEY, keywords TEXT,"
               " rank INTEGER)");
    if (e == PK_OK)
        e = run(s, "DELETE FROM temp.kept_staff");
    if (e == PK_OK)
        e = run(s, "INSERT INTO temp.kept_staff SELECT code, keywords, rank FROM procedures"
                   " WHERE keywords <> '' OR rank > 0");
    if (e == PK_OK)
        e = run(s, "DELETE FROM procedures");
    if (e == PK_OK)   /* tells other connections' search indexes to rebuild */
        e = store_sequence_next(s, "catalog", &gen);
    for (int i = 0; e == PK_OK && i < n; i++) {
        e = insert_procedure(s, &procs[i]);
        tick(s, i, n);
    }
    if (e == PK_OK)
        e = run(s, "DELETE FROM temp.kept_staff");
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    e = store_commit(s);
    if (s->depth == 0)
        store_search_free(s);
    return e;
}

/* One staff edit of one procedure's column (?2: text, or num when text is
 * NULL), the other connections' search indexes told to rebuild. */
static pk_err staff_edit(store *s, const char *sql, const char *code, const char *text, int num)
{
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, sql);
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    store_bind_text(stmt, 1, code);
    if (text)
        store_bind_text(stmt, 2, text);
    else
        sqlite3_bind_int(stmt, 2, num);
    e = store_step_done(s, stmt);
    if (e == PK_OK && sqlite3_changes(s->conn) == 0)
        e = PK_ENOTFOUND;
    int64_t gen;
    if (e == PK_OK)   /* tells other connections' search indexes to rebuild */
        e = store_sequence_next(s, "catalog", &gen);
    e = store_end(s, e);
    if (e == PK_OK && s->depth == 0)
        store_search_free(s);
    return e;
}

pk_err store_procedure_keywords_set(store *s, const char *code, const char *keywords)
{
    if (!code || !keywords || !store_text_ok(code, PK_CODE_MAX) ||
        !store_text_ok(keywords, PK_KEYWORDS_MAX))
        return PK_EINVAL;
    return staff_edit(s, "UPDATE procedures SET keywords = ?2 WHERE code = ?1", code, keywords, 0);
}

pk_err store_procedure_rank_set(store *s, const char *code, int rank)
{
    if (!code || !store_text_ok(code, PK_CODE_MAX) || rank < 0 || rank > PK_RANK_MAX)
        return PK_EINVAL;
    return staff_edit(s, "UPDATE procedures SET rank = ?2 WHERE code = ?1", code, NULL, rank);
}

static void read_procedure(sqlite3_stmt *stmt, procedure *p)
{
    store_col_text(stmt, 0, p->code, sizeof p->code);
    store_col_text(stmt, 1, p->name_vi, sizeof p->name_vi);
    store_col_text(stmt, 2, p->name_en, sizeof p->name_en);
    store_col_text(stmt, 3, p->agency, sizeof p->agency);
    store_col_text(stmt, 4, p->level, sizeof p->level);
    store_col_text(stmt, 5, p->field_vi, sizeof p->field_vi);
    store_col_text(stmt, 6, p->field_en, sizeof p->field_en);
    p->bcci_submit = sqlite3_column_int(stmt, 7) != 0;
    p->bcci_return = sqlite3_column_int(stmt, 8) != 0;
    p->in_person = sqlite3_column_int(stmt, 9) != 0;
    store_col_text(stmt, 10, p->reason_vi, sizeof p->reason_vi);
    store_col_text(stmt, 11, p->reason_en, sizeof p->reason_en);
    p->days = sqlite3_column_int(stmt, 12);
    p->fee_vnd = sqlite3_column_int64(stmt, 13);
    store_col_text(stmt, 14, p->provenance, sizeof p->provenance);
    store_col_text(stmt, 15, p->keywords, sizeof p->keywords);
    p->keywords_set = true;
    p->rank = sqlite3_column_int(stmt, 16);
    p->rank_set = true;
    store_col_text(stmt, 17, p->agency_en, sizeof p->agency_en);
}

pk_err store_procedure_get(store *s, const char *code, procedure *out)
{
    memset(out, 0, sizeof *out);
    pk_err e;
    sqlite3_stmt *stmt = store_row(s,
        "SELECT code, name_vi, name_en, agency, level, field_vi, field_en, bcci_submit,"
        " bcci_return, in_person, reason_vi, reason_en, days, fee_vnd, provenance, keywords,"
        " rank, agency_en FROM procedures WHERE code = ?1",
        code, &e);
    if (e == PK_OK)
        read_procedure(stmt, out);
    store_done(stmt);
    if (e != PK_OK)
        return e;
    stmt = store_stmt(s, "SELECT name_vi, name_en, kind, required FROM procedure_docs"
                       " WHERE code = ?1 ORDER BY seq");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, code);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && out->ndocs < PK_MAX_DOCS) {
        proc_doc *d = &out->docs[out->ndocs];
        d->seq = ++out->ndocs;
        store_col_text(stmt, 0, d->name_vi, sizeof d->name_vi);
        store_col_text(stmt, 1, d->name_en, sizeof d->name_en);
        d->kind = sqlite3_column_int(stmt, 2) ? DOC_COPY : DOC_ORIGINAL;
        d->required = sqlite3_column_int(stmt, 3) != 0;
    }
    e = rc == SQLITE_DONE || rc == SQLITE_ROW ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

#define PROC_ROW_COLS "code, name_vi, name_en, agency, field_vi, bcci_submit, bcci_return"

static void read_row(sqlite3_stmt *stmt, proc_row *r)
{
    memset(r, 0, sizeof *r);
    store_col_text(stmt, 0, r->code, sizeof r->code);
    store_col_text(stmt, 1, r->name_vi, sizeof r->name_vi);
    store_col_text(stmt, 2, r->name_en, sizeof r->name_en);
    store_col_text(stmt, 3, r->agency, sizeof r->agency);
    store_col_text(stmt, 4, r->field_vi, sizeof r->field_vi);
    r->bcci_submit = sqlite3_column_int(stmt, 5) != 0;
    r->bcci_return = sqlite3_column_int(stmt, 6) != 0;
}

pk_err store_procedures_by(store *s, const char *field, const char *agency,
                           proc_row *rows, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT " PROC_ROW_COLS " FROM procedures"
        " WHERE (?1 IS NULL OR field_vi = ?1) AND (?2 IS NULL OR agency = ?2)"
        " ORDER BY name_key, code");
    if (!stmt)
        return PK_EIO;
    if (field)
        store_bind_text(stmt, 1, field);
    if (agency)
        store_bind_text(stmt, 2, agency);
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e))
        read_row(stmt, &rows[(*n)++]);
    store_done(stmt);
    return e;
}

/* Distinct values of one text column in Vietnamese order. */
static pk_err distinct(store *s, const char *sql, char *out, size_t width, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s, sql);
    if (!stmt)
        return PK_EIO;
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e))
        store_col_text(stmt, 0, out + (size_t)(*n)++ * width, width);
    store_done(stmt);
    return e;
}

pk_err store_fields(store *s, char (*fields)[96], int max, int *n)
{
    return distinct(s, "SELECT field_vi FROM procedures WHERE field_vi <> ''"
                       " GROUP BY field_vi ORDER BY min(field_key), field_vi",
                    &fields[0][0], sizeof fields[0], max, n);
}

pk_err store_agencies(store *s, char (*agencies)[PK_TEXT_MAX], int max, int *n)
{
    return distinct(s, "SELECT agency FROM procedures WHERE agency <> ''"
                       " GROUP BY agency ORDER BY min(agency_key), agency",
                    &agencies[0][0], sizeof agencies[0], max, n);
}

/* ---- administrative units ---------------------------------------------- */

static bool unit_ok(const admin_unit *u)
{
    return STORE_FIELD_OK(u->province) && u->province[0] && STORE_FIELD_OK(u->type) &&
           STORE_FIELD_OK(u->name) && u->name[0] &&
           (!strcmp(u->type, "phường") || !strcmp(u->type, "xã") || !strcmp(u->type, "thị trấn"));
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Units keep their id when they stay in the list (dossiers refer to them);
 * units that left the list are deleted. */
pk_err store_units_replace(store *s, const admin_unit *units, int n)
{
    if (n < 0 || (n > 0 && !units))
        return PK_EINVAL;
    for (int i = 0; i < n; i++)
        if (!unit_ok(&units[i]))
            return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    int64_t *kept = xmalloc(((size_t)n + 1) * sizeof *kept);
    for (int i = 0; e == PK_OK && i < n; i++) {
        const admin_unit *u = &units[i];
        sqlite3_stmt *stmt = store_stmt(s,
            "INSERT INTO units(province, type, name, name_fold, name_key, province_key)"
            " VALUES(?1, ?2, ?3, ?4, ?5, ?6)"
            " ON CONFLICT(province, type, name) DO UPDATE SET name_fold = excluded.name_fold,"
            " name_key = excluded.name_key, province_key = excluded.province_key"
            " RETURNING id");
        if (!stmt) {
            e = PK_EIO;
            break;
        }
        char *fold = text_fold(u->name), *key = text_sort_key(u->name);
        char *pkey = text_sort_key(u->province);
        store_bind_text(stmt, 1, u->province);
        store_bind_text(stmt, 2, u->type);
        store_bind_text(stmt, 3, u->name);
        store_bind_text(stmt, 4, fold);
        store_bind_text(stmt, 5, key);
        store_bind_text(stmt, 6, pkey);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            kept[i] = sqlite3_column_int64(stmt, 0);
            rc = sqlite3_step(stmt);
        }
        e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
        store_done(stmt);
        free(fold);
        free(key);
        free(pkey);
        tick(s, i, n);
    }
    if (e == PK_OK) {
        qsort(kept, (size_t)n, sizeof *kept, cmp_i64);
        /* the same unit twice in one list is a duplicate (sorted: neighbours;
         * a pairwise check took 9 s for 100,000 units) */
        for (int i = 1; e == PK_OK && i < n; i++)
            if (kept[i - 1] == kept[i])
                e = PK_EEXISTS;
    }
    if (e == PK_OK) {
        sqlite3_stmt *stmt = store_stmt(s, "SELECT id FROM units");
        int64_t *gone = NULL;
        size_t ngone = 0, cap = 0;
        int rc = SQLITE_DONE;
        while (stmt && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(stmt, 0);
            if (!bsearch(&id, kept, (size_t)n, sizeof *kept, cmp_i64)) {
                if (ngone == cap)
                    gone = xrealloc(gone, (cap = cap * 2 + 16) * sizeof *gone);
                gone[ngone++] = id;
            }
        }
        e = !stmt ? PK_EIO : rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
        store_done(stmt);
        for (size_t i = 0; e == PK_OK && i < ngone; i++) {
            stmt = store_stmt(s, "DELETE FROM units WHERE id = ?1");
            if (!stmt) {
                e = PK_EIO;
                break;
            }
            sqlite3_bind_int64(stmt, 1, gone[i]);
            e = store_step_done(s, stmt);
        }
        free(gone);
    }
    free(kept);
    return store_end(s, e);
}

static void read_unit(sqlite3_stmt *stmt, admin_unit *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int(stmt, 0);
    store_col_text(stmt, 1, u->province, sizeof u->province);
    store_col_text(stmt, 2, u->type, sizeof u->type);
    store_col_text(stmt, 3, u->name, sizeof u->name);
}

pk_err store_unit_get(store *s, int id, admin_unit *out)
{
    sqlite3_stmt *stmt = store_stmt(s, "SELECT id, province, type, name FROM units WHERE id = ?1");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int(stmt, 1, id);
    pk_err e = store_step_row(s, stmt);
    if (e == PK_OK)
        read_unit(stmt, out);
    store_done(stmt);
    return e;
}

pk_err store_provinces(store *s, char (*names)[64], int max, int *n)
{
    return distinct(s, "SELECT province FROM units GROUP BY province"
                       " ORDER BY min(province_key), province",
                    &names[0][0], sizeof names[0], max, n);
}

pk_err store_unit_search(store *s, const char *province, const char *prefix,
                         admin_unit *out, int max, int *n)
{
    *n = 0;
    if (prefix && !store_text_ok(prefix, 4096))
        return PK_EINVAL;
    char *fold = text_fold(prefix ? prefix : "");
    /* names that start with the text first, then names containing it */
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT id, province, type, name FROM units"
        " WHERE (?1 IS NULL OR province = ?1) AND instr(name_fold, ?2) > 0"
        " ORDER BY substr(name_fold, 1, length(?2)) <> ?2, name_key, type");
    if (!stmt) {
        free(fold);
        return PK_EIO;
    }
    if (province)
        store_bind_text(stmt, 1, province);
    store_bind_text(stmt, 2, fold);
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e))
        read_unit(stmt, &out[(*n)++]);
    store_done(stmt);
    free(fold);
    return e;
}

/* ---- holidays and tariffs ---------------------------------------------- */

static bool date_ok(const char *d)
{
    static const char pat[] = "dddd-dd-dd";
    if (strnlen(d, PK_DATE_MAX) != 10)
        return false;
    for (int i = 0; i < 10; i++)
        if (pat[i] == 'd' ? (d[i] < '0' || d[i] > '9') : d[i] != '-')
            return false;
    int m = (d[5] - '0') * 10 + d[6] - '0', day = (d[8] - '0') * 10 + d[9] - '0';
    return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

pk_err store_holidays_replace(store *s, const holiday *h, int n)
{
    if (n < 0 || (n > 0 && !h))
        return PK_EINVAL;
    for (int i = 0; i < n; i++)
        if (!date_ok(h[i].date) || (h[i].kind != 'H' && h[i].kind != 'W') ||
            !STORE_FIELD_OK(h[i].name))
            return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    e = run(s, "DELETE FROM holidays");
    for (int i = 0; e == PK_OK && i < n; i++) {
        sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO holidays(date, kind, name) VALUES(?1, ?2, ?3)");
        if (!stmt) {
            e = PK_EIO;
            break;
        }
        char kind[2] = {h[i].kind, '\0'};
        store_bind_text(stmt, 1, h[i].date);
        sqlite3_bind_text(stmt, 2, kind, 1, SQLITE_TRANSIENT);
        store_bind_text(stmt, 3, h[i].name);
        e = store_step_done(s, stmt);
        tick(s, i, n);
    }
    return store_end(s, e);
}

pk_err store_holidays(store *s, holiday **out, int *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT date, kind, name FROM holidays ORDER BY date");
    if (!stmt)
        return PK_EIO;
    int rc, cap = 0;
    holiday *h = NULL;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*n == cap)
            h = xrealloc(h, (size_t)(cap = cap * 2 + 32) * sizeof *h);
        holiday *x = &h[(*n)++];
        memset(x, 0, sizeof *x);
        store_col_text(stmt, 0, x->date, sizeof x->date);
        const char *k = (const char *)sqlite3_column_text(stmt, 1);
        x->kind = k ? k[0] : 'H';
        store_col_text(stmt, 2, x->name, sizeof x->name);
    }
    pk_err e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    if (e != PK_OK) {
        free(h);
        *n = 0;
        return e;
    }
    *out = h;
    return PK_OK;
}

static bool scope_ok(const char *sc)
{
    return !strcmp(sc, "commune") || !strcmp(sc, "province") || !strcmp(sc, "national");
}

pk_err store_tariffs_replace(store *s, const tariff *t, int n)
{
    if (n < 0 || (n > 0 && !t))
        return PK_EINVAL;
    for (int i = 0; i < n; i++)
        if (t[i].form < FORM_SEND || t[i].form > FORM_BOTH || !STORE_FIELD_OK(t[i].scope) ||
            !scope_ok(t[i].scope) || t[i].charge_vnd < 0 || t[i].transit_days < 0)
            return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    e = run(s, "DELETE FROM tariffs");
    for (int i = 0; e == PK_OK && i < n; i++) {
        sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO tariffs(form, scope, charge_vnd, transit_days)"
                                         " VALUES(?1, ?2, ?3, ?4)");
        if (!stmt) {
            e = PK_EIO;
            break;
        }
        sqlite3_bind_int(stmt, 1, (int)t[i].form);
        store_bind_text(stmt, 2, t[i].scope);
        sqlite3_bind_int64(stmt, 3, t[i].charge_vnd);
        sqlite3_bind_int(stmt, 4, t[i].transit_days);
        e = store_step_done(s, stmt);
        tick(s, i, n);
    }
    return store_end(s, e);
}

pk_err store_tariff_get(store *s, service_form form, const char *scope, tariff *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(s, "SELECT charge_vnd, transit_days FROM tariffs"
                                     " WHERE form = ?1 AND scope = ?2");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int(stmt, 1, (int)form);
    store_bind_text(stmt, 2, scope);
    pk_err e = store_step_row(s, stmt);
    if (e == PK_OK) {
        out->form = form;
        str_copy(out->scope, sizeof out->scope, scope);
        out->charge_vnd = sqlite3_column_int64(stmt, 0);
        out->transit_days = sqlite3_column_int(stmt, 1);
    }
    store_done(stmt);
    return e;
}
