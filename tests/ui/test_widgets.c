/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Widgets without a terminal: text field editing (UTF-8, NFC, graphemes,
 * the input method, capacity, wiping), list movement, money. */
#include <CUnit/CUnit.h>
#include <string.h>
#include <utf8proc.h>

#include "unit.h"
#include "widgets.h"

static void type(tfield *t, const char *s, ime_method m)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n;
    while (*p && (n = utf8proc_iterate(p, -1, &cp)) > 0) {
        event ev = {.act = cp >= '1' && cp <= '9' ? ACT_CHOOSE : ACT_CHAR, .ch = (uint32_t)cp};
        tf_handle(t, &ev, m);
        p += n;
    }
}

static void key(tfield *t, action a)
{
    event ev = {.act = a};
    tf_handle(t, &ev, IME_TELEX);
}

TEST(widgets, telex_and_backspace, "text field: Telex and backspace")
{
    tfield t;
    tf_init(&t, TF_TEXT, 100);
    type(&t, "Nguyeenx Thij Huwowng", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "Nguyễn Thị Hương");
    CU_ASSERT_EQUAL(t.cur, t.len);
    CU_ASSERT_TRUE(t.touched);
    key(&t, ACT_BACKSPACE);
    CU_ASSERT_STRING_EQUAL(t.buf, "Nguyễn Thị Hươn");
    tf_wipe(&t);
}

TEST(widgets, tone_style_from_the_config, "tone style from the config: hoà or hòa")
{
    tfield t;
    tf_set_tone_style(true);
    tf_init(&t, TF_TEXT, 100);
    type(&t, "hoaf khoer thuyr", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "hoà khoẻ thuỷ");
    tf_set_tone_style(false);
    tf_init(&t, TF_TEXT, 100);
    type(&t, "hoaf khoer thuyr", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "hòa khỏe thủy");
    tf_wipe(&t);
}

TEST(widgets, edit_in_the_middle, "text field: editing in the middle, by grapheme")
{
    tfield t;
    tf_init(&t, TF_TEXT, 100);
    tf_set(&t, "Hương");
    key(&t, ACT_HOME);
    key(&t, ACT_RIGHT);
    type(&t, "x", IME_TELEX);          /* not at the end: typed as is */
    CU_ASSERT_STRING_EQUAL(t.buf, "Hxương");
    key(&t, ACT_RIGHT);                /* over "ư" (2 bytes) */
    CU_ASSERT_EQUAL(t.cur, 4);
    key(&t, ACT_DELETE);               /* removes "ơ" */
    CU_ASSERT_STRING_EQUAL(t.buf, "Hxưng");
    key(&t, ACT_BACKSPACE);            /* removes "ư" */
    CU_ASSERT_STRING_EQUAL(t.buf, "Hxng");
    CU_ASSERT_EQUAL(t.cur, 2);
    key(&t, ACT_LEFT);
    key(&t, ACT_LEFT);
    key(&t, ACT_LEFT);                 /* stops at 0 */
    CU_ASSERT_EQUAL(t.cur, 0);
    key(&t, ACT_BACKSPACE);            /* nothing before the cursor */
    CU_ASSERT_STRING_EQUAL(t.buf, "Hxng");
    key(&t, ACT_END);
    CU_ASSERT_EQUAL(t.cur, t.len);
}


static void keyn(tfield *t, action a, int n)
{
    while (n-- > 0)
        key(t, a);
}

/* Type anywhere: the word around the cursor is composed again. */
TEST(widgets, type_anywhere, "text field: type anywhere in a word")
{
    tfield t;
    tf_set_tone_style(false);
    tf_init(&t, TF_TEXT, 100);
    /* the forgotten circumflex added in the middle of the first word */
    type(&t, "Nguyenx Thij Huwowng", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "Nguyễn Thị Hương");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 5);                 /* after "Nguyễ" */
    type(&t, "s", IME_TELEX);                /* a new tone replaces the old one */
    CU_ASSERT_STRING_EQUAL(t.buf, "Nguyến Thị Hương");
    CU_ASSERT_EQUAL(t.cur, strlen("Nguyế"));
    /* "Nguyeenx" typed over a finished word is no longer raw keys */
    tf_set(&t, "Nguyên Thị Hương");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 6);                  /* end of "Nguyên", not of the text */
    type(&t, "x", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "Nguyễn Thị Hương");
    CU_ASSERT_EQUAL(t.cur, strlen("Nguyễn"));
    /* a letter typed inside a word moves the tone to its new place */
    tf_set(&t, "Hòa Bình");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 3);
    type(&t, "n", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "Hoàn Bình");
    CU_ASSERT_EQUAL(t.cur, strlen("Hoàn"));
    /* VNI digit in the middle of a word is its tone */
    tf_set(&t, "Tran Van");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 3);
    type(&t, "6", IME_VNI);
    CU_ASSERT_STRING_EQUAL(t.buf, "Trân Van");
    CU_ASSERT_EQUAL(t.cur, strlen("Trâ"));
    /* the cursor comes back to the end of the text: the last word composes */
    tf_set(&t, "Lê Văn Thang");
    type(&t, "ws", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "Lê Văn Thắng");
    /* not Vietnamese: typed as is */
    tf_set(&t, "email x");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 5);
    type(&t, "s", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "emails x");
    /* a word typed with typing off keeps its letters ("Mary" not "Mảy") */
    tf_set(&t, "Mary Lee");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 4);
    type(&t, "n", IME_TELEX);
    CU_ASSERT_STRING_EQUAL(t.buf, "Maryn Lee");
    tf_wipe(&t);
}

/* Backspace inside a word removes one letter with its marks and puts the
 * tone back where it belongs. */
TEST(widgets, backspace_in_a_word, "text field: backspace inside a word")
{
    tfield t;
    tf_set_tone_style(false);
    tf_init(&t, TF_TEXT, 100);
    tf_set(&t, "Hoàn Kiếm");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 4);
    key(&t, ACT_BACKSPACE);                   /* the n: the tone goes back on o */
    CU_ASSERT_STRING_EQUAL(t.buf, "Hòa Kiếm");
    CU_ASSERT_EQUAL(t.cur, strlen("Hòa"));
    keyn(&t, ACT_RIGHT, 4);                   /* after "Kiế" */
    key(&t, ACT_BACKSPACE);                   /* ế with its tone */
    CU_ASSERT_STRING_EQUAL(t.buf, "Hòa Kim");
    CU_ASSERT_EQUAL(t.cur, strlen("Hòa Ki"));
    tf_set(&t, "Nguyễn Văn");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 3);                   /* after "Ngu" */
    key(&t, ACT_BACKSPACE);                   /* u: "Ngyễn" is not Vietnamese, plain delete */
    CU_ASSERT_STRING_EQUAL(t.buf, "Ngyễn Văn");
    CU_ASSERT_EQUAL(t.cur, 2);
    tf_set(&t, "Đường 3");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 1);
    key(&t, ACT_BACKSPACE);                   /* đ with its bar */
    CU_ASSERT_STRING_EQUAL(t.buf, "ường 3");
    CU_ASSERT_EQUAL(t.cur, 0);
    /* typing off: plain */
    tf_set(&t, "Hoàn x");
    key(&t, ACT_HOME);
    keyn(&t, ACT_RIGHT, 4);
    event ev = {.act = ACT_BACKSPACE};
    tf_handle(&t, &ev, IME_OFF);
    CU_ASSERT_STRING_EQUAL(t.buf, "Hoà x");
    tf_wipe(&t);
}

TEST(widgets, decomposed_input_becomes_nfc, "text field: decomposed input becomes NFC")
{
    tfield t;
    tf_init(&t, TF_TEXT, 100);
    type(&t, "Le\xcc\x82\xcc\x80", IME_OFF);   /* e + combining circumflex + grave */
    CU_ASSERT_STRING_EQUAL(t.buf, "L\xe1\xbb\x81");   /* Lề, precomposed */
    CU_ASSERT_EQUAL(t.cur, t.len);
    tf_set(&t, "Nguye\xcc\x82\xcc\x83n");                /* NFD from outside */
    CU_ASSERT_STRING_EQUAL(t.buf, "Nguy\xe1\xbb\x85n");
    /* a letter typed just before a lone mark takes it: the cursor goes
     * after the composed letter, never inside it (found by fuzz_tfield) */
    tf_set(&t, "\xcc\x80");
    key(&t, ACT_HOME);
    type(&t, "y", IME_OFF);
    CU_ASSERT_STRING_EQUAL(t.buf, "\xe1\xbb\xb3");                 /* ỳ */
    CU_ASSERT_EQUAL(t.cur, t.len);
}

TEST(widgets, capacity_never_splits, "text field: capacity never splits a letter")
{
    tfield t;
    tf_init(&t, TF_TEXT, 6);
    type(&t, "\xc4\x91\xc4\x91\xc4\x91\xc4\x91", IME_OFF);   /* đđđđ: 8 bytes */
    CU_ASSERT_EQUAL(t.len, 6);
    CU_ASSERT_STRING_EQUAL(t.buf, "\xc4\x91\xc4\x91\xc4\x91");
    type(&t, "a", IME_TELEX);
    CU_ASSERT_EQUAL(t.len, 6);
}

TEST(widgets, digits_skip_the_input_method, "text field: digits skip the input method")
{
    tfield t;
    tf_init(&t, TF_DIGITS, 20);
    type(&t, "a6 0912", IME_VNI);
    CU_ASSERT_STRING_EQUAL(t.buf, "a6 0912");   /* no â: digits are digits here */
    event help = {.act = ACT_HELP, .ch = '?'};
    CU_ASSERT_FALSE(tf_handle(&t, &help, IME_VNI));   /* '?' stays Help */
    event ctrl = {.act = ACT_IGNORED};
    CU_ASSERT_FALSE(tf_handle(&t, &ctrl, IME_VNI));
    event c1 = {.act = ACT_CHAR, .ch = 0x9b};      /* a C1 control never enters */
    CU_ASSERT_FALSE(tf_handle(&t, &c1, IME_VNI));
    CU_ASSERT_STRING_EQUAL(t.buf, "a6 0912");
}

TEST(widgets, wipe_clears_memory, "text field: wipe clears memory")
{
    tfield t;
    tf_init(&t, TF_TEXT, 50);
    type(&t, "Traanf", IME_TELEX);
    tf_wipe(&t);
    unsigned char z[sizeof t.buf] = {0};
    CU_ASSERT_EQUAL(memcmp(t.buf, z, sizeof t.buf), 0);
    CU_ASSERT_EQUAL(t.ime.nraw, 0);
    CU_ASSERT_EQUAL(t.len, 0);
    CU_ASSERT_EQUAL(t.max, 50);          /* still usable */
    CU_ASSERT_EQUAL(t.kind, TF_TEXT);
}

TEST(widgets, list_moves, "list movement and picks")
{
    wlist l = {0};
    wlist_set(&l, 42);
    CU_ASSERT_EQUAL(l.sel, 0);
    event ev = {.act = ACT_PGDN};
    CU_ASSERT_TRUE(wlist_handle(&l, &ev, 10));
    CU_ASSERT_EQUAL(l.sel, 10);
    CU_ASSERT(l.top <= l.sel && l.sel < l.top + 10);
    ev.act = ACT_END;
    wlist_handle(&l, &ev, 10);
    CU_ASSERT_EQUAL(l.sel, 41);
    CU_ASSERT_EQUAL(l.top, 32);
    ev.act = ACT_DOWN;
    wlist_handle(&l, &ev, 10);
    CU_ASSERT_EQUAL(l.sel, 41);
    ev = (event){.act = ACT_PICK, .value = 5};
    CU_ASSERT_TRUE(wlist_handle(&l, &ev, 10));
    CU_ASSERT_EQUAL(l.sel, 5);
    CU_ASSERT_EQUAL(l.top, 5);
    ev.value = 99;
    CU_ASSERT_FALSE(wlist_handle(&l, &ev, 10));
    CU_ASSERT_EQUAL(l.sel, 5);
    wlist_set(&l, 0);
    CU_ASSERT_EQUAL(l.sel, -1);
    ev.act = ACT_DOWN;
    CU_ASSERT_FALSE(wlist_handle(&l, &ev, 10));
}

SUITE(widgets, NULL, NULL);
