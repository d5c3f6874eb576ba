/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF, CUPS and barcode functions through the papers module (module/,
 * pk-papers.so): cairo, pango, libcups and libzint are mapped when a clerk
 * first makes a paper, never by the citizen's kiosk. Without the module a
 * paper cannot be made or printed, with the reason (paper_lib_ready). */
#include "paper_barcode.h"
#include "paper_cups.h"
#include "paper_render.h"

#include <stdio.h>

#include "paper_module.h"

static const paper_module *mod(char *why, size_t whysz)
{
    return module_load("papers", sizeof(paper_module), why, whysz);
}

bool paper_lib_ready(char *why, size_t whysz)
{
    return mod(why, whysz) != NULL;
}

pk_err paper_pdf_write(const paper_doc *d, const char *path, int *pages)
{
    char why[300];
    const paper_module *m = mod(why, sizeof why);
    *pages = 0;
    return m ? m->pdf_write(d, path, pages) : PK_EPRINTER;
}

pk_err paper_cups_send(const config *cfg, const char *path, const char *title, int *job,
                       char *detail, size_t detailsz)
{
    *job = 0;
    if (detailsz)
        detail[0] = '\0';
    if (!cfg->papers_printer[0])
        return PK_ENOTFOUND;
    const paper_module *m = mod(detail, detailsz);
    return m ? m->cups_send(cfg, path, title, job, detail, detailsz) : PK_EPRINTER;
}

pk_err paper_barcode_canvas(canvas *c, const char *data, int y, int module, int rows,
                            int *used)
{
    char why[300];
    const paper_module *m = mod(why, sizeof why);
    *used = 0;
    return m ? m->barcode_canvas(c, data, y, module, rows, used) : PK_EPRINTER;
}
