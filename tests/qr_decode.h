/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test helper: decodes a QR code drawn with the half blocks ▀ ▄ █ (light
 * = drawn) by turning the cells back into pixels, framing them with a dark
 * "screen", and scanning with zbar. Writes the picture as a PBM for
 * people to look at. Header-only (static functions). */
#ifndef PK_QR_DECODE_H
#define PK_QR_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <zbar.h>

#include "util.h"

enum { QRD_SCALE = 4, QRD_FRAME = 10 };

/* The four shapes of a cell: bit 1 = top half light, bit 2 = bottom. */
static inline int qrd_shape(uint32_t cp)
{
    switch (cp) {
    case ' ': return 0;
    case 0x2580: return 1;   /* ▀ */
    case 0x2584: return 2;   /* ▄ */
    case 0x2588: return 3;   /* █ */
    default: return -1;
    }
}

/* UTF-8 line into at most max code points (one cell each); returns the count. */
static inline int qrd_cells(const char *s, uint32_t *out, int max)
{
    int n = 0;
    while (*s && n < max) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
        if (k <= 0)
            break;
        out[n++] = (uint32_t)cp;
        s += k;
    }
    return n;
}

/* cells: rows x cols code points, each one of the four shapes. */
static inline bool qrd_decode(const uint32_t *cells, int rows, int cols, char *out,
                              size_t outsz, const char *pbm)
{
    int w = cols, h = rows * 2;
    int iw = (w + 2 * QRD_FRAME) * QRD_SCALE, ih = (h + 2 * QRD_FRAME) * QRD_SCALE;
    unsigned char *img = xcalloc((size_t)iw * (size_t)ih, 1);   /* dark around */
    for (int r = 0; r < rows; r++)
        for (int x = 0; x < cols; x++) {
            int sh = qrd_shape(cells[r * cols + x]);
            if (sh < 0) {
                free(img);
                return false;
            }
            for (int half = 0; half < 2; half++) {
                if (!(sh & (1 << half)))
                    continue;
                int my = 2 * r + half + QRD_FRAME, mx = x + QRD_FRAME;
                for (int dy = 0; dy < QRD_SCALE; dy++)
                    memset(img + (size_t)(my * QRD_SCALE + dy) * (size_t)iw + mx * QRD_SCALE, 255,
                           QRD_SCALE);
            }
        }
    FILE *f = pbm ? fopen(pbm, "w") : NULL;
    if (f) {
        fprintf(f, "P1\n%d %d\n", iw, ih);
        for (int y = 0; y < ih; y++) {
            for (int x = 0; x < iw; x++)
                fputc(img[y * iw + x] ? '0' : '1', f);    /* PBM: 1 = black */
            fputc('\n', f);
        }
        fclose(f);
    }
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t *zi = zbar_image_create();
    zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(zi, (unsigned)iw, (unsigned)ih);
    zbar_image_set_data(zi, img, (unsigned long)iw * (unsigned long)ih, NULL);
    bool ok = false;
    if (zbar_scan_image(sc, zi) > 0) {
        const zbar_symbol_t *sym = zbar_image_first_symbol(zi);
        ok = sym && str_copy(out, outsz, zbar_symbol_get_data(sym));
    }
    zbar_image_destroy(zi);
    zbar_image_scanner_destroy(sc);
    free(img);
    return ok;
}

/* Finds the block-drawn QR code in a screen dump (the rectangle of cells
 * spanned by ▀ ▄ █) and decodes it. */
static inline bool qrd_decode_screen(const char *dump, char *out, size_t outsz, const char *pbm)
{
    enum { R = 200, C = 300 };
    uint32_t *screen = xcalloc((size_t)R * C, sizeof *screen);
    int rows = 0, top = -1, bottom = -1, left = C, right = -1;
    const char *p = dump;
    while (*p && rows < R) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xmalloc(n + 1);
        memcpy(line, p, n);
        line[n] = '\0';
        int k = qrd_cells(line, screen + rows * C, C);
        for (int x = 0; x < k; x++)
            if (qrd_shape(screen[rows * C + x]) > 0) {
                if (top < 0)
                    top = rows;
                bottom = rows;
                left = x < left ? x : left;
                right = x > right ? x : right;
            }
        for (int x = k; x < C; x++)
            screen[rows * C + x] = ' ';
        free(line);
        rows++;
        p += n + (nl ? 1 : 0);
    }
    bool ok = false;
    if (top >= 0) {
        int h = bottom - top + 1, w = right - left + 1;
        uint32_t *cells = xcalloc((size_t)h * (size_t)w, sizeof *cells);
        for (int r = 0; r < h; r++)
            memcpy(cells + r * w, screen + (top + r) * C + left, (size_t)w * sizeof *cells);
        ok = qrd_decode(cells, h, w, out, outsz, pbm);
        free(cells);
    }
    free(screen);
    return ok;
}

#endif
