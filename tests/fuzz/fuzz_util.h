/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the libFuzzer targets (each its own binary): the invariant
 * check, the input as a C string, a receipt key file for the process. */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A broken invariant stops the run where it broke. */
static inline void fuzz_check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

/* The input as a NUL-terminated string (malloc'ed; NULL when out of
 * memory): a C caller sees it end at its first NUL byte. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return NULL;
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static inline char *fuzz_key_path(void)
{
    static char path[512];
    return path;
}

static inline void fuzz_drop_key(void)
{
    unlink(fuzz_key_path());
}

/* Writes a fixed receipt key (version 1, mode 0600) to
 * $TMPDIR/NAME.PID.key, removed at exit; copies its path to path. */
static inline void fuzz_key_file(const char *name, char *path, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_key_path(), 512, "%s/%s.%d.key", tmp && *tmp ? tmp : "/tmp", name, (int)getpid());
    FILE *fp = fopen(fuzz_key_path(), "w");
    if (!fp)
        abort();
    fputs("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n1\n", fp);
    fclose(fp);
    chmod(fuzz_key_path(), 0600);
    atexit(fuzz_drop_key);
    snprintf(path, cap, "%s", fuzz_key_path());
}

#endif
