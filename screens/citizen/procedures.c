/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Find the procedure: type to search (accents optional, the list follows
 * every keystroke) or browse by field and agency. Each row says whether
 * it can be sent, returned, or neither by post. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"
#include "text.h"

enum { PROC_MAX = 100, FILTER_MAX = 64, PICK_FIELD = -2, PICK_AGENCY = -3, PICK_SEARCH = -4,
       LIST_Y = 9 };

typedef struct {
    proc_row rows[PROC_MAX];
    int n;
    int most;                         /* rows[0..most) are the most requested here */
    wlist list;
    int focus;                        /* 0 search, 1 field, 2 agency */
    char fields[FILTER_MAX][96];
    int nfields, field;               /* field: -1 = all */
    char agencies[FILTER_MAX][PK_TEXT_MAX];
    int nagencies, agency;
    pk_err err;
    /* Esc towards the welcome screen with personal data typed: asked
     * first (an accidental Esc loses nothing), erased at once on yes
     * (the next citizen never sees it) */
    bool leaving;
} procs_state;

static int visible_rows(void)
{
    frame f = w_frame_now();
    int v = f.height - LIST_Y - 1;
    return v > 1 ? v : 1;
}

/* Keypad paging: when the list is longer than the digits (or the rows),
 * rows are numbered 1-8 a page at a time and 9 shows the next page (then
 * the first again), so digits and Enter alone reach every procedure.
 * Returns the rows numbered on a page; *paged tells whether 9 = more. */
static int page_rows(int n, int vis, bool *paged)
{
    *paged = n > 9 || n > vis;
    if (!*paged)
        return n;
    int per = vis - 1 < 8 ? vis - 1 : 8;
    return per > 1 ? per : 1;
}

static void refresh(procs_state *s, app *a)
{
    const char *q = cz(a)->search.buf;
    const char *field = s->field >= 0 ? s->fields[s->field] : NULL;
    const char *agency = s->agency >= 0 ? s->agencies[s->agency] : NULL;
    int n = 0;
    s->most = 0;
    if (!*q && !field && !agency) {
        /* nothing typed: what this kiosk registers most first (one keypad
         * page at most), then the catalog */
        s->err = store_procedures_first(a->db, app_now(a), CZ_FIRST_MOST, s->rows, PROC_MAX, &n,
                                        &s->most);
    } else if (*q || (!field && !agency)) {
        s->err = store_procedure_search(a->db, q, s->rows, PROC_MAX, &n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if ((field && strcmp(s->rows[i].field_vi, field) != 0) ||
                (agency && strcmp(s->rows[i].agency, agency) != 0))
                continue;
            if (k != i)
                s->rows[k] = s->rows[i];
            k++;
        }
        n = k;
    } else {
        s->err = store_procedures_by(a->db, field, agency, s->rows, PROC_MAX, &n);
    }
    s->n = s->err == PK_OK ? n : 0;
    s->list.sel = 0;
    s->list.top = 0;
    wlist_set(&s->list, s->n);
}

static void procs_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    procs_state *s = state;
    s->field = s->agency = -1;
    if (store_fields(a->db, s->fields, FILTER_MAX, &s->nfields) != PK_OK)
        s->nfields = 0;
    if (store_agencies(a->db, s->agencies, FILTER_MAX, &s->nagencies) != PK_OK)
        s->nagencies = 0;
    refresh(s, a);
}

static const char *eligibility(const proc_row *r)
{
    if (r->bcci_submit && r->bcci_return)
        return _("send + result");
    if (r->bcci_submit)
        return _("send only");
    if (r->bcci_return)
        return _("result only");
    return _("not by post");
}

static void filter_line(frame *f, int y, int x, int w, const char *label, const char *value,
                        bool focus, bool tell, int pick)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s \xe2\x97\x82 %s \xe2\x96\xb8", label, value);
    term_fill(y, x, 1, w, focus ? ROLE_BUTTON_FOCUS : ROLE_NORMAL);
    term_put(y, x + 1, w - 2, buf, focus ? ROLE_BUTTON_FOCUS : ROLE_NORMAL);
    /* how to get here without a mouse: the hint bar may not have room */
    const char *how = focus ? _("change with the arrow keys") : _("press Tab to browse");
    int hw = text_width(how);
    if ((focus || tell) && text_width(buf) + hw + 4 < w)
        term_put(y, x + w - hw - 1, hw, how, focus ? ROLE_BUTTON_FOCUS : ROLE_DIM);
    w_region(f, y, x, 1, w, ACT_PICK, pick);
}

static void procs_draw(const void *state, const app *a, frame *f)
{
    const procs_state *s = state;
    const citizen *c = cz(a);
    int n, m;
    citizen_step(a, &screen_procedures, &n, &m);
    w_progress(f, f->top, n, m, _("Choose the procedure"));
    int x = f->left + 2, w = f->width - 4;
    term_put(f->top + 3, x, w, _("Type a few words of the name (accents are not needed):"),
             ROLE_NORMAL);
    tf_draw(f, &c->search, f->top + 4, x, w, s->focus == 0);
    w_region(f, f->top + 4, x, 1, w, ACT_PICK, PICK_SEARCH);   /* touch: the keyboard */
    if (strcmp(i18n_lang(), "en") == 0)
        f->show_ime = false;          /* English searches are typed as they are */
    filter_line(f, f->top + 5, x, w, _("Field:"),
                s->field >= 0 ? s->fields[s->field] : _("All"), s->focus == 1, s->focus == 0,
                PICK_FIELD);
    filter_line(f, f->top + 6, x, w, _("Agency:"),
                s->agency >= 0 ? s->agencies[s->agency] : _("All"), s->focus == 2, false,
                PICK_AGENCY);

    int ly = f->top + LIST_Y - 1;
    int vis = f->height - LIST_Y - 1;
    bool paged;
    int per = page_rows(s->n, vis, &paged);
    wlist lst = s->list;
    wlist_fix(&lst, paged ? per : vis);
    char head[128];
    if (s->err != PK_OK)
        term_put(ly, x, w, _(pk_err_msg(s->err)), ROLE_ERROR);
    else if (s->n == 0 && (s->field >= 0 || s->agency >= 0))
        term_put(ly, x, w, _("No procedure here. Choose \"All\" with the arrow keys."), ROLE_WARN);
    else if (s->n == 0)
        term_put(ly, x, w, _("No procedure found. Try fewer or other words."), ROLE_WARN);
    else {
        if (lst.top < s->most)    /* says why birth registration comes before "Cấp ..." */
            snprintf(head, sizeof head, "%s",
                     _("Most requested here first: press the number, or arrows and Enter"));
        else
            snprintf(head, sizeof head,
                     ngettext("%d procedure: press the number, or the arrow keys and Enter",
                              "%d procedures: press the number, or the arrow keys and Enter", s->n),
                     s->n);
        term_put(ly, x, w, head, ROLE_DIM);
        wlist_position(f, &lst, paged ? per : vis, ly, x, w);
    }
    for (int i = lst.top; i < s->n && i < lst.top + per; i++) {
        const proc_row *r = &s->rows[i];
        char line[768];
        const char *name = citizen_pick(r->name_vi, r->name_en);
        snprintf(line, sizeof line, "%d  %s", i - lst.top + 1, name);
        wlist_row(f, &lst, i, ly + 1 + (i - lst.top), x, w, line, eligibility(r), true);
    }
    if (paged) {
        char more[160];
        int pages = (s->n + per - 1) / per, page = (lst.top + per - 1) / per + 1;
        snprintf(more, sizeof more, _("9  More procedures (page %d of %d)"),
                 page > pages ? pages : page, pages);
        int y = ly + 1 + (s->n - lst.top < per ? s->n - lst.top : per);
        term_put(y, x + 1, w - 2, more, ROLE_TITLE);
        w_region(f, y, x, 1, w, ACT_CHOOSE, 9);
    }
    w_hint(f, ACT_NEXT, N_("Open"));
    w_hint(f, ACT_TAB, N_("Browse"));
    w_hint(f, ACT_BACK, NULL);
    if (s->leaving) {
        w_dlg_button b[2] = {{"1", _("Yes, erase it"), ACT_CHOOSE, 1},
                             {"Esc", _("No, go on"), ACT_BACK, 0}};
        w_dialog(f, _("Leave and erase what you typed?"),
                 _("Your name, numbers and address will be erased now, so that the next "
                   "person cannot see them."),
                 b, 2, ROLE_DIALOG);
    }
}

static screen_result open_row(procs_state *s, app *a, int i)
{
    if (i < 0 || i >= s->n)
        return SR_(SR_NONE);
    s->list.sel = i;
    citizen *c = cz(a);
    if (c->asked_form)          /* "1 = the other way" was for the last procedure only */
        c->form = c->asked_form;
    s->err = citizen_choose(a, s->rows[i].code);
    if (s->err != PK_OK)
        return SR_(SR_REDRAW);
    return SR_TO(SR_PUSH, &screen_procedure, NULL);
}

static screen_result cycle(procs_state *s, app *a, int which, int dir)
{
    int *v = which == 1 ? &s->field : &s->agency;
    int n = which == 1 ? s->nfields : s->nagencies;
    if (n == 0)
        return SR_(SR_NONE);
    *v += dir;                 /* -1 = all, 0..n-1 */
    if (*v >= n)
        *v = -1;
    if (*v < -1)
        *v = n - 1;
    refresh(s, a);
    return SR_(SR_REDRAW);
}

static screen_result procs_handle(void *state, app *a, const event *ev)
{
    procs_state *s = state;
    citizen *c = cz(a);
    if (s->leaving) {
        if (ev->act == ACT_TICK || ev->act == ACT_RESIZE)
            return SR_(SR_NONE);
        if (ev->act == ACT_CHOOSE && ev->value == 1)
            return SR_(SR_HOME);      /* app_wipe: as the idle wipe does */
        if (ev->act == ACT_BACK || (ev->act == ACT_CHOOSE && ev->value == 2))
            s->leaving = false;
        return SR_(SR_REDRAW);        /* any other key waits for an answer */
    }
    if (ev->act == ACT_BACK && citizen_typed(c) && a->depth >= 2 &&
        a->stack[a->depth - 2].ops == a->home) {
        s->leaving = true;
        return SR_(SR_REDRAW);
    }
    int vis = visible_rows();
    bool paged;
    int per = page_rows(s->n, vis, &paged);
    wlist_fix(&s->list, paged ? per : vis);
    /* VNI types marks and tones with digits: while a word is being typed
     * in the search field, a digit that marks it belongs to it; once the
     * word is complete ("Lạng") or the digit would only follow it, the
     * digit picks a row */
    bool vni_digit = ev->act == ACT_CHOOSE && s->focus == 0 && a->ime == IME_VNI &&
                     strcmp(i18n_lang(), "vi") == 0 && c->search.cur == c->search.len &&
                     vnime_key_composes(&c->search.ime, c->search.buf, c->search.len, ev->ch);
    switch (vni_digit ? ACT_CHAR : ev->act) {
    case ACT_CHOOSE:
        if (paged && ev->value == 9) {        /* the next page, then the first again */
            int top = s->list.top + per >= s->n ? 0 : s->list.top + per;
            s->list.top = s->list.sel = top;
            wlist_fix(&s->list, per);
            return SR_(SR_REDRAW);
        }
        if (ev->value < 1 || ev->value > per)
            return SR_(SR_NONE);
        return open_row(s, a, s->list.top + ev->value - 1);
    case ACT_NEXT:
        return open_row(s, a, s->list.sel);
    case ACT_PICK:
        if (ev->value == PICK_SEARCH) {
            s->focus = 0;
            return citizen_keyboard(a, &c->search, N_("Search"));
        }
        if (ev->value == PICK_FIELD || ev->value == PICK_AGENCY) {
            s->focus = ev->value == PICK_FIELD ? 1 : 2;
            return cycle(s, a, s->focus, 1);
        }
        return open_row(s, a, ev->value);
    case ACT_TAB:
        s->focus = (s->focus + 1) % 3;
        return SR_(SR_REDRAW);
    case ACT_BACKTAB:
        s->focus = (s->focus + 2) % 3;
        return SR_(SR_REDRAW);
    case ACT_LEFT: case ACT_RIGHT:
        if (s->focus > 0)
            return cycle(s, a, s->focus, ev->act == ACT_RIGHT ? 1 : -1);
        break;
    case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN:
        return wlist_handle(&s->list, ev, paged ? per : vis) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    default:
        break;
    }
    if (vni_digit || ev->act == ACT_CHAR || ev->act == ACT_BACKSPACE || ev->act == ACT_DELETE ||
        ev->act == ACT_LEFT || ev->act == ACT_RIGHT || ev->act == ACT_HOME || ev->act == ACT_END) {
        s->focus = 0;
        size_t before = c->search.len;
        char old[TF_MAX];
        memcpy(old, c->search.buf, sizeof old);
        /* accents are optional in a search; in English the input method
         * would only mangle English words ("marriage") */
        ime_method m = strcmp(i18n_lang(), "en") == 0 ? IME_OFF : a->ime;
        if (!tf_handle(&c->search, ev, m))
            return SR_(SR_NONE);
        if (before != c->search.len || strcmp(old, c->search.buf) != 0)
            refresh(s, a);
        return SR_(SR_REDRAW);
    }
    return SR_(SR_NONE);
}

/* Back from the on-screen keyboard: the list follows the search typed. */
static void procs_resume(void *state, app *a)
{
    refresh(state, a);
}

const screen_ops screen_procedures = {
    .name = "procedures",
    .state_size = sizeof(procs_state),
    .help = N_("Type a few words of the procedure's name, for example \"khai sinh\" for a birth "
               "registration; accents are not needed. Or press Tab and use the arrow keys to "
               "browse by field and agency. Press the number in front of a procedure to open it. "
               "When nothing is typed, the list opens with the procedures most requested at this "
               "kiosk."),
    .enter = procs_enter,
    .resume = procs_resume,
    .draw = procs_draw,
    .handle = procs_handle,
};
