/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15 item 11: a citizen with a numeric keypad finishes every step
 * with digits, Enter and Esc alone, typing only the name and the street:
 * procedures paged by number ("9 = more"), the commune by numbers (a group
 * of the province's units, then the unit), tracking by number. Every key
 * below is a digit, Enter or Esc except those two texts. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citizen_steps.h"
#include "i18n.h"
#include "store.h"
#include "store_fixture.h"
#include "store_import.h"
#include "unit.h"

/* The shipped procedures (data/procedures.csv): "Đăng ký khai sinh" is on
 * the third keypad page of the catalog order, first on the first list. */
static void shipped_procedures(snap_env *e)
{
    char err[256];
    pk_err r = catalog_import_procedures(e->db, "data/procedures.csv", err, sizeof err);
    if (r != PK_OK)
        fprintf(stderr, "%s\n", err);
    CU_ASSERT_EQUAL_FATAL(r, PK_OK);
}

/* times dossiers of proc registered at this kiosk days_ago days ago. */
static void registered(snap_env *e, const char *proc, int times, int days_ago)
{
    for (int i = 0; i < times; i++) {
        dossier d = fx_dossier(proc, "Nguyễn Văn An");
        d.created_at = e->a.fixed_time - (int64_t)days_ago * 86400;
        CU_ASSERT_EQUAL_FATAL(store_dossier_create(e->db, &d, "RA", "kiosk", NULL), PK_OK);
    }
}

/* Twenty more procedures (the list needs pages) and twenty units in the
 * province (the commune needs a group, then a unit). */
static void big_catalog(snap_env *e)
{
    static const char *const codes[] = {"1.001193", "2.000488", "1.000894"};
    procedure ps[23];
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL_FATAL(store_procedure_get(e->db, codes[i], &ps[i]), PK_OK);
    for (int i = 0; i < 20; i++) {
        procedure *p = &ps[3 + i];
        *p = ps[1];
        snprintf(p->code, sizeof p->code, "9.%06d", i);
        snprintf(p->name_vi, sizeof p->name_vi, "Thủ tục mẫu số %02d", i);
        snprintf(p->name_en, sizeof p->name_en, "Sample procedure %02d", i);
    }
    CU_ASSERT_EQUAL_FATAL(store_procedures_replace(e->db, ps, 23), PK_OK);
    admin_unit us[24] = {
        {1, "Lạng Sơn", "phường", "Đông Kinh"},
        {2, "Lạng Sơn", "phường", "Kỳ Lừa"},
        {3, "Lạng Sơn", "xã", "Cao Lộc"},
        {4, "Lạng Sơn", "xã", "Đồng Đăng"},
    };
    static const char *const names[] = {"Bắc Sơn", "Bình Gia", "Chi Lăng", "Đình Lập",
                                         "Hữu Lũng", "Lộc Bình", "Na Dương", "Văn Quan",
                                         "Tràng Định", "Văn Lãng", "Thất Khê", "Hoàng Văn Thụ",
                                         "Khánh Khê", "Mẫu Sơn", "Hữu Kiên", "Bằng Mạc",
                                         "Quan Sơn", "Tân Tiến", "Vân Nham", "Yên Phúc"};
    for (int i = 0; i < 20; i++) {
        us[4 + i].id = 5 + i;
        str_copy(us[4 + i].province, sizeof us[4 + i].province, "Lạng Sơn");
        str_copy(us[4 + i].type, sizeof us[4 + i].type, "xã");
        str_copy(us[4 + i].name, sizeof us[4 + i].name, names[i]);
    }
    CU_ASSERT_EQUAL_FATAL(store_units_replace(e->db, us, 24), PK_OK);
}

/* The digit in front of the first screen line holding text, or 0. */
static int digit_before(const char *text)
{
    char *t = snap_text();
    int d = 0;
    for (char *line = t; line && *line && !d;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (strstr(line, text)) {
            const char *p = line;
            while (*p == ' ' || (unsigned char)*p >= 0x80)
                p++;   /* spaces and the ▸ of the selected row */
            if (*p >= '1' && *p <= '9')
                d = *p - '0';
        }
        line = end ? end + 1 : NULL;
    }
    free(t);
    return d;
}

/* Presses 9 until text is on screen with a number, then that number. */
static bool pick_by_pages(snap_env *e, const char *text, int *keys)
{
    for (int page = 0; page < 6; page++) {
        int d = digit_before(text);
        if (d) {
            snap_act(e, ACT_CHOOSE, d);
            (*keys)++;
            return true;
        }
        snap_act(e, ACT_CHOOSE, 9);
        (*keys)++;
    }
    return false;
}

static void keypad_dossier(const char *lang, int rows, int cols, bool goldens)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    big_catalog(&e);
    int keys = 0;
#define DIGIT(d) (snap_act(&e, ACT_CHOOSE, (d)), keys++)
#define KEY(k) (snap_key(&e, (k)), keys++)
#define GOLD(s)                                                                          \
    do {                                                                                 \
        if (goldens)                                                                     \
            CU_ASSERT(snap_check_screen("", lang, rows, cols, s));                       \
    } while (0)
    DIGIT(3);                                             /* send and receive by post */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedures");
    CU_ASSERT(snap_has("9  "));
    GOLD("keypad-procedures");
    DIGIT(9);
    GOLD("keypad-procedures-more");
    const char *want = strcmp(lang, "en") == 0 ? "Birth registration" : "Đăng ký khai sinh";
    CU_ASSERT_FATAL(pick_by_pages(&e, want, &keys));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedure");
    KEY(TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "documents");
    DIGIT(1);
    DIGIT(2);
    KEY(TK_ENTER);
    DIGIT(1);                                             /* consent */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "applicant");
    snap_type(&e, strcmp(lang, "en") == 0 ? "Mary Lee Ross" : "Nguyeenx Vawn An");
    KEY(TK_ENTER);
    snap_type(&e, "020090001234");
    KEY(TK_ENTER);
    snap_type(&e, "0912345678");
    KEY(TK_ENTER);
    KEY(TK_ENTER);                                        /* no e-mail */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "address");
    GOLD("keypad-address-groups");
    int g = digit_before("Cao L");                        /* the group holding Cao Lộc */
    CU_ASSERT_FATAL(g > 0);
    DIGIT(g);
    GOLD("keypad-address-units");
    KEY(TK_ESC);                                          /* back to the groups, not off */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "address");
    DIGIT(g);
    int u = digit_before("Cao L");
    CU_ASSERT_FATAL(u > 0);
    DIGIT(u);
    CU_ASSERT(e.cz.have_unit);
    CU_ASSERT_STRING_EQUAL(e.cz.unit.name, "Cao Lộc");
    snap_type(&e, "12 Tran Dang Ninh");
    KEY(TK_ENTER);
    KEY(TK_ENTER);                                        /* I receive it */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "review");
    KEY(TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "done");
    char ref[PK_REF_MAX];
    str_copy(ref, sizeof ref, e.cz.done.ref);
    snap_wait(&e, 2000);
    KEY(TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "welcome");
    /* tracking by number: the sequence, then the last 4 digits of the ID */
    DIGIT(4);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "track");
    const char *seq = strchr(ref, '-');
    CU_ASSERT_PTR_NOT_NULL_FATAL(seq);
    while (*++seq == '0')
        ;
    snap_type(&e, seq);
    KEY(TK_ENTER);
    snap_type(&e, "1234");
    KEY(TK_ENTER);
    CU_ASSERT(snap_has(ref));
    KEY(TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    fprintf(stderr, "[keypad %s %dx%d: %d keys besides the typed name, ID, phone, street]\n",
            lang, cols, rows, keys);
    snap_close(&e);
#undef DIGIT
#undef KEY
#undef GOLD
}

/* Issue 15 "done when": the keystrokes of the typical dossier (birth
 * registration sent and returned by post, two papers, Telex name, ID,
 * phone, a commune and a street), every key counted, the typed text key by
 * key. The walk-through counted 87; the figures are printed, and a later
 * change that adds keys fails here. Three ways: the keyboard (the
 * procedure searched by name, the commune by its first letters), the
 * keypad for every choice, and the keypad with the ID card scanned (one
 * scan fills the name, ID, street and commune; it counts as one key). */
static int typed(snap_env *e, const char *text)
{
    snap_type(e, text);
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

enum { BY_KEYBOARD, BY_KEYPAD, BY_SCAN };

#define CARD                                                                                \
    "020090001234||Nguy\xe1\xbb\x85n V\xc4\x83n An|01011990|Nam|12 Tr\xe1\xba\xa7n "          \
    "\xc4\x90\xc4\x83ng Ninh, X\xc3\xa3 Cao L\xe1\xbb\x99" "c, L\xe1\xba\xa1ng S\xc6\xa1n|10052021"

static int typical_dossier(int how)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    shipped_procedures(&e);
    int keys = 0;
    snap_act(&e, ACT_CHOOSE, 3), keys++;
    /* the most requested first: birth registration is 1 on the first page */
    CU_ASSERT_EQUAL(digit_before("Đăng ký khai sinh"), 1);
    if (how == BY_KEYBOARD && !digit_before("Đăng ký khai sinh"))
        keys += typed(&e, "khai sinh");   /* not in sight: searched by name */
    CU_ASSERT_FATAL(pick_by_pages(&e, "Đăng ký khai sinh", &keys));
    snap_key(&e, TK_ENTER), keys++;
    snap_act(&e, ACT_CHOOSE, 1), keys++;
    snap_act(&e, ACT_CHOOSE, 2), keys++;
    snap_key(&e, TK_ENTER), keys++;
    snap_act(&e, ACT_CHOOSE, 1), keys++;
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    if (how == BY_SCAN) {
        snap_scan(&e, CARD), keys++;
    } else {
        keys += typed(&e, "Nguyeenx Vawn An");
        snap_key(&e, TK_ENTER), keys++;
        keys += typed(&e, "020090001234");       /* complete: on to the phone by itself */
    }
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    CU_ASSERT_EQUAL(*(const int *)app_top_state(&e.a), 2);
    keys += typed(&e, "0912345678");             /* complete: on to the e-mail */
    snap_key(&e, TK_ENTER), keys++;              /* out of habit: confirms the phone */
    snap_key(&e, TK_ENTER), keys++;              /* no e-mail */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    if (how == BY_KEYPAD) {
        snap_act(&e, ACT_CHOOSE, digit_before("Cao L")), keys++;
        if (!e.cz.have_unit)
            snap_act(&e, ACT_CHOOSE, digit_before("Cao L")), keys++;
    } else if (how == BY_KEYBOARD) {
        keys += typed(&e, "cao");
        snap_key(&e, TK_ENTER), keys++;
    }
    CU_ASSERT_STRING_EQUAL(e.cz.unit.name, "Cao Lộc");
    if (how != BY_SCAN)
        keys += typed(&e, "12 Traafn DDawng Ninh");
    CU_ASSERT_STRING_EQUAL(e.cz.street.buf, "12 Trần Đăng Ninh");
    snap_key(&e, TK_ENTER), keys++;
    snap_key(&e, TK_ENTER), keys++;
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    snap_key(&e, TK_ENTER), keys++;
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    CU_ASSERT(e.cz.committed);
    snap_close(&e);
    return keys;
}

TEST(keypad, keystrokes, "keystrokes of the typical dossier (keyboard, keypad, ID card scan)")
{
    int kb = typical_dossier(BY_KEYBOARD), kp = typical_dossier(BY_KEYPAD),
        sc = typical_dossier(BY_SCAN);
    /* 59 of the first two are the name, ID, phone and street themselves;
     * the scan leaves only the phone (10) to type */
    fprintf(stderr, "[typical dossier: %d keys by keyboard, %d with the keypad for the "
                    "choices, %d with the ID card scanned (target 60); 59 of the first two "
                    "are the typed name, ID, phone and street]\n", kb, kp, sc);
    /* on the shipped catalog, before the first list: 85 (the name typed),
     * 75 (9, 9, then the number), 25 */
    CU_ASSERT(kb <= 76);
    CU_ASSERT(kp <= 73);
    CU_ASSERT(sc <= 23);   /* the only path within the target of 60 */
    CU_ASSERT(sc <= 60);
}

TEST(keypad, vi_80, "keypad only: vi 80x24") { keypad_dossier("vi", 24, 80, true); }
TEST(keypad, en_80, "keypad only: en 80x24") { keypad_dossier("en", 24, 80, true); }
TEST(keypad, vi_120, "keypad only: vi 120x40") { keypad_dossier("vi", 40, 120, true); }
TEST(keypad, en_120, "keypad only: en 120x40") { keypad_dossier("en", 40, 120, true); }

/* The row of the first screen line holding text, or -1. */
static int line_of(const char *text)
{
    char *t = snap_text();
    int y = -1, row = 0;
    for (char *line = t; line && *line && y < 0; row++) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (strstr(line, text))
            y = row;
        line = end ? end + 1 : NULL;
    }
    free(t);
    return y;
}

/* The first list on the shipped catalog with some history: this kiosk's
 * most registered of the last 90 days, then the staff's ranks, said on
 * screen; 9 goes on to the catalog order, a number or a touch opens. */
static void first_list(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    shipped_procedures(&e);
    registered(&e, "1.001193", 3, 1);     /* birth registration */
    registered(&e, "1.012753", 2, 30);    /* land: not ranked, counted */
    registered(&e, "1.001613", 5, 95);    /* long ago: not counted */
    bool en = strcmp(lang, "en") == 0;
    /* the name and the spaces after it ("Đăng ký khai sinh kết hợp ..." is another) */
    const char *birth = en ? "Birth registration  " : "Đăng ký khai sinh  ";
    snap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedures");
    CU_ASSERT(snap_check_screen("", lang, rows, cols, "procedures-first"));
    CU_ASSERT(snap_has(en ? "Most requested here first" : "Làm nhiều nhất ở đây xếp trước"));
    CU_ASSERT_EQUAL(digit_before(birth), 1);
    CU_ASSERT_EQUAL(digit_before(en ? "First-time land registration" : "Đăng ký đất đai"), 2);
    CU_ASSERT_EQUAL(digit_before(en ? "Criminal record" : "Cấp Phiếu lý lịch"), 3);
    CU_ASSERT_EQUAL(digit_before(en ? "One-time social insurance" : "Giải quyết hưởng BHXH"), 0);
    /* 9: the catalog order, the usual heading; 9 again and again: back */
    snap_act(&e, ACT_CHOOSE, 9);
    CU_ASSERT(snap_lacks(en ? "Most requested here" : "Làm nhiều nhất"));
    CU_ASSERT(snap_has(en ? "42 procedures: press the number" : "42 thủ tục: nhấn số thứ tự"));
    CU_ASSERT_EQUAL(digit_before(birth), 0);
    for (int i = 0; i < 5 && !digit_before(birth); i++)
        snap_act(&e, ACT_CHOOSE, 9);
    CU_ASSERT_EQUAL(digit_before(birth), 1);
    /* a number opens the row it stands in front of */
    snap_act(&e, ACT_CHOOSE, 2);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedure");
    CU_ASSERT_STRING_EQUAL(e.cz.proc.code, "1.012753");
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedures");
    /* touch: the row touched opens */
    int y = line_of(en ? "Criminal record" : "Cấp Phiếu lý lịch");
    CU_ASSERT_FATAL(y > 0);
    snap_click(&e, y, cols / 2);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedure");
    CU_ASSERT_STRING_EQUAL(e.cz.proc.code, "LS.0001");
    /* typing leaves the first list: the search's own order */
    snap_key(&e, TK_ESC);
    snap_type(&e, "dat dai");
    CU_ASSERT(snap_lacks(en ? "Most requested here" : "Làm nhiều nhất"));
    snap_close(&e);
}

TEST(keypad, first_vi_80, "first list: vi 80x24") { first_list("vi", 24, 80); }
TEST(keypad, first_en_80, "first list: en 80x24") { first_list("en", 24, 80); }
TEST(keypad, first_vi_120, "first list: vi 120x40") { first_list("vi", 40, 120); }
TEST(keypad, first_en_120, "first list: en 120x40") { first_list("en", 40, 120); }

/* The first list is counted at the welcome screen's tick, while no one
 * waits, not by the citizen's key that opens the list: after a
 * registration, a second of welcome leaves nothing to count again. */
TEST(keypad, first_counted_at_welcome, "first list counted at the welcome tick, not on the key")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    shipped_procedures(&e);
    registered(&e, "1.001193", 3, 1);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "welcome");
    bool counted = false;
    snap_wait(&e, 1500);
    CU_ASSERT_EQUAL(store_procedures_first_warm(e.db, app_now(&e.a), CZ_FIRST_MOST, &counted),
                    PK_OK);
    CU_ASSERT_FALSE(counted);
    /* a registration made the list stale: the next tick counts it */
    registered(&e, "1.012753", 1, 2);
    CU_ASSERT_EQUAL(store_procedures_first_warm(e.db, app_now(&e.a), CZ_FIRST_MOST, &counted),
                    PK_OK);
    CU_ASSERT_TRUE(counted);
    registered(&e, "1.012753", 1, 2);
    snap_wait(&e, 1500);
    CU_ASSERT_EQUAL(store_procedures_first_warm(e.db, app_now(&e.a), CZ_FIRST_MOST, &counted),
                    PK_OK);
    CU_ASSERT_FALSE(counted);
    snap_close(&e);
}

SUITE(keypad, NULL, NULL);
