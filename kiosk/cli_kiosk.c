/* The citizen kiosk (no subcommand). This minimal version is replaced by
 * the citizen-UI branch, which owns this file. */
#include <stdio.h>

#include "cli.h"
#include "i18n.h"

int cli_kiosk(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    fprintf(stderr, "%s\n", _("the kiosk screens are not installed in this build"));
    return 1;
}
