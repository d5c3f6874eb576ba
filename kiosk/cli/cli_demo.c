/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "cli_start.h"
#include "demo.h"
#include "i18n.h"
#include "practice.h"
#include "printer.h"
#include "store_demo.h"
#include "term.h"

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

/* One tour after the stages are up (cli_start.c, tour mode). */
typedef struct {
    demo_tour *dt;
    tour_speed speed;
    run_result res;
    bool ran;
} tour_job;

static int tour_loop(start_run *run, void *arg)
{
    tour_job *job = arg;
    job->ran = true;
    /* headless, the tour keeps its human timeline on a virtual clock: it
     * takes no real time, and the screens' own timers (a grace period,
     * an automatic close) see what they would see at human speed */
    return run_citizen(run->ctx, run->pr, job->dt, run->headless ? TOUR_NORMAL : job->speed,
                       &job->res);
}

/* `--tour FILE`: one tour, on the terminal at human speed, or headless. */
static int tour_only(cli_ctx *ctx)
{
    tour_job job;
    memset(&job, 0, sizeof job);
    job.speed = TOUR_NORMAL;
    if (ctx->speed && !tour_speed_parse(ctx->speed, &job.speed)) {
        fprintf(stderr, _("postkiosk: --speed must be normal or max\n"));
        return 2;
    }
    /* the tour file's messages are in the configured language */
    i18n_init(ctx->cfg.locale_dir[0] ? ctx->cfg.locale_dir : NULL);
    i18n_set_lang(ctx->cfg.language[0] ? ctx->cfg.language : "vi");
    demo_tour *dt = job.dt = xcalloc(1, sizeof *dt);
    sbuf errs = {0};
    if (!tour_load(ctx->tour_file, &dt->t, &errs)) {
        fputs(errs.data ? errs.data : "", stderr);
        sbuf_free(&errs);
        tour_free(&dt->t);
        free(dt);
        return 2;
    }
    dt->headless = job.speed == TOUR_MAX || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO);
    int rc = cli_start(ctx, START_TOUR, dt->headless, tour_loop, &job);
    run_result *res = &job.res;
    if (job.ran && rc == 0 && dt->p.stopped) {
        printf(_("%s: the tour was stopped.\n"), ctx->tour_file);
    } else if (job.ran && rc == 0 && !res->error[0]) {
        printf(_("%s: the tour ran to the end (keys typed: %d; dossiers in the practice "
                 "database: %lld, samples: %lld; it has been removed).\n"),
               ctx->tour_file, dt->keys, (long long)res->total, (long long)res->samples);
    } else if (job.ran) {
        fprintf(stderr, "%s\n", res->error[0] ? res->error : _("the tour did not finish"));
        if (res->screen)
            fprintf(stderr, "%s\n%s", _("The screen was:"), res->screen);
        rc = rc ? rc : 1;
    }
    free(res->screen);
    tour_free(&dt->t);
    free(dt);
    return rc;
}

/* `postkiosk demo`: the presenter's slides; tours and practice come back
 * to them. The live store is read for the figures only. */
static int presenter_loop(start_run *run, void *arg)
{
    (void)arg;
    cli_ctx *ctx = run->ctx;
    demo_session *ds = xcalloc(1, sizeof *ds);
    app *a = xcalloc(1, sizeof *a);
    int rc = 0;
    while (!term_quit_requested()) {
        app_init(a, &ctx->cfg, run->db, run->pr);
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
            run_citizen(ctx, run->pr, NULL, TOUR_NORMAL, &res);
        } else {
            demo_tour *dt = xcalloc(1, sizeof *dt);
            sbuf errs = {0};
            if (tour_load(ds->paths[ds->tour], &dt->t, &errs))
                run_citizen(ctx, run->pr, dt, TOUR_NORMAL, &res);
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
    return cli_start(ctx, START_PRESENTER, false, presenter_loop, NULL);
}
