/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Documents: tick each paper being handed over, each marked original or
 * copy; a warning (not a wall) when a required one is missing, since the
 * counter will ask for it. */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "citizen.h"
#include "i18n.h"

enum { LIST_Y = 5, ROW_INDENT = 4 };   /* a wrapped name hangs under the tick */

typedef struct {
    wlist list;
} docs_state;

/* Rows the list may use, and its width, in a frame. */
static int list_rows(const frame *f)
{
    int v = f->height - LIST_Y - 4;
    return v > 1 ? v : 1;
}

static int list_width(const frame *f)
{
    return f->width - 4;
}

/* Paper i as its row says it: number key, tick, kind, name. The kind
 * comes first; a long name wraps over more lines, never cut. */
static void doc_line(const citizen *c, int i, int digit, char *line, size_t n)
{
    const proc_doc *d = &c->proc.docs[i];
    char name[2 * PK_TEXT_MAX + 4];
    citizen_legal(d->name_vi, d->name_en, name, sizeof name);
    char key[16] = "  ";
    if (digit >= 1 && digit <= 9)
        snprintf(key, sizeof key, "%d", digit);
    /* "Bản sao chứng thực ..." says its kind itself (catalog_doc_kind) */
    const char *kind = catalog_doc_kind(d->kind, true, d->name_vi, d->name_en);
    snprintf(line, n, "%s  %s %s%s%s%s", key, c->handed[i] ? "[\xe2\x9c\x93]" : "[ ]",
             kind ? kind : "", kind ? ": " : "", name, d->required ? "" : _(" (if you have it)"));
}

static int doc_lines(const citizen *c, int i, int w)
{
    char line[1400];
    doc_line(c, i, 1, line, sizeof line);
    int n = w_text_lines(line, w - 2 - ROW_INDENT, 8);
    return n > 0 ? n : 1;
}

/* How many papers from top fit in rows (at least one). */
static int fit_from(const citizen *c, int top, int w, int rows)
{
    int used = 0, k = 0;
    for (int i = top; i < c->proc.ndocs; i++) {
        used += doc_lines(c, i, w);
        if (used > rows && k > 0)
            break;
        k++;
    }
    return k > 0 ? k : 1;
}

/* Keeps the selected paper on screen, rows of different heights. */
static int fix_list(wlist *l, const citizen *c, int w, int rows)
{
    if (l->n == 0) {
        l->sel = -1;
        l->top = 0;
        return 1;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    if (l->top >= l->n)
        l->top = l->n - 1;
    if (l->sel < l->top)
        l->top = l->sel;
    while (l->top < l->sel && l->sel >= l->top + fit_from(c, l->top, w, rows))
        l->top++;
    if (l->top < 0)
        l->top = 0;
    return fit_from(c, l->top, w, rows);
}

static void docs_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    docs_state *s = state;
    wlist_set(&s->list, cz(a)->proc.ndocs);
}

static void docs_draw(const void *state, const app *a, frame *f)
{
    const docs_state *s = state;
    const citizen *c = cz(a);
    int n, m;
    citizen_step(a, &screen_documents, &n, &m);
    w_progress(f, f->top, n, m, _("Your papers"));
    int x = f->left + 2, w = f->width - 4;
    term_put(f->top + 3, x, w, _("Tick each paper you are handing over: press its number, or touch it."),
             ROLE_NORMAL);
    int rows = list_rows(f);
    wlist lst = s->list;
    int vis = fix_list(&lst, c, list_width(f), rows);
    wlist_position(f, &lst, vis, f->top + 4, x, w);
    int y0 = f->top + LIST_Y;
    for (int i = lst.top; i < c->proc.ndocs && i < lst.top + vis; i++) {
        char line[1400];
        doc_line(c, i, i - lst.top + 1, line, sizeof line);
        y0 += wlist_row_wrapped(f, &lst, i, y0, x, w, ROW_INDENT, f->top + LIST_Y + rows - y0, line, true);
    }
    int missing = citizen_missing_docs(c);
    int y = f->top + f->height - 3;
    if (missing > 0) {
        char buf[256];
        snprintf(buf, sizeof buf,
                 _("Required papers not ticked: %d. You can go on, but the counter will ask for them."),
                 missing);
        w_text(f, y, x, w, 2, buf, ROLE_WARN);
    } else {
        char buf[256];
        snprintf(buf, sizeof buf, "\xe2\x9c\x93 %s", _("All required papers are ticked."));
        term_put(y, x, w, buf, ROLE_OK);
    }
    w_button(f, f->top + f->height - 1, x, w / 2, "Enter", _("Continue"), false, ACT_NEXT, 0);
    w_hint(f, ACT_CHOOSE, NULL);
    w_hint(f, ACT_NEXT, N_("Continue"));
    w_hint(f, ACT_BACK, NULL);
}

static screen_result toggle(app *a, int i)
{
    citizen *c = cz(a);
    if (i < 0 || i >= c->proc.ndocs || i >= PK_MAX_DOCS)
        return SR_(SR_NONE);
    c->handed[i] = !c->handed[i];
    return SR_(SR_REDRAW);
}

static screen_result docs_handle(void *state, app *a, const event *ev)
{
    docs_state *s = state;
    citizen *c = cz(a);
    frame f = w_frame_now();
    int w = list_width(&f), rows = list_rows(&f);
    int vis = fix_list(&s->list, c, w, rows);
    switch (ev->act) {
    case ACT_CHOOSE:
        s->list.sel = s->list.top + ev->value - 1 < c->proc.ndocs ? s->list.top + ev->value - 1
                                                                  : s->list.sel;
        return toggle(a, s->list.top + ev->value - 1);
    case ACT_PICK:
        wlist_handle(&s->list, ev, vis);
        return toggle(a, ev->value);
    case ACT_CHAR:
        if (ev->ch == ' ')
            return toggle(a, s->list.sel);
        return SR_(SR_NONE);
    case ACT_NEXT:
        c->docs_seen = true;
        return citizen_advance(a, &screen_documents);
    case ACT_TAB: case ACT_BACKTAB: case ACT_UP: case ACT_DOWN: case ACT_PGUP:
    case ACT_PGDN: case ACT_HOME: case ACT_END: {
        event mv = *ev;
        if (ev->act == ACT_TAB || ev->act == ACT_BACKTAB)
            mv.act = ev->act == ACT_TAB ? ACT_DOWN : ACT_UP;
        if (!wlist_handle(&s->list, &mv, vis))
            return SR_(SR_NONE);
        fix_list(&s->list, c, w, rows);
        return SR_(SR_REDRAW);
    }
    default:
        return SR_(SR_NONE);
    }
}

const screen_ops screen_documents = {
    .name = "documents",
    .state_size = sizeof(docs_state),
    .help = N_("Tick the papers you have with you. Each one says whether the office needs the "
               "original or a copy. If one is missing you can still go on: the counter will "
               "tell you what to do."),
    .enter = docs_enter,
    .draw = docs_draw,
    .handle = docs_handle,
};
