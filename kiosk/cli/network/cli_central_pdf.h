/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk central report --pdf FILE` (cli_central_pdf.c). */
#ifndef PK_CLI_CENTRAL_PDF_H
#define PK_CLI_CENTRAL_PDF_H

#include "central_report.h"
#include "model.h"

/* The report as an A4 PDF at path, in Vietnamese: the totals table per
 * post office, then a page per post office with its chart (dossiers per
 * month, on-time rate), "Trang i/n" on every page. *pages gets the page
 * count. PK_EIO / PK_EFULL when the file cannot be written. */
pk_err central_report_pdf(const central_report *cr, const char *path, int *pages);

#endif
