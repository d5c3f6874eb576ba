/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Consent: what personal data is asked for, by whom, why, for how long,
 * and the citizen's rights; accepted explicitly (nothing is pre-selected).
 * Declining ends the session: nothing is stored, everything is wiped. */
#include <stdio.h>

#include "citizen.h"
#include "i18n.h"

enum { CHOICES = 4 };   /* agree, decline, text messages, e-mails */

typedef struct {
    int focus;        /* 0 = nothing chosen yet; 1..CHOICES */
    int scroll;
    bool declined;    /* shows the closing dialog */
} consent_state;

static void layout(const app *a, frame *f, int scroll, wpage *p, bool measure)
{
    const citizen *c = cz(a);
    int w = f->width - 4 < 76 ? f->width - 4 : 76;
    int x = f->left + (f->width - w) / 2;
    wpage_begin(p, f, f->top + 3, f->top + f->height - 9, x, w, scroll, measure);
    char buf[768];
    wpage_text(p, _("To register your dossier we need your name, ID number and phone number, and your address if the result is sent to you."), ROLE_NORMAL);
    snprintf(buf, sizeof buf, _("Who uses them: this post office and the agency that handles your procedure (%s)."),
             c->have_proc ? citizen_pick(c->proc.agency, c->proc.agency_en) : "");
    wpage_item(p, "\xe2\x80\xa2 ", buf, ROLE_NORMAL);
    wpage_item(p, "\xe2\x80\xa2 ", _("Why: only to carry your dossier, return the result and tell you about it."), ROLE_NORMAL);
    wpage_item(p, "\xe2\x80\xa2 ", _("How long: 5 years, as the law on postal records requires; then they are erased."), ROLE_NORMAL);
    if (a->cfg && a->cfg->hotline[0]) {
        snprintf(buf, sizeof buf, _("Your rights: you may see, correct or ask to delete your data at the counter or by phone (%s)."),
                 a->cfg->hotline);
        wpage_item(p, "\xe2\x80\xa2 ", buf, ROLE_NORMAL);
    } else {
        wpage_item(p, "\xe2\x80\xa2 ", _("Your rights: you may see, correct or ask to delete your data at the counter."), ROLE_NORMAL);
    }
    wpage_item(p, "\xe2\x80\xa2 ", _("Your full ID number is never printed on the receipt, and the QR code holds no personal data."), ROLE_NORMAL);
}

static void consent_draw(const void *state, const app *a, frame *f)
{
    const consent_state *s = state;
    const citizen *c = cz(a);
    int n, m;
    citizen_step(a, &screen_consent, &n, &m);
    w_progress(f, f->top, n, m, _("Your personal data"));
    wpage p;
    layout(a, f, s->scroll, &p, false);
    wpage_end(&p);
    int w = f->width - 4 < 76 ? f->width - 4 : 76;
    int x = f->left + (f->width - w) / 2;
    int y = f->top + f->height - 8;
    w_choice(f, y, x, w, 1, _("I agree: use my data for this dossier"), s->focus == 1);
    w_choice(f, y + 2, x, w, 2, _("I do not agree: stop here, nothing is kept"), s->focus == 2);
    /* one box per channel: messages go only where the citizen said */
    char sms[256], mail[256];
    snprintf(sms, sizeof sms, "%s %s", c->consent_sms ? "[\xe2\x9c\x93]" : "[ ]",
             _("Also send me text messages about my dossier (optional)"));
    w_choice(f, y + 4, x, w, 3, sms, s->focus == 3);
    snprintf(mail, sizeof mail, "%s %s", c->consent_email ? "[\xe2\x9c\x93]" : "[ ]",
             _("Also send me e-mails about my dossier (optional)"));
    w_choice(f, y + 6, x, w, 4, mail, s->focus == 4);
    w_hint(f, ACT_CHOOSE, NULL);
    w_hint(f, ACT_BACK, NULL);
    if (s->declined) {
        w_dlg_button b = {"Enter", _("Back to the start"), ACT_NEXT, 0};
        w_dialog(f, _("Nothing was kept"),
                 _("Without your agreement a dossier cannot be registered here. Nothing you "
                   "entered has been stored. You can still hand in your papers at the agency "
                   "itself."),
                 &b, 1, ROLE_DIALOG);
    }
}

static screen_result pick(consent_state *s, app *a, int k)
{
    citizen *c = cz(a);
    switch (k) {
    case 1:
        c->consent = true;
        return citizen_advance(a, &screen_consent);
    case 2:
        c->consent = false;
        s->declined = true;
        return SR_(SR_REDRAW);
    case 3:
        c->consent_sms = !c->consent_sms;
        s->focus = 3;
        return SR_(SR_REDRAW);
    case 4:
        c->consent_email = !c->consent_email;
        s->focus = 4;
        return SR_(SR_REDRAW);
    default:
        return SR_(SR_NONE);
    }
}

static screen_result consent_handle(void *state, app *a, const event *ev)
{
    consent_state *s = state;
    if (s->declined) {
        /* any key (or the button) ends the session and wipes it */
        if (ev->act == ACT_TICK || ev->act == ACT_HELP)
            return SR_(SR_NONE);
        return SR_(SR_HOME);
    }
    frame f = w_frame_now();
    wpage p;
    layout(a, &f, 0, &p, true);
    switch (ev->act) {
    case ACT_CHOOSE:
        s->focus = ev->value >= 1 && ev->value <= CHOICES ? ev->value : s->focus;
        return pick(s, a, ev->value);
    case ACT_TAB: case ACT_DOWN:
        s->focus = s->focus % CHOICES + 1;
        return SR_(SR_REDRAW);
    case ACT_BACKTAB: case ACT_UP:
        s->focus = s->focus <= 1 ? CHOICES : s->focus - 1;
        return SR_(SR_REDRAW);
    case ACT_PGDN: case ACT_PGUP:   /* the arrows move between the choices */
        return wpage_scroll(&p, &s->scroll, ev->act) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    case ACT_NEXT:
        return pick(s, a, s->focus);   /* nothing happens until a choice is pointed at */
    default:
        return SR_(SR_NONE);
    }
}

const screen_ops screen_consent = {
    .name = "consent",
    .state_size = sizeof(consent_state),
    .help = N_("Read how your personal data will be used. Press 1 to agree and go on, or 2 "
               "to stop: nothing is kept if you stop. Press 3 for text messages and 4 for "
               "e-mails about your dossier."),
    .draw = consent_draw,
    .handle = consent_handle,
};
