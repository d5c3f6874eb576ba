/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Demonstration screens, headless (tests/snap.h): the attract loop of the
 * idle kiosk (snapshots in both languages, the QR code on the closing
 * slide scans from the screen itself, any key goes to the welcome screen
 * and does nothing else, it never counts as a session), and the
 * presenter's slides and tour menu (digits, arrows, T, P). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "demo.h"
#include "i18n.h"
#include "qr_decode.h"
#include "slides.h"
#include "snap.h"
#include "unit.h"

static const char info_url[] = "https://dichvucong.gov.vn";

/* The idle kiosk: after the idle time at the welcome screen. */
static void to_attract(snap_env *e)
{
    str_copy(e->cfg.info_url, sizeof e->cfg.info_url, info_url);
    e->a.idle_screen = &screen_demo_attract;
    snap_wait(e, (e->a.idle_timeout + 1) * 1000);
}

static void attract(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    to_attract(&e);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "demo_attract");
    snap_wait(&e, 6000);     /* every paragraph has come in */
    CU_ASSERT(snap_check_screen("demo", lang, rows, cols, "attract"));
    /* one slide after another, to the closing one with the QR code */
    snap_wait(&e, (SLIDE__COUNT - 1) * DEMO_SLIDE_SECONDS * 1000 - 6000);
    CU_ASSERT(snap_check_screen("demo", lang, rows, cols, "closing"));
    char *dump = snap_text();
    char got[300] = "";
    char pbm[128];
    snprintf(pbm, sizeof pbm, "%s/demo-closing-%s-%dx%d.pbm",
             getenv("BUILD") ? getenv("BUILD") : "build", lang, cols, rows);
    CU_ASSERT_TRUE(qrd_decode_screen(dump, got, sizeof got, pbm));
    CU_ASSERT_STRING_EQUAL(got, info_url);
    free(dump);
    /* a long time later: still the slides, no "still there?" countdown */
    CU_ASSERT_EQUAL(app_countdown(&e.a), -1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "demo_attract");
    /* any key: the welcome screen, and the key does nothing else there */
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT_EQUAL(e.a.depth, 1);
    snap_close(&e);
}

TEST(demo_screens, test_attract_vi, "attract loop (vi): slides, QR scans, any key")
{
    attract("vi", 24, 80);
    attract("vi", 40, 120);
}

TEST(demo_screens, test_attract_en, "attract loop (en)")
{
    attract("en", 24, 80);
    attract("en", 40, 120);
}

/* A scanned receipt on the attract loop goes straight to tracking. */
TEST(demo_screens, test_attract_scan_and_busy, "attract loop: scanner, busy session")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    to_attract(&e);
    event ev = {.act = ACT_SCAN};
    str_copy(ev.text, sizeof ev.text, "VNK1.LS01-000001.1795593881.ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    app_feed(&e.a, &ev);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    CU_ASSERT_EQUAL(e.a.depth, 2);      /* welcome, track: the slides are gone */
    snap_close(&e);
    /* no slides while someone is in the middle of a dossier */
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    e.a.idle_screen = &screen_demo_attract;
    snap_act(&e, ACT_CHOOSE, 1);
    snap_wait(&e, (e.a.idle_timeout - 5) * 1000);
    CU_ASSERT_STRING_NOT_EQUAL(snap_top(&e), "demo_attract");
    snap_close(&e);
}

/* ---- a tour over the real screens ---------------------------------------- */

/* The caption box and the practice badge over the real procedures screen,
 * where a short tour ends (headless, as --speed max plays it). */
static void tour_overlay(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
    static const char src[] =
        "wait-for vi Bạn muốn làm gì?\n"
        "wait-for en What would you like to do?\n"
        "keys 3\n"
        "wait-for vi Bước 1/7\n"
        "wait-for en Step 1 of 7\n"
        "keys ly lich\n"
        "caption vi Gõ vài chữ trong tên thủ tục, không cần dấu, ví dụ «ly lich».\n"
        "caption en Type a few letters of the procedure's name, no accents needed.\n";
    demo_tour *dt = xcalloc(1, sizeof *dt);
    CU_ASSERT_TRUE_FATAL(tour_parse("t.tour", src, strlen(src), &dt->t, NULL));
    e.a.practice = true;
    e.a.idle_timeout = 0;
    e.a.source = demo_tour_source;
    e.a.source_ctx = dt;
    e.a.overlay = demo_overlay;
    e.a.mode_ctx = dt;
    dt->headless = true;
    dt->clock_ms = app_mono_ms();
    tour_player_init(&dt->p, &dt->t, TOUR_NORMAL, dt->clock_ms);
    CU_ASSERT_EQUAL(app_run(&e.a), 0);
    CU_ASSERT_FALSE(dt->p.failed);
    e.a.dirty = true;
    app_render(&e.a);
    CU_ASSERT(snap_check_screen("demo", lang, 24, 80, "tour"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    tour_free(&dt->t);
    free(dt);
    e.a.source = NULL;
    snap_close(&e);
}

TEST(demo_screens, test_tour_overlay, "tour caption and practice badge over a real screen")
{
    tour_overlay("vi");
    tour_overlay("en");
}

/* ---- the presenter -------------------------------------------------------- */

typedef struct {
    snap_env e;
    demo_session ds;
} presenter_env;

static bool presenter_open(presenter_env *p, const char *lang)
{
    if (!snap_open(&p->e, 24, 80, lang))
        return false;
    /* the same app, now as `postkiosk demo` runs it: slides at the root */
    app *a = &p->e.a;
    int64_t frozen = a->fixed_time;
    app_free(a);
    app_init(a, &p->e.cfg, p->e.db, p->e.pr);
    a->fixed_time = frozen;
    a->idle_timeout = 0;
    memset(&p->ds, 0, sizeof p->ds);
    a->session = &p->ds;
    str_copy(p->e.cfg.data_dir, sizeof p->e.cfg.data_dir, "data");
    app_start(a, &screen_demo_slides);
    app_render(a);
    return true;
}

static void presenter(const char *lang)
{
    presenter_env *p = xcalloc(1, sizeof *p);
    CU_ASSERT_FATAL(presenter_open(p, lang));
    snap_env *e = &p->e;
    snap_act(e, ACT_CHOOSE, 3);                /* jump to "what does it cost" */
    CU_ASSERT_EQUAL(p->ds.slide, SLIDE_COSTS);
    CU_ASSERT(snap_check_screen("demo", lang, 24, 80, "presenter-costs"));
    snap_key(e, TK_RIGHT);
    CU_ASSERT_EQUAL(p->ds.slide, SLIDE_SAFE);
    snap_key(e, TK_LEFT);
    snap_key(e, TK_LEFT);
    snap_key(e, TK_LEFT);
    CU_ASSERT_EQUAL(p->ds.slide, SLIDE_SERVICE);
    snap_key(e, TK_LEFT);                      /* wraps round */
    CU_ASSERT_EQUAL(p->ds.slide, SLIDE_CLOSING);
    snap_act(e, ACT_CHOOSE, 9);                /* no such slide: nothing */
    CU_ASSERT_EQUAL(p->ds.slide, SLIDE_CLOSING);
    snap_wait(e, 30000);                       /* not playing: stays */
    CU_ASSERT_EQUAL(p->ds.slide, SLIDE_CLOSING);
    snap_type(e, " ");                         /* Space: plays by itself */
    snap_wait(e, DEMO_SLIDE_SECONDS * 1000);
    CU_ASSERT_EQUAL(p->ds.slide, SLIDE_SERVICE);
    snap_type(e, "t");                         /* the tours */
    CU_ASSERT_STRING_EQUAL(snap_top(e), "demo_tours");
    CU_ASSERT(p->ds.ntours >= 2);
    CU_ASSERT(snap_check_screen("demo", lang, 24, 80, "tours"));
    snap_key(e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(e), "demo_slides");
    snap_type(e, "t");
    snap_act(e, ACT_CHOOSE, 2);                /* start the second tour */
    CU_ASSERT_TRUE(e->a.quit);
    CU_ASSERT_EQUAL(p->ds.next, DEMO_TOUR);
    CU_ASSERT_EQUAL(p->ds.tour, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(p->ds.paths[1], "data/tours/"));
    snap_close(e);
    free(p);
}

TEST(demo_screens, test_presenter_vi, "presenter (vi): jump, arrows, play, tours")
{
    presenter("vi");
}

TEST(demo_screens, test_presenter_en, "presenter (en)")
{
    presenter("en");
}

TEST(demo_screens, test_presenter_practice_and_notice, "presenter: practice, notice")
{
    presenter_env *p = xcalloc(1, sizeof *p);
    CU_ASSERT_FATAL(presenter_open(p, "en"));
    str_copy(p->ds.notice, sizeof p->ds.notice, "t.tour:3: the screen never showed \"X\"");
    p->e.a.dirty = true;
    app_render(&p->e.a);
    CU_ASSERT_TRUE(snap_has("t.tour:3: the screen never showed"));
    snap_key(&p->e, TK_RIGHT);                 /* the first key only puts it away */
    CU_ASSERT_EQUAL(p->ds.slide, SLIDE_SERVICE);
    CU_ASSERT_TRUE(snap_lacks("t.tour:3"));
    snap_type(&p->e, "p");
    CU_ASSERT_TRUE(p->e.a.quit);
    CU_ASSERT_EQUAL(p->ds.next, DEMO_PRACTICE);
    snap_close(&p->e);
    free(p);
}

SUITE(demo_screens, NULL, NULL);
