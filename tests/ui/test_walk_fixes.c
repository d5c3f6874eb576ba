/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15, the walk-through's left-overs: going back to the welcome
 * screen with data typed, and the applicant's error marks. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "citizen_steps.h"
#include "i18n.h"
#include "keys.h"
#include "unit.h"

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

SUITE(walk_fixes, NULL, NULL);
