/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the input engine: the input is used (1) as a
 * keystroke line for vnime_convert with each method and tone style, (2) as
 * a stream of keys typed into a small text field (bytes >= 0x80 take the
 * next two bytes to form a code point, so Vietnamese letters and combining
 * marks come up often; 0x08 / 0x7f are Backspace, 0x01 resets the word), and
 * (3) as names for vnime_restyle / vnime_same_name. The output must always
 * be valid UTF-8 in NFC, and the field never overflows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fuzz_keystream.h"
#include "fuzz_util.h"
#include "vnime.h"

static void check_nfc(const char *s, size_t cap)
{
    size_t n = strnlen(s, cap);
    if (n >= cap)
        __builtin_trap();
    utf8proc_int32_t cp;
    for (size_t i = 0; i < n;) {
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            __builtin_trap();
        i += (size_t)k;
    }
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
    if (!nfc || strcmp(nfc, s) != 0)
        __builtin_trap();
    free(nfc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *keys = fuzz_cstring(data, size);
    if (!keys)
        return 0;

    char out[1024];
    for (int m = 0; m < 3; m++)
        for (int ns = 0; ns < 2; ns++)
            if (vnime_convert((ime_method)m, ns, keys, out, sizeof out))
                check_nfc(out, sizeof out);

    for (int m = 1; m < 3; m++) {
        vnime e;
        char field[40] = "";
        vnime_init(&e, (ime_method)m, size & 1);
        for (size_t i = 0; i < size;) {
            keystream_apply(&e, field, sizeof field, data, size, &i);
            check_nfc(field, sizeof field);
            if (e.word_len > strlen(field) || e.nraw < 0 || e.nraw > VNIME_RAW_MAX)
                __builtin_trap();
        }
    }

    if (vnime_restyle(keys, size & 1, out, sizeof out))
        check_nfc(out, sizeof out);
    size_t half = size / 2;
    char *a = malloc(half + 1);
    if (a) {
        memcpy(a, data, half);
        a[half] = '\0';
        (void)vnime_same_name(a, keys + half);
        free(a);
    }
    free(keys);
    return 0;
}
