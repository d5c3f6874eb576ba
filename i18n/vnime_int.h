/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internals of the input engine shared by vnime.c (keys, rendering) and
 * vnime_syl.c (letters, syllable structure, tone placement). Not a public
 * contract: only the engine and its tests include it. */
#ifndef PK_VNIME_INT_H
#define PK_VNIME_INT_H

#include "vnime.h"

enum { MK_NONE, MK_HAT, MK_BREVE, MK_HORN, MK_BAR };
enum { VN_RENDER_MAX = VNIME_RAW_MAX * 12 + 8 };

/* One letter of a word: base 'a'..'z' with a mark, or (base 0) any other
 * code point kept as typed. */
typedef vnime_letter letter;

/* initial = [0, i_end), vowels = [i_end, v_end), final = [v_end, n) */
typedef struct {
    int i_end, v_end;
} parse;

int vn_vowel_index(const letter *l);
bool vn_is_letter(uint32_t cp);
/* Vietnamese letter cp -> base letter with mark, and its tone (0..5). */
bool vn_decompose(uint32_t cp, letter *out, int *tone);
void vn_parse(const letter *l, int n, parse *p);
/* Could l[0..n) with tone become a Vietnamese syllable by typing on? */
bool vn_plausible(const letter *l, int n, int tone);
/* A finished syllable (nucleus exactly as written, a vowel present). */
bool vn_complete(const letter *l, int n, int tone);
/* Adds the one circumflex/horn a toned unmarked nucleus can only take. */
bool vn_implicit_marks(letter *l, int n, int tone);
/* The same with the parse of l already made (marks may have changed
 * since; which letters are vowels may not). */
bool vn_plausible_p(const letter *l, int n, int tone, const parse *p);
bool vn_complete_p(const letter *l, int n, int tone, const parse *p);
bool vn_implicit_marks_p(letter *l, int n, int tone, const parse *p);
size_t vn_emit_p(const letter *l, int n, int tone, bool new_style, char *out, bool *nonascii, const parse *p);
/* Writes the letters with the tone placed; *nonascii set when a literal
 * non-ASCII code point was written (the caller then normalises). */
size_t vn_emit(const letter *l, int n, int tone, bool new_style, char *out, bool *nonascii);
/* Keys that type the visible word w (Telex / VNI); -1 when none. */
int vn_keys_for(ime_method m, const char *w, size_t wl, uint32_t *keys, int max);
/* Same, and starts[i] = index of the first key of letter i (starts[n]:
 * the tone key, always last), *toned = the letter showing the tone or -1. */
int vn_word_keys(ime_method m, const char *w, size_t wl, uint32_t *keys, int max, int *starts, int *toned);
/* Same letters and tone, wherever the tone sits. */
bool vn_same_syllable(const char *a, size_t al, const char *b, size_t bl);

/* Length-tracking variants used by vnime_convert (no strlen per key). */
bool vnime_type_len(vnime *e, char *text, size_t *len, size_t textsz, uint32_t cp);
void vnime_backspace_len(vnime *e, char *text, size_t *len, size_t textsz);

#endif
