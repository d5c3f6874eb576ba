/* postkiosk: one binary. No subcommand starts the citizen kiosk; the
 * subcommands serve staff and scripts. Start-up order: locale -> options ->
 * config -> the subcommand (the kiosk, clerk workstation and demos go on
 * through cli_start.c's stages; the others open the store on demand) ->
 * teardown in reverse. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_clerk.h"
#include "i18n.h"
#include "version.h"

/* One line per subcommand: name, function, usage for --help. */
static const cli_command commands[] = {
    {"catalog", cli_catalog, N_("catalog import [--units|--holidays|--tariffs] FILE | catalog search TEXT")},
    {"dossier", cli_dossier, N_("dossier list [--status STATUS] [--limit N] | dossier show REF")},
    {"check", cli_check, N_("check: configuration, database integrity, printer")},
    {"ime", cli_ime, N_("ime telex|vni [--tone-style new]: keystrokes on stdin -> Vietnamese text")},
    {"print-test", cli_print_test, N_("print-test: print a test page (profile, Vietnamese text, QR code)")},
    {"reprint", cli_reprint, N_("reprint REF: print a receipt again, marked REPRINT")},
    {"clerk", cli_clerk, N_("clerk [add ID --role clerk|supervisor [--name N] [--as SUP] | passwd ID [--as SUP] | disable|enable ID --as SUP | role ID --role R --as SUP | list]")},
    {"staff-pin", cli_staff_pin, N_("staff-pin set [--as SUPERVISOR]: the PIN that leaves citizen mode (F10), stored hashed")},
    {"audit", cli_audit, N_("audit verify [--expect-head CODE] | audit anchor [--print]")},
    {"report", cli_report, N_("report --from YYYY-MM-DD --to YYYY-MM-DD [--csv]")},
    {"purge", cli_purge, N_("purge --older-than 5y [--yes]")},
    {"notify", cli_notify, N_("notify --once | --follow [--interval SECONDS]: send the SMS and e-mail messages to citizens")},
    {"demo", cli_demo, N_("demo: slides, guided tours and practice for demonstrations")},
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

/* "--name VALUE" or "--name=VALUE"; advances *i past what it used. */
static bool option(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return false;
    if (argv[*i][n] == '=') {
        *val = argv[*i] + n + 1;
        return true;
    }
    if (argv[*i][n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        fprintf(stderr, _("postkiosk: %s needs a value\n"), name);
        *val = NULL;
        return true;
    }
    *val = argv[++*i];
    return true;
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
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--version") == 0) {
            printf("postkiosk %s\n", PK_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (option(argc, argv, &i, "--db", &v)) {
            db = v;
        } else if (option(argc, argv, &i, "--config", &v)) {
            ctx.config_path = v;
        } else if (option(argc, argv, &i, "--printer", &v)) {
            ctx.printer_spec = v;
        } else if (option(argc, argv, &i, "--tour", &v)) {
            ctx.tour_file = v;
        } else if (option(argc, argv, &i, "--speed", &v)) {
            ctx.speed = v;
        } else {
            fprintf(stderr, _("postkiosk: unknown option %s\n"), argv[i]);
            usage(stderr);
            return 2;
        }
        if (!v)
            return 2;
    }
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
        rc = cmd->fn(&ctx, argc - i - 1, argv + i + 1);
    }
    cli_close(&ctx);
    return rc;
}
