/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the CSV reader over arbitrary bytes. Invariants: it
 * ends (0 or -1) within as many records as there are bytes; every field it
 * returns is valid UTF-8 in NFC with no control character but a line
 * break; an error message names the file and a line. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csv *c = csv_open_mem("f.csv", (const char *)data, size);
    char **f;
    int n, r;
    char err[256];
    size_t records = 0;
    while ((r = csv_next(c, &f, &n, err, sizeof err)) == 1) {
        if (++records > size + 1)
            __builtin_trap();
        for (int i = 0; i < n; i++) {
            size_t len = strlen(f[i]);
            if (!text_valid_utf8(f[i], len))
                __builtin_trap();
            for (const unsigned char *p = (const unsigned char *)f[i]; *p; p++)
                if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
                    __builtin_trap();
            char *nfc = text_nfc(f[i]);
            if (!nfc || strcmp(nfc, f[i]) != 0)
                __builtin_trap();
            free(nfc);
        }
    }
    if (r < 0 && strncmp(err, "f.csv:", 6) != 0)
        __builtin_trap();
    csv_close(c);
    return 0;
}
