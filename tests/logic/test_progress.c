/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.c: a line with count, percentage and rate on a terminal (a
 * pseudo-terminal here), and nothing at all in a pipe. */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <pty.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "progress.h"
#include "unit.h"

/* What the far end of fd has to read now (non-blocking). */
static size_t drain(int fd, char *buf, size_t sz)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    size_t n = 0;
    ssize_t r;
    while (n + 1 < sz && (r = read(fd, buf + n, sz - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = '\0';
    return n;
}

TEST(progress, on_a_terminal, "a line on a terminal")
{
    int master, slave;
    CU_ASSERT_EQUAL_FATAL(openpty(&master, &slave, NULL, NULL, NULL), 0);
    progress p;
    progress_begin_fd(&p, slave, "import", 0);
    CU_ASSERT(p.on);
    progress_update(&p, 0, 100000);        /* the first call draws */
    int64_t drawn = p.last_ms;
    p.last_ms = INT64_MAX / 2;             /* "just drawn": no clock in the test */
    progress_update(&p, 1000, 0);          /* within 200 ms of the last line: skipped */
    p.last_ms = drawn;
    progress_update(&p, 100000, 0);        /* the end always draws */
    progress_end(&p, 100000);
    char buf[2048];
    drain(master, buf, sizeof buf);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\rimport: 0/100000 (0%)"));
    CU_ASSERT_PTR_NULL(strstr(buf, "import: 1000/"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\rimport: 100000/100000 (100%)"));
    CU_ASSERT(strlen(buf) > 0 && buf[strlen(buf) - 1] == '\n');   /* the line ended */
    CU_ASSERT_FALSE(p.shown);
    close(slave);
    close(master);
}

TEST(progress, not_in_a_pipe, "nothing in a pipe")
{
    int fds[2];
    CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
    progress p;
    progress_begin_fd(&p, fds[1], "backup", 10);
    CU_ASSERT_FALSE(p.on);
    progress_update(&p, 5, 0);
    progress_cb(10, 10, &p);
    progress_end(&p, 10);
    close(fds[1]);
    char buf[64];
    CU_ASSERT_EQUAL(drain(fds[0], buf, sizeof buf), 0);
    close(fds[0]);
}

SUITE(progress, NULL, NULL);
