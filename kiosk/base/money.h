/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Amounts of money as people read them: the one format of the screens,
 * receipts, papers, reports and messages, by language. */
#ifndef PK_MONEY_H
#define PK_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* vnd đồng in lang: "24,000 VND" in English (the code after the number,
 * commas between thousands); "24.000 đ" in Vietnamese and in the other
 * languages of Vietnam (Tày, Nùng...: dots, the đồng sign after a
 * space). lang NULL: the current language (i18n_lang). */
void money_format(int64_t vnd, const char *lang, char *out, size_t outsz);

#endif
