/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Document layout onto a canvas, with its plain-text twin. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"

enum { MAX_LINES = 64 };

struct layout {
    canvas *c;
    canvas_fonts *f;
    int margin;
    int y;
    int txt_cols;
    sbuf txt;
};

layout *layout_new(canvas_fonts *f, int width)
{
    layout *l = xcalloc(1, sizeof *l);
    l->c = canvas_new(width);
    l->f = f;
    l->margin = width >= 576 ? 12 : 8;
    l->y = 8;
    l->txt_cols = width >= 576 ? 48 : 32;
    sbuf_add(&l->txt, "");
    return l;
}

void layout_free(layout *l)
{
    if (!l)
        return;
    canvas_free(l->c);
    sbuf_free(&l->txt);
    free(l);
}

canvas_style layout_style(const layout *l, lay_size size, int flags)
{
    static const int px58[] = {20, 24, 32, 44};
    static const int px80[] = {24, 28, 38, 56};
    const int *px = l->c->width >= 576 ? px80 : px58;
    canvas_style style = {px[size], (flags & LAY_BOLD) != 0};
    return style;
}

int layout_y(const layout *l)
{
    return l->y;
}

canvas *layout_canvas(layout *l)
{
    return l->c;
}

static int text_width_avail(const layout *l, int flags)
{
    return l->c->width - 2 * l->margin - ((flags & LAY_INDENT) ? l->margin * 3 : 0);
}

static int line_x(const layout *l, int flags, int w)
{
    int left = l->margin + ((flags & LAY_INDENT) ? l->margin * 3 : 0);
    int avail = text_width_avail(l, flags);
    switch (flags & LAY_ALIGN) {
    case LAY_CENTER: return left + (avail - w) / 2;
    case LAY_RIGHT: return left + avail - w;
    default: return left;
    }
}

static void txt_line(layout *l, int flags, const char *s)
{
    if (flags & LAY_NOTEXT)
        return;
    if (flags & LAY_INDENT)
        sbuf_add(&l->txt, "   ");
    sbuf_add(&l->txt, s);
    sbuf_add(&l->txt, "\n");
}

static void draw_wrapped(layout *l, canvas_style style, int flags, const char *s)
{
    size_t starts_buf[MAX_LINES], lens_buf[MAX_LINES];
    size_t *starts = starts_buf, *lens = lens_buf;
    int avail = text_width_avail(l, flags);
    int n = canvas_wrap(l->f, style, s, avail, starts, lens, MAX_LINES);
    if (n > MAX_LINES) {   /* a very long paragraph: nothing is cut off */
        starts = xmalloc((size_t)n * sizeof *starts);
        lens = xmalloc((size_t)n * sizeof *lens);
        canvas_wrap(l->f, style, s, avail, starts, lens, n);
    }
    int asc = canvas_ascent(l->f, style), lh = canvas_line_height(l->f, style);
    for (int i = 0; i < n; i++) {
        int w = canvas_text_width(l->f, style, s + starts[i], lens[i]);
        canvas_draw_text(l->c, l->f, style, line_x(l, flags, w), l->y + asc, s + starts[i],
                         lens[i]);
        l->y += lh;
    }
    canvas_ensure(l->c, l->y);
    if (starts != starts_buf) {
        free(starts);
        free(lens);
    }
}

/* A fixed paragraph from the piece cache, drawn into it the first time:
 * the same dots as draw_wrapped. false when it cannot be (ink that would
 * fall outside the canvas is counted by drawing it). */
static bool draw_fixed(layout *l, canvas_style style, int flags, const char *s)
{
    char key[1024];
    int n = snprintf(key, sizeof key, "P%d,%d,%d,%d,%d\n%s", l->c->width, l->margin, style.px,
                     style.bold, flags & (LAY_ALIGN | LAY_INDENT), s);
    if (n < 0 || (size_t)n >= sizeof key)
        return false;
    const canvas_piece *p = canvas_piece_find(l->f, key);
    if (!p) {
        /* room above the first line for accents taller than the ascent */
        layout tmp = *l;
        tmp.c = canvas_new(l->c->width);
        tmp.y = style.px;
        draw_wrapped(&tmp, style, flags, s);
        if (tmp.c->clipped) {
            canvas_free(tmp.c);
            return false;
        }
        p = canvas_piece_keep(l->f, key, tmp.c, style.px, tmp.y - style.px);
        if (!p)
            return false;
    }
    if (l->y - p->origin + p->ink0 < 0)
        return false;
    canvas_piece_draw(l->c, p, l->y);
    l->y += p->advance;
    return true;
}

void layout_text(layout *l, lay_size size, int flags, const char *s)
{
    canvas_style style = layout_style(l, size, flags);
    if (!(flags & LAY_FIXED) || !draw_fixed(l, style, flags, s))
        draw_wrapped(l, style, flags, s);
    txt_line(l, flags, s);
}

void layout_text_fit(layout *l, lay_size max, int flags, const char *s)
{
    int avail = text_width_avail(l, flags);
    for (int sz = (int)max; sz >= (int)LAY_NORMAL; sz--) {
        canvas_style style = layout_style(l, (lay_size)sz, flags);
        if (canvas_text_width(l->f, style, s, strlen(s)) <= avail || sz == (int)LAY_NORMAL) {
            layout_text(l, (lay_size)sz, flags, s);
            return;
        }
    }
}

void layout_field(layout *l, const char *label, const char *value)
{
    canvas_style ls = layout_style(l, LAY_SMALL, 0);
    canvas_style vs = layout_style(l, LAY_NORMAL, LAY_BOLD);
    int avail = text_width_avail(l, 0);
    int lw = canvas_text_width(l->f, ls, label, strlen(label));
    int vw = canvas_text_width(l->f, vs, value, strlen(value));
    int gap = canvas_text_width(l->f, vs, "  ", 2);
    if (lw + gap + vw <= avail && !strchr(value, '\n')) {
        int asc = canvas_ascent(l->f, vs);
        canvas_draw_text(l->c, l->f, ls, l->margin, l->y + asc, label, strlen(label));
        canvas_draw_text(l->c, l->f, vs, l->margin + avail - vw, l->y + asc, value,
                         strlen(value));
        l->y += canvas_line_height(l->f, vs);
        canvas_ensure(l->c, l->y);
    } else {
        draw_wrapped(l, ls, 0, label);
        draw_wrapped(l, vs, LAY_INDENT, value);
    }
    sbuf_addf(&l->txt, "%s: %s\n", label, value);
}

void layout_banner(layout *l, lay_size size, const char *s)
{
    canvas_style style = layout_style(l, size, LAY_BOLD);
    int pad = style.px / 4;
    /* Draw the text on a scratch canvas, then knock it out of a black band. */
    layout tmp = *l;
    tmp.c = canvas_new(l->c->width);
    tmp.y = pad;
    draw_wrapped(&tmp, style, LAY_CENTER, s);
    int h = tmp.y + pad;
    canvas_fill(l->c, 0, l->y, l->c->width, h);
    for (int y = 0; y < tmp.c->height && y < h; y++)
        for (int x = 0; x < tmp.c->width; x++)
            if (canvas_get(tmp.c, x, y))
                canvas_clear(l->c, x, l->y + y);
    canvas_free(tmp.c);
    l->y += h;
    sbuf_addf(&l->txt, "*** %s ***\n", s);
}

void layout_rule(layout *l, bool dashed)
{
    l->y += 6;
    canvas_rule(l->c, l->margin, l->y, l->c->width - 2 * l->margin, 2, dashed);
    l->y += 2 + 8;
    canvas_ensure(l->c, l->y);
    for (int i = 0; i < l->txt_cols; i++)
        sbuf_add(&l->txt, dashed ? "-" : "=");
    sbuf_add(&l->txt, "\n");
}

void layout_gap(layout *l, int dots)
{
    l->y += dots;
    canvas_ensure(l->c, l->y);
}

void layout_text_break(layout *l)
{
    sbuf_add(&l->txt, "\n");
}

pk_err layout_qr(layout *l, const char *data, int module)
{
    if (module <= 0)
        module = l->c->width >= 576 ? 8 : 6;
    int h = 0;
    pk_err err = canvas_qr(l->c, l->y, data, module, &h);
    if (err == PK_OK) {
        l->y += h;
        sbuf_addf(&l->txt, "[QR] %s\n", data);
    }
    return err;
}

canvas *layout_finish(layout *l, char **text)
{
    canvas_ensure(l->c, l->y + 8);
    canvas *c = l->c;
    if (text)
        *text = l->txt.data;
    else
        sbuf_free(&l->txt);
    free(l);
    return c;
}
