/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Widgets: text, buttons, lists, progress, dialogs, banners (the text
 * field is in widget_field.c). */
#include "widgets.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

/* ---- frame bookkeeping --------------------------------------------------- */

void w_region(frame *f, int y, int x, int h, int w, action act, int value)
{
    if (f->nregions >= FRAME_REGIONS || h <= 0 || w <= 0)
        return;
    f->regions[f->nregions++] = (click_region){y, x, h, w, act, value};
}

void w_hint(frame *f, action act, const char *label)
{
    for (int i = 0; i < f->nhints; i++)
        if (f->hints[i].act == act) {
            f->hints[i].label = label;
            return;
        }
    if (f->nhints < FRAME_HINTS)
        f->hints[f->nhints++] = (hint){.act = act, .label = label};
}

const click_region *w_hit(const frame *f, int y, int x)
{
    for (int i = f->nregions - 1; i >= 0; i--) {
        const click_region *r = &f->regions[i];
        if (y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w)
            return r;
    }
    return NULL;
}

/* ---- text ---------------------------------------------------------------- */

enum { WRAP_MAX = 64 };

int w_text_lines(const char *s, int w, int maxlines)
{
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    if (maxlines > WRAP_MAX)
        maxlines = WRAP_MAX;
    if (!s || !*s || w <= 0)
        return 0;
    return text_wrap(s, w, starts, ln, maxlines);
}

void w_say(char *slot, size_t size, const char *s)
{
    if (slot && !*slot && s)
        str_copy(slot, size, s);
}

int w_text(frame *f, int y, int x, int w, int maxlines, const char *s, term_role r)
{
    if (f && r == ROLE_ERROR)
        w_say(f->say_error, sizeof f->say_error, s);
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    if (maxlines > WRAP_MAX)
        maxlines = WRAP_MAX;
    if (!s || !*s || w <= 0 || maxlines <= 0)
        return 0;
    int n = text_wrap(s, w, starts, ln, WRAP_MAX);
    if (n > maxlines) {
        term_note_cut(y + maxlines - 1, x);   /* lines left out are text cut */
        n = maxlines;
    }
    char line[1024];
    for (int i = 0; i < n; i++) {
        size_t len = ln[i] < sizeof line - 1 ? ln[i] : sizeof line - 1;
        memcpy(line, s + starts[i], len);
        line[len] = '\0';
        term_put(y + i, x, w, line, r);
    }
    return n;
}

void w_center(frame *f, int y, int x, int w, const char *s, term_role r)
{
    if (f && r == ROLE_TITLE)
        w_say(f->say_title, sizeof f->say_title, s);
    int tw = text_width(s);
    int off = tw < w ? (w - tw) / 2 : 0;
    term_put(y, x + off, w - off, s, r);
}

void w_banner(frame *f, int y, const char *s, term_role r)
{
    term_fill(y, 0, 1, f->cols, r);
    w_center(f, y, 0, f->cols, s, r);
}

int w_banner_wrapped(frame *f, int y, int maxlines, const char *s, term_role r)
{
    if (f && r == ROLE_ERROR)
        w_say(f->say_error, sizeof f->say_error, s);
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    if (maxlines > WRAP_MAX)
        maxlines = WRAP_MAX;
    int w = f->cols - 2;
    if (!s || !*s || w <= 0 || maxlines <= 0)
        return 0;
    int n = text_wrap(s, w, starts, ln, WRAP_MAX);
    if (n > maxlines) {
        term_note_cut(y + maxlines - 1, 1);   /* lines left out are text cut */
        n = maxlines;
    }
    char line[1024];
    for (int i = 0; i < n; i++) {
        size_t len = ln[i] < sizeof line - 1 ? ln[i] : sizeof line - 1;
        memcpy(line, s + starts[i], len);
        line[len] = '\0';
        term_fill(y + i, 0, 1, f->cols, r);
        w_center(NULL, y + i, 1, w, line, r);
    }
    return n;
}

/* 3x5 block letters: '#' = ink. 0 is round, O square, S differs from 5. */
static const struct {
    char c;
    const char *rows[5];
} font[] = {
    {'0', {" # ", "# #", "# #", "# #", " # "}}, {'1', {" # ", "## ", " # ", " # ", "###"}},
    {'2', {"###", "  #", "###", "#  ", "###"}}, {'3', {"###", "  #", "###", "  #", "###"}},
    {'4', {"# #", "# #", "###", "  #", "  #"}}, {'5', {"###", "#  ", "###", "  #", "###"}},
    {'6', {"###", "#  ", "###", "# #", "###"}}, {'7', {"###", "  #", "  #", "  #", "  #"}},
    {'8', {"###", "# #", "###", "# #", "###"}}, {'9', {"###", "# #", "###", "  #", "###"}},
    {'A', {" # ", "# #", "###", "# #", "# #"}}, {'B', {"## ", "# #", "## ", "# #", "## "}},
    {'C', {"###", "#  ", "#  ", "#  ", "###"}}, {'D', {"## ", "# #", "# #", "# #", "## "}},
    {'E', {"###", "#  ", "## ", "#  ", "###"}}, {'F', {"###", "#  ", "## ", "#  ", "#  "}},
    {'G', {"###", "#  ", "# #", "# #", "###"}}, {'H', {"# #", "# #", "###", "# #", "# #"}},
    {'I', {"###", " # ", " # ", " # ", "###"}}, {'J', {"  #", "  #", "  #", "# #", "###"}},
    {'K', {"# #", "# #", "## ", "# #", "# #"}}, {'L', {"#  ", "#  ", "#  ", "#  ", "###"}},
    {'M', {"# #", "###", "###", "# #", "# #"}}, {'N', {"###", "# #", "# #", "# #", "# #"}},
    {'O', {"###", "# #", "# #", "# #", "###"}}, {'P', {"###", "# #", "###", "#  ", "#  "}},
    {'Q', {"###", "# #", "# #", "###", "  #"}}, {'R', {"## ", "# #", "## ", "# #", "# #"}},
    {'S', {" ##", "#  ", " # ", "  #", "## "}}, {'T', {"###", " # ", " # ", " # ", " # "}},
    {'U', {"# #", "# #", "# #", "# #", "###"}}, {'V', {"# #", "# #", "# #", "# #", " # "}},
    {'W', {"# #", "# #", "###", "###", "# #"}}, {'X', {"# #", "# #", " # ", "# #", "# #"}},
    {'Y', {"# #", "# #", " # ", " # ", " # "}}, {'Z', {"###", "  #", " # ", "#  ", "###"}},
    {'-', {"   ", "   ", "###", "   ", "   "}}, {'.', {"   ", "   ", "   ", "   ", " # "}},
};

static int glyph(char c)
{
    for (size_t i = 0; i < PK_ARRAY_LEN(font); i++)
        if (font[i].c == c)
            return (int)i;
    return -1;
}

int w_big(frame *f, int y, const char *s, term_role r)
{
    int n = (int)strlen(s);
    int scale = 2;                       /* columns per dot */
    if (n * (3 * scale + 1) > f->width - 2)
        scale = 1;
    int cw = 3 * scale + 1;
    bool ok = n > 0 && n * cw <= f->width - 2;
    for (int i = 0; i < n && ok; i++)
        ok = glyph(s[i]) >= 0;
    if (!ok) {
        w_center(f, y, f->left, f->width, s, r);
        return 1;
    }
    int x0 = f->left + (f->width - (n * cw - 1)) / 2;
    for (int row = 0; row < 5; row++) {
        char line[1024];
        size_t len = 0;
        for (int i = 0; i < n; i++) {
            const char *g = font[glyph(s[i])].rows[row];
            for (int d = 0; d < 3; d++)
                for (int k = 0; k < scale; k++) {
                    if (g[d] == '#') {
                        memcpy(line + len, "\xe2\x96\x88", 3);   /* U+2588 full block */
                        len += 3;
                    } else {
                        line[len++] = ' ';
                    }
                }
            if (i + 1 < n)
                line[len++] = ' ';
        }
        line[len] = '\0';
        term_put(y + row, x0, f->width, line, r);
    }
    return 5;
}

void w_progress(frame *f, int y, int step, int steps, const char *title)
{
    char buf[512];
    char n_of_m[128];
    /* TRANSLATORS: progress indicator "Step 2 of 6"; the step title follows */
    snprintf(n_of_m, sizeof n_of_m, _("Step %d of %d"), step, steps);
    snprintf(buf, sizeof buf, "%s \xe2\x80\x94 %s", n_of_m, title);
    term_put(y, f->left + 1, f->width - 2, buf, ROLE_TITLE);
    w_say(f->say_title, sizeof f->say_title, title);
    char dots[256];
    size_t len = 0;
    for (int i = 1; i <= steps && len + 8 < sizeof dots; i++) {
        /* ● done or current, ○ still to come */
        const char *d = i <= step ? "\xe2\x97\x8f " : "\xe2\x97\x8b ";
        memcpy(dots + len, d, strlen(d));
        len += strlen(d);
    }
    dots[len] = '\0';
    term_put(y + 1, f->left + 1, f->width - 2, dots, ROLE_DIM);
}

/* ---- buttons ------------------------------------------------------------- */

void w_button(frame *f, int y, int x, int w, const char *key, const char *label,
              bool focus, action act, int value)
{
    term_role role = focus ? ROLE_BUTTON_FOCUS : ROLE_BUTTON;
    term_fill(y, x, 1, w, role);
    int used = 1;
    if (key && *key) {
        char k[32];
        snprintf(k, sizeof k, " %s ", key);
        used += term_put(y, x + used, w - used, k, focus ? ROLE_BUTTON_FOCUS : ROLE_KEY);
        used += 1;
    }
    term_put(y, x + used, w - used - 1, label, role);
    w_region(f, y, x, 1, w, act, value);
}

void w_choice(frame *f, int y, int x, int w, int digit, const char *label, bool focus)
{
    char k[4];
    snprintf(k, sizeof k, "%d", digit);
    w_button(f, y, x, w, k, label, focus, ACT_CHOOSE, digit);
    if (focus)
        w_say(f->say_focus, sizeof f->say_focus, label);
}

/* ---- lists --------------------------------------------------------------- */

void wlist_set(wlist *l, int n)
{
    l->n = n < 0 ? 0 : n;
    if (l->n == 0) {
        l->sel = -1;
        l->top = 0;
        return;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    if (l->top > l->sel)
        l->top = l->sel;
}

void wlist_fix(wlist *l, int visible)
{
    if (visible < 1)
        visible = 1;
    if (l->n == 0) {
        l->sel = -1;
        l->top = 0;
        return;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    if (l->sel < l->top)
        l->top = l->sel;
    if (l->sel >= l->top + visible)
        l->top = l->sel - visible + 1;
    if (l->top > l->n - visible)
        l->top = l->n - visible;
    if (l->top < 0)
        l->top = 0;
}

bool wlist_handle(wlist *l, const event *ev, int visible)
{
    if (l->n == 0)
        return false;
    if (visible < 1)
        visible = 1;
    switch (ev->act) {
    case ACT_UP: l->sel--; break;
    case ACT_DOWN: l->sel++; break;
    case ACT_PGUP: l->sel -= visible; break;
    case ACT_PGDN: l->sel += visible; break;
    case ACT_HOME: l->sel = 0; break;
    case ACT_END: l->sel = l->n - 1; break;
    case ACT_PICK:
        if (ev->value < 0 || ev->value >= l->n)
            return false;
        l->sel = ev->value;
        break;
    default: return false;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    wlist_fix(l, visible);
    return true;
}

void wlist_row(frame *f, const wlist *l, int i, int y, int x, int w, const char *text,
               const char *right, bool focus)
{
    bool sel = focus && i == l->sel;
    term_role role = sel ? ROLE_SELECTED : ROLE_NORMAL;
    if (sel)
        term_fill(y, x, 1, w, role);
    int rw = right && *right ? text_width(right) : 0;
    int tw = w - 2 - (rw ? rw + 1 : 0);
    char cut[1024];
    text_truncate(text, tw, cut, sizeof cut);
    if (strcmp(cut, text) != 0)
        term_note_cut(y, x + 1);
    term_put(y, x + 1, tw, cut, role);
    if (sel)
        term_put(y, x, 1, "\xe2\x96\xb8", role);   /* ▸ marks the row without colour */
    if (rw)
        term_put(y, x + w - 1 - rw, rw, right, sel ? ROLE_SELECTED : ROLE_DIM);
    w_region(f, y, x, 1, w, ACT_PICK, i);
}

int wlist_row_wrapped(frame *f, const wlist *l, int i, int y, int x, int w, int indent,
                      int maxlines, const char *text, bool focus)
{
    bool sel = focus && i == l->sel;
    term_role role = sel ? ROLE_SELECTED : ROLE_NORMAL;
    int tw = w - 2 - indent;
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    int lines = text && *text && tw > 0 ? text_wrap(text, tw, starts, ln, WRAP_MAX) : 0;
    if (lines < 1)
        lines = 1;
    if (lines > maxlines) {
        term_note_cut(y + maxlines - 1, x);
        lines = maxlines;
    }
    if (sel)
        term_fill(y, x, lines, w, role);
    char line[1024];
    for (int k = 0; text && *text && tw > 0 && k < lines; k++) {
        size_t len = ln[k] < sizeof line - 1 ? ln[k] : sizeof line - 1;
        memcpy(line, text + starts[k], len);
        line[len] = '\0';
        /* the lines after the first hang under the text, not the key */
        term_put(y + k, x + 1 + (k ? indent : 0), tw, line, role);
    }
    if (sel)
        term_put(y, x, 1, "\xe2\x96\xb8", role);   /* ▸ marks the row without colour */
    w_region(f, y, x, lines, w, ACT_PICK, i);
    return lines;
}

void wlist_position(frame *f, const wlist *l, int visible, int y, int x, int w)
{
    (void)f;
    if (l->n <= visible || l->n == 0)
        return;
    char buf[64];
    int last = l->top + visible < l->n ? l->top + visible : l->n;
    snprintf(buf, sizeof buf, "%d-%d / %d", l->top + 1, last, l->n);
    int bw = text_width(buf);
    term_put(y, x + w - bw - 1, bw, buf, ROLE_DIM);
}

/* ---- dialogs --------------------------------------------------------------- */

void w_dialog(frame *f, const char *title, const char *body, const w_dlg_button *b,
              int nb, term_role role)
{
    /* a dialog is what the citizen must read now: it is what is said */
    snprintf(f->say_error, sizeof f->say_error, "%s. %s", title, body);
    int w = f->cols - 8 < 70 ? f->cols - 8 : 70;
    if (w < 20)
        w = f->cols;
    /* a title too long for the frame line wraps inside the box instead */
    char t[512];
    snprintf(t, sizeof t, " %s ", title);
    int tl = text_width(t) <= w - 2 ? 0 : w_text_lines(title, w - 4, 3);
    int lines = w_text_lines(body, w - 4, f->rows - 8 - tl);
    int h = lines + tl + (nb ? 6 : 4);
    if (h > f->rows)
        h = f->rows;
    int y = (f->rows - h) / 2, x = (f->cols - w) / 2;
    /* a quiet margin, so no half-covered words peek out around the box */
    int my0 = y - 1 < 1 ? 1 : y - 1, my1 = y + h + 1 > f->rows - 1 ? f->rows - 1 : y + h + 1;
    if (my1 > my0)
        term_fill(my0, x - 2, my1 - my0, w + 4, ROLE_NORMAL);
    term_box(y, x, h, w, role);
    if (tl)
        w_text(f, y + 1, x + 2, w - 4, tl, title, role);
    else
        w_center(f, y, x, w, t, role);
    w_text(f, y + 2 + tl, x + 2, w - 4, lines, body, role);
    /* a click anywhere in the box is swallowed, not passed below */
    w_region(f, y, x, h, w, ACT_NONE, 0);
    if (nb == 0)
        return;
    /* its keys are the only ones that answer: the hint bar shows them,
     * not the keys of the screen under it */
    f->nhints = 0;
    f->modal = true;
    for (int i = 0; i < nb && i < FRAME_HINTS; i++)
        f->hints[f->nhints++] =
            (hint){.act = b[i].act, .label = b[i].label, .key = b[i].key, .value = b[i].value};
    int bw = (w - 4 - (nb - 1) * 2) / nb;
    for (int i = 0; i < nb; i++)
        w_button(f, y + h - 2, x + 2 + i * (bw + 2), bw, b[i].key, b[i].label, i == 0,
                 b[i].act, b[i].value);
}

/* ---- scrolling pages ------------------------------------------------------- */

void wpage_begin(wpage *p, frame *f, int top, int bottom, int x, int w, int scroll,
                 bool measure)
{
    p->f = f;
    p->y = 0;
    p->top = top;
    p->bottom = bottom;
    p->x = x;
    p->w = w;
    p->scroll = scroll < 0 ? 0 : scroll;
    p->measure = measure;
}

int wpage_visible(const wpage *p)
{
    return p->bottom - p->top;
}

static void page_line(wpage *p, int col, const char *s, size_t len, term_role r)
{
    int row = p->top + p->y - p->scroll;
    if (!p->measure && row >= p->top && row < p->bottom) {
        char line[1024];
        if (len > sizeof line - 1)
            len = sizeof line - 1;
        memcpy(line, s, len);
        line[len] = '\0';
        term_put(row, p->x + col, p->w - col, line, r);
    }
    p->y++;
}

void wpage_item(wpage *p, const char *bullet, const char *s, term_role r)
{
    int bw = bullet ? text_width(bullet) : 0;
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    int n = s && *s ? text_wrap(s, p->w - bw, starts, ln, WRAP_MAX) : 0;
    if (n == 0) {
        if (bw)
            page_line(p, 0, bullet, strlen(bullet), r);
        return;
    }
    for (int i = 0; i < n; i++) {
        int row = p->top + p->y - p->scroll;
        if (i == 0 && bw && !p->measure && row >= p->top && row < p->bottom)
            term_put(row, p->x, bw, bullet, r);
        page_line(p, bw, s + starts[i], ln[i], r);
    }
}

void wpage_text(wpage *p, const char *s, term_role r)
{
    if (!p->measure && r == ROLE_ERROR)
        w_say(p->f->say_error, sizeof p->f->say_error, s);
    wpage_item(p, NULL, s, r);
}

void wpage_gap(wpage *p)
{
    p->y++;
}

void wpage_end(wpage *p)
{
    if (p->measure)
        return;
    if (p->y - p->scroll > wpage_visible(p)) {
        /* TRANSLATORS: shown under a page that continues below */
        char buf[128];
        snprintf(buf, sizeof buf, "\xe2\x96\xbc %s", _("More below: press PgDn"));
        int bw = text_width(buf);
        /* the sign takes the last row whole: drawn over the end of a line
         * it cut that line mid-word; the line it hides comes up first
         * with the next page */
        term_fill(p->bottom - 1, p->x, 1, p->w, ROLE_NORMAL);
        term_put(p->bottom - 1, p->x + p->w - bw, bw, buf, ROLE_WARN);
    }
}

bool wpage_scroll(const wpage *measured, int *scroll, action act)
{
    int visible = wpage_visible(measured);
    int last = measured->y - visible;   /* the last page's first line */
    if (last < 0)
        last = 0;
    /* while more is below, the sign hides the last row: a page shows
     * visible - 1 lines, and the next starts on the last of them */
    int page = visible - 2 > 1 ? visible - 2 : 1;
    int to = *scroll;
    switch (act) {
    case ACT_UP: to--; break;
    case ACT_DOWN: to++; break;
    case ACT_PGUP: to -= page; break;
    case ACT_PGDN: to += page; break;
    case ACT_HOME: to = 0; break;
    case ACT_END: to = last; break;
    default: return false;
    }
    if (to > last)
        to = last;
    if (to < 0)
        to = 0;
    if (to == *scroll)
        return false;
    *scroll = to;
    return true;
}

frame w_frame_now(void)
{
    frame f;
    memset(&f, 0, sizeof f);
    term_size(&f.rows, &f.cols);
    f.top = 1;
    f.left = 0;
    f.height = f.rows - 2;
    f.width = f.cols;
    return f;
}

