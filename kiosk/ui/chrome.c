/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chrome every screen shares, drawn by the app around and over the
 * screen: the header (title, typing method, clock), the hint bar (fed by
 * the key table; the screen's hints on the left, language and call staff
 * on the right, all clickable) and the shared dialogs (staff PIN,
 * call-staff notice, idle countdown). */
#include "chrome.h"

#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "store_lookup.h"
#include "testhook.h"
#include "text.h"
#include "util.h"
#include "widgets.h"

static const char *next_lang_name(void)
{
    int n = 0;
    const char *const *langs = i18n_langs(&n);
    if (n <= 1)
        return NULL;
    const char *cur = i18n_lang();
    int i = 0;
    while (i < n && strcmp(langs[i], cur) != 0)
        i++;
    return i18n_lang_name(langs[(i + 1) % n]);
}

void chrome_header(const app *a, frame *f)
{
    term_fill(0, 0, 1, f->cols, ROLE_HEADER);
    const char *title = a->cfg && a->cfg->post_office[0] ? a->cfg->post_office : _(a->title);
    char right[256];
    char when[32];
    date_local_format(app_now(a), "%H:%M  %d/%m/%Y", when, sizeof when);
    if (f->show_ime)
        /* TRANSLATORS: header: input method, e.g. "Typing: Telex" */
        snprintf(right, sizeof right, "%s %s   %s ", _("Typing:"), _(vnime_method_name(a->ime)),
                 when);
    else
        snprintf(right, sizeof right, "%s ", when);
    if (test_mode_active()) {
        /* a test hook is bending the clock or the timeouts (testhook.h):
         * never to be mistaken for production; for engineers, untranslated */
        char marked[sizeof right];
        snprintf(marked, sizeof marked, "TEST MODE  %.200s", right);
        memcpy(right, marked, sizeof right);
    }
    int rw = text_width(right);
    term_put(0, 1, f->cols - rw - 2, title, ROLE_HEADER);
    term_put(0, f->cols - rw, rw, right, ROLE_HEADER);
}

static int hint_width(const char *key, const char *label)
{
    return text_width(key) + text_width(label) + 4;   /* " key " label " " */
}

static int draw_hint(frame *f, int x, int limit, const char *key, const char *label,
                     const hint *h)
{
    int y = f->rows - 1, x0 = x;
    char k[32];
    snprintf(k, sizeof k, " %s ", key);
    x += term_put(y, x, limit - x, k, ROLE_HINT_KEY);
    x += 1;
    x += term_put(y, x, limit - x, label, ROLE_HINT);
    x += 1;
    /* "1-9 Choose" names keys, the choices are on screen; a dialog's "1"
     * is its own answer */
    if (h->act != ACT_CHOOSE || h->key)
        w_region(f, y, x0, 1, x - x0, h->act, h->value);
    return x;
}

void chrome_hints(const app *a, frame *f)
{
    int y = f->rows - 1;
    term_fill(y, 0, 1, f->cols, ROLE_HINT);
    /* the shared keys on the right, always there */
    hint glob[3];
    int ng = 0;
    if (f->show_ime)
        glob[ng++] = (hint){.act = ACT_IME, .label = _(keys_binding(ACT_IME)->label)};
    const char *ln = next_lang_name();
    if (ln)
        glob[ng++] = (hint){.act = ACT_LANG, .label = ln};
    glob[ng++] = (hint){.act = ACT_CALL_STAFF, .label = _("Call staff")};
    int gw = 0;
    for (int i = 0; i < ng; i++)
        gw += hint_width(keys_binding(glob[i].act)->keyname, glob[i].label);
    int gx = f->cols - gw;
    if (gx < 0)
        gx = 0;
    int x = 0;
    int nh = 0;
    hint hs[FRAME_HINTS + 2];
    bool help = false;
    for (int i = 0; i < f->nhints; i++)
        if (keys_binding(f->hints[i].act)) {
            hs[nh++] = f->hints[i];
            help |= f->hints[i].act == ACT_HELP;
        }
    if (f->nhints == 0)
        hs[nh++] = (hint){.act = ACT_BACK, .label = NULL};
    int auto_help = -1;                          /* Help is on the bar when there is one */
    if (!help && !f->modal && a->help && app_top(a) != a->help && app_top(a) != a->idle_screen) {
        auto_help = nh;
        hs[nh++] = (hint){.act = ACT_HELP, .label = NULL};
    }
    /* too long: keys a person can do without go first (Tab, pages, and
     * "1-9" unless the screen named what the digits do), then F3 (the
     * header names the typing method), then the added Help, then from the
     * end */
    static const action spare[] = {ACT_BACKTAB, ACT_TAB, ACT_PGUP, ACT_PGDN, ACT_CHOOSE};
    for (;;) {
        int w = 0;
        for (int i = 0; i < nh; i++) {
            const key_binding *kb = keys_binding(hs[i].act);
            w += hint_width(hs[i].key ? hs[i].key : kb->keyname,
                            _(hs[i].label ? hs[i].label : kb->label));
        }
        if (w <= gx || nh == 0)
            break;
        int drop = -1;
        for (size_t k = 0; k < PK_ARRAY_LEN(spare) && drop < 0; k++)
            for (int i = 0; i < nh; i++)
                if (hs[i].act == spare[k] && (spare[k] != ACT_CHOOSE || !hs[i].label))
                    drop = i;
        if (drop < 0 && ng > 0 && glob[0].act == ACT_IME) {
            gx += hint_width(keys_binding(ACT_IME)->keyname, glob[0].label);
            memmove(&glob[0], &glob[1], (size_t)(ng - 1) * sizeof glob[0]);
            ng--;
            continue;
        }
        if (drop < 0 && auto_help >= 0)
            drop = auto_help;
        if (drop < 0)
            drop = nh - 1;
        if (drop < auto_help)
            auto_help--;
        else if (drop == auto_help)
            auto_help = -1;
        memmove(&hs[drop], &hs[drop + 1], (size_t)(nh - drop - 1) * sizeof hs[0]);
        nh--;
    }
    for (int i = 0; i < nh; i++) {
        const key_binding *kb = keys_binding(hs[i].act);
        const char *label = _(hs[i].label ? hs[i].label : kb->label);
        const char *key = hs[i].key ? hs[i].key : kb->keyname;
        if (x + hint_width(key, label) > gx)
            break;
        x = draw_hint(f, x, gx, key, label, &hs[i]);
    }
    for (int i = 0; i < ng; i++)
        gx = draw_hint(f, gx, f->cols, keys_binding(glob[i].act)->keyname, glob[i].label,
                       &glob[i]);
}

void chrome_overlays(const app *a, frame *f)
{
    char body[512];
    int left = app_countdown(a);
    if (a->pin_open) {
        char dots[96] = "";
        for (int i = 0; i < a->pin.len && i < 30; i++)
            strcat(dots, "\xe2\x97\x8f");
        char why[160] = "";
        int64_t wait = a->pin_wait_until - app_now(a);
        if (!a->pin_answered)
            ;
        else if (a->pin_result == STAFF_PIN_UNSET)
            str_copy(why, sizeof why, _("No staff PIN is set."));
        else if (a->pin_result < 0)
            str_copy(why, sizeof why, _(pk_err_msg(PK_EIO)));
        else if (wait > 60)
            snprintf(why, sizeof why, _("Locked after wrong PINs: wait %d min."),
                     (int)((wait + 59) / 60));
        else if (wait > 0)
            snprintf(why, sizeof why,
                     ngettext("Wrong PIN. Try again in %d second.",
                              "Wrong PIN. Try again in %d seconds.", (unsigned long)wait),
                     (int)wait);
        else
            str_copy(why, sizeof why, _("Wrong PIN."));
        snprintf(body, sizeof body, "%s\n\n%s %s\n%s",
                 _("Staff only. Type the PIN, then press Enter. Esc cancels."), _("PIN:"), dots,
                 why);
        w_dialog(f, _("Staff"), body, NULL, 0, ROLE_DIALOG);
    } else if (a->staff_notice) {
        static const w_dlg_button ok[] = {{"Enter", N_("Close"), ACT_NEXT, 0}};
        w_dlg_button b = ok[0];
        b.label = _(ok[0].label);
        w_dialog(f, _("Staff has been called"),
                 _("Please wait here. A member of staff is coming to help you."), &b, 1,
                 ROLE_BANNER);
    } else if (left >= 0) {
        snprintf(body, sizeof body,
                 ngettext("Are you still there? For your privacy, everything you entered will be "
                          "erased in %d second. Press any key to continue.",
                          "Are you still there? For your privacy, everything you entered will be "
                          "erased in %d seconds. Press any key to continue.",
                          (unsigned long)left),
                 left);
        w_dialog(f, _("Still there?"), body, NULL, 0, ROLE_BANNER);
    }
}
