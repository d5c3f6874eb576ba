/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalog import from CSV (formats in data/README.md). */
#include "catalog.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "dates.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

/* Row limits: every row is held in memory until the import is stored, so
 * the limit bounds memory (a procedure row is about 10 KB: 10,000 of them
 * about 100 MB; a unit, holiday or tariff row at most 180 bytes). */
enum { MAX_ROWS = 100000, MAX_PROCEDURES = 10000 };

/* Keys of the rows read so far (for duplicates in O(1) per row): open
 * addressing, the row index of each key. */
typedef struct {
    char **keys;
    int *rows;
    size_t cap, n;
} key_set;

/* A CSV file opened with its header checked: col[i] is the field index of
 * the i-th wanted column. */
typedef struct {
    csv *c;
    const char *const *cols;
    int ncols;
    int col[24];
    int nheader;
    char **f;
    int nf;
    char *err;
    size_t errsz;
    int *lines; /* lines[i]: where row i started, for "first on line N" */
    key_set seen;
    char colbuf[64];
} table;

/* Column i's name as the file writes it (an optional one without its '?'). */
static const char *col_name(table *t, int i)
{
    str_copy(t->colbuf, sizeof t->colbuf, t->cols[i]);
    size_t n = strlen(t->colbuf);
    if (n > 0 && t->colbuf[n - 1] == '?')
        t->colbuf[n - 1] = '\0';
    return t->colbuf;
}

static pk_err failf(table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static pk_err failf(table *t, const char *fmt, ...)
{
    char reason[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    snprintf(t->err, t->errsz, "%s:%d: %s", csv_name(t->c), csv_line(t->c), reason);
    return PK_EINVAL;
}

static pk_err table_open(table *t, const char *path, const char *const *cols, int ncols,
                         const csv_watch *watch, char *err, size_t errsz)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
    t->err = err;
    t->errsz = errsz;
    t->c = csv_open_file(path, err, errsz);
    if (!t->c)
        return errno == ENOENT ? PK_ENOTFOUND : PK_EIO;
    csv_set_watch(t->c, watch);
    int r = csv_next(t->c, &t->f, &t->nf, err, errsz);
    if (r < 0)
        return PK_EINVAL;
    if (r == 0) {
        snprintf(err, errsz, _("%s:1: the file is empty (expected a header line)"), path);
        return PK_EINVAL;
    }
    t->nheader = t->nf;
    for (int i = 0; i < ncols; i++) {
        /* a name ending in '?' is an optional column (col -1 when absent) */
        size_t len = strlen(cols[i]);
        bool optional = len > 0 && cols[i][len - 1] == '?';
        if (optional)
            len--;
        t->col[i] = -1;
        for (int j = 0; j < t->nf; j++)
            if (strlen(t->f[j]) == len && strncmp(t->f[j], cols[i], len) == 0)
                t->col[i] = j;
        if (t->col[i] < 0 && !optional)
            return failf(t, _("missing column \"%s\" in the header"), cols[i]);
    }
    return PK_OK;
}

static bool has_col(const table *t, int i)
{
    return t->col[i] >= 0;
}

/* Next data row: 1 row, 0 end, -1 error. Every row has the header's width. */
static int table_next(table *t)
{
    int r = csv_next(t->c, &t->f, &t->nf, t->err, t->errsz);
    if (r <= 0)
        return r;
    if (t->nf != t->nheader) {
        failf(t,
              ngettext("expected %d column, found %d", "expected %d columns, found %d",
                       (unsigned long)t->nheader),
              t->nheader, t->nf);
        return -1;
    }
    return 1;
}

/* Value of wanted column i, trimmed and with white space squeezed. */
static const char *val(table *t, int i)
{
    char *v = t->f[t->col[i]];
    text_squeeze(v);
    return v;
}

static bool put(table *t, int i, char *dst, size_t dstsz, bool required, pk_err *e)
{
    const char *v = val(t, i);
    if (required && !*v) {
        *e = failf(t, _("%s is empty"), col_name(t, i));
        return false;
    }
    if (!str_copy(dst, dstsz, v)) {
        *e = failf(t,
                   ngettext("%s is too long (at most %zu byte)", "%s is too long (at most %zu bytes)",
                            dstsz - 1),
                   col_name(t, i), dstsz - 1);
        return false;
    }
    return true;
}

/* A name (of a procedure, agency, field, unit, province, holiday or
 * document) never starts with = + - @: such a value is a spreadsheet
 * formula smuggled in, refused here and neutralised again on export
 * (csv_put_field). Free text (reasons, sources) may start with a '-'
 * bullet and is written to no CSV file, so it is not checked. */
static bool formula_free(table *t, const char *what, const char *v, pk_err *e)
{
    if (!csv_formula_lead(v))
        return true;
    *e = failf(t, _("%s must not start with '%c' (a spreadsheet would run it as a formula)"), what,
               v[0]);
    return false;
}

static bool put_name(table *t, int i, char *dst, size_t dstsz, bool required, pk_err *e)
{
    return put(t, i, dst, dstsz, required, e) && formula_free(t, col_name(t, i), dst, e);
}

static bool yes_no(table *t, int i, bool *dst, pk_err *e)
{
    const char *v = val(t, i);
    if (strcasecmp(v, "yes") == 0)
        *dst = true;
    else if (strcasecmp(v, "no") == 0)
        *dst = false;
    else {
        *e = failf(t, _("%s must be yes or no, not \"%s\""), col_name(t, i), v);
        return false;
    }
    return true;
}

static bool number(table *t, int i, long long lo, long long hi, long long *dst, pk_err *e)
{
    const char *v = val(t, i);
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (!*v || *end || errno || x < lo || x > hi || strspn(v, "0123456789") != strlen(v)) {
        *e = failf(t, _("%s must be a whole number from %lld to %lld, not \"%s\""), col_name(t, i), lo,
                   hi, v);
        return false;
    }
    *dst = x;
    return true;
}

static void table_close(table *t)
{
    csv_close(t->c);
}

/* Grows *arr to hold at least n + 1 items of size sz, never more than max. */
static void *grow(void *arr, int n, int *cap, int max, size_t sz)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 64;
    if (*cap > max)
        *cap = max;
    return xrealloc(arr, (size_t)*cap * sz);
}

static size_t key_hash(const char *k)
{
    size_t h = 14695981039346656037ULL;   /* FNV-1a */
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211ULL;
    return h;
}

/* The row that already has key, or -1 after recording key for row. */
static int table_seen(table *t, const char *key, int row)
{
    key_set *ks = &t->seen;
    if (ks->n * 2 >= ks->cap) {   /* keep it at most half full */
        size_t cap = ks->cap ? ks->cap * 2 : 256;
        key_set bigger = {.keys = xcalloc(cap, sizeof(char *)), .rows = xcalloc(cap, sizeof(int)),
                          .cap = cap, .n = ks->n};
        for (size_t i = 0; i < ks->cap; i++)
            if (ks->keys[i]) {
                size_t j = key_hash(ks->keys[i]) & (bigger.cap - 1);
                while (bigger.keys[j])
                    j = (j + 1) & (bigger.cap - 1);
                bigger.keys[j] = ks->keys[i];
                bigger.rows[j] = ks->rows[i];
            }
        free(ks->keys);
        free(ks->rows);
        *ks = bigger;
    }
    size_t j = key_hash(key) & (ks->cap - 1);
    for (; ks->keys[j]; j = (j + 1) & (ks->cap - 1))
        if (strcmp(ks->keys[j], key) == 0)
            return ks->rows[j];
    ks->keys[j] = xstrdup(key);
    ks->rows[j] = row;
    ks->n++;
    return -1;
}

static void seen_free(key_set *ks)
{
    for (size_t i = 0; i < ks->cap; i++)
        free(ks->keys[i]);
    free(ks->keys);
    free(ks->rows);
    memset(ks, 0, sizeof *ks);
}

/* Parses the current record into rows[n] (zeroed); duplicates are checked
 * with table_seen() (its key: what must be unique). PK_OK or the error
 * from failf(). */
typedef pk_err (*row_parser)(table *t, void *rows, int n);

/* The part every reader shares: header check, row loop, row limit, at
 * least one row (an import replaces a table: an empty one would empty it),
 * and all-or-nothing: on error *out is NULL and *n is 0. */
static pk_err read_table(const char *path, const char *const *cols, int ncols, size_t rowsz,
                         int max_rows, row_parser parse, void **out, int *n,
                         const csv_watch *watch, char *err, size_t errsz)
{
    *out = NULL;
    *n = 0;
    table t;
    pk_err e = table_open(&t, path, cols, ncols, watch, err, errsz);
    char *rows = NULL;
    int cap = 0, r = 0;
    while (e == PK_OK && (r = table_next(&t)) == 1) {
        if (*n >= max_rows) {
            e = failf(&t, ngettext("more than %d row", "more than %d rows", (unsigned long)max_rows), max_rows);
            break;
        }
        int oldcap = cap;
        rows = grow(rows, *n, &cap, max_rows, rowsz);
        if (cap != oldcap)
            t.lines = xrealloc(t.lines, (size_t)cap * sizeof *t.lines);
        memset(rows + (size_t)*n * rowsz, 0, rowsz);
        e = parse(&t, rows, *n);
        if (e == PK_OK)
            t.lines[(*n)++] = csv_line(t.c);
    }
    if (e == PK_OK && r < 0)
        e = PK_EINVAL;
    if (e == PK_OK && *n == 0)
        e = failf(&t, _("no data rows after the header (nothing was changed)"));
    if (t.c)
        table_close(&t);
    free(t.lines);
    seen_free(&t.seen);
    if (e != PK_OK) {
        free(rows);
        *n = 0;
        return e;
    }
    *out = rows;
    return PK_OK;
}

/* Typed front for read_table(): pk_err NAME(path, type **out, n, watch, err, errsz). */
#define READER(name, type, cols, max_rows, parse)                                           \
    pk_err name(const char *path, type **out, int *n, const csv_watch *watch, char *err,    \
                size_t errsz)                                                               \
    {                                                                                       \
        void *rows;                                                                         \
        pk_err e = read_table(path, cols, (int)PK_ARRAY_LEN(cols), sizeof(type), max_rows,  \
                              parse, &rows, n, watch, err, errsz);                          \
        *out = rows;                                                                        \
        return e;                                                                           \
    }

/* ---- procedures -------------------------------------------------------- */

static const char *const proc_cols[] = {
    "code", "name_vi", "name_en", "agency", "level", "field_vi", "field_en", "bcci_submit",
    "bcci_return", "days", "fee_vnd", "in_person_required", "reason_vi", "reason_en",
    "documents", "source_or_estimate", "keywords?", "rank?", "agency_en?",
};
enum { P_CODE, P_NAME_VI, P_NAME_EN, P_AGENCY, P_LEVEL, P_FIELD_VI, P_FIELD_EN, P_SUBMIT,
       P_RETURN, P_DAYS, P_FEE, P_PERSON, P_REASON_VI, P_REASON_EN, P_DOCS, P_SOURCE,
       P_KEYWORDS, P_RANK, P_AGENCY_EN };

/* Removes a trailing suffix (and the spaces before it) from s. */
static bool cut_suffix(char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k || strcmp(s + n - k, suffix) != 0)
        return false;
    n -= k;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0)
        return false;              /* the whole name: keep it */
    s[n] = '\0';
    return true;
}

/* "original:NAME_VI / NAME_EN | copy?:NAME_VI / NAME_EN | ..." (the gloss
 * after the last " / "; "?" or a trailing "(nếu có)" = optional) */
static bool parse_docs(table *t, procedure *p, pk_err *e)
{
    char *list = xstrdup(val(t, P_DOCS));
    bool ok = true;
    char *rest = list;
    while (ok && *rest) {
        char *sep = strstr(rest, " | ");
        if (sep)
            *sep = '\0';
        char *item = rest;
        rest = sep ? sep + 3 : rest + strlen(rest);
        if (p->ndocs == PK_MAX_DOCS) {
            *e = failf(t, ngettext("more than %d document", "more than %d documents", PK_MAX_DOCS), PK_MAX_DOCS);
            ok = false;
            break;
        }
        proc_doc *d = &p->docs[p->ndocs];
        char *colon = strchr(item, ':');
        if (!colon) {
            *e = failf(t, _("document %d: expected original:NAME or copy:NAME"), p->ndocs + 1);
            ok = false;
            break;
        }
        *colon = '\0';
        char *kind = item, *name = colon + 1;
        size_t kl = strlen(kind);
        d->required = true;
        if (kl > 0 && kind[kl - 1] == '?') {
            d->required = false;
            kind[kl - 1] = '\0';
        }
        if (strcmp(kind, "original") == 0)
            d->kind = DOC_ORIGINAL;
        else if (strcmp(kind, "copy") == 0)
            d->kind = DOC_COPY;
        else {
            *e = failf(t, _("document %d: kind must be original or copy, not \"%s\""), p->ndocs + 1,
                       kind);
            ok = false;
            break;
        }
        /* the LAST " / " parts the gloss: legal Vietnamese names may hold
         * one ("Thẻ căn cước / căn cước công dân"), our glosses do not */
        char *slash = NULL;
        for (char *at = strstr(name, " / "); at; at = strstr(at + 1, " / "))
            slash = at;
        const char *en = "";
        if (slash) {
            *slash = '\0';
            en = slash + 3;
        }
        text_squeeze(name);
        char enbuf[PK_TEXT_MAX * 2];
        str_copy(enbuf, sizeof enbuf, en);
        text_squeeze(enbuf);
        /* "(nếu có)" / "(if any)" at the end means optional: the screens
         * and the receipt say that themselves, so it is not kept twice */
        bool if_any_vi = cut_suffix(name, "(nếu có)");
        bool if_any_en = cut_suffix(enbuf, "(if any)");
        if (if_any_vi || if_any_en)
            d->required = false;
        char what[48];
        snprintf(what, sizeof what, _("document %d: the name"), p->ndocs + 1);
        if (!formula_free(t, what, name, e) || !formula_free(t, what, enbuf, e)) {
            ok = false;
        } else if (!*name) {
            *e = failf(t, _("document %d has no name"), p->ndocs + 1);
            ok = false;
        } else if (!str_copy(d->name_vi, sizeof d->name_vi, name) ||
                   !str_copy(d->name_en, sizeof d->name_en, enbuf)) {
            *e = failf(t,
                       ngettext("document %d: name too long (at most %d byte)",
                                "document %d: name too long (at most %d bytes)", PK_TEXT_MAX - 1),
                       p->ndocs + 1, PK_TEXT_MAX - 1);
            ok = false;
        }
        d->seq = ++p->ndocs;
    }
    free(list);
    return ok;
}

static bool code_ok(const char *code)
{
    return strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_") ==
           strlen(code);
}

static pk_err parse_procedure(table *t, void *rows, int n)
{
    procedure *ps = rows, *p = &ps[n];
    pk_err e = PK_OK;
    long long days = 0, fee = 0;
    if (!put(t, P_CODE, p->code, sizeof p->code, true, &e) ||
        !put_name(t, P_NAME_VI, p->name_vi, sizeof p->name_vi, true, &e) ||
        !put_name(t, P_NAME_EN, p->name_en, sizeof p->name_en, false, &e) ||
        !put_name(t, P_AGENCY, p->agency, sizeof p->agency, true, &e) ||
        !put(t, P_LEVEL, p->level, sizeof p->level, true, &e) ||
        !put_name(t, P_FIELD_VI, p->field_vi, sizeof p->field_vi, false, &e) ||
        !put_name(t, P_FIELD_EN, p->field_en, sizeof p->field_en, false, &e) ||
        !yes_no(t, P_SUBMIT, &p->bcci_submit, &e) || !yes_no(t, P_RETURN, &p->bcci_return, &e) ||
        !number(t, P_DAYS, 0, 3650, &days, &e) ||
        !number(t, P_FEE, 0, 1000000000000LL, &fee, &e) ||
        !yes_no(t, P_PERSON, &p->in_person, &e) ||
        !put(t, P_REASON_VI, p->reason_vi, sizeof p->reason_vi, false, &e) ||
        !put(t, P_REASON_EN, p->reason_en, sizeof p->reason_en, false, &e) ||
        !put(t, P_SOURCE, p->provenance, sizeof p->provenance, false, &e) ||
        !parse_docs(t, p, &e))
        return e;
    /* the agency's English name: a file without the column (older
     * catalogs) has none, and the screens say the Vietnamese name */
    if (has_col(t, P_AGENCY_EN) &&
        !put_name(t, P_AGENCY_EN, p->agency_en, sizeof p->agency_en, false, &e))
        return e;
    p->keywords_set = has_col(t, P_KEYWORDS);
    if (p->keywords_set && !put_name(t, P_KEYWORDS, p->keywords, sizeof p->keywords, false, &e))
        return e;
    long long rank = 0;
    p->rank_set = has_col(t, P_RANK);
    if (p->rank_set && *val(t, P_RANK) && !number(t, P_RANK, 0, PK_RANK_MAX, &rank, &e))
        return e;
    p->rank = (int)rank;
    p->days = (int)days;
    p->fee_vnd = fee;
    if (!code_ok(p->code))
        return failf(t, _("code \"%s\" may only hold letters, digits, '.', '-' and '_'"), p->code);
    if (!isalnum((unsigned char)p->code[0]))
        return failf(t, _("code \"%s\" must start with a letter or digit"), p->code);
    if (strcmp(p->level, "commune") && strcmp(p->level, "province"))
        return failf(t, _("level must be commune or province, not \"%s\""), p->level);
    if ((!p->bcci_submit || !p->bcci_return) && !p->reason_vi[0])
        return failf(t, _("reason_vi is empty but the procedure is not fully possible by post"));
    int first = table_seen(t, p->code, n);
    if (first >= 0)
        return failf(t, _("duplicate code %s (first on line %d)"), p->code, t->lines[first]);
    return PK_OK;
}

READER(catalog_read_procedures, procedure, proc_cols, MAX_PROCEDURES, parse_procedure)

/* ---- units, holidays, tariffs ------------------------------------------ */

static const char *const unit_cols[] = {"province", "type", "name"};

static pk_err parse_unit(table *t, void *rows, int n)
{
    admin_unit *us = rows, *u = &us[n];
    pk_err e = PK_OK;
    if (!put_name(t, 0, u->province, sizeof u->province, true, &e) ||
        !put(t, 1, u->type, sizeof u->type, true, &e) ||
        !put_name(t, 2, u->name, sizeof u->name, true, &e))
        return e;
    if (strcmp(u->type, "phường") && strcmp(u->type, "xã") && strcmp(u->type, "thị trấn"))
        return failf(t, _("unknown unit type \"%s\" (allowed: %s)"), u->type, "phường, xã, thị trấn");
    char key[sizeof u->province + sizeof u->type + sizeof u->name + 2];
    snprintf(key, sizeof key, "%s\n%s\n%s", u->province, u->type, u->name);
    int first = table_seen(t, key, n);
    if (first >= 0)
        return failf(t, _("duplicate unit %s %s (first on line %d)"), u->type, u->name,
                     t->lines[first]);
    return PK_OK;
}

READER(catalog_read_units, admin_unit, unit_cols, MAX_ROWS, parse_unit)

/* A real day, YYYY-MM-DD, from 1900 to 2999. */
static bool real_date(const char *s)
{
    int day, y, m, d;
    if (!date_parse(s, &day))
        return false;
    date_to_ymd(day, &y, &m, &d);
    return y <= 2999;
}

static const char *const holiday_cols[] = {"date", "kind", "name"};

static pk_err parse_holiday(table *t, void *rows, int n)
{
    holiday *hs = rows, *h = &hs[n];
    pk_err e = PK_OK;
    const char *date = val(t, 0), *kind = val(t, 1);
    if (!real_date(date))
        return failf(t, _("date must be a real day written YYYY-MM-DD, not \"%s\""), date);
    if (strcmp(kind, "H") && strcmp(kind, "W"))
        return failf(t, _("kind must be H (holiday) or W (make-up working day), not \"%s\""), kind);
    str_copy(h->date, sizeof h->date, date);
    h->kind = kind[0];
    if (!put_name(t, 2, h->name, sizeof h->name, false, &e))
        return e;
    int first = table_seen(t, h->date, n);
    if (first >= 0)
        return failf(t, _("duplicate date %s (first on line %d)"), h->date, t->lines[first]);
    return PK_OK;
}

READER(catalog_read_holidays, holiday, holiday_cols, MAX_ROWS, parse_holiday)

static const char *const tariff_cols[] = {"form", "scope", "charge_vnd", "transit_days"};

static pk_err parse_tariff(table *t, void *rows, int n)
{
    tariff *ts = rows, *x = &ts[n];
    pk_err e = PK_OK;
    const char *form = val(t, 0), *scope = val(t, 1);
    if (!strcmp(form, "send"))
        x->form = FORM_SEND;
    else if (!strcmp(form, "return"))
        x->form = FORM_RETURN;
    else if (!strcmp(form, "both"))
        x->form = FORM_BOTH;
    else
        return failf(t, _("form must be send, return or both, not \"%s\""), form);
    if (strcmp(scope, "commune") && strcmp(scope, "province") && strcmp(scope, "national"))
        return failf(t, _("scope must be commune, province or national, not \"%s\""), scope);
    str_copy(x->scope, sizeof x->scope, scope);
    long long charge, days;
    if (!number(t, 2, 0, 100000000, &charge, &e) || !number(t, 3, 0, 60, &days, &e))
        return e;
    x->charge_vnd = charge;
    x->transit_days = (int)days;
    char key[sizeof x->scope + 8];
    snprintf(key, sizeof key, "%d\n%s", (int)x->form, x->scope);
    int first = table_seen(t, key, n);
    if (first >= 0)
        return failf(t, _("duplicate tariff %s %s (first on line %d)"), form, scope,
                     t->lines[first]);
    return PK_OK;
}

READER(catalog_read_tariffs, tariff, tariff_cols, MAX_ROWS, parse_tariff)

#define COMMUNE_AGENCY "UBND cấp xã"

void catalog_real_agency(const char *agency, const char *level, const admin_unit *unit,
                         char *out, size_t outsz)
{
    /* only the catalog's generic commune-level name is resolved: a named
     * agency ("Công an tỉnh ...", "Văn phòng đăng ký đất đai") is kept even
     * when the catalog's level says commune */
    const char *generic = strstr(agency, COMMUNE_AGENCY);
    bool commune = generic == agency || (generic && level && !strcmp(level, "commune"));
    if (!commune || !unit || !unit->name[0]) {
        str_copy(out, outsz, agency);
        return;
    }
    size_t pl = strlen(COMMUNE_AGENCY);
    snprintf(out, outsz, "%.*sUBND %s%s%s%s", (int)(generic - agency), agency, unit->type,
             unit->type[0] ? " " : "", unit->name, generic + pl);
}

const char *catalog_doc_kind(doc_kind kind, bool capital, const char *name_vi,
                             const char *name_en)
{
    const char *label = kind == DOC_ORIGINAL ? (capital ? _("Original") : _("original"))
                                             : (capital ? _("Copy") : _("copy"));
    /* the label is in the reader's language: the name in that language
     * (the legal Vietnamese one, or the English gloss) may say it already */
    if (text_starts_with_words(name_vi, label) || text_starts_with_words(name_en, label))
        return NULL;
    return label;
}
