/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Review: everything on one screen with the money to pay; any section can
 * be changed (the flow comes back here); Enter commits the dossier. The
 * commit happens here, before anything is printed. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"
#include "log.h"
#include "money.h"
#include "store_clerk.h"
#include "util.h"

typedef struct {
    int scroll;
    pk_err err;          /* the last commit failed: nothing lost, try again */
    const char *problem; /* msgid: something to correct first */
} review_state;

/* The sections this dossier has, numbered 1.. in the order shown (a
 * "receive the result" dossier has no papers, a "send" one no return
 * address). */
static int sections(const citizen *c, const screen_ops **out)
{
    int n = 0;
    out[n++] = &screen_procedures;
    if (c->form != FORM_SEND)
        out[n++] = &screen_address;
    if (c->form != FORM_RETURN)
        out[n++] = &screen_documents;
    out[n++] = &screen_applicant;
    return n;
}

static int digit_of(const citizen *c, const screen_ops *s)
{
    const screen_ops *list[4];
    int n = sections(c, list);
    for (int i = 0; i < n; i++)
        if (list[i] == s)
            return i + 1;
    return 0;
}

static void section(wpage *p, int digit, const char *title, bool editable)
{
    char buf[256];
    if (editable)
        snprintf(buf, sizeof buf, "[%d] %s  \xe2\x80\x94 %s", digit, title, _("press the number to change"));
    else
        snprintf(buf, sizeof buf, "%s", title);
    int first = p->y;
    wpage_text(p, buf, ROLE_TITLE);
    /* a touch on the title does what its number does: a touch screen
     * has no digits */
    for (int line = first; editable && !p->measure && line < p->y; line++) {
        int row = p->top + line - p->scroll;
        if (row >= p->top && row < p->bottom)
            w_region(p->f, row, p->x, 1, p->w, ACT_CHOOSE, digit);
    }
}

static void pair(wpage *p, const char *label, const char *value)
{
    char buf[1100];
    snprintf(buf, sizeof buf, "%s %s", label, value);
    wpage_item(p, "    ", buf, ROLE_NORMAL);
}

/* What is agreed to comes first (procedure, service, the money, the
 * date, where the result goes), so that at 80x24 it is all on screen
 * above the confirm key; the papers and personal details follow. */
static void layout(const app *a, frame *f, int scroll, int msg_lines, wpage *p, bool measure)
{
    const citizen *c = cz(a);
    int w = f->width - 4 < 96 ? f->width - 4 : 96;
    int x = f->left + (f->width - w) / 2;
    wpage_begin(p, f, f->top + 3, f->top + f->height - 2 - msg_lines, x, w, scroll, measure);
    char buf[768], norm[PK_TEXT_MAX];

    section(p, digit_of(c, &screen_procedures), _("Procedure"), true);
    /* the official name stays (it is the one on the receipt); in English
     * it is said in English too, as "What you need" does, on the same
     * line so that the deal still fits above the confirm key at 80x24 */
    citizen_dashed(c->proc.name_vi, c->proc.name_en, buf, sizeof buf);
    pair(p, "", buf);
    /* in English, where the dossier goes, as the name is said in English
     * too (the English name, else the Vietnamese one; the receipt prints
     * both): one line more, the deal still above the confirm key at 80x24,
     * the personal details below it as before */
    if (strcmp(i18n_lang(), "en") == 0)
        pair(p, _("Agency:"), citizen_pick(c->proc.agency, c->proc.agency_en));
    pair(p, _("Service:"), _(citizen_form_name(c->form)));
    dossier d;
    memset(&d, 0, sizeof d);
    d.form = c->form;
    tariff t = {.form = c->form, .charge_vnd = c->fee_post, .transit_days = c->transit_days};
    dossier_fees(&c->proc, &t, &d);
    char fee[48], post[48], total[48], agency_fee[48];
    money_format(d.fee_proc, NULL, fee, sizeof fee);
    money_format(d.fee_post, NULL, post, sizeof post);
    money_format(c->proc.fee_vnd, NULL, agency_fee, sizeof agency_fee);
    if (!c->have_tariff)
        snprintf(post, sizeof post, "%s", _("told at the counter"));
    money_format(d.fee_total, NULL, total, sizeof total);
    /* the total alone on its line: a wrapped line never splits an amount */
    if (c->form == FORM_RETURN) {
        /* the agency's fee is not paid here: say so, never "0" */
        pair(p, _("To pay at the counter:"), post);
        if (c->proc.fee_vnd > 0) {
            snprintf(buf, sizeof buf, _("The agency's fee of %s is paid at the agency."), agency_fee);
            wpage_item(p, "    ", buf, ROLE_NORMAL);
        }
    } else {
        if (c->have_tariff) {
            pair(p, _("To pay at the counter:"), total);
            snprintf(buf, sizeof buf, _("Fee %s + postal charge %s = %s"), fee, post, total);
        } else {
            snprintf(buf, sizeof buf, _("Fee %s + the postal charge, told at the counter"), fee);
        }
        pair(p, "", buf);
    }
    char date[32];
    citizen_date(c->expected_date, date, sizeof date);
    snprintf(buf, sizeof buf, _("Expected result: around %s"), date);
    pair(p, "", buf);
    if (c->form != FORM_SEND) {
        section(p, digit_of(c, &screen_address), _("Where to send the result"), true);
        snprintf(buf, sizeof buf, "%s, %s %s, %s", c->street.buf, c->unit.type, c->unit.name,
                 c->unit.province);
        pair(p, "", buf);
        if (c->other_recipient)
            pair(p, _("Received by:"), c->recipient.buf);
        else
            pair(p, _("Received by:"), _("me"));
    }
    if (c->form != FORM_RETURN) {
        section(p, digit_of(c, &screen_documents), _("Papers"), true);
        int ticked = 0;
        for (int i = 0; i < c->proc.ndocs && i < PK_MAX_DOCS; i++)
            ticked += c->handed[i];
        snprintf(buf, sizeof buf, _("%d of %d ticked"), ticked, c->proc.ndocs);
        pair(p, "", buf);
        int missing = citizen_missing_docs(c);
        if (missing) {
            snprintf(buf, sizeof buf,
                     _("Required papers missing: %d. The counter will ask for them."), missing);
            wpage_item(p, "    ", buf, ROLE_WARN);
        }
    }
    section(p, digit_of(c, &screen_applicant), _("Your details"), true);
    dossier_check_name(c->name.buf, norm, sizeof norm);
    pair(p, _("Name:"), norm);
    pair(p, _("ID card:"), c->id.buf);
    dossier_check_phone(c->phone.buf, norm, sizeof norm);
    pair(p, _("Phone:"), norm);
    if (c->email.len)
        pair(p, _("E-mail:"), c->email.buf);
    mem_wipe(norm, sizeof norm);
    mem_wipe(buf, sizeof buf);
}

/* The line above the confirm key: what went wrong, or what Enter does.
 * It wraps (two lines at most): the page above gives way. */
static const char *message(const review_state *s, char *buf, size_t n, bool *err)
{
    *err = true;
    if (s->err != PK_OK) {
        snprintf(buf, n, "%s %s", _(pk_err_msg(s->err)),
                 _("Nothing was lost. Press Enter to try again."));
        return buf;
    }
    if (s->problem)
        return _(s->problem);
    *err = false;
    return _("If everything is right, press Enter. Your receipt will be printed.");
}

static int message_lines(const review_state *s, const frame *f)
{
    char buf[512];
    bool err;
    int n = w_text_lines(message(s, buf, sizeof buf, &err), f->width - 4, 2);
    return n < 1 ? 1 : n;
}

static void review_draw(const void *state, const app *a, frame *f)
{
    const review_state *s = state;
    int n, m;
    citizen_step(a, &screen_review, &n, &m);
    w_progress(f, f->top, n, m, _("Check and confirm"));
    wpage p;
    int lines = message_lines(s, f);
    layout(a, f, s->scroll, lines, &p, false);
    wpage_end(&p);
    int y = f->top + f->height - 1 - lines;
    int x = f->left + 2, w = f->width - 4;
    char buf[512];
    bool err;
    const char *msg = message(s, buf, sizeof buf, &err);
    w_text(f, y, x, w, 2, msg, err ? ROLE_ERROR : ROLE_NORMAL);
    y += lines - 1;
    w_button(f, y + 1, x, w < 60 ? w : 60, "Enter", _("Confirm and print the receipt"), true,
             ACT_NEXT, 0);
    w_hint(f, ACT_NEXT, N_("Confirm"));
    w_hint(f, ACT_CHOOSE, NULL);
    if (p.y > wpage_visible(&p))
        w_hint(f, ACT_PGDN, NULL);
    w_hint(f, ACT_BACK, NULL);
}

static screen_result edit(app *a, int k)
{
    citizen *c = cz(a);
    const screen_ops *list[4];
    int n = sections(c, list);
    if (k < 1 || k > n)
        return SR_(SR_NONE);
    const screen_ops *to = list[k - 1];
    c->editing = true;
    return SR_TO(SR_PUSH, to, NULL);
}

static screen_result confirm(review_state *s, app *a)
{
    citizen *c = cz(a);
    const screen_ops *fix = citizen_problem(a, &s->problem);
    if (fix) {
        c->editing = true;
        return SR_TO(SR_PUSH, fix, NULL);
    }
    dossier d;
    if (!citizen_build(a, &d)) {
        s->problem = N_("The information is not valid.");
        return SR_(SR_REDRAW);
    }
    int64_t job = 0;
    s->err = citizen_commit(a, &d, &job);
    if (s->err != PK_OK) {
        log_err("database: a dossier could not be stored: %s", pk_err_msg(s->err));
        mem_wipe(&d, sizeof d);
        return SR_(SR_REDRAW);      /* nothing lost: the session still holds it all */
    }
    log_info("dossier %s registered %s", d.ref, c->actor[0] ? "at the counter" : "at the kiosk");
    c->done = d;
    c->job_id = job;
    c->committed = true;
    mem_wipe(&d, sizeof d);
    return SR_TO(SR_PUSH, &screen_done, NULL);
}

static screen_result review_handle(void *state, app *a, const event *ev)
{
    review_state *s = state;
    frame f = w_frame_now();
    wpage p;
    layout(a, &f, 0, message_lines(s, &f), &p, true);
    switch (ev->act) {
    case ACT_NEXT: return confirm(s, a);
    case ACT_CHOOSE: return edit(a, ev->value);
    case ACT_DOWN: case ACT_UP: case ACT_PGDN: case ACT_PGUP: case ACT_HOME: case ACT_END:
        return wpage_scroll(&p, &s->scroll, ev->act) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    default: return SR_(SR_NONE);
    }
}

static void review_enter(void *state, app *a, const void *arg)
{
    (void)state;
    (void)arg;
    cz(a)->editing = false;
}

const screen_ops screen_review = {
    .name = "review",
    .state_size = sizeof(review_state),
    .help = N_("Check everything. To change a part, press its number; you will come back "
               "here. When all is right, press Enter: the dossier is saved and your receipt "
               "is printed."),
    .enter = review_enter,
    .draw = review_draw,
    .handle = review_handle,
};
