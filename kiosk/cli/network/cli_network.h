/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The commands of the provincial network (issue 12): the province's
 * `central ...` (cli_central.c) and the kiosk's `sync` (cli_sync.c). */
#ifndef PK_CLI_NETWORK_H
#define PK_CLI_NETWORK_H

#include "cli.h"

/* central init | add-kiosk CODE | add-user NAME: exit 0, 1 failure, 2 usage. */
int cli_central(cli_ctx *ctx, int argc, char **argv);
/* sync --once | --follow: exit 0, 1 failure, 2 usage. */
int cli_sync(cli_ctx *ctx, int argc, char **argv);
/* audit verify --central, after the local chain verified intact: every head
 * the central server keeps for this kiosk is in the local chain. 0 yes, 3
 * a head is missing or differs, 1 the server cannot tell, 2 bad config. */
int cli_audit_central(cli_ctx *ctx, store *db);

#endif
