/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A forgiving word search over folded texts (text_fold): the procedure
 * search of the kiosk and of `postkiosk catalog search`. Items are added
 * in their tie-break order (name order); each has a name and extra texts
 * (English name, staff keywords). A query finds items by whole words, word
 * starts, and — for a word nothing starts with — one typo or transposition
 * (words of 4+ letters), two words typed as one ("khaisinh") or a piece
 * inside a word; everyday words ("giay", "lam") are optional. */
#ifndef PK_FINDER_H
#define PK_FINDER_H

typedef struct finder finder;

finder *finder_new(void);
void finder_free(finder *f);
/* Item number = the number of earlier calls. Texts are folded already;
 * extra may be NULL when nextra is 0. */
void finder_add(finder *f, const char *name, const char *const *extra, int nextra);
int finder_count(const finder *f);
/* After the last finder_add, before finder_find: builds the lookup tables. */
void finder_seal(finder *f);
/* Best items first into items[max]; returns how many. An empty query
 * finds nothing (the caller lists everything itself). */
int finder_find(const finder *f, const char *query, int *items, int max);

#endif
