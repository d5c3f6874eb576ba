/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk check`: what a citizen's dossier needs, each part named when
 * it fails (issue 11 item 4). Exit status bits: 1 configuration (the file,
 * the catalog, the receipt key and the PIN pepper load), 2 database
 * (opens, integrity_check, accepts a committed write, free space on its
 * disk), 4 printer (profile, link and status, free space in the receipt
 * folder). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_start.h"
#include "dates.h"
#include "i18n.h"
#include "notify_config.h"
#include "printer.h"
#include "store_notify.h"
#include "store_sync.h"
#include "sync_lag.h"
#include "util.h"

enum { BAD_CONFIG = 1, BAD_DB = 2, BAD_PRINTER = 4 };

static bool check_config(cli_ctx *ctx)
{
    if (ctx->config_error) {
        printf(_("configuration: FAILED: %s\n"), ctx->config_error);
        return false;
    }
    char p[600];
    snprintf(p, sizeof p, "%.512s/procedures.csv", ctx->cfg.data_dir);
    if (access(p, R_OK) != 0) {
        printf(_("configuration: FAILED: no catalog in the data directory %s\n"), ctx->cfg.data_dir);
        return false;
    }
    printf(_("configuration: ok (%s)\n"), ctx->config_path ? ctx->config_path : _("defaults"));
    return true;
}

static bool check_db(cli_ctx *ctx)
{
    char msg[256], why[1200], dir[600];
    /* first: on a full disk even opening fails (no room for the -shm) */
    if (ready_dir_of(ctx->cfg.db_path, dir, sizeof dir) && access(dir, F_OK) == 0 &&
        !ready_space(dir, why, sizeof why)) {
        printf(_("database: FAILED: %s\n"), why);
        return false;
    }
    store *db = cli_store(ctx);
    if (!db) {
        printf(_("database: FAILED: cannot open %s\n"), ctx->cfg.db_path);
        return false;
    }
    pk_err e = store_check(db, true, msg, sizeof msg);
    if (e != PK_OK) {
        printf(_("database: FAILED: %s\n"), msg);
        return false;
    }
    if (!ready_write(db, why, sizeof why)) {
        printf(_("database: FAILED: %s\n"), why);
        return false;
    }
    int nproc = store_procedure_count(db);
    long long ndoss = (long long)store_dossier_count(db, -1);
    char procs[64], dossiers[64];
    snprintf(procs, sizeof procs, ngettext("%d procedure", "%d procedures", (unsigned long)nproc), nproc);
    snprintf(dossiers, sizeof dossiers, ngettext("%lld dossier", "%lld dossiers", (unsigned long)ndoss),
             ndoss);
    /* TRANSLATORS: the path of the database, "%d procedures", "%lld dossiers" */
    printf(_("database: ok (%s, %s, %s)\n"), ctx->cfg.db_path, procs, dossiers);
    return true;
}

/* After the database: a first start creates the keys there. */
static bool check_keys(cli_ctx *ctx)
{
    char why[1200];
    if (!ready_keys(&ctx->cfg, why, sizeof why)) {
        printf(_("keys: FAILED: %s\n"), why);
        return false;
    }
    printf("%s\n", _("keys: ok (receipt key and PIN pepper)"));
    return true;
}

static bool check_printer(cli_ctx *ctx)
{
    const char *spec = ctx->cfg.printer;
    char msg[256] = "", why[1200];
    if (!ready_profile(ctx->cfg.printer_profile, why, sizeof why)) {
        printf(_("printer: FAILED: %s: %s\n"), spec, why);
        return false;
    }
    printer *p = NULL;
    pk_err e = printer_open(spec, ctx->cfg.printer_profile, &p, msg, sizeof msg);
    if (e != PK_OK) {
        printf(_("printer: FAILED: %s: %s\n"), spec, msg[0] ? _(msg) : _(pk_err_msg(e)));
        return false;
    }
    printer_state ps = printer_status(p);
    bool room = !*printer_dir(p) || ready_space(printer_dir(p), why, sizeof why);
    printer_close(p);
    if (!room) {
        printf(_("printer: FAILED: %s: %s\n"), spec, why);
        return false;
    }
    /* a one-way link cannot tell; low paper still prints */
    bool ok = ps == PST_OK || ps == PST_UNKNOWN || ps == PST_PAPER_LOW;
    if (ok)
        printf(_("printer: ok (%s): %s\n"), spec, _(printer_state_msg(ps)));
    else
        printf(_("printer: FAILED: %s: %s\n"), spec, _(printer_state_msg(ps)));
    return ok;
}

/* Messages to citizens: which channels are on, whether their settings and
 * secrets are usable, and the outbox backlog. A channel that is off is
 * not a failure (its messages wait in the outbox). */
static bool check_notify(cli_ctx *ctx)
{
    notify_config nc;
    char why[600];
    if (!notify_config_load(&nc, ctx->config_error ? NULL : ctx->config_path, why, sizeof why)) {
        printf(_("messages: FAILED: %s\n"), why);
        return false;
    }
    bool ok = notify_config_check(&nc, why, sizeof why);
    if (!ok)
        printf(_("messages: FAILED: %s\n"), why);
    printf("%s\n", notify_mail_on(&nc) ? _("messages: e-mail on (SMTP)")
                                       : _("messages: e-mail off (no smtp_url in [notify])"));
    printf("%s\n", notify_gateway_on(&nc)    ? _("messages: SMS on (HTTPS gateway)")
                    : notify_smstools_on(&nc) ? _("messages: SMS on (smstools)")
                                              : _("messages: SMS off (no sms_gateway_url or smstools_outgoing in [notify])"));
    notify_backlog bl;
    if (ctx->db && store_notify_backlog(ctx->db, &bl) == PK_OK) {
        char last[32];
        if (!bl.last_sent_at || !date_local_format(bl.last_sent_at, "%Y-%m-%d %H:%M", last, sizeof last))
            str_copy(last, sizeof last, _("never"));
        /* TRANSLATORS: waiting, failed (to retry), given up, time of the last message sent */
        printf(_("messages: %lld waiting, %lld failed (to retry), %lld given up; last sent: %s\n"),
               (long long)bl.pending, (long long)bl.failed, (long long)bl.given_up, last);
    }
    return ok;
}

/* The provincial sync: what waits in the outbox, since when, the last
 * success and the last failure. A lag is not a fault of this kiosk (rural
 * lines drop for days): informative, no exit bit. */
static void check_sync(cli_ctx *ctx)
{
    sync_lag l;
    if (!ctx->db || store_sync_lag(ctx->db, &l) != PK_OK)
        return;
    char waiting[96], oldest[32], last[32];
    snprintf(waiting, sizeof waiting,
             ngettext("%lld event waiting", "%lld events waiting", (unsigned long)l.pending),
             (long long)l.pending);
    sync_lag_when(l.last_ok_at, last, sizeof last);
    if (l.pending > 0) {
        sync_lag_when(l.oldest_pending_at, oldest, sizeof oldest);
        /* TRANSLATORS: events waiting, time of the oldest, time of the last success or "never" */
        printf(_("sync: %s (oldest %s); last success: %s\n"), waiting, oldest, last);
    } else {
        /* TRANSLATORS: events waiting, time of the last success or "never" */
        printf(_("sync: %s; last success: %s\n"), waiting, last);
    }
    if (l.last_error[0] && l.last_try_at > l.last_ok_at) {
        char when[32];
        sync_lag_when(l.last_try_at, when, sizeof when);
        /* TRANSLATORS: time of the failed try, then the reason (from the server, may be English) */
        printf(_("sync: last try failed at %s: %s\n"), when, l.last_error);
    }
}

int cli_check(cli_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc != 0) {
        fprintf(stderr, "%s\n", _("usage: postkiosk check"));
        return 2;
    }
    int bits = 0;
    if (!check_config(ctx))
        bits |= BAD_CONFIG;
    if (!check_db(ctx))
        bits |= BAD_DB;
    if (!check_keys(ctx))
        bits |= BAD_CONFIG;
    if (!check_printer(ctx))
        bits |= BAD_PRINTER;
    if (!check_notify(ctx))
        bits |= BAD_CONFIG;
    check_sync(ctx);
    return bits;
}
