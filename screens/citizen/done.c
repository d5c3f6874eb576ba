/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Done: the dossier is already committed (review did it); now the receipt
 * is printed. What the screen says is what the printer said: printed only
 * when it confirmed the job; "did not confirm" when the job went out but
 * no confirmation came (the paper may or may not be there: staff check);
 * "could not be printed" when nothing was sent. Each keeps the dossier and
 * says so. Then the reference, big, with what to do next; home after 30
 * seconds. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"
#include "money.h"
#include "receipt.h"

enum { DONE_SECONDS = 30, GRACE_MS = 2000 };

typedef struct {
    int64_t shown_ms;
} done_state;

static void done_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    done_state *s = state;
    citizen *c = cz(a);
    s->shown_ms = a->now_ms;
    c->print_msg[0] = '\0';
    if (!a->pr) {
        c->print_err = a->last_receipt = PK_EPRINTER;
        snprintf(c->print_msg, sizeof c->print_msg, "%s", N_("The printer is not ready."));
        return;
    }
    /* the dossier is durable already; the job row stays for the clerk if this fails */
    c->print_err = receipt_print(a->pr, a->db, a->cfg, &c->done, c->job_id, c->print_msg,
                                 sizeof c->print_msg);
    a->last_receipt = c->print_err;
}

static void done_draw(const void *state, const app *a, frame *f)
{
    const done_state *s = state;
    const citizen *c = cz(a);
    int w = f->width - 4 < 90 ? f->width - 4 : 90;
    int x = f->left + (f->width - w) / 2;
    int y = f->top + 1;
    char buf[768];
    snprintf(buf, sizeof buf, "\xe2\x9c\x93 %s", _("Your dossier is registered"));
    w_center(f, y, f->left, f->width, buf, ROLE_OK);
    y += 2;
    w_center(f, y++, f->left, f->width, _("Your dossier number:"), ROLE_NORMAL);
    y += w_big(f, y, c->done.ref, ROLE_BIG);
    snprintf(buf, sizeof buf, "%s   \xc2\xb7   %s %s", c->done.ref, _("Postal number:"), c->done.s10);
    w_center(f, y, f->left, f->width, buf, ROLE_TITLE);
    y += 2;
    if (c->print_err == PK_OK) {
        y += w_text(f, y, x, w, 2, _("Please take your receipt from the printer."), ROLE_OK);
    } else if (c->print_err == PK_EUNCONFIRMED) {
        char then[256];
        snprintf(then, sizeof then,
                 _("Please ask staff for your receipt. Your dossier is saved with number %s."),
                 c->done.ref);
        snprintf(buf, sizeof buf, "%s %s %s", _("The printer did not confirm your receipt:"),
                 c->print_msg[0] ? _(c->print_msg) : _(pk_err_msg(c->print_err)), then);
        y += w_text(f, y, x, w, 4, buf, ROLE_ERROR);
    } else {
        snprintf(buf, sizeof buf, "%s %s %s", _("The receipt could not be printed:"),
                 c->print_msg[0] ? _(c->print_msg) : _(pk_err_msg(c->print_err)),
                 _("Your dossier is saved. Staff will print your receipt at the counter."));
        y += w_text(f, y, x, w, 3, buf, ROLE_ERROR);
    }
    y++;
    char money[48];
    money_format(c->done.fee_total, NULL, money, sizeof money);
    if (c->form != FORM_RETURN)
        snprintf(buf, sizeof buf,
                 _("Next: bring your papers and this number to the counter. The papers are "
                   "checked and sealed in front of you, and you pay %s there."),
                 money);
    else
        snprintf(buf, sizeof buf,
                 _("Next: show this number at the counter and pay %s. The result will be "
                   "sent to your address."),
                 money);
    y += w_text(f, y, x, w, 3, buf, ROLE_NORMAL);
    char date[32];
    citizen_date(c->done.expected_date, date, sizeof date);
    if (c->print_err == PK_OK)
        snprintf(buf, sizeof buf,
                 _("Keep your receipt. Expected result: around %s. To follow your dossier, "
                   "choose \"Track my dossier\" on this kiosk."),
                 date);
    else    /* no receipt in hand: the number on the screen is what to keep */
        snprintf(buf, sizeof buf,
                 _("Write down your dossier number. Expected result: around %s. To follow "
                   "your dossier, choose \"Track my dossier\" on this kiosk."),
                 date);
    y += w_text(f, y, x, w, 3, buf, ROLE_NORMAL);
    int left = DONE_SECONDS - (int)((a->now_ms - s->shown_ms) / 1000);
    if (left < 0)
        left = 0;
    snprintf(buf, sizeof buf,
             ngettext("This screen closes in %d second. Press Enter to finish now.",
                      "This screen closes in %d seconds. Press Enter to finish now.", (unsigned long)left),
             left);
    term_put(f->top + f->height - 1, x, w, buf, ROLE_DIM);
    w_hint(f, ACT_NEXT, N_("Finish"));
}

static screen_result done_handle(void *state, app *a, const event *ev)
{
    done_state *s = state;
    switch (ev->act) {
    case ACT_NEXT: case ACT_BACK:
        /* a double press on Confirm must not hide the number at once */
        if (a->now_ms - s->shown_ms < GRACE_MS)
            return SR_(SR_NONE);
        return SR_(SR_HOME);     /* never back into the committed form */
    case ACT_TICK:
        if (a->now_ms - s->shown_ms >= DONE_SECONDS * 1000)
            return SR_(SR_HOME);
        return SR_(SR_REDRAW);
    default:
        return SR_(SR_NONE);
    }
}

/* Help tells what the screen tells: no receipt to take when none printed. */
static const char *done_help_now(const app *a)
{
    const citizen *c = cz(a);
    if (c->print_err == PK_OK)
        return NULL;
    if (c->print_err == PK_EUNCONFIRMED)
        return N_("Your dossier is saved. The printer did not confirm your receipt: ask staff "
                  "for it. Write down your dossier number, then bring your papers to the "
                  "counter.");
    return N_("Your dossier is saved, but the receipt could not be printed. Write down your "
              "dossier number: staff will print your receipt at the counter, where you bring "
              "your papers.");
}

const screen_ops screen_done = {
    .name = "done",
    .state_size = sizeof(done_state),
    .help = N_("Your dossier is saved. Take your receipt and bring your papers to the counter."),
    .help_now = done_help_now,
    .enter = done_enter,
    .draw = done_draw,
    .handle = done_handle,
};
