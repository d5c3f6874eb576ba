/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spoken prompts in the app (issue 15 item 13): what is said and when.
 * F6 switches them on (the welcome screen shows the toggle), the idle wipe
 * switches them off, F7 says the prompt again. After each drawing the
 * frame's say_* slots (filled by the widgets) are compared with what was
 * said: a new screen or title says title, instruction (the screen's help),
 * focused label and error; a new focus says the label; a new error or
 * dialog says it. What the citizen typed is never in the slots; digits in
 * a prompt are masked all the same. */
#ifndef PK_VOICE_H
#define PK_VOICE_H

#include <stdbool.h>

#include "speech.h"

typedef struct app app;

typedef struct {
    speech *sp;            /* started at the first F6; tests plug a WAV one in */
    bool on;
    bool unavailable;      /* espeak-ng could not start */
    bool greet;            /* just switched on: say so first */
    const void *ops;       /* the screen last announced */
    char lang[8];
    char title[256], focus[256], error[768];
} voice;

void voice_toggle(app *a);
void voice_repeat(app *a);
/* The idle wipe: off, and silent at once. */
void voice_off(app *a);
void voice_after_render(app *a);
void voice_free(app *a);
/* The toggle's words: on, off, no sound device, not available. */
const char *voice_state(const app *a);
/* Digit runs of 5 or more (ID and phone numbers) keep their last 3. */
void voice_mask(char *s);

#endif
