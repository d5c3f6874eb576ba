/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tour files: the parser on good and bad input, the player's timing,
 * pause, step and stop with an injected clock. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tour.h"
#include "i18n.h"
#include "unit.h"

static bool parse(const char *src, tour *t, sbuf *errs)
{
    return tour_parse("t.tour", src, strlen(src), t, errs);
}

TEST(tour, test_parse_good, "parse a good tour")
{
    const char *src =
        "# a tour\n"
        "title vi Gửi hồ sơ\n"
        "title en Send a dossier\n"
        "\n"
        "lang vi\r\n"
        "ime telex\n"
        "caption vi Chào bà con\n"
        "  # comments between languages keep one caption\n"
        "caption en Welcome\n"
        "caption vi Bước tiếp\n"
        "keys 1<Enter>a<lt>b<Space><F12>\n"
        "pause 1.5\n"
        "pause 0\n"
        "wait-for vi Bước 2/6\nwait-for en Step 2/6\n"
        "clear   \n";
    tour t;
    sbuf e = {0};
    CU_ASSERT_TRUE(parse(src, &t, &e));
    CU_ASSERT_PTR_NULL(e.data);
    CU_ASSERT_STRING_EQUAL(tour_title(&t, "en"), "Send a dossier");
    CU_ASSERT_STRING_EQUAL(tour_title(&t, "vi"), "Gửi hồ sơ");
    CU_ASSERT_STRING_EQUAL(tour_title(&t, "tay"), "Gửi hồ sơ");   /* falls back to vi */
    /* lang, ime, caption(vi+en), caption(vi), 7 keys, 2 pauses, wait, clear */
    CU_ASSERT_EQUAL_FATAL(t.n, 15);
    CU_ASSERT_EQUAL(t.steps[0].kind, TS_LANG);
    CU_ASSERT_STRING_EQUAL(t.steps[0].lang, "vi");
    CU_ASSERT_EQUAL(t.steps[1].kind, TS_IME);
    CU_ASSERT_STRING_EQUAL(t.steps[1].text, "telex");
    CU_ASSERT_EQUAL(t.steps[2].kind, TS_CAPTION);
    CU_ASSERT_EQUAL(t.steps[2].ntexts, 2);
    CU_ASSERT_STRING_EQUAL(tour_text_for(t.steps[2].texts, 2, "en"), "Welcome");
    CU_ASSERT_STRING_EQUAL(tour_text_for(t.steps[2].texts, 2, "vi"), "Chào bà con");
    CU_ASSERT_EQUAL(t.steps[3].kind, TS_CAPTION);
    CU_ASSERT_EQUAL(t.steps[3].ntexts, 1);
    CU_ASSERT_STRING_EQUAL(tour_text_for(t.steps[3].texts, 1, "en"), "Bước tiếp");
    CU_ASSERT_EQUAL(t.steps[4].kind, TS_KEY);
    CU_ASSERT_EQUAL(t.steps[4].cp, '1');
    CU_ASSERT_EQUAL(t.steps[5].key, TOUR_K_ENTER);
    CU_ASSERT_EQUAL(t.steps[6].cp, 'a');
    CU_ASSERT_EQUAL(t.steps[7].cp, '<');
    CU_ASSERT_EQUAL(t.steps[7].key, TOUR_K_NONE);
    CU_ASSERT_EQUAL(t.steps[8].cp, 'b');
    CU_ASSERT_EQUAL(t.steps[9].cp, ' ');
    CU_ASSERT_EQUAL(t.steps[10].key, TOUR_K_F12);
    CU_ASSERT_EQUAL(t.steps[11].kind, TS_PAUSE);
    CU_ASSERT_EQUAL(t.steps[11].ms, 1500);
    CU_ASSERT_EQUAL(t.steps[11].line, 12);
    CU_ASSERT_EQUAL(t.steps[12].ms, 0);
    CU_ASSERT_EQUAL(t.steps[13].kind, TS_WAIT);
    CU_ASSERT_STRING_EQUAL(tour_wait_text(&t.steps[13], "vi"), "Bước 2/6");
    CU_ASSERT_STRING_EQUAL(tour_wait_text(&t.steps[13], "en"), "Step 2/6");
    CU_ASSERT_PTR_NULL(tour_wait_text(&t.steps[13], "tay"));   /* nothing to check */
    CU_ASSERT_EQUAL(t.steps[14].kind, TS_CLEAR);
    tour_free(&t);
}

TEST(tour, test_parse_nfc_and_utf8_keys, "NFC and multi-byte keys")
{
    /* "Việt" decomposed (e + combining circumflex + combining dot below) */
    const char *src = "keys Vie\xcc\x82\xcc\xa3t\ncaption vi Vie\xcc\x82\xcc\xa3t\n";
    tour t;
    sbuf e = {0};
    CU_ASSERT_TRUE_FATAL(parse(src, &t, &e));
    CU_ASSERT_EQUAL_FATAL(t.n, 5);            /* V i ệ t + caption */
    CU_ASSERT_EQUAL(t.steps[2].cp, 0x1EC7);   /* ệ, one key */
    CU_ASSERT_STRING_EQUAL(t.steps[4].texts[0].text, "Vi\xe1\xbb\x87t");
    tour_free(&t);
}

/* Every bad line is reported as "t.tour:LINE: reason". */
TEST(tour, test_parse_bad_lines, "every bad line is file:line: reason")
{
    char longline[TOUR_LINE_MAX + 20];
    memset(longline, 'x', sizeof longline);
    memcpy(longline, "caption vi ", 11);
    longline[sizeof longline - 1] = '\0';
    char *src = xasprintf(
        "jump 3\n"                 /* 1 unknown directive */
        "keys <Entr>\n"            /* 2 bad key name */
        "keys a<Enter\n"           /* 3 unclosed */
        "caption\n"                /* 4 missing argument */
        "caption vi\n"             /* 5 missing text */
        "caption VI Hi\n"          /* 6 bad language */
        "pause\n"                  /* 7 missing */
        "pause soon\n"             /* 8 not a number */
        "pause 601\n"              /* 9 too long */
        "caption vi \xc3\x28\n"    /* 10 invalid UTF-8 */
        "%s\n"                     /* 11 overlong */
        "keys a\x01\n"             /* 12 control character */
        "wait-for *\n"             /* 13 missing */
        "lang english\n"           /* 14 bad language */
        "ime qwerty\n"             /* 15 bad method */
        "clear now\n"              /* 16 extra argument */
        "keys\n"                   /* 17 no keys */
        "title vi A\ntitle vi B\n" /* 19 duplicate language */
        "keys 1\n",                /* 20 fine */
        longline);
    tour t;
    sbuf e = {0};
    CU_ASSERT_FALSE(parse(src, &t, &e));
    CU_ASSERT_PTR_NOT_NULL_FATAL(e.data);
    const char *want[] = {
        "t.tour:1: unknown directive \"jump\"\n",
        "t.tour:2: unknown key name <Entr>\n",
        "t.tour:3: '<' without '>'",
        "t.tour:4: caption needs a language and a text\n",
        "t.tour:5: caption needs a text after the language\n",
        "t.tour:6: bad language code \"VI\"",
        "t.tour:7: pause needs a number of seconds\n",
        "t.tour:8: pause needs a number of seconds such as 2 or 1.5, not \"soon\"\n",
        "t.tour:9: pause is at most 600 seconds\n",
        "t.tour:10: invalid UTF-8\n",
        "t.tour:11: line too long",
        "t.tour:12: control character",
        "t.tour:13: wait-for needs a text after the language\n",
        "t.tour:14: bad language code",
        "t.tour:15: ime needs telex, vni or off\n",
        "t.tour:16: clear takes no argument\n",
        "t.tour:17: keys needs at least one key\n",
        "t.tour:19: a second text in language \"vi\"\n",
    };
    for (size_t i = 0; i < PK_ARRAY_LEN(want); i++) {
        if (!strstr(e.data, want[i]))
            fprintf(stderr, "\nmissing: %s\nin:\n%s", want[i], e.data);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.data, want[i]));
    }
    CU_ASSERT_PTR_NULL(strstr(e.data, "t.tour:20:"));
    /* one message per bad line */
    int lines = 0;
    for (const char *p = e.data; *p; p++)
        lines += *p == '\n';
    CU_ASSERT_EQUAL(lines, (int)PK_ARRAY_LEN(want));
    /* failed lines leave no half steps: only "keys 1" remains */
    CU_ASSERT_EQUAL(t.n, 1);
    tour_free(&t);
    sbuf_free(&e);
    free(src);
}

TEST(tour, test_parse_empty_and_missing, "empty, missing, too many errors")
{
    tour t;
    sbuf e = {0};
    CU_ASSERT_FALSE(parse("# only a comment\n\n", &t, &e));
    CU_ASSERT_STRING_EQUAL(e.data, "t.tour: the tour has no steps\n");
    tour_free(&t);
    sbuf_free(&e);
    CU_ASSERT_FALSE(tour_load("/nonexistent/x.tour", &t, &e));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.data, "/nonexistent/x.tour: "));
    tour_free(&t);
    sbuf_free(&e);
    /* too many errors stop after TOUR_ERRORS_MAX lines and say so */
    sbuf src = {0};
    for (int i = 0; i < 80; i++)
        sbuf_add(&src, "nope\n");
    CU_ASSERT_FALSE(parse(src.data, &t, &e));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.data, "t.tour:51: too many errors"));
    CU_ASSERT_PTR_NULL(strstr(e.data, "t.tour:52:"));
    tour_free(&t);
    sbuf_free(&e);
    sbuf_free(&src);
}

TEST(tour, test_load_file, "load a file")
{
    char path[] = "/tmp/pk-tour-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    const char *src = "\xef\xbb\xbfkeys <Down>\nbogus\n";
    CU_ASSERT_EQUAL(write(fd, src, strlen(src)), (ssize_t)strlen(src));
    close(fd);
    tour t;
    sbuf e = {0};
    CU_ASSERT_FALSE(tour_load(path, &t, &e));
    char *want = xasprintf("%s:2: unknown directive \"bogus\"\n", path);
    CU_ASSERT_STRING_EQUAL(e.data, want);
    CU_ASSERT_EQUAL(t.n, 1);       /* the byte-order mark did not spoil line 1 */
    free(want);
    tour_free(&t);
    sbuf_free(&e);
    unlink(path);
}

/* ---- player ---------------------------------------------------------------- */

static const char player_src[] = "caption vi Xin chào\n"
                                 "keys 1<Enter>\n"
                                 "pause 2\n"
                                 "wait-for * Bước 2\n"
                                 "clear\n";

TEST(tour, test_player_normal_timing, "player at human speed")
{
    tour t;
    CU_ASSERT_TRUE_FATAL(parse(player_src, &t, NULL));
    tour_player p;
    int64_t now = 1000;
    tour_player_init(&p, &t, TOUR_NORMAL, now);
    tour_out o = tour_player_next(&p, now);
    CU_ASSERT_EQUAL_FATAL(o.kind, TOUT_STEP);
    CU_ASSERT_EQUAL(o.step->kind, TS_CAPTION);
    int hold = tour_hold_ms(o.step, TOUR_NORMAL);
    CU_ASSERT(hold >= 3000);
    /* nothing until the caption has been read */
    o = tour_player_next(&p, now + hold - 1);
    CU_ASSERT_EQUAL(o.kind, TOUT_NONE);
    CU_ASSERT_EQUAL(o.wait_ms, 1);
    now += hold;
    o = tour_player_next(&p, now);
    CU_ASSERT_EQUAL(o.kind, TOUT_STEP);
    CU_ASSERT_EQUAL(o.step->cp, '1');
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_NONE);  /* human typing speed */
    now += tour_hold_ms(&t.steps[1], TOUR_NORMAL);
    o = tour_player_next(&p, now);
    CU_ASSERT_EQUAL(o.step->key, TOUR_K_ENTER);
    now += 700;
    o = tour_player_next(&p, now);     /* the pause starts */
    CU_ASSERT_EQUAL(o.kind, TOUT_NONE);
    CU_ASSERT_EQUAL(o.wait_ms, 2000);
    CU_ASSERT_EQUAL(tour_player_next(&p, now + 1999).kind, TOUT_NONE);
    now += 2000;
    o = tour_player_next(&p, now);
    CU_ASSERT_EQUAL_FATAL(o.kind, TOUT_WAIT);
    CU_ASSERT_STRING_EQUAL(tour_wait_text(o.step, "en"), "Bước 2");
    tour_player_answer(&p, false, "Bước 2", now);
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_NONE);   /* looks again later */
    now += TOUR_RETRY_MS;
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_WAIT);
    tour_player_answer(&p, true, "", now);
    o = tour_player_next(&p, now);
    CU_ASSERT_EQUAL(o.step->kind, TS_CLEAR);
    CU_ASSERT_EQUAL(tour_player_percent(&p), 100 * 6 / 6);
    now += 300;
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_DONE);
    CU_ASSERT_FALSE(p.failed);
    CU_ASSERT_FALSE(p.stopped);
    CU_ASSERT_EQUAL(tour_player_percent(&p), 100);
    tour_free(&t);
}

TEST(tour, test_player_max_speed, "player at max speed")
{
    tour t;
    CU_ASSERT_TRUE_FATAL(parse(player_src, &t, NULL));
    tour_player p;
    tour_player_init(&p, &t, TOUR_MAX, 0);
    int steps = 0, waits = 0;
    tour_out o;
    /* the clock never moves: max speed never waits */
    while ((o = tour_player_next(&p, 0)).kind != TOUT_DONE) {
        CU_ASSERT_NOT_EQUAL_FATAL(o.kind == TOUT_NONE && o.wait_ms != 0, true);
        if (o.kind == TOUT_WAIT) {
            waits++;
            tour_player_answer(&p, true, "", 0);
        } else if (o.kind == TOUT_STEP) {
            steps++;
        }
        CU_ASSERT_FATAL(steps + waits < 100);
    }
    CU_ASSERT_EQUAL(steps, 4);
    CU_ASSERT_EQUAL(waits, 1);
    tour_free(&t);
}

TEST(tour, test_player_pause_step_stop, "pause, step, stop")
{
    tour t;
    CU_ASSERT_TRUE_FATAL(parse(player_src, &t, NULL));
    tour_player p;
    int64_t now = 0;
    tour_player_init(&p, &t, TOUR_NORMAL, now);
    tour_out o = tour_player_next(&p, now);    /* caption, held ~3 s */
    int hold = tour_hold_ms(o.step, TOUR_NORMAL);
    now += 1000;
    tour_player_pause(&p, now);                /* Space */
    CU_ASSERT_TRUE(p.paused);
    now += 60000;                              /* a long explanation */
    o = tour_player_next(&p, now);
    CU_ASSERT_EQUAL(o.kind, TOUT_NONE);
    CU_ASSERT_EQUAL(o.wait_ms, -1);            /* nothing until the presenter acts */
    tour_player_step(&p, now);                 /* Right: one step while paused */
    o = tour_player_next(&p, now);
    CU_ASSERT_EQUAL_FATAL(o.kind, TOUT_STEP);
    CU_ASSERT_EQUAL(o.step->cp, '1');
    CU_ASSERT_EQUAL(tour_player_next(&p, now + 5000).kind, TOUT_NONE);   /* still paused */
    tour_player_pause(&p, now);                /* Space again: resume */
    CU_ASSERT_FALSE(p.paused);
    o = tour_player_next(&p, now);             /* a step clears the rest of the hold */
    CU_ASSERT_EQUAL(o.step->key, TOUR_K_ENTER);
    /* pausing keeps what was left of a hold */
    now += 200;
    tour_player_pause(&p, now);                /* 500 ms left of the Enter's 700 */
    now += 10000;
    tour_player_pause(&p, now);
    CU_ASSERT_EQUAL(tour_player_next(&p, now + 499).kind, TOUT_NONE);
    o = tour_player_next(&p, now + 500);       /* the pause step */
    CU_ASSERT_EQUAL(o.kind, TOUT_NONE);
    CU_ASSERT_EQUAL(o.wait_ms, 2000);
    /* Right skips the rest of a pause */
    tour_player_step(&p, now + 600);
    CU_ASSERT_EQUAL(tour_player_next(&p, now + 600).kind, TOUT_WAIT);
    (void)hold;
    tour_player_stop(&p);                      /* Esc */
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_DONE);
    CU_ASSERT_TRUE(p.stopped);
    CU_ASSERT_FALSE(p.failed);
    CU_ASSERT(tour_player_percent(&p) < 100);
    /* controls after the end change nothing */
    tour_player_pause(&p, now);
    tour_player_step(&p, now);
    CU_ASSERT_FALSE(p.paused);
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_DONE);
    tour_free(&t);
}

TEST(tour, test_player_wait_fails, "wait-for gives up")
{
    tour t;
    CU_ASSERT_TRUE_FATAL(parse("keys 1\n\nwait-for en Nowhere\nkeys 2\n", &t, NULL));
    tour_player p;
    int64_t now = 0;
    tour_player_init(&p, &t, TOUR_MAX, now);
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_STEP);
    tour_out o;
    int looks = 0;
    while ((o = tour_player_next(&p, now)).kind != TOUT_DONE) {
        if (o.kind == TOUT_WAIT) {
            looks++;
            tour_player_answer(&p, false, "Nowhere", now);
        }
        now += 50;
        CU_ASSERT_FATAL(now < 60000);
    }
    CU_ASSERT_TRUE(p.failed);
    CU_ASSERT_EQUAL(looks, TOUR_WAIT_MS / TOUR_RETRY_MS + 1);
    CU_ASSERT_STRING_EQUAL(p.error, "t.tour:3: the screen never showed \"Nowhere\"");
    /* a paused presenter does not make the wait fail */
    tour_player_init(&p, &t, TOUR_NORMAL, 0);
    tour_player_next(&p, 0);
    now = 1000;
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_WAIT);
    tour_player_answer(&p, false, "Nowhere", now);
    tour_player_pause(&p, now);
    now += 3 * TOUR_WAIT_MS;
    tour_player_pause(&p, now);
    now += TOUR_RETRY_MS;
    CU_ASSERT_EQUAL(tour_player_next(&p, now).kind, TOUT_WAIT);
    tour_player_answer(&p, false, "Nowhere", now);
    CU_ASSERT_FALSE(p.failed);
    tour_free(&t);
}

TEST(tour, test_speed_and_keys, "speeds and key names")
{
    tour_speed s;
    CU_ASSERT_TRUE(tour_speed_parse("max", &s));
    CU_ASSERT_EQUAL(s, TOUR_MAX);
    CU_ASSERT_TRUE(tour_speed_parse("normal", &s));
    CU_ASSERT_EQUAL(s, TOUR_NORMAL);
    CU_ASSERT_FALSE(tour_speed_parse("fast", &s));
    CU_ASSERT_FALSE(tour_speed_parse(NULL, &s));
    CU_ASSERT_STRING_EQUAL(tour_key_name(TOUR_K_PGDN), "PgDn");
    CU_ASSERT_PTR_NULL(tour_key_name(TOUR_K_NONE));
    CU_ASSERT_PTR_NULL(tour_key_name(TOUR_K__COUNT));
}

/* Messages are checked as written in the code (English): other suites may
 * have left another language on. */
static int english(void)
{
    i18n_set_lang("en");
    return 0;
}

SUITE(tour, english, NULL);
