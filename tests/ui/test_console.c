/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kiosk on the Linux console (TERM=linux): only the console font's
 * glyphs are drawn (the rest as ASCII), and every role stays readable in
 * the console's 8 background colours. */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "snap.h"
#include "term.h"
#include "unit.h"

static const char SAMPLE[] = "\xe2\x9c\x93 \xe2\x8c\xab \xe2\x96\x80\xe2\x96\x84 "   /* ✓ ⌫ ▀▄ */
                             "L\xe1\xba\xa1ng S\xc6\xa1n \xe2\x82\xab "             /* Lạng Sơn ₫ */
                             "\xf0\x9f\x98\x80|";                                   /* 😀 (2 columns) */

static char *first_line(void)
{
    char *d = term_dump();
    char *nl = d ? strchr(d, '\n') : NULL;
    if (nl)
        *nl = '\0';
    return d;
}

TEST(console, test_fallback_on_linux, "glyphs the console font lacks are drawn as ASCII")
{
    CU_ASSERT_FATAL(term_init_headless_as(5, 40, "linux"));
    CU_ASSERT_FALSE(term_has_glyph(0x2713));          /* ✓ */
    CU_ASSERT_FALSE(term_has_glyph(0x2580));          /* ▀ */
    CU_ASSERT_TRUE(term_has_glyph(0x01A1));           /* ơ */
    CU_ASSERT_TRUE(term_has_glyph(0x1EA1));           /* ạ */
    CU_ASSERT_TRUE(term_has_glyph(0x1EF9));           /* ỹ: the last Vietnamese letter */
    CU_ASSERT_TRUE(term_has_glyph(0x2500));           /* ─ of the boxes */
    CU_ASSERT_EQUAL(term_put(0, 0, 40, SAMPLE, ROLE_NORMAL), 21);
    char *d = first_line();
    CU_ASSERT_STRING_EQUAL(d, "v < \"_ L\xe1\xba\xa1ng S\xc6\xa1n d ??|");
    free(d);
    term_end();
}

TEST(console, test_unchanged_elsewhere, "other terminals draw them as they are")
{
    CU_ASSERT_FATAL(term_init_headless_as(5, 40, "xterm-256color"));
    CU_ASSERT_TRUE(term_has_glyph(0x2713));
    CU_ASSERT_EQUAL(term_put(0, 0, 40, SAMPLE, ROLE_NORMAL), 21);
    char *d = first_line();
    CU_ASSERT_STRING_EQUAL(d, SAMPLE);
    free(d);
    term_end();
}

/* Every character of the screen is one the console font has. */
static bool all_drawable(void)
{
    char *d = term_dump();
    bool ok = d != NULL;
    for (const unsigned char *p = (const unsigned char *)d; ok && *p;) {
        uint32_t cp = *p;
        int n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (n > 1)
            cp &= 0x3Fu >> (n - 1);
        for (int i = 1; i < n; i++)
            cp = (cp << 6) | (p[i] & 0x3Fu);
        if (!term_has_glyph(cp)) {
            fprintf(stderr, "console: U+%04X drawn\n", (unsigned)cp);
            ok = false;
        }
        p += n;
    }
    free(d);
    return ok;
}

/* The citizen's screens through the snapshot harness, as on the console. */
TEST(console, test_screens_on_linux, "citizen screens on TERM=linux use the font's glyphs only")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    term_end();
    CU_ASSERT_FATAL(term_init_headless_as(24, 80, "linux"));
    CU_ASSERT_TRUE(term_has_colors());
    app_wipe(&e.a);
    app_render(&e.a);
    CU_ASSERT(all_drawable());
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "khai");
    CU_ASSERT(snap_has("khai"));
    CU_ASSERT(all_drawable());
    snap_close(&e);
}

/* WCAG contrast ratio of two VGA palette entries (the console's colours). */
static double lum(int c)
{
    static const int vga[16][3] = {
        {0, 0, 0},      {170, 0, 0},    {0, 170, 0},    {170, 85, 0},
        {0, 0, 170},    {170, 0, 170},  {0, 170, 170},  {170, 170, 170},
        {85, 85, 85},   {255, 85, 85},  {85, 255, 85},  {255, 255, 85},
        {85, 85, 255},  {255, 85, 255}, {85, 255, 255}, {255, 255, 255},
    };
    double l[3];
    for (int i = 0; i < 3; i++) {
        double v = vga[c][i] / 255.0;
        l[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

TEST(console, test_palette_readable, "every role readable in the console palette")
{
    for (int t = 0; t < THEME__COUNT; t++) {
        for (int r = 0; r < ROLE__COUNT; r++) {
            int fg, bg;
            term_console_colors((term_theme)t, (term_role)r, &fg, &bg);
            CU_ASSERT_TRUE(fg >= 0 && fg < 16 && bg >= 0 && bg < 8);
            double a = lum(fg) + 0.05, b = lum(bg) + 0.05;
            double ratio = a > b ? a / b : b / a;
            if (ratio < 4.5)
                fprintf(stderr, "console: theme %d role %d: %d on %d, %.2f:1\n", t, r, fg, bg, ratio);
            CU_ASSERT(ratio >= 4.5);
        }
    }
}

/* All the bytes waiting in the pipe (non-blocking), as a string. */
static size_t drain(int fd, char *buf, size_t size)
{
    size_t n = 0;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    ssize_t r;
    while (n + 1 < size && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = '\0';
    return n;
}

/* The Linux console boots with Num Lock off: its keypad then sends
 * Home, the arrows, PgUp/PgDn, not digits (seen in QEMU, `make
 * console-check`). In application mode (ESC =) the keypad sends ESC O p..y
 * whatever Num Lock says, so the kiosk asks for it, and gives it back. */
TEST(console, keypad_application_mode, "the Linux console's keypad is put in application mode, and back")
{
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    CU_ASSERT_FATAL(term_init_headless_output(24, 80, "linux", p[1]));
    close(p[1]);
    term_put(0, 0, 10, "x", ROLE_NORMAL);
    term_flush();
    char buf[8192];
    drain(p[0], buf, sizeof buf);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\x1b="));
    CU_ASSERT_PTR_NULL(strstr(buf, "\x1b>"));
    term_end();
    drain(p[0], buf, sizeof buf);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\x1b>"));
    close(p[0]);
}

/* Bytes in, the characters or keys they are, as one string: digits and
 * operators as themselves, Enter as E, F1..F4 as 1..4 after "F". */
static void decoded(const char *termname, const char *bytes, char *got, size_t size)
{
    int p[2];
    got[0] = '\0';
    CU_ASSERT_FATAL(pipe(p) == 0);
    CU_ASSERT_FATAL(term_init_headless_input(24, 80, termname, p[0]));
    close(p[0]);
    CU_ASSERT_EQUAL((size_t)write(p[1], bytes, strlen(bytes)), strlen(bytes));
    term_input in;
    for (int n = 0; n < 32 && term_read(&in, 0); n++) {
        char one[8] = "?";
        if (in.kind == TI_CHAR)
            snprintf(one, sizeof one, "%c", (char)in.cp);
        else if (in.kind == TI_KEY && in.key == TK_ENTER)
            snprintf(one, sizeof one, "E");
        else if (in.kind == TI_KEY && in.key >= TK_F1 && in.key <= TK_F12)
            snprintf(one, sizeof one, "F%d", (int)(in.key - TK_F1) + 1);
        strncat(got, one, size - strlen(got) - 1);
    }
    close(p[1]);
    term_end();
}

/* The keypad of the Linux console in application mode
 * (drivers/tty/vt/keyboard.c, k_pad): + - * / are ESC O l S R Q there,
 * where xterm sends k m j o and F1..F4 are ESC O P..S. */
TEST(console, keypad_operators_linux, "the Linux console's keypad operators are the characters on the keys")
{
    char got[64];
    decoded("linux", "\x1bOl\x1bOS\x1bOR\x1bOQ\x1bOn\x1bOM\x1bOu\x1bOp", got, sizeof got);
    CU_ASSERT_STRING_EQUAL(got, "+-*/.E50");
    /* Num Lock itself in application mode is ESC O P (fn_num): not F1
     * (Help, seen in `make console-check`), nothing */
    decoded("linux", "\x1bOP" "7", got, sizeof got);
    CU_ASSERT_STRING_EQUAL(got, "?7");
    /* xterm: the same finals are F2..F4 */
    decoded("xterm", "\x1bOQ\x1bOR\x1bOS\x1bOk\x1bOm", got, sizeof got);
    CU_ASSERT_STRING_EQUAL(got, "F2F3F4+-");
}

/* At boot the console may still have the kernel's font when the kiosk
 * starts (the kiosk's setfont raced the graphics driver in `make
 * console-check`): Vietnamese letters would be blank diamonds. The kiosk
 * draws what the loaded font has, and a letter it lacks without its marks. */
TEST(console, loaded_font_without_vietnamese, "a console font without Vietnamese letters: letters without marks")
{
    CU_ASSERT_FATAL(term_init_headless_as(5, 40, "linux"));
    uint32_t cps[100];
    size_t n = 0;
    for (uint32_t c = 0x20; c < 0x7f; c++)
        cps[n++] = c;
    cps[n++] = 0xE2;                                  /* â: in the VGA font */
    cps[n++] = 0x2500;                                /* ─ */
    term_console_font(cps, n);
    CU_ASSERT_FALSE(term_has_glyph(0x1EED));          /* ử */
    CU_ASSERT_TRUE(term_has_glyph(0xE2));
    CU_ASSERT_TRUE(term_has_glyph(0x2500));
    /* Gửi hồ sơ qua bưu điện, Cần Thơ, ĐẤT */
    CU_ASSERT_EQUAL(term_put(0, 0, 40, "G\xe1\xbb\xad" "i h\xe1\xbb\x93 s\xc6\xa1 qua b\xc6\xb0u \xc4\x91i\xe1\xbb\x87n",
                             ROLE_NORMAL), 22);
    CU_ASSERT_EQUAL(term_put(1, 0, 40, "C\xe1\xba\xa7n Th\xc6\xa1 \xc4\x90\xe1\xba\xa4T \xc3\xa2", ROLE_NORMAL), 13);
    char *d = term_dump();
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_PTR_NOT_NULL(strstr(d, "Gui ho so qua buu dien\nCan Tho DAT \xc3\xa2\n"));
    free(d);
    /* the kiosk's own font again: the letters as they are */
    term_console_font(NULL, 0);
    CU_ASSERT_TRUE(term_has_glyph(0x1EED));
    term_end();
}

SUITE(console, NULL, NULL);
