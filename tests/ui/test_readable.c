/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15 defect 2: no text is cut anywhere on the citizen's screens.
 * term_put counts every text it could not draw whole (and list rows
 * shortened with "…"); each state a citizen can reach — long paper names,
 * every field's error, the review's error line, the dialogs, the hint
 * bars — is drawn at 80x24, 100x30 and 120x40 in Vietnamese and English
 * and must count none. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citizen_steps.h"
#include "i18n.h"
#include "store.h"
#include "unit.h"

/* Birth registration with papers whose names are as long as real ones. */
static void long_papers(snap_env *e)
{
    static const char *const codes[] = {"1.001193", "2.000488", "1.000894"};
    procedure ps[3];
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL_FATAL(store_procedure_get(e->db, codes[i], &ps[i]), PK_OK);
    procedure *p = &ps[0];
    proc_doc *d = &p->docs[p->ndocs];
    memset(d, 0, sizeof *d);
    d->seq = p->ndocs + 1;
    str_copy(d->name_vi, sizeof d->name_vi,
             "Giấy tờ, tài liệu chứng minh nơi cư trú hoặc giấy xác nhận thông tin về cư trú "
             "do cơ quan có thẩm quyền cấp");
    str_copy(d->name_en, sizeof d->name_en,
             "Papers proving the place of residence, or a confirmation of residence issued by "
             "the competent authority");
    d->kind = DOC_COPY;
    d->required = false;
    p->ndocs++;
    CU_ASSERT_EQUAL_FATAL(store_procedures_replace(e->db, ps, 3), PK_OK);
}

#define READABLE(what)                                                                   \
    do {                                                                                 \
        char what_[96];                                                                  \
        snprintf(what_, sizeof what_, "%s %dx%d %s", lang, cols, rows, what);            \
        CU_ASSERT(snap_readable(what_));                                                 \
    } while (0)

/* Golden files for the states this suite adds, at the two kiosk sizes. */
#define GOLDEN(screen)                                                                   \
    do {                                                                                 \
        if (cols != 100)                                                                 \
            CU_ASSERT(snap_check_screen("", lang, rows, cols, screen));                  \
    } while (0)

static void walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    long_papers(&e);
    READABLE("welcome");
    snap_key(&e, TK_F4);
    READABLE("call staff");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_F10);
    snap_type(&e, "99");
    snap_key(&e, TK_ENTER);
    READABLE("staff PIN wrong");
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 3);
    READABLE("procedures, empty");
    snap_type(&e, "khai sinh");
    READABLE("procedures");
    snap_act(&e, ACT_CHOOSE, 1);
    READABLE("procedure");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "documents");
    READABLE("documents");
    snap_act(&e, ACT_CHOOSE, 4);
    READABLE("documents, the long one ticked");
    GOLDEN("documents-long");
    snap_key(&e, TK_ENTER);
    READABLE("consent");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    READABLE("applicant");
    snap_key(&e, TK_ENTER);
    READABLE("applicant, no name");
    snap_type(&e, "A");
    snap_key(&e, TK_ENTER);
    READABLE("applicant, short name");
    clear_field(&e);
    fill_applicant(&e);
    snap_wait(&e, 72000);
    READABLE("countdown");
    snap_key(&e, TK_ENTER);              /* extends the time, used up */
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    snap_type(&e, "zzz");
    snap_key(&e, TK_ENTER);
    READABLE("address, no commune");
    clear_field(&e);
    fill_address(&e);
    READABLE("address");
    for (int i = 0; i < 3 && strcmp(snap_top(&e), "address") == 0; i++)
        snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    READABLE("review");
    /* the database refuses the dossier: the review says so, whole */
    store *other = NULL;
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(e.db_path, &other, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(other), PK_OK);   /* a writer holds the lock */
    store_set_busy_timeout(e.db, 0);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    READABLE("review, not stored");
    GOLDEN("review-not-stored");
    store_tx_rollback(other);
    store_close(other);
    store_set_busy_timeout(e.db, 5000);
    snap_key(&e, TK_F1);
    READABLE("help");
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    READABLE("done");
    snap_wait(&e, 2000);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 4);
    READABLE("track");
    snap_type(&e, "LS01-999999");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "1234");
    snap_key(&e, TK_ENTER);
    READABLE("track, unknown");
    snap_close(&e);
}

TEST(readable, vi_80, "nothing cut: vi 80x24") { walk("vi", 24, 80); }
TEST(readable, en_80, "nothing cut: en 80x24") { walk("en", 24, 80); }
TEST(readable, vi_100, "nothing cut: vi 100x30") { walk("vi", 30, 100); }
TEST(readable, en_100, "nothing cut: en 100x30") { walk("en", 30, 100); }
TEST(readable, vi_120, "nothing cut: vi 120x40") { walk("vi", 40, 120); }
TEST(readable, en_120, "nothing cut: en 120x40") { walk("en", 40, 120); }

SUITE(readable, NULL, NULL);
