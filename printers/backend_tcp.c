/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tcp:HOST:PORT — a network printer (raw port 9100). One connection per job
 * with a connect timeout; MSG_NOSIGNAL so a dropped link is an error, not a
 * SIGPIPE; the status is asked with DLE EOT on the same connection. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "backend.h"
#include "i18n.h"
#include "util.h"

static pk_err tcp_open(printer *p, const char *target, char *msg, size_t msgsz)
{
    const char *colon = strrchr(target, ':');
    char *end = NULL;
    long port = colon ? strtol(colon + 1, &end, 10) : 0;
    size_t hl = colon ? (size_t)(colon - target) : 0;
    if (!colon || hl == 0 || hl >= sizeof p->host || !end || *end || port < 1 || port > 65535)
        return backend_fail(PK_EINVAL, N_("The network printer must be given as tcp:HOST:PORT."),
                            msg, msgsz);
    memcpy(p->host, target, hl);
    p->host[hl] = '\0';
    if (p->host[0] == '[' && hl > 2 && p->host[hl - 1] == ']') {   /* [::1]:9100 */
        memmove(p->host, p->host + 1, hl - 2);
        p->host[hl - 2] = '\0';
    }
    snprintf(p->port, sizeof p->port, "%ld", port);
    str_copy(p->target, sizeof p->target, target);
    return PK_OK;
}

/* Non-blocking connect with a timeout; -1 when unreachable. */
static int tcp_connect(const printer *p)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(p->host, p->port, &hints, &res) != 0)
        return -1;
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    ai->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        if (errno == EINPROGRESS) {
            struct pollfd pfd = {fd, POLLOUT, 0};
            int err = 0;
            socklen_t len = sizeof err;
            if (poll(&pfd, 1, LINK_CONNECT_TIMEOUT_MS) == 1 &&
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
                break;
        }
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

static printer_state tcp_status(printer *p)
{
    int fd = tcp_connect(p);
    if (fd < 0)
        return PST_OFFLINE;
    printer_state pstate = link_status(p, fd, true);
    close(fd);
    return pstate;
}

static pk_err tcp_send(printer *p, const backend_job *job, char *msg, size_t msgsz)
{
    int fd = tcp_connect(p);
    if (fd < 0)
        return backend_fail(PK_EPRINTER, printer_state_msg(PST_OFFLINE), msg, msgsz);
    pk_err err = link_job(p, fd, true, true, job, msg, msgsz);
    /* Closing with unread bytes (stray status replies) would send a RST and
     * could cut the end of the job: say we are done, then read until the
     * printer closes or stays quiet. */
    shutdown(fd, SHUT_WR);
    char junk[256];
    for (int i = 0; i < 20; i++) {
        struct pollfd pfd = {fd, POLLIN, 0};
        if (poll(&pfd, 1, p->status_ms) <= 0 || recv(fd, junk, sizeof junk, 0) <= 0)
            break;
    }
    close(fd);
    return err;
}

const backend_ops backend_tcp_ops = {"tcp", tcp_open, tcp_status, tcp_send};
