/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's day: the "today" lists (accepted today, handovers due,
 * results late at the agency, deliveries and second attempts due, returns
 * due) with the due day, how late and the agency's appointment date
 * (marked when passed with the result not collected), newest or oldest
 * first, and the daily close (cash taken per clerk: fees and postage; seals
 * used), shown, then saved and printed on Enter. Enter on a row opens its
 * dossier. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "dates.h"
#include "dayclose.h"
#include "dossier.h"
#include "i18n.h"
#include "money.h"
#include "text.h"
#include "util.h"

enum { ROWS_MAX = 200, CLOSE_MAX = 32, VIEW_CLOSE = DAY__COUNT };

typedef struct {
    int view;                      /* a day_list, or VIEW_CLOSE */
    bool newest;
    char today[PK_DATE_MAX];
    int counts[DAY__COUNT];
    day_row rows[ROWS_MAX];
    int nrows;
    wlist list;
    close_row close[CLOSE_MAX];
    int nclose;
    bool saved;
    char path[600];
    pk_err print_err;
    char print_msg[PK_TEXT_MAX];
    const char *err;               /* msgid */
} today_state;

static const char *view_label(int v)
{
    switch (v) {
    case DAY_ACCEPTED: return N_("Accepted today");
    case DAY_HANDOVER: return N_("Handovers due");
    case DAY_AGENCY_LATE: return N_("Late at the agency");
    case DAY_DELIVERY: return N_("Deliveries due");
    case DAY_RETURN: return N_("Returns due");
    default: return N_("Daily close");
    }
}

static void load(today_state *s, app *a)
{
    s->err = NULL;
    date_local_iso(app_now(a), s->today);
    day_row *spare = xmalloc(ROWS_MAX * sizeof *spare);   /* the other lists: counts only */
    for (int v = 0; v < DAY__COUNT; v++) {
        int n = 0;
        day_row *tmp = v == s->view ? s->rows : spare;
        if (store_day_list(a->db, (day_list)v, s->today, s->newest, tmp, ROWS_MAX, &n) != PK_OK) {
            s->err = N_("The list could not be read. Please try again.");
            n = 0;
        }
        s->counts[v] = n;
        if (v == s->view)
            s->nrows = n;
    }
    mem_wipe(spare, ROWS_MAX * sizeof *spare);
    free(spare);
    if (s->view == VIEW_CLOSE) {
        s->nrows = 0;
        if (store_daily_close(a->db, s->today, s->close, CLOSE_MAX, &s->nclose) != PK_OK) {
            s->nclose = 0;
            s->err = N_("The list could not be read. Please try again.");
        }
    }
    wlist_set(&s->list, s->nrows);
}

static void today_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    today_state *s = state;
    s->newest = true;
    load(s, a);
}

static void today_resume(void *state, app *a)
{
    today_state *s = state;
    int sel = s->list.sel;
    load(s, a);
    if (sel >= 0 && sel < s->nrows)
        s->list.sel = sel;
}

/* Appends text in a cell `cols` columns wide (cut with "…" or padded with
 * spaces by display width: Vietnamese letters are wider in UTF-8), then a
 * space; right-aligned when right. */
static void cell(char *line, size_t sz, const char *text, int cols, bool right)
{
    char cut[256];
    text_truncate(text, cols, cut, sizeof cut);
    int pad = cols - text_width(cut);
    size_t n = strlen(line);
    snprintf(line + n, sz - n, "%*s%s%*s ", right ? pad : 0, "", cut, right ? 0 : pad, "");
}

/* List rows: below the tabs and the column titles, above the last line
 * (the meaning of "!" when a row carries it). */
static int visible(const frame *f)
{
    return f->height - 9 > 1 ? f->height - 9 : 1;
}

static void close_line(char *buf, size_t sz, const char *who, const char *n, const char *fee,
                       const char *post, const char *cash, const char *seals, int w)
{
    buf[0] = '\0';
    cell(buf, sz, who, 10, false);
    cell(buf, sz, n, 6, true);
    cell(buf, sz, fee, 12, true);
    cell(buf, sz, post, 12, true);
    cell(buf, sz, cash, 12, true);
    int left = w - text_width(buf) - 1;
    char cut[256];
    text_truncate(seals, left > 4 ? left : 4, cut, sizeof cut);
    size_t k = strlen(buf);
    snprintf(buf + k, sz - k, "%s", cut);
}

static void draw_close(const today_state *s, const app *a, frame *f, int y, int x, int w)
{
    char buf[768], fee[48], post[48], cash[48], num[16], seals[96];
    int64_t tf = 0, tp = 0;
    int ta = 0, ts = 0;
    close_line(buf, sizeof buf, _("Clerk"), _("Dossiers"), _("Fees"), _("Postage"),
               _("Cash taken"), _("Seals used"), w);
    term_put(y++, x, w, buf, ROLE_TITLE);
    for (int i = 0; i < s->nclose && y < f->top + f->height - 3; i++, y++) {
        const close_row *r = &s->close[i];
        money_format(r->fees, NULL, fee, sizeof fee);
        money_format(r->postage, NULL, post, sizeof post);
        money_format(r->fees + r->postage, NULL, cash, sizeof cash);
        if (r->seals)
            snprintf(seals, sizeof seals, "%d: %s - %s", r->seals, r->first_seal, r->last_seal);
        else
            snprintf(seals, sizeof seals, "0");
        snprintf(num, sizeof num, "%d", r->accepted);
        close_line(buf, sizeof buf, r->clerk, num, fee, post, cash, seals, w);
        term_put(y, x, w, buf, ROLE_NORMAL);
        tf += r->fees;
        tp += r->postage;
        ta += r->accepted;
        ts += r->seals;
    }
    if (s->nclose == 0)
        term_put(y++, x, w, _("No dossier was accepted today."), ROLE_DIM);
    money_format(tf, NULL, fee, sizeof fee);
    money_format(tp, NULL, post, sizeof post);
    money_format(tf + tp, NULL, cash, sizeof cash);
    snprintf(num, sizeof num, "%d", ta);
    snprintf(seals, sizeof seals, "%d", ts);
    close_line(buf, sizeof buf, _("Total"), num, fee, post, cash, seals, w);
    term_put(++y, x, w, buf, ROLE_TITLE);
    y += 2;
    if (s->saved) {
        const char *shown = s->path;   /* relative to the data directory */
        size_t hl = a->cfg ? strlen(a->cfg->home) : 0;
        if (hl && strncmp(shown, a->cfg->home, hl) == 0 && shown[hl] == '/')
            shown += hl + 1;
        snprintf(buf, sizeof buf, "%s %s", _("Saved as"), shown);
        y += w_text(f, y, x, w, 2, buf, ROLE_DIM);
        if (s->print_err == PK_OK)
            term_put(y, x, w, _("Printed."), ROLE_OK);
        else {
            snprintf(buf, sizeof buf, "%s %s", _("Not printed:"),
                     _(s->print_msg[0] ? s->print_msg : pk_err_msg(s->print_err)));
            w_text(f, y, x, w, 2, buf, ROLE_ERROR);
        }
    }
}

/* One list line: reference, S10 (from 100 columns: the dossier shows it
 * too), status, due day, late, the agency's appointment date ("!" after it
 * when passed with the result not collected), then the name. */
static void list_line(char *buf, size_t sz, const char *ref, const char *s10, const char *status,
                      const char *due, const char *late, const char *appt, const char *name,
                      int w)
{
    buf[0] = '\0';
    cell(buf, sz, ref, 11, false);
    if (w >= 100)
        cell(buf, sz, s10, 13, false);
    cell(buf, sz, status, w >= 100 ? 20 : 17, false);
    cell(buf, sz, due, 10, false);
    cell(buf, sz, late, 7, true);
    cell(buf, sz, appt, 11, false);
    /* the name takes what is left, unpadded (the list row adds its marker) */
    int left = w - text_width(buf) - 2;
    char cut[256];
    text_truncate(name, left > 4 ? left : 4, cut, sizeof cut);
    size_t n = strlen(buf);
    snprintf(buf + n, sz - n, "%s", cut);
}

static void today_draw(const void *state, const app *a, frame *f)
{
    const today_state *s = state;
    char buf[640], day[PK_DATE_MAX];
    clerk_date(s->today, day, sizeof day);
    snprintf(buf, sizeof buf, "%s %s", _("Today"), day);
    int y = clerk_header(a, f, buf);
    int x = f->left + 1, w = f->width - 2;
    if (s->err) {
        int n = w_banner_wrapped(f, y - 1, CLERK_FLASH_LINES, _(s->err), ROLE_ERROR);
        if (n > 1)
            y += n - 1;
    }
    /* the lists as numbered tabs with their counts, on as many lines as needed */
    int tx = x;
    for (int v = 0; v <= VIEW_CLOSE; v++) {
        if (v < DAY__COUNT)
            snprintf(buf, sizeof buf, "%d %s (%d)", v + 1, _(view_label(v)), s->counts[v]);
        else
            snprintf(buf, sizeof buf, "%d %s", v + 1, _(view_label(v)));
        int bw = text_width(buf);
        if (tx + bw > x + w) {
            tx = x;
            y++;
        }
        term_put(y, tx, bw, buf, v == s->view ? ROLE_SELECTED : ROLE_NORMAL);
        w_region(f, y, tx, 1, bw, ACT_CHOOSE, v + 1);
        tx += bw + 2;
    }
    y += 2;
    if (s->view == VIEW_CLOSE) {
        draw_close(s, a, f, y, x, w);
        w_hint(f, ACT_NEXT, s->saved ? N_("Print again") : N_("Save and print"));
        w_hint(f, ACT_BACK, NULL);
        return;
    }
    /* the order on the right of the title line, the columns below it */
    snprintf(buf, sizeof buf, "%s: %s", _(view_label(s->view)),
             s->newest ? _("newest first") : _("oldest first"));
    term_put(y++, x, w, buf, ROLE_DIM);
    list_line(buf, sizeof buf, _("Dossier"), _("S10"), _("Status"), _("Due"), _("Late"),
              /* TRANSLATORS: column of the agency's appointment date, 11 columns */
              _("Appointment"), _("Name"), w);
    term_put(y++, x + 1, w - 1, buf, ROLE_TITLE);
    if (s->nrows == 0)
        term_put(y + 1, x, w, _("Nothing here today."), ROLE_DIM);
    int vis = visible(f), overdue = 0;
    for (int i = s->list.top; i < s->nrows && i < s->list.top + vis; i++, y++) {
        const day_row *r = &s->rows[i];
        char due[PK_DATE_MAX], late[16];
        clerk_date(r->due, due, sizeof due);
        if (r->late > 0)
            snprintf(late, sizeof late, "+%d", r->late);
        else
            snprintf(late, sizeof late, "-");
        char appt[PK_DATE_MAX + 4] = "-";
        if (r->appointment[0]) {
            clerk_date(r->appointment, appt, sizeof appt);
            if (r->overdue)
                strcat(appt, "!");   /* room kept: PK_DATE_MAX + 4 */
            overdue += r->overdue;
        }
        list_line(buf, sizeof buf, r->ref, r->s10, _(clerk_status_short((int)r->status)), due,
                  late, appt, r->name, w);
        wlist_row(f, &s->list, i, y, x, w, buf, NULL, true);
    }
    if (overdue)                   /* what the "!" says, under the rows that carry it */
        w_text(f, f->top + f->height - 1, x, w, 1,
               _("! the appointment date has passed and the result is not collected"), ROLE_WARN);
    w_hint(f, ACT_NEXT, N_("Open"));
    w_hint(f, ACT_TAB, N_("Newest / oldest"));
    w_hint(f, ACT_BACK, NULL);
}

static screen_result save_close(today_state *s, app *a)
{
    const clerk_ui *ui = clerk_of(a);
    load(s, a);   /* the figures as they are now */
    s->print_err = dayclose_output(a->pr, a->cfg, s->today, s->close, s->nclose, s->path,
                                   sizeof s->path, s->print_msg, sizeof s->print_msg);
    if (s->print_err == PK_EIO || s->print_err == PK_EFULL) {
        s->err = pk_err_msg(s->print_err);
        return SR_(SR_REDRAW);
    }
    int64_t fees = 0, postage = 0;
    int accepted = 0;
    for (int i = 0; i < s->nclose; i++) {
        fees += s->close[i].fees;
        postage += s->close[i].postage;
        accepted += s->close[i].accepted;
    }
    char detail[160];
    snprintf(detail, sizeof detail, "day=%s dossiers=%d fees=%lld postage=%lld", s->today,
             accepted, (long long)fees, (long long)postage);
    if (store_audit_append(a->db, app_now(a), ui->sess.id, "daily_close", s->today, detail) !=
        PK_OK)
        s->err = N_("The close was saved but could not be logged. Please try again.");
    s->saved = true;
    return SR_(SR_REDRAW);
}

static screen_result today_handle(void *state, app *a, const event *ev)
{
    today_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    frame f = w_frame_now();
    switch (ev->act) {
    case ACT_TICK:
        return SR_(SR_NONE);
    case ACT_SCAN:
        return clerk_scan(a, ev->text);
    case ACT_BACK:
        return SR_(SR_POP);
    case ACT_CHOOSE:
        if (ev->value < 1 || ev->value > VIEW_CLOSE + 1)
            return SR_(SR_NONE);
        s->view = ev->value - 1;
        s->saved = false;
        load(s, a);
        return SR_(SR_REDRAW);
    case ACT_TAB:
        s->newest = !s->newest;
        load(s, a);
        return SR_(SR_REDRAW);
    case ACT_NEXT:
        if (s->view == VIEW_CLOSE)
            return save_close(s, a);
        if (s->list.sel >= 0 && s->list.sel < s->nrows)
            return SR_TO(SR_PUSH, &screen_clerk_dossier, s->rows[s->list.sel].ref);
        return SR_(SR_NONE);
    default:
        break;
    }
    if (s->view != VIEW_CLOSE && wlist_handle(&s->list, ev, visible(&f)))
        return SR_(SR_REDRAW);
    return SR_(SR_NONE);
}

const screen_ops screen_clerk_today = {
    .name = "clerk_today",
    .state_size = sizeof(today_state),
    .help = N_("The work of the day: press 1 to 5 for a list, 6 for the daily close. Tab puts "
               "the newest or the oldest first; Enter opens the dossier. On the daily close, "
               "Enter saves and prints it."),
    .enter = today_enter,
    .resume = today_resume,
    .draw = today_draw,
    .handle = today_handle,
};
