/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Widgets: drawing helpers that record clickable regions in the frame, and
 * small state structs (lists; text fields in widget_field.h, included
 * here) that screens keep in their state and feed events to. Nothing here reads keys or owns a loop: a
 * dialog is state a screen draws, not a modal sub-loop. */
#ifndef PK_WIDGETS_H
#define PK_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>

#include "screen.h"
#include "widget_field.h"

/* ---- frame bookkeeping --------------------------------------------------- */
void w_region(frame *f, int y, int x, int h, int w, action act, int value);
/* Adds a hint to the hint bar (label NULL = the key table's label). */
void w_hint(frame *f, action act, const char *label);
/* Region hit by a click, or NULL. Later regions win (dialogs on top). */
const click_region *w_hit(const frame *f, int y, int x);

/* ---- text ---------------------------------------------------------------- */
/* Sets a spoken-prompt slot of the frame (f->say_*) unless already set. */
void w_say(char *slot, size_t size, const char *s);
/* Word-wrapped text in a box w columns wide; returns the lines used. An
 * error (ROLE_ERROR) is what the spoken prompts say. */
int w_text(frame *f, int y, int x, int w, int maxlines, const char *s, term_role r);
/* Lines w_text would use (maxlines cap). */
int w_text_lines(const char *s, int w, int maxlines);
void w_center(frame *f, int y, int x, int w, const char *s, term_role r);
/* Full-width bar with centred text (countdown, notices). */
void w_banner(frame *f, int y, const char *s, term_role r);
/* The bar over as many rows as the text needs wrapped (at most maxlines;
 * more is counted as cut): returns the rows used. */
int w_banner_wrapped(frame *f, int y, int maxlines, const char *s, term_role r);
/* Block letters (5 rows) for [0-9A-Z-.]; falls back to one bold line when
 * it does not fit. Returns the rows used. */
int w_big(frame *f, int y, const char *ascii, term_role r);
/* "Bước 2/6 — Chọn thủ tục" plus a row of dots. Uses two rows. */
void w_progress(frame *f, int y, int step, int steps, const char *title);

/* ---- buttons ------------------------------------------------------------- */
/* A button " key  label " w columns wide; a click gives {act, value}. */
void w_button(frame *f, int y, int x, int w, const char *key, const char *label,
              bool focus, action act, int value);
/* A numbered choice: key "digit", click = ACT_CHOOSE digit. */
void w_choice(frame *f, int y, int x, int w, int digit, const char *label, bool focus);

/* ---- lists --------------------------------------------------------------- */
typedef struct {
    int n;      /* rows */
    int sel;    /* selected row, -1 when empty */
    int top;    /* first visible row */
} wlist;

void wlist_set(wlist *l, int n);
/* Keeps sel visible in a window of `visible` rows. */
void wlist_fix(wlist *l, int visible);
/* Up/Down/PgUp/PgDn/Home/End and clicks (ACT_PICK); true when consumed. */
bool wlist_handle(wlist *l, const event *ev, int visible);
/* Draws one visible row i (records an ACT_PICK region). */
void wlist_row(frame *f, const wlist *l, int i, int y, int x, int w, const char *text,
               const char *right, bool focus);
/* Row i wrapped over as many lines as its text needs (at most maxlines),
 * wrapped w - 2 - indent wide, the lines after the first indented by
 * indent: nothing is cut. Returns the lines used; the whole block is
 * clickable. */
int wlist_row_wrapped(frame *f, const wlist *l, int i, int y, int x, int w, int indent,
                      int maxlines, const char *text, bool focus);
/* "3-10 / 42" scroll position on the right of a list header. */
void wlist_position(frame *f, const wlist *l, int visible, int y, int x, int w);

/* ---- dialogs --------------------------------------------------------------- */
typedef struct {
    const char *key;     /* "1", "Enter", "Esc" */
    const char *label;
    action act;
    int value;
} w_dlg_button;

/* Centred box with a title, wrapped body and buttons side by side. */
void w_dialog(frame *f, const char *title, const char *body, const w_dlg_button *b,
              int nb, term_role role);

/* ---- scrolling pages ------------------------------------------------------- */
/* Paragraphs laid out top to bottom in rows [top, bottom), shifted up by
 * scroll lines. With measure set nothing is drawn: handle() runs the same
 * layout to learn the total height (draw stays pure). */
typedef struct {
    frame *f;
    int y;          /* next line, in page coordinates (0 = first line) */
    int top, bottom, x, w;
    int scroll;
    bool measure;
} wpage;

void wpage_begin(wpage *p, frame *f, int top, int bottom, int x, int w, int scroll,
                 bool measure);
/* Wrapped paragraph with a hanging indent of `indent` columns after the
 * first line's prefix (e.g. "• "). */
void wpage_text(wpage *p, const char *s, term_role r);
void wpage_item(wpage *p, const char *bullet, const char *s, term_role r);
void wpage_gap(wpage *p);
/* Rows of the page visible at once. */
int wpage_visible(const wpage *p);
/* "▼ more" marker when content continues below. */
void wpage_end(wpage *p);
/* One scrolling for every page (citizen and clerk): Up/Down a line,
 * PgUp/PgDn a page, Home/End the top and the last page, never above the
 * top nor past the last page. A page is the rows the text has while the
 * "more below" sign takes the last row, less one row seen again; measured
 * is the page laid out with measure set. false (nothing moved) for other
 * actions and at either end. */
bool wpage_scroll(const wpage *measured, int *scroll, action act);

/* A frame of the terminal's current size with the standard body area
 * (what the app will pass to draw): for handle() to measure pages. */
frame w_frame_now(void);

#endif
