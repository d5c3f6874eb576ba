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

#include "finder.h"
#include "text.h"
#include "util.h"

struct search_cache {
    int n;
    proc_row *row;
    finder *fd;
    int64_t gen;                  /* "catalog" sequence when built */
    int64_t data_version;
};

enum { MAX_QUERY = 1024, MAX_PHRASES = 32 };

void store_search_free(store *s)
{
    struct search_cache *c = s->sc;
    if (!c)
        return;
    free(c->row);
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
    sqlite3_stmt *stmt = store_stmt(s, "PRAGMA data_version");
    int64_t v = -1;
    if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    store_done(stmt);
    return v;
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
