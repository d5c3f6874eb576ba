/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the dates of `postkiosk report --from D --to D`,
 * date_parse(), and a date as the clerk types it, date_parse_typed(). The
 * input is split at its first NUL into the two arguments, as argv would
 * carry them. Invariants: an accepted date is exactly ten characters,
 * formats back to the same text, and two accepted dates compare as their
 * texts do (the report's "--from is after --to" check); a refused one
 * leaves the output alone; a typed date that is accepted comes out as a
 * date date_parse() accepts. Inputs up to 64 KiB (corpus .max_len). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool check(const char *s, int *day)
{
    *day = -12345;
    bool ok = date_parse(s, day);
    if (!ok) {
        if (*day != -12345)
            __builtin_trap();
        return false;
    }
    char back[PK_DATE_MAX], dmy[PK_DATE_MAX];
    date_format(*day, back);
    date_format_dmy(*day, dmy);
    if (strlen(s) != 10 || strcmp(back, s) != 0 || strlen(dmy) != 10)
        __builtin_trap();
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 2);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = buf[size + 1] = '\0';
    const char *from = buf, *to = buf + strlen(buf) + 1;
    if (to > buf + size)
        to = buf + size;   /* no NUL in the input: --to is empty */
    int d1, d2;
    bool ok1 = check(from, &d1), ok2 = check(to, &d2);
    char typed[PK_DATE_MAX];
    int d3;
    if (date_parse_typed(from, typed) && (strlen(typed) != 10 || !date_parse(typed, &d3)))
        __builtin_trap();
    if (ok1 && ok2) {
        int c = strcmp(from, to);
        if ((d1 < d2) != (c < 0) || (d1 == d2) != (c == 0))
            __builtin_trap();
    }
    free(buf);
    return 0;
}
