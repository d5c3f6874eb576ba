/* Catalog import from CSV (formats in data/README.md). */
#include "catalog.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

enum { MAX_ROWS = 100000 };

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
} table;

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
                         char *err, size_t errsz)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
    t->err = err;
    t->errsz = errsz;
    t->c = csv_open_file(path, err, errsz);
    if (!t->c)
        return errno == ENOENT ? PK_ENOTFOUND : PK_EIO;
    int r = csv_next(t->c, &t->f, &t->nf, err, errsz);
    if (r < 0)
        return PK_EINVAL;
    if (r == 0) {
        snprintf(err, errsz, _("%s:1: the file is empty (expected a header line)"), path);
        return PK_EINVAL;
    }
    t->nheader = t->nf;
    for (int i = 0; i < ncols; i++) {
        t->col[i] = -1;
        for (int j = 0; j < t->nf; j++)
            if (strcmp(t->f[j], cols[i]) == 0)
                t->col[i] = j;
        if (t->col[i] < 0)
            return failf(t, _("missing column \"%s\" in the header"), cols[i]);
    }
    return PK_OK;
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
        *e = failf(t, _("%s is empty"), t->cols[i]);
        return false;
    }
    if (!str_copy(dst, dstsz, v)) {
        *e = failf(t, ngettext("%s is too long (at most %zu byte)", "%s is too long (at most %zu bytes)", dstsz - 1),
                   t->cols[i], dstsz - 1);
        return false;
    }
    return true;
}

static bool yes_no(table *t, int i, bool *dst, pk_err *e)
{
    const char *v = val(t, i);
    if (strcasecmp(v, "yes") == 0)
        *dst = true;
    else if (strcasecmp(v, "no") == 0)
        *dst = false;
    else {
        *e = failf(t, _("%s must be yes or no, not \"%s\""), t->cols[i], v);
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
        *e = failf(t, _("%s must be a whole number from %lld to %lld, not \"%s\""), t->cols[i], lo,
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

/* Grows *arr to hold at least n + 1 items of size sz. */
static void *grow(void *arr, int n, int *cap, size_t sz)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 64;
    return xrealloc(arr, (size_t)*cap * sz);
}

/* ---- procedures -------------------------------------------------------- */

static const char *const proc_cols[] = {
    "code", "name_vi", "name_en", "agency", "level", "field_vi", "field_en", "bcci_submit",
    "bcci_return", "days", "fee_vnd", "in_person_required", "reason_vi", "reason_en",
    "documents", "source_or_estimate",
};
enum { P_CODE, P_NAME_VI, P_NAME_EN, P_AGENCY, P_LEVEL, P_FIELD_VI, P_FIELD_EN, P_SUBMIT,
       P_RETURN, P_DAYS, P_FEE, P_PERSON, P_REASON_VI, P_REASON_EN, P_DOCS, P_SOURCE };

/* "original:NAME_VI / NAME_EN | copy?:NAME_VI / NAME_EN | ..." */
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
        char *slash = strstr(name, " / ");
        const char *en = "";
        if (slash) {
            *slash = '\0';
            en = slash + 3;
        }
        text_squeeze(name);
        char enbuf[PK_TEXT_MAX * 2];
        str_copy(enbuf, sizeof enbuf, en);
        text_squeeze(enbuf);
        if (!*name) {
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

pk_err catalog_read_procedures(const char *path, procedure **out, int *n, char *err, size_t errsz)
{
    *out = NULL;
    *n = 0;
    table t;
    pk_err e = table_open(&t, path, proc_cols, (int)PK_ARRAY_LEN(proc_cols), err, errsz);
    procedure *ps = NULL;
    int cap = 0, *lines = NULL, r = 0;
    while (e == PK_OK && (r = table_next(&t)) == 1) {
        if (*n >= MAX_ROWS) {
            e = failf(&t, ngettext("more than %d row", "more than %d rows", MAX_ROWS), MAX_ROWS);
            break;
        }
        int oldcap = cap;
        ps = grow(ps, *n, &cap, sizeof *ps);
        if (cap != oldcap)
            lines = xrealloc(lines, (size_t)cap * sizeof *lines);
        procedure *p = &ps[*n];
        memset(p, 0, sizeof *p);
        long long days = 0, fee = 0;
        if (!put(&t, P_CODE, p->code, sizeof p->code, true, &e) ||
            !put(&t, P_NAME_VI, p->name_vi, sizeof p->name_vi, true, &e) ||
            !put(&t, P_NAME_EN, p->name_en, sizeof p->name_en, false, &e) ||
            !put(&t, P_AGENCY, p->agency, sizeof p->agency, true, &e) ||
            !put(&t, P_LEVEL, p->level, sizeof p->level, true, &e) ||
            !put(&t, P_FIELD_VI, p->field_vi, sizeof p->field_vi, false, &e) ||
            !put(&t, P_FIELD_EN, p->field_en, sizeof p->field_en, false, &e) ||
            !yes_no(&t, P_SUBMIT, &p->bcci_submit, &e) ||
            !yes_no(&t, P_RETURN, &p->bcci_return, &e) ||
            !number(&t, P_DAYS, 0, 3650, &days, &e) ||
            !number(&t, P_FEE, 0, 1000000000000LL, &fee, &e) ||
            !yes_no(&t, P_PERSON, &p->in_person, &e) ||
            !put(&t, P_REASON_VI, p->reason_vi, sizeof p->reason_vi, false, &e) ||
            !put(&t, P_REASON_EN, p->reason_en, sizeof p->reason_en, false, &e) ||
            !put(&t, P_SOURCE, p->provenance, sizeof p->provenance, false, &e) ||
            !parse_docs(&t, p, &e))
            break;
        p->days = (int)days;
        p->fee_vnd = fee;
        if (!code_ok(p->code)) {
            e = failf(&t, _("code \"%s\" may only hold letters, digits, '.', '-' and '_'"), p->code);
            break;
        }
        if (strcmp(p->level, "commune") && strcmp(p->level, "province")) {
            e = failf(&t, _("level must be commune or province, not \"%s\""), p->level);
            break;
        }
        if ((!p->bcci_submit || !p->bcci_return) && !p->reason_vi[0]) {
            e = failf(&t, _("reason_vi is empty but the procedure is not fully possible by post"));
            break;
        }
        for (int i = 0; i < *n; i++)
            if (strcmp(ps[i].code, p->code) == 0) {
                e = failf(&t, _("duplicate code %s (first on line %d)"), p->code, lines[i]);
                break;
            }
        if (e != PK_OK)
            break;
        lines[(*n)++] = csv_line(t.c);
    }
    if (e == PK_OK && r < 0)
        e = PK_EINVAL;
    if (t.c)
        table_close(&t);
    free(lines);
    if (e != PK_OK) {
        free(ps);
        *n = 0;
        return e;
    }
    *out = ps;
    return PK_OK;
}

/* ---- units, holidays, tariffs ------------------------------------------ */

static const char *const unit_cols[] = {"province", "type", "name"};

pk_err catalog_read_units(const char *path, admin_unit **out, int *n, char *err, size_t errsz)
{
    *out = NULL;
    *n = 0;
    table t;
    pk_err e = table_open(&t, path, unit_cols, 3, err, errsz);
    admin_unit *us = NULL;
    int cap = 0, r = 0;
    while (e == PK_OK && (r = table_next(&t)) == 1) {
        us = grow(us, *n, &cap, sizeof *us);
        admin_unit *u = &us[*n];
        memset(u, 0, sizeof *u);
        if (!put(&t, 0, u->province, sizeof u->province, true, &e) ||
            !put(&t, 1, u->type, sizeof u->type, true, &e) ||
            !put(&t, 2, u->name, sizeof u->name, true, &e))
            break;
        if (strcmp(u->type, "phường") && strcmp(u->type, "xã") && strcmp(u->type, "thị trấn")) {
            e = failf(&t, _("unknown unit type \"%s\" (allowed: %s)"), u->type, "phường, xã, thị trấn");
            break;
        }
        for (int i = 0; i < *n && e == PK_OK; i++)
            if (!strcmp(us[i].province, u->province) && !strcmp(us[i].type, u->type) &&
                !strcmp(us[i].name, u->name))
                e = failf(&t, _("duplicate unit %s %s"), u->type, u->name);
        if (e != PK_OK || *n >= MAX_ROWS)
            break;
        (*n)++;
    }
    if (e == PK_OK && r < 0)
        e = PK_EINVAL;
    if (t.c)
        table_close(&t);
    if (e != PK_OK) {
        free(us);
        *n = 0;
        return e;
    }
    *out = us;
    return PK_OK;
}

static bool real_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

static const char *const holiday_cols[] = {"date", "kind", "name"};

pk_err catalog_read_holidays(const char *path, holiday **out, int *n, char *err, size_t errsz)
{
    *out = NULL;
    *n = 0;
    table t;
    pk_err e = table_open(&t, path, holiday_cols, 3, err, errsz);
    holiday *hs = NULL;
    int cap = 0, r = 0;
    while (e == PK_OK && (r = table_next(&t)) == 1) {
        hs = grow(hs, *n, &cap, sizeof *hs);
        holiday *h = &hs[*n];
        memset(h, 0, sizeof *h);
        const char *date = val(&t, 0), *kind = val(&t, 1);
        if (!real_date(date)) {
            e = failf(&t, _("date must be a real day written YYYY-MM-DD, not \"%s\""), date);
            break;
        }
        if (strcmp(kind, "H") && strcmp(kind, "W")) {
            e = failf(&t, _("kind must be H (holiday) or W (make-up working day), not \"%s\""), kind);
            break;
        }
        str_copy(h->date, sizeof h->date, date);
        h->kind = kind[0];
        if (!put(&t, 2, h->name, sizeof h->name, false, &e))
            break;
        for (int i = 0; i < *n && e == PK_OK; i++)
            if (!strcmp(hs[i].date, h->date))
                e = failf(&t, _("duplicate date %s"), h->date);
        if (e != PK_OK || *n >= MAX_ROWS)
            break;
        (*n)++;
    }
    if (e == PK_OK && r < 0)
        e = PK_EINVAL;
    if (t.c)
        table_close(&t);
    if (e != PK_OK) {
        free(hs);
        *n = 0;
        return e;
    }
    *out = hs;
    return PK_OK;
}

static const char *const tariff_cols[] = {"form", "scope", "charge_vnd", "transit_days"};

pk_err catalog_read_tariffs(const char *path, tariff **out, int *n, char *err, size_t errsz)
{
    *out = NULL;
    *n = 0;
    table t;
    pk_err e = table_open(&t, path, tariff_cols, 4, err, errsz);
    tariff *ts = NULL;
    int cap = 0, r = 0;
    while (e == PK_OK && (r = table_next(&t)) == 1) {
        ts = grow(ts, *n, &cap, sizeof *ts);
        tariff *x = &ts[*n];
        memset(x, 0, sizeof *x);
        const char *form = val(&t, 0), *scope = val(&t, 1);
        if (!strcmp(form, "send"))
            x->form = FORM_SEND;
        else if (!strcmp(form, "return"))
            x->form = FORM_RETURN;
        else if (!strcmp(form, "both"))
            x->form = FORM_BOTH;
        else {
            e = failf(&t, _("form must be send, return or both, not \"%s\""), form);
            break;
        }
        if (strcmp(scope, "commune") && strcmp(scope, "province") && strcmp(scope, "national")) {
            e = failf(&t, _("scope must be commune, province or national, not \"%s\""), scope);
            break;
        }
        str_copy(x->scope, sizeof x->scope, scope);
        long long charge, days;
        if (!number(&t, 2, 0, 100000000, &charge, &e) || !number(&t, 3, 0, 60, &days, &e))
            break;
        x->charge_vnd = charge;
        x->transit_days = (int)days;
        for (int i = 0; i < *n && e == PK_OK; i++)
            if (ts[i].form == x->form && !strcmp(ts[i].scope, x->scope))
                e = failf(&t, _("duplicate tariff %s %s"), form, scope);
        if (e != PK_OK || *n >= MAX_ROWS)
            break;
        (*n)++;
    }
    if (e == PK_OK && r < 0)
        e = PK_EINVAL;
    if (t.c)
        table_close(&t);
    if (e != PK_OK) {
        free(ts);
        *n = 0;
        return e;
    }
    *out = ts;
    return PK_OK;
}

/* ---- import ------------------------------------------------------------ */

static pk_err stored(store *s, pk_err e, const char *path, char *err, size_t errsz)
{
    if (e != PK_OK)
        snprintf(err, errsz, _("%s: cannot store it: %s"), path, store_last_error(s));
    return e;
}

#define IMPORT(fn, type, reader, replace)                                        \
    pk_err fn(store *s, const char *path, char *err, size_t errsz)               \
    {                                                                            \
        type *rows;                                                              \
        int n;                                                                   \
        pk_err e = reader(path, &rows, &n, err, errsz);                          \
        if (e != PK_OK)                                                          \
            return e;                                                            \
        e = stored(s, replace(s, rows, n), path, err, errsz);                    \
        free(rows);                                                              \
        return e;                                                                \
    }

IMPORT(catalog_import_procedures, procedure, catalog_read_procedures, store_procedures_replace)
IMPORT(catalog_import_units, admin_unit, catalog_read_units, store_units_replace)
IMPORT(catalog_import_holidays, holiday, catalog_read_holidays, store_holidays_replace)
IMPORT(catalog_import_tariffs, tariff, catalog_read_tariffs, store_tariffs_replace)

pk_err catalog_import_dir(store *s, const char *dir, char *err, size_t errsz)
{
    static const char *const files[] = {"procedures.csv", "units.csv", "holidays.csv",
                                        "tariffs.csv"};
    pk_err (*const fns[])(store *, const char *, char *, size_t) = {
        catalog_import_procedures, catalog_import_units, catalog_import_holidays,
        catalog_import_tariffs};
    pk_err e = store_tx_begin(s);
    if (e != PK_OK) {
        snprintf(err, errsz, "%s: %s", dir, store_last_error(s));
        return e;
    }
    for (size_t i = 0; i < PK_ARRAY_LEN(files) && e == PK_OK; i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        e = fns[i](s, path, err, errsz);
        free(path);
    }
    if (e != PK_OK) {
        store_tx_rollback(s);
        return e;
    }
    e = store_tx_commit(s);
    if (e != PK_OK)
        snprintf(err, errsz, _("%s: cannot store it: %s"), dir, store_last_error(s));
    return e;
}
