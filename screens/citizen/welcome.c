/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Welcome: a calm title, what the kiosk does, five choices, the language,
 * and a printer notice before anyone starts. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"
#include "text.h"

enum { CHOICES = 5, LANG_FIRST = 6, PRINTER_CHECK_MS = 15000 };

typedef struct {
    int focus;                 /* 1..CHOICES */
    printer_state pst;
    int64_t checked_ms;
} welcome_state;

static const char *const choices[CHOICES] = {
    N_("Send a dossier by post"),
    N_("Receive a result by post"),
    N_("Both: send the dossier and receive the result"),
    N_("Track my dossier"),
    N_("Help"),
};

static void check_printer(welcome_state *s, app *a)
{
    s->pst = a->pr ? printer_status(a->pr) : PST_OFFLINE;
    s->checked_ms = a->now_ms;
}

static void welcome_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    welcome_state *s = state;
    s->focus = 1;
    check_printer(s, a);
}

static bool printer_blocked(printer_state pstate)
{
    return pstate == PST_PAPER_OUT || pstate == PST_COVER_OPEN || pstate == PST_OFFLINE;
}

static void welcome_draw(const void *state, const app *a, frame *f)
{
    const welcome_state *s = state;
    int w = f->width - 4 < 64 ? f->width - 4 : 64;
    int x = f->left + (f->width - w) / 2;
    int n = 0;
    const char *const *langs = i18n_langs(&n);
    /* a printer that cannot report its status is judged by the last
     * receipt: one that failed or was not confirmed is told before the
     * next citizen starts */
    bool last_failed = a->last_receipt != PK_OK && s->pst != PST_OK;
    bool damaged = a->db && store_damaged(a->db);
    bool notice = (s->pst != PST_OK && s->pst != PST_UNKNOWN) || last_failed || damaged;
    bool blocked = printer_blocked(s->pst) || last_failed || damaged;
    char buf[512] = "";
    int nl = 0;
    if (damaged) {   /* the idle check found the database damaged (app.c) */
        snprintf(buf, sizeof buf, "! %s",
                 _("This kiosk cannot take new dossiers now: its records failed a check and "
                   "staff have been told. You can still track a dossier."));
        nl = w_text_lines(buf, w, 4);
    } else if (notice) {
        const char *state_msg = printer_blocked(s->pst) || !last_failed
                                    ? _(printer_state_msg(s->pst))
                                    : _("The last receipt was not printed.");
        const char *what = blocked
                               ? _("You can still register: staff will print your receipt at the counter.")
                               : "";
        snprintf(buf, sizeof buf, "! %s %s", state_msg, what);
        nl = w_text_lines(buf, w, 4);
    }
    int h = 4 + CHOICES * 2 + (notice ? nl + 1 : 0) + (n > 1 ? 2 : 0) + 1;
    int gap = f->height - h > 2 ? (f->height - h) / 3 : 0;
    int y = f->top + gap;

    w_center(f, y, f->left, f->width, _("Send and receive administrative papers by post"),
             ROLE_TITLE);
    w_center(f, y + 1, f->left, f->width, _("Public postal service for administrative procedures"),
             ROLE_DIM);
    y += 3;
    term_put(y, x, w, _("What would you like to do? Press a number, or touch a line."),
             ROLE_NORMAL);
    y += 2;
    for (int i = 0; i < CHOICES; i++, y += 2)
        w_choice(f, y, x, w, i + 1, _(choices[i]), s->focus == i + 1);
    if (notice) {
        w_text(f, y, x, w, nl, buf, blocked ? ROLE_ERROR : ROLE_WARN);
        y += nl + 1;
    }
    if (n > 1) {
        int lx = x;
        lx += term_put(y, lx, w, _("Language:"), ROLE_NORMAL) + 1;
        for (int i = 0; i < n && i < 4; i++) {
            const char *name = i18n_lang_name(langs[i]);
            bool cur = strcmp(langs[i], i18n_lang()) == 0;
            char label[96];
            snprintf(label, sizeof label, "%s%s", name, cur ? " \xe2\x9c\x93" : "");
            char key[4];
            snprintf(key, sizeof key, "%d", LANG_FIRST + i);
            int bw = text_width(label) + 6;
            if (lx + bw > x + w)
                break;
            w_button(f, y, lx, bw, key, label, cur, ACT_CHOOSE, LANG_FIRST + i);
            lx += bw + 1;
        }
        y += 2;
    }
    /* the spoken prompts' toggle: for whoever cannot read this screen */
    const char *spoken = voice_state(a);
    int vw = text_width(spoken) + 8;
    w_button(f, y, x, vw < w ? vw : w, "F6", spoken, a->voice.on, ACT_SPEECH, 0);
    w_hint(f, ACT_CHOOSE, NULL);
    w_hint(f, ACT_NEXT, N_("Open"));
}

static screen_result choose(welcome_state *s, app *a, int k)
{
    citizen *c = cz(a);
    switch (k) {
    case 1: case 2: case 3:
        if (a->db && store_damaged(a->db))
            return SR_(SR_REDRAW);   /* no new dossier: the notice says why */
        c->form = k == 1 ? FORM_SEND : k == 2 ? FORM_RETURN : FORM_BOTH;
        c->asked_form = c->form;
        return SR_TO(SR_PUSH, &screen_procedures, NULL);
    case 4: return SR_TO(SR_PUSH, &screen_track, NULL);
    case 5: return SR_TO(SR_PUSH, &screen_help, &screen_welcome);
    default: break;
    }
    int n = 0;
    const char *const *langs = i18n_langs(&n);
    if (k >= LANG_FIRST && k - LANG_FIRST < n && k - LANG_FIRST < 4) {
        app_set_lang(a, langs[k - LANG_FIRST]);
        return SR_(SR_REDRAW);
    }
    (void)s;
    return SR_(SR_NONE);
}

static screen_result welcome_handle(void *state, app *a, const event *ev)
{
    welcome_state *s = state;
    switch (ev->act) {
    case ACT_CHOOSE:
        s->focus = ev->value >= 1 && ev->value <= CHOICES ? ev->value : s->focus;
        return choose(s, a, ev->value);
    case ACT_UP: case ACT_BACKTAB:
        s->focus = s->focus > 1 ? s->focus - 1 : CHOICES;
        return SR_(SR_REDRAW);
    case ACT_DOWN: case ACT_TAB:
        s->focus = s->focus < CHOICES ? s->focus + 1 : 1;
        return SR_(SR_REDRAW);
    case ACT_NEXT:
        return choose(s, a, s->focus);
    case ACT_TICK:
        if (a->db) {
            /* the list's first rows counted while no one waits: after a
             * registration, counting them again takes a few ms at a
             * million dossiers, which the next citizen's key would pay
             * (an error shows when the list opens and counts again) */
            bool counted;
            (void)store_procedures_first_warm(a->db, app_now(a), CZ_FIRST_MOST, &counted);
        }
        if (a->now_ms - s->checked_ms >= PRINTER_CHECK_MS) {
            printer_state old = s->pst;
            check_printer(s, a);
            return s->pst != old ? SR_(SR_REDRAW) : SR_(SR_NONE);
        }
        return SR_(SR_NONE);
    default:
        return SR_(SR_NONE);
    }
}

const screen_ops screen_welcome = {
    .name = "welcome",
    .state_size = sizeof(welcome_state),
    .help = N_("Choose what you want to do. To send papers to an office, choose 1. If you "
               "already handed in your papers and want the result sent home, choose 2. To "
               "see where your dossier is, choose 4."),
    .enter = welcome_enter,
    .draw = welcome_draw,
    .handle = welcome_handle,
};
