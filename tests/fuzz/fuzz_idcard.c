/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the citizen ID card's QR code, idcard_parse(), and
 * its address split, idcard_split_address(). Invariants: a refused code
 * leaves the card all zero; an accepted one has a 12-digit ID, an old ID
 * of 0 or 9 digits, ISO dates, and a name and address that are valid
 * UTF-8 without control characters and fit; the address split of an
 * accepted card never overflows and its parts are valid UTF-8. Inputs up
 * to 1 KiB (corpus .max_len). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "idcard.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool clean(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    return n > 0 && n < max && text_valid_utf8(s, n) && !text_has_control(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    idcard c;
    idcard_status st = idcard_parse((const char *)data, size, 20261206, &c);
    if (st != IDCARD_OK) {
        const unsigned char *b = (const unsigned char *)&c;
        for (size_t i = 0; i < sizeof c; i++)
            if (b[i])
                __builtin_trap();
        if (!idcard_msg(st))
            __builtin_trap();
        return 0;
    }
    if (!digits(c.id, 12) || !(c.old_id[0] == '\0' || digits(c.old_id, 9)) ||
        strlen(c.birth) != 10 || strlen(c.issued) != 10 || strcmp(c.issued, c.birth) < 0 ||
        !clean(c.name, sizeof c.name) || !clean(c.address, sizeof c.address))
        __builtin_trap();
    idcard_address a;
    if (idcard_split_address(c.address, &a)) {
        if (strnlen(a.street, sizeof a.street) >= sizeof a.street ||
            !text_valid_utf8(a.street, strlen(a.street)) ||
            !text_valid_utf8(a.unit_name, strlen(a.unit_name)) ||
            !text_valid_utf8(a.province, strlen(a.province)))
            __builtin_trap();
    }
    return 0;
}
