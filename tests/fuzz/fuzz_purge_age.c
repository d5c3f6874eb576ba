/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the age of `postkiosk purge --older-than AGE`,
 * report_parse_age(). Invariants: an accepted age is digits then one of
 * d, m, y and nothing else; its number is 1..100000; the days are at least
 * 1 and at most 200 years, N days for "Nd", between 30 and 31 days a month
 * for "Nm" and between 365 and 366 days a year for "Ny"; a refused one
 * leaves the output alone. Inputs up to 64 KiB (corpus .max_len). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstring(data, size);   /* argv ends at the first NUL */
    if (!s)
        return 0;
    int days = -1;
    if (!report_parse_age(s, &days)) {
        if (days != -1)
            __builtin_trap();
        free(s);
        return 0;
    }
    size_t len = strlen(s), ndig = strspn(s, "0123456789");
    if (len < 2 || ndig != len - 1 || !strchr("dmy", s[len - 1]))
        __builtin_trap();
    long n = strtol(s, NULL, 10);
    if (n < 1 || n > 100000 || days < 1 || days > 365 * 200)
        __builtin_trap();
    long lo = s[len - 1] == 'd' ? n : s[len - 1] == 'm' ? n * 30 : n * 365;
    long hi = s[len - 1] == 'd' ? n : s[len - 1] == 'm' ? n * 31 : n * 366;
    if (days < lo || days > hi)
        __builtin_trap();
    free(s);
    return 0;
}
