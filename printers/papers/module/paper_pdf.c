/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The papers module (pk-papers.so) and its table: a paper_doc as a PDF
 * with cairo and pango: A4 (or the label page), a table whose header row repeats on every page, signature blocks that
 * never split, "Trang i/n" at the foot of every page. Drawn twice: once
 * to count the pages, once to draw them, so the count is known on page 1.
 * Every copy repeats all pages with its own label ("Bản ..."). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "paper_module.h"
#include "util.h"

#define MM 2.834645669   /* points per millimetre */
#define FONT "DejaVu Serif"

enum { SECTIONS_MAX = 64, RIGHT = 1 << 10 };   /* RIGHT: put()'s own flag, right-aligned */

typedef struct {
    cairo_t *cr;
    PangoLayout *pl;
    const paper_doc *d;
    double left, width, top, bottom, y, base;   /* base: body font size */
    int page, pages, copy;
    int section, spage, sec_pages[SECTIONS_MAX];  /* PD_BREAK starts a section: its own "Trang i/n" */
    bool draw, numbers;
    const pd_block *head;                        /* the table's header row */
    pk_err err;
} pr;

/* Lays s out in w points with font size and style; draws it at (x, y)
 * when drawing. Returns its height. markup: s is pango markup. */
static double put(pr *r, double x, double y, double w, double size, int flags, bool italic,
                  bool markup, const char *s)
{
    PangoFontDescription *fd = pango_font_description_from_string(FONT);
    pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
    pango_font_description_set_weight(fd, flags & PD_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(r->pl, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(r->pl, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(r->pl, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(r->pl, flags & PD_CENTER  ? PANGO_ALIGN_CENTER
                                      : flags & RIGHT ? PANGO_ALIGN_RIGHT
                                                      : PANGO_ALIGN_LEFT);
    if (markup) {
        pango_layout_set_markup(r->pl, s, -1);
    } else {
        /* the attributes of earlier markup would stay, at byte offsets
         * that may fall inside this text's letters */
        pango_layout_set_attributes(r->pl, NULL);
        pango_layout_set_text(r->pl, s, -1);
    }
    int pw, ph;
    pango_layout_get_size(r->pl, &pw, &ph);
    if (r->draw) {
        cairo_move_to(r->cr, x, y);
        pango_cairo_show_layout(r->cr, r->pl);
    }
    return (double)ph / PANGO_SCALE;
}

/* The width of s on one line, unwrapped, in points. */
static double text_width(pr *r, double size, const char *s)
{
    PangoFontDescription *fd = pango_font_description_from_string(FONT);
    pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
    pango_layout_set_font_description(r->pl, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(r->pl, -1);
    pango_layout_set_attributes(r->pl, NULL);
    pango_layout_set_text(r->pl, s, -1);
    int pw, ph;
    pango_layout_get_size(r->pl, &pw, &ph);
    return (double)pw / PANGO_SCALE;
}

static double body(const pr *r, int flags)
{
    return flags & PD_SMALL ? r->base - 1.5 : r->base;
}

static void foot(pr *r)
{
    if (!r->numbers)
        return;
    char buf[48];
    int sec = r->section < SECTIONS_MAX ? r->section : SECTIONS_MAX - 1;
    snprintf(buf, sizeof buf, "Trang %d/%d", r->spage, r->draw ? r->sec_pages[sec] : r->spage);
    put(r, r->left, r->d->page_h - 12 * MM, r->width, r->base - 2, PD_CENTER, false, false, buf);
}

static double row(pr *r, const pd_block *b, bool measure_only);

static void new_page(pr *r)
{
    r->page++;
    r->spage++;
    r->y = r->top;
    if (r->d->copy_label[r->copy][0]) {
        double w = r->width / 2;
        put(r, r->left + r->width - w, r->top - 8 * MM, w, r->base - 2, 0, true, false,
            r->d->copy_label[r->copy]);
    }
    if (r->head && r->page > 1)
        r->y += row(r, r->head, false);
}

static void end_page(pr *r)
{
    foot(r);
    if (r->draw)
        cairo_show_page(r->cr);
}

/* Makes room for h points, starting a new page when needed. */
static void need(pr *r, double h)
{
    if (r->y + h > r->bottom && r->y > r->top + 1) {
        end_page(r);
        new_page(r);
    }
}

/* A table row: cells wrapped in their columns, framed. */
static double row(pr *r, const pd_block *b, bool measure_only)
{
    double total = 0, pad = 1.5 * MM, h = 0;
    for (int i = 0; i < r->d->ncols; i++)
        total += r->d->colw[i];
    if (total <= 0)
        total = 1;
    bool draw = r->draw;
    r->draw = false;
    for (int i = 0; i < b->ncells && i < r->d->ncols; i++) {
        double w = r->width * r->d->colw[i] / total - 2 * pad;
        double ch = put(r, 0, 0, w, r->base - 2, b->kind == PD_HEAD ? PD_BOLD | PD_CENTER : 0,
                        false, false, b->cell[i]);
        if (ch > h)
            h = ch;
    }
    r->draw = draw;
    h += 2 * pad;
    if (measure_only || !r->draw)
        return h;
    double x = r->left;
    cairo_set_line_width(r->cr, 0.6);
    for (int i = 0; i < r->d->ncols; i++) {
        double w = r->width * r->d->colw[i] / total;
        if (i < b->ncells)
            put(r, x + pad, r->y + pad, w - 2 * pad, r->base - 2,
                b->kind == PD_HEAD ? PD_BOLD | PD_CENTER : 0, false, false, b->cell[i]);
        cairo_rectangle(r->cr, x, r->y, w, h);
        cairo_stroke(r->cr);
        x += w;
    }
    return h;
}

static char *esc(const char *s)
{
    return g_markup_escape_text(s, -1);
}

/* Columns for the counts (left scale), a line for the rates (right
 * scale, 0-100 %), the bars' labels under them, the legend and the
 * caption under the chart; never split across pages. */
static void chart(pr *r, const pd_block *b)
{
    double size = r->base - 2, plot_h = 80 * MM, axis = 16 * MM;
    bool draw = r->draw;
    r->draw = false;
    double lh = put(r, 0, 0, r->width, size, 0, false, false, "0");
    double ch = put(r, 0, 0, r->width, r->base, PD_BOLD | PD_CENTER, false, false, b->cell[0]);
    r->draw = draw;
    double total = lh + 4 * MM + plot_h + 2 * lh + 2 * MM + ch + 2 * MM;
    need(r, total);
    double x0 = r->left + axis, x1 = r->left + r->width - axis;
    double y0 = r->y + lh + 4 * MM, y1 = y0 + plot_h;   /* top, bottom of the plot */
    long long max = 0;
    for (int i = 0; i < b->nbars; i++)
        if (b->bars[i].count > max)
            max = b->bars[i].count;
    /* a round top for the left scale: 1, 2, 5 x 10^k, at least 4 so the
     * four grid steps are whole dossiers */
    long long top = 4, steps[3] = {2, 5, 10}, unit = 1;
    for (int k = 0; top <= max; k = (k + 1) % 3) {   /* room above the highest column for its figure */
        top = 4 * steps[k] * unit;
        if (k == 2)
            unit *= 10;
    }
    char buf[64];
    if (r->draw) {
        cairo_set_source_rgb(r->cr, 0.75, 0.75, 0.75);
        cairo_set_line_width(r->cr, 0.4);
        for (int k = 1; k <= 4; k++) {
            double y = y1 - plot_h * k / 4;
            cairo_move_to(r->cr, x0, y);
            cairo_line_to(r->cr, x1, y);
            cairo_stroke(r->cr);
        }
        cairo_set_source_rgb(r->cr, 0, 0, 0);
        cairo_set_line_width(r->cr, 0.8);
        cairo_move_to(r->cr, x0, y0);
        cairo_line_to(r->cr, x0, y1);
        cairo_line_to(r->cr, x1, y1);
        cairo_line_to(r->cr, x1, y0);
        cairo_stroke(r->cr);
    }
    for (int k = 0; k <= 4; k++) {
        double y = y1 - plot_h * k / 4 - lh / 2;
        snprintf(buf, sizeof buf, "%lld", top * k / 4);
        put(r, r->left, y, axis - 1.5 * MM, size, RIGHT, false, false, buf);
        snprintf(buf, sizeof buf, "%d%%", k * 25);
        put(r, x1 + 1.5 * MM, y, axis - 1.5 * MM, size, 0, false, false, buf);
    }
    double slot = b->nbars > 0 ? (x1 - x0) / b->nbars : 0;
    /* Many months: a label every `every` columns, so that labels never
     * wrap nor touch (from 12 months on A4), each starting over its
     * column; the figures over the columns only when each fits over its
     * own (the left scale still reads them). */
    double label_w = 0, figure_w = 0;
    for (int i = 0; i < b->nbars; i++) {
        double w = text_width(r, size, b->bars[i].label);
        if (w > label_w)
            label_w = w;
        snprintf(buf, sizeof buf, "%lld", b->bars[i].count);
        w = text_width(r, size, buf);
        if (w > figure_w)
            figure_w = w;
    }
    int every = 1;
    while (every < b->nbars && every * slot < label_w + 2 * MM)
        every++;
    bool figures = figure_w <= slot;
    for (int i = 0; i < b->nbars; i++) {
        const pd_bar *bar = &b->bars[i];
        double cx = x0 + slot * i, h = plot_h * (double)bar->count / (double)top;
        if (r->draw && bar->count > 0) {
            cairo_set_source_rgb(r->cr, 0.27, 0.45, 0.70);
            cairo_rectangle(r->cr, cx + slot * 0.2, y1 - h, slot * 0.6, h);
            cairo_fill(r->cr);
            cairo_set_source_rgb(r->cr, 0, 0, 0);
        }
        snprintf(buf, sizeof buf, "%lld", bar->count);
        if (bar->count > 0 && figures)
            put(r, cx, y1 - h - lh, slot, size, PD_CENTER, false, false, buf);
        if (every == 1)
            put(r, cx, y1 + 1 * MM, slot, size, PD_CENTER, false, false, bar->label);
        else if (i % every == 0 && cx + slot * 0.2 + label_w <= x1)
            put(r, cx + slot * 0.2, y1 + 1 * MM, every * slot - 1 * MM, size, 0, false, false,
                bar->label);
    }
    /* the rates over the columns: a line through the months that have
     * one, and a dot on each (a single month still shows) */
    if (r->draw) {
        cairo_set_source_rgb(r->cr, 0.80, 0.20, 0.15);
        cairo_set_line_width(r->cr, 1.6);
        cairo_new_path(r->cr);
        for (int i = 0; i < b->nbars; i++)
            if (b->bars[i].permille >= 0)
                cairo_line_to(r->cr, x0 + slot * i + slot / 2,
                              y1 - plot_h * b->bars[i].permille / 1000.0);
        cairo_stroke(r->cr);
        for (int i = 0; i < b->nbars; i++)
            if (b->bars[i].permille >= 0) {
                cairo_new_sub_path(r->cr);
                cairo_arc(r->cr, x0 + slot * i + slot / 2,
                          y1 - plot_h * b->bars[i].permille / 1000.0, 2.5, 0, 2 * G_PI);
                cairo_fill(r->cr);
            }
        cairo_set_source_rgb(r->cr, 0, 0, 0);
    }
    /* the legend: a swatch and a name per scale, above the plot */
    double ly = r->y, lx = x0;
    for (int k = 0; k < 2; k++) {
        if (r->draw) {
            if (k == 0)
                cairo_set_source_rgb(r->cr, 0.27, 0.45, 0.70);
            else
                cairo_set_source_rgb(r->cr, 0.80, 0.20, 0.15);
            cairo_rectangle(r->cr, lx, ly + lh / 2 - 1.5 * MM, 3 * MM, 3 * MM);
            cairo_fill(r->cr);
            cairo_set_source_rgb(r->cr, 0, 0, 0);
        }
        put(r, lx + 4 * MM, ly, (x1 - x0) / 2 - 5 * MM, size, 0, false, false, b->cell[1 + k]);
        lx += (x1 - x0) / 2;
    }
    put(r, r->left, y1 + lh + 3 * MM, r->width, r->base, PD_BOLD | PD_CENTER, false, false,
        b->cell[0]);
    r->y += total;
}

static void block(pr *r, const pd_block *b)
{
    if (b->kind != PD_ROW)
        r->head = NULL;
    switch (b->kind) {
    case PD_MAST: {
        double wl = r->width * 0.36, wr = r->width - wl;
        bool draw = r->draw;
        r->draw = false;
        double h1 = put(r, 0, 0, wl, r->base - 1.5, PD_BOLD | PD_CENTER, false, false, b->cell[0]);
        double h2 = put(r, 0, 0, wr, r->base - 1.5, PD_BOLD | PD_CENTER, false, false, b->cell[1]);
        r->draw = draw;
        need(r, h1 > h2 ? h1 : h2);
        put(r, r->left, r->y, wl, r->base - 1.5, PD_BOLD | PD_CENTER, false, false, b->cell[0]);
        put(r, r->left + wl, r->y, wr, r->base - 1.5, PD_BOLD | PD_CENTER, false, false, b->cell[1]);
        r->y += (h1 > h2 ? h1 : h2) + 6 * MM;
        break;
    }
    case PD_TITLE:
    case PD_SUB:
    case PD_TEXT: {
        double size = b->kind == PD_TITLE ? r->base + 4 : body(r, b->flags);
        bool draw = r->draw;
        r->draw = false;
        double h = put(r, 0, 0, r->width, size, b->flags, b->kind == PD_SUB, false, b->cell[0]);
        r->draw = draw;
        need(r, h);
        put(r, r->left, r->y, r->width, size, b->flags, b->kind == PD_SUB, false, b->cell[0]);
        r->y += h + (b->kind == PD_TITLE ? 1 * MM : b->kind == PD_SUB ? 3 * MM : 1 * MM);
        break;
    }
    case PD_FIELD: {
        char *l = esc(b->cell[0]), *v = esc(b->cell[1]);
        char *m = g_strdup_printf("%s: <b>%s</b>", l, v);
        bool draw = r->draw;
        r->draw = false;
        double h = put(r, 0, 0, r->width, r->base, 0, false, true, m);
        r->draw = draw;
        need(r, h);
        put(r, r->left, r->y, r->width, r->base, 0, false, true, m);
        r->y += h + 0.5 * MM;
        g_free(l);
        g_free(v);
        g_free(m);
        break;
    }
    case PD_HEAD:
    case PD_ROW: {
        double h = row(r, b, true);
        /* a header row never ends a page alone: room for it and one row */
        need(r, b->kind == PD_HEAD ? 2 * h : h);
        row(r, b, false);
        r->y += h;
        if (b->kind == PD_HEAD)
            r->head = b;
        break;
    }
    case PD_SIGN: {
        double w = r->width / 2, gap = 20 * MM, h = 0;
        bool draw = r->draw;
        r->draw = false;
        for (int side = 0; side < 2; side++) {
            const char *const *c = (const char *const *)&b->cell[side * 3];
            double hs = put(r, 0, 0, w, r->base, PD_BOLD | PD_CENTER, false, false, c[0]) +
                        put(r, 0, 0, w, r->base - 1.5, PD_CENTER, true, false, c[1]) + gap +
                        put(r, 0, 0, w, r->base, PD_BOLD | PD_CENTER, false, false, c[2]);
            if (hs > h)
                h = hs;
        }
        r->draw = draw;
        need(r, h + 4 * MM);
        r->y += 4 * MM;
        for (int side = 0; side < 2; side++) {
            const char *const *c = (const char *const *)&b->cell[side * 3];
            double x = r->left + side * w, y = r->y;
            y += put(r, x, y, w, r->base, PD_BOLD | PD_CENTER, false, false, c[0]);
            y += put(r, x, y, w, r->base - 1.5, PD_CENTER, true, false, c[1]) + gap;
            put(r, x, y, w, r->base, PD_BOLD | PD_CENTER, false, false, c[2]);
        }
        r->y += h + 2 * MM;
        break;
    }
    case PD_GAP:
        r->y += b->flags * MM;
        break;
    case PD_CHART:
        chart(r, b);
        break;
    case PD_BREAK:
        if (b->flags & PD_SAME_COUNT) {
            end_page(r);
            new_page(r);
            break;
        }
        end_page(r);
        if (!r->draw && r->section < SECTIONS_MAX)
            r->sec_pages[r->section] = r->spage;
        r->section++;
        r->spage = 0;
        new_page(r);
        break;
    case PD_BARCODE: {
        double bw = r->width * 0.9, bh = r->width * 0.22, th = r->base + 6;
        need(r, bh + 3 * th);
        if (r->draw && paper_barcode_cairo(r->cr, b->cell[0], r->left + (r->width - bw) / 2, r->y,
                                           bw, bh) != PK_OK)
            r->err = PK_EINVAL;
        r->y += bh + 1 * MM;
        r->y += put(r, r->left, r->y, r->width, th, PD_BOLD | PD_CENTER, false, false, b->cell[1]) +
                2 * MM;
        break;
    }
    }
}

/* One pass over every block of one copy: draws or only counts pages. */
static void pass(pr *r)
{
    r->page = r->spage = r->section = 0;
    r->head = NULL;
    new_page(r);
    for (int i = 0; i < r->d->n; i++)
        block(r, &r->d->b[i]);
    end_page(r);
    if (!r->draw && r->section < SECTIONS_MAX)
        r->sec_pages[r->section] = r->spage;
}

static cairo_status_t write_fd(void *closure, const unsigned char *data, unsigned int len)
{
    int fd = *(int *)closure;
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w <= 0)
            return CAIRO_STATUS_WRITE_ERROR;
        data += w;
        len -= (unsigned)w;
    }
    return CAIRO_STATUS_SUCCESS;
}

pk_err papermod_pdf_write(const paper_doc *d, const char *path, int *pages)
{
    *pages = 0;
    /* beside the paper, whatever the length of its path (a fixed buffer
     * once cut it and wrote somewhere else) */
    char *tmp = xasprintf("%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) {
        pk_err e = errno == ENOSPC ? PK_EFULL : PK_EIO;
        free(tmp);
        return e;
    }
    cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_fd, &fd, d->page_w, d->page_h);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, d->title);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "postkiosk");
    cairo_t *cr = cairo_create(sf);
    /* a font map of this document's own, released with it: the shared
     * default one keeps its fonts for the life of the process */
    PangoFontMap *fm = pango_cairo_font_map_new();
    PangoContext *ctx = pango_font_map_create_context(fm);
    pango_cairo_update_context(cr, ctx);
    bool small = d->page_w < 400;          /* the label page */
    pr r = {
        .cr = cr,
        .pl = pango_layout_new(ctx),
        .d = d,
        .left = (small ? 6 : 20) * MM,
        .top = (small ? 6 : 18) * MM,
        .base = small ? 9.5 : 10.5,
        .numbers = !small,
    };
    r.width = d->page_w - r.left - (small ? 6 : 15) * MM;
    r.bottom = d->page_h - (small ? 6 : 20) * MM;
    int copies = d->copies < 1 ? 1 : d->copies > PD_COPIES_MAX ? PD_COPIES_MAX : d->copies;
    for (int c = 0; c < copies && r.err == PK_OK; c++) {
        r.copy = c;
        r.draw = false;
        r.pages = 0;
        pass(&r);
        r.pages = r.page;
        r.draw = true;
        pass(&r);
    }
    *pages = r.pages;
    cairo_status_t drawn = cairo_status(cr);
    g_object_unref(r.pl);
    g_object_unref(ctx);
    g_object_unref(fm);
    cairo_destroy(cr);
    cairo_surface_finish(sf);
    cairo_status_t st = cairo_surface_status(sf);
    cairo_surface_destroy(sf);
    pk_err e = r.err;
    if (e == PK_OK && drawn != CAIRO_STATUS_SUCCESS)
        e = PK_EINVAL;             /* text cairo refused: never a half-drawn paper */
    if (e == PK_OK && st != CAIRO_STATUS_SUCCESS)
        e = errno == ENOSPC ? PK_EFULL : PK_EIO;
    if (e == PK_OK && fsync(fd) != 0)
        e = PK_EIO;
    if (close(fd) != 0 && e == PK_OK)
        e = PK_EIO;
    if (e == PK_OK && rename(tmp, path) != 0)
        e = PK_EIO;
    if (e != PK_OK)
        unlink(tmp);
    free(tmp);
    return e;
}

PK_MODULE_EXPORT const paper_module pk_module_papers = {
    {PK_MODULE_ABI, sizeof(paper_module)},
    papermod_pdf_write,
    papermod_cups_send,
    papermod_barcode_canvas,
};
