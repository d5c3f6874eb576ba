/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of the papers module (pk-papers.so: cairo, pango, libcups,
 * libzint), called through paper_lib.c (module.h). */
#ifndef PK_PAPER_MODULE_H
#define PK_PAPER_MODULE_H

#include <cairo.h>

#include "module.h"
#include "paper_barcode.h"
#include "paper_cups.h"
#include "paper_render.h"

typedef struct {
    pk_module_head head;
    pk_err (*pdf_write)(const paper_doc *d, const char *path, int *pages);
    pk_err (*cups_send)(const config *cfg, const char *path, const char *title, int *job,
                        char *detail, size_t detailsz);
    pk_err (*barcode_canvas)(canvas *c, const char *data, int y, int module, int rows,
                             int *used);
} paper_module;

/* What the table points to (hidden: reached through pk_module_papers);
 * the same contracts as paper_pdf_write, paper_cups_send and
 * paper_barcode_canvas. */
pk_err papermod_pdf_write(const paper_doc *d, const char *path, int *pages);
pk_err papermod_cups_send(const config *cfg, const char *path, const char *title, int *job,
                          char *detail, size_t detailsz);
pk_err papermod_barcode_canvas(canvas *c, const char *data, int y, int module, int rows,
                               int *used);
/* Draws the bars of data into the box (x, y, w, h), quiet zones inside
 * the box. PK_EINVAL when zint cannot encode data. */
pk_err paper_barcode_cairo(cairo_t *cr, const char *data, double x, double y, double w,
                           double h);

#endif
