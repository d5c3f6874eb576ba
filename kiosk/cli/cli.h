/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Command-line subcommands. Each lives in its own kiosk/cli_*.c file and has
 * one line in main.c's table. The context is filled by main.c: config
 * loaded, options parsed; the store is opened (and seeded on first run) on
 * demand by cli_store(). */
#ifndef PK_CLI_H
#define PK_CLI_H

#include <getopt.h>

#include "config.h"
#include "log.h"
#include "store.h"

typedef struct {
    config cfg;
    const char *config_path;   /* --config, NULL = default */
    const char *printer_spec;  /* --printer overrides cfg.printer */
    const char *tour_file;     /* --tour FILE (demo) */
    const char *speed;         /* --speed max|normal */
    store *db;                 /* opened by cli_store() */
    const char *config_error;  /* "file:line: reason" when the file was bad
                                  (only `check` runs then, on defaults) */
} cli_ctx;

/* Opens ctx->cfg.db_path. Only a first start (no database and no keys
 * yet) creates it, seeded from cfg.data_dir, then the keys; a missing or
 * empty database otherwise, or one in a folder that does not exist, is
 * refused (issue 11 item 3). Prints the reason on stderr and returns NULL
 * on failure. */
store *cli_store(cli_ctx *ctx);
/* Loads cfg->audit_key_file for every store opened afterwards (cli_store
 * does it; the demo's practice store too). false after a message on stderr. */
bool cli_audit_key(const config *cfg);
/* The data directory for commands that do not need the live database
 * (tours, print-test): on a first start, everything cli_store creates;
 * otherwise nothing but the folder. false (reason on stderr) on failure. */
bool cli_home(cli_ctx *ctx);
/* Seeds an open, empty store from the CSV files of data_dir. */
pk_err cli_seed(store *db, const char *data_dir, char *msg, size_t msgsz);

/* Prints a message on stderr (fprintf's arguments) and writes it to the
 * log as an error (log.h): for failures an engineer reads in the journal
 * later. Only for messages without personal data (paths, references,
 * causes). */
void cli_fail(const char *fmt, ...) PK_PRINTF(1, 2);

typedef int (*cli_fn)(cli_ctx *ctx, int argc, char **argv);

/* Closes what cli_store opened (main calls it on the way out). */
void cli_close(cli_ctx *ctx);
/* Copies a path or spec given on the command line into a config field
 * (NFC, no control characters); prints why on stderr when it cannot. */
bool cli_set_path(char *dst, size_t dstsz, const char *val, const char *opt);

/* Subcommands (argv excludes the command name). Each returns the exit
 * status: 0 success, 1 failure, 2 usage error (cli_check: bit mask). */
int cli_kiosk(cli_ctx *ctx, int argc, char **argv);     /* no subcommand */
int cli_catalog(cli_ctx *ctx, int argc, char **argv);
int cli_dossier(cli_ctx *ctx, int argc, char **argv);
/* Exit status bits: 1 configuration, 2 database, 4 printer. */
int cli_check(cli_ctx *ctx, int argc, char **argv);
int cli_ime(cli_ctx *ctx, int argc, char **argv);       /* ime telex|vni [--tone-style new] */
/* print-test: the printer test page; no database needed. */
int cli_print_test(cli_ctx *ctx, int argc, char **argv);
/* reprint REF (or a scanned receipt QR payload): new print job, REPRINT mark. */
int cli_reprint(cli_ctx *ctx, int argc, char **argv);
/* paper KIND KEY...: one of the signed papers, saved as a PDF and printed
 * (cli_print.c). */
int cli_paper(cli_ctx *ctx, int argc, char **argv);
/* staff-pin set [--as SUPERVISOR]: the F10 PIN, stored hashed (cli_staff.c). */
int cli_staff_pin(cli_ctx *ctx, int argc, char **argv);
/* notify --once | --follow: messages to citizens (cli_notify.c). */
int cli_notify(cli_ctx *ctx, int argc, char **argv);
/* backup [DIR] / restore FILE (cli_backup.c): exit 0, or 1 with the
 * reason on stderr (2 usage). */
int cli_backup(cli_ctx *ctx, int argc, char **argv);
int cli_restore(cli_ctx *ctx, int argc, char **argv);
/* The run lock of a database: flock on "<db>.lock", shared by every
 * kiosk, clerk workstation and demonstration while it runs (cli_start),
 * exclusive for a restore. The open descriptor, or -1 with errno
 * (EWOULDBLOCK: held the other way). */
int cli_run_lock(const char *db_path, bool exclusive);
/* `demo`, and `--tour FILE` with no command (kiosk/cli_demo.c). */
int cli_demo(cli_ctx *ctx, int argc, char **argv);

typedef struct {
    const char *name;          /* "catalog", "dossier", ... */
    cli_fn fn;
    const char *usage;         /* one line for --help */
    const struct option *opts; /* its long options (getopt_long), NULL = none;
                                  each .val unique within the table */
} cli_command;

/* What cli_args allocated. */
typedef struct {
    char **argv;
    char *flags;
} cli_owned;
/* Parses a subcommand's arguments with getopt_long over cmd->opts (+
 * --help), argv[-1] being the command's name. -1: go on with *argc and *argv
 * rewritten in canonical order (the first word, then "--name [value]" for
 * each option, then the other words); 0: --help was printed; 2: a usage
 * error was printed. cli_args_free(owned) after the command ran. */
int cli_args(const cli_command *cmd, int *argc, char ***argv, cli_owned *owned);
void cli_args_free(cli_owned *owned);

#endif
