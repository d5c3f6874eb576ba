/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk central report` (cli_central_report.c). */
#ifndef PK_CLI_CENTRAL_REPORT_H
#define PK_CLI_CENTRAL_REPORT_H

#include "cli.h"

/* argv after "report": --from D --to D [--csv] [--pdf FILE] [--conninfo C]. */
int cli_central_report(cli_ctx *ctx, int argc, char **argv);

#endif
