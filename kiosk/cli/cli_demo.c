/* Demonstration mode. `postkiosk demo`: the presenter's slides, guided
 * tours and practice, one after the other (each a run of the app's one
 * loop). `postkiosk --tour FILE [--speed normal|max]`: one tour; at max
 * speed (or with no terminal) it runs headless, for tests. Tours and
 * practice use the sandbox database (practice.h), never the live one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "citizen.h"
#include "cli.h"
#include "demo.h"
#include "i18n.h"
#include "practice.h"
#include "printer.h"
#include "store_demo.h"
#include "term.h"

enum { HEADLESS_ROWS = 24, HEADLESS_COLS = 80 };

typedef struct {
    int64_t total, samples;     /* dossiers the run left in the sandbox */
    char error[TOUR_LINE_MAX + 256];
    char *screen;               /* last screen of a failed headless tour */
} run_result;

/* The sandbox of one run, and why F9 could not start it again. */
typedef struct {
    practice sb;
    char reset_error[640];
} sandbox;

/* Practice: F9 throws the sandbox away and starts again; F10 leaves
 * (the app quits, lockdown is off). Everything else is the terminal's. */
static bool practice_source(app *a, term_input *in, int timeout_ms)
{
    sandbox *box = a->source_ctx;
    bool got = term_read(in, timeout_ms);
    a->now_ms = app_mono_ms();
    if (!got || in->kind != TI_KEY || in->key != TK_F9)
        return got;
    if (practice_reset(&box->sb, box->reset_error, sizeof box->reset_error) != PK_OK) {
        a->quit = true;
        a->exit_code = 1;
        return false;
    }
    a->db = box->sb.db;
    app_wipe(a);
    return false;
}

/* The citizen flow on the sandbox, by hand (dt NULL) or played by a tour. */
static int run_citizen(cli_ctx *ctx, printer *pr, demo_tour *dt, tour_speed speed,
                       run_result *res)
{
    memset(res, 0, sizeof *res);
    if (!cli_audit_key(&ctx->cfg))
        return 1;
    sandbox *box = xcalloc(1, sizeof *box);
    pk_err e = practice_open(&box->sb, &ctx->cfg, res->error, sizeof res->error);
    if (e != PK_OK) {
        free(box);
        return 1;
    }
    config pcfg;
    practice_config(&ctx->cfg, &box->sb, &pcfg);
    str_copy(pcfg.language, sizeof pcfg.language, i18n_lang());
    citizen *cz = xcalloc(1, sizeof *cz);
    app *a = xcalloc(1, sizeof *a);
    app_init(a, &pcfg, box->sb.db, pr);
    a->lockdown = false;
    a->practice = true;
    a->overlay = demo_overlay;
    citizen_attach(a, cz);
    if (dt) {
        a->source = demo_tour_source;
        a->source_ctx = dt;
        a->mode_ctx = dt;
        a->idle_timeout = 0;       /* the presenter may pause as long as needed */
        dt->lang_cfg = pcfg.language;
        dt->lang_cfg_size = sizeof pcfg.language;
        dt->clock_ms = app_mono_ms();
        dt->caption = NULL;
        dt->error[0] = '\0';
        tour_player_init(&dt->p, &dt->t, speed, dt->clock_ms);
    } else {
        a->source = practice_source;
        a->source_ctx = box;
    }
    app_start(a, &screen_welcome);
    int rc = app_run(a);
    if (dt && dt->p.failed) {
        str_copy(res->error, sizeof res->error, dt->error);
        if (dt->headless)
            res->screen = term_dump();
    } else if (box->reset_error[0]) {
        str_copy(res->error, sizeof res->error, box->reset_error);
    }
    app_free(a);
    free(a);
    mem_wipe(cz, sizeof *cz);
    free(cz);
    if (box->sb.db && store_demo_counts(box->sb.db, &res->total, &res->samples) != PK_OK)
        res->total = res->samples = -1;
    practice_close(&box->sb);
    free(box);
    return rc;
}

static printer *open_printer(cli_ctx *ctx)
{
    printer *pr = NULL;
    char msg[256] = "";
    const char *spec = ctx->printer_spec ? ctx->printer_spec : ctx->cfg.printer;
    if (printer_open(spec, ctx->cfg.printer_profile, &pr, msg, sizeof msg) != PK_OK) {
        /* practice still registers dossiers: the print jobs stay pending */
        fprintf(stderr, "postkiosk: printer %s: %s\n", spec, msg);
        return NULL;
    }
    return pr;
}

static void start_i18n(cli_ctx *ctx)
{
    i18n_init(ctx->cfg.locale_dir[0] ? ctx->cfg.locale_dir : NULL);
    i18n_set_lang(ctx->cfg.language[0] ? ctx->cfg.language : "vi");
}

/* `--tour FILE`: one tour, on the terminal at human speed, or headless. */
static int tour_only(cli_ctx *ctx)
{
    tour_speed speed = TOUR_NORMAL;
    if (ctx->speed && !tour_speed_parse(ctx->speed, &speed)) {
        fprintf(stderr, _("postkiosk: --speed must be normal or max\n"));
        return 2;
    }
    start_i18n(ctx);
    demo_tour *dt = xcalloc(1, sizeof *dt);
    sbuf errs = {0};
    if (!tour_load(ctx->tour_file, &dt->t, &errs)) {
        fputs(errs.data ? errs.data : "", stderr);
        sbuf_free(&errs);
        tour_free(&dt->t);
        free(dt);
        return 2;
    }
    char err[256] = "";
    if (!config_prepare_home(&ctx->cfg, err, sizeof err)) {
        fprintf(stderr, _("postkiosk: cannot prepare the data directory: %s\n"), err);
        tour_free(&dt->t);
        free(dt);
        return 1;
    }
    dt->headless = speed == TOUR_MAX || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO);
    printer *pr = open_printer(ctx);
    bool ok = dt->headless ? term_init_headless(HEADLESS_ROWS, HEADLESS_COLS)
                           : term_init(false, err, sizeof err);
    int rc = 1;
    run_result res;
    memset(&res, 0, sizeof res);
    if (ok) {
        term_signals(false);
        /* headless, the tour keeps its human timeline on a virtual clock: it
         * takes no real time, and the screens' own timers (a grace period,
         * an automatic close) see what they would see at human speed */
        rc = run_citizen(ctx, pr, dt, dt->headless ? TOUR_NORMAL : speed, &res);
        term_end();
    } else {
        fprintf(stderr, "postkiosk: %s\n", err[0] ? err : "cannot start the terminal");
    }
    if (ok && rc == 0 && dt->p.stopped) {
        printf(_("%s: the tour was stopped.\n"), ctx->tour_file);
    } else if (ok && rc == 0 && !res.error[0]) {
        printf(_("%s: the tour ran to the end (keys typed: %d; dossiers in the practice "
                 "database: %lld, samples: %lld; it has been removed).\n"),
               ctx->tour_file, dt->keys, (long long)res.total, (long long)res.samples);
    } else if (ok) {
        fprintf(stderr, "%s\n", res.error[0] ? res.error : _("the tour did not finish"));
        if (res.screen)
            fprintf(stderr, "%s\n%s", _("The screen was:"), res.screen);
        rc = rc ? rc : 1;
    }
    free(res.screen);
    if (pr)
        printer_close(pr);
    tour_free(&dt->t);
    free(dt);
    return rc;
}

/* `postkiosk demo`: the presenter's slides; tours and practice come back
 * to them. */
static int presenter(cli_ctx *ctx)
{
    start_i18n(ctx);
    store *db = cli_store(ctx);     /* live: read for the figures only */
    if (!db)
        return 1;
    printer *pr = open_printer(ctx);
    char err[256];
    term_signals(false);
    if (!term_init(false, err, sizeof err)) {
        fprintf(stderr, "postkiosk: %s\n", err);
        if (pr)
            printer_close(pr);
        return 1;
    }
    demo_session *ds = xcalloc(1, sizeof *ds);
    app *a = xcalloc(1, sizeof *a);
    int rc = 0;
    while (!term_quit_requested()) {
        app_init(a, &ctx->cfg, db, pr);
        a->lockdown = false;
        a->idle_timeout = 0;
        a->session = ds;           /* no session_size: the app never wipes it */
        a->enlarge = &screen_enlarge;   /* a terminal too small says so */
        ds->next = DEMO_QUIT;
        app_start(a, &screen_demo_slides);
        rc = app_run(a);
        app_free(a);
        if (ds->next == DEMO_QUIT)
            break;
        run_result res;
        memset(&res, 0, sizeof res);
        if (ds->next == DEMO_PRACTICE) {
            run_citizen(ctx, pr, NULL, TOUR_NORMAL, &res);
        } else {
            demo_tour *dt = xcalloc(1, sizeof *dt);
            sbuf errs = {0};
            if (tour_load(ds->paths[ds->tour], &dt->t, &errs))
                run_citizen(ctx, pr, dt, TOUR_NORMAL, &res);
            else
                str_copy(res.error, sizeof res.error, errs.data ? errs.data : "");
            sbuf_free(&errs);
            tour_free(&dt->t);
            free(dt);
        }
        str_copy(ds->notice, sizeof ds->notice, res.error);
        free(res.screen);
    }
    free(a);
    free(ds);
    term_end();
    if (pr)
        printer_close(pr);
    return rc;
}

int cli_demo(cli_ctx *ctx, int argc, char **argv)
{
    if (argc > 0) {
        fprintf(stderr, "%s\n", _("usage: postkiosk [--tour FILE [--speed normal|max]] demo"));
        return 2;
    }
    (void)argv;
    if (ctx->tour_file)
        return tour_only(ctx);
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n", _("postkiosk demo needs a terminal (or use --tour FILE --speed max)"));
        return 2;
    }
    return presenter(ctx);
}
