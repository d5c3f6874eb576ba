/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's menu after signing in: counts per status at the top, the
 * provincial sync lag and the messages to citizens still waiting (when
 * any), then the queue, handover records, print jobs, counter entry, the
 * day's lists, supervisor work (supervisors only: accounts, audit log,
 * reports, purge) and sign-out. A scanned receipt opens its dossier from
 * here too. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "dossier.h"
#include "i18n.h"
#include "store_notify.h"
#include "sync_lag.h"
#include "text.h"
#include "util.h"

enum { MENU_COUNT_ROWS = 4 };

typedef struct {
    int sel;
    bool have_counts;              /* false when the store could not count */
    int64_t counts[ST__COUNT];
    bool have_backlog;             /* false when the store could not count */
    notify_backlog backlog;        /* messages to citizens not sent yet */
    bool have_lag;                 /* false when the store could not tell */
    sync_lag lag;
} menu_state;

static const struct {
    const char *label;
    const screen_ops *ops;
    screen_result (*start)(app *a);   /* instead of a screen */
    bool supervisor;                  /* shown to supervisors only */
} items[] = {
    {N_("Dossier queue"), &screen_clerk_queue, NULL, false},
    {N_("Handover to an agency"), &screen_clerk_handover, NULL, false},
    {N_("Print jobs and reprints"), &screen_clerk_jobs, NULL, false},
    {N_("Register a dossier at the counter"), NULL, clerk_counter_start, false},
    {N_("Today and the daily close"), &screen_clerk_today, NULL, false},
    {N_("Scan a batch"), &screen_clerk_batch, NULL, false},
    {N_("Supervisor tasks"), &screen_clerk_super, NULL, true},
    {N_("Sign out"), NULL, NULL, false},
};
enum { ITEMS_ALL = (int)PK_ARRAY_LEN(items) };

/* The items this clerk sees, in order (plain clerks never see supervisor
 * work); their digits are their places in this list. */
static int visible_items(const app *a, int out[ITEMS_ALL])
{
    const clerk_ui *ui = clerk_of(a);
    bool sup = ui->sess.active && ui->sess.role == ROLE_SUPERVISOR;
    int n = 0;
    for (int i = 0; i < ITEMS_ALL; i++)
        if (!items[i].supervisor || sup)
            out[n++] = i;
    return n;
}

/* The counts are read here, never in draw (a pure function of the state):
 * on entering, on coming back from a screen above, and every tick. true
 * when they changed. */
static bool load_counts(menu_state *s, app *a)
{
    int64_t counts[ST__COUNT] = {0};
    bool have = store_status_counts(a->db, counts) == PK_OK;
    notify_backlog bl = {0};
    bool have_bl = store_notify_waiting(a->db, &bl) == PK_OK;
    sync_lag lag;
    bool have_lag = store_sync_lag(a->db, &lag) == PK_OK;
    bool same = have == s->have_counts && (!have || !memcmp(counts, s->counts, sizeof counts)) &&
                have_bl == s->have_backlog &&
                (!have_bl || (bl.pending == s->backlog.pending && bl.failed == s->backlog.failed &&
                              bl.given_up == s->backlog.given_up)) &&
                have_lag == s->have_lag &&
                (!have_lag || (lag.pending == s->lag.pending && lag.last_ok_at == s->lag.last_ok_at));
    s->have_counts = have;
    memcpy(s->counts, counts, sizeof counts);
    s->have_backlog = have_bl;
    s->backlog = bl;
    s->have_lag = have_lag;
    s->lag = lag;
    return !same;
}

/* "Messages to citizens: 3 waiting, 1 to retry, 2 given up" when any is
 * waiting or lost, so a dead gateway is seen at the counter and not only
 * in `postkiosk check`; given-up messages are a warning (the citizen was
 * not told). Returns the next free row. */
static int draw_backlog(const menu_state *s, const frame *f, int y)
{
    const notify_backlog *b = &s->backlog;
    if (!s->have_backlog || (b->pending == 0 && b->given_up == 0))
        return y;
    char buf[256];
    /* TRANSLATORS: clerk menu; messages waiting, failed to retry, given up */
    snprintf(buf, sizeof buf, _("Messages to citizens: %lld waiting, %lld to retry, %lld given up"),
             (long long)b->pending, (long long)b->failed, (long long)b->given_up);
    int w = text_width(buf) < f->width - 2 ? text_width(buf) : f->width - 2;
    term_put(y, f->left + 1, w, buf, b->given_up || b->failed ? ROLE_WARN : ROLE_NORMAL);
    return y + 2;
}

static void menu_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    load_counts(state, a);
}

static void menu_resume(void *state, app *a)
{
    load_counts(state, a);
}

static void menu_draw(const void *state, const app *a, frame *f)
{
    const menu_state *s = state;
    int y = clerk_header(a, f, _("Clerk workstation"));
    /* every status, adding up to the total (clerk_counts.c), on up to four
     * rows: the menu has them even at 80x24 (the items close up), the
     * queue gives its rows to the list */
    if (s->have_counts)
        y += clerk_counts_draw(f, y, MENU_COUNT_ROWS, s->counts) + 1;
    if (s->have_lag) {
        char line[256];
        sync_lag_line(&s->lag, line, sizeof line);
        term_put(y, f->left + 1, f->width - 2, line, s->lag.pending ? ROLE_NORMAL : ROLE_DIM);
        y += 2;
    }
    y = draw_backlog(s, f, y);
    int flash = clerk_flash_draw(a, f, y);
    y += (flash > 1 ? flash : 1) + 1;
    int w = f->width - 4 < 50 ? f->width - 4 : 50;
    int x = f->left + (f->width - w) / 2;
    int vis[ITEMS_ALL], nvis = visible_items(a, vis);
    /* a blank row between items when they all fit so, else none: with the
     * sync and message lines a supervisor's seven items at 80x24 would
     * otherwise lose the last ones (Sign out) below the frame */
    int gap = f->top + f->height - y >= 2 * nvis ? 2 : 1;
    for (int i = 0; i < nvis && y < f->top + f->height; i++, y += gap)
        w_choice(f, y, x, w, i + 1, _(items[vis[i]].label), i == s->sel);
    w_hint(f, ACT_CHOOSE, NULL);
    w_hint(f, ACT_NEXT, N_("Open"));
    w_hint(f, ACT_BACK, N_("Sign out"));
}

static screen_result menu_handle(void *state, app *a, const event *ev)
{
    menu_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    int pick = -1;
    int vis[ITEMS_ALL], nvis = visible_items(a, vis);
    switch (ev->act) {
    case ACT_UP:
        s->sel = (s->sel + nvis - 1) % nvis;
        return SR_(SR_REDRAW);
    case ACT_DOWN:
    case ACT_TAB:
        s->sel = (s->sel + 1) % nvis;
        return SR_(SR_REDRAW);
    case ACT_CHOOSE:
        pick = ev->value - 1;
        break;
    case ACT_NEXT:
        pick = s->sel;
        break;
    case ACT_BACK:
        return clerk_sign_out(a, "user");
    case ACT_SCAN:
        return clerk_scan(a, ev->text);
    case ACT_TICK:
        return SR_(load_counts(s, a) ? SR_REDRAW : SR_NONE);
    default:
        return SR_(SR_NONE);
    }
    if (pick < 0 || pick >= nvis)
        return SR_(SR_NONE);
    s->sel = pick;
    clerk_of(a)->flash[0] = '\0';
    if (items[vis[pick]].start)
        return items[vis[pick]].start(a);
    if (!items[vis[pick]].ops)
        return clerk_sign_out(a, "user");
    return SR_TO(SR_PUSH, items[vis[pick]].ops, NULL);
}

const screen_ops screen_clerk_menu = {
    .name = "clerk_menu",
    .state_size = sizeof(menu_state),
    .help = N_("Choose with the digit keys or the arrows and Enter. Scan a receipt to open its "
               "dossier. Esc signs you out."),
    .enter = menu_enter,
    .resume = menu_resume,
    .draw = menu_draw,
    .handle = menu_handle,
};
