/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the receipt key file loader (printers/receipt.c, read
 * through receipt_payload), whatever bytes the file holds, up to 64 KiB.
 * Invariants: a file of exactly 32 bytes is a raw key and loads; a key
 * that loads signs a payload that receipt_verify() accepts; anything else
 * is refused with an error, never a crash or a read past the buffer. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "receipt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static config cfg;

static void drop_key(void)
{
    unlink(cfg.key_file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!cfg.key_file[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(cfg.key_file, sizeof cfg.key_file, "%s/fuzz_keyfile.%d.key",
                 tmp && *tmp ? tmp : "/tmp", (int)getpid());
        atexit(drop_key);
    }
    unlink(cfg.key_file);
    int fd = open(cfg.key_file, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
        abort();
    close(fd);
    char payload[128], ref[PK_REF_MAX];
    pk_err e = receipt_payload(&cfg, "LS01-000001", 1764547200, payload, sizeof payload);
    if (size == 32 && e != PK_OK)
        __builtin_trap();                     /* a raw key always loads */
    if (e == PK_OK) {
        int64_t at = 0;
        if (receipt_verify(&cfg, payload, ref, sizeof ref, &at) != PK_OK ||
            strcmp(ref, "LS01-000001") != 0 || at != 1764547200)
            __builtin_trap();
    } else if (payload[0]) {
        __builtin_trap();                     /* no payload from a refused key */
    }
    return 0;
}
