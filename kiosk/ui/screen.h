/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A screen is a small vtable (tig's view_ops, htop's PanelClass).
 *
 *   draw   is a pure function of (screen state, app state, frame size): it
 *          redraws everything, every time, and records clickable regions
 *          and hints in the frame. It never changes state.
 *   handle gets one named event and returns what should happen next.
 *
 * The app owns each screen's private state (state_size bytes, zeroed before
 * enter, wiped with mem_wipe after leave), so a screen never allocates its
 * own state and a resize can never lose it. Screens never read keys and
 * never call curses: see app.h (the loop) and widgets.h (drawing). */
#ifndef PK_SCREEN_H
#define PK_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"
#include "term.h"

typedef struct app app;
typedef struct screen_ops screen_ops;

typedef enum {
    SR_NONE = 0,   /* nothing changed */
    SR_REDRAW,     /* state changed: draw again */
    SR_PUSH,       /* open next on top (arg is passed to its enter) */
    SR_POP,        /* back to the screen below */
    SR_REPLACE,    /* close this one, open next in its place */
    SR_BACK_TO,    /* pop until next is on top (e.g. back to a review) */
    SR_HOME,       /* end the session: wipe everything, back to the root */
    SR_QUIT,       /* leave the program */
} sr_kind;

/* arg is read by next->enter after handle has returned: it must point into
 * the screen's state, the session or static storage, never at a local
 * variable of handle (copy what you need in enter). */
typedef struct {
    sr_kind kind;
    const screen_ops *next;
    const void *arg;
} screen_result;

#define SR_(k) ((screen_result){(k), NULL, NULL})
#define SR_TO(k, ops, a) ((screen_result){(k), (ops), (a)})

/* A clickable region recorded while drawing: a click inside it becomes
 * the event {act, value}. */
typedef struct {
    int y, x, h, w;
    action act;
    int value;
} click_region;

typedef struct {
    action act;
    const char *label;   /* msgid; NULL = the key table's label */
    const char *key;     /* NULL = the key table's key name; a dialog's "1" */
    int value;           /* the event's value when the hint is touched */
} hint;

enum { FRAME_REGIONS = 128, FRAME_HINTS = 12 };

/* What draw gets: the size, the body area between the app's header and
 * hint bar, and room to record regions, hints and the cursor. */
typedef struct frame {
    int rows, cols;                 /* whole terminal */
    int top, left, height, width;   /* body area */
    int nregions;
    click_region regions[FRAME_REGIONS];
    int nhints;
    hint hints[FRAME_HINTS];
    bool show_ime;                  /* a text field has focus */
    bool modal;                     /* a dialog's buttons are the hint bar (w_dialog) */
    bool cursor;
    int cur_y, cur_x;
    /* what the spoken prompts say (voice.c), filled by the widgets while
     * drawing: the step's title, the focused field's or choice's label,
     * the first error (or the dialog) shown. Never what was typed. */
    char say_title[256];
    char say_focus[256];
    char say_error[768];
} frame;

struct screen_ops {
    const char *name;
    size_t state_size;
    const char *help;   /* msgid: what this step is for, shown by Help */
    /* when what to do depends on what happened (a receipt that did not
     * print): the msgid for now; may be NULL (then help) */
    const char *(*help_now)(const app *a);
    void (*enter)(void *state, app *a, const void *arg);   /* may be NULL */
    void (*leave)(void *state, app *a);                    /* may be NULL */
    /* on top again after the screens above it closed (SR_POP, SR_BACK_TO):
     * reload what they may have changed; may be NULL */
    void (*resume)(void *state, app *a);
    void (*draw)(const void *state, const app *a, frame *f);
    screen_result (*handle)(void *state, app *a, const event *ev);
};

#endif
