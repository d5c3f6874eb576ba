/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the printer spec ("device:/dev/usb/lp0",
 * "tcp:HOST:PORT", "tcp:[::1]:9100", ...) through printer_open, which
 * parses and stores it without connecting. "file:" specs are left out:
 * opening one creates its folder. Invariants: it never crashes or leaks;
 * a refusal gives a message and no printer; an accepted printer reports
 * its width and no folder. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "printer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = fuzz_cstring(data, size);
    if (!spec)
        return 0;
    if (!strncmp(spec, "file:", 5)) {
        free(spec);
        return 0;
    }
    printer *p = (printer *)spec;   /* must be reset */
    char msg[256];
    memset(msg, 'x', sizeof msg);
    pk_err e = printer_open(spec, "80mm", &p, msg, sizeof msg);
    if (e != PK_OK) {
        fuzz_check(p == NULL);
        fuzz_check(memchr(msg, '\0', sizeof msg) && msg[0]);
    } else {
        fuzz_check(p != NULL);
        fuzz_check(!strncmp(spec, "tcp:", 4) || !strncmp(spec, "device:/", 8));
        fuzz_check(printer_width_dots(p) == 576);
        fuzz_check(printer_dir(p)[0] == '\0');
        printer_close(p);
    }
    free(spec);
    return 0;
}
