/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A forgiving word search (finder.h).
 *
 * Every distinct word of the items' texts, and every pair of adjacent
 * words written as one ("khai sinh" -> "khaisinh"), is an entry of one
 * vocabulary with the list of items holding it. A query word is looked up
 * by scanning the vocabulary (a few thousand short strings for 5,000
 * procedures), not the items: first as a whole word or the start of one;
 * only when nothing matches that way (a typo, a missing space) as a word
 * one edit away (letter changed, added, dropped, or two neighbours
 * swapped; 4+ letters), a joined pair, or a piece inside a word. The items
 * each matched word points at collect that query word's best score.
 *
 * An item must match at least half of the query's required words (the
 * everyday words of `filler` are optional unless the query has nothing
 * else); only the items missing the fewest are returned, best score first,
 * then shorter names (the plain procedure before its variants), then the
 * order of addition. The Vietnamese "i/y" spellings are the same word
 * already: text_fold writes both as i. */
#include "finder.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { K_WORD, K_JOIN };
enum { S_EXACT = 10, S_JOIN = 9, S_PREFIX = 7, S_JOIN_PREFIX = 6, S_NEAR = 5, S_INSIDE = 3,
       S_NAME_PREFIX = 12 };
enum { MAX_QWORDS = 16, NEAR_MIN = 4, INSIDE_MIN = 3, MAX_LEN = 64 };

typedef struct {
    size_t off;          /* into pool */
    size_t len;
    int kind;
    int *items, nitems, cap;
} entry;

typedef struct {
    size_t name_off;
    int name_words;
} item;

struct finder {
    entry *e;
    int ne, ecap;
    int *slot;           /* open addressing: entry index + 1, 0 = empty */
    size_t nslot;        /* power of two */
    item *it;
    int nit, itcap;
    sbuf pool;
    /* finder_seal: the words and the joined pairs in byte order (binary
     * search for a word and the words it starts), the words by length (a
     * typo changes the length by at most one), and the words in one text
     * " w1 w2 ..." with each one's start, for a piece inside a word */
    int *words, nwords, *joins, njoins;
    int *bylen, lenstart[MAX_LEN + 2];
    char *cat;
    size_t *catstart;
    bool sealed;
};

/* Everyday words a citizen adds around a procedure's name ("làm giấy khai
 * sinh", "xin cấp", "how to get a passport"): folded, optional in a query.
 * A procedure that holds one still scores for it. */
static const char *const filler[] = {
    "a", "an", "anh", "apply", "can", "chi", "cho", "cua", "de", "di", "do", "duoc", "em", "for",
    "get", "gi", "giay", "how", "i", "lam", "make", "muon", "my", "need", "nhe", "nop", "o", "of",
    "oi", "paper", "please", "the", "thu", "to", "toi", "tuc", "va", "want", "xin",
};

static bool is_filler(const char *w)
{
    size_t lo = 0, hi = PK_ARRAY_LEN(filler);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w, filler[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

finder *finder_new(void)
{
    finder *f = xcalloc(1, sizeof *f);
    f->nslot = 1024;
    f->slot = xcalloc(f->nslot, sizeof *f->slot);
    return f;
}

void finder_free(finder *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->ne; i++)
        free(f->e[i].items);
    free(f->e);
    free(f->slot);
    free(f->it);
    free(f->words);
    free(f->joins);
    free(f->bylen);
    free(f->cat);
    free(f->catstart);
    sbuf_free(&f->pool);
    free(f);
}

int finder_count(const finder *f)
{
    return f->nit;
}

static uint32_t hash(const char *s, size_t n, int kind)
{
    uint32_t h = 2166136261u ^ (uint32_t)kind;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static const char *str_of(const finder *f, const entry *x)
{
    return f->pool.data + x->off;
}

static void rehash(finder *f)
{
    free(f->slot);
    f->nslot *= 2;
    f->slot = xcalloc(f->nslot, sizeof *f->slot);
    for (int i = 0; i < f->ne; i++) {
        size_t at = hash(str_of(f, &f->e[i]), f->e[i].len, f->e[i].kind) & (f->nslot - 1);
        while (f->slot[at])
            at = (at + 1) & (f->nslot - 1);
        f->slot[at] = i + 1;
    }
}

/* The entry for (s[n], kind), created when new. */
static entry *intern(finder *f, const char *s, size_t n, int kind)
{
    size_t at = hash(s, n, kind) & (f->nslot - 1);
    for (; f->slot[at]; at = (at + 1) & (f->nslot - 1)) {
        entry *x = &f->e[f->slot[at] - 1];
        if (x->kind == kind && x->len == n && memcmp(str_of(f, x), s, n) == 0)
            return x;
    }
    if (f->ne == f->ecap) {
        f->ecap = f->ecap * 2 + 256;
        f->e = xrealloc(f->e, (size_t)f->ecap * sizeof *f->e);
    }
    entry *x = &f->e[f->ne];
    memset(x, 0, sizeof *x);
    x->off = f->pool.len;
    x->len = n;
    x->kind = kind;
    sbuf_addn(&f->pool, s, n);
    sbuf_addn(&f->pool, "", 1);
    f->slot[at] = ++f->ne;
    if ((size_t)f->ne * 2 > f->nslot)
        rehash(f);
    return &f->e[f->ne - 1];
}

static void post(finder *f, const char *s, size_t n, int kind, int id)
{
    if (n == 0)
        return;
    entry *x = intern(f, s, n, kind);
    if (x->nitems && x->items[x->nitems - 1] == id)
        return;                      /* items are added in order: one check dedupes */
    if (x->nitems == x->cap) {
        x->cap = x->cap * 2 + 4;
        x->items = xrealloc(x->items, (size_t)x->cap * sizeof *x->items);
    }
    x->items[x->nitems++] = id;
}

/* Posts the words of one folded text and its adjacent pairs joined;
 * returns the number of words. */
static int post_text(finder *f, const char *t, int id)
{
    int words = 0;
    const char *prev = NULL;
    size_t prevlen = 0;
    char join[256];
    while (*t) {
        while (*t == ' ')
            t++;
        const char *w = t;
        while (*t && *t != ' ')
            t++;
        size_t n = (size_t)(t - w);
        if (n == 0)
            break;
        post(f, w, n, K_WORD, id);
        words++;
        if (prev && prevlen + n < sizeof join) {
            memcpy(join, prev, prevlen);
            memcpy(join + prevlen, w, n);
            post(f, join, prevlen + n, K_JOIN, id);
        }
        prev = w;
        prevlen = n;
    }
    return words;
}

void finder_add(finder *f, const char *name, const char *const *extra, int nextra)
{
    if (f->nit == f->itcap) {
        f->itcap = f->itcap * 2 + 256;
        f->it = xrealloc(f->it, (size_t)f->itcap * sizeof *f->it);
    }
    int id = f->nit++;
    item *x = &f->it[id];
    x->name_off = f->pool.len;
    sbuf_add(&f->pool, name ? name : "");
    sbuf_addn(&f->pool, "", 1);
    x->name_words = post_text(f, name ? name : "", id);
    for (int i = 0; i < nextra; i++)
        if (extra[i])
            post_text(f, extra[i], id);
}

/* a and b differ by at most one edit: a letter changed, added or dropped,
 * or two neighbours swapped (Damerau distance <= 1). */
static bool near(const char *a, size_t la, const char *b, size_t lb)
{
    if (la > lb) {
        const char *t = a; a = b; b = t;
        size_t tl = la; la = lb; lb = tl;
    }
    if (lb - la > 1)
        return false;
    size_t i = 0;
    while (i < la && a[i] == b[i])
        i++;
    if (la < lb)
        return memcmp(a + i, b + i + 1, la - i) == 0;
    if (i == la)
        return true;
    if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0)
        return true;
    return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
}

static const finder *sort_f;   /* qsort has no argument: set just before */

static int by_text(const void *pa, const void *pb)
{
    return strcmp(str_of(sort_f, &sort_f->e[*(const int *)pa]),
                  str_of(sort_f, &sort_f->e[*(const int *)pb]));
}

void finder_seal(finder *f)
{
    if (f->sealed)
        return;
    f->sealed = true;
    f->words = xmalloc(((size_t)f->ne + 1) * sizeof *f->words);
    f->joins = xmalloc(((size_t)f->ne + 1) * sizeof *f->joins);
    f->bylen = xmalloc(((size_t)f->ne + 1) * sizeof *f->bylen);
    size_t catlen = 1;
    for (int i = 0; i < f->ne; i++) {
        if (f->e[i].kind == K_WORD) {
            f->words[f->nwords++] = i;
            catlen += f->e[i].len + 1;
        } else {
            f->joins[f->njoins++] = i;
        }
    }
    sort_f = f;
    qsort(f->words, (size_t)f->nwords, sizeof *f->words, by_text);
    qsort(f->joins, (size_t)f->njoins, sizeof *f->joins, by_text);
    sort_f = NULL;
    /* by length: counting sort (longer words share the last bucket) */
    memset(f->lenstart, 0, sizeof f->lenstart);
    for (int k = 0; k < f->nwords; k++) {
        size_t len = f->e[f->words[k]].len;
        f->lenstart[(len < MAX_LEN ? len : MAX_LEN) + 1]++;
    }
    for (int l = 1; l <= MAX_LEN + 1; l++)
        f->lenstart[l] += f->lenstart[l - 1];
    int fill[MAX_LEN + 1];
    memcpy(fill, f->lenstart, sizeof fill);
    for (int k = 0; k < f->nwords; k++) {
        size_t len = f->e[f->words[k]].len;
        f->bylen[fill[len < MAX_LEN ? len : MAX_LEN]++] = f->words[k];
    }
    f->cat = xmalloc(catlen + 1);
    f->catstart = xmalloc(((size_t)f->nwords + 1) * sizeof *f->catstart);
    size_t at = 0;
    f->cat[at++] = ' ';
    for (int k = 0; k < f->nwords; k++) {
        const entry *x = &f->e[f->words[k]];
        f->catstart[k] = at;
        memcpy(f->cat + at, str_of(f, x), x->len);
        at += x->len;
        f->cat[at++] = ' ';
    }
    f->cat[at] = '\0';
}

/* First index k of sorted (entry indexes) whose text is >= q. */
static int lower_bound(const finder *f, const int *sorted, int n, const char *q)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (strcmp(str_of(f, &f->e[sorted[mid]]), q) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void credit(const entry *x, int sc, int w, int nq, unsigned char *best)
{
    for (int k = 0; k < x->nitems; k++) {
        unsigned char *b = &best[(size_t)x->items[k] * (size_t)nq + (size_t)w];
        if (*b < sc)
            *b = (unsigned char)sc;
    }
}

/* The entries of sorted that start with q: exact scores sc_exact, longer
 * sc_prefix (0 = not counted). Returns whether one counted. */
static bool starting(const finder *f, const int *sorted, int n, const char *q, size_t ql,
                     int sc_exact, int sc_prefix, int w, int nq, unsigned char *best)
{
    bool any = false;
    for (int k = lower_bound(f, sorted, n, q); k < n; k++) {
        const entry *x = &f->e[sorted[k]];
        if (x->len < ql || memcmp(str_of(f, x), q, ql) != 0)
            break;
        int sc = x->len == ql ? sc_exact : sc_prefix;
        if (sc) {
            credit(x, sc, w, nq, best);
            any = true;
        }
    }
    return any;
}

/* best[id * nq + w] = the best score of query word w in item id. */
static void match_word(const finder *f, const char *q, int w, int nq, unsigned char *best)
{
    size_t ql = strlen(q);
    if (starting(f, f->words, f->nwords, q, ql, S_EXACT, S_PREFIX, w, nq, best))
        return;             /* the forgiving kinds only for a word found nowhere */
    starting(f, f->joins, f->njoins, q, ql, S_JOIN, ql >= NEAR_MIN ? S_JOIN_PREFIX : 0, w, nq,
             best);
    if (ql >= NEAR_MIN) {
        size_t lo = ql - 1, hi = ql + 1 < MAX_LEN ? ql + 1 : MAX_LEN;
        for (int k = f->lenstart[lo < MAX_LEN ? lo : MAX_LEN]; k < f->lenstart[hi + 1]; k++) {
            const entry *x = &f->e[f->bylen[k]];
            if (near(str_of(f, x), x->len, q, ql))
                credit(x, S_NEAR, w, nq, best);
        }
    }
    if (ql >= INSIDE_MIN) {
        /* the words hold no space, so a match never spans two words */
        for (const char *p = f->cat; (p = strstr(p, q)) != NULL;) {
            size_t at = (size_t)(p - f->cat);
            int lo = 0, hi = f->nwords;   /* the word holding at: last start <= at */
            while (hi - lo > 1) {
                int mid = (lo + hi) / 2;
                if (f->catstart[mid] <= at)
                    lo = mid;
                else
                    hi = mid;
            }
            const entry *x = &f->e[f->words[lo]];
            if (f->catstart[lo] < at)
                credit(x, S_INSIDE, w, nq, best);
            p = f->cat + f->catstart[lo] + x->len;   /* on to the next word */
        }
    }
}

typedef struct {
    int id, missing, score, words;
} hit;

static int hit_cmp(const void *pa, const void *pb)
{
    const hit *a = pa, *b = pb;
    if (a->missing != b->missing)
        return a->missing - b->missing;
    if (a->score != b->score)
        return b->score - a->score;
    if (a->words != b->words)
        return a->words - b->words;
    return a->id - b->id;
}

int finder_find(const finder *f, const char *query, int *items, int max)
{
    if (max <= 0 || f->nit == 0 || !query || !f->sealed)
        return 0;
    char *buf = xstrdup(query);
    char *w[MAX_QWORDS];
    int nq = 0;
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t && nq < MAX_QWORDS;
         t = strtok_r(NULL, " ", &save))
        w[nq++] = t;
    if (nq == 0) {
        free(buf);
        return 0;
    }
    bool req[MAX_QWORDS];
    int nreq = 0;
    for (int i = 0; i < nq; i++)
        nreq += (req[i] = !is_filler(w[i]));
    if (nreq == 0) {             /* only everyday words: they are the query */
        for (int i = 0; i < nq; i++)
            req[i] = true;
        nreq = nq;
    }
    unsigned char *best = xcalloc((size_t)f->nit * (size_t)nq, 1);
    for (int i = 0; i < nq; i++)
        match_word(f, w[i], i, nq, best);
    size_t qlen = strlen(query);
    /* the best max hits, kept sorted by insertion: most items fall below
     * the last kept one at once (no sort of thousands of hits) */
    hit *top = xmalloc((size_t)max * sizeof *top);
    int nt = 0, least = nreq, need = (nreq + 1) / 2;
    for (int id = 0; id < f->nit; id++) {
        const unsigned char *b = &best[(size_t)id * (size_t)nq];
        int found = 0, score = 0;
        for (int i = 0; i < nq; i++) {
            found += req[i] && b[i];
            score += b[i];
        }
        if (found < need || found == 0 || nreq - found > least)
            continue;
        if (nreq - found < least) {   /* a better tier: the kept ones drop out */
            least = nreq - found;
            nt = 0;
        }
        const char *name = f->pool.data + f->it[id].name_off;
        if (least == 0 && strncmp(name, query, qlen) == 0)
            score += S_NAME_PREFIX;
        hit x = {id, least, score, f->it[id].name_words};
        if (nt == max && hit_cmp(&x, &top[nt - 1]) >= 0)
            continue;
        int at = nt < max ? nt++ : nt - 1;
        while (at > 0 && hit_cmp(&x, &top[at - 1]) < 0) {
            top[at] = top[at - 1];
            at--;
        }
        top[at] = x;
    }
    for (int i = 0; i < nt; i++)
        items[i] = top[i].id;
    int n = nt;
    free(top);
    free(best);
    free(buf);
    return n;
}
