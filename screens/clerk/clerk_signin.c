/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk sign-in: clerk ID and PIN (shown as dots). Five wrong PINs lock the
 * account for five minutes (counted in the database, so a restart does not
 * reset it); every attempt is logged. The root of the clerk workstation:
 * Esc here would end the program, so it asks first (1 quits, Esc stays),
 * the same on the first sign-in and after a sign-out: a clerk coming back
 * to a screen signed out for inactivity and pressing Esc out of habit
 * finds the workstation still there. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

typedef struct {
    tfield id, pin;
    int focus;                 /* 0 id, 1 pin */
    const char *msg;           /* msgid */
    int64_t wait;              /* seconds of lock left, for the message */
    bool quitting;             /* Esc pressed: asking whether to quit */
} signin_state;

static void signin_enter(void *state, app *a, const void *arg)
{
    (void)a;
    (void)arg;
    signin_state *s = state;
    tf_init(&s->id, TF_ASCII, AUTH_ID_MAX - 1);
    tf_init(&s->pin, TF_SECRET, AUTH_PIN_MAX);
}

static void signin_leave(void *state, app *a)
{
    (void)a;
    signin_state *s = state;
    tf_wipe(&s->id);
    tf_wipe(&s->pin);
}

/* Over the screen and in the hint bar: what quits and what stays. */
static void draw_quit(const signin_state *s, frame *f)
{
    if (!s->quitting) {
        w_hint(f, ACT_BACK, N_("Quit"));
        return;
    }
    w_hint(f, ACT_BACK, N_("No, stay"));
    w_dlg_button b[2] = {{"1", _("Yes, quit"), ACT_CHOOSE, 1},
                         {"Esc", _("No, stay"), ACT_BACK, 0}};
    w_dialog(f, _("Quit the clerk workstation?"),
             _("Nobody can sign in at this workstation until it is started again."), b, 2,
             ROLE_DIALOG);
}

static void signin_draw(const void *state, const app *a, frame *f)
{
    const signin_state *s = state;
    const clerk_ui *ui = clerk_of(a);
    int w = f->width - 4 < 64 ? f->width - 4 : 64;
    int x = f->left + (f->width - w) / 2;
    int y = clerk_header(a, f, _("Clerk sign-in"));
    y += w_text(f, y, x, w, 2, _("Please sign in with your clerk ID and PIN."), ROLE_NORMAL) + 1;
    if (!ui->auth_ok) {
        w_text(f, y, x, w, 4, _("The PIN pepper file cannot be read: nobody can sign in. "
                                "Please call the administrator."), ROLE_ERROR);
        draw_quit(s, f);
        return;
    }
    tf_draw_labeled(f, &s->id, y, x, w, _("Clerk ID"), NULL, false, s->focus == 0, 0);
    y += 3;
    char msg[200] = "";
    if (s->msg && s->wait > 0)
        snprintf(msg, sizeof msg,
                 _("Locked after wrong PINs: wait %d min."),
                 (int)((s->wait + 59) / 60));
    else if (s->msg)
        str_copy(msg, sizeof msg, _(s->msg));
    tf_draw_labeled(f, &s->pin, y, x, w, _("PIN"), msg[0] ? msg : _("6 to 12 digits"),
                    msg[0] != '\0', s->focus == 1, 1);
    if (!s->quitting) {        /* while asking, only the two answers */
        w_hint(f, ACT_NEXT, s->focus == 0 ? N_("Next") : N_("Sign in"));
        w_hint(f, ACT_TAB, N_("Next field"));
    }
    draw_quit(s, f);
}

static screen_result submit(signin_state *s, app *a)
{
    clerk_ui *ui = clerk_of(a);
    int64_t left = 0;
    pk_err e = store_clerk_sign_in(a->db, &ui->auth, s->id.buf, s->pin.buf, app_now(a),
                                   a->cfg ? a->cfg->clerk_timeout : 120, &ui->sess, &left);
    tf_wipe(&s->pin);
    s->wait = left;
    if (e == PK_OK) {
        s->msg = NULL;
        ui->flash[0] = '\0';
        return SR_TO(SR_PUSH, &screen_clerk_menu, NULL);
    }
    if (left > 0)
        s->msg = N_("Locked.");
    else if (e == PK_EPERM)
        s->msg = N_("Wrong clerk ID or PIN, or the account is disabled.");
    else
        s->msg = pk_err_msg(e);
    term_beep();
    s->focus = 1;
    return SR_(SR_REDRAW);
}

static screen_result signin_handle(void *state, app *a, const event *ev)
{
    signin_state *s = state;
    clerk_ui *ui = clerk_of(a);
    if (ev->act == ACT_TICK)
        return SR_(SR_NONE);
    if (s->quitting) {         /* 1 quits, Esc stays; nothing else answers */
        if (ev->act == ACT_CHOOSE && ev->value == 1)
            return SR_(SR_QUIT);
        if (ev->act == ACT_BACK) {
            s->quitting = false;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    }
    if (ev->act == ACT_BACK) {
        s->quitting = true;
        return SR_(SR_REDRAW);
    }
    if (!ui->auth_ok)
        return SR_(SR_NONE);
    if (ev->act == ACT_SCAN)
        return SR_(SR_NONE);   /* no lookups before signing in */
    tfield *t = s->focus == 0 ? &s->id : &s->pin;
    if (ev->act == ACT_PICK && ev->value >= 0 && ev->value <= 1) {
        s->focus = ev->value;
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_TAB || ev->act == ACT_BACKTAB || ev->act == ACT_DOWN || ev->act == ACT_UP) {
        s->focus = 1 - s->focus;
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_NEXT) {
        if (s->focus == 0) {
            s->focus = 1;
            return SR_(SR_REDRAW);
        }
        if (!s->id.buf[0]) {
            s->focus = 0;
            return SR_(SR_REDRAW);
        }
        return submit(s, a);
    }
    if (tf_handle(t, ev, IME_OFF)) {
        s->msg = NULL;
        return SR_(SR_REDRAW);
    }
    return SR_(SR_NONE);
}

const screen_ops screen_clerk_signin = {
    .name = "clerk_signin",
    .state_size = sizeof(signin_state),
    .help = N_("Type your clerk ID, press Enter, type your PIN and press Enter. After five wrong "
               "PINs the account is locked for five minutes."),
    .enter = signin_enter,
    .leave = signin_leave,
    .draw = signin_draw,
    .handle = signin_handle,
};
