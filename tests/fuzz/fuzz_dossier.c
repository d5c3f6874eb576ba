/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: every dossier validator and mask over arbitrary bytes.
 * Invariants: a value accepted once is accepted again unchanged (the
 * normalised form is a fixed point), it is NFC without control characters,
 * and a masked ID or phone never shows more than its last 4 / first 2 +
 * last 2 characters. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dossier.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef val_result (*check_fn)(const char *, char *, size_t);

static val_result check_id(const char *in, char *out, size_t outsz)
{
    return dossier_check_id(in, 2026, out, outsz);
}

static void fixed_point(check_fn f, const char *in)
{
    char a[512], b[512];
    if (f(in, a, sizeof a) != VAL_OK)
        return;
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)a);
    if (!nfc || strcmp(nfc, a) != 0)
        __builtin_trap();
    free(nfc);
    for (const unsigned char *p = (const unsigned char *)a; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            __builtin_trap();
    if (f(a, b, sizeof b) != VAL_OK || strcmp(a, b) != 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = fuzz_cstring(data, size);
    if (!in)
        return 0;

    fixed_point(dossier_check_name, in);
    fixed_point(check_id, in);
    fixed_point(dossier_check_phone, in);
    fixed_point(dossier_check_email, in);
    fixed_point(dossier_check_street, in);

    char m[256];
    dossier_mask_id(in, m, sizeof m);
    size_t shown = 0;
    for (const char *p = m; *p; p++)
        shown += *p != '*';
    if (shown > 4)
        __builtin_trap();
    dossier_mask_phone(in, m, sizeof m);
    shown = 0;
    for (const char *p = m; *p; p++)
        shown += *p != '*';
    if (shown > 4)
        __builtin_trap();
    dossier_mask_name(in, m, sizeof m);
    if (strlen(m) >= sizeof m)
        __builtin_trap();
    (void)dossier_val_msg((val_result)(size % 20));
    free(in);
    return 0;
}
