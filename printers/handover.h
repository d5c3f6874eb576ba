/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The handover record (biên bản giao nhận, QĐ 45/2016 Đ.7.4): the paper
 * both sides sign when the post office hands dossiers to an agency; its
 * signing time is the legal filing time. Laid out once with the printers'
 * layout API, printed on the receipt printer (with a print job row) and
 * written as a plain-text file in the data directory. Always in
 * Vietnamese: it is an official document. */
#ifndef PK_HANDOVER_H
#define PK_HANDOVER_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "model.h"
#include "printer.h"
#include "store.h"

/* Writes <cfg->home>/handovers/<no>.txt (path gets it) and records it on
 * the handover; then prints it when p is not NULL (print job kind
 * "handover"). PK_EPRINTER (msg gets the msgid) when only printing failed:
 * the file exists and the job stays failed for a retry. */
pk_err handover_output(store *s, printer *p, const config *cfg, const char *no, char *path,
                       size_t pathsz, char *msg, size_t msgsz);
/* Prints the record again (a failed job's retry): job_id is updated. */
pk_err handover_print(store *s, printer *p, const config *cfg, const char *no, int64_t job_id,
                      char *msg, size_t msgsz);

#endif
