/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inputs the clerk can trust (issue 13 items 6 and 8), on the screens: a
 * seal number already used, an appointment date in the past, the date
 * filter showing what is typed, a practice receipt scanned, a lost item
 * that needs a description and a confirmation. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk_fixture.h"
#include "dossier.h"
#include "i18n.h"
#include "receipt.h"
#include "snap.h"
#include "unit.h"

/* Chooses the numbered action whose label is on screen ("  2  Label"). */
static bool choose(snap_env *e, const char *label)
{
    char *t = snap_text();
    int pick = 0;
    for (char *line = strtok(t, "\n"); line && !pick; line = strtok(NULL, "\n")) {
        char *at = strstr(line, label);
        if (!at)
            continue;
        for (char *p = at; p > line; p--)
            if (p[-1] >= '1' && p[-1] <= '9' && (p - 1 == line || p[-2] == ' ')) {
                pick = p[-1] - '0';
                break;
            }
    }
    free(t);
    if (!pick) {
        fprintf(stderr, "\nno action \"%s\" on screen\n", label);
        return false;
    }
    snap_act(e, ACT_CHOOSE, pick);
    return true;
}

/* Signs in, opens the dossier of the queue's search text. */
static void open_dossier(snap_env *e, const char *ref)
{
    snap_act(e, ACT_CHOOSE, 1);
    snap_type(e, ref);
    snap_key(e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(e), "clerk_dossier");
}

static void accept_with(snap_env *e, const char *seal)
{
    CU_ASSERT_FATAL(choose(e, _("Accept at the counter")));
    snap_type(e, seal);
    snap_key(e, TK_ENTER);   /* seal, fee, postage, confirm */
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
}

TEST(clerk_trust, seal_reused, "a seal number already used is refused on the form")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    open_dossier(&e, e.refs[1]);
    accept_with(&e, "NP-0042");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ESC);
    tf_set(&e.ui.search, "");
    open_dossier(&e, e.refs[0]);
    accept_with(&e, "np-0042");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_action");
    CU_ASSERT(snap_has("already used"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE status = 'accepted'"), 1);
    snap_close(&e);
}

/* Before the counter has counted anything the dossier's papers are the
 * ones the citizen ticked at the kiosk: the walk-through found them under
 * "Documents handed over", with ticks, for a dossier nobody had brought
 * yet. Counted at acceptance, they are handed over. */
TEST(clerk_trust, ticked_not_handed, "a registered dossier's papers are ticked, not handed over")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 40, 120, "en"));
    snap_sign_in(&e);
    open_dossier(&e, e.refs[1]);
    CU_ASSERT(snap_lacks(_("Documents handed over:")));
    CU_ASSERT(snap_has(_("Papers the citizen ticked (not counted yet):")));
    accept_with(&e, "NP-0077");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    CU_ASSERT(snap_has(_("Documents handed over:")));
    CU_ASSERT(snap_lacks(_("Papers the citizen ticked (not counted yet):")));
    snap_close(&e);
}

/* The past-appointment refusal is the store's (store_trust
 * appointment_past); on screen, handing over from a dossier now goes to
 * the one handover screen, which makes the record (issue 13 item 8). */
TEST(clerk_trust, handover_one_place, "hand over from a dossier: the handover screen")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    open_dossier(&e, e.refs[1]);
    accept_with(&e, "NP-0042");
    CU_ASSERT_FATAL(choose(&e, "Hand over to the agency"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_handover");
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE status = 'handed'"), 0);
    snap_close(&e);
}

/* The agency's appointment date on the handover screen: Tab, the date,
 * Enter. A past one is refused with the form's message and nothing moves;
 * a good one goes on every dossier of the record. */
static void handover_date(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    bool en = strcmp(lang, "en") == 0;
    snap_sign_in(&e);
    open_dossier(&e, e.refs[1]);
    accept_with(&e, "NP-0042");
    CU_ASSERT_FATAL(choose(&e, _("Hand over to the agency")));
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "clerk_handover");
    snap_key(&e, TK_TAB);
    snap_type(&e, "24/11/2026");             /* the day before the fixture's today */
    snap_key(&e, TK_ENTER);
    if (en)
        CU_ASSERT(snap_has("This date is in the past"));
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "handover-date-past"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM handovers"), 0);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE status = 'handed'"), 0);
    for (int i = 0; i < 10; i++)
        snap_key(&e, TK_BACKSPACE);
    snap_type(&e, "31/02/2027");             /* not a date */
    snap_key(&e, TK_ENTER);
    if (en)
        CU_ASSERT(snap_has("Please type a real date"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM handovers"), 0);
    for (int i = 0; i < 10; i++)
        snap_key(&e, TK_BACKSPACE);
    snap_type(&e, "02/12/2026");
    snap_key(&e, TK_ENTER);                  /* Enter in the date makes the record */
    CU_ASSERT(snap_has("02/12/2026"));
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "handover-date-done"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM handovers"), 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE status = 'handed'"
                                 " AND appointment_date = '2026-12-02'"), 1);
    snap_close(&e);
}

TEST(clerk_trust, handover_date_en_80, "handover appointment date en 80x24") { handover_date("en", 24, 80); }
TEST(clerk_trust, handover_date_en_100, "handover appointment date en 100x30") { handover_date("en", 30, 100); }
TEST(clerk_trust, handover_date_vi_80, "handover appointment date vi 80x24") { handover_date("vi", 24, 80); }
TEST(clerk_trust, handover_date_vi_100, "handover appointment date vi 100x30") { handover_date("vi", 30, 100); }
TEST(clerk_trust, handover_date_en_120, "handover appointment date en 120x40") { handover_date("en", 40, 120); }
TEST(clerk_trust, handover_date_vi_120, "handover appointment date vi 120x40") { handover_date("vi", 40, 120); }

/* The papers counted at acceptance: Tab past the fields to the checklist
 * (the documents ticked, 1 sheet each), digits for the sheets, Space for
 * original / copy; the slip prints what was entered. */
TEST(clerk_trust, accept_counts_papers, "the accept form's checklist goes onto the slip")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 40, 120, "en"));
    dossier d;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(e.db, e.refs[1], &d), PK_OK);
    int ticked = 0, first = -1, second = -1;
    for (int k = 0; k < d.ndocs; k++)
        if (d.docs[k].handed) {
            ticked++;
            if (first < 0)
                first = k;
            else if (second < 0)
                second = k;
        }
    CU_ASSERT_FATAL(ticked >= 2);
    bool second_original = d.docs[second].kind == DOC_ORIGINAL;
    snap_sign_in(&e);
    open_dossier(&e, e.refs[1]);
    CU_ASSERT_FATAL(choose(&e, _("Accept at the counter")));
    snap_type(&e, "NP-0077");
    for (int i = 0; i < 4; i++)              /* fee, postage, missing, the checklist */
        snap_key(&e, TK_TAB);
    snap_type(&e, "3");                      /* the first paper: 3 sheets */
    snap_key(&e, TK_DOWN);
    snap_type(&e, "12");                     /* the second: 12 sheets, */
    snap_type(&e, " ");                      /* and the other kind */
    CU_ASSERT(snap_has(d.docs[first].name_vi));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    char path[700], cmd[800];
    snprintf(path, sizeof path, "%s/papers/%s-slip.pdf", e.cfg.home, e.refs[1]);
    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
    FILE *p = popen(cmd, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, p);
    text[n] = '\0';
    CU_ASSERT_EQUAL(pclose(p), 0);
    char want[64];
    snprintf(want, sizeof want, "Tổng số tờ: %d", 3 + 12 + (ticked - 2));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, want));
    /* the second paper's row says the kind the clerk switched to */
    const char *row = strstr(text, d.docs[second].name_vi);
    CU_ASSERT_PTR_NOT_NULL_FATAL(row);
    const char *eol = strchr(row, '\n');
    const char *kind = strstr(row, second_original ? "Bản sao" : "Bản chính");
    CU_ASSERT(kind && (!eol || kind < eol));
    mem_wipe(&d, sizeof d);
    snap_close(&e);
}

TEST(clerk_trust, date_filter_shows_typed, "the date filter shows what is typed")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "vi"));
    snap_sign_in(&e);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_BACKTAB);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_filters");
    snap_key(&e, TK_DOWN);
    snap_type(&e, "21/11/2026");
    snap_key(&e, TK_DOWN);
    snap_type(&e, "23/11/2026");
    CU_ASSERT(snap_has("21/11/2026"));
    CU_ASSERT(snap_has("23/11/2026"));
    snap_close(&e);
}

TEST(clerk_trust, practice_receipt, "the scanner says practice receipt")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 24, 80, "en"));
    snap_sign_in(&e);
    char payload[128];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, PK_PRACTICE_KIOSK_CODE "-000002", 1767225600,
                                          payload, sizeof payload), PK_OK);
    snap_scan(&e, payload);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    CU_ASSERT(snap_has("practice receipt"));
    CU_ASSERT(snap_lacks("WARNING"));
    snap_scan(&e, PK_PRACTICE_S10_PREFIX "000000014VN");   /* its S10 barcode */
    CU_ASSERT(snap_has("practice receipt"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'scan_rejected'"
                                 " AND detail = 'practice'"), 2);
    snap_close(&e);
}

/* A lost item: a description, a confirmation, then the compensation case
 * on the dossier and in the clerk's list of lost or damaged items. */
static void lost(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    bool en = strcmp(lang, "en") == 0;
    snap_sign_in(&e);
    open_dossier(&e, e.refs[0]);
    CU_ASSERT_FATAL(choose(&e, _("Record the item as lost")));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_action");
    snap_key(&e, TK_ENTER);                  /* no description */
    if (en)
        CU_ASSERT(snap_has("Please describe what happened"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE incident <> ''"), 0);
    snap_type(&e, en ? "Envelope torn open in the van" : "Phong bi bij raachs");
    snap_key(&e, TK_ENTER);                  /* asked once more */
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "lost-confirm"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE incident <> ''"), 0);
    snap_key(&e, TK_ESC);                    /* no: back to the form, nothing stored */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_action");
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE incident <> ''"), 0);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);             /* yes */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "dossier-lost"));
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM dossiers WHERE incident = 'lost'"), 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM audit WHERE action = 'incident'"
                                 " AND actor = 'nv01' AND detail = 'lost'"), 1);
    CU_ASSERT_EQUAL(cx_int(e.db, "SELECT count(*) FROM events WHERE note LIKE 'lost: %'"), 1);
    /* the clerk's list: the status filter's last choice */
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_queue");
    tf_set(&e.ui.search, "");
    for (int i = 0; i < ST__COUNT + 2; i++)
        snap_key(&e, TK_TAB);
    CU_ASSERT(snap_has(_("Lost or damaged")));
    CU_ASSERT(snap_has(e.refs[0]));
    CU_ASSERT(snap_lacks(e.refs[1]));
    snap_close(&e);
}

TEST(clerk_trust, lost_vi_80, "a lost item, vi 80x24") { lost("vi", 24, 80); }
TEST(clerk_trust, lost_vi_100, "a lost item, vi 100x30") { lost("vi", 30, 100); }
TEST(clerk_trust, lost_en_80, "a lost item, en 80x24") { lost("en", 24, 80); }
TEST(clerk_trust, lost_en_100, "a lost item, en 100x30") { lost("en", 30, 100); }
TEST(clerk_trust, lost_vi_120, "a lost item, vi 120x40") { lost("vi", 40, 120); }
TEST(clerk_trust, lost_en_120, "a lost item, en 120x40") { lost("en", 40, 120); }

SUITE(clerk_trust, NULL, NULL);

/* A procedure with twelve papers, some with long names, all handed in: a
 * fifth dossier beside the fixture's four. */
enum { NLONG = 12 };
static const char *const long_papers[NLONG] = {
    "Tờ khai đăng ký khai sinh",
    "Giấy chứng sinh do cơ sở y tế nơi trẻ em sinh ra cấp",
    "Giấy chứng nhận kết hôn của cha mẹ",
    "Văn bản ủy quyền có chứng thực của Ủy ban nhân dân xã, phường, thị trấn nơi người ủy quyền cư trú",
    "Căn cước của người đi đăng ký",
    "Biên bản xác nhận việc trẻ bị bỏ rơi",
    "Giấy tờ chứng minh nơi cư trú",
    "Văn bản thỏa thuận của cha mẹ về việc chọn quốc tịch cho con",
    "Giấy xác nhận của cơ quan công an về việc trẻ chưa được đăng ký khai sinh",
    "Sổ hộ khẩu",
    "Giấy tờ tùy thân của người làm chứng",
    "Tờ cam đoan về việc sinh",
};

static void long_dossier(snap_env *e, char ref[PK_REF_MAX])
{
    dossier d;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(e->db, e->refs[0], &d), PK_OK);
    d.ref[0] = '\0';
    d.ndocs = NLONG;
    for (int k = 0; k < NLONG; k++) {
        memset(&d.docs[k], 0, sizeof d.docs[k]);
        str_copy(d.docs[k].name_vi, sizeof d.docs[k].name_vi, long_papers[k]);
        d.docs[k].kind = k % 3 ? DOC_COPY : DOC_ORIGINAL;
        d.docs[k].handed = true;
    }
    int64_t job = 0;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(e->db, &d, "RA", "kiosk", &job), PK_OK);
    str_copy(ref, PK_REF_MAX, d.ref);
    mem_wipe(&d, sizeof d);
}

/* The accept form at 80x24 has room for a few papers: the checklist moves
 * with the focus, says what is above and below, cuts no name, and every
 * count typed reaches the acceptance slip. */
static void long_checklist(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, rows, cols, lang));
    bool en = strcmp(lang, "en") == 0;
    char ref[PK_REF_MAX];
    long_dossier(&e, ref);
    snap_sign_in(&e);
    open_dossier(&e, ref);
    CU_ASSERT_FATAL(choose(&e, _("Accept at the counter")));
    snap_type(&e, "NP-0808");
    CU_ASSERT(snap_readable("accept, fields"));
    if (rows < 40)                           /* the fields leave room for a few */
        CU_ASSERT(snap_has(en ? "More papers below" : "Còn giấy tờ ở dưới"));
    for (int i = 0; i < 4; i++)              /* fee, postage, missing, the checklist */
        snap_key(&e, TK_TAB);
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "accept-papers-top"));
    CU_ASSERT(snap_has("NP-0808"));          /* the fields, one line each */
    if (rows == 24)
        CU_ASSERT(snap_has(en ? "More papers below" : "Còn giấy tờ ở dưới"));
    int sheets = 0;
    for (int k = 0; k < NLONG; k++) {
        char digit[2] = {(char)('1' + k % 9), '\0'};
        snap_type(&e, digit);                /* paper k: 1 to 9 sheets */
        sheets += 1 + k % 9;
        CU_ASSERT(snap_readable(long_papers[k]));
        /* the focused paper is on screen, its name whole (wrapped) */
        char start[24];
        snprintf(start, sizeof start, "%.16s", long_papers[k]);
        CU_ASSERT(snap_has(start));
        if (k < NLONG - 1)
            snap_key(&e, TK_DOWN);
    }
    snap_type(&e, " ");                      /* the last: the other kind */
    CU_ASSERT(snap_check_screen("clerk", lang, rows, cols, "accept-papers-end"));
    if (rows == 24) {
        CU_ASSERT(snap_has(en ? "More papers above" : "Còn giấy tờ ở trên"));
        CU_ASSERT(snap_lacks(en ? "More papers below" : "Còn giấy tờ ở dưới"));
        CU_ASSERT(snap_lacks(long_papers[0]));
    }
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_dossier");
    char path[700], cmd[800];
    snprintf(path, sizeof path, "%s/papers/%s-slip.pdf", e.cfg.home, ref);
    snprintf(cmd, sizeof cmd, "pdftotext -raw '%s' -", path);
    FILE *p = popen(cmd, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    static char text[131072];
    size_t n = fread(text, 1, sizeof text - 1, p);
    text[n] = '\0';
    CU_ASSERT_EQUAL(pclose(p), 0);
    char want[64];
    snprintf(want, sizeof want, "Tổng số tờ: %d", sheets);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "Tờ khai đăng ký khai sinh"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "Tờ cam đoan về việc sinh"));   /* the last one */
    snap_close(&e);
}

TEST(clerk_trust, long_checklist_en_80, "twelve papers on the accept form, en 80x24") { long_checklist("en", 24, 80); }
TEST(clerk_trust, long_checklist_vi_80, "twelve papers on the accept form, vi 80x24") { long_checklist("vi", 24, 80); }
TEST(clerk_trust, long_checklist_en_100, "twelve papers on the accept form, en 100x30") { long_checklist("en", 30, 100); }
TEST(clerk_trust, long_checklist_vi_100, "twelve papers on the accept form, vi 100x30") { long_checklist("vi", 30, 100); }
TEST(clerk_trust, long_checklist_en_120, "twelve papers on the accept form, en 120x40") { long_checklist("en", 40, 120); }
TEST(clerk_trust, long_checklist_vi_120, "twelve papers on the accept form, vi 120x40") { long_checklist("vi", 40, 120); }
