/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers shared by every module: allocation that aborts on
 * out-of-memory (htop's xMalloc), bounded string copies, a growable buffer,
 * and start-up-only die(). Run-time errors are values (pk_err), not exits. */
#ifndef PK_UTIL_H
#define PK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copies src into dst[size], always NUL-terminated, never splitting a UTF-8
 * sequence. Returns false when src did not fit (dst then holds a prefix). */
bool str_copy(char *dst, size_t size, const char *src);
/* Overwrites memory so personal data does not linger (explicit_bzero). */
void mem_wipe(void *p, size_t n);

/* Start-up failures only: prints "postkiosk: msg" to stderr and exits 1. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable NUL-terminated byte buffer. */
typedef struct {
    char *data;
    size_t len, cap;
} sbuf;

/* Room for extra more bytes (and the NUL) without another allocation. */
void sbuf_reserve(sbuf *b, size_t extra);
void sbuf_add(sbuf *b, const char *s);
void sbuf_addn(sbuf *b, const char *s, size_t n);
void sbuf_addf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* v in decimal, the bytes of "%" PRId64 without printf (hashed forms built
 * per row: the audit chain, the seals). */
void sbuf_add_i64(sbuf *b, int64_t v);
void sbuf_vaddf(sbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void sbuf_free(sbuf *b);

#endif
