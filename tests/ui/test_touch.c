/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15 item 12: a touch screen and nothing else. Every step of a
 * dossier, its name and address included, and then its tracking, done
 * with clicks alone (a touch is a click: X turns it into button-1), each
 * click at a place on the screen, through the app's one input loop. The
 * name and the street are typed on the on-screen keyboard, the tones put
 * by its tone keys (i18n/vnime's rules). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citizen_steps.h"
#include "i18n.h"
#include "unit.h"

enum { PICK_SEARCH = -4, PICK_STREET = 102 };

static int taps;   /* touches of the walk under way */

static void tap_at(snap_env *e, const click_region *r)
{
    snap_click(e, r->y + r->h / 2, r->x + r->w / 2);
    taps++;
}

/* Taps the region that does {act, value} (the last drawn wins, as w_hit). */
static bool tap(snap_env *e, action act, int value)
{
    for (int i = e->a.fr.nregions - 1; i >= 0; i--) {
        const click_region *r = &e->a.fr.regions[i];
        if (r->act == act && r->value == value) {
            tap_at(e, r);
            return true;
        }
    }
    fprintf(stderr, "\nno region for action %d value %d on %s\n", act, value, snap_top(e));
    return false;
}

/* The screen as rows of code points (a cell each: the harness's dump
 * holds no wide characters here). */
enum { ROWS = 64, COLS = 160 };
static int grid(uint32_t g[ROWS][COLS])
{
    char *t = snap_text();
    int row = 0, col = 0;
    memset(g, 0, sizeof(uint32_t) * ROWS * COLS);
    for (const unsigned char *p = (const unsigned char *)t; *p && row < ROWS;) {
        if (*p == '\n') {
            row++, col = 0, p++;
            continue;
        }
        uint32_t cp = *p;
        int n = cp < 0x80 ? 0 : cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
        if (n)
            cp &= 0x3Fu >> n;
        p++;
        for (int i = 0; i < n && (*p & 0xC0) == 0x80; i++, p++)
            cp = (cp << 6) | (*p & 0x3Fu);
        if (col < COLS)
            g[row][col++] = cp;
    }
    free(t);
    return row;
}

/* Taps the on-screen key whose label reads label (UTF-8). */
static bool tap_key(snap_env *e, const char *label)
{
    uint32_t want[16];
    int nw = 0;
    for (const unsigned char *p = (const unsigned char *)label; *p && nw < 16;) {
        uint32_t cp = *p;
        int n = cp < 0x80 ? 0 : cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
        if (n)
            cp &= 0x3Fu >> n;
        p++;
        for (int i = 0; i < n; i++, p++)
            cp = (cp << 6) | (*p & 0x3Fu);
        want[nw++] = cp;
    }
    static uint32_t g[ROWS][COLS];
    grid(g);
    for (int i = 0; i < e->a.fr.nregions; i++) {
        const click_region *r = &e->a.fr.regions[i];
        if (r->act != ACT_OSK)
            continue;
        for (int y = r->y; y < r->y + r->h && y < ROWS; y++) {
            int x = r->x, end = r->x + r->w < COLS ? r->x + r->w : COLS;
            while (x < end && g[y][x] == ' ')
                x++;
            int k = 0;
            while (k < nw && x + k < end && g[y][x + k] == want[k])
                k++;
            bool rest_blank = true;
            for (int j = x + k; j < end; j++)
                rest_blank &= g[y][j] == ' ' || g[y][j] == 0;   /* the dump trims the line */
            if (k == nw && rest_blank) {
                tap_at(e, r);
                return true;
            }
        }
    }
    fprintf(stderr, "\nno key \"%s\" on the on-screen keyboard\n", label);
    return false;
}

/* Taps each key of a sequence separated by '|' ("N|g|u|y|ê|n|ã"). */
static bool tap_keys(snap_env *e, const char *seq)
{
    char buf[256];
    str_copy(buf, sizeof buf, seq);
    for (char *k = strtok(buf, "|"); k; k = strtok(NULL, "|"))
        if (!tap_key(e, k))
            return false;
    return true;
}

/* Taps the screen where text is written (the first place). */
static bool tap_text(snap_env *e, const char *text)
{
    char *t = snap_text();
    int row = 0;
    bool ok = false;
    for (char *line = t; line && *line; row++) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        char *hit = strstr(line, text);
        if (hit) {
            int col = 0;
            for (const unsigned char *p = (const unsigned char *)line; p < (unsigned char *)hit; p++)
                col += (*p & 0xC0) != 0x80;
            snap_click(e, row, col + 1);
            taps++;
            ok = true;
            break;
        }
        line = end ? end + 1 : NULL;
    }
    free(t);
    if (!ok)
        fprintf(stderr, "\n\"%s\" is not on the screen (%s)\n", text, snap_top(e));
    return ok;
}

static void touch_dossier(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    bool vi = strcmp(lang, "vi") == 0;
    taps = 0;
#define GOLD(s) CU_ASSERT(snap_check_screen("", lang, rows, cols, s))
    CU_ASSERT_FATAL(tap(&e, ACT_CHOOSE, 3));                 /* send and receive by post */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedures");
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, PICK_SEARCH));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "keyboard");
    CU_ASSERT_FATAL(tap_keys(&e, vi ? "K|h|a|i|dấu cách|S|i|n|h" : "B|i|r|t|h"));
    CU_ASSERT_FATAL(tap_key(&e, vi ? "Xong" : "Done"));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedures");
    CU_ASSERT_FATAL(tap_text(&e, vi ? "Đăng ký khai sinh" : "Birth registration"));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedure");
    CU_ASSERT_FATAL(tap(&e, ACT_NEXT, 0));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "documents");
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, 0));
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, 1));
    CU_ASSERT(e.cz.handed[0] && e.cz.handed[1]);
    CU_ASSERT_FATAL(tap(&e, ACT_NEXT, 0));
    CU_ASSERT_FATAL(tap(&e, ACT_CHOOSE, 1));                 /* consent */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "applicant");
    /* the name on the keyboard: capitals come by themselves at a word's
     * start, ê is a key, the tone (ngã) goes on the word just typed */
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, 0));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "keyboard");
    GOLD("keyboard-letters");
    CU_ASSERT_FATAL(tap_keys(&e, vi ? "N|g|u|y|ê|n|ã|dấu cách|V|ă|n|dấu cách|A|n"
                                    : "N|g|u|y|ê|n|ã|space|V|ă|n|space|A|n"));
    CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "Nguyễn Văn An");
    CU_ASSERT_FATAL(tap_key(&e, vi ? "Xong" : "Done"));
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, 1));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "keyboard");
    GOLD("keyboard-digits");
    CU_ASSERT_FATAL(tap_keys(&e, "0|2|0|0|9|0|0|0|1|2|3|4"));
    CU_ASSERT_FATAL(tap_key(&e, vi ? "Xong" : "Done"));
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, 2));
    CU_ASSERT_FATAL(tap_keys(&e, "0|9|1|2|3|4|5|6|7|9|⌫|8"));
    CU_ASSERT_STRING_EQUAL(e.cz.phone.buf, "0912345678");
    CU_ASSERT_FATAL(tap_key(&e, vi ? "Xong" : "Done"));
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    for (int i = 0; i < 3 && strcmp(snap_top(&e), "applicant") == 0; i++)
        CU_ASSERT_FATAL(tap(&e, ACT_NEXT, 0));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "address");
    CU_ASSERT_FATAL(tap_text(&e, "Cao L"));                   /* its group: the unit */
    CU_ASSERT(e.cz.have_unit);
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, PICK_STREET));
    CU_ASSERT_FATAL(tap_keys(&e, vi ? "1|2|dấu cách|T|r|â|n|à|dấu cách|Đ|ă|n|g|dấu cách|N|i|n|h"
                                    : "1|2|space|T|r|â|n|à|space|Đ|ă|n|g|space|N|i|n|h"));
    CU_ASSERT_STRING_EQUAL(e.cz.street.buf, "12 Trần Đăng Ninh");
    CU_ASSERT_FATAL(tap_key(&e, vi ? "Xong" : "Done"));
    CU_ASSERT_FATAL(tap(&e, ACT_CHOOSE, 1));                 /* I receive it */
    CU_ASSERT(!e.cz.other_recipient);
    for (int i = 0; i < 3 && strcmp(snap_top(&e), "address") == 0; i++)
        CU_ASSERT_FATAL(tap(&e, ACT_NEXT, 0));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "review");
    CU_ASSERT_FATAL(tap(&e, ACT_NEXT, 0));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "done");
    CU_ASSERT(e.cz.committed);
    fprintf(stderr, "[touch %s %dx%d: the dossier in %d touches]\n", lang, cols, rows, taps);
    char ref[PK_REF_MAX];
    str_copy(ref, sizeof ref, e.cz.done.ref);
    snap_wait(&e, 2000);
    CU_ASSERT_FATAL(tap(&e, ACT_NEXT, 0));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "welcome");
    /* tracking by touch: the number, then the last 4 digits */
    CU_ASSERT_FATAL(tap(&e, ACT_CHOOSE, 4));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "track");
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, 0));
    const char *seq = strchr(ref, '-');
    CU_ASSERT_PTR_NOT_NULL_FATAL(seq);
    while (*++seq == '0')
        ;
    for (const char *d = seq; *d; d++) {
        char k[2] = {*d, 0};
        CU_ASSERT_FATAL(tap_key(&e, k));
    }
    CU_ASSERT_FATAL(tap_key(&e, vi ? "Xong" : "Done"));
    CU_ASSERT_FATAL(tap(&e, ACT_NEXT, 0));
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, 1));
    CU_ASSERT_FATAL(tap_keys(&e, "1|2|3|4"));
    CU_ASSERT_FATAL(tap_key(&e, vi ? "Xong" : "Done"));
    CU_ASSERT_FATAL(tap(&e, ACT_NEXT, 0));
    CU_ASSERT(snap_has(ref));
    snap_close(&e);
#undef GOLD
}

TEST(touch, vi_80, "touch only: vi 80x24") { touch_dossier("vi", 24, 80); }
TEST(touch, en_80, "touch only: en 80x24") { touch_dossier("en", 24, 80); }
TEST(touch, vi_120, "touch only: vi 120x40") { touch_dossier("vi", 40, 120); }
TEST(touch, en_120, "touch only: en 120x40") { touch_dossier("en", 40, 120); }

/* The tone keys follow vnime's placement and take a tone off when the
 * same key comes again; a word that is not Vietnamese takes none. */
TEST(touch, tone_keys, "tone keys: vnime's placement, again = off")
{
    tfield t;
    tf_init(&t, TF_TEXT, 64);
    tf_insert_utf8(&t, "hoa");
    CU_ASSERT(tf_tone(&t, 'f'));
    CU_ASSERT_STRING_EQUAL(t.buf, "hòa");
    CU_ASSERT(tf_tone(&t, 'f'));                    /* again: off */
    CU_ASSERT_STRING_EQUAL(t.buf, "hoa");
    tf_insert_utf8(&t, " thuy");
    CU_ASSERT(tf_tone(&t, 'r'));
    CU_ASSERT_STRING_EQUAL(t.buf, "hoa thủy");
    CU_ASSERT(tf_tone(&t, 's'));                    /* another tone replaces it */
    CU_ASSERT_STRING_EQUAL(t.buf, "hoa thúy");
    tf_insert_utf8(&t, " ");
    CU_ASSERT(!tf_tone(&t, 's'));                   /* no word before the cursor */
    tf_wipe(&t);
}

/* A key value no key has (a forged or stale region) does nothing. */
TEST(touch, unknown_keys, "on-screen keyboard: unknown key values do nothing")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_applicant(&e);
    CU_ASSERT_FATAL(tap(&e, ACT_PICK, 0));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "keyboard");
    static const int bad[] = {-1, -17, 15, 5 * 16 + 9, 6 * 16, 1000};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        snap_act(&e, ACT_OSK, bad[i]);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "keyboard");
    CU_ASSERT_EQUAL(e.cz.name.len, 0);
    snap_act(&e, ACT_OSK, 16 + 1);                  /* row 1, key 1: w */
    CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "W");
    snap_close(&e);
}

/* The row and column of needle on the screen (columns counted in code
 * points: the dump holds no wide characters here); false when absent. */
static bool find_text(const char *needle, int *row, int *col)
{
    char *t = snap_text();
    const char *hit = strstr(t, needle);
    if (hit) {
        *row = 0;
        const char *line = t;
        for (const char *q = t; q < hit; q++)
            if (*q == '\n')
                (*row)++, line = q + 1;
        *col = 0;
        for (const char *q = line; q < hit; q++)
            if ((*q & 0xC0) != 0x80)
                (*col)++;
    }
    free(t);
    return hit != NULL;
}

/* The review says "press the number to change" over each section: a touch
 * on the section's title opens it, as its number does (the walk-through
 * found the titles dead to touch, so a touch-only citizen could change a
 * section only by going back screen by screen). */
static void review_sections_by_touch(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
    to_address(&e);
    fill_address(&e);
    if (strcmp(snap_top(&e), "review") != 0)
        snap_key(&e, TK_ENTER);                /* received by: me */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "review");
    static const struct { const char *title, *screen; } sec[] = {
        {N_("Where to send the result"), "address"},
        {N_("Your details"), "applicant"},
        {N_("Procedure"), "procedures"},
    };
    for (size_t i = 0; i < sizeof sec / sizeof sec[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, "] %s", _(sec[i].title));
        int row = 0, col = 0;
        CU_ASSERT_FATAL(find_text(want, &row, &col));
        snap_click(&e, row, col + 4);
        CU_ASSERT_STRING_EQUAL(snap_top(&e), sec[i].screen);
        snap_key(&e, TK_ESC);                  /* back to the review */
        for (int k = 0; k < 6 && strcmp(snap_top(&e), "review") != 0; k++)
            snap_key(&e, TK_ENTER);
        CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "review");
    }
    snap_close(&e);
}

TEST(touch, review_sections, "review: a touch on a section's title opens it (vi, en)")
{
    review_sections_by_touch("vi");
    review_sections_by_touch("en");
}

SUITE(touch, NULL, NULL);
