/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit anchor slip (anchor_slip.c). */
#ifndef PK_ANCHOR_SLIP_H
#define PK_ANCHOR_SLIP_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "printer.h"

/* Prints code (audit_anchor_code) for audit entry seq; printer_print's
 * results: PK_OK when the printer confirmed it (or the file is written),
 * PK_EUNCONFIRMED, PK_EPRINTER ... with msg (a msgid) saying why. */
pk_err anchor_slip_print(printer *p, const config *cfg, const char *code, int64_t seq,
                         int64_t now, char *msg, size_t msgsz);

#endif
