/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Screen snapshots and kiosk behaviour, headless: every screen in both
 * languages at 80x24 and 120x40, the enlarge screen, resize in the middle
 * of a form, the idle wipe, lockdown keys, invalid input at every field,
 * clicks, dialogs (the data path is in test_citizen_flow.c). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "testhook.h"
#include "receipt.h"
#include "citizen_steps.h"
#include "paging_check.h"
#include "store_clerk.h"
#include "unit.h"

/* The whole flow with "both" (every step), one snapshot per screen. */
static void walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
#define SNAP(screen) CU_ASSERT(snap_check_screen("", lang, rows, cols, screen))
    SNAP("welcome");
    snap_act(&e, ACT_CHOOSE, 3);
    snap_type(&e, "khai sinh");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    SNAP("procedures");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    SNAP("procedure");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "documents");
    SNAP("documents");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "consent");
    SNAP("consent");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    fill_applicant(&e);
    SNAP("applicant");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    fill_address(&e);
    SNAP("address");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    SNAP("review");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    SNAP("done");
    snap_key(&e, TK_ENTER);              /* a double press on Confirm: still here */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    snap_wait(&e, 2000);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_act(&e, ACT_CHOOSE, 4);
    snap_type(&e, "LS01-000001");
    snap_key(&e, TK_ENTER);
    SNAP("track-second-factor");
    snap_type(&e, "1234");               /* last 4 digits of the ID number */
    snap_key(&e, TK_ENTER);
    SNAP("track");
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_F1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "help");
    SNAP("help");
    snap_key(&e, TK_ESC);
    to_procedure(&e, 1, "ket hon");
    SNAP("procedure-ineligible");
    snap_close(&e);
#undef SNAP
}

TEST(screens, walk_vi_80, "every screen, vi, 80x24") { walk("vi", 24, 80); }
TEST(screens, walk_en_80, "every screen, en, 80x24") { walk("en", 24, 80); }
TEST(screens, walk_vi_120, "every screen, vi, 120x40") { walk("vi", 40, 120); }
TEST(screens, walk_en_120, "every screen, en, 120x40") { walk("en", 40, 120); }

/* The citizen's pages scroll as the clerk's do (wpage_scroll): the help
 * and the consent text at 80x24, PgDn to the end and PgUp back, one line
 * seen again, the last page full and final. */
static void citizen_paging(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
    snap_key(&e, TK_F1);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "help");
    check_paging(&e, 4, 23);                 /* under its title, above the hints */
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 3);
    snap_type(&e, "khai sinh");
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "consent");
    if (strcmp(lang, "en") == 0)             /* the Vietnamese text fits at 80x24 */
        check_paging(&e, 4, 14);             /* the text above the choices */
    snap_close(&e);
}

TEST(screens, paging_en, "citizen pages: PgDn/PgUp by the page, to the last page (en 80x24)") { citizen_paging("en"); }
TEST(screens, paging_vi, "citizen pages: PgDn/PgUp by the page, to the last page (vi 80x24)") { citizen_paging("vi"); }

TEST(screens, enlarge_sizes, "enlarge screen at 10x5 and 79x23")
{
    const char *langs[] = {"vi", "en"};
    for (int l = 0; l < 2; l++) {
        snap_env e;
        CU_ASSERT_FATAL(snap_open(&e, 24, 80, langs[l]));
        snap_resize(&e, 5, 10);
        CU_ASSERT(snap_check_screen("", langs[l], 5, 10, "enlarge"));
        snap_resize(&e, 23, 79);
        CU_ASSERT(snap_check_screen("", langs[l], 23, 79, "enlarge"));
        /* keys do nothing blind while too small */
        snap_act(&e, ACT_CHOOSE, 1);
        CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
        snap_resize(&e, 24, 80);
        CU_ASSERT(snap_has("1  "));
        snap_close(&e);
    }
}

TEST(screens, resize_keeps_data, "resize in the middle of a form keeps the data")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    to_applicant(&e);
    snap_type(&e, "Nguyeenx Thij Huwowng");
    snap_resize(&e, 5, 10);
    CU_ASSERT_TRUE(app_too_small(&e.a));
    CU_ASSERT(snap_lacks("Hương"));
    snap_type(&e, "xyz");                     /* ignored while too small */
    snap_resize(&e, 40, 120);
    CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "Nguyễn Thị Hương");
    CU_ASSERT(snap_has("Nguyễn Thị Hương"));
    snap_resize(&e, 24, 80);
    CU_ASSERT(snap_has("Nguyễn Thị Hương"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    snap_close(&e);
}

TEST(screens, idle_wipes_memory, "idle countdown, extend, then wipe in memory")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    snap_key(&e, TK_F2);                     /* the citizen switches to English */
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "en");
    to_applicant(&e);
    fill_applicant(&e);
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    snap_wait(&e, 60000);
    CU_ASSERT_EQUAL(app_countdown(&e.a), -1);
    snap_wait(&e, 11000);                    /* 71 s: the countdown shows */
    CU_ASSERT(app_countdown(&e.a) > 0);
    CU_ASSERT(snap_has("erased in 19 seconds"));
    CU_ASSERT(snap_lacks("020090001234"));   /* the form is hidden meanwhile */
    snap_type(&e, "x");                      /* any key extends, and is used up */
    CU_ASSERT_EQUAL(app_countdown(&e.a), -1);
    CU_ASSERT_STRING_EQUAL(e.cz.email.buf, "");
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    snap_wait(&e, 89000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    snap_wait(&e, 2000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT_EQUAL(e.a.depth, 1);
    CU_ASSERT(all_zero(e.cz.name.buf, sizeof e.cz.name.buf));
    CU_ASSERT(all_zero(e.cz.id.buf, sizeof e.cz.id.buf));
    CU_ASSERT(all_zero(e.cz.phone.buf, sizeof e.cz.phone.buf));
    CU_ASSERT(all_zero(e.cz.search.buf, sizeof e.cz.search.buf));
    CU_ASSERT(all_zero(e.cz.name.ime.raw, sizeof e.cz.name.ime.raw));
    CU_ASSERT_FALSE(e.cz.have_proc);
    CU_ASSERT_EQUAL(e.cz.form, 0);
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");   /* the next citizen starts in Vietnamese */
    CU_ASSERT(snap_lacks("Nguyễn"));
    CU_ASSERT(snap_lacks("020090001234"));
    snap_close(&e);
}

TEST(screens, lockdown_keys, "lockdown keys and staff PIN")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "khai");
    char *before = snap_text();
    /* Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-S, Ctrl-Q, Ctrl-D */
    unsigned ctrl[] = {3, 26, 28, 19, 17, 4};
    for (size_t i = 0; i < sizeof ctrl / sizeof ctrl[0]; i++)
        snap_ctrl(&e, ctrl[i]);
    char *after = snap_text();
    CU_ASSERT_STRING_EQUAL(before, after);
    CU_ASSERT_FALSE(e.a.quit);
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "khai");
    free(before);
    free(after);
    /* F10 asks for the staff PIN; a wrong one is refused */
    snap_key(&e, TK_F10);
    CU_ASSERT(snap_has("PIN"));
    snap_type(&e, "1111");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FALSE(e.a.quit);
    CU_ASSERT(snap_has("Wrong PIN"));
    snap_key(&e, TK_ESC);
    CU_ASSERT_FALSE(e.a.pin_open);
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "khai");   /* the PIN never reached the form */
    /* the right PIN within the second after a wrong one: refused unchecked */
    snap_key(&e, TK_F10);
    CU_ASSERT(snap_has("Try again in 1 second"));
    snap_type(&e, SNAP_STAFF_PIN);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FALSE(e.a.quit);
    e.a.fixed_time += 1;
    snap_type(&e, SNAP_STAFF_PIN);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(e.a.quit);
    CU_ASSERT_EQUAL(e.a.exit_code, 0);
    snap_close(&e);
}

TEST(screens, call_staff_and_language, "call staff and language switch")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_key(&e, TK_F4);
    CU_ASSERT(snap_has("Staff has been called"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FALSE(e.a.staff_notice);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");   /* the key closed the notice only */
    snap_key(&e, TK_F2);
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");
    CU_ASSERT(snap_has("English"));
    snap_key(&e, TK_F2);
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "en");
    CU_ASSERT_EQUAL(e.a.ime, IME_OFF);             /* English: typing off */
    snap_key(&e, TK_F3);
    CU_ASSERT_EQUAL(e.a.ime, vnime_next_method(IME_OFF));
    /* high contrast: the focused choice keeps its own role in both themes */
    term_role before = term_role_at(e.a.fr.regions[0].y, e.a.fr.regions[0].x + 1);
    snap_key(&e, TK_F5);
    CU_ASSERT_EQUAL(e.a.theme, THEME_CONTRAST);
    CU_ASSERT_EQUAL(term_get_theme(), THEME_CONTRAST);
    CU_ASSERT_EQUAL(term_role_at(e.a.fr.regions[0].y, e.a.fr.regions[0].x + 1), before);
    snap_key(&e, TK_F5);
    CU_ASSERT_EQUAL(e.a.theme, THEME_NORMAL);
    /* the hint bar is touchable too: F4 by a click on its hint */
    const click_region *call = NULL;
    for (int i = 0; i < e.a.fr.nregions; i++)
        if (e.a.fr.regions[i].act == ACT_CALL_STAFF)
            call = &e.a.fr.regions[i];
    CU_ASSERT_PTR_NOT_NULL_FATAL(call);
    CU_ASSERT_EQUAL(call->y, 23);
    snap_click(&e, call->y, call->x + 1);
    CU_ASSERT_TRUE(e.a.staff_notice);
    snap_close(&e);
}

/* A click where a button was drawn acts like its key. */
TEST(screens, clicks, "clicks act like keys")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    const click_region *r = NULL;
    for (int i = 0; i < e.a.fr.nregions; i++)
        if (e.a.fr.regions[i].act == ACT_CHOOSE && e.a.fr.regions[i].value == 4)
            r = &e.a.fr.regions[i];
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    snap_click(&e, r->y, r->x + 2);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    snap_click(&e, 0, 0);                  /* the header: nothing */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    snap_close(&e);
}

TEST(screens, invalid_input_never_advances, "invalid input at every field never advances")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_procedure(&e, 3, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    /* name */
    CU_ASSERT(typed_error(&e, "Nguyen 123", "applicant"));
    CU_ASSERT_EQUAL(focus_of(&e), 0);
    CU_ASSERT(snap_has("\xe2\x9c\x97"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_EQUAL(focus_of(&e), 0);
    clear_field(&e);
    snap_key(&e, TK_ENTER);                 /* empty */
    CU_ASSERT_EQUAL(focus_of(&e), 0);
    snap_type(&e, "Nguyeenx An");
    snap_key(&e, TK_ENTER);
    /* ID: too short, letters, unknown province */
    const char *bad_ids[] = {"12345", "0200900012AB", "999090001234"};
    for (int i = 0; i < 3; i++) {
        CU_ASSERT(typed_error(&e, bad_ids[i], "applicant"));
        CU_ASSERT_EQUAL(focus_of(&e), 1);
        CU_ASSERT(snap_has("\xe2\x9c\x97"));
        clear_field(&e);
    }
    snap_type(&e, "020090001234");
    snap_key(&e, TK_ENTER);
    const char *bad_phones[] = {"0123", "0112345678", "091234567"};
    for (int i = 0; i < 3; i++) {
        CU_ASSERT(typed_error(&e, bad_phones[i], "applicant"));
        CU_ASSERT_EQUAL(focus_of(&e), 2);
        clear_field(&e);
    }
    /* a complete, valid phone goes on by itself (issue 15): an 11th digit
     * lands in the e-mail field, which refuses it */
    CU_ASSERT(typed_error(&e, "09123456789", "applicant"));
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    CU_ASSERT_STRING_EQUAL(e.cz.phone.buf, "0912345678");
    CU_ASSERT(snap_has("\xe2\x9c\x97"));
    clear_field(&e);
    CU_ASSERT_EQUAL(focus_of(&e), 3);        /* a held Backspace stays in its field */
    snap_key(&e, TK_UP);
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    clear_field(&e);
    snap_type(&e, "+84912345678");
    snap_key(&e, TK_ENTER);
    CU_ASSERT(typed_error(&e, "an@", "applicant"));
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    clear_field(&e);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    /* address: no unit chosen, then an empty street, a control character */
    snap_type(&e, "zzzz");
    CU_ASSERT(snap_has("\xe2\x9c\x97"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FALSE(e.cz.have_unit);
    clear_field(&e);
    snap_type(&e, "ky");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(e.cz.have_unit);
    CU_ASSERT_STRING_EQUAL(e.cz.unit.name, "Kỳ Lừa");
    snap_key(&e, TK_ENTER);                 /* empty street */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    snap_type(&e, "So 5");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 2);            /* someone else */
    CU_ASSERT(typed_error(&e, "B@@", "address"));
    clear_field(&e);
    snap_type(&e, "Traanf Binh");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), 0);   /* nothing stored yet */
    snap_close(&e);
}

TEST(screens, printer_notice_on_welcome, "printer notice on the welcome screen")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    CU_ASSERT(snap_lacks("printer"));
    printer_close(e.pr);
    e.pr = NULL;
    e.a.pr = NULL;
    app_wipe(&e.a);                         /* the welcome screen checks again */
    app_render(&e.a);
    CU_ASSERT(snap_has("staff will print your receipt"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_close(&e);
}

/* Without colours every role still shows: fields get brackets, the
 * selected row a marker, and nothing depends on colour alone. */
TEST(screens, monochrome_fallback, "monochrome terminal: structure without colour")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    term_end();
    CU_ASSERT_FATAL(term_init_headless_as(24, 80, "vt100"));
    CU_ASSERT_FALSE(term_has_colors());
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "khai");
    CU_ASSERT(snap_has("[khai"));
    CU_ASSERT(snap_has("\xe2\x96\xb8"));      /* ▸ on the selected row */
    snap_close(&e);
}

/* Test hooks: POSTKIOSK_IDLE and POSTKIOSK_CLOCK; bad values are ignored. */
TEST(screens, env_hooks, "test hooks POSTKIOSK_IDLE and POSTKIOSK_CLOCK")
{
    config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.idle_timeout = 90;
    cfg.idle_warning = 20;
    app *a = calloc(1, sizeof *a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    setenv("POSTKIOSK_IDLE", "8", 1);
    setenv("POSTKIOSK_CLOCK", "2026-01-02T03:04", 1);
    /* without the explicit test setting the hooks are ignored (issue 17) */
    unsetenv("POSTKIOSK_TEST");
    app_init(a, &cfg, NULL, NULL);
    CU_ASSERT_EQUAL(a->idle_timeout, 90);
    CU_ASSERT_EQUAL(a->clock_offset, 0);
    setenv("POSTKIOSK_TEST", "yes", 1);        /* only "1" counts */
    app_init(a, &cfg, NULL, NULL);
    CU_ASSERT_EQUAL(a->idle_timeout, 90);
    CU_ASSERT_FALSE(test_mode_active());
    setenv("POSTKIOSK_TEST", "1", 1);
    app_init(a, &cfg, NULL, NULL);
    CU_ASSERT(test_mode_active());
    CU_ASSERT_EQUAL(a->idle_timeout, 8);
    CU_ASSERT_EQUAL(a->idle_warning, 4);      /* never a countdown that never ends */
    struct tm tm = {0};
    tm.tm_year = 126;
    tm.tm_mon = 0;
    tm.tm_mday = 2;
    tm.tm_hour = 3;
    tm.tm_min = 4;
    tm.tm_isdst = -1;
    int64_t want = (int64_t)mktime(&tm);
    CU_ASSERT(app_now(a) >= want && app_now(a) < want + 60);
    setenv("POSTKIOSK_IDLE", "soon", 1);
    setenv("POSTKIOSK_CLOCK", "2026-13-45T99:00", 1);
    app_init(a, &cfg, NULL, NULL);
    CU_ASSERT_EQUAL(a->idle_timeout, 90);
    CU_ASSERT_EQUAL(a->idle_warning, 20);
    CU_ASSERT_EQUAL(a->clock_offset, 0);
    unsetenv("POSTKIOSK_IDLE");
    unsetenv("POSTKIOSK_CLOCK");
    unsetenv("POSTKIOSK_TEST");
    free(a);
}

/* The hook the demo's attract loop uses: pushed when idle at home, no
 * countdown over it, any key back to the welcome screen. */
static void attract_draw(const void *state, const app *a, frame *f)
{
    (void)state;
    (void)a;
    term_put(f->top + 1, 1, 20, "ATTRACT", ROLE_TITLE);
}

static screen_result attract_handle(void *state, app *a, const event *ev)
{
    (void)state;
    (void)a;
    return ev->act == ACT_TICK ? SR_(SR_NONE) : SR_(SR_POP);
}

static const screen_ops attract = {
    .name = "attract", .state_size = 1, .draw = attract_draw, .handle = attract_handle};

TEST(screens, idle_screen_hook, "idle screen hook (attract loop)")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    e.a.idle_screen = &attract;
    snap_wait(&e, 91000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "attract");
    CU_ASSERT(snap_has("ATTRACT"));
    snap_wait(&e, 200000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "attract");
    CU_ASSERT_EQUAL(app_countdown(&e.a), -1);
    snap_type(&e, "x");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_close(&e);
}

/* The header clock follows the time even when nobody touches a key. */
TEST(screens, clock_moves, "the header clock moves on by itself")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    CU_ASSERT(snap_has("09:00"));
    int renders = e.a.renders;
    snap_wait(&e, 1000);
    CU_ASSERT_EQUAL(e.a.renders, renders);     /* nothing changed: no redraw */
    e.a.fixed_time += 60;
    snap_wait(&e, 1000);
    CU_ASSERT(e.a.renders > renders);
    CU_ASSERT(snap_has("09:01"));
    snap_close(&e);
}

/* The shared dialogs and the failure screens, as golden files too. */
static void dialogs(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
#define SNAP(what) CU_ASSERT(snap_check_screen("", lang, 24, 80, what))
    snap_key(&e, TK_F4);
    SNAP("call-staff");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_F10);
    snap_type(&e, "99");
    snap_key(&e, TK_ENTER);
    SNAP("staff-pin-wrong");
    snap_key(&e, TK_ESC);
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_wait(&e, 72000);
    SNAP("countdown");
    snap_key(&e, TK_ENTER);              /* extends, used up */
    snap_act(&e, ACT_CHOOSE, 2);
    SNAP("consent-declined");
    snap_key(&e, TK_ENTER);
    /* printer unplugged: the dossier is saved, the receipt waits */
    printer_close(e.pr);
    e.pr = NULL;
    e.a.pr = NULL;
    to_applicant(&e);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    SNAP("done-not-printed");
    snap_wait(&e, 2000);
    snap_key(&e, TK_ENTER);
    SNAP("welcome-printer-offline");
    snap_act(&e, ACT_CHOOSE, 4);
    snap_type(&e, "LS01-999999");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "1234");
    snap_key(&e, TK_ENTER);
    SNAP("track-unknown");
    snap_close(&e);
#undef SNAP
}

TEST(screens, dialogs_vi, "dialogs and failure screens, vi") { dialogs("vi"); }
TEST(screens, dialogs_en, "dialogs and failure screens, en") { dialogs("en"); }

SUITE(screens, NULL, NULL);
