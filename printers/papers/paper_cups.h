/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef PK_PAPER_CUPS_H
#define PK_PAPER_CUPS_H

#include <stddef.h>

#include "config.h"
#include "model.h"

/* Queues the file on cfg->papers_printer (at cfg->papers_server, or the
 * system's CUPS). PK_OK with *job; PK_ENOTFOUND no queue configured;
 * PK_EPRINTER CUPS unreachable or refusing (detail gets its words). */
pk_err paper_cups_send(const config *cfg, const char *path, const char *title, int *job,
                       char *detail, size_t detailsz);

#endif
