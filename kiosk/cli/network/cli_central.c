/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk central ...`: the province's side of the network (issue 12),
 * run by the province's database administrator against the central
 * PostgreSQL:
 *   central init [--conninfo C]                  create or migrate the schema
 *   central add-kiosk CODE --password-file F [--key-version N] [--province P]
 *                                                a login role for one kiosk
 *   central add-user NAME --password-file F      a province login (reads all)
 * The connection: --conninfo, else [central] conninfo, else libpq's
 * environment (PGHOST, PGUSER, ~/.pgpass ...); never a password in it.
 * --password-file: read when it exists (owner only), else a new random
 * password is written there (0400) to be copied to the kiosk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "central.h"
#include "cli.h"
#include "cli_central_report.h"
#include "config.h"
#include "i18n.h"
#include "pgc.h"
#include "sync_config.h"
#include "util.h"

static int usage(void)
{
    fprintf(stderr, "%s\n",
            _("usage: postkiosk central init [--conninfo C] | central add-kiosk CODE "
              "--password-file FILE [--key-version N] [--province NAME] | central add-user NAME "
              "--password-file FILE"));
    return 2;
}

/* The password of a new login: from the file when it exists, else a new
 * one written there. */
static bool login_password(const char *path, char *pw, size_t pwsz, bool *made)
{
    char why[600];
    *made = access(path, F_OK) != 0;
    bool ok = *made ? sync_make_password(path, pw, pwsz, why, sizeof why)
                    : config_read_secret(path, pw, pwsz, why, sizeof why);
    if (!ok)
        fprintf(stderr, "postkiosk: %s\n", why);
    return ok;
}

int cli_central(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 1)
        return usage();
    if (strcmp(argv[0], "report") == 0)   /* the province's report: cli_central_report.c */
        return cli_central_report(ctx, argc - 1, argv + 1);
    const char *action = argv[0], *conninfo = NULL, *pwfile = NULL, *province = "";
    const char *name = NULL;
    int key_version = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conninfo") == 0 && i + 1 < argc)
            conninfo = argv[++i];
        else if (strcmp(argv[i], "--password-file") == 0 && i + 1 < argc)
            pwfile = argv[++i];
        else if (strcmp(argv[i], "--province") == 0 && i + 1 < argc)
            province = argv[++i];
        else if (strcmp(argv[i], "--key-version") == 0 && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > 1000000)
                return usage();
            key_version = (int)v;
        } else if (argv[i][0] != '-' && !name)
            name = argv[i];
        else
            return usage();
    }
    bool init = strcmp(action, "init") == 0, add_kiosk = strcmp(action, "add-kiosk") == 0,
         add_user = strcmp(action, "add-user") == 0;
    if ((!init && !add_kiosk && !add_user) || (init && (name || pwfile)) ||
        (!init && (!name || !pwfile)))
        return usage();
    sync_config sc;
    char why[800];
    if (!sync_config_load(&sc, ctx->config_path, why, sizeof why)) {
        cli_fail("postkiosk: configuration: %s\n", why);
        return 2;
    }
    if (!conninfo)
        conninfo = sc.central_conninfo;
    pgc *c = NULL;
    if (pgc_open(conninfo, NULL, &c, why, sizeof why) != PK_OK) {
        cli_fail("postkiosk: %s\n", why);
        return 1;
    }
    int rc = 0;
    if (init) {
        int from, to;
        pk_err e = central_init(c, &from, &to, why, sizeof why);
        if (e != PK_OK) {
            cli_fail("postkiosk: central init: %s\n", why);
            rc = 1;
        } else if (from == to)
            printf(_("central schema: version %d, up to date\n"), to);
        else
            printf(_("central schema: version %d -> %d\n"), from, to);
    } else {
        char pw[128], role[64] = "";
        bool made = false;
        if (!login_password(pwfile, pw, sizeof pw, &made)) {
            pgc_close(c);
            return 1;
        }
        pk_err e = add_kiosk ? central_kiosk_add(c, name, province, key_version, pw, role,
                                                 sizeof role, why, sizeof why)
                             : central_province_user_add(c, name, pw, why, sizeof why);
        mem_wipe(pw, sizeof pw);
        if (e != PK_OK) {
            cli_fail("postkiosk: central %s %s: %s\n", action, name, why);
            if (made)
                unlink(pwfile);   /* a password for nobody */
            rc = e == PK_EINVAL ? 2 : 1;
        } else if (add_kiosk)
            printf(_("kiosk %s: login %s, key version %d; its password is in %s (copy it to the "
                     "kiosk as [sync] password_file, mode 0400)\n"),
                   name, role, key_version, pwfile);
        else
            printf(_("province user %s: reads every kiosk's rows; its password is in %s\n"), name,
                   pwfile);
    }
    pgc_close(c);
    return rc;
}
