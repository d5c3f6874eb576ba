/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printer is an interface chosen at run time (file:, device:, tcp:).
 * Back ends only move bytes and report status; the document is laid out
 * once into a 1-bit canvas (canvas.h) and encoded by escpos.c. */
#ifndef PK_PRINTER_H
#define PK_PRINTER_H

#include <stddef.h>

#include "model.h"

typedef enum {
    PST_OK = 0,
    PST_UNKNOWN,      /* one-way link: no status to read */
    PST_PAPER_OUT,
    PST_PAPER_LOW,    /* still prints; shown as a notice */
    PST_COVER_OPEN,
    PST_OFFLINE,      /* no answer, unplugged, error */
} printer_state;

typedef struct printer printer;

/* spec: "file:DIR", "device:/dev/usb/lp0", "tcp:HOST:PORT"; profile: "58mm",
 * "80mm" or a profile name from the config. */
pk_err printer_open(const char *spec, const char *profile, printer **out,
                    char *msg, size_t msgsz);
void printer_close(printer *p);
printer_state printer_status(printer *p);
const char *printer_state_msg(printer_state pstate);   /* msgid */
int printer_width_dots(const printer *p);          /* 384 or 576 */

/* ---- additions (printers engineer) ------------------------------------ */
typedef struct canvas canvas;
typedef struct canvas_fonts canvas_fonts;
typedef struct printer_profile printer_profile;

/* Encodes the canvas for the printer's profile (escpos_document) and sends
 * it. name is the job's base name ("LS01-2611-000042", "test-...": letters,
 * digits, '-', '_', '.'); file: writes name.escpos, name.png (the canvas)
 * and name.txt (text). On a two-way link the status is checked first:
 * paper out, cover open or offline give PK_EPRINTER and msg gets the msgid
 * of printer_state_msg(); nothing is sent. PK_OK means the job is done:
 * the printer confirmed it (device:, tcp:; see escpos_confirm) or the
 * files are written (file:). PK_EUNCONFIRMED: the job was sent, but no
 * confirmation came (one-way link, no answer, stopped reading); msg says
 * why; the paper may or may not have come out. On success msg is "" or,
 * when the roll is nearly finished, the paper-low notice (still PK_OK). */
pk_err printer_print(printer *p, const char *name, const canvas *c, const char *text,
                     char *msg, size_t msgsz);
/* Sends ready-made bytes (c and text only feed the file back end's preview
 * and may be NULL). Same status checks as printer_print. */
pk_err printer_send(printer *p, const char *name, const void *bytes, size_t len,
                    const canvas *c, const char *text, char *msg, size_t msgsz);
/* The fonts loaded once for this printer's documents. */
canvas_fonts *printer_fonts(printer *p);
const printer_profile *printer_get_profile(const printer *p);
/* Where the file back end writes, "" for other back ends. */
const char *printer_dir(const printer *p);
/* Timeouts of the two-way links in milliseconds (<= 0 keeps the current
 * one): one DLE EOT reply (default 300), the confirmation of a job
 * (default the profile's confirm seconds), no write progress (15000). */
void printer_set_timeouts(printer *p, int status_ms, int confirm_ms, int write_ms);

#endif
