/* SPDX-License-Identifier: GPL-3.0-or-later */
/* getopt_long for every subcommand (issue 17 item 8), in one place: the
 * subcommand's options (its line of main.c's table) are parsed with
 * getopt_long, so "--from=DATE" and "--from DATE" both work, an unknown
 * option or a missing value is a usage error (exit 2) with a translated
 * message, and "--help" prints the subcommand's usage on stdout (exit 0).
 * The arguments are then handed to the subcommand in one canonical order:
 * the first word (the action: "import", "add", ...), every option as
 * "--name [value]", then the other words in their order. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "util.h"

static const struct option *find(const struct option *opts, int val)
{
    for (int k = 0; opts && opts[k].name; k++)
        if (opts[k].val == val)
            return &opts[k];
    return NULL;
}

int cli_args(const cli_command *cmd, int *argc, char ***argv, cli_owned *owned)
{
    owned->argv = NULL;
    owned->flags = NULL;
    /* getopt_long sees argv[-1] (the command name) as its argv[0] */
    int n = *argc + 1;
    char **av = *argv - 1;
    static const struct option none[] = {{0, 0, 0, 0}};
    const struct option *opts = cmd->opts ? cmd->opts : none;
    int nopts = 0;
    while (opts[nopts].name)
        nopts++;
    struct option *all = xcalloc((size_t)nopts + 2, sizeof *all);
    memcpy(all, opts, (size_t)nopts * sizeof *all);
    all[nopts] = (struct option){"help", no_argument, NULL, 'h'};
    char **out = xcalloc((size_t)n * 2 + 1, sizeof *out);
    char **vals = xcalloc((size_t)n + 1, sizeof *vals);
    int *which = xcalloc((size_t)n + 1, sizeof *which);
    int nout = 0, nvals = 0, rc = -1;
    optind = 0;    /* glibc: start afresh (main parsed its own options) */
    opterr = 0;    /* our messages, translated */
    int c, idx;
    while (rc < 0 && (c = getopt_long(n, av, ":", all, &idx)) != -1) {
        if (c == 'h') {
            printf("%s postkiosk %s\n", _("Usage:"), _(cmd->usage));
            rc = 0;
        } else if (c == '?') {
            fprintf(stderr, _("postkiosk %s: unknown option %s\n"), cmd->name, av[optind - 1]);
            rc = 2;
        } else if (c == ':') {
            fprintf(stderr, _("postkiosk %s: %s needs a value\n"), cmd->name, av[optind - 1]);
            rc = 2;
        } else {
            which[nvals] = c;
            vals[nvals++] = optarg;
        }
    }
    if (rc >= 0) {
        if (rc == 2)
            fprintf(stderr, "%s postkiosk %s\n", _("Usage:"), _(cmd->usage));
        free(all);
        free(out);
        free(vals);
        free(which);
        return rc;
    }
    /* after getopt_long, av[optind..] are the words, in their order */
    int first = optind;
    if (first < n)
        out[nout++] = av[first++];
    size_t room = 0;
    for (int k = 0; k < nvals; k++)
        room += strlen(find(all, which[k])->name) + 3;
    char *flag = owned->flags = xmalloc(room + 1);
    for (int k = 0; k < nvals; k++) {
        const struct option *o = find(all, which[k]);
        out[nout++] = flag;
        flag += sprintf(flag, "--%s", o->name) + 1;
        if (o->has_arg != no_argument && vals[k])
            out[nout++] = vals[k];
    }
    for (int k = first; k < n; k++)
        out[nout++] = av[k];
    out[nout] = NULL;
    free(all);
    free(vals);
    free(which);
    *argc = nout;
    *argv = out;
    owned->argv = out;
    return -1;
}

void cli_args_free(cli_owned *owned)
{
    free(owned->argv);
    free(owned->flags);
    owned->argv = NULL;
    owned->flags = NULL;
}
