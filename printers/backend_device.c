/* SPDX-License-Identifier: GPL-3.0-or-later */
/* device:/dev/usb/lp0 — a local device node: usblp, a serial port, a pty.
 * Opened per job (a printer unplugged and plugged back in just works).
 * Two-way when the node can be read: the status is asked with DLE EOT
 * before the job and its end is confirmed (link_job). A node that can only
 * be written never confirms a job. A tty is put in raw mode so bytes pass
 * untouched. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "backend.h"
#include "i18n.h"
#include "util.h"

static pk_err device_open(printer *p, const char *target, char *msg, size_t msgsz)
{
    if (target[0] != '/' || !str_copy(p->target, sizeof p->target, target))
        return backend_fail(PK_EINVAL, N_("The printer device must be an absolute path."), msg,
                            msgsz);
    return PK_OK;
}

/* Opens the node non-blocking; *two_way tells whether it can be read. */
static int device_connect(const printer *p, bool *two_way)
{
    int fd = open(p->target, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    *two_way = fd >= 0;
    if (fd < 0 && errno == EACCES)
        fd = open(p->target, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0 && isatty(fd)) {
        struct termios t;
        if (tcgetattr(fd, &t) == 0) {
            cfmakeraw(&t);
            tcsetattr(fd, TCSANOW, &t);
        }
    }
    return fd;
}

static printer_state device_status(printer *p)
{
    bool two_way;
    int fd = device_connect(p, &two_way);
    if (fd < 0)
        return PST_OFFLINE;
    printer_state pstate = two_way ? link_status(p, fd, false) : PST_UNKNOWN;
    close(fd);
    return pstate;
}

static pk_err device_send(printer *p, const backend_job *job, char *msg, size_t msgsz)
{
    bool two_way;
    int fd = device_connect(p, &two_way);
    if (fd < 0)
        return backend_fail(PK_EPRINTER, printer_state_msg(PST_OFFLINE), msg, msgsz);
    pk_err err = link_job(p, fd, false, two_way, job, msg, msgsz);
    close(fd);
    return err;
}

const backend_ops backend_device_ops = {"device", device_open, device_status, device_send};
