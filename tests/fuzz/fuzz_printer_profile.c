/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the printer profile spec ("58mm,nocut,confirm=30,...")
 * over arbitrary bytes. Invariants: it never crashes; a refused spec leaves
 * the 58mm defaults; an accepted one has every field in its range. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escpos.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = fuzz_cstring(data, size);
    if (!spec)
        return 0;
    printer_profile defaults, p;
    fuzz_check(escpos_profile_parse("58mm", &defaults));
    memset(&p, 0xA5, sizeof p);
    bool ok = escpos_profile_parse(spec, &p);
    if (!ok) {
        fuzz_check(memcmp(&p, &defaults, sizeof p) == 0);
    } else {
        fuzz_check(p.width_dots >= 128 && p.width_dots <= 576 && p.width_dots % 8 == 0);
        fuzz_check(p.band_rows >= 1 && p.band_rows <= 255);
        fuzz_check(p.feed_lines >= 0 && p.feed_lines <= 20);
        fuzz_check(p.confirm_s >= 1 && p.confirm_s <= 120);
        fuzz_check(p.name[0] && memchr(p.name, '\0', sizeof p.name));
        fuzz_check(strlen(spec) < 256);
    }
    /* The same spec twice gives the same answer (strtok_r, no state). */
    printer_profile again;
    fuzz_check(escpos_profile_parse(spec, &again) == ok);
    fuzz_check(memcmp(&p, &again, sizeof p) == 0);
    free(spec);
    return 0;
}
