/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The input of fuzz_vnime read as keys typed into a text field; the
 * differential test of the input engine (tests/lang/test_vnime_diff.c)
 * replays the fuzz corpus the same way, so both read it here. 0x08 and
 * 0x7f are Backspace, 0x01 resets the word, a byte >= 0x80 takes the next
 * two bytes to form a code point (so that Vietnamese letters and combining
 * marks come up often), any other byte is typed as it is. */
#ifndef FUZZ_KEYSTREAM_H
#define FUZZ_KEYSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vnime.h"

enum { KEYSTREAM_EDIT = -1 };

/* Applies the key at data[*i] to the engine and its field and moves *i past
 * it. Returns what vnime_type answered for a typed key (0 or 1), or
 * KEYSTREAM_EDIT for Backspace and reset. */
static inline int keystream_apply(vnime *e, char *field, size_t cap, const uint8_t *data,
                                  size_t size, size_t *i)
{
    uint32_t cp = data[*i];
    if (cp == 0x08 || cp == 0x7f) {
        vnime_backspace(e, field, cap);
        *i += 1;
        return KEYSTREAM_EDIT;
    }
    if (cp == 0x01) {
        vnime_reset(e);
        *i += 1;
        return KEYSTREAM_EDIT;
    }
    if (cp >= 0x80 && *i + 2 < size) {
        cp = ((uint32_t)(data[*i] & 0x01) << 16) | (uint32_t)data[*i + 1] << 8 | data[*i + 2];
        *i += 2;
    }
    *i += 1;
    return vnime_type(e, field, cap, cp) ? 1 : 0;
}

#endif
