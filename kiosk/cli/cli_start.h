/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One staged start-up for the three programs in the binary: the citizen
 * kiosk, the clerk workstation and the demonstrations (issue 10 item 3).
 * Stages in order — locale, configuration, store, printer, terminal,
 * loop — and teardown in reverse, with endwin() on every exit path. The
 * citizen kiosk's stages also test what a citizen's dossier will need
 * (issue 11 item 4) and refuse to start when it would fail. */
#ifndef PK_CLI_START_H
#define PK_CLI_START_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "cli.h"
#include "printer.h"

typedef enum {
    START_CITIZEN,    /* locked down; readiness checks; refuses to start */
    START_CLERK,      /* Esc on the sign-in screen quits */
    START_PRESENTER,  /* `demo`: the live store for figures only */
    START_TOUR,       /* `--tour`: no live store (sandbox), maybe headless */
} start_mode;

/* What the stages opened, handed to the mode's loop. */
typedef struct {
    cli_ctx *ctx;
    store *db;        /* NULL for START_TOUR */
    printer *pr;      /* NULL when the printer could not be opened */
    bool headless;
    int lock;         /* the database's run lock (cli_run_lock), -1 = none */
} start_run;

typedef int (*start_loop)(start_run *run, void *arg);

/* Runs the stages for mode, then loop(run, arg); returns the loop's exit
 * status, or 1 when a stage failed (reason on stderr). headless: a
 * virtual terminal (tours at max speed). */
int cli_start(cli_ctx *ctx, start_mode mode, bool headless, start_loop loop, void *arg);

/* ---- readiness (cli_ready.c): `check` and the kiosk's start-up -------- */
/* Free space a receipt needs on a filesystem (a dossier's WAL pages, the
 * receipt's .bin/.png/.txt files): 1 MiB. */
enum { READY_MIN_FREE = 1 << 20 };
/* Each returns true, or false with a translated reason in why. */
bool ready_keys(const config *c, char *why, size_t whysz);       /* key + pepper load */
bool ready_profile(const char *profile, char *why, size_t whysz);
bool ready_write(store *db, char *why, size_t whysz);            /* a committed write */
/* At least READY_MIN_FREE bytes free for an unprivileged writer in dir. */
bool ready_space(const char *dir, char *why, size_t whysz);
/* The folder of a file path. */
bool ready_dir_of(const char *file, char *out, size_t outsz);
/* Removes the file printer's temporary files (".NAME.EXT.tmp" and six
 * random characters from mkstemp, printers/backend_file.c) that a crash
 * left in dir: only those older than an hour at `now`, so a print in
 * progress elsewhere (clerk workstation) is never touched. Returns how many were removed. */
int ready_sweep_receipts(const char *dir, time_t now);

#endif
