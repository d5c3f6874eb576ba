/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The 1-bit canvas: storage, rules, QR codes (libqrencode), the sample
 * watermark, PNG (libpng) and PBM export. Text lives in canvas_text.c. */
#include <math.h>
#include <png.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "util.h"

canvas *canvas_new(int width)
{
    canvas *c = xcalloc(1, sizeof *c);
    c->width = (width + 7) / 8 * 8;
    c->stride = c->width / 8;
    return c;
}

void canvas_free(canvas *c)
{
    if (!c)
        return;
    free(c->bits);
    free(c->qr_data);
    free(c);
}

void canvas_ensure(canvas *c, int rows)
{
    if (rows <= c->height)
        return;
    if (rows > c->cap) {
        int cap = c->cap ? c->cap : 256;
        while (cap < rows)
            cap *= 2;
        c->bits = xrealloc(c->bits, (size_t)cap * (size_t)c->stride);
        memset(c->bits + (size_t)c->cap * (size_t)c->stride, 0,
               (size_t)(cap - c->cap) * (size_t)c->stride);
        c->cap = cap;
    }
    c->height = rows;
}

void canvas_reserve(canvas *c, int rows)
{
    if (rows <= c->cap)
        return;
    c->bits = xrealloc(c->bits, (size_t)rows * (size_t)c->stride);
    memset(c->bits + (size_t)c->cap * (size_t)c->stride, 0,
           (size_t)(rows - c->cap) * (size_t)c->stride);
    c->cap = rows;
}

void canvas_set(canvas *c, int x, int y)
{
    if (x < 0 || x >= c->width || y < 0) {
        c->clipped++;
        return;
    }
    canvas_ensure(c, y + 1);
    c->bits[(size_t)y * (size_t)c->stride + (size_t)(x >> 3)] |= (unsigned char)(0x80 >> (x & 7));
}

void canvas_clear(canvas *c, int x, int y)
{
    if (x < 0 || x >= c->width || y < 0 || y >= c->height)
        return;
    c->bits[(size_t)y * (size_t)c->stride + (size_t)(x >> 3)] &= (unsigned char)~(0x80 >> (x & 7));
}

bool canvas_get(const canvas *c, int x, int y)
{
    if (x < 0 || x >= c->width || y < 0 || y >= c->height)
        return false;
    return c->bits[(size_t)y * (size_t)c->stride + (size_t)(x >> 3)] & (0x80 >> (x & 7));
}

/* Sets dots [x0, x1) of row y, all inside the canvas: whole bytes in
 * the middle, masks at the ends. */
static void row_span(canvas *c, int y, int x0, int x1)
{
    unsigned char *row = c->bits + (size_t)y * (size_t)c->stride;
    int b0 = x0 >> 3, b1 = (x1 - 1) >> 3;
    unsigned char m0 = (unsigned char)(0xFFu >> (x0 & 7));
    unsigned char m1 = (unsigned char)(0xFFu << (7 - ((x1 - 1) & 7)));
    if (b0 == b1) {
        row[b0] |= (unsigned char)(m0 & m1);
        return;
    }
    row[b0] |= m0;
    if (b1 - b0 > 1)
        memset(row + b0 + 1, 0xFF, (size_t)(b1 - b0 - 1));
    row[b1] |= m1;
}

void canvas_fill(canvas *c, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0)
        return;
    canvas_ensure(c, y + h);
    if (x < 0 || y < 0 || x + w > c->width) {
        /* partly outside: dot by dot, counting the ink that falls off */
        for (int r = y; r < y + h; r++)
            for (int col = x; col < x + w; col++)
                canvas_set(c, col, r);
        return;
    }
    for (int r = y; r < y + h; r++)
        row_span(c, r, x, x + w);
}

void canvas_rule(canvas *c, int x, int y, int w, int thickness, bool dashed)
{
    canvas_ensure(c, y + thickness);
    if (!dashed) {
        canvas_fill(c, x, y, w, thickness);
        return;
    }
    for (int col = x; col < x + w; col += 12)   /* 7 dots on, 5 off */
        canvas_fill(c, col, y, x + w - col < 7 ? x + w - col : 7, thickness);
}

long canvas_ink(const canvas *c, int y0, int y1)
{
    long n = 0;
    if (y0 < 0)
        y0 = 0;
    if (y1 > c->height)
        y1 = c->height;
    for (int y = y0; y < y1; y++)
        for (int b = 0; b < c->stride; b++)
            n += __builtin_popcount(c->bits[(size_t)y * (size_t)c->stride + (size_t)b]);
    return n;
}

pk_err canvas_qr(canvas *c, int y, const char *data, int module, int *height)
{
    *height = 0;
    QRcode *qr = QRcode_encodeString(data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return PK_EINVAL;
    int total = qr->width + 8;            /* 4-module quiet zone each side */
    if (module * total > c->width)
        module = c->width / total;
    if (module < 4) {
        QRcode_free(qr);
        return PK_EINVAL;
    }
    int side = module * total;
    int x0 = (c->width - side) / 2 + 4 * module;
    int y0 = y + 4 * module;
    canvas_ensure(c, y + side);
    /* each run of dark modules in a row filled at once */
    for (int r = 0; r < qr->width; r++) {
        const unsigned char *m = qr->data + r * qr->width;
        for (int col = 0; col < qr->width;) {
            if (!(m[col] & 1)) {
                col++;
                continue;
            }
            int end = col + 1;
            while (end < qr->width && (m[end] & 1))
                end++;
            canvas_fill(c, x0 + col * module, y0 + r * module, (end - col) * module, module);
            col = end;
        }
    }
    QRcode_free(qr);
    free(c->qr_data);
    c->qr_data = xstrdup(data);
    c->qr_y = y;
    c->qr_h = side;
    c->qr_module = module;
    *height = side;
    return PK_OK;
}

void canvas_watermark(canvas *c, canvas_fonts *f, const char *text)
{
    /* Draw the text once, bold, into a strip; then stamp the strip rotated
     * by about 30 degrees every `pitch` rows, in a 1-in-4 dot pattern. */
    canvas_style style = {c->width >= 576 ? 40 : 30, true};
    canvas *strip = canvas_new(canvas_text_width(f, style, text, strlen(text)) + 16);
    int asc = canvas_ascent(f, style);
    canvas_draw_text(strip, f, style, 8, asc + 4, text, strlen(text));
    canvas_ensure(strip, canvas_line_height(f, style) + 8);
    const double a = -0.5236;              /* -30 degrees: rising to the right */
    const double ca = cos(a), sa = sin(a);
    int sw = strip->width, sh = strip->height;
    int pitch = c->width * 3 / 4;
    for (int oy = pitch / 2; oy < c->height + pitch; oy += pitch) {
        /* Centre of the stamp at (width/2, oy). */
        double cx = c->width / 2.0, cy = oy;
        int reach = (int)(sqrt((double)sw * sw + (double)sh * sh) / 2) + 1;
        for (int y = (int)cy - reach; y <= (int)cy + reach; y++) {
            if (y < 0 || y >= c->height || (y & 1))
                continue;
            if (c->qr_h > 0 && y >= c->qr_y && y < c->qr_y + c->qr_h)
                continue;                  /* keep the QR code clean for scanners */
            for (int x = 0; x < c->width; x += 2) {
                double dx = x - cx, dy = y - cy;
                /* inverse rotation back into strip coordinates */
                double sx = dx * ca + dy * sa + sw / 2.0;
                double sy = -dx * sa + dy * ca + sh / 2.0;
                if (sx >= 0 && sy >= 0 && canvas_get(strip, (int)sx, (int)sy))
                    canvas_set(c, x, y);
            }
        }
    }
    canvas_free(strip);
}

pk_err canvas_write_pbm(const canvas *c, FILE *fp)
{
    if (fprintf(fp, "P4\n%d %d\n", c->width, c->height) < 0)
        return PK_EIO;
    size_t n = (size_t)c->stride * (size_t)c->height;
    if (n && fwrite(c->bits, 1, n, fp) != n)
        return PK_EIO;
    return fflush(fp) == 0 ? PK_OK : PK_EIO;
}

pk_err canvas_write_png(const canvas *c, FILE *fp)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png)
        return PK_EIO;
    png_infop info = png_create_info_struct(png);
    unsigned char *row = xmalloc((size_t)c->stride);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        free(row);
        return PK_EIO;
    }
    png_init_io(png, fp);
    png_set_IHDR(png, info, (png_uint_32)c->width, (png_uint_32)(c->height ? c->height : 1), 1,
                 PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    /* 203 dpi = 7992 dots per metre: the preview prints at the true size. */
    png_set_pHYs(png, info, 7992, 7992, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    for (int y = 0; y < (c->height ? c->height : 1); y++) {
        for (int b = 0; b < c->stride; b++)   /* PNG gray: 1 = white */
            row[b] = c->height ? (unsigned char)~c->bits[(size_t)y * (size_t)c->stride + (size_t)b]
                               : 0xFF;
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return fflush(fp) == 0 ? PK_OK : PK_EIO;
}
