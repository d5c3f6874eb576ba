/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One money format for every place an amount is shown (money.h). */
#include "money.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

void money_format(int64_t vnd, const char *lang, char *out, size_t outsz)
{
    if (!lang)
        lang = i18n_lang();
    bool en = lang && strncmp(lang, "en", 2) == 0;
    bool neg = vnd < 0;
    uint64_t v = neg ? (uint64_t)(-(vnd + 1)) + 1 : (uint64_t)vnd;   /* INT64_MIN too */
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%" PRIu64, v);
    size_t n = strlen(digits), j = 0;
    if (neg)
        grouped[j++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            grouped[j++] = en ? ',' : '.';
        grouped[j++] = digits[i];
    }
    grouped[j] = '\0';
    snprintf(out, outsz, en ? "%s VND" : "%s \xc4\x91", grouped);   /* đ */
}
