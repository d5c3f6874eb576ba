/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One dossier, all of it: the applicant's full data (clerks may see it;
 * opening the screen is a logged lookup), the documents handed over
 * (original or copy), money, dates, the clerk's records and the full
 * history. The actions come from the one life-cycle table for this
 * dossier's status and service form, so a step that is not allowed cannot
 * be chosen; a step the delivery rule still blocks is shown with why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clerk.h"
#include "dossier.h"
#include "i18n.h"
#include "money.h"
#include "printer.h"
#include "receipt.h"
#include "text.h"
#include "util.h"

enum { EV_MAX = 40, ACT_MAX = 9 };

typedef enum { EXTRA_REPRINT = 100, EXTRA_LOST, EXTRA_DAMAGED } extra_action;

typedef struct {
    bool loaded;
    dossier d;
    dossier_extra x;
    dossier_event ev[EV_MAX];
    int nev;
    int nact;
    int act[ACT_MAX];              /* a status, or an extra_action */
    const char *blocked[ACT_MAX];  /* msgid: why it cannot be done now */
    int scroll;
    clerk_step step;               /* the action screen's argument (it copies it) */
} dossier_state;

static void load(dossier_state *s, app *a, bool log)
{
    clerk_ui *ui = clerk_of(a);
    char ref[PK_REF_MAX];
    str_copy(ref, sizeof ref, s->d.ref);
    pk_err e = log ? store_dossier_lookup(a->db, ref, ui->sess.id, app_now(a), &s->d)
                   : store_dossier_get(a->db, ref, &s->d);
    s->loaded = e == PK_OK;
    if (!s->loaded) {
        clerk_flash(a, true, pk_err_msg(e));
        return;
    }
    if (store_dossier_extra(a->db, ref, &s->x) != PK_OK)
        memset(&s->x, 0, sizeof s->x);
    if (store_dossier_events(a->db, ref, s->ev, EV_MAX, &s->nev) != PK_OK)
        s->nev = 0;
    dossier_status next[ST__COUNT];
    int n = dossier_next_states(s->d.status, s->d.form, next, ST__COUNT);
    s->nact = 0;
    for (int i = 0; i < n && s->nact < ACT_MAX - 3; i++) {
        s->blocked[s->nact] = store_transition_blocker(a->db, ref, next[i], app_now(a));
        s->act[s->nact++] = (int)next[i];
    }
    s->blocked[s->nact] = NULL;
    s->act[s->nact++] = EXTRA_REPRINT;
    if (!dossier_status_closed_form(s->d.status, s->d.form) && !s->x.incident[0]) {
        s->blocked[s->nact] = NULL;
        s->act[s->nact++] = EXTRA_LOST;
        s->blocked[s->nact] = NULL;
        s->act[s->nact++] = EXTRA_DAMAGED;
    }
}

void clerk_dossier_refresh(app *a)
{
    for (int i = a->depth - 2; i >= 0; i--)
        if (a->stack[i].ops == &screen_clerk_dossier) {
            dossier_state *s = a->stack[i].state;
            if (s->loaded)
                load(s, a, false);
            return;
        }
}

static void dossier_enter(void *state, app *a, const void *arg)
{
    dossier_state *s = state;
    str_copy(s->d.ref, sizeof s->d.ref, arg ? arg : "");
    load(s, a, true);
}

static void dossier_leave(void *state, app *a)
{
    (void)a;
    mem_wipe(state, sizeof(dossier_state));
}

static const char *action_label(const dossier_state *s, int act)
{
    switch (act) {
    case EXTRA_REPRINT: return N_("Reprint the receipt");
    case EXTRA_LOST: return N_("Record the item as lost");
    case EXTRA_DAMAGED: return N_("Record the item as damaged");
    default: {
        const dossier_transition *t = dossier_transition_find(s->d.status, (dossier_status)act);
        return t ? t->action : clerk_status_short(act);
    }
    }
}

static void line(wpage *p, const char *label, const char *value)
{
    char *buf = xasprintf("%s: %s", label, value && value[0] ? value : "-");
    wpage_text(p, buf, ROLE_NORMAL);
    free(buf);
}

static void body(const dossier_state *s, wpage *p)
{
    const dossier *d = &s->d;
    char buf[768], t1[40], money[64];
    static const char *const forms[] = {"", N_("Send the dossier"), N_("Receive the result"),
                                        N_("Send and receive")};
    snprintf(buf, sizeof buf, "%s   %s   %s", d->ref, d->s10, _(clerk_status_short((int)d->status)));
    wpage_text(p, buf, ROLE_TITLE);
    if (d->sample)
        wpage_text(p, _("SAMPLE dossier (demonstration): not a real request."), ROLE_WARN);
    if (s->x.incident[0]) {
        wpage_text(p, strcmp(s->x.incident, "lost") == 0 ? _("Recorded as LOST.")
                                                          : _("Recorded as DAMAGED."), ROLE_ERROR);
        wpage_text(p, _("Compensation case (Decision 45/2016 Art. 14): recorded and audited, the "
                        "citizen informed, counted in the report; kept out of every handover. "
                        "What happened is in the history below."), ROLE_WARN);
    }
    snprintf(buf, sizeof buf, "%s %s", d->proc_code, s->x.proc_name_vi);
    line(p, _("Procedure"), buf);
    /* in English with the English name the dossier kept at registration
     * (none in catalogs before it: the Vietnamese name alone) */
    if (strcmp(i18n_lang(), "en") == 0 && s->x.agency_en[0] &&
        strcmp(s->x.agency_en, s->x.agency) != 0) {
        snprintf(buf, sizeof buf, "%s \xe2\x80\x94 %s", s->x.agency, s->x.agency_en);
        line(p, _("Agency"), buf);
    } else {
        line(p, _("Agency"), s->x.agency);
    }
    line(p, _("Service"), _(forms[d->form >= 1 && d->form <= 3 ? d->form : 0]));
    clerk_time(d->created_at, t1, sizeof t1);
    line(p, _("Registered at the kiosk"), t1);
    clerk_date(d->expected_date, t1, sizeof t1);
    line(p, _("Expected result"), t1);
    wpage_gap(p);
    line(p, _("Full name"), d->name);
    line(p, _("ID number"), d->id_number);
    line(p, _("Phone"), d->phone);
    if (d->email[0])
        line(p, _("E-mail"), d->email);
    /* only dossiers whose result comes back by post have an address;
     * join the parts that are there, never ", ," */
    buf[0] = '\0';
    const char *parts[] = {d->street, d->unit_name, d->province};
    for (size_t i = 0; i < PK_ARRAY_LEN(parts); i++) {
        if (!parts[i][0])
            continue;
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%s", len ? ", " : "", parts[i]);
    }
    line(p, _("Return address"), buf[0] ? buf : _("none: the result is not sent by post"));
    if (d->recipient[0])
        line(p, _("Result to be received by"), d->recipient);
    wpage_gap(p);
    /* until the counter has counted them (acceptance records the seal)
     * the papers are only what the citizen ticked at the kiosk: nothing
     * has been handed over yet */
    bool counted = s->x.seal_no[0] != '\0';
    if (d->ndocs > 0)
        wpage_text(p, counted ? _("Documents handed over:")
                              : _("Papers the citizen ticked (not counted yet):"),
                   ROLE_TITLE);
    for (int i = 0; i < d->ndocs; i++) {
        /* the legal name only: its kind is said unless the name says it */
        const char *kind = catalog_doc_kind(d->docs[i].kind, false, d->docs[i].name_vi, "");
        snprintf(buf, sizeof buf, "%s%s%s%s%s", d->docs[i].name_vi, kind ? " [" : "",
                 kind ? kind : "", kind ? "]" : "",
                 d->docs[i].handed ? "" : counted ? _(" - not handed") : _(" - not ticked"));
        wpage_item(p, d->docs[i].handed ? "\xe2\x9c\x93 " : "- ", buf, ROLE_NORMAL);
    }
    money_format(d->fee_total, NULL, money, sizeof money);
    line(p, _("Fees at registration"), money);
    wpage_gap(p);
    if (s->x.seal_no[0]) {
        line(p, _("Seal number"), s->x.seal_no);
        money_format(s->x.fee_collected, NULL, money, sizeof money);
        line(p, _("Procedure fee collected"), money);
        money_format(s->x.post_collected, NULL, money, sizeof money);
        line(p, _("Postage collected"), money);
    }
    if (s->x.missing_docs[0])
        line(p, _("Missing documents"), s->x.missing_docs);
    if (s->x.handover_no[0])
        line(p, _("Handover record"), s->x.handover_no);
    if (s->x.appointment_date[0]) {
        clerk_date(s->x.appointment_date, t1, sizeof t1);
        line(p, _("Appointment / return date"), t1);
    }
    if (s->x.delivery_attempts) {
        snprintf(buf, sizeof buf, "%d (%s - %s)", s->x.delivery_attempts, s->x.first_attempt,
                 s->x.last_attempt);
        line(p, _("Delivery attempts"), buf);
    }
    if (s->x.recipient_name[0]) {
        snprintf(buf, sizeof buf, "%s (ID ...%s)", s->x.recipient_name, s->x.recipient_id_last);
        line(p, _("Received by"), buf);
    }
    wpage_gap(p);
    wpage_text(p, _("History:"), ROLE_TITLE);
    for (int i = 0; i < s->nev; i++) {
        clerk_time(s->ev[i].at, t1, sizeof t1);
        int status = dossier_status_parse(s->ev[i].to);
        snprintf(buf, sizeof buf, "%s  %s  %s%s%s", t1, s->ev[i].actor,
                 _(clerk_status_short(status)), s->ev[i].note[0] ? ": " : "", s->ev[i].note);
        wpage_item(p, "\xc2\xb7 ", buf, ROLE_NORMAL);
    }
}

static int actions_rows(const dossier_state *s)
{
    return s->nact + 1;
}

/* The rows the page takes, [*top, *bottom): under the header and the
 * flash (more rows when it wraps), above the actions. draw and handle
 * both ask here, so the page handle scrolls is the page draw shows. */
static void page_box(const dossier_state *s, const app *a, const frame *f, int *top,
                     int *bottom, int *arows)
{
    int flash = clerk_flash_rows(a, f);
    *top = f->top + 2 + (flash > 1 ? flash - 1 : 0);
    int end = f->top + f->height;
    *arows = actions_rows(s);
    if (*arows > (end - *top) / 2)
        *arows = (end - *top) / 2;
    *bottom = end - *arows;
}

static void dossier_draw(const void *state, const app *a, frame *f)
{
    const dossier_state *s = state;
    int y = clerk_header(a, f, _("Dossier"));
    clerk_flash_draw(a, f, y - 1);   /* page_box counts its rows */
    int bottom = f->top + f->height;
    if (!s->loaded) {
        w_hint(f, ACT_BACK, NULL);
        return;
    }
    int top, arows;
    page_box(s, a, f, &top, &bottom, &arows);
    wpage p;
    wpage_begin(&p, f, top, bottom, f->left + 1, f->width - 2, s->scroll, false);
    body(s, &p);
    wpage_end(&p);
    bottom += arows;
    int ay = bottom - arows;
    term_hline(ay++, f->left, f->width, ROLE_DIM);
    for (int i = 0; i < s->nact && ay < bottom; i++, ay++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s%s%s", _(action_label(s, s->act[i])),
                 s->blocked[i] ? " - " : "", s->blocked[i] ? _(s->blocked[i]) : "");
        if (s->blocked[i]) {
            snprintf(buf, sizeof buf, "   %s - %s", _(action_label(s, s->act[i])), _(s->blocked[i]));
            term_put(ay, f->left + 1, f->width - 2, buf, ROLE_DIM);
        } else {
            w_choice(f, ay, f->left + 1, f->width - 2, i + 1, buf, false);
        }
    }
    w_hint(f, ACT_CHOOSE, N_("Action"));
    w_hint(f, ACT_DOWN, N_("Scroll"));
    if (p.y > wpage_visible(&p))
        w_hint(f, ACT_PGDN, NULL);
    w_hint(f, ACT_BACK, NULL);
}

/* Up/Down a line, PgUp/PgDn a page, Home/End, on the page as draw lays
 * it out in the terminal's size now. */
static screen_result scroll(dossier_state *s, const app *a, const event *ev)
{
    if (!s->loaded)
        return SR_(SR_NONE);
    frame f = w_frame_now();
    int top, bottom, arows;
    page_box(s, a, &f, &top, &bottom, &arows);
    wpage p;
    wpage_begin(&p, &f, top, bottom, f.left + 1, f.width - 2, 0, true);
    body(s, &p);
    return wpage_scroll(&p, &s->scroll, ev->act) ? SR_(SR_REDRAW) : SR_(SR_NONE);
}

static screen_result reprint(dossier_state *s, app *a)
{
    clerk_ui *ui = clerk_of(a);
    int64_t job = 0;
    pk_err e = store_job_create(a->db, s->d.ref, "receipt", &job);
    if (e == PK_OK)
        e = store_audit_append(a->db, app_now(a), ui->sess.id, "reprint", s->d.ref, "");
    char msg[PK_TEXT_MAX] = "";
    if (e == PK_OK && !a->pr)
        e = PK_EPRINTER;
    if (e == PK_OK)
        e = receipt_print_ex(a->pr, a->db, a->cfg, &s->d, job, RECEIPT_REPRINT, msg, sizeof msg);
    if (e == PK_OK)
        clerk_flash(a, false, N_("The receipt was printed again."));
    else if (e == PK_EUNCONFIRMED)   /* sent: check the printer before another try */
        clerk_flashf(a, true, "%s %s", _("The printer did not confirm the print:"), _(msg));
    else
        clerk_flashf(a, true, "%s %s", _("The receipt could not be printed:"),
                     msg[0] ? _(msg) : _(pk_err_msg(e)));
    return SR_(SR_REDRAW);
}

static screen_result dossier_handle(void *state, app *a, const event *ev)
{
    dossier_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    switch (ev->act) {
    case ACT_TICK:
        if (s->loaded)
            load(s, a, false);   /* another terminal may have moved it */
        return SR_(SR_REDRAW);
    case ACT_SCAN:
        return clerk_scan(a, ev->text);
    case ACT_BACK:
        clerk_of(a)->flash[0] = '\0';
        return SR_(SR_POP);
    case ACT_CHOOSE: {
        int i = ev->value - 1;
        if (!s->loaded || i < 0 || i >= s->nact || s->blocked[i])
            return SR_(SR_NONE);
        clerk_of(a)->flash[0] = '\0';
        if (s->act[i] == EXTRA_REPRINT)
            return reprint(s, a);
        if (s->act[i] == ST_HANDED)   /* always with a handover record: one place */
            return SR_TO(SR_PUSH, &screen_clerk_handover, s->d.ref);
        clerk_step *step = &s->step;   /* in the state: wiped with it, no copy left behind */
        memset(step, 0, sizeof *step);
        str_copy(step->ref, sizeof step->ref, s->d.ref);
        step->from = s->d.status;
        step->fee_proc = s->d.fee_proc;
        step->fee_post = s->d.fee_post;
        str_copy(step->recipient, sizeof step->recipient, s->d.recipient[0] ? s->d.recipient : s->d.name);
        step->to = s->act[i] == EXTRA_LOST ? CLERK_STEP_LOST
                  : s->act[i] == EXTRA_DAMAGED ? CLERK_STEP_DAMAGED : s->act[i];
        return SR_TO(SR_PUSH, &screen_clerk_action, step);
    }
    default:
        return scroll(s, a, ev);
    }
}

const screen_ops screen_clerk_dossier = {
    .name = "clerk_dossier",
    .state_size = sizeof(dossier_state),
    .help = N_("Everything about this dossier. The numbered actions are the steps allowed now; "
               "a greyed step says why it must wait. Arrows scroll. Opening a dossier is logged."),
    .enter = dossier_enter,
    .leave = dossier_leave,
    .draw = dossier_draw,
    .handle = dossier_handle,
};
