/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reports on screen: a day, month, quarter or year (1-4), earlier and
 * later periods with the arrows; dossiers by status, procedure, agency and
 * commune as simple bar charts, the on-time rate, lost or damaged items.
 * The quarterly file for the province is `postkiosk report --csv`. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "dates.h"
#include "dossier.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "util.h"

typedef struct {
    int64_t head_seq;
    char head[AUDIT_ANCHOR_MAX];   /* the short code `audit verify --expect-head` takes */
    report_period period;
    int step;                  /* 0 = the current period, -1 the one before ... */
    report r;
    bool ok;
    int scroll;
} reports_state;

static int today(const app *a)
{
    return date_local_day(app_now(a));
}

static void load(reports_state *s, app *a)
{
    report_free(&s->r);
    char from[PK_DATE_MAX], to[PK_DATE_MAX], now[PK_DATE_MAX];
    int d = today(a);
    report_period_range(s->period, d, s->step, from, to);
    date_format(d, now);
    s->ok = store_report(a->db, from, to, now, &s->r) == PK_OK;
    if (store_audit_head_code(a->db, &s->head_seq, s->head) != PK_OK)
        s->head_seq = 0;
}

static void reports_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    reports_state *s = state;
    s->period = PERIOD_MONTH;
    load(s, a);
}

static void reports_leave(void *state, app *a)
{
    (void)a;
    reports_state *s = state;
    report_free(&s->r);
}

static void bar(wpage *p, const char *label, int64_t value, int64_t max)
{
    frame *f = p->f;
    int y = p->top + p->y - p->scroll;
    if (!p->measure && y >= p->top && y < p->bottom) {
        int lw = p->w * 2 / 5, nw = 8, bw = p->w - lw - nw - 2;
        char num[24], lab[PK_TEXT_MAX + 8];
        text_truncate(label, lw, lab, sizeof lab);
        term_put(y, p->x, lw, lab, ROLE_NORMAL);
        snprintf(num, sizeof num, "%7lld", (long long)value);
        term_put(y, p->x + lw + 1, nw, num, ROLE_NORMAL);
        int n = report_bar(value, max, bw);
        char blocks[3 * 200 + 1];
        int k = 0;
        for (int i = 0; i < n && i < 200; i++) {   /* U+2588 FULL BLOCK */
            blocks[k++] = '\xe2';
            blocks[k++] = '\x96';
            blocks[k++] = '\x88';
        }
        blocks[k] = '\0';
        if (n > 0)
            term_put(y, p->x + lw + nw + 2, n, blocks, ROLE_OK);
    }
    (void)f;
    p->y++;
}

static void items(wpage *p, const char *title, const report_item *it, int n)
{
    wpage_gap(p);
    wpage_text(p, title, ROLE_TITLE);
    int64_t max = 0;
    for (int i = 0; i < n; i++)
        max = it[i].count > max ? it[i].count : max;
    for (int i = 0; i < n && i < 15; i++)
        bar(p, it[i].label[0] ? it[i].label : it[i].key, it[i].count, max);
}

static void body(const reports_state *s, wpage *p)
{
    const report *r = &s->r;
    char buf[256], from[32], to[32];
    clerk_date(r->from, from, sizeof from);
    clerk_date(r->to, to, sizeof to);
    snprintf(buf, sizeof buf, "%s: %s - %s   %s: %lld", _(report_period_label(s->period)), from, to,
             _("Dossiers registered"), (long long)r->total);
    wpage_text(p, buf, ROLE_TITLE);
    int pm = report_on_time_permille(r);
    if (pm >= 0)
        snprintf(buf, sizeof buf, "%s: %d.%d%% (%lld / %lld)   %s: %lld", _("On time"), pm / 10,
                 pm % 10, (long long)r->on_time, (long long)r->completed,
                 _("Overdue, not completed"), (long long)r->overdue);
    else
        snprintf(buf, sizeof buf, "%s: -   %s: %lld", _("On time"), _("Overdue, not completed"),
                 (long long)r->overdue);
    wpage_text(p, buf, ROLE_NORMAL);
    snprintf(buf, sizeof buf, "%s: %lld   %s: %lld", _("Lost items"), (long long)r->lost,
             _("Damaged items"), (long long)r->damaged);
    wpage_text(p, buf, r->lost || r->damaged ? ROLE_ERROR : ROLE_NORMAL);
    wpage_gap(p);
    wpage_text(p, _("By status"), ROLE_TITLE);
    int64_t max = 0;
    for (int i = 0; i < ST__COUNT; i++)
        max = r->by_status[i] > max ? r->by_status[i] : max;
    for (int i = 0; i < ST__COUNT; i++)
        if (r->by_status[i])
            bar(p, _(clerk_status_short(i)), r->by_status[i], max);
    items(p, _("By procedure"), r->procs, r->nprocs);
    items(p, _("By agency"), r->agencies, r->nagencies);
    items(p, _("By commune"), r->communes, r->ncommunes);
    if (s->head_seq > 0) {
        wpage_gap(p);
        snprintf(buf, sizeof buf, "%s: %s", _("Audit log head (keep a copy)"), s->head);
        wpage_text(p, buf, ROLE_DIM);
    }
}

static void reports_draw(const void *state, const app *a, frame *f)
{
    const reports_state *s = state;
    int y = clerk_header(a, f, _("Reports"));
    if (!s->ok) {
        term_put(y, f->left + 1, f->width - 2, _("The report could not be computed."), ROLE_ERROR);
    } else {
        wpage p;
        wpage_begin(&p, f, y, f->top + f->height, f->left + 1, f->width - 2, s->scroll, false);
        body(s, &p);
        wpage_end(&p);
        if (p.y > wpage_visible(&p))
            w_hint(f, ACT_PGDN, NULL);
    }
    w_hint(f, ACT_CHOOSE, N_("1 Day 2 Month 3 Quarter 4 Year"));
    w_hint(f, ACT_LEFT, N_("Earlier"));
    w_hint(f, ACT_RIGHT, N_("Later"));
    w_hint(f, ACT_BACK, NULL);
}

static screen_result reports_handle(void *state, app *a, const event *ev)
{
    reports_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    switch (ev->act) {
    case ACT_BACK:
        return SR_(SR_POP);
    case ACT_CHOOSE:
        if (ev->value < 1 || ev->value > 4)
            return SR_(SR_NONE);
        s->period = (report_period)(ev->value - 1);
        s->step = 0;
        break;
    case ACT_LEFT:
        s->step--;
        break;
    case ACT_RIGHT:
        if (s->step >= 0)
            return SR_(SR_NONE);
        s->step++;
        break;
    default: {
        if (!s->ok)
            return SR_(SR_NONE);
        /* the page as draw lays it out, under the header, in this terminal */
        frame f = w_frame_now();
        wpage p;
        wpage_begin(&p, &f, f.top + 2, f.top + f.height, f.left + 1, f.width - 2, 0, true);
        body(s, &p);
        return wpage_scroll(&p, &s->scroll, ev->act) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    }
    }
    s->scroll = 0;
    load(s, a);
    return SR_(SR_REDRAW);
}

const screen_ops screen_clerk_reports = {
    .name = "clerk_reports",
    .state_size = sizeof(reports_state),
    .help = N_("Dossiers registered in the period. Keys 1-4 choose a day, month, quarter or year; "
               "the left and right arrows go to earlier and later periods; up and down scroll."),
    .enter = reports_enter,
    .leave = reports_leave,
    .draw = reports_draw,
    .handle = reports_handle,
};
