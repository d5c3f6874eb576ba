/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The citizen flow's data path, headless: commit before print, print
 * failure, consent refusal, scanner bursts, editing from review, hostile
 * text, key debounce, English search, a missing tariff. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "citizen_steps.h"
#include "i18n.h"
#include "receipt.h"
#include "store_clerk.h"
#include "unit.h"

TEST(citizen_flow, commit_then_print, "commit then print: row, job, receipt")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    to_procedure(&e, 1, "ly lich");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_act(&e, ACT_CHOOSE, 2);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    CU_ASSERT_EQUAL(e.cz.print_err, PK_OK);
    dossier d;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(e.db, e.cz.done.ref, &d), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.name, "Nguyễn Văn An");
    CU_ASSERT_STRING_EQUAL(d.id_number, "020090001234");
    CU_ASSERT_STRING_EQUAL(d.proc_code, "2.000488");
    CU_ASSERT_EQUAL(d.form, FORM_SEND);
    CU_ASSERT_EQUAL(d.status, ST_REGISTERED);
    CU_ASSERT_EQUAL(d.ndocs, 2);
    CU_ASSERT_TRUE(d.docs[0].handed && d.docs[1].handed);
    CU_ASSERT_EQUAL(d.fee_total, 200000 + 24000);
    CU_ASSERT_TRUE(d.consent_process);
    audit_row rows[4];
    int nrows = 0;
    CU_ASSERT_EQUAL(store_audit_list(e.db, 0, rows, 4, &nrows), PK_OK);
    bool consent = false;
    for (int i = 0; i < nrows; i++)
        if (strcmp(rows[i].action, "consent") == 0) {
            consent = true;
            CU_ASSERT_STRING_EQUAL(rows[i].object, d.ref);
            CU_ASSERT_PTR_NOT_NULL(strstr(rows[i].detail, "notice=" CITIZEN_NOTICE_VERSION));
            CU_ASSERT_PTR_NULL(strstr(rows[i].detail, "020090001234"));
        }
    CU_ASSERT_TRUE(consent);
    print_job jobs[4];
    int n = 0;
    CU_ASSERT_EQUAL(store_jobs_list(e.db, JOB_PRINTED, jobs, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    char png[256];
    snprintf(png, sizeof png, "%s/receipts/%s.png", e.dir, d.ref);
    FILE *f = fopen(png, "rb");
    CU_ASSERT_PTR_NOT_NULL(f);
    if (f)
        fclose(f);
    /* Esc on the done screen never goes back into the committed form */
    snap_wait(&e, 2000);
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT(all_zero(e.cz.done.id_number, sizeof e.cz.done.id_number));
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), 1);
    snap_close(&e);
}

TEST(citizen_flow, print_failure_keeps_dossier, "print failure keeps the dossier, job pending")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    printer_close(e.pr);
    e.pr = NULL;
    e.a.pr = NULL;                          /* unplugged */
    to_applicant(&e);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    CU_ASSERT(snap_has("could not be printed"));
    CU_ASSERT(snap_has("LS01-000001"));
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), 1);
    print_job jobs[4];
    int n = 0;
    CU_ASSERT_EQUAL(store_jobs_list(e.db, JOB_PENDING, jobs, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    snap_wait(&e, 31000);                   /* back home by itself */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_close(&e);
}

TEST(citizen_flow, decline_consent_stores_nothing, "declining consent stores nothing")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "consent");
    snap_key(&e, TK_ENTER);                 /* nothing pointed at: nothing happens */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "consent");
    snap_act(&e, ACT_CHOOSE, 2);
    CU_ASSERT(snap_has("Nothing was kept"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT_FALSE(e.cz.have_proc);
    CU_ASSERT(all_zero(e.cz.handed, sizeof e.cz.handed));
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), 0);
    snap_close(&e);
}

/* A scanner types the QR payload in a burst: it becomes one ACT_SCAN and
 * opens the dossier's status from any screen; a forged one is refused. */
typedef struct {
    const char *keys;
    size_t pos;
} fake_src;

static bool fake_read(app *a, term_input *in, int timeout_ms)
{
    (void)timeout_ms;
    fake_src *f = a->source_ctx;
    memset(in, 0, sizeof *in);
    if (!f->keys[f->pos])
        return false;
    char c = f->keys[f->pos++];
    if (c == '\n') {
        in->kind = TI_KEY;
        in->key = TK_ENTER;
    } else {
        in->kind = TI_CHAR;
        in->cp = (unsigned char)c;
    }
    return true;
}

TEST(citizen_flow, scanner_opens_status, "scanner burst opens the status; forged refused")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_applicant(&e);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_wait(&e, 2000);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    char payload[128], line[160];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, "LS01-000001", e.a.fixed_time, payload,
                                          sizeof payload), PK_OK);
    snprintf(line, sizeof line, "%s\n", payload);
    fake_src src = {line, 0};
    e.a.source = fake_read;
    e.a.source_ctx = &src;
    for (int i = 0; i < 4; i++)
        app_step(&e.a, 0);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    CU_ASSERT(snap_has("Nguy\xe1\xbb\x85n V. A."));
    CU_ASSERT(snap_lacks("0912345678"));
    CU_ASSERT(snap_lacks("020090001234"));
    /* tampered: one MAC character changed */
    size_t n = strlen(payload);
    payload[n - 1] = payload[n - 1] == 'A' ? 'B' : 'A';
    snprintf(line, sizeof line, "%s\n", payload);
    src.keys = line;
    src.pos = 0;
    for (int i = 0; i < 4; i++)
        app_step(&e.a, 0);
    CU_ASSERT(snap_has("could not be verified"));
    audit_row rows[4];
    int nrows = 0;
    CU_ASSERT_EQUAL(store_audit_list(e.db, 0, rows, 4, &nrows), PK_OK);
    CU_ASSERT(nrows >= 2);
    CU_ASSERT_STRING_EQUAL(rows[0].action, "scan_rejected");   /* newest first */
    CU_ASSERT_STRING_EQUAL(rows[0].detail, "bad_mac");
    CU_ASSERT_STRING_EQUAL(rows[1].action, "kiosk_lookup");
    CU_ASSERT_STRING_EQUAL(rows[1].object, "LS01-000001");
    CU_ASSERT_PTR_NULL(strstr(rows[0].detail, "VNK"));
    /* a person typing (not a burst of a payload) goes key by key */
    src.keys = "Kx";
    src.pos = 0;
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 1);
    for (int i = 0; i < 4; i++)
        app_step(&e.a, 0);
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "Kx");
    e.a.source = NULL;
    snap_close(&e);
}

TEST(citizen_flow, edit_from_review_comes_back, "edit from review comes back to review")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_applicant(&e);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    int depth = e.a.depth;
    snap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    snap_key(&e, TK_DOWN);
    snap_key(&e, TK_DOWN);
    for (int i = 0; i < 12; i++)
        snap_key(&e, TK_BACKSPACE);
    snap_type(&e, "0987654321");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    CU_ASSERT_EQUAL(e.a.depth, depth);
    CU_ASSERT(snap_has("0987654321"));
    /* a new procedure needs its papers ticked again, then back here */
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    for (int i = 0; i < 12; i++)
        snap_key(&e, TK_BACKSPACE);
    snap_type(&e, "ly lich");
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "documents");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    CU_ASSERT_EQUAL(e.a.depth, depth);
    CU_ASSERT_STRING_EQUAL(e.cz.proc.code, "2.000488");
    snap_close(&e);
}

/* A key held down (auto-repeat) or struck twice does not walk through two
 * screens; pressed again later, it works. */
TEST(citizen_flow, held_key_crosses_one_screen, "a held key crosses one screen, not two")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    e.a.debounce_ms = 300;
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    for (int i = 0; i < 10; i++) {             /* auto-repeat: 30 per second */
        e.a.now_ms += 33;
        snap_act(&e, ACT_CHOOSE, 1);
    }
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    e.a.now_ms += 400;                          /* released, pressed again */
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    e.a.now_ms += 10;
    snap_key(&e, TK_ESC);                       /* another key is never held back */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    snap_close(&e);
}

/* In English the search is typed as it is: Telex would turn "marriage"
 * into "mariage"; in Vietnamese it stays on (accents optional anyway). */
TEST(citizen_flow, english_search_typed_as_is, "English searches are typed as they are")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "marriage");
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "marriage");
    CU_ASSERT_EQUAL(e.a.ime, IME_OFF);
    snap_key(&e, TK_F2);                        /* Vietnamese: Telex applies */
    clear_field(&e);
    snap_type(&e, "ddawng");
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "\xc4\x91\xc4\x83ng");
    CU_ASSERT(snap_has("\xc4\x90\xc4\x83ng k\xc3\xbd khai sinh"));
    snap_close(&e);
}


/* English means English: the name field starts with Vietnamese typing off
 * ("Mary Lee Ross", not "Mảy Lê Ros"), the header shows it, F3 switches;
 * Vietnamese turns Telex back on. */
TEST(citizen_flow, english_name_typed_as_is, "English names are typed as they are, F3 switches")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    CU_ASSERT_EQUAL(e.a.ime, IME_OFF);
    to_procedure(&e, 1, "ly lich");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_act(&e, ACT_CHOOSE, 2);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    snap_type(&e, "Mary Lee Ross");
    CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "Mary Lee Ross");
    CU_ASSERT(snap_has("Typing: Off"));
    snap_key(&e, TK_F3);                          /* F3 still switches */
    CU_ASSERT_EQUAL(e.a.ime, IME_TELEX);
    CU_ASSERT(snap_has("Typing: Telex"));
    snap_type(&e, " Nguyeenx");
    CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "Mary Lee Ross Nguyễn");
    snap_key(&e, TK_F2);                          /* Vietnamese: Telex */
    CU_ASSERT_EQUAL(e.a.ime, IME_TELEX);
    snap_key(&e, TK_F3);
    snap_key(&e, TK_F2);                          /* back to English: off again */
    CU_ASSERT_EQUAL(e.a.ime, IME_OFF);
    snap_close(&e);
}

/* Under VNI a digit marks the word being typed in the search; once the
 * word is complete ("ký") the digit picks a row instead of being eaten. */
TEST(citizen_flow, vni_digit_picks_row_when_word_complete, "VNI: a digit picks a row once the word is complete")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    snap_act(&e, ACT_CHOOSE, 1);
    e.a.ime = IME_VNI;
    snap_type(&e, "ke6t");
    snap_act(&e, ACT_CHOOSE, 1);                  /* not complete: the tone */
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "kết");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    snap_act(&e, ACT_CHOOSE, 1);                  /* complete: the first row */
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "kết");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    snap_key(&e, TK_ESC);
    clear_field(&e);
    snap_type(&e, "khai");
    snap_act(&e, ACT_CHOOSE, 7);                  /* 7 would only follow "khai" */
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "khai");
    snap_close(&e);
}

/* Text that looks like SQL, overlong text and odd characters are only text. */
TEST(citizen_flow, hostile_text, "SQL-like, overlong and odd text is only text")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_act(&e, ACT_CHOOSE, 1);
    e.a.ime = IME_OFF;
    snap_type(&e, "'; DROP TABLE procedures; --");
    CU_ASSERT(snap_has("No procedure found"));
    CU_ASSERT_EQUAL(store_procedure_count(e.db), 3);
    clear_field(&e);
    snap_type(&e, "%s%n\\x");
    CU_ASSERT(snap_has("No procedure found"));
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 4);
    snap_type(&e, "LS01-000001' OR '1'='1");
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has("No dossier has this number"));
    snap_key(&e, TK_ESC);
    /* an overlong name stops at the field's size and is refused politely */
    snap_act(&e, ACT_CHOOSE, 1);
    clear_field(&e);                        /* the search text was kept */
    snap_type(&e, "khai sinh");
    snap_act(&e, ACT_CHOOSE, 1);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    for (int i = 0; i < 40; i++)
        snap_type(&e, "Nguyeen ");
    CU_ASSERT(e.cz.name.len <= e.cz.name.max);
    CU_ASSERT(e.cz.name.len > 100);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    CU_ASSERT_EQUAL(focus_of(&e), 0);
    snap_close(&e);
}

/* No tariff in the database: never a made-up zero charge. */
TEST(citizen_flow, no_tariff_no_made_up_charge, "no tariff: no made-up charge")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    CU_ASSERT_EQUAL_FATAL(store_tariffs_replace(e.db, NULL, 0), PK_OK);
    to_procedure(&e, 1, "ly lich");
    CU_ASSERT(snap_has("Postal charge: told at the counter."));
    CU_ASSERT(snap_lacks("charge: 0"));
    snap_close(&e);
}

/* The printer is checked before anyone starts: a notice, not a surprise. */
SUITE(citizen_flow, NULL, NULL);
