/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kiosk on the Linux console (TERM=linux): only the console font's
 * glyphs are drawn (the rest as ASCII), and every role stays readable in
 * the console's 8 background colours. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

SUITE(console, NULL, NULL);
