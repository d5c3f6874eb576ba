/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The help page both help screens show (help.c for the citizen, clerk_help.c
 * for the clerk): the screen's own text, then for citizens how to call staff,
 * why papers are safe and their data, and the keys from the key table; one
 * layout, one scroll. The screens add their own title line and, for the
 * clerk, the session's header and guard. */
#ifndef PK_HELP_PAGE_H
#define PK_HELP_PAGE_H

#include <stdbool.h>

#include "app.h"
#include "widgets.h"

typedef struct {
    const screen_ops *from;   /* the screen F1 was pressed on */
    int scroll;
    bool clerk;               /* the clerk's page: no citizen's paragraphs */
} help_page;

/* Draws the page in rows [top, bottom of the body), shifted by its scroll,
 * with the hints to close and to page down. */
void help_page_draw(const help_page *h, const app *a, frame *f, int top);
/* Up/Down/PgUp/PgDn scroll (the page measured at top in the current
 * terminal), Esc/Enter/F1 close. Returns SR_POP, SR_REDRAW or SR_NONE. */
screen_result help_page_handle(help_page *h, const app *a, const event *ev, int top);

#endif
