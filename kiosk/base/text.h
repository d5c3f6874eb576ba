/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UTF-8 text: validation, NFC, display width in columns, truncation and
 * wrapping that never split a letter from its marks, folding for search
 * (đ -> d) and a Vietnamese sort key. Built on utf8proc. */
#ifndef PK_TEXT_H
#define PK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

bool text_valid_utf8(const char *s, size_t len);
bool text_has_control(const char *s);      /* C0/C1 controls, DEL */

/* NFC copy of in (malloc'ed), NULL when in is not valid UTF-8. */
char *text_nfc(const char *in);
/* NFC into a buffer; false when invalid UTF-8 or it did not fit. */
bool text_nfc_buf(const char *in, char *out, size_t outsz);
/* in without its tones (sắc, huyền, hỏi, ngã, nặng): "Nguyễn" ->
 * "Nguyên"; ă â ê ô ơ ư đ keep their marks. NFC; false on invalid UTF-8
 * or when it does not fit. */
bool text_strip_tones(const char *in, char *out, size_t outsz);
/* Trim, collapse runs of white space to one space (after NFC). */
void text_squeeze(char *s);

/* Display width in terminal columns (combining marks 0, wide 2). */
int text_width(const char *s);
/* Byte length of the longest prefix of s that fits in cols columns,
 * ending on a grapheme boundary. */
size_t text_fit(const char *s, int cols);
/* Copy that fits cols columns, adding "…" when cut. */
void text_truncate(const char *s, int cols, char *out, size_t outsz);
/* Word-wrap s into lines of at most cols columns. Returns the number of
 * lines filled (at most maxlines); starts[i] / lens[i] index into s. Long
 * words are broken at grapheme boundaries; '\n' forces a break. With
 * starts == NULL nothing is stored and all lines are counted. */
int text_wrap(const char *s, int cols, size_t *starts, size_t *lens, int maxlines);
/* Number of bytes of the last grapheme before pos (for backspace). */
size_t text_prev_grapheme(const char *s, size_t pos);

/* Folded form for search: NFD, case fold, marks stripped, đ -> d, runs of
 * non-alphanumerics to one space, and a lone y after a consonant as i
 * (Lý = Lí, Kỳ = Kì). Malloc'ed. Stored in the database (name_fold): a
 * change here needs a migration that folds again (store_refold). */
char *text_fold(const char *s);
/* Sort key that orders by the Vietnamese alphabet (a ă â b c d đ e ê ...),
 * tones secondary (per word: ngang < huyền < hỏi < ngã < sắc < nặng), case
 * last; compare keys with strcmp (bytes 0x01..0x7E only). Malloc'ed. */
char *text_sort_key(const char *s);
/* Whether s begins (after blanks) with the words of prefix: NFC, case
 * folded, and prefix ending at a word's end ("Bản sao chứng thực" begins
 * with "bản sao", "Copying" not with "Copy"). False on NULL, "" or
 * invalid UTF-8. */
bool text_starts_with_words(const char *s, const char *prefix);
int text_collate(const char *a, const char *b);

#endif
