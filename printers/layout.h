/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A printed document built top to bottom: wrapped paragraphs, label/value
 * lines, rules, a QR code, banners. Draws into a canvas and writes the
 * plain-text version alongside. Used by receipts, the test page and any
 * other slip (handover records). Strings are NFC UTF-8, already translated. */
#ifndef PK_LAYOUT_H
#define PK_LAYOUT_H

#include <stdbool.h>

#include "canvas.h"
#include "util.h"

typedef enum { LAY_SMALL, LAY_NORMAL, LAY_LARGE, LAY_HUGE } lay_size;

enum {
    LAY_LEFT = 0,
    LAY_CENTER = 1,
    LAY_RIGHT = 2,
    LAY_ALIGN = 3,   /* mask */
    LAY_BOLD = 4,
    LAY_INDENT = 8,  /* indented by a quarter em ... for list items */
    LAY_NOTEXT = 16, /* canvas only (not in the .txt) */
    LAY_FIXED = 32,  /* the same on every document of its kind (a translated
                        paragraph, the post office's name): drawn once, then
                        copied from the fonts' piece cache */
};

typedef struct layout layout;

layout *layout_new(canvas_fonts *f, int width);
void layout_free(layout *l);

/* The dot size of a text size at this width. */
canvas_style layout_style(const layout *l, lay_size size, int flags);
/* Wrapped paragraph. */
void layout_text(layout *l, lay_size size, int flags, const char *s);
/* One line in the largest size from max down to LAY_NORMAL that fits; wraps
 * at LAY_NORMAL if even that is too wide. */
void layout_text_fit(layout *l, lay_size max, int flags, const char *s);
/* "label   value" on one line when both fit (value right-aligned, bold),
 * else the label then the value wrapped under it. */
void layout_field(layout *l, const char *label, const char *value);
/* Text in white on a black band, full width: banners such as REPRINT. */
void layout_banner(layout *l, lay_size size, const char *s);
void layout_rule(layout *l, bool dashed);
void layout_gap(layout *l, int dots);
/* QR code centred, module dots preferred (6 at 58 mm, 8 at 80 mm if 0). */
pk_err layout_qr(layout *l, const char *data, int module);
/* Blank lines appended to the .txt only. */
void layout_text_break(layout *l);

/* Ends the document: the canvas (caller frees) and the plain text (caller
 * frees; may be NULL to drop it). l is freed. */
canvas *layout_finish(layout *l, char **text);

/* Current height in dots (for tests and for decisions such as page size). */
int layout_y(const layout *l);
canvas *layout_canvas(layout *l);

#endif
