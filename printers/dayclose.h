/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's day on paper: the daily close and the delivery round sheet.
 * Each is saved as <home>/closes/close-DAY.txt or <home>/rounds/NO.txt
 * (path gets it) and then printed on p. PK_EPRINTER (msg gets the msgid)
 * when only printing failed: the file is there; print again from the
 * screen. Always in Vietnamese. */
#ifndef PK_DAYCLOSE_H
#define PK_DAYCLOSE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "printer.h"
#include "store_clerk.h"

pk_err dayclose_output(printer *p, const config *cfg, const char *day, const close_row *rows,
                       int n, char *path, size_t pathsz, char *msg, size_t msgsz);
/* The round sheet of a delivery batch: the items in order with boxes for
 * the outcome and the recipient's signature. */
pk_err roundsheet_output(printer *p, const config *cfg, const char *no, const char *actor,
                         int64_t at, const day_row *rows, int n, char *path, size_t pathsz,
                         char *msg, size_t msgsz);

#endif
