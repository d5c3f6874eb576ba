/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guided tours: a plain-text file of directives (data/tours/NAME.tour) and a
 * pure player that turns it into key presses and captions over time.
 * No curses, no app: screens/demo_tour.c feeds what the player yields into
 * the app's one input loop.
 *
 * File format, one directive per line; blank lines and lines starting with
 * '#' are ignored; at most TOUR_LINE_MAX bytes a line; UTF-8.
 *
 *   title LANG TEXT     the tour's name in a language (menu of the presenter)
 *   lang LANG           switch the kiosk's language (vi, en, ...)
 *   ime telex|vni|off   the input method the typed keys go through
 *   caption LANG TEXT   a caption shown over the screens; consecutive
 *                       caption lines in different languages are one
 *                       caption, shown in the current language
 *   clear               hide the caption
 *   keys SPEC           keys typed as if by a person: literal text (each
 *                       character typed through the input method) and
 *                       named keys <Enter> <Esc> <Tab> <BackTab> <Up> <Down>
 *                       <Left> <Right> <Home> <End> <PgUp> <PgDn>
 *                       <Backspace> <Delete> <Space> <F1>..<F12>, and <lt>
 *                       for a literal '<'
 *   pause SECONDS       wait (0 to 600, decimals allowed: 1.5)
 *   wait-for LANG TEXT  wait until the screen shows TEXT (at most
 *                       TOUR_WAIT_MS), else the tour fails there; LANG
 *                       may be * (any language); consecutive wait-for
 *                       lines in different languages are one wait, and
 *                       when none is for the current language (nor *) it
 *                       is skipped
 *
 * LANG is two or three lower-case letters. Tours are meant to be
 * bilingual: the presenter's language picks the captions. */
#ifndef PK_TOUR_H
#define PK_TOUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum {
    TOUR_LINE_MAX = 1024,          /* bytes per line, without the newline */
    TOUR_FILE_MAX = 256 * 1024,    /* bytes per file */
    TOUR_LANGS_MAX = 4,            /* languages of one caption */
    TOUR_ERRORS_MAX = 50,          /* reported, then "too many errors" */
    TOUR_WAIT_MS = 10000,          /* wait-for gives up after this */
    TOUR_RETRY_MS = 100,           /* wait-for looks again after this */
};

/* Named keys of the `keys` directive. */
typedef enum {
    TOUR_K_NONE = 0,
    TOUR_K_ENTER, TOUR_K_ESC, TOUR_K_TAB, TOUR_K_BACKTAB, TOUR_K_BACKSPACE, TOUR_K_DELETE,
    TOUR_K_UP, TOUR_K_DOWN, TOUR_K_LEFT, TOUR_K_RIGHT, TOUR_K_HOME, TOUR_K_END,
    TOUR_K_PGUP, TOUR_K_PGDN,
    TOUR_K_F1, TOUR_K_F2, TOUR_K_F3, TOUR_K_F4, TOUR_K_F5, TOUR_K_F6,
    TOUR_K_F7, TOUR_K_F8, TOUR_K_F9, TOUR_K_F10, TOUR_K_F11, TOUR_K_F12,
    TOUR_K__COUNT
} tour_key;

typedef enum {
    TS_KEY = 0,      /* one key: key != TOUR_K_NONE, else the character cp */
    TS_CAPTION,
    TS_CLEAR,
    TS_LANG,
    TS_IME,          /* text: "telex", "vni" or "off" */
    TS_PAUSE,        /* ms */
    TS_WAIT,         /* text: what the screen must show */
} tour_step_kind;

typedef struct {
    char lang[4];
    char *text;
} tour_text;

typedef struct {
    tour_step_kind kind;
    int line;                      /* in the file, for messages */
    tour_key key;
    uint32_t cp;
    int ms;
    char lang[4];                  /* TS_LANG */
    char *text;                    /* TS_IME */
    int ntexts;                    /* TS_CAPTION, TS_WAIT: one per language */
    tour_text texts[TOUR_LANGS_MAX];
} tour_step;

typedef struct {
    char *path;
    int ntitles;
    tour_text titles[TOUR_LANGS_MAX];
    tour_step *steps;
    int n, cap;
} tour;

/* Parses buf (len bytes) read from path. Every bad line adds
 * "path:line: reason\n" (translated) to errs. Returns true when the tour
 * is usable (no error and at least one step); *t must be freed with
 * tour_free() either way. */
bool tour_parse(const char *path, const char *buf, size_t len, tour *t, sbuf *errs);
/* Reads and parses a file; errors as above ("path: reason" when the file
 * cannot be read). */
bool tour_load(const char *path, tour *t, sbuf *errs);
void tour_free(tour *t);

/* Name of a key as written in a tour ("Enter"), or NULL. */
const char *tour_key_name(tour_key k);
/* The text for lang, else Vietnamese, else the first; NULL when none. */
const char *tour_text_for(const tour_text *texts, int n, const char *lang);
/* What a wait-for step looks for in lang: its text, else the "*" one,
 * else NULL (nothing to check in this language). */
const char *tour_wait_text(const tour_step *s, const char *lang);
/* The tour's title in lang, falling back to the file's base name. */
const char *tour_title(const tour *t, const char *lang);

/* ---- the player ---------------------------------------------------------- */

typedef enum { TOUR_NORMAL = 0, TOUR_MAX } tour_speed;

/* "normal" or "max". */
bool tour_speed_parse(const char *s, tour_speed *out);

typedef enum {
    TOUT_NONE = 0,   /* nothing now: call again within wait_ms (-1: only after a control) */
    TOUT_STEP,       /* do step (a key, caption, clear, lang, ime) now */
    TOUT_WAIT,       /* look whether the screen shows tour_wait_text(), then tour_player_answer() */
    TOUT_DONE,       /* the end (finished, stopped or failed) */
} tour_out_kind;

typedef struct {
    tour_out_kind kind;
    const tour_step *step;
    int wait_ms;
} tour_out;

typedef struct {
    const tour *t;
    tour_speed speed;
    int pc;                /* next step */
    int64_t due_ms;        /* the next step may run from this time */
    int64_t held_ms;       /* while paused: what was left of the hold */
    int64_t wait_since;    /* first look of the current wait-for, -1 = none */
    bool paused, step_once, done, stopped, failed;
    char error[TOUR_LINE_MAX + 128];
} tour_player;

void tour_player_init(tour_player *p, const tour *t, tour_speed speed, int64_t now_ms);
/* What to do at now_ms. */
tour_out tour_player_next(tour_player *p, int64_t now_ms);
/* After TOUT_WAIT: whether the screen showed text. Not found for
 * TOUR_WAIT_MS fails the tour with "path:line: ..." in p->error. */
void tour_player_answer(tour_player *p, bool found, const char *text, int64_t now_ms);
/* Presenter controls: Space pauses/resumes, Right runs the next step at
 * once (also while paused), Esc stops. */
void tour_player_pause(tour_player *p, int64_t now_ms);
void tour_player_step(tour_player *p, int64_t now_ms);
void tour_player_stop(tour_player *p);
/* Share of the tour done, 0..100. */
int tour_player_percent(const tour_player *p);
/* Time a step is held before the next one, at this speed. */
int tour_hold_ms(const tour_step *s, tour_speed speed);

#endif
