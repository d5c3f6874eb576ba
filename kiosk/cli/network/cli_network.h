/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The commands of the provincial network (issue 12): the province's
 * `central ...` (cli_central.c) and the kiosk's `sync` (cli_sync.c, to come). */
#ifndef PK_CLI_NETWORK_H
#define PK_CLI_NETWORK_H

#include "cli.h"

/* central init | add-kiosk CODE | add-user NAME: exit 0, 1 failure, 2 usage. */
int cli_central(cli_ctx *ctx, int argc, char **argv);

#endif
