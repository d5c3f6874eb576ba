/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The two renderers of a paper_doc. */
#ifndef PK_PAPER_RENDER_H
#define PK_PAPER_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "paper_doc.h"
#include "printer.h"

/* Whether the papers module (pk-papers.so, module.h) can be loaded; false
 * with why (translated) when it cannot: no paper can then be made. */
bool paper_lib_ready(char *why, size_t whysz);
/* Writes the PDF to path (through path.tmp, fsync, rename); *pages gets
 * the pages of one copy. PK_EIO / PK_EFULL when it cannot be written,
 * PK_EINVAL when a barcode cannot be encoded, PK_EPRINTER when the
 * papers module cannot be loaded (paper_lib_ready says why). */
pk_err paper_pdf_write(const paper_doc *d, const char *path, int *pages);
/* Prints every copy on the receipt printer (printer_print; msg gets its
 * msgid on failure). */
pk_err paper_thermal_print(const paper_doc *d, printer *p, char *msg, size_t msgsz);

#endif
