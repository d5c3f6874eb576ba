/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Below the minimum size: a clear request to enlarge, never a crash. The
 * screens underneath keep their state; this one is drawn instead. */
#include <stdio.h>

#include "citizen.h"
#include "i18n.h"

static void enlarge_draw(const void *state, const app *a, frame *f)
{
    (void)state;
    char need[192], cols[64], rows[64], have[64];
    snprintf(cols, sizeof cols, ngettext("%d column", "%d columns", (unsigned long)a->min_cols), a->min_cols);
    snprintf(rows, sizeof rows, ngettext("%d row", "%d rows", (unsigned long)a->min_rows), a->min_rows);
    /* TRANSLATORS: "%d columns", "%d rows" */
    snprintf(need, sizeof need, _("The screen needs at least %s and %s."), cols, rows);
    snprintf(have, sizeof have, "%s %d \xc3\x97 %d", _("Now:"), f->cols, f->rows);
    const char *title = _("Please enlarge the window");
    int w = f->cols - 2 > 1 ? f->cols - 2 : f->cols;
    int x = f->cols > w ? 1 : 0;
    int h = w_text_lines(title, w, f->rows) + 1 + w_text_lines(need, w, f->rows) +
            w_text_lines(have, w, f->rows);
    int y = f->rows > h ? (f->rows - h) / 2 : 0;
    y += w_text(f, y, x, w, f->rows - y, title, ROLE_TITLE) + 1;
    if (y < f->rows)
        y += w_text(f, y, x, w, f->rows - y, need, ROLE_NORMAL);
    if (y < f->rows)
        w_text(f, y, x, w, f->rows - y, have, ROLE_DIM);
}

static screen_result enlarge_handle(void *state, app *a, const event *ev)
{
    (void)state;
    (void)a;
    (void)ev;
    return SR_(SR_NONE);
}

const screen_ops screen_enlarge = {
    .name = "enlarge",
    .state_size = 1,
    .help = N_("The window is too small to show the kiosk."),
    .draw = enlarge_draw,
    .handle = enlarge_handle,
};
