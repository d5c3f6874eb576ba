/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The papers module (pk-papers.so): sends a saved PDF to the A4 printer's
 * CUPS queue with libcups: one connection with a time limit (a kiosk must
 * not hang on a dead server), the job id back, CUPS's own words when it
 * refuses. */
#include <stdio.h>
#include <string.h>

#include <cups/cups.h>

#include "paper_module.h"
#include "util.h"

enum { CONNECT_MS = 5000 };

pk_err papermod_cups_send(const config *cfg, const char *path, const char *title, int *job,
                       char *detail, size_t detailsz)
{
    *job = 0;
    if (detailsz)
        detail[0] = '\0';
    if (!cfg->papers_printer[0])
        return PK_ENOTFOUND;
    const char *server = cfg->papers_server[0] ? cfg->papers_server : cupsServer();
    http_t *http = httpConnect2(server, ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1,
                                CONNECT_MS, NULL);
    if (!http) {
        snprintf(detail, detailsz, "%s", cupsLastErrorString());
        return PK_EPRINTER;
    }
    httpSetTimeout(http, 30.0, NULL, NULL);
    /* no options: the PDF's own page size (A4, or the label's) decides */
    int id = cupsPrintFile2(http, cfg->papers_printer, path, title, 0, NULL);
    if (id <= 0)
        snprintf(detail, detailsz, "%s", cupsLastErrorString());
    httpClose(http);
    if (id <= 0)
        return PK_EPRINTER;
    *job = id;
    return PK_OK;
}
