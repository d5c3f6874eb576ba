/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalog search: diacritic-insensitive (folded names, đ -> d), ranked,
 * ties in Vietnamese alphabetical order.
 *
 * The catalog's search data (folded Vietnamese and English names) and the
 * result rows are kept in memory in name order: a few hundred KB for 5,000
 * procedures. Each row also has a 64-bit mask of the characters and a
 * 256-bit Bloom filter of the letter pairs of its folded names, so most
 * rows are ruled out with a few AND operations before any strstr. Ranks are
 * collected best first (exact code, whole-name prefix, every word starts a
 * word, every word inside a word) and the scan stops once `max` rows are
 * in hand, so a search stays well under a millisecond even on a loaded
 * machine. The index is rebuilt when the catalog changes: here
 * (store_search_free after a replace) or in another process (PRAGMA
 * data_version moved and the "catalog" sequence changed). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

typedef struct {
    uint64_t chars;       /* one bit per [a-z0-9], bit 63 anything else */
    uint64_t pairs[4];    /* Bloom filter of adjacent byte pairs inside words */
} sig;

/* What the scan reads, kept small and contiguous; the result rows apart. */
typedef struct {
    const char *fold, *fold_en;   /* into pool */
} entry;

struct search_cache {
    int n;
    entry *e;
    sig *sg;
    proc_row *row;
    sbuf pool;
    int64_t gen;                  /* "catalog" sequence when built */
    int64_t data_version;
};

enum { MAX_WORDS = 16, MAX_QUERY = 1024 };

void store_search_free(store *s)
{
    struct search_cache *c = s->sc;
    if (!c)
        return;
    free(c->e);
    free(c->sg);
    free(c->row);
    sbuf_free(&c->pool);
    free(c);
    s->sc = NULL;
}

static void sig_add(sig *sg, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        unsigned ch = *p;
        if (ch >= 'a' && ch <= 'z')
            sg->chars |= 1ULL << (ch - 'a');
        else if (ch >= '0' && ch <= '9')
            sg->chars |= 1ULL << (26 + ch - '0');
        else if (ch != ' ')
            sg->chars |= 1ULL << 63;
        if (ch != ' ' && p[1] && p[1] != ' ') {
            unsigned h = (ch * 31u + p[1]) & 255u;
            sg->pairs[h >> 6] |= 1ULL << (h & 63);
        }
    }
}

static bool sig_covers(const sig *row, const sig *q)
{
    return (row->chars & q->chars) == q->chars &&
           (row->pairs[0] & q->pairs[0]) == q->pairs[0] &&
           (row->pairs[1] & q->pairs[1]) == q->pairs[1] &&
           (row->pairs[2] & q->pairs[2]) == q->pairs[2] &&
           (row->pairs[3] & q->pairs[3]) == q->pairs[3];
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
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT code, name_vi, name_en, agency, field_vi, bcci_submit, bcci_return,"
        " name_fold, name_en_fold FROM procedures ORDER BY name_key, code");
    if (!stmt) {
        free(c);
        return PK_EIO;
    }
    int cap = 0, rc;
    size_t *offs = NULL;   /* pool offsets first: the pool moves while it grows */
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (c->n == cap) {
            cap = cap * 2 + 256;
            c->e = xrealloc(c->e, (size_t)cap * sizeof *c->e);
            c->sg = xrealloc(c->sg, (size_t)cap * sizeof *c->sg);
            c->row = xrealloc(c->row, (size_t)cap * sizeof *c->row);
            offs = xrealloc(offs, (size_t)cap * 2 * sizeof *offs);
        }
        proc_row *r = &c->row[c->n];
        memset(r, 0, sizeof *r);
        memset(&c->sg[c->n], 0, sizeof c->sg[0]);
        store_col_text(stmt, 0, r->code, sizeof r->code);
        store_col_text(stmt, 1, r->name_vi, sizeof r->name_vi);
        store_col_text(stmt, 2, r->name_en, sizeof r->name_en);
        store_col_text(stmt, 3, r->agency, sizeof r->agency);
        store_col_text(stmt, 4, r->field_vi, sizeof r->field_vi);
        r->bcci_submit = sqlite3_column_int(stmt, 5) != 0;
        r->bcci_return = sqlite3_column_int(stmt, 6) != 0;
        for (int k = 0; k < 2; k++) {
            const char *t = (const char *)sqlite3_column_text(stmt, 7 + k);
            offs[c->n * 2 + k] = c->pool.len;
            sbuf_add(&c->pool, t ? t : "");
            sbuf_addn(&c->pool, "", 1);   /* keep the NUL */
        }
        c->n++;
    }
    pk_err e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    for (int i = 0; i < c->n; i++) {
        entry *x = &c->e[i];
        x->fold = c->pool.data + offs[i * 2];
        x->fold_en = c->pool.data + offs[i * 2 + 1];
        sig_add(&c->sg[i], x->fold);
        sig_add(&c->sg[i], x->fold_en);
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

typedef struct {
    const char *q;                /* folded query */
    size_t qlen;
    char *words[MAX_WORDS];
    int nw;
    sig sg;
} query;

/* word occurs in hay at the start of a word */
static bool word_prefix(const char *hay, const char *word)
{
    for (const char *p = hay; (p = strstr(p, word)) != NULL; p++)
        if (p == hay || p[-1] == ' ')
            return true;
    return false;
}

static bool all_prefix(const char *fold, const query *q)
{
    for (int i = 0; i < q->nw; i++)
        if (!word_prefix(fold, q->words[i]))
            return false;
    return true;
}

static bool all_inside(const char *fold, const query *q)
{
    for (int i = 0; i < q->nw; i++)
        if (!strstr(fold, q->words[i]))
            return false;
    return true;
}

/* Rank of an entry: 3 whole-name prefix, 2 every word starts a word,
 * 1 every word inside, 0 no match (Vietnamese or English name). */
static int rank(const entry *x, const query *q, int at_least)
{
    if (strncmp(x->fold, q->q, q->qlen) == 0 || strncmp(x->fold_en, q->q, q->qlen) == 0)
        return 3;
    if (at_least > 2)
        return 0;
    if (all_prefix(x->fold, q) || all_prefix(x->fold_en, q))
        return 2;
    if (at_least > 1)
        return 0;
    return all_inside(x->fold, q) || all_inside(x->fold_en, q) ? 1 : 0;
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
    query q;
    memset(&q, 0, sizeof q);
    char *fold = text_fold(query_text);
    q.q = fold;
    q.qlen = strlen(fold);
    char *wbuf = xstrdup(fold);
    for (char *tok = strtok(wbuf, " "); tok && q.nw < MAX_WORDS; tok = strtok(NULL, " "))
        q.words[q.nw++] = tok;
    sig_add(&q.sg, fold);
    unsigned char *taken = xcalloc((size_t)c->n, 1);
    if (q.qlen == 0) {   /* everything, in Vietnamese order */
        for (int i = 0; i < c->n && *n < max; i++)
            rows[(*n)++] = c->row[i];
    } else {
        /* the exact national code first (codes have digits: 1.001193) */
        bool codeish = strpbrk(query_text, "0123456789") != NULL;
        for (int i = 0; codeish && i < c->n && *n < max; i++)
            if (strcmp(c->row[i].code, query_text) == 0) {
                rows[(*n)++] = c->row[i];
                taken[i] = 1;
            }
        /* rows whose signature can hold the query, in name order */
        int *cand = xmalloc((size_t)c->n * sizeof *cand), nc = 0;
        for (int i = 0; i < c->n; i++)
            if (!taken[i] && sig_covers(&c->sg[i], &q.sg))
                cand[nc++] = i;
        /* then rank by rank, each in name order, until max rows are in hand */
        for (int want = 3; want >= 1 && *n < max; want--)
            for (int k = 0; k < nc && *n < max; k++) {
                int i = cand[k];
                if (!taken[i] && rank(&c->e[i], &q, want) == want) {
                    rows[(*n)++] = c->row[i];
                    taken[i] = 1;
                }
            }
        free(cand);
    }
    free(taken);
    free(wbuf);
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
