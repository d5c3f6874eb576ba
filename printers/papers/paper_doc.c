/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "paper_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

paper_doc *pd_new(const char *name, double page_w, double page_h)
{
    paper_doc *d = xcalloc(1, sizeof *d);
    str_copy(d->name, sizeof d->name, name);
    str_copy(d->title, sizeof d->title, name);
    d->page_w = page_w;
    d->page_h = page_h;
    d->copies = 1;
    return d;
}

void pd_free(paper_doc *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->n; i++)
        for (int k = 0; k < d->b[i].ncells; k++) {
            /* names and addresses pass through here: wiped before free */
            mem_wipe(d->b[i].cell[k], strlen(d->b[i].cell[k]));
            free(d->b[i].cell[k]);
        }
    for (int i = 0; i < d->n; i++)
        free(d->b[i].bars);
    free(d->b);
    free(d);
}

void pd_add(paper_doc *d, pd_kind kind, int flags, int ncells, const char *const *cells)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 32;
        d->b = xrealloc(d->b, (size_t)d->cap * sizeof *d->b);
    }
    pd_block *b = &d->b[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->flags = flags;
    b->ncells = ncells < PD_COLS_MAX ? ncells : PD_COLS_MAX;
    for (int k = 0; k < b->ncells; k++)
        b->cell[k] = xstrdup(cells && cells[k] ? cells[k] : "");
}

void pd_mast(paper_doc *d, const char *issuer)
{
    const char *c[2] = {issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"};
    pd_add(d, PD_MAST, 0, 2, c);
}

void pd_title(paper_doc *d, const char *title, const char *sub)
{
    pd_add(d, PD_TITLE, PD_BOLD | PD_CENTER, 1, &title);
    if (sub && *sub)
        pd_add(d, PD_SUB, PD_CENTER, 1, &sub);
}

void pd_text(paper_doc *d, int flags, const char *fmt, ...)
{
    sbuf s = {0};
    va_list ap;
    va_start(ap, fmt);
    sbuf_vaddf(&s, fmt, ap);
    va_end(ap);
    const char *c = s.data ? s.data : "";
    pd_add(d, PD_TEXT, flags, 1, &c);
    sbuf_free(&s);
}

void pd_field(paper_doc *d, const char *label, const char *value)
{
    const char *c[2] = {label, value && *value ? value : "—"};
    pd_add(d, PD_FIELD, 0, 2, c);
}

void pd_gap(paper_doc *d, int mm)
{
    pd_add(d, PD_GAP, mm, 0, NULL);
}

void pd_table(paper_doc *d, int n, const double *widths)
{
    d->ncols = n < PD_COLS_MAX ? n : PD_COLS_MAX;
    for (int i = 0; i < d->ncols; i++)
        d->colw[i] = widths[i];
}

void pd_sign(paper_doc *d, const char *left_role, const char *left_name,
             const char *right_role, const char *right_name)
{
    const char *c[6] = {left_role, "(Ký, ghi rõ họ tên)", left_name,
                        right_role, "(Ký, ghi rõ họ tên)", right_name};
    pd_add(d, PD_SIGN, 0, 6, c);
}

void pd_chart(paper_doc *d, const char *caption, const char *count_label, const char *rate_label,
              int n, const pd_bar *bars)
{
    const char *c[3] = {caption, count_label, rate_label};
    pd_add(d, PD_CHART, 0, 3, c);
    pd_block *b = &d->b[d->n - 1];
    if (n > 0) {
        b->bars = xcalloc((size_t)n, sizeof *b->bars);
        memcpy(b->bars, bars, (size_t)n * sizeof *bars);
        b->nbars = n;
    }
}
