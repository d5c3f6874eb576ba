/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The handover record (biên bản giao nhận, QĐ 45/2016 Đ.7.4): the paper
 * both sides sign when the post office hands dossiers to an agency; its
 * signing time is the legal filing time. Made by printers/papers/ (A4 PDF,
 * one record per real receiving agency, always in Vietnamese), saved in
 * the data directory, printed on the A4 printer or else the receipt
 * printer, with a print job row for retries. */
#ifndef PK_HANDOVER_H
#define PK_HANDOVER_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "model.h"
#include "printer.h"
#include "store.h"

/* Writes <cfg->home>/papers/<no>.pdf (path gets it) and records it on the
 * handover; then prints it (print job kind "handover"): PK_OK when a
 * printer took it, msg the msgid of where (paper_route_msg); PK_EPRINTER
 * (msg gets the msgid) when neither did: the file exists and the job
 * stays failed for a retry. */
pk_err handover_output(store *s, printer *p, const config *cfg, const char *no, char *path,
                       size_t pathsz, char *msg, size_t msgsz);
/* Prints the record again (a failed job's retry): job_id is updated. */
pk_err handover_print(store *s, printer *p, const config *cfg, const char *no, int64_t job_id,
                      char *msg, size_t msgsz);

#endif
