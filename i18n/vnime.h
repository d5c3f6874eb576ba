/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Vietnamese input engine (Telex, VNI, off): pure C, no curses. Turns plain
 * keystrokes into Vietnamese the way Unikey / ibus-bamboo do. Output is NFC.
 * A text field owns the text; the engine rewrites the word at its end. */
#ifndef PK_VNIME_H
#define PK_VNIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { IME_OFF = 0, IME_TELEX, IME_VNI } ime_method;

enum { VNIME_RAW_MAX = 48 };

typedef struct {
    ime_method method;
    bool new_style;                 /* "hoà" instead of "hòa" */
    uint32_t raw[VNIME_RAW_MAX];    /* keys typed for the current word */
    int nraw;
    size_t word_len;                /* bytes of the current word at the end of text */
} vnime;

void vnime_init(vnime *e, ime_method m, bool new_style);
/* Types key cp at the end of text (NUL-terminated, capacity textsz).
 * Returns false (text unchanged) when the result would not fit, or for a
 * control character or a value that is not a Unicode scalar. A word that
 * cannot be Vietnamese ("email") is kept exactly as typed. */
bool vnime_type(vnime *e, char *text, size_t textsz, uint32_t cp);
/* Backspace: deletes one visible letter (with its marks) at the end; the
 * word left at the end can still take marks and tones ("an " BS s: "án"). */
void vnime_backspace(vnime *e, char *text, size_t textsz);
/* Word boundary from outside (cursor moved, field switched, text replaced). */
void vnime_reset(vnime *e);
/* Whole-string conversion of a keystroke line (the `ime` subcommand):
 * BS (0x08) / DEL (0x7f) bytes are Backspace, a space ends a word. */
bool vnime_convert(ime_method m, bool new_style, const char *keys, char *out, size_t outsz);
ime_method vnime_next_method(ime_method m);
const char *vnime_method_name(ime_method m);   /* "Telex", "VNI", msgid "Off" */

/* Rewrites text with every tone placed in one style: traditional ("hòa,
 * khỏe, thủy") or new (new_style: "hoà, khoẻ, thuỷ"). Output is NFC; false
 * when in is not valid UTF-8 or the result does not fit outsz. */
bool vnime_restyle(const char *in, bool new_style, char *out, size_t outsz);
/* True when two names are the same whichever tone style, normalisation form
 * (NFC/NFD), letter case or spacing they were typed in:
 * "Nguyễn Thị Thủy" == "nguyễn thị thuỷ". */
bool vnime_same_name(const char *a, const char *b);

#endif
