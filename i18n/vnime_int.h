/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internals of the input engine shared by vnime.c (keys, rendering),
 * vnime_word.c (editing whole words) and vnime_syl.c (letters, syllable
 * structure, tone placement). Not a public contract: only the engine and
 * its tests include it. */
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

/* Marks the rest of raw[] as literal keys (after a backspace that could not
 * be mapped back to keys); never a valid code point, so never typed. */
#define KEY_LITERAL 0x110000u

enum { TONE_NONE, TONE_SAC, TONE_HUYEN, TONE_HOI, TONE_NGA, TONE_NANG };

typedef vnime_syllable comp;

/* The key engine (vnime.c) as used by the word editing (vnime_word.c). */
bool vn_is_ascii_letter(uint32_t c);
bool vn_is_combining(uint32_t c);
/* A key the engine accepts at all (no controls, no surrogates). */
bool vn_valid_key(uint32_t cp);
/* The word as written for e's keys (whole-word fixes applied). */
void vn_build(vnime *e, comp *c);
/* Writes the word for e's keys; *fallback: written out as typed. */
size_t vn_render(vnime *e, char out[VN_RENDER_MAX], bool *fallback);
/* Replaces the current word at the end of text with e's rendering. */
bool vn_splice_word(vnime *e, char *text, size_t *len, size_t textsz);

/* Length-tracking variants used by vnime_convert (no strlen per key). */
bool vnime_type_len(vnime *e, char *text, size_t *len, size_t textsz, uint32_t cp);
void vnime_backspace_len(vnime *e, char *text, size_t *len, size_t textsz);

#endif
