/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the configuration file parser over arbitrary bytes.
 * Invariants: it never crashes; a refused file gets "file:line: reason" or
 * "file: reason"; an accepted one yields values that are valid UTF-8, NFC,
 * without control characters, and timeouts in range; a file holding a NUL
 * byte is never accepted, and track_url is empty or https:// (issue 11
 * item 14). Inputs up to 64 KiB (corpus .max_len). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void clean(const char *s)
{
    if (!text_valid_utf8(s, strlen(s)) || text_has_control(s))
        __builtin_trap();
    char *nfc = text_nfc(s);
    if (!nfc || strcmp(nfc, s) != 0)
        __builtin_trap();
    free(nfc);
}

static char path[64];

__attribute__((destructor)) static void remove_file(void)
{
    if (path[0])
        unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fuzz-config-%d.ini", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    config c;
    char err[700];
    if (config_load(&c, path, err, sizeof err)) {
        clean(c.kiosk_code);
        clean(c.post_office);
        clean(c.printer);
        clean(c.db_path);
        clean(c.track_url);
        if (c.idle_timeout < 15 || c.idle_warning >= c.idle_timeout)
            __builtin_trap();
        if (memchr(data, 0, size))
            __builtin_trap();
        if (c.track_url[0] && strncasecmp(c.track_url, "https://", 8) != 0)
            __builtin_trap();
    } else if (strncmp(err, path, strlen(path)) != 0) {
        __builtin_trap();
    }
    return 0;
}
