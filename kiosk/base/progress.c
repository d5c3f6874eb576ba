/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The progress line (progress.h). */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

enum { REDRAW_MS = 200 };

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void progress_begin_fd(progress *p, int fd, const char *what, int64_t total)
{
    memset(p, 0, sizeof *p);
    p->fd = fd;
    p->on = isatty(fd) == 1;
    str_copy(p->what, sizeof p->what, what);
    p->total = total > 0 ? total : 0;
    p->start_ms = now_ms();
}

void progress_begin(progress *p, const char *what, int64_t total)
{
    progress_begin_fd(p, STDERR_FILENO, what, total);
}

static void draw(progress *p, int64_t done, int64_t t)
{
    double secs = (double)(t - p->start_ms) / 1000.0;
    double rate = secs > 0.05 ? (double)done / secs : 0.0;
    char line[256];
    int n;
    if (p->total > 0) {
        int pct = (int)(done * 100 / p->total);
        n = snprintf(line, sizeof line, "\r%s: %lld/%lld (%d%%)", p->what, (long long)done,
                     (long long)p->total, pct > 100 ? 100 : pct);
    } else {
        n = snprintf(line, sizeof line, "\r%s: %lld", p->what, (long long)done);
    }
    if (rate > 0 && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, ", %.0f/s", rate);
    if (rate > 0 && p->total > done && n > 0 && (size_t)n < sizeof line) {
        long left = (long)((double)(p->total - done) / rate + 0.5);
        /* TRANSLATORS: progress line: minutes:seconds of work left */
        n += snprintf(line + n, sizeof line - (size_t)n, _(", %ld:%02ld left"), left / 60,
                      left % 60);
    }
    if (n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, "\x1b[K");   /* clear the rest */
    if (n > 0 && write(p->fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) > 0)
        p->shown = true;
    p->last_ms = t;
}

void progress_update(progress *p, int64_t done, int64_t total)
{
    if (!p->on)
        return;
    if (total > 0)
        p->total = total;
    int64_t t = now_ms();
    if (p->shown && t - p->last_ms < REDRAW_MS && (p->total == 0 || done < p->total))
        return;
    draw(p, done, t);
}

void progress_end(progress *p, int64_t done)
{
    if (!p->on)
        return;
    draw(p, done, now_ms());
    if (write(p->fd, "\n", 1) < 0)
        return;
    p->shown = false;
}

void progress_cb(int64_t done, int64_t total, void *arg)
{
    progress_update(arg, done, total);
}
