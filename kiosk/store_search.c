/* Catalog search: diacritic-insensitive (folded names, đ -> d), ranked,
 * ties in Vietnamese alphabetical order.
 *
 * The folded names of all procedures are kept in memory in name order
 * (a few hundred KB for 5,000 procedures) and matched with strstr, which
 * keeps a search well under a millisecond. The index is rebuilt when the
 * catalog changes: here (store_search_free after a replace) or in another
 * process (PRAGMA data_version moved and the "catalog" sequence changed). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

struct search_cache {
    int n;
    int64_t *rowid;
    const char **code, **fold, **fold_en;   /* into pool */
    unsigned char *score;
    sbuf pool;
    int64_t gen;                            /* "catalog" sequence when built */
    int64_t data_version;
};

enum { MAX_WORDS = 16, MAX_QUERY = 1024 };

void store_search_free(store *s)
{
    struct search_cache *c = s->sc;
    if (!c)
        return;
    free(c->rowid);
    free(c->code);
    free(c->fold);
    free(c->fold_en);
    free(c->score);
    sbuf_free(&c->pool);
    free(c);
    s->sc = NULL;
}

static int64_t data_version(store *s)
{
    sqlite3_stmt *st = store_stmt(s, "PRAGMA data_version");
    int64_t v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    store_done(st);
    return v;
}

static int64_t catalog_gen(store *s)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT value FROM sequences WHERE name = 'catalog'");
    int64_t v = 0;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    store_done(st);
    return v;
}

static pk_err build(store *s)
{
    struct search_cache *c = xcalloc(1, sizeof *c);
    c->data_version = data_version(s);
    c->gen = catalog_gen(s);
    sqlite3_stmt *st = store_stmt(s, "SELECT rowid, code, name_fold, name_en_fold FROM procedures"
                                     " ORDER BY name_key, code");
    if (!st) {
        free(c);
        return PK_EIO;
    }
    int cap = 0, rc;
    size_t *offs = NULL;   /* pool offsets first: the pool moves while it grows */
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n == cap) {
            cap = cap * 2 + 256;
            c->rowid = xrealloc(c->rowid, (size_t)cap * sizeof *c->rowid);
            offs = xrealloc(offs, (size_t)cap * 3 * sizeof *offs);
        }
        c->rowid[c->n] = sqlite3_column_int64(st, 0);
        for (int k = 0; k < 3; k++) {
            const char *t = (const char *)sqlite3_column_text(st, 1 + k);
            offs[c->n * 3 + k] = c->pool.len;
            sbuf_add(&c->pool, t ? t : "");
            sbuf_addn(&c->pool, "", 1);   /* keep the NUL */
        }
        c->n++;
    }
    pk_err e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(st);
    size_t n = (size_t)c->n + 1;
    c->code = xmalloc(n * sizeof *c->code);
    c->fold = xmalloc(n * sizeof *c->fold);
    c->fold_en = xmalloc(n * sizeof *c->fold_en);
    c->score = xmalloc(n);
    for (int i = 0; i < c->n; i++) {
        c->code[i] = c->pool.data + offs[i * 3];
        c->fold[i] = c->pool.data + offs[i * 3 + 1];
        c->fold_en[i] = c->pool.data + offs[i * 3 + 2];
    }
    free(offs);
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

/* word occurs in hay at the start of a word */
static bool word_prefix(const char *hay, const char *word)
{
    for (const char *p = hay; (p = strstr(p, word)) != NULL; p++)
        if (p == hay || p[-1] == ' ')
            return true;
    return false;
}

/* 3 whole-name prefix, 2 every word starts a word, 1 every word is inside,
 * 0 no match. */
static int score_of(const char *fold, const char *q, size_t qlen, char **words, int nw)
{
    for (int i = 0; i < nw; i++)
        if (!strstr(fold, words[i]))
            return 0;
    if (strncmp(fold, q, qlen) == 0)
        return 3;
    for (int i = 0; i < nw; i++)
        if (!word_prefix(fold, words[i]))
            return 1;
    return 2;
}

pk_err store_procedure_search(store *s, const char *query, proc_row *rows, int max, int *n)
{
    *n = 0;
    if (!query)
        query = "";
    if (!store_text_ok(query, MAX_QUERY))
        return PK_EINVAL;
    pk_err e = ensure(s);
    if (e != PK_OK)
        return e;
    struct search_cache *c = s->sc;
    char *q = text_fold(query);
    size_t qlen = strlen(q);
    char *words[MAX_WORDS];
    int nw = 0;
    char *wbuf = xstrdup(q);
    for (char *tok = strtok(wbuf, " "); tok && nw < MAX_WORDS; tok = strtok(NULL, " "))
        words[nw++] = tok;
    int best = 0;
    for (int i = 0; i < c->n; i++) {
        int sc;
        if (qlen == 0) {
            sc = 1;
        } else if (strcmp(c->code[i], query) == 0) {
            sc = 4;   /* the exact national code */
        } else {
            sc = score_of(c->fold[i], q, qlen, words, nw);
            if (sc < 3) {
                int se = score_of(c->fold_en[i], q, qlen, words, nw);
                sc = se > sc ? se : sc;
            }
        }
        c->score[i] = (unsigned char)sc;
        if (sc > best)
            best = sc;
    }
    int64_t *picked = xmalloc(((size_t)(max > 0 ? max : 0) + 1) * sizeof *picked);
    int np = 0;
    for (int tier = best; tier >= 1 && np < max; tier--)
        for (int i = 0; i < c->n && np < max; i++)
            if (c->score[i] == tier)
                picked[np++] = c->rowid[i];
    free(wbuf);
    free(q);
    for (int i = 0; i < np && e == PK_OK; i++) {
        e = store_proc_row_by_rowid(s, picked[i], &rows[*n]);
        if (e == PK_OK)
            (*n)++;
    }
    free(picked);
    return e;
}
