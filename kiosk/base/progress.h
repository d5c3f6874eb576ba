/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A progress line for long work (catalog import, backup; later sync and
 * central reports): "what: done/total (pct%), rate/s, m:ss left", redrawn
 * in place on stderr when stderr is a terminal, at most every 200 ms and
 * once at the end; nothing at all in a pipe, a file or the journal
 * (issue 17 item 9). */
#ifndef PK_PROGRESS_H
#define PK_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int fd;                /* where the line goes */
    bool on;               /* fd is a terminal */
    bool shown;            /* a line is on screen (progress_end ends it) */
    char what[64];
    int64_t total;         /* 0 = unknown: count and rate only */
    int64_t start_ms, last_ms;
} progress;

/* On stderr. what: a short translated label ("import"). */
void progress_begin(progress *p, const char *what, int64_t total);
/* The same on fd (tests: a pseudo-terminal or a pipe). */
void progress_begin_fd(progress *p, int fd, const char *what, int64_t total);
/* done units so far; total may change (0 = keep the one given). */
void progress_update(progress *p, int64_t done, int64_t total);
/* Draws the last state and ends the line. */
void progress_end(progress *p, int64_t done);
/* A store_progress_fn-shaped adapter: arg is the progress. */
void progress_cb(int64_t done, int64_t total, void *arg);

#endif
