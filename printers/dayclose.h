/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's day on paper: the daily close and the sheets of batches.
 * Each is saved as <home>/closes/close-DAY.txt or <home>/batches/NO.txt
 * (path gets it) and then printed on p. PK_EPRINTER (msg gets the msgid)
 * when only printing failed: the file is there; print again from the
 * screen. Always in Vietnamese. */
#ifndef PK_DAYCLOSE_H
#define PK_DAYCLOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "printer.h"
#include "store_clerk.h"

pk_err dayclose_output(printer *p, const config *cfg, const char *day, const close_row *rows,
                       int n, char *path, size_t pathsz, char *msg, size_t msgsz);
/* The sheet of a batch, saved as <home>/batches/NO.txt: results received
 * from one agency (both sides sign), or the delivery round sheet (the
 * items in order, in rows[i].agency who and where, boxes for the outcome
 * and the recipient's signature). */
pk_err batch_sheet_output(printer *p, const config *cfg, bool receive, const char *no,
                          const char *actor, int64_t at, const char *agency, const day_row *rows,
                          int n, char *path, size_t pathsz, char *msg, size_t msgsz);

#endif
