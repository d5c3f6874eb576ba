/* SPDX-License-Identifier: GPL-3.0-or-later */
/* F1 on any clerk screen: that screen's own help text (its .help), then the
 * keys from the key table. Esc, Enter or F1 close it. Not the citizen's
 * help (no "call staff", no reassurance for citizens). */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "text.h"

typedef struct {
    const screen_ops *from;
    int scroll;
} help_state;

static void help_enter(void *state, app *a, const void *arg)
{
    (void)a;
    help_state *s = state;
    s->from = arg;
}

static void layout(const help_state *s, frame *f, int top, int scroll, wpage *p, bool measure)
{
    int w = f->width - 4 < 76 ? f->width - 4 : 76;
    wpage_begin(p, f, top, f->top + f->height, f->left + 2, w, scroll, measure);
    if (s->from && s->from->help) {
        wpage_text(p, _("About this screen"), ROLE_TITLE);
        wpage_text(p, _(s->from->help), ROLE_NORMAL);
        wpage_gap(p);
    }
    wpage_text(p, _("Keys"), ROLE_TITLE);
    int n = 0;
    const key_binding *kb = keys_table(&n);
    for (int i = 0; i < n; i++) {
        char keys[64];
        snprintf(keys, sizeof keys, "%s", kb[i].keyname);
        while (i + 1 < n && kb[i + 1].act == kb[i].act) {
            i++;
            size_t len = strlen(keys);
            snprintf(keys + len, sizeof keys - len, " / %s", kb[i].keyname);
        }
        int pad = 14 - text_width(keys);
        char padded[96];
        snprintf(padded, sizeof padded, "  %s%*s", keys, pad > 0 ? pad : 1, "");
        wpage_item(p, padded, _(kb[i].label), ROLE_NORMAL);
    }
}

static void help_draw(const void *state, const app *a, frame *f)
{
    const help_state *s = state;
    int y = clerk_header(a, f, _("Help"));
    wpage p;
    layout(s, f, y, s->scroll, &p, false);
    wpage_end(&p);
    w_hint(f, ACT_BACK, N_("Close help"));
    if (p.y > wpage_visible(&p))
        w_hint(f, ACT_PGDN, NULL);
}

static screen_result help_handle(void *state, app *a, const event *ev)
{
    help_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    switch (ev->act) {
    case ACT_BACK:
    case ACT_NEXT:
    case ACT_HELP:
        return SR_(SR_POP);
    default:
        break;
    }
    frame f = w_frame_now();
    wpage p;
    layout(s, &f, f.top + 2, 0, &p, true);
    int max = p.y - wpage_visible(&p);
    if (!clerk_scroll(&s->scroll, ev))
        return SR_(SR_NONE);
    if (s->scroll > max)
        s->scroll = max > 0 ? max : 0;
    return SR_(SR_REDRAW);
}

const screen_ops screen_clerk_help = {
    .name = "clerk_help",
    .state_size = sizeof(help_state),
    .help = NULL,
    .enter = help_enter,
    .draw = help_draw,
    .handle = help_handle,
};
