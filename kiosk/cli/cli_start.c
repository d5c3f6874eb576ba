/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The staged start-up (cli_start.h): locale -> configuration -> store ->
 * printer -> terminal -> loop, teardown in reverse. One place for what the
 * citizen kiosk, the clerk workstation and the demonstrations used to
 * write three times; the mode says what differs. */
#include "cli_start.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "log.h"
#include "receipt.h"
#include "store_sync.h"
#include "term.h"
#include "version.h"

enum { HEADLESS_ROWS = 24, HEADLESS_COLS = 80 };

static void stage_locale(const config *c)
{
    i18n_init(c->locale_dir[0] ? c->locale_dir : NULL);
    i18n_set_lang(c->language[0] ? c->language : "vi");
}

static bool refuse(const char *why)
{
    cli_fail(_("postkiosk: the kiosk cannot take dossiers: %s\n"), why);
    return false;
}

/* Configuration the citizen's receipt needs: the keys and the profile. */
static bool stage_config(cli_ctx *ctx, start_mode mode)
{
    char why[1200];
    if (mode != START_CITIZEN)
        return true;
    if (!ready_profile(ctx->cfg.printer_profile, why, sizeof why))
        return refuse(why);
    return true;
}

/* The live store; for the citizen kiosk also its start-up check (header
 * and schema; every page only after a run that did not end cleanly:
 * store_start_check, RELIABILITY §5.2), the keys, a committed write and
 * free space. */
static bool stage_store(cli_ctx *ctx, start_mode mode, start_run *run)
{
    if (mode == START_TOUR)
        return cli_home(ctx);     /* tours use the sandbox (practice.h) */
    char why[1200], msg[256], dir[600];
    /* a full disk first: it also makes the opening itself fail */
    if (mode == START_CITIZEN && ready_dir_of(ctx->cfg.db_path, dir, sizeof dir) &&
        access(dir, F_OK) == 0 && !ready_space(dir, why, sizeof why))
        return refuse(why);
    /* the run lock (a restore waits for it) after the store has decided,
     * so that a refused start creates nothing; a restore that swapped the
     * file between our opening and locking it changed its inode */
    struct stat before;
    bool had = stat(ctx->cfg.db_path, &before) == 0;
    run->db = cli_store(ctx);
    if (!run->db)
        return false;
    run->lock = cli_run_lock(ctx->cfg.db_path, false);
    if (run->lock < 0) {
        if (errno == EWOULDBLOCK)
            cli_fail(_("postkiosk: a restore of %s is in progress; start again when it is done\n"),
                     ctx->cfg.db_path);
        else
            cli_fail(_("postkiosk: cannot lock %s: %s\n"), ctx->cfg.db_path, strerror(errno));
        return false;
    }
    struct stat after;
    if (had && (stat(ctx->cfg.db_path, &after) != 0 || after.st_ino != before.st_ino ||
                after.st_dev != before.st_dev)) {
        cli_fail(_("postkiosk: a restore of %s is in progress; start again when it is done\n"),
                 ctx->cfg.db_path);
        return false;
    }
    log_info("database: %s open", ctx->cfg.db_path);
    if (mode != START_CITIZEN)
        return true;
    start_check_kind kind = START_CHECK_QUICK;
    if (store_start_check(run->db, &kind, msg, sizeof msg) != PK_OK) {
        cli_fail(_("postkiosk: the database failed its check: %s\n"), msg);
        return false;
    }
    if (kind == START_CHECK_FIRST)
        log_info("database: first kiosk start of this database; every page checked");
    else if (kind == START_CHECK_UNCLEAN)
        log_info("database: the last run did not end cleanly; every page checked");
    if (!ready_keys(&ctx->cfg, why, sizeof why) || !ready_write(run->db, why, sizeof why))
        return refuse(why);
    /* the receipt key version in use ("VNK<v>." of a payload) goes on the
     * sync outbox rows: the province knows which version signs this kiosk's
     * receipts (never the key) */
    char payload[128];
    if (receipt_payload(&ctx->cfg, "CHECK-1", 1, payload, sizeof payload) == PK_OK &&
        store_sync_key_version(run->db, atoi(payload + 3)) != PK_OK)
        log_warn("cannot record the receipt key version");
    return true;
}

/* A printer that cannot be opened is not fatal: dossiers are still
 * registered and the print jobs wait for the clerk. A receipt folder that
 * is full is fatal for the citizen kiosk. */
static bool stage_printer(cli_ctx *ctx, start_mode mode, start_run *run)
{
    char msg[256] = "";
    const char *spec = ctx->printer_spec ? ctx->printer_spec : ctx->cfg.printer;
    if (printer_open(spec, ctx->cfg.printer_profile, &run->pr, msg, sizeof msg) != PK_OK) {
        cli_fail("postkiosk: printer %s: %s\n", spec, msg);
        run->pr = NULL;
        return true;
    }
    log_info("printer: %s open (profile %s)", spec, ctx->cfg.printer_profile);
    const char *dir = printer_dir(run->pr);
    if (!*dir)
        return true;
    ready_sweep_receipts(dir, time(NULL));   /* temporary files a crash left */
    char why[1200];
    if (mode == START_CITIZEN && !ready_space(dir, why, sizeof why))
        return refuse(why);
    return true;
}

static bool stage_terminal(start_mode mode, bool headless)
{
    bool lockdown = mode == START_CITIZEN;
    term_signals(lockdown);
    if (headless)
        return term_init_headless(HEADLESS_ROWS, HEADLESS_COLS);
    char err[256] = "";
    if (term_init(lockdown, err, sizeof err))
        return true;
    cli_fail("postkiosk: %s\n", err[0] ? err : _("cannot start the terminal"));
    return false;
}

static const char *const mode_names[] = {
    [START_CITIZEN] = "citizen kiosk",
    [START_CLERK] = "clerk workstation",
    [START_PRESENTER] = "demonstration",
    [START_TOUR] = "guided tour",
};

int cli_start(cli_ctx *ctx, start_mode mode, bool headless, start_loop loop, void *arg)
{
    start_run run = {.ctx = ctx, .headless = headless, .lock = -1};
    int rc = 1;
    log_info("start: %s, version %s, database %s, printer %s", mode_names[mode], PK_VERSION,
             ctx->cfg.db_path, ctx->printer_spec ? ctx->printer_spec : ctx->cfg.printer);
    stage_locale(&ctx->cfg);
    if (stage_config(ctx, mode) && stage_store(ctx, mode, &run) &&
        stage_printer(ctx, mode, &run)) {
        if (stage_terminal(mode, headless)) {
            rc = loop(&run, arg);
            term_end();
            /* a clean end: the next start needs no full check */
            if (rc == 0 && mode == START_CITIZEN && run.db &&
                store_mark_clean(run.db, (int64_t)time(NULL)) != PK_OK)
                log_warn("database: cannot record the clean end: %s", store_last_error(run.db));
        }
    }
    if (run.pr)
        printer_close(run.pr);
    cli_close(ctx);
    if (run.lock >= 0)
        close(run.lock);
    log_info("stop: %s, exit status %d", mode_names[mode], rc);
    return rc;
}
