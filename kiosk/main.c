/* SPDX-License-Identifier: GPL-3.0-or-later */
/* postkiosk: one binary. No subcommand starts the citizen kiosk; the
 * subcommands serve staff and scripts. Start-up order: locale -> options ->
 * config -> the subcommand (the kiosk, clerk workstation and demos go on
 * through cli_start.c's stages; the others open the store on demand) ->
 * teardown in reverse. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_clerk.h"
#include "cli_network.h"
#include "i18n.h"
#include "version.h"

/* Each subcommand's long options, for getopt_long (cli_args.c). */
static const struct option catalog_opts[] = {
    {"procedures", no_argument, NULL, 'p'}, {"units", no_argument, NULL, 'u'},
    {"holidays", no_argument, NULL, 'H'}, {"tariffs", no_argument, NULL, 't'}, {0, 0, 0, 0}};
static const struct option dossier_opts[] = {
    {"status", required_argument, NULL, 's'}, {"limit", required_argument, NULL, 'l'},
    {"print", no_argument, NULL, 'p'}, {0, 0, 0, 0}};
static const struct option ime_opts[] = {{"tone-style", required_argument, NULL, 't'}, {0, 0, 0, 0}};
static const struct option clerk_opts[] = {
    {"role", required_argument, NULL, 'r'}, {"name", required_argument, NULL, 'n'},
    {"as", required_argument, NULL, 'a'}, {0, 0, 0, 0}};
static const struct option as_opts[] = {{"as", required_argument, NULL, 'a'}, {0, 0, 0, 0}};
static const struct option audit_opts[] = {
    {"expect-head", required_argument, NULL, 'e'}, {"print", no_argument, NULL, 'p'},
    {"central", no_argument, NULL, 'C'}, {0, 0, 0, 0}};
static const struct option report_opts[] = {
    {"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
    {"csv", no_argument, NULL, 'c'}, {0, 0, 0, 0}};
static const struct option notify_opts[] = {
    {"once", no_argument, NULL, 'o'}, {"follow", no_argument, NULL, 'f'},
    {"interval", required_argument, NULL, 'i'}, {0, 0, 0, 0}};
static const struct option central_opts[] = {
    {"conninfo", required_argument, NULL, 'c'}, {"password-file", required_argument, NULL, 'p'},
    {"key-version", required_argument, NULL, 'k'}, {"province", required_argument, NULL, 'P'},
    {"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
    {"csv", no_argument, NULL, 'C'}, {"pdf", required_argument, NULL, 'D'}, {0, 0, 0, 0}};
static const struct option paper_opts[] = {{"save", no_argument, NULL, 's'}, {0, 0, 0, 0}};
static const struct option sync_opts[] = {
    {"once", no_argument, NULL, 'o'}, {"follow", no_argument, NULL, 'f'}, {0, 0, 0, 0}};
static const struct option purge_opts[] = {
    {"older-than", required_argument, NULL, 'o'}, {"yes", no_argument, NULL, 'y'},
    {"as", required_argument, NULL, 'a'}, {0, 0, 0, 0}};

/* One line per subcommand: name, function, usage for --help, options. */
static const cli_command commands[] = {
    {"catalog", cli_catalog, N_("catalog import [--units|--holidays|--tariffs] FILE | catalog search TEXT | catalog keywords CODE [WORDS] | catalog rank CODE [N]"), catalog_opts},
    {"dossier", cli_dossier, N_("dossier list [--status STATUS] [--limit N] | dossier show REF | dossier add [FILE|-] [--print]"), dossier_opts},
    {"check", cli_check, N_("check: configuration, database integrity, printer"), NULL},
    {"ime", cli_ime, N_("ime telex|vni [--tone-style new]: keystrokes on stdin -> Vietnamese text"), ime_opts},
    {"print-test", cli_print_test, N_("print-test: print a test page (profile, Vietnamese text, QR code)"), NULL},
    {"reprint", cli_reprint, N_("reprint REF: print a receipt again, marked REPRINT"), NULL},
    {"paper", cli_paper, N_("paper KIND KEY [--save]: save and print a signed paper again (slip, label, handover, collected, returned, delivered, refused)"), paper_opts},
    {"clerk", cli_clerk, N_("clerk [add ID --role clerk|supervisor [--name N] [--as SUP] | passwd ID [--as SUP] | disable|enable ID --as SUP | role ID --role R --as SUP | list]"), clerk_opts},
    {"staff-pin", cli_staff_pin, N_("staff-pin set [--as SUPERVISOR]: the PIN that leaves citizen mode (F10), stored hashed"), as_opts},
    {"audit", cli_audit, N_("audit verify [--expect-head CODE] [--central] | audit anchor [--print]"), audit_opts},
    {"report", cli_report, N_("report --from YYYY-MM-DD --to YYYY-MM-DD [--csv]"), report_opts},
    {"purge", cli_purge, N_("purge --older-than 5y --as SUPERVISOR [--yes]"), purge_opts},
    {"backup", cli_backup, N_("backup [DIR]: a checked copy of the database while the kiosk runs; keeps the last [backup] keep"), NULL},
    {"restore", cli_restore, N_("restore FILE: puts a checked backup back (the kiosk stopped); keeps the old database"), NULL},
    {"notify", cli_notify, N_("notify --once | --follow [--interval SECONDS]: send the SMS and e-mail messages to citizens"), notify_opts},
    {"sync", cli_sync, N_("sync --once | --follow: send the outbox to the central server ([sync])"), sync_opts},
    {"central", cli_central, N_("central init [--conninfo C] | central add-kiosk CODE --password-file FILE [--key-version N] [--province NAME] | central add-user NAME --password-file FILE | central report --from YYYY-MM-DD --to YYYY-MM-DD [--csv] [--pdf FILE]"), central_opts},
    {"demo", cli_demo, N_("demo: slides, guided tours and practice for demonstrations"), NULL},
};

static void usage(FILE *out)
{
    fprintf(out, "%s\n", _("Usage: postkiosk [OPTIONS] [COMMAND ...]"));
    fprintf(out, "%s\n\n", _("With no command, starts the citizen kiosk."));
    fprintf(out, "%s\n", _("Options:"));
    fprintf(out, "  --db PATH        %s\n", _("database file"));
    fprintf(out, "  --config PATH    %s\n", _("configuration file"));
    fprintf(out, "  --printer SPEC   %s\n", _("printer: file:DIR, device:PATH or tcp:HOST:PORT"));
    fprintf(out, "  --tour FILE      %s\n", _("demonstration tour file"));
    fprintf(out, "  --speed S        %s\n", _("demonstration speed: normal or max"));
    fprintf(out, "  --version        %s\n", _("show the version"));
    fprintf(out, "  --help           %s\n\n", _("show this help"));
    fprintf(out, "%s\n", _("Commands:"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %s\n", _(commands[i].usage));
}

int main(int argc, char **argv)
{
    /* locale (C.UTF-8 if none), translations; Vietnamese first, English
     * (the msgids) when the catalogs are not installed */
    i18n_init(NULL);
    umask(007);   /* database, receipts: owner and group only (RELIABILITY §7.5) */
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    const char *db = NULL;
    static const struct option global[] = {
        {"db", required_argument, NULL, 'd'},      {"config", required_argument, NULL, 'c'},
        {"printer", required_argument, NULL, 'p'}, {"tour", required_argument, NULL, 't'},
        {"speed", required_argument, NULL, 's'},   {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, 'h'},          {0, 0, 0, 0}};
    /* "+": the global options end at the command; its own options are its */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "+:h", global, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'c': ctx.config_path = optarg; break;
        case 'p': ctx.printer_spec = optarg; break;
        case 't': ctx.tour_file = optarg; break;
        case 's': ctx.speed = optarg; break;
        case 'V':
            printf("postkiosk %s\n", PK_VERSION);
            return 0;
        case 'h':
            usage(stdout);
            return 0;
        case ':':
            fprintf(stderr, _("postkiosk: %s needs a value\n"), argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, _("postkiosk: unknown option %s\n"), argv[optind - 1]);
            usage(stderr);
            return 2;
        }
    }
    int i = optind;
    char err[600];
    if (!config_load(&ctx.cfg, ctx.config_path, err, sizeof err)) {
        if (i >= argc || strcmp(argv[i], "check") != 0) {
            cli_fail("postkiosk: configuration: %s\n", err);
            return 2;
        }
        ctx.config_error = err;   /* `check` reports it and goes on with defaults */
        config_defaults(&ctx.cfg);
    }
    /* translations from the configured place, in the configured language */
    i18n_init(ctx.cfg.locale_dir);
    if (ctx.cfg.language_set)
        i18n_set_lang(ctx.cfg.language);
    if (db && !cli_set_path(ctx.cfg.db_path, sizeof ctx.cfg.db_path, db, "--db"))
        return 2;
    if (ctx.printer_spec &&
        !cli_set_path(ctx.cfg.printer, sizeof ctx.cfg.printer, ctx.printer_spec, "--printer"))
        return 2;
    int rc;
    if (i >= argc) {
        if (ctx.tour_file)
            rc = cli_demo(&ctx, 0, NULL);
        else
            rc = cli_kiosk(&ctx, argc - i, argv + i);
    } else {
        const cli_command *cmd = NULL;
        for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
            if (strcmp(argv[i], commands[k].name) == 0)
                cmd = &commands[k];
        if (!cmd) {
            fprintf(stderr, _("postkiosk: unknown command %s\n"), argv[i]);
            usage(stderr);
            return 2;
        }
        int sub_argc = argc - i - 1;
        char **sub_argv = argv + i + 1;
        cli_owned owned;
        rc = cli_args(cmd, &sub_argc, &sub_argv, &owned);
        if (rc < 0) {
            rc = cmd->fn(&ctx, sub_argc, sub_argv);
            cli_args_free(&owned);
        }
    }
    cli_close(&ctx);
    return rc;
}
