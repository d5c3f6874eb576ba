/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printer back ends: file (atomic files), tcp and device (pty) virtual
 * printers answering DLE EOT; paper out, cover open, offline, stale bytes. */
#define _GNU_SOURCE   /* unshare */
#include <CUnit/CUnit.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "canvas.h"
#include "escpos.h"
#include "pkt_helpers.h"
#include "printer.h"
#include "unit.h"

static const char *const QR = "VNK1.LS01-2611-000007.1764057600.ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* A small document with a QR code at the printer's width. */
static canvas *sample_doc(printer *p)
{
    canvas *c = canvas_new(printer_width_dots(p));
    canvas_style style = {24, true};
    canvas_draw_text(c, printer_fonts(p), style, 10, 30, "Biên nhận", strlen("Biên nhận"));
    int h;
    canvas_qr(c, 40, QR, 6, &h);
    canvas_ensure(c, 40 + h + 20);
    return c;
}

/* Offset of ESC @ FS . in a capture, or -1. */
static long doc_start(const sbuf *b)
{
    for (size_t i = 0; i + 4 <= b->len; i++)
        if (!memcmp(b->data + i, "\x1b\x40\x1c\x2e", 4))
            return (long)i;
    return -1;
}

static bool has_raster(const sbuf *b)
{
    for (size_t i = 0; i + 3 <= b->len; i++)
        if (!memcmp(b->data + i, "\x1d\x76\x30", 3))
            return true;
    return false;
}

TEST(printer, test_open_errors, "open: bad specs and profiles")
{
    printer *p = NULL;
    char msg[160];
    CU_ASSERT_EQUAL(printer_open("lpt1", "58mm", &p, msg, sizeof msg), PK_EINVAL);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT(strstr(msg, "file:DIR") != NULL);
    CU_ASSERT_EQUAL(printer_open("file:", "58mm", &p, msg, sizeof msg), PK_EINVAL);
    CU_ASSERT_EQUAL(printer_open("tcp:localhost", "58mm", &p, msg, sizeof msg), PK_EINVAL);
    CU_ASSERT_EQUAL(printer_open("tcp:localhost:99999", "58mm", &p, msg, sizeof msg), PK_EINVAL);
    CU_ASSERT_EQUAL(printer_open("tcp::9100", "58mm", &p, msg, sizeof msg), PK_EINVAL);
    CU_ASSERT_EQUAL(printer_open("device:usb/lp0", "58mm", &p, msg, sizeof msg), PK_EINVAL);
    CU_ASSERT_EQUAL(printer_open("tcp:127.0.0.1:9100", "60mm", &p, msg, sizeof msg), PK_EINVAL);
    CU_ASSERT_STRING_EQUAL(msg, "Unknown printer profile.");
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(printer_open("tcp:[::1]:9100", "80mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(printer_width_dots(p), 576);
    CU_ASSERT_STRING_EQUAL(printer_dir(p), "");
    printer_close(p);
    /* Every state has a message. */
    for (int state = PST_OK; state <= PST_OFFLINE; state++)
        CU_ASSERT(strlen(printer_state_msg((printer_state)state)) > 10);
}

TEST(printer, test_file_backend, "file: escpos + png + txt, QR decodes from both")
{
    char *dir = pkt_tmpdir();
    char *spec = xasprintf("file:%s/out/receipts", dir);
    printer *p = NULL;
    char msg[160] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(printer_status(p), PST_OK);
    canvas *c = sample_doc(p);
    CU_ASSERT_EQUAL(printer_print(p, "LS01-2611-000007", c, "Biên nhận\n", msg, sizeof msg), PK_OK);

    char *base = xasprintf("%s/out/receipts/LS01-2611-000007", dir);
    char *fe = xasprintf("%s.escpos", base), *fp = xasprintf("%s.png", base),
         *ft = xasprintf("%s.txt", base);
    size_t len = 0;
    unsigned char *bytes = pkt_slurp(fe, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    pkt_stream s;
    CU_ASSERT_TRUE(pkt_parse_escpos(bytes, len, &s));
    CU_ASSERT_EQUAL(s.width, 384);
    CU_ASSERT_EQUAL(s.height, c->height);
    CU_ASSERT_EQUAL(s.cuts, 1);
    char *dec = s.bits ? pkt_zbar_bits(s.bits, s.width, s.height) : NULL;
    CU_ASSERT_PTR_NOT_NULL(dec);
    if (dec)
        CU_ASSERT_STRING_EQUAL(dec, QR);
    free(dec);
    pkt_stream_free(&s);
    free(bytes);
    dec = pkt_zbar_png(fp);
    CU_ASSERT_PTR_NOT_NULL(dec);
    if (dec)
        CU_ASSERT_STRING_EQUAL(dec, QR);
    free(dec);
    unsigned char *txt = pkt_slurp(ft, NULL);
    CU_ASSERT_PTR_NOT_NULL(txt);
    if (txt)
        CU_ASSERT_STRING_EQUAL((char *)txt, "Biên nhận\n");
    free(txt);
    struct stat sb;
    CU_ASSERT_EQUAL(stat(fe, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_mode & 077, 0);     /* receipts are not world-readable */

    /* Bad names and a width that does not match the paper are refused. */
    CU_ASSERT_EQUAL(printer_print(p, "../escape", c, NULL, msg, sizeof msg), PK_EINVAL);
    CU_ASSERT_EQUAL(printer_print(p, ".hidden", c, NULL, msg, sizeof msg), PK_EINVAL);
    canvas *wide = canvas_new(576);
    canvas_ensure(wide, 10);
    CU_ASSERT_EQUAL(printer_print(p, "wide", wide, NULL, msg, sizeof msg), PK_EINVAL);
    canvas_free(wide);

    /* The folder removed while running: made again at the next job. */
    char *gone = xasprintf("%s/out/receipts", dir);
    pkt_rmtree(gone);
    free(gone);
    CU_ASSERT_EQUAL(printer_print(p, "after-rm", c, "x", msg, sizeof msg), PK_OK);

    /* The folder replaced by a file: offline, and nothing is written. */
    char *sub = xasprintf("%s/out/receipts", dir);
    pkt_rmtree(sub);
    FILE *f = fopen(sub, "w");
    if (f)
        fclose(f);
    CU_ASSERT_EQUAL(printer_status(p), PST_OFFLINE);
    CU_ASSERT_EQUAL(printer_print(p, "again", c, "x", msg, sizeof msg), PK_EPRINTER);
    CU_ASSERT(strlen(msg) > 0);

    canvas_free(c);
    printer_close(p);
    free(sub);
    free(base);
    free(fe);
    free(fp);
    free(ft);
    free(spec);
    pkt_rmtree(dir);
    free(dir);
}

TEST(printer, test_file_no_temp_left, "file: atomic, no temporary files left")
{
    char *dir = pkt_tmpdir();
    char *spec = xasprintf("file:%s", dir);
    printer *p = NULL;
    char msg[160];
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "80mm", &p, msg, sizeof msg), PK_OK);
    canvas *c = sample_doc(p);
    CU_ASSERT_EQUAL(printer_print(p, "job-1", c, "t", msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(printer_print(p, "job-1", c, "t2", msg, sizeof msg), PK_OK);  /* replaces */
    CU_ASSERT_EQUAL(pkt_count_files(dir), 3);
    char *ft = xasprintf("%s/job-1.txt", dir);
    unsigned char *t = pkt_slurp(ft, NULL);
    CU_ASSERT_STRING_EQUAL((char *)t, "t2");
    free(t);
    free(ft);
    canvas_free(c);
    printer_close(p);
    free(spec);
    pkt_rmtree(dir);
    free(dir);
}

/* A full disk: a 16 KiB tmpfs mounted in a private mount namespace of a
 * child process (root only; skipped with a note otherwise). The job fails
 * with PK_EFULL and leaves no file, not even a temporary one. */
TEST(printer, test_file_full_disk, "file: full disk gives PK_EFULL, no partial file")
{
    char *dir = pkt_tmpdir();
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0 ||
            mount("tmpfs", dir, "tmpfs", 0, "size=16k") != 0) {
            free(dir);
            _exit(77);
        }
        char *spec = xasprintf("file:%s", dir);
        printer *p = NULL;
        char msg[160] = "";
        if (printer_open(spec, "58mm", &p, msg, sizeof msg) != PK_OK) {
            free(spec);
            free(dir);
            _exit(2);
        }
        canvas *c = sample_doc(p);
        canvas_ensure(c, 2000);   /* ~96 KB of raster: more than the disk */
        pk_err e = printer_print(p, "full", c, "text", msg, sizeof msg);
        int files = pkt_count_files(dir);
        canvas_free(c);
        printer_close(p);
        free(spec);
        free(dir);
        _exit(e != PK_EFULL ? 3 : strstr(msg, "full") == NULL ? 4 : files != 0 ? 5 : 0);
    }
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    CU_ASSERT_TRUE(WIFEXITED(wstatus));
    if (WEXITSTATUS(wstatus) == 77)
        fprintf(stderr, "(full-disk test skipped: needs root to mount a tmpfs) ");
    else
        CU_ASSERT_EQUAL(WEXITSTATUS(wstatus), 0);
    pkt_rmtree(dir);
    free(dir);
}

static printer *open_tcp(int port, const char *profile)
{
    char *spec = xasprintf("tcp:127.0.0.1:%d", port);
    printer *p = NULL;
    char msg[160];
    pk_err err = printer_open(spec, profile, &p, msg, sizeof msg);
    free(spec);
    CU_ASSERT_EQUAL(err, PK_OK);
    return p;
}

TEST(printer, test_tcp_ok, "tcp: status then job, QR in the raster")
{
    unsigned char r[5];
    pkt_replies_ok(r);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, r));
    printer *p = open_tcp(v.port, "58mm");
    CU_ASSERT_EQUAL(printer_status(p), PST_OK);
    canvas *c = sample_doc(p);
    char msg[160] = "";
    CU_ASSERT_EQUAL(printer_print(p, "job-2", c, NULL, msg, sizeof msg), PK_OK);
    pkt_vprinter_stop(&v);   /* joins: the capture is complete */
    /* Status asked before (and after) the job, never inside it; the
     * confirmation GS r 1 right after the job, answered. */
    CU_ASSERT(v.got.len > 9);
    CU_ASSERT(memcmp(v.got.data, "\x10\x04\x01\x10\x04\x02\x10\x04\x04", 9) == 0);
    long at = doc_start(&v.got);
    CU_ASSERT_FATAL(at >= 9 && v.got.len > (size_t)at + 12);
    CU_ASSERT(memcmp(v.got.data + v.got.len - 12, "\x1d\x72\x01", 3) == 0);
    CU_ASSERT_EQUAL(v.confirms, 1);
    pkt_stream s;
    size_t doclen = v.got.len - (size_t)at - 12;
    CU_ASSERT_TRUE(pkt_parse_escpos((unsigned char *)v.got.data + at, doclen, &s));
    char *dec = s.bits ? pkt_zbar_bits(s.bits, s.width, s.height) : NULL;
    CU_ASSERT_PTR_NOT_NULL(dec);
    if (dec)
        CU_ASSERT_STRING_EQUAL(dec, QR);
    free(dec);
    pkt_stream_free(&s);
    pkt_vprinter_free(&v);
    canvas_free(c);
    printer_close(p);
}

static void check_refused(const unsigned char r[5], bool tcp, printer_state want)
{
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(tcp ? pkt_vprinter_start_tcp(&v, r) : pkt_vprinter_start_pty(&v, r));
    printer *p = NULL;
    char msg[160] = "";
    if (tcp) {
        p = open_tcp(v.port, "58mm");
    } else {
        char *spec = xasprintf("device:%s", v.path);
        CU_ASSERT_EQUAL(printer_open(spec, "58mm", &p, msg, sizeof msg), PK_OK);
        free(spec);
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(printer_status(p), want);
    canvas *c = sample_doc(p);
    CU_ASSERT_EQUAL(printer_print(p, "job-3", c, NULL, msg, sizeof msg), PK_EPRINTER);
    CU_ASSERT_STRING_EQUAL(msg, printer_state_msg(want));
    pkt_vprinter_stop(&v);
    CU_ASSERT(v.queries >= 3);
    CU_ASSERT_FALSE(has_raster(&v.got));     /* nothing of the receipt was sent */
    pkt_vprinter_free(&v);
    canvas_free(c);
    printer_close(p);
}

TEST(printer, test_tcp_refused, "tcp: paper out / cover open refuse the job")
{
    unsigned char r[5];
    pkt_replies_paper_out(r);
    check_refused(r, true, PST_PAPER_OUT);
    pkt_replies_cover_open(r);
    check_refused(r, true, PST_COVER_OPEN);
}

TEST(printer, test_pty_refused, "pty: paper out refuses the job")
{
    unsigned char r[5];
    pkt_replies_paper_out(r);
    check_refused(r, false, PST_PAPER_OUT);
}

TEST(printer, test_tcp_paper_low, "tcp: paper low prints, with a notice")
{
    unsigned char r[5];
    pkt_replies_paper_low(r);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, r));
    printer *p = open_tcp(v.port, "58mm");
    CU_ASSERT_EQUAL(printer_status(p), PST_PAPER_LOW);
    canvas *c = sample_doc(p);
    char msg[160] = "stale";
    CU_ASSERT_EQUAL(printer_print(p, "job-8", c, NULL, msg, sizeof msg), PK_OK);
    CU_ASSERT_STRING_EQUAL(msg, printer_state_msg(PST_PAPER_LOW));
    pkt_vprinter_stop(&v);
    CU_ASSERT_TRUE(has_raster(&v.got));     /* it printed */
    pkt_vprinter_free(&v);
    /* A plain success leaves no message behind. */
    pkt_replies_ok(r);
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, r));
    printer_close(p);
    p = open_tcp(v.port, "58mm");
    CU_ASSERT_EQUAL(printer_print(p, "job-9", c, NULL, msg, sizeof msg), PK_OK);
    CU_ASSERT_STRING_EQUAL(msg, "");
    pkt_vprinter_stop(&v);
    pkt_vprinter_free(&v);
    canvas_free(c);
    printer_close(p);
}

TEST(printer, test_tcp_paper_runs_out, "tcp: paper runs out during the job")
{
    unsigned char r[5], after[5];
    pkt_replies_ok(r);
    pkt_replies_paper_out(after);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, r));
    memcpy(v.reply_after, after, 5);
    v.switch_at = 2000;
    printer *p = open_tcp(v.port, "58mm");
    printer_set_timeouts(p, 10000, 300, 0);   /* answers DLE EOT, never confirms */
    canvas *c = sample_doc(p);
    char msg[160] = "";
    /* Offline, it never confirms; the rest may print when paper is back. */
    CU_ASSERT_EQUAL(printer_print(p, "job-4", c, NULL, msg, sizeof msg), PK_EUNCONFIRMED);
    CU_ASSERT_STRING_EQUAL(msg, printer_state_msg(PST_PAPER_OUT));
    CU_ASSERT_EQUAL(v.confirms, 0);
    pkt_vprinter_stop(&v);
    pkt_vprinter_free(&v);
    canvas_free(c);
    printer_close(p);
}

TEST(printer, test_tcp_closed_and_silent, "tcp: closed port offline, silent printer one-way")
{
    printer *p = open_tcp(pkt_closed_port(), "58mm");
    CU_ASSERT_EQUAL(printer_status(p), PST_OFFLINE);
    canvas *c = sample_doc(p);
    char msg[160] = "";
    CU_ASSERT_EQUAL(printer_print(p, "job-5", c, NULL, msg, sizeof msg), PK_EPRINTER);
    CU_ASSERT_STRING_EQUAL(msg, printer_state_msg(PST_OFFLINE));
    printer_close(p);

    /* A printer that reads but never answers: the job is sent, and not
     * confirmed (it was "printed" before). */
    unsigned char silent[5] = {0};
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, silent));
    p = open_tcp(v.port, "58mm");
    CU_ASSERT_EQUAL(printer_status(p), PST_UNKNOWN);
    CU_ASSERT_EQUAL(printer_print(p, "job-6", c, NULL, msg, sizeof msg), PK_EUNCONFIRMED);
    CU_ASSERT(strstr(msg, "cannot confirm") != NULL);
    pkt_vprinter_stop(&v);
    CU_ASSERT_TRUE(has_raster(&v.got));
    pkt_vprinter_free(&v);
    canvas_free(c);
    printer_close(p);
}

TEST(printer, test_pty_ok_with_stale_bytes, "pty: stale bytes drained, job printed")
{
    unsigned char r[5];
    pkt_replies_ok(r);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_pty(&v, r));
    /* A stale "paper end" reply from an earlier job waits in the line. */
    ssize_t w = write(v.fd, "\x72\x72\xff", 3);
    CU_ASSERT_EQUAL(w, 3);
    char *spec = xasprintf("device:%s", v.path);
    printer *p = NULL;
    char msg[160] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "58mm", &p, msg, sizeof msg), PK_OK);
    canvas *c = sample_doc(p);
    CU_ASSERT_EQUAL(printer_print(p, "job-7", c, NULL, msg, sizeof msg), PK_OK);
    usleep(100000);
    pkt_vprinter_stop(&v);
    long at = doc_start(&v.got);
    CU_ASSERT(at >= 9);
    CU_ASSERT_TRUE(has_raster(&v.got));
    pkt_vprinter_free(&v);
    canvas_free(c);
    printer_close(p);
    free(spec);

    /* A device that is not there: offline. */
    CU_ASSERT_EQUAL(printer_open("device:/nonexistent/lp9", "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(printer_status(p), PST_OFFLINE);
    printer_close(p);
}

/* A printer that takes the connection and never reads (tcp: the kernel
 * accepts, the job may fit in the socket buffers; pty: nobody reads the
 * other end), or reads and answers the status but never confirms the
 * job: never "printed". */
/* Timeouts long for what the printer answers (it answers well before,
 * even under valgrind: no timing in the outcome), short for what it never
 * answers (the outcome is the same however long we wait). */
static printer *open_vp(const pkt_vprinter *v, bool tcp, const char *profile, bool answers_status,
                        bool confirms)
{
    printer *p = NULL;
    char msg[160];
    if (tcp) {
        p = open_tcp(v->port, profile);
    } else {
        char *spec = xasprintf("device:%s", v->path);
        CU_ASSERT_EQUAL(printer_open(spec, profile, &p, msg, sizeof msg), PK_OK);
        free(spec);
    }
    if (p)
        printer_set_timeouts(p, answers_status ? 10000 : 100, confirms ? 60000 : 300,
                             answers_status ? 60000 : 300);
    return p;
}

static void check_unconfirmed(bool tcp, bool deaf)
{
    pkt_vprinter v;
    unsigned char r[5];
    pkt_replies_ok(r);
    CU_ASSERT_TRUE_FATAL(deaf ? pkt_vprinter_start_deaf(&v, tcp)
                              : tcp ? pkt_vprinter_start_tcp(&v, r)
                                    : pkt_vprinter_start_pty(&v, r));
    v.no_confirm = true;
    printer *p = open_vp(&v, tcp, "58mm", !deaf, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    canvas *c = sample_doc(p);
    canvas_ensure(c, 1200);        /* more than a pty buffer */
    char msg[160] = "";
    CU_ASSERT_EQUAL(printer_print(p, "job-u", c, NULL, msg, sizeof msg), PK_EUNCONFIRMED);
    CU_ASSERT(strlen(msg) > 10);
    pkt_vprinter_stop(&v);
    if (!deaf) {
        CU_ASSERT_TRUE(has_raster(&v.got));
        CU_ASSERT_EQUAL(v.confirms, 0);
        CU_ASSERT(strstr(msg, "did not confirm") != NULL);
    }
    pkt_vprinter_free(&v);
    canvas_free(c);
    printer_close(p);
}

TEST(printer, test_unconfirmed, "tcp/pty: deaf or never confirming: not printed")
{
    check_unconfirmed(true, true);      /* tcp, never reads */
    check_unconfirmed(false, true);     /* pty, never read */
    check_unconfirmed(true, false);     /* tcp, reads, never confirms */
    check_unconfirmed(false, false);    /* pty, reads, never confirms */
}

/* Epson's process ID response (profile procid): GS ( H fn 48 after the
 * job, "37 22 id 00" back (the matching of IDs: suite escpos). */
TEST(printer, test_procid, "tcp: Epson process ID confirms the job")
{
    unsigned char r[5];
    pkt_replies_ok(r);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, r));
    printer *p = open_vp(&v, true, "58mm,procid", true, true);
    canvas *c = sample_doc(p);
    char msg[160] = "";
    CU_ASSERT_EQUAL(printer_print(p, "job-p", c, NULL, msg, sizeof msg), PK_OK);
    pkt_vprinter_stop(&v);
    CU_ASSERT_EQUAL(v.confirms, 1);
    CU_ASSERT(memcmp(v.got.data + v.got.len - 20, "\x1d\x28\x48\x06\x00\x30\x30", 7) == 0);
    pkt_vprinter_free(&v);
    printer_close(p);
    canvas_free(c);
}

SUITE(printer, NULL, NULL);
