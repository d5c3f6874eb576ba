/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalog search: the forgiving word search of finder.c over the folded
 * Vietnamese name, the English name and the staff's keywords (each
 * comma-separated phrase folded on its own), plus the exact national code.
 *
 * The index and the result rows are kept in memory in name order (a few
 * hundred KB for 5,000 procedures) and rebuilt when the catalog changes:
 * here (store_search_free after a replace or a keyword edit) or in another
 * process (PRAGMA data_version moved and the "catalog" sequence changed). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "finder.h"
#include "text.h"
#include "util.h"

struct search_cache {
    int n;
    proc_row *row;
    finder *fd;
    int64_t gen;                  /* "catalog" sequence when built */
    int64_t data_version;
    /* the first list's leading rows (store_procedures_first), kept until a
     * write here or elsewhere or the next day */
    int *first_at;                /* rows of row[] */
    int first_k, first_max;
    int64_t first_changes, first_dv;
    char first_since[PK_DATE_MAX];
};

enum { MAX_QUERY = 1024, MAX_PHRASES = 32 };

void store_search_free(store *s)
{
    struct search_cache *c = s->sc;
    if (!c)
        return;
    free(c->row);
    free(c->first_at);
    finder_free(c->fd);
    free(c);
    s->sc = NULL;
}

/* The keywords' phrases folded one by one (so that no two phrases join
 * into a word); returns how many, each malloc'ed. */
static int fold_phrases(const char *keywords, char **out, int max)
{
    int n = 0;
    const char *p = keywords;
    while (*p && n < max) {
        size_t len = strcspn(p, ",;\n");
        char part[PK_KEYWORDS_MAX];
        if (len >= sizeof part)
            len = sizeof part - 1;
        memcpy(part, p, len);
        part[len] = '\0';
        out[n] = text_fold(part);
        if (*out[n])
            n++;
        else
            free(out[n]);
        p += len;
        if (*p)
            p++;
    }
    return n;
}

static int64_t data_version(store *s)
{
    return store_int_const(s, "PRAGMA data_version", -1);
}

static int64_t catalog_gen(store *s)
{
    sqlite3_stmt *stmt = store_stmt(s, "SELECT value FROM sequences WHERE name = 'catalog'");
    int64_t v = 0;
    if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    store_done(stmt);
    return v;
}

static pk_err build(store *s)
{
    struct search_cache *c = xcalloc(1, sizeof *c);
    c->data_version = data_version(s);
    c->gen = catalog_gen(s);
    c->fd = finder_new();
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT code, name_vi, name_en, agency, field_vi, bcci_submit, bcci_return,"
        " name_fold, name_en_fold, keywords FROM procedures ORDER BY name_key, code");
    if (!stmt) {
        finder_free(c->fd);
        free(c);
        return PK_EIO;
    }
    int cap = 0, rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (c->n == cap) {
            cap = cap * 2 + 256;
            c->row = xrealloc(c->row, (size_t)cap * sizeof *c->row);
        }
        proc_row *r = &c->row[c->n++];
        memset(r, 0, sizeof *r);
        store_col_text(stmt, 0, r->code, sizeof r->code);
        store_col_text(stmt, 1, r->name_vi, sizeof r->name_vi);
        store_col_text(stmt, 2, r->name_en, sizeof r->name_en);
        store_col_text(stmt, 3, r->agency, sizeof r->agency);
        store_col_text(stmt, 4, r->field_vi, sizeof r->field_vi);
        r->bcci_submit = sqlite3_column_int(stmt, 5) != 0;
        r->bcci_return = sqlite3_column_int(stmt, 6) != 0;
        const char *fold = (const char *)sqlite3_column_text(stmt, 7);
        const char *fold_en = (const char *)sqlite3_column_text(stmt, 8);
        const char *kw = (const char *)sqlite3_column_text(stmt, 9);
        char *extra[MAX_PHRASES + 1];
        extra[0] = (char *)(fold_en ? fold_en : "");
        int nk = fold_phrases(kw ? kw : "", extra + 1, MAX_PHRASES);
        finder_add(c->fd, fold ? fold : "", (const char *const *)extra, nk + 1);
        for (int i = 1; i <= nk; i++)
            free(extra[i]);
    }
    pk_err e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    finder_seal(c->fd);
    s->sc = c;
    if (e != PK_OK)
        store_search_free(s);
    return e;
}

/* The index is current: rebuilt when another connection changed the catalog. */
static pk_err ensure(store *s)
{
    if (s->sc) {
        int64_t dv = data_version(s);
        if (dv == s->sc->data_version)
            return PK_OK;
        if (catalog_gen(s) == s->sc->gen) {
            s->sc->data_version = dv;
            return PK_OK;
        }
        store_search_free(s);
    }
    return build(s);
}

static pk_err search(store *s, const char *query_text, proc_row *rows, int max, int *n)
{
    *n = 0;
    pk_err e = ensure(s);
    if (e != PK_OK)
        return e;
    struct search_cache *c = s->sc;
    if (max <= 0 || c->n == 0)
        return PK_OK;
    char *fold = text_fold(query_text);
    if (!*fold) {   /* everything, in Vietnamese order */
        for (int i = 0; i < c->n && *n < max; i++)
            rows[(*n)++] = c->row[i];
        free(fold);
        return PK_OK;
    }
    /* the exact national code first (codes have digits: 1.001193) */
    int code = -1;
    if (strpbrk(query_text, "0123456789"))
        for (int i = 0; i < c->n && code < 0; i++)
            if (strcmp(c->row[i].code, query_text) == 0)
                code = i;
    if (code >= 0)
        rows[(*n)++] = c->row[code];
    int *idx = xmalloc((size_t)max * sizeof *idx);
    int k = finder_find(c->fd, fold, idx, max);
    for (int i = 0; i < k && *n < max; i++)
        if (idx[i] != code)
            rows[(*n)++] = c->row[idx[i]];
    free(idx);
    free(fold);
    return PK_OK;
}

pk_err store_procedure_search(store *s, const char *query_text, proc_row *rows, int max, int *n)
{
    *n = 0;
    if (!query_text)
        query_text = "";
    if (!store_text_ok(query_text, MAX_QUERY))
        return PK_EINVAL;
    return search(s, query_text, rows, max, n);
}

/* The first list (the search still empty): this kiosk's most registered
 * procedures first. Counted: the dossiers of this kiosk (the kiosk_code
 * setting; all when it is unset) created on the 90 days ending today,
 * samples (practice, demonstrations) and cancelled dossiers left out,
 * purged ones in (a purge wipes the person, the registration happened).
 * At most the newest FIRST_READ of those days are read (the day index
 * backwards from today: the rowids need not follow the days, a restore or
 * a clock set back breaks that), so the cost does not grow with the
 * history: a few ms, once after each write (first_rows keeps the result).
 * Ties, and the places the history leaves, go to the staff's rank, then the
 * catalog order. */
enum { FIRST_DAYS = 90, FIRST_READ = 2000 };

static const char first_sql[] =
    "WITH recent AS (SELECT proc_code, status, sample, kiosk_code FROM dossiers"
    "  INDEXED BY dossiers_by_day WHERE created_day > ?1"
    "  ORDER BY created_day DESC, id DESC LIMIT ?2),"
    " counted AS (SELECT proc_code AS code, count(*) AS n FROM recent"
    "  WHERE status <> 'cancelled' AND sample = 0"
    "   AND kiosk_code = coalesce((SELECT value FROM settings WHERE key = 'kiosk_code'),"
    "                             kiosk_code)"
    "  GROUP BY proc_code)"
    " SELECT code FROM ("
    "  SELECT p.code, c.n, p.rank, p.name_key FROM counted c JOIN procedures p ON p.code = c.code"
    "  UNION ALL SELECT p.code, 0, p.rank, p.name_key FROM procedures p"
    "   WHERE p.rank > 0 AND p.code NOT IN (SELECT code FROM counted))"
    " ORDER BY n DESC, rank = 0, rank, name_key, code LIMIT ?3";

/* The rows of row[] the first list leads with, in order: from the cache
 * while nothing was written and the day is the same, else counted again
 * (*counted says which). */
static pk_err first_rows(store *s, const char *since, int most_max, bool *counted)
{
    struct search_cache *c = s->sc;
    int64_t changes = sqlite3_total_changes64(s->conn);
    *counted = false;
    if (c->first_at && c->first_max == most_max && c->first_changes == changes &&
        c->first_dv == c->data_version && strcmp(c->first_since, since) == 0)
        return PK_OK;
    *counted = true;
    free(c->first_at);
    c->first_at = NULL;
    c->first_k = 0;
    sqlite3_stmt *stmt = store_stmt(s, first_sql);
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, since);
    sqlite3_bind_int(stmt, 2, FIRST_READ);
    sqlite3_bind_int(stmt, 3, most_max);
    int *at = xmalloc((size_t)(most_max > 0 ? most_max : 1) * sizeof *at);
    int k = 0, rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && k < most_max) {
        const char *code = (const char *)sqlite3_column_text(stmt, 0);
        for (int i = 0; code && i < c->n; i++)
            if (strcmp(c->row[i].code, code) == 0) {
                at[k++] = i;
                break;
            }
    }
    pk_err e = rc == SQLITE_DONE || rc == SQLITE_ROW ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    if (e != PK_OK) {
        free(at);
        return e;
    }
    c->first_at = at;
    c->first_k = k;
    c->first_max = most_max;
    c->first_changes = changes;
    c->first_dv = c->data_version;
    str_copy(c->first_since, sizeof c->first_since, since);
    return PK_OK;
}

/* first_rows for the day of now (the window's first day). */
static pk_err first_at(store *s, int64_t now, int most_max, bool *counted)
{
    if (most_max < 0)
        most_max = 0;
    char since[PK_DATE_MAX];
    date_local_iso(now - (int64_t)FIRST_DAYS * 86400, since);
    return first_rows(s, since, most_max, counted);
}

pk_err store_procedures_first_warm(store *s, int64_t now, int most_max, bool *counted)
{
    *counted = false;
    pk_err e = ensure(s);
    return e != PK_OK ? e : first_at(s, now, most_max, counted);
}

pk_err store_procedures_first(store *s, int64_t now, int most_max, proc_row *rows, int max,
                              int *n, int *most)
{
    *n = *most = 0;
    pk_err e = ensure(s);
    if (e != PK_OK || max <= 0)
        return e;
    if (most_max > max)
        most_max = max;
    bool counted;
    e = first_at(s, now, most_max, &counted);
    if (e != PK_OK)
        return e;
    const struct search_cache *c = s->sc;
    for (int j = 0; j < c->first_k; j++)
        rows[(*n)++] = c->row[c->first_at[j]];
    *most = *n;
    /* then every other procedure in catalog order */
    for (int i = 0; i < c->n && *n < max; i++) {
        bool listed = false;
        for (int j = 0; j < c->first_k && !listed; j++)
            listed = c->first_at[j] == i;
        if (!listed)
            rows[(*n)++] = c->row[i];
    }
    return PK_OK;
}
