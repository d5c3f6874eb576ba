/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's command-line subcommands (one file each, one line each in
 * main.c's table) and what they share. */
#ifndef PK_CLI_CLERK_H
#define PK_CLI_CLERK_H

#include <stdbool.h>
#include <stddef.h>

#include "auth.h"
#include "cli.h"
#include "store_clerk.h"

int cli_clerk(cli_ctx *ctx, int argc, char **argv);   /* clerk [add|passwd|disable|list] */
int cli_audit(cli_ctx *ctx, int argc, char **argv);   /* audit verify */
int cli_report(cli_ctx *ctx, int argc, char **argv);  /* report --from D --to D [--csv] */
int cli_purge(cli_ctx *ctx, int argc, char **argv);   /* purge --older-than 5y [--yes] */
/* The clerk workstation (screens/clerk_*.c) in this terminal. */
int cli_clerk_ui(cli_ctx *ctx);

/* One line of secret input: from the terminal with echo off (prompt on
 * stderr), or from standard input when it is not a terminal. */
bool cli_read_secret(const char *prompt, char *out, size_t outsz);
/* Loads the PIN pepper of ctx->cfg (production hashing cost). */
pk_err cli_auth_load(cli_ctx *ctx, auth_ctx *a);
/* A supervisor signs in with --as ID and a PIN read by cli_read_secret;
 * false (the reason on stderr, translated) when as is NULL, the PIN is
 * wrong, the account locked or not a supervisor. */
bool cli_supervisor(store *db, const auth_ctx *a, const char *as, clerk_session *sess);
/* "cli:<user>" for audit rows written from the shell. */
void cli_actor(char *out, size_t outsz);

#endif
