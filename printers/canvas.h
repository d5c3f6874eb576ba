/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 1-bit canvas for receipts: 384 (58 mm) or 576 (80 mm) dots wide,
 * growing in height. Bits are stored exactly as ESC/POS GS v 0 and PBM P4
 * want them: rows top to bottom, MSB = leftmost dot, 1 = black. Text is drawn
 * with FreeType (DejaVu Sans covers Vietnamese), QR codes with libqrencode.
 * What the PNG export shows is what the printer gets. */
#ifndef PK_CANVAS_H
#define PK_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"

typedef struct canvas {
    int width;             /* dots, a multiple of 8 */
    int height;            /* rows in use */
    int stride;            /* bytes per row = width / 8 */
    int cap;               /* rows allocated */
    unsigned char *bits;
    long clipped;          /* ink that fell outside the canvas (must stay 0) */
    /* Where the QR code sits, so a printer with native QR (GS ( k) can
     * print the same symbol instead of the raster rows qr_y..qr_y+qr_h. */
    int qr_y, qr_h, qr_module;
    char *qr_data;
} canvas;

canvas *canvas_new(int width);
void canvas_free(canvas *c);
/* Makes rows [0, rows) exist (new rows are white). */
void canvas_ensure(canvas *c, int rows);
/* Room for rows [0, rows) without changing the height: a document of a
 * known size allocated once. */
void canvas_reserve(canvas *c, int rows);
void canvas_set(canvas *c, int x, int y);
void canvas_clear(canvas *c, int x, int y);
bool canvas_get(const canvas *c, int x, int y);
void canvas_fill(canvas *c, int x, int y, int w, int h);
/* Horizontal rule across [x, x+w); dashed leaves gaps. */
void canvas_rule(canvas *c, int x, int y, int w, int thickness, bool dashed);
/* Number of black dots in rows [y0, y1). */
long canvas_ink(const canvas *c, int y0, int y1);

/* ---- text ------------------------------------------------------------ */
typedef struct canvas_fonts canvas_fonts;

#define CANVAS_FONT_REGULAR "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define CANVAS_FONT_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

/* NULL paths take the DejaVu defaults. Glyphs are cached: keep one
 * canvas_fonts for the life of the process (the printer owns it). */
pk_err canvas_fonts_open(const char *regular, const char *bold, canvas_fonts **out);
void canvas_fonts_close(canvas_fonts *f);

typedef struct {
    int px;                /* em size in dots */
    bool bold;
} canvas_style;

/* Line metrics of a style, in dots. */
int canvas_ascent(canvas_fonts *f, canvas_style style);
int canvas_line_height(canvas_fonts *f, canvas_style style);
/* Advance width of the first len bytes of s (NFC UTF-8). */
int canvas_text_width(canvas_fonts *f, canvas_style style, const char *s, size_t len);
/* Word-wraps s into lines at most maxw dots wide, at spaces and at '\n';
 * a word longer than a line is broken between graphemes, never inside one.
 * Fills up to max (starts, lens) and returns the total number of lines. */
int canvas_wrap(canvas_fonts *f, canvas_style style, const char *s, int maxw,
                size_t *starts, size_t *lens, int max);
/* Draws s[0..len) with its baseline at y; returns the advance. */
int canvas_draw_text(canvas *c, canvas_fonts *f, canvas_style style, int x, int y,
                     const char *s, size_t len);

/* ---- pieces drawn once ---------------------------------------------- */
/* What a document draws the same every time (a translated paragraph at
 * its place) kept with the fonts, which live as long as the process, so
 * that the next document ORs its rows in instead of drawing it glyph by
 * glyph again. img: the piece drawn with its first line's top at row
 * origin; ink0: its first row with ink; advance: how far it moves the
 * document down. The key says what was drawn and where. */
typedef struct {
    canvas *img;
    int origin, ink0, advance;
} canvas_piece;

const canvas_piece *canvas_piece_find(canvas_fonts *f, const char *key);
/* Keeps img (now owned by f) under key; NULL when the cache is full (img
 * is freed then). At most 256 pieces and 8 MB: past that the cache starts
 * again, so that documents of ever new texts cannot grow it. */
const canvas_piece *canvas_piece_keep(canvas_fonts *f, const char *key, canvas *img, int origin,
                                      int advance);
/* ORs the piece's rows into c with its origin at row y (y - origin + ink0
 * >= 0) and makes the rows it covers exist. */
void canvas_piece_draw(canvas *c, const canvas_piece *p, int y);

/* ---- QR and watermark ------------------------------------------------ */
/* Draws data as a QR code (ECC M, case-sensitive; [0-9A-Z .-] runs use the
 * alphanumeric mode) centred, with its 4-module quiet zone starting at row
 * y. module is the preferred size in dots, lowered to fit the width but
 * never under 4. *height gets the rows used, quiet zones included. */
pk_err canvas_qr(canvas *c, int y, const char *data, int module, int *height);
/* Repeats text diagonally over the whole canvas in a light dot pattern,
 * so the content stays readable and the mark cannot be cut away. */
void canvas_watermark(canvas *c, canvas_fonts *f, const char *text);

/* ---- export ---------------------------------------------------------- */
pk_err canvas_write_png(const canvas *c, FILE *fp);
pk_err canvas_write_pbm(const canvas *c, FILE *fp);

#endif
