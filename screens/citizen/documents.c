/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Documents: tick each paper being handed over, each marked original or
 * copy; a warning (not a wall) when a required one is missing, since the
 * counter will ask for it. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"

enum { LIST_Y = 5 };

typedef struct {
    wlist list;
} docs_state;

static int visible_rows(void)
{
    frame f = w_frame_now();
    int v = f.height - LIST_Y - 4;
    return v > 1 ? v : 1;
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
    int vis = f->height - LIST_Y - 4;
    wlist lst = s->list;
    wlist_fix(&lst, vis);
    wlist_position(f, &lst, vis, f->top + 4, x, w);
    for (int i = lst.top; i < c->proc.ndocs && i < lst.top + vis; i++) {
        const proc_doc *d = &c->proc.docs[i];
        char line[1400], name[2 * PK_TEXT_MAX + 4];
        citizen_legal(d->name_vi, d->name_en, name, sizeof name);
        int digit = i - lst.top + 1;
        char key[16] = "   ";
        if (digit <= 9)
            snprintf(key, sizeof key, "%d ", digit);
        /* the kind first: a long name may be cut, "original" must not be */
        snprintf(line, sizeof line, "%s %s %s: %s%s", key,
                 c->handed[i] ? "[\xe2\x9c\x93]" : "[ ]",
                 d->kind == DOC_ORIGINAL ? _("Original") : _("Copy"), name,
                 d->required ? "" : _(" (if you have it)"));
        wlist_row(f, &lst, i, f->top + LIST_Y + (i - lst.top), x, w, line, NULL, true);
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
    int vis = visible_rows();
    wlist_fix(&s->list, vis);
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
    case ACT_TAB:
        return wlist_handle(&s->list, &(event){.act = ACT_DOWN}, vis) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    case ACT_BACKTAB:
        return wlist_handle(&s->list, &(event){.act = ACT_UP}, vis) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    default:
        return wlist_handle(&s->list, ev, vis) ? SR_(SR_REDRAW) : SR_(SR_NONE);
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
