/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier queue, oldest first: counts per status at the top, a status
 * filter (Tab), search as you type (reference, name with or without marks,
 * phone, last 4 digits of the ID), keyset pages (PgUp/PgDn). Enter opens
 * the selected dossier; a scanned receipt opens its own. The list is
 * reloaded every second, so dossiers the kiosk registers appear by
 * themselves. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "dossier.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

enum { PAGE_MAX = 60, HEAD_ROWS = 6 };   /* besides the counts' rows */

typedef struct {
    dossier_row rows[PAGE_MAX];
    int n;
    wlist list;
    int64_t after;             /* the page starts after this id (0 = first) */
    bool more;                 /* a next page exists */
    int page;                  /* 1-based, for the header */
    int64_t counts[ST__COUNT];
    const char *err;           /* msgid */
} queue_state;

static int page_rows(void)
{
    frame f = w_frame_now();
    int n = f.height - HEAD_ROWS - clerk_counts_rows(&f) - 1;
    return n < 1 ? 1 : n > PAGE_MAX - 1 ? PAGE_MAX - 1 : n;
}

/* Loads the page starting after s->after; keeps the selected dossier
 * selected when it is still there. */
static void reload(queue_state *s, app *a)
{
    clerk_ui *ui = clerk_of(a);
    int64_t keep = s->list.sel >= 0 && s->list.sel < s->n ? s->rows[s->list.sel].id : 0;
    dossier_filter f = clerk_queue_filter(ui);
    int want = page_rows(), n = 0;
    pk_err e = store_queue_page(a->db, &f, s->after, false, s->rows, want + 1, &n);
    s->err = e == PK_OK ? NULL : pk_err_msg(e);
    s->more = n > want;
    s->n = n > want ? want : n;
    wlist_set(&s->list, s->n);
    for (int i = 0; i < s->n; i++)
        if (s->rows[i].id == keep)
            s->list.sel = i;
    if (store_status_counts(a->db, s->counts) != PK_OK)
        memset(s->counts, 0, sizeof s->counts);
}

static void first_page(queue_state *s, app *a)
{
    s->after = 0;
    s->page = 1;
    s->list.sel = 0;
    reload(s, a);
}

void clerk_queue_refresh(app *a)
{
    for (int i = a->depth - 2; i >= 0; i--)
        if (a->stack[i].ops == &screen_clerk_queue) {
            first_page(a->stack[i].state, a);
            return;
        }
}

static void queue_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    first_page(state, a);
}

static void queue_leave(void *state, app *a)
{
    (void)a;
    mem_wipe(state, sizeof(queue_state));   /* names on screen are personal data */
}

static void queue_draw(const void *state, const app *a, frame *f)
{
    const queue_state *s = state;
    const clerk_ui *ui = clerk_of(a);
    int y = clerk_header(a, f, _("Dossier queue"));
    clerk_counts_draw(f, y, clerk_counts_rows(f), s->counts);
    y += clerk_counts_rows(f);
    int w = f->width - 2, x = f->left + 1;
    char buf[1024];
    char more[400];
    clerk_filters_text(ui, more, sizeof more);
    snprintf(buf, sizeof buf, "%s: %s%s%s", _("Show"), _(clerk_filter_label(ui->status_filter)),
             more[0] ? " \xc2\xb7 " : "", more);
    term_put(y, x, w - 10, buf, ROLE_NORMAL);
    snprintf(buf, sizeof buf, _("page %d"), s->page);
    term_put(y, x + w - text_width(buf), text_width(buf), buf, ROLE_DIM);
    y++;
    tf_draw(f, &ui->search, y, x, w, true);
    y++;
    /* a message wraps onto as many rows as it needs: the list moves down */
    if (s->err)
        y += w_banner_wrapped(f, y, CLERK_FLASH_LINES, _(s->err), ROLE_ERROR);
    else if (ui->flash[0])
        y += clerk_flash_draw(a, f, y);
    else
        y += w_text(f, y, x, w, 2, _("Search: reference, name (marks optional), phone, last 4 ID "
                                      "digits"), ROLE_DIM);
    int wref = 12, wdate = 10, wst = 18;
    int wname = (w - wref - wdate - wst - 6) * 2 / 5, wproc = w - wref - wdate - wst - wname - 6;
    /* column titles at the columns the rows use (rows start 2 columns in) */
    int cref = x + 1, cdate = cref + wref + 1, cname = cdate + wdate + 1, cproc = cname + wname + 1;
    term_put(y, cref, wref, _("Reference"), ROLE_DIM);
    term_put(y, cdate, wdate, _("Date"), ROLE_DIM);
    term_put(y, cname, wname, _("Name"), ROLE_DIM);
    term_put(y, cproc, wproc, _("Procedure"), ROLE_DIM);
    term_put(y, x + w - wst, wst, _("Status"), ROLE_DIM);
    y++;
    if (s->n == 0)
        term_put(y + 1, x, w, _("No dossier matches."), ROLE_DIM);
    for (int i = 0; i < s->n && y < f->top + f->height; i++, y++) {
        const dossier_row *r = &s->rows[i];
        char date[32], line[512], nm[PK_NAME_MAX + 8], pr[PK_TEXT_MAX + 8];
        clerk_time(r->created_at, date, sizeof date);
        date[10] = '\0';
        text_truncate(r->name, wname, nm, sizeof nm);
        text_truncate(r->proc_name_vi, wproc, pr, sizeof pr);
        snprintf(line, sizeof line, "%-*s %s %-*s %s", wref, r->ref, date,
                 wname + (int)(strlen(nm) - (size_t)text_width(nm)), nm, pr);
        wlist_row(f, &s->list, i, y, x, w - wst - 1, line, NULL, true);
        term_put(y, x + w - wst, wst, _(clerk_status_short((int)r->status)),
                 i == s->list.sel ? ROLE_SELECTED : ROLE_NORMAL);
    }
    w_hint(f, ACT_NEXT, N_("Open"));
    w_hint(f, ACT_TAB, N_("Status filter"));
    w_hint(f, ACT_BACKTAB, N_("Filters"));
    w_hint(f, ACT_PGDN, NULL);
    w_hint(f, ACT_BACK, N_("Menu"));
}

static screen_result queue_handle(void *state, app *a, const event *ev)
{
    queue_state *s = state;
    clerk_ui *ui = clerk_of(a);
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    switch (ev->act) {
    case ACT_TICK:
        reload(s, a);
        return SR_(SR_REDRAW);
    case ACT_SCAN:
        return clerk_scan(a, ev->text);
    case ACT_BACK:
        ui->flash[0] = '\0';
        return SR_(SR_POP);
    case ACT_TAB:
        ui->status_filter = clerk_filter_next(ui->status_filter, 1);
        first_page(s, a);
        return SR_(SR_REDRAW);
    case ACT_BACKTAB:
        ui->flash[0] = '\0';
        return SR_TO(SR_PUSH, &screen_clerk_filters, NULL);
    case ACT_NEXT:
        if (s->list.sel < 0 || s->list.sel >= s->n)
            return SR_(SR_NONE);
        ui->flash[0] = '\0';
        return SR_TO(SR_PUSH, &screen_clerk_dossier, s->rows[s->list.sel].ref);
    case ACT_PGDN:
        if (!s->more || s->n == 0)
            return SR_(SR_NONE);
        s->after = s->rows[s->n - 1].id;
        s->page++;
        s->list.sel = 0;
        reload(s, a);
        return SR_(SR_REDRAW);
    case ACT_PGUP: {
        if (s->page <= 1 || s->n == 0)
            return SR_(SR_NONE);
        /* the page before the first row: fetched backwards, one more row
         * tells where that page itself starts */
        dossier_filter f = clerk_queue_filter(ui);
        dossier_row prev[PAGE_MAX];
        int want = page_rows(), n = 0;
        if (store_queue_page(a->db, &f, s->rows[0].id, true, prev, want + 1, &n) != PK_OK)
            return SR_(SR_NONE);
        s->after = n > want ? prev[0].id : 0;
        s->page = n > want ? s->page - 1 : 1;
        s->list.sel = 0;
        reload(s, a);
        return SR_(SR_REDRAW);
    }
    case ACT_UP:
    case ACT_DOWN:
    case ACT_HOME:
    case ACT_END:
    case ACT_PICK:
        if (wlist_handle(&s->list, ev, s->n)) {
            if (ev->act == ACT_PICK && s->list.sel >= 0)
                return SR_TO(SR_PUSH, &screen_clerk_dossier, s->rows[s->list.sel].ref);
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    default:
        break;
    }
    if (tf_handle(&ui->search, ev, a->ime)) {
        ui->flash[0] = '\0';
        first_page(s, a);      /* search as you type */
        return SR_(SR_REDRAW);
    }
    return SR_(SR_NONE);
}

const screen_ops screen_clerk_queue = {
    .name = "clerk_queue",
    .state_size = sizeof(queue_state),
    .help = N_("Type to search: a reference, a name (with or without marks), a phone number or "
               "the last 4 digits of the ID number. Tab changes the status shown, Shift-Tab opens "
               "the other filters (dates, procedure, agency, commune). Arrows choose, "
               "Enter opens, PgUp/PgDn turn pages. Scanning a receipt opens its dossier."),
    .enter = queue_enter,
    .leave = queue_leave,
    .draw = queue_draw,
    .handle = queue_handle,
};
