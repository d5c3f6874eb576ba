/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Code 128 of a UPU S10 number with libzint: as vector bars in the PDF
 * (cairo) and as dots on the receipt printer's canvas. The human-readable
 * text is drawn by the caller, in the paper's own font. */
#ifndef PK_PAPER_BARCODE_H
#define PK_PAPER_BARCODE_H

#include <cairo.h>

#include "canvas.h"
#include "model.h"

/* Draws the bars of data into the box (x, y, w, h), quiet zones inside
 * the box. PK_EINVAL when zint cannot encode data. */
pk_err paper_barcode_cairo(cairo_t *cr, const char *data, double x, double y, double w,
                           double h);
/* Draws the bars centred on the canvas from row y, module dots wide (lowered
 * to fit the canvas, at least 1), rows high; *used gets the rows drawn. */
pk_err paper_barcode_canvas(canvas *c, const char *data, int y, int module, int rows,
                            int *used);

#endif
