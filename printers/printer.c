/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printer interface: picks the back end from the spec, owns the profile
 * and the fonts, checks the status before a job, and holds the DLE EOT
 * status and write helpers the two-way links share. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "i18n.h"
#include "util.h"

pk_err backend_fail(pk_err err, const char *msgid, char *msg, size_t msgsz)
{
    if (msg && msgsz)
        str_copy(msg, msgsz, msgid);
    return err;
}

pk_err printer_open(const char *spec, const char *profile, printer **out, char *msg,
                    size_t msgsz)
{
    static const backend_ops *const backends[] = {&backend_file_ops, &backend_device_ops,
                                                  &backend_tcp_ops};
    *out = NULL;
    const char *colon = spec ? strchr(spec, ':') : NULL;
    const backend_ops *ops = NULL;
    for (size_t i = 0; colon && i < PK_ARRAY_LEN(backends); i++)
        if (strlen(backends[i]->scheme) == (size_t)(colon - spec) &&
            !strncmp(spec, backends[i]->scheme, (size_t)(colon - spec)))
            ops = backends[i];
    if (!ops || !colon[1])
        return backend_fail(PK_EINVAL,
                            N_("Unknown printer: use file:DIR, device:PATH or tcp:HOST:PORT."),
                            msg, msgsz);
    printer *p = xcalloc(1, sizeof *p);
    p->ops = ops;
    if (!escpos_profile_parse(profile, &p->prof)) {
        free(p);
        return backend_fail(PK_EINVAL, N_("Unknown printer profile."), msg, msgsz);
    }
    p->status_ms = LINK_STATUS_TIMEOUT_MS;
    p->write_ms = LINK_WRITE_TIMEOUT_MS;
    p->confirm_ms = p->prof.confirm_s * 1000;
    pk_err err = ops->open(p, colon + 1, msg, msgsz);
    if (err != PK_OK) {
        free(p);
        return err;
    }
    if (canvas_fonts_open(NULL, NULL, &p->fonts) != PK_OK) {
        free(p);
        return backend_fail(PK_ENOTFOUND,
                            N_("The receipt font is missing (package fonts-dejavu-core)."), msg,
                            msgsz);
    }
    *out = p;
    return PK_OK;
}

void printer_close(printer *p)
{
    if (!p)
        return;
    canvas_fonts_close(p->fonts);
    free(p);
}

printer_state printer_status(printer *p)
{
    return p->ops->status(p);
}

const char *printer_state_msg(printer_state pstate)
{
    switch (pstate) {
    case PST_OK: return N_("The printer is ready.");
    case PST_UNKNOWN: return N_("The printer does not report its status.");
    case PST_PAPER_OUT: return N_("The printer is out of paper. Please call staff.");
    case PST_PAPER_LOW: return N_("The printer paper is running low.");
    case PST_COVER_OPEN: return N_("The printer cover is open. Please call staff.");
    case PST_OFFLINE: return N_("The printer is offline or unplugged. Please call staff.");
    }
    return N_("The printer is not ready.");
}

int printer_width_dots(const printer *p)
{
    return p->prof.width_dots;
}

canvas_fonts *printer_fonts(printer *p)
{
    return p->fonts;
}

const printer_profile *printer_get_profile(const printer *p)
{
    return &p->prof;
}

const char *printer_dir(const printer *p)
{
    return p->ops == &backend_file_ops ? p->target : "";
}

void printer_set_timeouts(printer *p, int status_ms, int confirm_ms, int write_ms)
{
    if (status_ms > 0)
        p->status_ms = status_ms;
    if (confirm_ms > 0)
        p->confirm_ms = confirm_ms;
    if (write_ms > 0)
        p->write_ms = write_ms;
}

static bool name_ok(const char *name)
{
    if (!name || !*name || name[0] == '.' || strlen(name) > 100)
        return false;
    for (const char *s = name; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return false;
    return true;
}

pk_err printer_send(printer *p, const char *name, const void *bytes, size_t len,
                    const canvas *c, const char *text, char *msg, size_t msgsz)
{
    if (!name_ok(name))
        return backend_fail(PK_EINVAL, N_("The print job has an invalid name."), msg, msgsz);
    if (msg && msgsz)
        msg[0] = '\0';
    backend_job job = {name, bytes, len, c, text};
    return p->ops->send(p, &job, msg, msgsz);
}

pk_err printer_print(printer *p, const char *name, const canvas *c, const char *text,
                     char *msg, size_t msgsz)
{
    if (c->width != p->prof.width_dots)
        return backend_fail(PK_EINVAL, N_("The document does not match the paper width."), msg,
                            msgsz);
    sbuf b = {0};
    escpos_document(&b, c, &p->prof);
    pk_err err = printer_send(p, name, b.data, b.len, c, text, msg, msgsz);
    sbuf_free(&b);
    return err;
}

/* ---- two-way links ---------------------------------------------------- */

static ssize_t link_read(int fd, unsigned char *buf, size_t n, bool sock)
{
    return sock ? recv(fd, buf, n, MSG_DONTWAIT) : read(fd, buf, n);
}

static void drain(int fd, bool sock)
{
    unsigned char junk[256];
    struct pollfd pfd = {fd, POLLIN, 0};
    for (int i = 0; i < 64 && poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN); i++)
        if (link_read(fd, junk, sizeof junk, sock) <= 0)
            break;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One byte within timeout_ms: the byte, -1 on time out, -2 when the link
 * is closed or broken. */
static int read_byte(int fd, bool sock, long long end)
{
    for (;;) {
        long long left = end - now_ms();
        if (left <= 0)
            return -1;
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || !(pfd.revents & POLLIN))
            return r == 0 ? -1 : -2;
        unsigned char c;
        ssize_t got = link_read(fd, &c, 1, sock);
        if (got == 0)
            return -2;                   /* the other side closed */
        if (got < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            return -2;
        }
        return c;
    }
}

/* One DLE EOT n exchange; -1 when no valid reply came in time. */
static int query(const printer *p, int fd, int n, bool sock)
{
    drain(fd, sock);
    const unsigned char q[] = {ESCPOS_DLE_EOT, (unsigned char)n};
    if (!link_write(p, fd, q, sizeof q, sock))
        return -2;
    long long end = now_ms() + p->status_ms;
    for (;;) {
        int c = read_byte(fd, sock, end);
        if (c < 0 || escpos_status_valid((unsigned char)c))
            return c;
        /* A stray byte: keep waiting for a valid one. */
    }
}

printer_state link_status(const printer *p, int fd, bool sock)
{
    int r1 = query(p, fd, 1, sock);
    if (r1 == -2)
        return PST_OFFLINE;
    if (r1 == -1)
        return PST_UNKNOWN;
    int r2 = query(p, fd, 2, sock);
    int r4 = query(p, fd, 4, sock);
    if (r2 == -2 || r4 == -2)
        return PST_OFFLINE;
    return escpos_status_decode(r1, r2, r4);
}

bool link_write(const printer *pr, int fd, const void *buf, size_t len, bool sock)
{
    const unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = sock ? send(fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT) : write(fd, p, len);
        if (n > 0) {
            p += n;
            len -= (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return false;
        struct pollfd pfd = {fd, POLLOUT, 0};
        int r = poll(&pfd, 1, pr->write_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)))
            return false;
    }
    return true;
}

static bool printable(printer_state pstate)
{
    return pstate == PST_OK || pstate == PST_UNKNOWN || pstate == PST_PAPER_LOW;
}

/* Waits for the confirmation asked after a job. */
static escpos_confirm_result await_confirm(const printer *p, int fd, bool sock, escpos_confirm *cf)
{
    long long end = now_ms() + p->confirm_ms;
    for (;;) {
        int c = read_byte(fd, sock, end);
        if (c < 0)
            return ESCPOS_CONFIRM_WAIT;
        escpos_confirm_result r = escpos_confirm_feed(cf, (unsigned char)c);
        if (r != ESCPOS_CONFIRM_WAIT)
            return r;
    }
}

static pk_err unconfirmed(const char *msgid, char *msg, size_t msgsz)
{
    return backend_fail(PK_EUNCONFIRMED, msgid, msg, msgsz);
}

pk_err link_job(printer *p, int fd, bool sock, bool two_way, const backend_job *job, char *msg,
                size_t msgsz)
{
    printer_state pstate = two_way ? link_status(p, fd, sock) : PST_UNKNOWN;
    if (!printable(pstate))
        return backend_fail(PK_EPRINTER, printer_state_msg(pstate), msg, msgsz);
    /* From the first byte on, the paper may come out: a failure from here
     * is "not confirmed", never "not printed". */
    if (!link_write(p, fd, job->bytes, job->len, sock))
        return unconfirmed(N_("The printer stopped receiving."), msg, msgsz);
    if (pstate == PST_UNKNOWN)
        /* It never answers: it cannot confirm either. */
        return unconfirmed(N_("The printer does not report back, so it cannot confirm the print."),
                           msg, msgsz);
    escpos_confirm cf;
    escpos_confirm_init(&cf, &p->prof, ++p->jobs);
    sbuf req = {0};
    escpos_confirm_request(&req, &cf);
    bool asked = link_write(p, fd, req.data, req.len, sock);
    sbuf_free(&req);
    escpos_confirm_result done = asked ? await_confirm(p, fd, sock, &cf) : ESCPOS_CONFIRM_WAIT;
    printer_state after = link_status(p, fd, sock);
    if (done != ESCPOS_CONFIRM_OK && done != ESCPOS_CONFIRM_PAPER_LOW) {
        /* Paper out or cover open on the way: the printer keeps the rest
         * and may finish later; still not a confirmed receipt. */
        const char *why = N_("The printer did not confirm the end of the job in time.");
        if (!printable(after) && after != PST_OFFLINE)
            why = printer_state_msg(after);
        else if (done == ESCPOS_CONFIRM_PAPER_OUT)
            why = printer_state_msg(PST_PAPER_OUT);
        return unconfirmed(why, msg, msgsz);
    }
    /* Printed; a notice for staff when the roll is nearly finished. */
    if (after == PST_PAPER_LOW || done == ESCPOS_CONFIRM_PAPER_LOW || pstate == PST_PAPER_LOW)
        backend_fail(PK_OK, printer_state_msg(PST_PAPER_LOW), msg, msgsz);
    return PK_OK;
}
