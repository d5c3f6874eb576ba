/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15, the walk-through's left-overs: going back to the welcome
 * screen with data typed, and the applicant's error marks. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citizen_steps.h"
#include "i18n.h"
#include "keys.h"
#include "store_clerk.h"
#include "store_lookup.h"
#include "util.h"
#include "unit.h"

/* The hint bar: the screen's last row (malloc'ed). */
static char *hint_bar(void)
{
    char *t = snap_text();
    size_t n = strlen(t);
    while (n > 0 && t[n - 1] == '\n')
        t[--n] = '\0';
    char *last = strrchr(t, '\n');
    char *bar = xstrdup(last ? last + 1 : t);
    free(t);
    return bar;
}

/* A touch target for {act, value} in the hint bar, or NULL. */
static const click_region *bar_region(const snap_env *e, action act, int value)
{
    for (int i = 0; i < e->a.fr.nregions; i++) {
        const click_region *r = &e->a.fr.regions[i];
        if (r->y == e->a.fr.rows - 1 && r->act == act && r->value == value)
            return r;
    }
    return NULL;
}

/* The applicant's name and ID typed, then Esc back through every step to
 * the procedures list: the data is still there. */
static void typed_then_back(snap_env *e)
{
    to_applicant(e);
    for (int i = 0; i < 3 && e->a.ime != IME_TELEX; i++)
        snap_key(e, TK_F3);
    snap_type(e, "Nguyeenx Vawn An");
    snap_key(e, TK_ENTER);
    snap_type(e, "020090001234");
    while (strcmp(snap_top(e), "procedures") != 0 && strcmp(snap_top(e), "welcome") != 0)
        snap_key(e, TK_ESC);
}

static void leave_asks(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    snap_key(&e, TK_F5);                          /* high contrast, as a citizen chose */
    typed_then_back(&e);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    CU_ASSERT(e.cz.name.len > 0);
    snap_key(&e, TK_ESC);                         /* to the welcome screen: asked first */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    CU_ASSERT(snap_has(_("Leave and erase what you typed?")));
    CU_ASSERT(snap_check_screen("", lang, rows, cols, "leave-ask"));
    /* the hint bar shows the question's keys, not the list's under it,
     * and a touch on them answers as the keys do */
    char *bar = hint_bar();
    CU_ASSERT_PTR_NOT_NULL(strstr(bar, " 1 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(bar, _("Yes, erase it")));
    CU_ASSERT_PTR_NOT_NULL(strstr(bar, " Esc "));
    CU_ASSERT_PTR_NOT_NULL(strstr(bar, _("No, go on")));
    CU_ASSERT_PTR_NULL(strstr(bar, _("Open")));
    CU_ASSERT_PTR_NULL(strstr(bar, _("Browse")));
    CU_ASSERT_PTR_NULL(strstr(bar, _("Help")));
    free(bar);
    const click_region *no = bar_region(&e, ACT_BACK, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(no);
    snap_click(&e, no->y, no->x);
    CU_ASSERT(snap_lacks(_("Leave and erase what you typed?")));
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    snap_key(&e, TK_ESC);
    const click_region *yes = bar_region(&e, ACT_CHOOSE, 1);
    CU_ASSERT_PTR_NOT_NULL(yes);
    bar = hint_bar();                             /* asked again: its keys again */
    CU_ASSERT_PTR_NOT_NULL(strstr(bar, _("No, go on")));
    free(bar);
    snap_key(&e, TK_ESC);                         /* no: back to the dossier, nothing lost */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    CU_ASSERT(snap_lacks(_("Leave and erase what you typed?")));
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    snap_key(&e, TK_ESC);
    CU_ASSERT(snap_has(_("Leave and erase what you typed?")));
    snap_act(&e, ACT_CHOOSE, 1);                  /* yes: erased at once, as the idle wipe does */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT_EQUAL(e.cz.name.len, 0);
    CU_ASSERT_EQUAL(e.cz.id.len, 0);
    CU_ASSERT(all_zero(e.cz.id.buf, sizeof e.cz.id.buf));
    CU_ASSERT(!e.cz.consent);
    CU_ASSERT_EQUAL(e.a.theme, THEME_NORMAL);
    /* the next citizen starts with nothing of it */
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "khai sinh");
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    CU_ASSERT(snap_lacks("020090001234"));
    snap_close(&e);
}

TEST(walk_fixes, leave_asks_vi_80, "Esc to the welcome screen with data typed asks, yes erases (vi 80x24)")
{
    leave_asks("vi", 24, 80);
}

TEST(walk_fixes, leave_asks_en_120, "Esc to the welcome screen with data typed asks, yes erases (en 120x40)")
{
    leave_asks("en", 40, 120);
}

TEST(walk_fixes, leave_asks_vi_120, "the question at 120x40 in Vietnamese")
{
    leave_asks("vi", 40, 120);
}

TEST(walk_fixes, leave_asks_en_80, "the question at 80x24 in English")
{
    leave_asks("en", 24, 80);
}

TEST(walk_fixes, leave_without_data_goes, "Esc to the welcome screen with nothing typed goes at once")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "khai");
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_close(&e);
}

/* A touch target for {act, value} on the screen itself, not in the hint
 * bar (the last row): a button at least 8 columns wide. value -1: any. */
static int screen_rows;   /* of the walk under way */

static const click_region *button_for(snap_env *e, action act, int value)
{
    for (int i = e->a.fr.nregions - 1; i >= 0; i--) {
        const click_region *r = &e->a.fr.regions[i];
        if (r->act == act && (value < 0 || r->value == value) && r->y < screen_rows - 1 &&
            r->w >= 8)
            return r;
    }
    return NULL;
}

static bool tap_button(snap_env *e, action act, int value)
{
    const click_region *r = button_for(e, act, value);
    if (!r)
        return false;
    snap_click(e, r->y + r->h / 2, r->x + r->w / 2);
    return true;
}

/* Track by touch alone: its button looks the number up, then the digits. */
static void track_by_touch(const char *lang, int rows, int cols)
{
    snap_env e;
    screen_rows = rows;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    dossier d;
    memset(&d, 0, sizeof d);
    str_copy(d.proc_code, sizeof d.proc_code, "1.001193");
    d.form = FORM_BOTH;
    str_copy(d.name, sizeof d.name, "Nguyễn Văn An");
    str_copy(d.id_number, sizeof d.id_number, "020195001234");
    str_copy(d.phone, sizeof d.phone, "0912345678");
    str_copy(d.lang, sizeof d.lang, lang);
    d.consent_process = true;
    str_copy(d.kiosk_code, sizeof d.kiosk_code, "LS01");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(e.db, &d, "RA", "kiosk", NULL), PK_OK);
    snap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "track");
    CU_ASSERT(snap_check_screen("", lang, rows, cols, "track-button"));
    snap_type(&e, d.ref);
    CU_ASSERT_FATAL(tap_button(&e, ACT_NEXT, 0));
    CU_ASSERT(snap_has(_("Last 4 digits of the ID number or phone number on your dossier")));
    snap_type(&e, "1234");
    CU_ASSERT_FATAL(tap_button(&e, ACT_NEXT, 0));
    CU_ASSERT(snap_has("Nguyễn V. A."));
    snap_close(&e);
}

TEST(walk_fixes, track_button, "Track has a button for its action (vi, en; 80x24, 120x40)")
{
    track_by_touch("vi", 24, 80);
    track_by_touch("en", 24, 80);
    track_by_touch("vi", 40, 120);
    track_by_touch("en", 40, 120);
}

/* Not by post, no other way: calling staff is a button, the text says so. */
static void call_staff_by_touch(const char *lang, int rows, int cols)
{
    snap_env e;
    screen_rows = rows;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    to_procedure(&e, 1, "ket hon");
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "procedure");
    /* the text names the button (a line of its own or wrapped) */
    CU_ASSERT(snap_lacks("(press F4)") && snap_lacks("(nháº¥n F4)"));
    char quoted[96];
    snprintf(quoted, sizeof quoted, "\"%s\"", _("Call staff"));
    CU_ASSERT(snap_has(quoted));
    CU_ASSERT(snap_check_screen("", lang, rows, cols, "procedure-call-staff"));
    CU_ASSERT(!e.a.staff_notice);
    CU_ASSERT_FATAL(tap_button(&e, ACT_CALL_STAFF, 0));
    CU_ASSERT(e.a.staff_notice);
    snap_close(&e);
}

TEST(walk_fixes, not_by_post_call_staff, "not by post: a button calls staff (vi, en; 80x24, 120x40)")
{
    call_staff_by_touch("vi", 24, 80);
    call_staff_by_touch("en", 24, 80);
    call_staff_by_touch("vi", 40, 120);
    call_staff_by_touch("en", 40, 120);
}

/* The address screen's Next button: one tap goes on when all is filled
 * (the walk-through's first tap only moved the focus to "received by"). */
static void one_tap_walk(const char *lang, int rows, int cols)
{
    snap_env e;
    screen_rows = rows;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    to_address(&e);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "address");
    snap_type(&e, "cao");
    snap_key(&e, TK_ENTER);                    /* picks Xã Cao Lộc */
    snap_type(&e, "12 Traafn DDawng Ninh");    /* no Enter: the button next */
    CU_ASSERT_FATAL(tap_button(&e, ACT_NEXT, -1));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    snap_close(&e);
}

/* ... and with something missing, the one tap shows what (the focus goes
 * to it) and stays. */
static void address_next_shows_missing(const char *lang)
{
    snap_env e;
    screen_rows = 24;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
    to_procedure(&e, 3, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    snap_type(&e, "cao");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FATAL(tap_button(&e, ACT_NEXT, -1));   /* no street yet */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    CU_ASSERT_EQUAL(*(const int *)app_top_state(&e.a), 2);   /* F_STREET */
    snap_close(&e);
}

TEST(walk_fixes, address_next_one_tap, "address: one tap on Next goes on (vi, en; 80x24, 120x40)")
{
    one_tap_walk("vi", 24, 80);
    one_tap_walk("en", 24, 80);
    one_tap_walk("vi", 40, 120);
    one_tap_walk("en", 40, 120);
    address_next_shows_missing("vi");
    address_next_shows_missing("en");
}

/* How many fields show an error (its message begins with a cross). */
static int crosses(void)
{
    char *t = snap_text();
    int n = 0;
    for (const char *p = t; (p = strstr(p, "\xe2\x9c\x97")) != NULL; p += 3)
        n++;
    free(t);
    return n;
}

/* Enter on a wrong ID marks the ID, not the phone below it that the
 * citizen has not reached yet. */
static void wrong_id_walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    to_applicant(&e);
    for (int i = 0; i < 3 && e.a.ime != IME_TELEX; i++)
        snap_key(&e, TK_F3);
    snap_type(&e, "Nguyeenx Vawn An");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "0200900");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_EQUAL(focus_of(&e), 1);
    CU_ASSERT_EQUAL(crosses(), 1);                               /* one field in error */
    CU_ASSERT(snap_has("0200900"));
    CU_ASSERT(snap_has(_("10 digits, starting with 0")));        /* the phone's hint */
    CU_ASSERT(snap_lacks(_("Please fill in this field.")));
    CU_ASSERT(snap_check_screen("", lang, rows, cols, "applicant-id-error"));
    /* the phone reached and left empty: now it is marked */
    clear_field(&e);
    snap_type(&e, "020090001234");            /* moves on by itself */
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    snap_key(&e, TK_ENTER);                    /* the typist's Enter for the ID */
    CU_ASSERT(snap_lacks(_("Please fill in this field.")));
    snap_key(&e, TK_ENTER);                    /* Enter on the empty phone */
    CU_ASSERT(snap_has(_("Please fill in this field.")));
    snap_close(&e);
}

TEST(walk_fixes, wrong_id_marks_id_only, "applicant: Enter on a wrong ID marks only the ID (vi, en; 80x24, 120x40)")
{
    wrong_id_walk("vi", 24, 80);
    wrong_id_walk("en", 24, 80);
    wrong_id_walk("vi", 40, 120);
    wrong_id_walk("en", 40, 120);
}

/* The catalog of one procedure whose papers' names say their kind ("Bản
 * sao giấy chứng tử"), and one that does not say it in English. */
static void seed_copies(snap_env *e)
{
    procedure p;
    memset(&p, 0, sizeof p);
    str_copy(p.code, sizeof p.code, "1.000656");
    str_copy(p.name_vi, sizeof p.name_vi, "Đăng ký khai tử");
    str_copy(p.name_en, sizeof p.name_en, "Death registration");
    str_copy(p.agency, sizeof p.agency, "UBND cấp xã");
    str_copy(p.level, sizeof p.level, "commune");
    str_copy(p.field_vi, sizeof p.field_vi, "Hộ tịch");
    str_copy(p.field_en, sizeof p.field_en, "Civil status");
    str_copy(p.provenance, sizeof p.provenance, "ESTIMATE: test fixture");
    p.bcci_submit = p.bcci_return = true;
    p.days = 3;
    const struct { const char *vi, *en; doc_kind k; } docs[] = {
        {"Tờ khai đăng ký khai tử", "Death registration form", DOC_ORIGINAL},
        {"Bản sao giấy chứng tử", "Copy of the death certificate", DOC_COPY},
        {"Bản sao chứng thực giấy tờ tùy thân", "Certified copy of the identity document", DOC_COPY},
    };
    for (int i = 0; i < 3; i++) {
        p.docs[i].seq = i + 1;
        str_copy(p.docs[i].name_vi, sizeof p.docs[i].name_vi, docs[i].vi);
        str_copy(p.docs[i].name_en, sizeof p.docs[i].name_en, docs[i].en);
        p.docs[i].kind = docs[i].k;
        p.docs[i].required = true;
    }
    p.ndocs = 3;
    CU_ASSERT_EQUAL_FATAL(store_procedures_replace(e->db, &p, 1), PK_OK);
}

/* A paper's kind is said once (walk-through: "Bản sao: Bản sao chứng
 * thực ..."): on the procedure's page and the papers' list, in both
 * languages; a name that does not begin with it keeps the label. */
static void kind_once(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    seed_copies(&e);
    bool vi = strcmp(lang, "vi") == 0;
    to_procedure(&e, 1, "khai tu");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    CU_ASSERT(snap_has("Bản sao giấy chứng tử"));
    CU_ASSERT(snap_lacks(vi ? "Bản sao giấy chứng tử — bản sao" : "(Copy of the death certificate) — copy"));
    CU_ASSERT(snap_has(vi ? "Tờ khai đăng ký khai tử — bản chính" : "(Death registration form) — original"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "documents");
    CU_ASSERT(snap_has("Bản sao giấy chứng tử"));
    CU_ASSERT(snap_lacks(vi ? "Bản sao: Bản sao" : "Copy: Bản sao giấy chứng tử"));
    CU_ASSERT(snap_has(vi ? "Bản chính: Tờ khai đăng ký khai tử" : "Original: Tờ khai đăng ký khai tử"));
    /* English: "Certified copy of ..." does not begin with "Copy" */
    CU_ASSERT(vi ? snap_lacks("Bản sao: Bản sao chứng thực") : snap_has("Copy: Bản sao chứng thực"));
    snap_close(&e);
}

TEST(walk_fixes, doc_kind_once, "a paper whose name says its kind is not labelled again (vi, en; 120x40)")
{
    kind_once("vi", 40, 120);
    kind_once("en", 40, 120);
}

/* The screen's text with every run of blanks and line ends as one space:
 * a sentence wrapped over lines reads as one (malloc'ed). */
static char *flat_text(void)
{
    char *t = snap_text();
    size_t k = 0;
    for (size_t i = 0; t[i]; i++) {
        bool blank = t[i] == ' ' || t[i] == '\n';
        if (blank && (k == 0 || t[k - 1] == ' '))
            continue;
        t[k++] = blank ? ' ' : t[i];
    }
    t[k] = '\0';
    return t;
}

/* The procedures' Help says why the list opens with some procedures
 * first (store_procedures_first: "Most requested here first"). */
static void procedures_help(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    snap_key(&e, TK_F1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "help");
    char *t = flat_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(t, strcmp(lang, "vi") == 0
                                         ? "Khi chưa gõ gì, danh sách mở ra với các thủ tục được "
                                           "làm nhiều nhất ở máy này."
                                         : "When nothing is typed, the list opens with the "
                                           "procedures most requested at this kiosk."));
    free(t);
    CU_ASSERT(snap_check_screen("", lang, rows, cols, "procedures-help"));
    snap_close(&e);
}

TEST(walk_fixes, procedures_help_most_requested, "the procedures' Help tells why the most requested come first (vi, en; 80x24, 120x40)")
{
    procedures_help("vi", 24, 80);
    procedures_help("en", 24, 80);
    procedures_help("vi", 40, 120);
    procedures_help("en", 40, 120);
}

/* Money reads the same on screen as on the receipt: "24,000 VND" in
 * English, "24.000 đ" in Vietnamese (walk-through: English screens showed
 * "24.000 đ"). The postage of the fixture's tariff is 24000. */
static void money_on_screen(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 40, 120, lang));
    bool en = strcmp(lang, "en") == 0;
    to_procedure(&e, 1, "khai sinh");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    CU_ASSERT(snap_has(en ? "24,000 VND" : "24.000 đ"));
    CU_ASSERT(snap_lacks(en ? "24.000 đ" : "VND"));
    snap_close(&e);
}

TEST(walk_fixes, money_by_language, "the procedure's page shows money as the receipt does (vi, en)")
{
    money_on_screen("vi");
    money_on_screen("en");
}

SUITE(walk_fixes, NULL, NULL);
