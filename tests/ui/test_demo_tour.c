/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tour runner plugged into the real app loop (headless, virtual
 * clock) over a small test screen that shows what it was typed: keys
 * arrive as typed, captions are drawn over the screen in the current
 * language, `lang` switches the language and survives in the mode's
 * config, wait-for checks the screen, a missing text fails the tour with
 * file:line. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "demo.h"
#include "i18n.h"
#include "term.h"
#include "unit.h"

typedef struct {
    char typed[64];
    int enters;
} echo_state;

static void echo_draw(const void *vs, const app *a, frame *f)
{
    (void)a;
    const echo_state *s = vs;
    char line[128];
    snprintf(line, sizeof line, "Typed: %s", s->typed);
    term_put(f->top + 1, 2, f->width - 4, line, ROLE_NORMAL);
    snprintf(line, sizeof line, "Enters: %d", s->enters);
    term_put(f->top + 2, 2, f->width - 4, line, ROLE_NORMAL);
}

static screen_result echo_handle(void *vs, app *a, const event *ev)
{
    (void)a;
    echo_state *s = vs;
    size_t n = strlen(s->typed);
    if ((ev->act == ACT_CHAR || ev->act == ACT_CHOOSE) && ev->ch < 0x80 && n < 60) {
        s->typed[n] = (char)ev->ch;
        s->typed[n + 1] = '\0';
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_NEXT) {
        s->enters++;
        return SR_(SR_REDRAW);
    }
    return SR_(SR_NONE);
}

static const screen_ops echo_screen = {
    .name = "echo",
    .state_size = sizeof(echo_state),
    .draw = echo_draw,
    .handle = echo_handle,
};

typedef struct {
    config cfg;
    app a;
    demo_tour dt;
    char screen[4096];
} run_env;

/* Plays src headless on the echo screen; returns the app's exit code. */
static int play(run_env *e, const char *src)
{
    memset(e, 0, sizeof *e);
    config_defaults(&e->cfg);
    str_copy(e->cfg.language, sizeof e->cfg.language, "vi");
    const char *build = getenv("BUILD");
    char locale[256];
    snprintf(locale, sizeof locale, "%s/locale", build && *build ? build : "build");
    i18n_init(locale);
    i18n_set_lang("vi");
    sbuf errs = {0};
    CU_ASSERT_TRUE_FATAL(tour_parse("t.tour", src, strlen(src), &e->dt.t, &errs));
    CU_ASSERT_TRUE_FATAL(term_init_headless(24, 80));
    app_init(&e->a, &e->cfg, NULL, NULL);
    e->a.idle_timeout = 0;
    e->a.practice = true;
    e->a.source = demo_tour_source;
    e->a.source_ctx = &e->dt;
    e->a.overlay = demo_overlay;
    e->a.mode_ctx = &e->dt;
    e->dt.headless = true;
    e->dt.lang_cfg = e->cfg.language;
    e->dt.lang_cfg_size = sizeof e->cfg.language;
    e->dt.clock_ms = app_mono_ms();
    tour_player_init(&e->dt.p, &e->dt.t, TOUR_MAX, e->dt.clock_ms);
    app_start(&e->a, &echo_screen);
    int rc = app_run(&e->a);
    app_render(&e->a);
    char *dump = term_dump();
    str_copy(e->screen, sizeof e->screen, dump);
    free(dump);
    app_free(&e->a);
    term_end();
    tour_free(&e->dt.t);
    sbuf_free(&errs);
    i18n_set_lang("en");     /* English = the msgids, as the other suites expect */
    return rc;
}

TEST(demo_tour, test_keys_captions_lang, "keys, captions and language over a real loop")
{
    run_env *e = xcalloc(1, sizeof *e);
    int rc = play(e,
                  "caption vi Xin chào bà con\n"
                  "caption en Hello everyone\n"
                  "wait-for * Xin chào bà con\n"   /* the caption is on the screen */
                  "keys ab<Enter>1\n"
                  "wait-for * Typed: ab1\n"
                  "wait-for vi Enters: 1\n"
                  "wait-for en Nowhere: skipped in Vietnamese\n"
                  "lang en\n"
                  "wait-for * Hello everyone\n"    /* the same caption, now in English */
                  "keys c<lt>\n"
                  "wait-for en Typed: ab1c<\n"
                  "clear\n");
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_FALSE(e->dt.p.failed);
    CU_ASSERT_FALSE(e->dt.p.stopped);
    CU_ASSERT_STRING_EQUAL(e->dt.error, "");
    CU_ASSERT_EQUAL(e->dt.keys, 6);
    /* the language the tour chose is the mode's language now (wipes keep it) */
    CU_ASSERT_STRING_EQUAL(e->cfg.language, "en");
    CU_ASSERT_PTR_NOT_NULL(strstr(e->screen, "Typed: ab1c<"));
    CU_ASSERT_PTR_NULL(strstr(e->screen, "Hello everyone"));   /* cleared */
    free(e);
}

TEST(demo_tour, test_wait_fails_with_line, "a wait-for that never shows fails at its line")
{
    run_env *e = xcalloc(1, sizeof *e);
    int rc = play(e, "keys x\n"
                     "# nothing shows this:\n"
                     "wait-for * Typed: y\n"
                     "keys z\n");
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT_TRUE(e->dt.p.failed);
    CU_ASSERT_PTR_NOT_NULL(strstr(e->dt.error, "t.tour:3: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(e->dt.error, "\"Typed: y\""));
    CU_ASSERT_EQUAL(e->dt.keys, 1);          /* it stopped there */
    CU_ASSERT_PTR_NOT_NULL(strstr(e->screen, "Typed: x"));
    free(e);
}

SUITE(demo_tour, NULL, NULL);
