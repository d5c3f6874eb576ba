/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15, the citizen's kiosk second pass: each defect a citizen
 * walk-through found, driven through the real screens. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "citizen_steps.h"
#include "dossier.h"
#include "i18n.h"
#include "keys.h"
#include "money.h"
#include "pkt_helpers.h"
#include "receipt.h"
#include "unit.h"

/* The criminal-record procedure made "result by post only" (the papers go
 * to the agency in person), so that choosing it by post offers 1 = the
 * other way. */
static void make_result_only(snap_env *e, const char *code)
{
    static const char *const codes[] = {"1.001193", "2.000488", "1.000894"};
    procedure ps[3];
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL_FATAL(store_procedure_get(e->db, codes[i], &ps[i]), PK_OK);
        if (strcmp(codes[i], code) == 0)
            ps[i].bcci_submit = false;
    }
    CU_ASSERT_EQUAL_FATAL(store_procedures_replace(e->db, ps, 3), PK_OK);
}

/* Item 1: the alternative accepted for one procedure is not the mode of
 * every later one. */
TEST(kiosk_second_pass, alternative_form_is_per_procedure, "1: the other way is for one procedure only")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    make_result_only(&e, "2.000488");
    to_procedure(&e, 1, "ly lich");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    CU_ASSERT_EQUAL(e.cz.form, FORM_SEND);
    snap_act(&e, ACT_CHOOSE, 1);                 /* receive the result by post instead */
    CU_ASSERT_EQUAL(e.cz.form, FORM_RETURN);
    snap_key(&e, TK_ESC);                         /* another procedure after all */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    clear_field(&e);
    snap_type(&e, "khai sinh");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    CU_ASSERT_EQUAL(e.cz.form, FORM_SEND);        /* what the citizen chose at the start */
    CU_ASSERT(snap_has("Send a dossier by post"));
    snap_close(&e);
}

/* Item 8: the idle wipe resets high contrast as it resets language and
 * typing method. */
TEST(kiosk_second_pass, idle_wipe_resets_contrast, "8: the idle wipe resets high contrast")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    snap_key(&e, TK_F5);
    CU_ASSERT_EQUAL(e.a.theme, THEME_CONTRAST);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "khai");
    snap_wait(&e, 200000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT_EQUAL(e.a.theme, THEME_NORMAL);
    CU_ASSERT_EQUAL(term_get_theme(), THEME_NORMAL);
    snap_close(&e);
}

/* Item 9: key sequences the terminal description lacks are decoded (the
 * numeric keypad in application mode, Home/End in every spelling) or
 * dropped whole: never an Esc followed by their bytes as typed text. */
static void keys_through(const char *termname)
{
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    CU_ASSERT_FATAL(term_init_headless_input(24, 80, termname, p[0]));
    close(p[0]);
    static const char bytes[] =
        "\x1bOp\x1bOq\x1bOr\x1bOs\x1bOt\x1bOu\x1bOv\x1bOw\x1bOx\x1bOy" /* keypad 0-9 */
        "\x1bOM\x1bOk\x1bOm\x1bOj\x1bOo"                                  /* Enter + - * / */
        "\x1b[1~\x1b[4~\x1b[7~\x1b[8~\x1b[H\x1b[F\x1bOH\x1bOF"          /* Home End x4 */
        "\x1b[1;5H"                                                       /* Ctrl-Home */
        "\x1b[99~\x1b[200~\x1bO~\x1b[?1;2c"                               /* unknown: dropped */
        "a\x1b";
    CU_ASSERT_EQUAL((size_t)write(p[1], bytes, sizeof bytes - 1), sizeof bytes - 1);
    char got[256] = "";
    term_input in;
    event ev;
    int n = 0;
    while (n < 64 && term_read(&in, 0)) {
        n++;
        keys_map(&in, &ev);
        char one[16];
        if (in.kind == TI_CHAR)
            snprintf(one, sizeof one, "%c", (char)in.cp);
        else if (in.kind == TI_KEY && in.key == TK_NONE)
            snprintf(one, sizeof one, "_");
        else if (ev.act == ACT_NEXT)
            snprintf(one, sizeof one, "E");
        else if (ev.act == ACT_HOME)
            snprintf(one, sizeof one, "H");
        else if (ev.act == ACT_END)
            snprintf(one, sizeof one, "F");
        else if (ev.act == ACT_BACK)
            snprintf(one, sizeof one, "X");
        else
            snprintf(one, sizeof one, "?%d", (int)ev.act);
        strncat(got, one, sizeof got - strlen(got) - 1);
    }
    /* "_" is a dropped sequence; no [ ~ or letters leak; the last Esc is Esc */
    CU_ASSERT_STRING_EQUAL(got, "0123456789E+-*/HFHFHFHFH____aX");
    if (strcmp(got, "0123456789E+-*/HFHFHFHFH____aX") != 0)
        fprintf(stderr, "\n%s: %s\n", termname, got);
    close(p[1]);
    term_end();
}

TEST(kiosk_second_pass, unknown_sequences_linux, "9: keypad and Home/End sequences, linux")
{
    keys_through("linux");
}

TEST(kiosk_second_pass, unknown_sequences_xterm, "9: keypad and Home/End sequences, xterm")
{
    keys_through("xterm");
}

/* Welcome to done, through the real screens (khai sinh). */
static void register_one(snap_env *e)
{
    to_procedure(e, 1, "khai sinh");
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
    snap_act(e, ACT_CHOOSE, 1);
    fill_applicant(e);
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(e), "done");
}

/* Item 6: no failure path says "keep your receipt"; the welcome screen
 * tells the next citizen that the printer failed, also when the printer
 * cannot report its status (it takes the job and never answers). */
TEST(kiosk_second_pass, print_failure_told, "6: a print failure: no 'keep your receipt', told on welcome")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    CU_ASSERT(snap_lacks("receipt"));
    pkt_vprinter v;
    unsigned char silent[5] = {0};
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, silent));
    char *spec = xasprintf("tcp:127.0.0.1:%d", v.port);
    printer_close(e.pr);
    char msg[160];
    e.pr = NULL;
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "58mm", &e.pr, msg, sizeof msg), PK_OK);
    printer_set_timeouts(e.pr, 100, 300, 300);
    e.a.pr = e.pr;
    app_wipe(&e.a);
    app_render(&e.a);
    register_one(&e);
    CU_ASSERT_EQUAL(e.cz.print_err, PK_EUNCONFIRMED);
    CU_ASSERT(snap_lacks("Keep your receipt"));
    CU_ASSERT(snap_has("Write down your"));
    snap_wait(&e, 3000);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT(snap_has("The last receipt was not printed"));
    CU_ASSERT(snap_has("staff will print your receipt"));
    pkt_vprinter_stop(&v);
    pkt_vprinter_free(&v);
    free(spec);
    /* unplugged: the done screen does not say "keep your receipt" either */
    printer_close(e.pr);
    e.pr = NULL;
    e.a.pr = NULL;
    register_one(&e);
    CU_ASSERT_EQUAL(e.cz.print_err, PK_EPRINTER);
    CU_ASSERT(snap_lacks("Keep your receipt"));
    CU_ASSERT(snap_has("Staff will print your receipt"));
    snap_close(&e);
}

/* Every word of text is on the screen (a message cut mid-word is not). */
static bool words_on_screen(const char *text)
{
    char *screen = snap_text();
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    bool all = screen != NULL;
    for (char *save = NULL, *w = strtok_r(buf, " ", &save); w && all; w = strtok_r(NULL, " ", &save))
        if (!strstr(screen, w)) {
            fprintf(stderr, "\nmissing word \"%s\" of \"%s\"\n%s", w, text, screen);
            all = false;
        }
    free(screen);
    return all;
}

/* Item 2: a field's message longer than the field wraps; none is cut. */
static void field_messages_wrap_at(int cols, const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, cols, lang));
    to_applicant(&e);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "applicant");
    for (int i = 0; i < 3 && e.a.ime != IME_OFF; i++)
        snap_key(&e, TK_F3);                   /* the symbols typed as they are */
    snap_type(&e, "An#");
    snap_key(&e, TK_TAB);
    snap_type(&e, "999090001234");
    snap_key(&e, TK_TAB);
    snap_type(&e, "0112345678");
    snap_key(&e, TK_TAB);
    snap_type(&e, "ten@");
    snap_key(&e, TK_ENTER);                    /* shows every problem */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    CU_ASSERT(words_on_screen(_(dossier_val_msg(VAL_NAME_CHARS))));
    CU_ASSERT(words_on_screen(_(dossier_val_msg(VAL_ID_PROVINCE))));
    CU_ASSERT(words_on_screen(_(dossier_val_msg(VAL_PHONE_PREFIX))));
    CU_ASSERT(words_on_screen(_(dossier_val_msg(VAL_EMAIL))));
    snap_close(&e);
}

TEST(kiosk_second_pass, field_messages_wrap, "2: field messages wrap, never cut (80, 100 columns, vi, en)")
{
    field_messages_wrap_at(80, "en");
    field_messages_wrap_at(80, "vi");
    field_messages_wrap_at(100, "en");
    field_messages_wrap_at(100, "vi");
}

/* From the procedure's page to the review, the longest case: send and
 * receive, no paper ticked (a warning line), an e-mail, someone else
 * receiving the result. */
static void to_review_longest(snap_env *e)
{
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);                    /* no paper ticked: a warning line */
    snap_act(e, ACT_CHOOSE, 1);
    fill_applicant(e);
    snap_type(e, "an@example.com");
    snap_key(e, TK_ENTER);
    fill_address(e);
    snap_act(e, ACT_CHOOSE, 2);               /* someone else receives it */
    snap_type(e, "Lee Thij Hoa");
    snap_key(e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(e), "review");
}

/* Item 7: at 80x24 everything agreed to is on the review screen before
 * the confirm key: procedure, service, fee + postage = total, the date,
 * where the result goes (the longest case: send and receive). */
static void review_shows_the_deal(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
    to_procedure(&e, 3, "ly lich");
    to_review_longest(&e);
    char total[48], post[48];
    money_format(200000 + 48000, NULL, total, sizeof total);
    money_format(48000, NULL, post, sizeof post);
    CU_ASSERT(snap_has("Cấp Phiếu lý lịch tư pháp"));
    /* in English the procedure is named in English too, as on "What you
     * need": the walk-through found the review in Vietnamese alone */
    if (strcmp(lang, "en") == 0)
        CU_ASSERT(snap_has("— Criminal"));
    /* in English the agency it goes to; without an English name, the
     * Vietnamese one */
    if (strcmp(lang, "en") == 0)
        CU_ASSERT(snap_has("Agency: Công an tỉnh Lạng Sơn"));
    CU_ASSERT(snap_has(_(citizen_form_name(FORM_BOTH))));
    CU_ASSERT(snap_has(total));
    CU_ASSERT(snap_has(post));
    CU_ASSERT(snap_has("12 Trần Đăng Ninh"));
    CU_ASSERT(snap_has("/12/2026"));
    snap_close(&e);
}

TEST(kiosk_second_pass, review_deal_visible, "7: at 80x24 the review shows all that is agreed")
{
    review_shows_the_deal("en");
    review_shows_the_deal("vi");
}

/* The agency's English name on the English review: a long one wraps, and
 * the deal (service, money, date, where the result goes) still fits above
 * the confirm key at 80x24. */
TEST(kiosk_second_pass, review_agency_english, "the English review names the agency in English too")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_procedure(&e, 3, "khai sinh");
    to_review_longest(&e);
    CU_ASSERT(snap_has("Agency: Commune People's Committee (Justice – civil status)"));
    char post[48];
    money_format(48000, NULL, post, sizeof post);
    CU_ASSERT(snap_has(_(citizen_form_name(FORM_BOTH))));
    CU_ASSERT(snap_has(post));
    CU_ASSERT(snap_has("12 Trần Đăng Ninh"));
    CU_ASSERT(snap_has("/12/2026"));
    snap_close(&e);
}

/* Item 3 (screen): a receive-only dossier names the agency's fee as paid
 * at the agency, never as 0. */
TEST(kiosk_second_pass, return_only_fee_on_review, "3: receive only: the agency fee on the review, not 0")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_procedure(&e, 2, "ly lich");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);                    /* no e-mail */
    fill_address(&e);
    if (strcmp(snap_top(&e), "review") != 0)
        snap_key(&e, TK_ENTER);                /* received by: me */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "review");
    char fee[48], zero[48];
    money_format(200000, NULL, fee, sizeof fee);
    money_format(0, NULL, zero, sizeof zero);
    CU_ASSERT(snap_has(fee));
    CU_ASSERT(snap_has("paid at the agency"));
    char zero_fee[64];
    snprintf(zero_fee, sizeof zero_fee, "Fee %s", zero);
    CU_ASSERT(snap_lacks(zero_fee));
    CU_ASSERT(snap_lacks("Papers"));
    snap_close(&e);
}

/* Item 5: after a failed Enter the focus stays on the field; the digits
 * typed next cannot make the ID longer than an ID (it took 20), and an
 * 11-digit ID does not take a stray digit meant for the phone: a run of
 * digits that overflows the rule's 12 after a failed Enter is stray, the
 * ID goes back to what was checked and says so. */
TEST(kiosk_second_pass, failed_enter_no_pile_up, "5: a failed Enter: the ID takes no stray digit")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_applicant(&e);
    snap_type(&e, "Mary Lee Ross");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "02009000123");        /* one digit short */
    snap_key(&e, TK_ENTER);
    CU_ASSERT_EQUAL(focus_of(&e), 1);
    snap_type(&e, "0912345678");         /* meant for the phone */
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "02009000123");
    CU_ASSERT_EQUAL(e.cz.phone.len, 0);
    CU_ASSERT_EQUAL(focus_of(&e), 1);
    CU_ASSERT(snap_has("removed"));
    snap_type(&e, "0084912345678901");
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "02009000123");
    /* a deliberate correction: Backspace, then the two last digits */
    snap_key(&e, TK_BACKSPACE);
    snap_type(&e, "34");
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    snap_close(&e);
}

/* Item 5: a failed Enter puts the focus on the field in error, even when
 * the citizen had moved past it (Tab over a short ID, then the phone). */
TEST(kiosk_second_pass, failed_enter_focus_to_error, "5: a failed Enter moves the focus to the field in error")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_applicant(&e);
    snap_type(&e, "Mary Lee Ross");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "0200900");             /* short */
    snap_key(&e, TK_TAB);
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    snap_type(&e, "0912345678");
    snap_key(&e, TK_ENTER);               /* the phone is fine, the ID is not */
    CU_ASSERT_EQUAL(focus_of(&e), 1);
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "0200900");
    snap_type(&e, "01234");
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    snap_close(&e);
}

/* Help (F1) on the done screen says what is true: after a print failure
 * there is no receipt to take; with a receipt, take it. */
static void help_on_done(bool with_printer)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    if (!with_printer) {
        printer_close(e.pr);
        e.pr = NULL;
        e.a.pr = NULL;
    }
    to_applicant(&e);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "done");
    snap_key(&e, TK_F1);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "help");
    if (with_printer) {
        CU_ASSERT(snap_has("Take your receipt"));
    } else {
        CU_ASSERT(snap_lacks("Take your receipt"));
        CU_ASSERT(snap_lacks("take your receipt"));
        CU_ASSERT(snap_has("could not be printed"));
        CU_ASSERT(snap_has("Write down your"));
    }
    snap_close(&e);
}

TEST(kiosk_second_pass, help_on_done_tells_truth, "6: F1 on the done screen after a print failure")
{
    help_on_done(false);
    help_on_done(true);
}

/* The receipt's text as the file printer wrote it (malloc'ed). */
static char *receipt_text(snap_env *e, const char *ref)
{
    char path[256];
    snprintf(path, sizeof path, "%s/receipts/%s.txt", e->dir, ref);
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char *buf = calloc(1, 65536);
    size_t n = buf ? fread(buf, 1, 65535, f) : 0;
    (void)n;
    fclose(f);
    return buf;
}

static bool has(const char *text, const char *needle)
{
    bool ok = text && strstr(text, needle);
    if (!ok)
        fprintf(stderr, "\nreceipt lacks \"%s\"\n", needle);
    return ok;
}

/* Item 10: the receipt names the hotline, says the code can be scanned at
 * any kiosk, lists the papers still to bring, and calls the ticked papers
 * what they are until a clerk counts them. Item 3: a receive-only
 * receipt has no papers part and names the agency's fee, never 0. */
static void receipt_says_what_to_do(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
    snprintf(e.cfg.hotline, sizeof e.cfg.hotline, "%s", "1900 545481");
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);                 /* the form ticked; the certificate not */
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "done");
    CU_ASSERT_EQUAL(e.cz.print_err, PK_OK);
    char *t = receipt_text(&e, e.cz.done.ref);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT(has(t, "1900 545481"));
    CU_ASSERT(has(t, _("Scan this code at any kiosk to follow your dossier.")));
    CU_ASSERT(has(t, _("Papers you will hand in at the counter")));
    CU_ASSERT(!strstr(t, _("Documents handed over")));
    CU_ASSERT(has(t, _("Papers still to bring")));
    const char *todo = strstr(t, _("Papers still to bring"));
    CU_ASSERT(todo && strstr(todo, "Giấy chứng sinh"));
    CU_ASSERT(!strstr(todo ? todo : "", "Giấy chứng nhận kết hôn"));   /* optional: not "to bring" */
    free(t);
    snap_wait(&e, 3000);
    snap_key(&e, TK_ENTER);
    /* receive only: the criminal record certificate, 200,000 paid at the agency */
    to_procedure(&e, 2, "ly lich");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    fill_address(&e);
    if (strcmp(snap_top(&e), "review") != 0)
        snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "done");
    t = receipt_text(&e, e.cz.done.ref);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    char fee[48];
    money_format(200000, lang, fee, sizeof fee);
    CU_ASSERT(has(t, fee));
    CU_ASSERT(has(t, _("Agency fee")));
    CU_ASSERT(!strstr(t, _("Documents handed over")));
    CU_ASSERT(!strstr(t, _("(none listed)")));
    CU_ASSERT(!strstr(t, _("Procedure fee")));
    free(t);
    snap_close(&e);
}

TEST(kiosk_second_pass, receipt_what_to_do, "3, 10: the receipt (vi, en)")
{
    receipt_says_what_to_do("vi");
    receipt_says_what_to_do("en");
}

/* Item 15: the reference typed without its hyphen, as it is printed but
 * with a space, or the S10 number: the last 4 digits are still asked. */
TEST(kiosk_second_pass, track_what_is_in_hand, "15: track by the reference without hyphen, by S10")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    register_one(&e);
    char ref[PK_REF_MAX], s10[PK_S10_MAX], typed[64];
    snprintf(ref, sizeof ref, "%s", e.cz.done.ref);
    snprintf(s10, sizeof s10, "%s", e.cz.done.s10);
    snap_wait(&e, 3000);
    snap_key(&e, TK_ENTER);
    const char *ways[3] = {typed, typed, s10};
    for (int w = 0; w < 3; w++) {
        if (w == 0)   /* "LS01000001" */
            snprintf(typed, sizeof typed, "%.4s%s", ref, ref + 5);
        if (w == 1)   /* "ls01 000001" */
            snprintf(typed, sizeof typed, "ls01 %s", ref + 5);
        while (strcmp(snap_top(&e), "welcome") != 0)
            snap_key(&e, TK_ESC);
        snap_act(&e, ACT_CHOOSE, 4);
        snap_type(&e, ways[w]);
        snap_key(&e, TK_ENTER);
        CU_ASSERT(snap_has("Last 4 digits"));
        CU_ASSERT(snap_lacks("Nguyễn V. A."));
        snap_type(&e, "1234");
        snap_key(&e, TK_ENTER);
        CU_ASSERT(snap_has("Nguyễn V. A."));
        CU_ASSERT(snap_has(ref));
    }
    snap_close(&e);
}

SUITE(kiosk_second_pass, NULL, NULL);
