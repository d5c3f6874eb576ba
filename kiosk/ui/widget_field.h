/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text field: state a screen keeps, events fed to it, drawn by the
 * screen. widgets.h includes this header, so screens need only that. */
#ifndef PK_WIDGET_FIELD_H
#define PK_WIDGET_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "screen.h"
#include "vnime.h"

typedef enum {
    TF_TEXT = 0,   /* letters: the Vietnamese input method applies */
    TF_DIGITS,     /* ID, phone: no input method, digits and + only */
    TF_ASCII,      /* e-mail, references: no input method */
    TF_SECRET,     /* PIN: shown as dots */
    TF_AMOUNT,     /* money in đồng: only the digits 0-9 go in (tf_handle refuses
                    * any other character: false, nothing changed) */
} tf_kind;

enum { TF_MAX = 256 };

typedef struct {
    char buf[TF_MAX];   /* NFC UTF-8 */
    size_t len;         /* bytes */
    size_t cur;         /* cursor, byte offset on a grapheme boundary */
    size_t max;         /* byte capacity, <= TF_MAX - 1 */
    tf_kind kind;
    vnime ime;
    bool touched;       /* edited since the last check */
} tfield;

void tf_init(tfield *t, tf_kind kind, size_t maxbytes);
void tf_set(tfield *t, const char *s);
/* Wipes the text and the engine's memory of keystrokes. */
void tf_wipe(tfield *t);
/* Typing, Backspace, Delete, Left/Right/Home/End. Returns true when the
 * event was consumed. A digit typed into a field is text; '?' stays Help. */
bool tf_handle(tfield *t, const event *ev, ime_method m);
/* The on-screen keyboard: inserts UTF-8 text at the cursor as it is (no
 * input method); false when it does not fit. */
bool tf_insert_utf8(tfield *t, const char *utf8);
/* Puts the tone of Telex key (s f r x j) on the word before the cursor by
 * the rules of i18n/vnime (vnime_edit_word): "an" -> "án", "hoa" -> "hòa";
 * the same tone again takes it off. False when there is no Vietnamese word
 * there. */
bool tf_tone(tfield *t, uint32_t telex_key);
/* Tone style of every text field: false traditional ("hòa"), true new ("hoà"). */
void tf_set_tone_style(bool new_style);
/* Draws the field (w columns) and, when focused, puts the cursor in it. */
void tf_draw(frame *f, const tfield *t, int y, int x, int w, bool focus);
/* Label above, field, and the message below (error in red, or a hint),
 * wrapped over up to TF_MSG_LINES lines, never cut mid-word. Returns the
 * rows used (2 + the message's lines, at least 3). A click on it gives
 * {ACT_PICK, index}. */
enum { TF_MSG_LINES = 2 };
int tf_draw_labeled(frame *f, const tfield *t, int y, int x, int w, const char *label,
                    const char *msg, bool msg_is_error, bool focus, int index);

#endif
