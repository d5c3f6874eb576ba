/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the clerk PIN pepper loader (auth_load_pepper), with
 * whatever bytes the file holds, up to 64 KiB. Invariants: exactly 32 raw
 * bytes load as themselves; 64 hex digits (optionally a newline) load as
 * their value; everything else is refused and leaves no pepper set. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[512];

static void drop_file(void)
{
    unlink(path);
}

static bool all_hex(const uint8_t *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdefABCDEF", d[i]) || !d[i])
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/fuzz_pepper.%d", tmp && *tmp ? tmp : "/tmp",
                 (int)getpid());
        atexit(drop_file);
    }
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
        abort();
    close(fd);
    auth_ctx a;
    memset(&a, 0, sizeof a);
    char msg[600];
    pk_err e = auth_load_pepper(&a, path, msg, sizeof msg);
    bool hex = (size == 64 || (size == 65 && data[64] == '\n')) && all_hex(data, 64);
    if ((size == AUTH_PEPPER_BYTES || hex) != (e == PK_OK))
        __builtin_trap();
    if (e == PK_OK && (!a.has_pepper || (size == AUTH_PEPPER_BYTES &&
                                         memcmp(a.pepper, data, AUTH_PEPPER_BYTES) != 0)))
        __builtin_trap();
    if (e != PK_OK && (a.has_pepper || !msg[0]))
        __builtin_trap();
    auth_wipe(&a);
    return 0;
}
