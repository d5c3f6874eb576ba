/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Code 128 of a UPU S10 number (libzint, in the papers module: the PDF's
 * bars are drawn there too) as dots on the receipt printer's canvas. The
 * human-readable text is drawn by the caller, in the paper's own font. */
#ifndef PK_PAPER_BARCODE_H
#define PK_PAPER_BARCODE_H

#include "canvas.h"
#include "model.h"

/* Draws the bars centred on the canvas from row y, module dots wide (lowered
 * to fit the canvas, at least 1), rows high; *used gets the rows drawn. */
pk_err paper_barcode_canvas(canvas *c, const char *data, int y, int module, int rows,
                            int *used);

#endif
