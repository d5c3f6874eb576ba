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
const char *printer_state_msg(printer_state st);   /* msgid */
int printer_width_dots(const printer *p);          /* 384 or 576 */

#endif
