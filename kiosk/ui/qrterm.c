/* SPDX-License-Identifier: GPL-3.0-or-later */
/* QR code as half-block text lines (libqrencode does the encoding). */
#include "qrterm.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Light at module (y, x) of the padded symbol: everything outside the
 * symbol is quiet zone, which is light. */
static bool light(const QRcode *qr, int y, int x)
{
    y -= QRTERM_MARGIN;
    x -= QRTERM_MARGIN;
    if (y < 0 || x < 0 || y >= qr->width || x >= qr->width)
        return true;
    return !(qr->data[y * qr->width + x] & 1);
}

bool qrterm_make(const char *text, qrterm *out)
{
    memset(out, 0, sizeof *out);
    if (!text || !*text)
        return false;
    QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_L);
    if (!qr)
        return false;
    int size = qr->width + 2 * QRTERM_MARGIN;
    out->modules = qr->width;
    out->cols = size;
    out->rows = (size + 1) / 2;
    out->lines = xcalloc((size_t)out->rows, sizeof *out->lines);
    for (int r = 0; r < out->rows; r++) {
        char *line = xmalloc((size_t)size * 3 + 1), *p = line;
        for (int x = 0; x < size; x++) {
            bool top = light(qr, 2 * r, x);
            /* an odd last row: the half below the code is dark, like the screen */
            bool bottom = 2 * r + 1 < size && light(qr, 2 * r + 1, x);
            const char *cell = top && bottom ? "\xe2\x96\x88"     /* █ */
                               : top         ? "\xe2\x96\x80"     /* ▀ */
                               : bottom      ? "\xe2\x96\x84"     /* ▄ */
                                             : " ";
            size_t n = strlen(cell);
            memcpy(p, cell, n);
            p += n;
        }
        *p = '\0';
        out->lines[r] = line;
    }
    QRcode_free(qr);
    return true;
}

void qrterm_free(qrterm *q)
{
    for (int r = 0; q->lines && r < q->rows; r++)
        free(q->lines[r]);
    free(q->lines);
    memset(q, 0, sizeof *q);
}
