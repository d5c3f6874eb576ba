/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Procedure detail: the documents to bring (original or copy), the fee,
 * the processing time and the expected result date computed today; for a
 * procedure that cannot go by post, the reason and what to do instead. */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "citizen.h"
#include "i18n.h"
#include "money.h"

typedef struct {
    int scroll;
} proc_state;

/* Another service form this procedure allows, or 0. */
static service_form alternative(const citizen *c)
{
    static const service_form order[] = {FORM_SEND, FORM_RETURN, FORM_BOTH};
    for (int i = 0; i < 3; i++)
        if (order[i] != c->form && dossier_eligible(&c->proc, order[i]))
            return order[i];
    return 0;
}

static void layout(const app *a, frame *f, int scroll, wpage *p, bool measure)
{
    const citizen *c = cz(a);
    const procedure *pr = &c->proc;
    int w = f->width - 4 < 96 ? f->width - 4 : 96;
    int x = f->left + (f->width - w) / 2;
    wpage_begin(p, f, f->top + 3, f->top + f->height - 2, x, w, scroll, measure);
    char buf[1024], money[48], post[48];
    bool en = strcmp(i18n_lang(), "en") == 0;
    wpage_text(p, pr->name_vi, ROLE_TITLE);
    if (en && pr->name_en[0])
        wpage_text(p, pr->name_en, ROLE_DIM);
    char agency[2 * PK_TEXT_MAX + 8];   /* in English with its English name (wraps at 80x24) */
    citizen_dashed(pr->agency, pr->agency_en, agency, sizeof agency);
    snprintf(buf, sizeof buf, "%s %s  \xc2\xb7  %s", _("Agency:"), agency, pr->code);
    wpage_text(p, buf, ROLE_DIM);
    wpage_gap(p);
    bool ok = dossier_eligible(pr, c->form);
    if (ok) {
        snprintf(buf, sizeof buf, "\xe2\x9c\x93 %s: %s", _("This can be done by post"),
                 _(citizen_form_name(c->form)));
        wpage_text(p, buf, ROLE_OK);
    } else {
        snprintf(buf, sizeof buf, "\xe2\x9c\x97 %s", _("This cannot be done by post in the way you chose."));
        wpage_text(p, buf, ROLE_ERROR);
        const char *why = dossier_why_not(pr, c->form, i18n_lang());
        if (why && *why)
            wpage_text(p, why, ROLE_NORMAL);
        service_form alt = alternative(c);
        if (alt) {
            snprintf(buf, sizeof buf, _("You can choose instead: %s (press 1)."),
                     _(citizen_form_name(alt)));
            wpage_text(p, buf, ROLE_WARN);
        } else if (why && *why) {
            wpage_text(p, _("Staff can tell you where to go: touch \"Call staff\" below, or press F4."),
                       ROLE_WARN);
        } else {
            wpage_text(p, _("Please go to the agency in person. Staff can tell you the address: "
                            "touch \"Call staff\" below, or press F4."),
                       ROLE_WARN);
        }
    }
    wpage_gap(p);
    if (c->form != FORM_RETURN && pr->ndocs > 0) {
        wpage_text(p, _("Papers to bring:"), ROLE_TITLE);
        for (int i = 0; i < pr->ndocs && i < PK_MAX_DOCS; i++) {
            const proc_doc *d = &pr->docs[i];
            char name[2 * PK_TEXT_MAX + 4];
            citizen_legal(d->name_vi, d->name_en, name, sizeof name);
            const char *kind = catalog_doc_kind(d->kind, false, d->name_vi, d->name_en);
            snprintf(buf, sizeof buf, "%s%s%s%s", name, kind ? " \xe2\x80\x94 " : "",
                     kind ? kind : "", d->required ? "" : _(" (if you have it)"));
            wpage_item(p, "\xe2\x80\xa2 ", buf, ROLE_NORMAL);
        }
        wpage_gap(p);
    }
    if (!ok)
        return;       /* fees and dates would only distract from the way forward */
    money_format(pr->fee_vnd, NULL, money, sizeof money);
    money_format(c->fee_post, NULL, post, sizeof post);
    if (!c->have_tariff)        /* never a made-up zero: the counter knows */
        snprintf(post, sizeof post, "%s", _("told at the counter"));
    if (c->form == FORM_RETURN)
        snprintf(buf, sizeof buf, _("Postal charge: %s. The fee is paid at the agency."), post);
    else if (pr->fee_vnd > 0)
        snprintf(buf, sizeof buf, _("Fee: %s. Postal charge: %s."), money, post);
    else
        snprintf(buf, sizeof buf, _("No fee for the procedure. Postal charge: %s."), post);
    wpage_text(p, buf, ROLE_NORMAL);
    if (pr->days > 0)
        snprintf(buf, sizeof buf,
                 ngettext("Processing time: %d working day.", "Processing time: %d working days.",
                          (unsigned long)pr->days),
                 pr->days);
    else
        snprintf(buf, sizeof buf, "%s", _("Processing time: the same day it arrives."));
    wpage_text(p, buf, ROLE_NORMAL);
    if (c->expected_date[0]) {
        char date[32];
        citizen_date(c->expected_date, date, sizeof date);
        if (c->form == FORM_RETURN)
            snprintf(buf, sizeof buf, _("Expected result at your address: around %s."), date);
        else
            snprintf(buf, sizeof buf,
                     _("Expected result: around %s, if you hand in your papers today."), date);
        wpage_text(p, buf, ROLE_TITLE);
    }
}

static void proc_draw(const void *state, const app *a, frame *f)
{
    const proc_state *s = state;
    const citizen *c = cz(a);
    int n, m;
    citizen_step(a, &screen_procedure, &n, &m);
    w_progress(f, f->top, n, m, _("What you need"));
    wpage p;
    layout(a, f, s->scroll, &p, false);
    wpage_end(&p);
    int y = f->top + f->height - 1;
    int bw = (f->width - 6) / 2;
    if (dossier_eligible(&c->proc, c->form)) {
        w_button(f, y, f->left + 2, bw, "Enter", _("Continue"), true, ACT_NEXT, 0);
        w_hint(f, ACT_NEXT, N_("Continue"));
    } else if (alternative(c)) {
        w_button(f, y, f->left + 2, bw, "1", _(citizen_form_name(alternative(c))), true,
                 ACT_CHOOSE, 1);
        w_hint(f, ACT_CHOOSE, NULL);
    } else if (a->staff_alerts) {
        /* no other way by post: staff say where to go, one touch away */
        w_button(f, y, f->left + 2, bw, "F4", _("Call staff"), true, ACT_CALL_STAFF, 0);
    }
    w_button(f, y, f->left + 4 + bw, bw, "Esc", _("Choose another procedure"), false, ACT_BACK, 0);
    w_hint(f, ACT_BACK, NULL);
    if (p.y > wpage_visible(&p))
        w_hint(f, ACT_PGDN, NULL);
}

static screen_result proc_handle(void *state, app *a, const event *ev)
{
    proc_state *s = state;
    citizen *c = cz(a);
    frame f = w_frame_now();
    wpage p;
    layout(a, &f, 0, &p, true);
    switch (ev->act) {
    case ACT_NEXT:
        if (!dossier_eligible(&c->proc, c->form))
            return SR_(SR_NONE);
        return citizen_advance(a, &screen_procedure);
    case ACT_CHOOSE:
        if (ev->value == 1 && !dossier_eligible(&c->proc, c->form) && alternative(c)) {
            char code[PK_CODE_MAX];
            memcpy(code, c->proc.code, sizeof code);
            c->form = alternative(c);
            citizen_choose(a, code);   /* charge and date depend on the form */
            s->scroll = 0;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    case ACT_DOWN: case ACT_UP: case ACT_PGDN: case ACT_PGUP: case ACT_HOME: case ACT_END:
        return wpage_scroll(&p, &s->scroll, ev->act) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    default:
        return SR_(SR_NONE);
    }
}

const screen_ops screen_procedure = {
    .name = "procedure",
    .state_size = sizeof(proc_state),
    .help = N_("This page lists the papers to bring, the fee and when the result should be "
               "ready. Press Enter to go on, or Esc to choose another procedure."),
    .draw = proc_draw,
    .handle = proc_handle,
};
