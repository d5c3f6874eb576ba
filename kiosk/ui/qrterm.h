/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A QR code drawn with text: two module rows per terminal row with the
 * half blocks ▀ ▄ █. Light modules (and the quiet zone) are the drawn
 * blocks, dark modules are spaces, so it reads on a light-on-dark
 * terminal, the kiosk's normal theme. Pure: no curses. */
#ifndef PK_QRTERM_H
#define PK_QRTERM_H

#include <stdbool.h>

enum { QRTERM_MARGIN = 2 };   /* quiet zone in modules around the symbol */

typedef struct {
    int rows, cols;   /* terminal rows and columns the code takes */
    int modules;      /* symbol width in modules, without the quiet zone */
    char **lines;     /* rows lines of UTF-8, cols cells each */
} qrterm;

/* Encodes text (8-bit mode, error correction level L: a screen does not
 * get dirty, and the smaller code fits a 24-row terminal). False when it
 * is empty or too long for a QR code. */
bool qrterm_make(const char *text, qrterm *out);
void qrterm_free(qrterm *q);

#endif
