/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Help: what this step is for, the keys (from the key table itself), how
 * to call staff, and why sending papers by post is safe. The page itself
 * is help_page, shared with the clerk's F1 (clerk_help.c). */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "help_page.h"
#include "i18n.h"
#include "text.h"

static void layout(const help_page *h, const app *a, frame *f, int top, int scroll, wpage *p,
                   bool measure)
{
    int w = f->width - 4 < 76 ? f->width - 4 : 76;
    int x = h->clerk ? f->left + 2 : f->left + (f->width - w) / 2;
    wpage_begin(p, f, top, f->top + f->height, x, w, scroll, measure);
    const char *about = h->from && h->from->help_now ? h->from->help_now(a) : NULL;
    if (!about && h->from)
        about = h->from->help;
    if (about) {
        wpage_text(p, h->clerk ? _("About this screen") : _("About this step"), ROLE_TITLE);
        wpage_text(p, _(about), ROLE_NORMAL);
        wpage_gap(p);
    }
    if (!h->clerk) {
        wpage_text(p, _("Need a person?"), ROLE_TITLE);
        wpage_text(p, _("Press F4 at any time. A member of staff will come to help you."), ROLE_NORMAL);
        wpage_gap(p);
        wpage_text(p, _("Why your papers are safe by post"), ROLE_TITLE);
        wpage_item(p, "\xe2\x80\xa2 ", _("Your papers are counted with you and sealed in front of you."), ROLE_NORMAL);
        wpage_item(p, "\xe2\x80\xa2 ", _("Every original is listed on a slip that you and the postal worker both sign."), ROLE_NORMAL);
        wpage_item(p, "\xe2\x80\xa2 ", _("Your receipt has a number to follow your dossier at any time."), ROLE_NORMAL);
        wpage_item(p, "\xe2\x80\xa2 ", _("If the post office loses or damages your papers, it must compensate you."), ROLE_NORMAL);
        wpage_gap(p);
    }
    wpage_text(p, _("Keys"), ROLE_TITLE);
    int n = 0;
    const key_binding *kb = keys_table(&n);
    for (int i = 0; i < n; i++) {
        if (kb[i].act == ACT_SEEN && !h->clerk)
            continue;             /* the clerk's key for a call for staff */
        char keys[64];
        snprintf(keys, sizeof keys, "%s", kb[i].keyname);
        while (i + 1 < n && kb[i + 1].act == kb[i].act) {
            i++;
            size_t len = strlen(keys);
            snprintf(keys + len, sizeof keys - len, " / %s", kb[i].keyname);
        }
        char bullet[80];
        snprintf(bullet, sizeof bullet, "  %-10s", keys);
        /* pad by columns: the arrows are one column but three bytes */
        int pad = 14 - text_width(bullet);
        char padded[96];
        snprintf(padded, sizeof padded, "%s%*s", bullet, pad > 0 ? pad : 1, "");
        wpage_item(p, padded, _(kb[i].label), ROLE_NORMAL);
    }
    if (!h->clerk) {
        wpage_gap(p);
        wpage_text(p, _("Your personal data"), ROLE_TITLE);
        wpage_text(p, _("Your data is used only for your dossier. It is never printed in full on the receipt and is erased from this screen when you finish or leave."), ROLE_NORMAL);
    }
}

void help_page_draw(const help_page *h, const app *a, frame *f, int top)
{
    wpage p;
    layout(h, a, f, top, h->scroll, &p, false);
    wpage_end(&p);
    w_hint(f, ACT_BACK, N_("Close help"));
    if (p.y > wpage_visible(&p))
        w_hint(f, ACT_PGDN, NULL);
}

screen_result help_page_handle(help_page *h, const app *a, const event *ev, int top)
{
    frame f = w_frame_now();
    wpage p;
    layout(h, a, &f, top, 0, &p, true);
    if (ev->act == ACT_BACK || ev->act == ACT_NEXT || ev->act == ACT_HELP)
        return SR_(SR_POP);
    return wpage_scroll(&p, &h->scroll, ev->act) ? SR_(SR_REDRAW) : SR_(SR_NONE);
}

/* ---- the citizen's help screen ------------------------------------------------ */

static void help_enter(void *state, app *a, const void *arg)
{
    (void)a;
    help_page *h = state;
    h->from = arg;
}

static void help_draw(const void *state, const app *a, frame *f)
{
    w_center(f, f->top + 1, f->left, f->width, _("Help"), ROLE_TITLE);
    help_page_draw(state, a, f, f->top + 3);
}

static screen_result help_handle(void *state, app *a, const event *ev)
{
    frame f = w_frame_now();
    return help_page_handle(state, a, ev, f.top + 3);
}

const screen_ops screen_help = {
    .name = "help",
    .state_size = sizeof(help_page),
    .help = NULL,
    .enter = help_enter,
    .draw = help_draw,
    .handle = help_handle,
};
