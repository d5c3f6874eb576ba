/* SPDX-License-Identifier: GPL-3.0-or-later */
/* F1 on any clerk screen: that screen's own help text (its .help), then the
 * keys from the key table, on the help page the citizen's help draws too
 * (help_page.h) without the citizen's paragraphs (no "call staff", no
 * reassurance for citizens). Esc, Enter or F1 close it. */
#include "clerk.h"
#include "help_page.h"
#include "i18n.h"

static void help_enter(void *state, app *a, const void *arg)
{
    (void)a;
    help_page *h = state;
    h->from = arg;
    h->clerk = true;
}

static void help_draw(const void *state, const app *a, frame *f)
{
    int y = clerk_header(a, f, _("Help"));
    help_page_draw(state, a, f, y);
}

static screen_result help_handle(void *state, app *a, const event *ev)
{
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    frame f = w_frame_now();
    /* measured where the page starts under the header (without the
     * alert's line: a page a line longer never hides its end) */
    return help_page_handle(state, a, ev, f.top + 2);
}

const screen_ops screen_clerk_help = {
    .name = "clerk_help",
    .state_size = sizeof(help_page),
    .help = NULL,
    .enter = help_enter,
    .draw = help_draw,
    .handle = help_handle,
};
