/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside the printer module: the back-end vtable and the helpers shared by
 * the two-way links (device, tcp). Not for other modules. */
#ifndef PK_BACKEND_H
#define PK_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "escpos.h"
#include "printer.h"

enum {
    LINK_STATUS_TIMEOUT_MS = 300,   /* one DLE EOT reply */
    LINK_CONNECT_TIMEOUT_MS = 3000,
    LINK_WRITE_TIMEOUT_MS = 15000,  /* no progress for this long = stuck */
};   /* defaults of printer.status_ms / write_ms; confirm_ms from the profile */

typedef struct {
    const char *name;       /* base name of the job */
    const void *bytes;
    size_t len;
    const canvas *img;      /* may be NULL */
    const char *text;       /* may be NULL */
} backend_job;

typedef struct backend_ops {
    const char *scheme;     /* "file", "device", "tcp" */
    /* Checks and stores the target (after "scheme:"). */
    pk_err (*open)(printer *p, const char *target, char *msg, size_t msgsz);
    printer_state (*status)(printer *p);
    /* Sends a job: two-way links query the status first on the same
     * connection and refuse when the printer cannot print. */
    pk_err (*send)(printer *p, const backend_job *job, char *msg, size_t msgsz);
} backend_ops;

struct printer {
    const backend_ops *ops;
    printer_profile prof;
    canvas_fonts *fonts;
    char target[512];
    char host[256], port[16];   /* tcp */
    int status_ms, confirm_ms, write_ms;   /* printer_set_timeouts() */
    unsigned jobs;              /* jobs sent: the confirmation's process ID */
};

extern const backend_ops backend_file_ops, backend_device_ops, backend_tcp_ops;

/* Writes msgid into msg (if any) and returns err. */
pk_err backend_fail(pk_err err, const char *msgid, char *msg, size_t msgsz);

/* On an open two-way fd: drains stale bytes, asks DLE EOT 1, 2, 4 (never in
 * the middle of another command), each within p->status_ms.
 * No reply at all gives PST_UNKNOWN (one-way link). */
printer_state link_status(const printer *p, int fd, bool sock);
/* Writes everything, waiting for the link; false on error or when no
 * progress is made for p->write_ms. fd must be non-blocking. */
bool link_write(const printer *p, int fd, const void *buf, size_t len, bool sock);
/* The common job on a two-way fd: status, refuse if not printable (nothing
 * sent: PK_EPRINTER), write, ask the confirmation (escpos_confirm) and
 * wait up to p->confirm_ms, status again (paper may run out on the way).
 * PK_OK only when the printer confirmed; PK_EUNCONFIRMED when bytes went
 * out but no confirmation came (msg says why: no answer, paper out or cover
 * open on the way). two_way false (a node we may only write): the job is
 * sent, never confirmed. */
pk_err link_job(printer *p, int fd, bool sock, bool two_way, const backend_job *job, char *msg,
                size_t msgsz);

#endif
