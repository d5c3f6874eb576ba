/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Demonstration mode (issue 7): the slides, shown as the citizen kiosk's
 * attract loop when nobody is there and by the presenter of
 * `postkiosk demo`; the tour menu; the caption overlay of guided tours
 * and the practice badge, drawn over the real citizen screens. */
#ifndef PK_DEMO_H
#define PK_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "screen.h"
#include "tour.h"

enum {
    DEMO_TOURS_MAX = 9,        /* chosen with a digit */
    DEMO_SLIDE_SECONDS = 10,   /* attract loop: time on one slide */
};

/* The attract loop (the kiosk's idle screen): slides one after the other
 * with a gentle build-up; any key (or click) goes back to the welcome
 * screen without doing anything else. */
extern const screen_ops screen_demo_attract;
/* The presenter's slides: digits jump to a slide, ←/→ previous/next, Space
 * plays them by themselves, T opens the tours, P starts practice, F10
 * leaves. Needs a->session to be a demo_session. */
extern const screen_ops screen_demo_slides;
/* The list of tours (data/tours): a digit or Enter starts one. */
extern const screen_ops screen_demo_tours;

typedef enum { DEMO_QUIT = 0, DEMO_PRACTICE, DEMO_TOUR } demo_next;

/* What the presenter chose: `postkiosk demo` runs the app with this as
 * its session, then does what it says (practice, a tour) and comes back. */
typedef struct {
    demo_next next;
    int tour;                           /* index into paths */
    int ntours;
    char paths[DEMO_TOURS_MAX][512];
    char titles[DEMO_TOURS_MAX][256];   /* in the language of the listing */
    int slide;                          /* slide to come back to */
    char notice[TOUR_LINE_MAX + 256];   /* why the last tour or practice stopped */
} demo_session;

/* Lists data_dir/tours/NAME.tour in name order into s (titles in the
 * current language; files that do not parse are left out). */
void demo_find_tours(demo_session *s, const char *data_dir);

/* ---- guided tours over the real screens ---------------------------------- */

typedef struct {
    tour t;
    tour_player p;
    bool headless;               /* no terminal: virtual clock, no presenter keys */
    int64_t clock_ms;            /* virtual clock (headless) */
    const tour_step *caption;    /* shown, or NULL */
    char *lang_cfg;              /* the mode's config language: kept across wipes */
    size_t lang_cfg_size;
    int keys;                    /* keys fed so far */
    char error[TOUR_LINE_MAX + 128];
} demo_tour;

/* The app's input source while a tour plays: yields the tour's keys as
 * if typed, shows its captions, checks its wait-for lines against the
 * screen, and reads the presenter's Space / → / Esc from the terminal.
 * Ends the app (exit code 0, or 1 with dt->error) at the end. */
bool demo_tour_source(app *a, term_input *in, int timeout_ms);
/* Overlay drawn by the app over every screen in practice mode: the
 * practice badge, and the caption of the tour in a->mode_ctx (may be
 * NULL). */
void demo_overlay(const app *a, frame *f);

#endif
