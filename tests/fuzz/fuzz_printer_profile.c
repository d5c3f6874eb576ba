/* libFuzzer target: the printer profile spec ("58mm,nocut,confirm=30,...")
 * over arbitrary bytes. Invariants: it never crashes; a refused spec leaves
 * the 58mm defaults; an accepted one has every field in its range. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escpos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = malloc(size + 1);
    if (!spec)
        return 0;
    memcpy(spec, data, size);
    spec[size] = '\0';
    printer_profile defaults, p;
    check(escpos_profile_parse("58mm", &defaults));
    memset(&p, 0xA5, sizeof p);
    bool ok = escpos_profile_parse(spec, &p);
    if (!ok) {
        check(memcmp(&p, &defaults, sizeof p) == 0);
    } else {
        check(p.width_dots >= 128 && p.width_dots <= 576 && p.width_dots % 8 == 0);
        check(p.band_rows >= 1 && p.band_rows <= 255);
        check(p.feed_lines >= 0 && p.feed_lines <= 20);
        check(p.confirm_s >= 1 && p.confirm_s <= 120);
        check(p.name[0] && memchr(p.name, '\0', sizeof p.name));
        check(strlen(spec) < 256);
    }
    /* The same spec twice gives the same answer (strtok_r, no state). */
    printer_profile again;
    check(escpos_profile_parse(spec, &again) == ok);
    check(memcmp(&p, &again, sizeof p) == 0);
    free(spec);
    return 0;
}
