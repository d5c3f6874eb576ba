/* postkiosk: one binary. No subcommand starts the citizen kiosk; the
 * subcommands serve staff and scripts. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "version.h"

static const cli_command commands[] = {
    {NULL, NULL, NULL},
};

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("postkiosk %s\n", PK_VERSION);
        return 0;
    }
    (void)commands;
    fprintf(stderr, "postkiosk %s: the kiosk is being built\n", PK_VERSION);
    return 1;
}
