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

/* The word as parsed so far (engine internals, kept between keys so that
 * a key costs only its own change). */
typedef struct {
    uint32_t cp;                    /* base 0: a code point kept as typed */
    uint8_t base, mark, up;         /* 'a'..'z', its mark, a capital */
} vnime_letter;

typedef struct {
    vnime_letter l[VNIME_RAW_MAX + 1];
    int n, tone;
    bool literal;                   /* typed as is from here on */
    unsigned char known;            /* cache: parse, plausibility of l[0..n) */
    signed char i_end, v_end;
} vnime_syllable;

typedef struct {
    ime_method method;
    bool new_style;                 /* "hoà" instead of "hòa" */
    uint32_t raw[VNIME_RAW_MAX];    /* keys typed for the current word */
    int nraw;
    size_t word_len;                /* bytes of the current word at the end of text */
    vnime_syllable syl;             /* raw[0..napplied) applied (-1: rebuild) */
    int napplied;
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
/* Would key, typed at the end of text, change the word being typed (a
 * mark or tone) rather than follow it? False once the word is a finished
 * syllable with its tone: a VNI digit then picks a list row, it is not
 * eaten as a tone ("Lạng" then 2). */
bool vnime_key_composes(const vnime *e, const char *text, size_t len, uint32_t key);
/* Type anywhere: the word (letters) around byte pos of text[0..len) is
 * [*start, *end) (empty: start == end == pos). */
void vnime_word_at(const char *text, size_t len, size_t pos, size_t *start, size_t *end);
/* Takes the word at the end of text as the current word again (after the
 * cursor came back to it), so the next key composes it ("Nguyên" x). */
void vnime_resume(vnime *e, const char *text, size_t len);
/* Edits the word w[0..wl) at byte at (a letter boundary): key != 0 types
 * key there, key == 0 deletes the letter before at with its marks (and its
 * tone). The word is rebuilt from keys that type it, so marks and the tone
 * land where they belong ("Hoàn" minus n: "Hòa"). Writes the new word and
 * the cursor's byte offset in it; false when the word or the result is not
 * Vietnamese (the caller then edits the text as is). */
bool vnime_edit_word(ime_method m, bool new_style, const char *w, size_t wl, size_t at, uint32_t key, char *out,
                     size_t outsz, size_t *out_at);
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
