/* Screen snapshots and kiosk behaviour, headless: every screen in both
 * languages at 80x24 and 120x40, the enlarge screen, resize in the middle
 * of a form, the idle wipe, lockdown keys, invalid input at every field,
 * clicks, scanner input, consent refusal, print failure. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "receipt.h"
#include "snap.h"
#include "store_clerk.h"

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

/* Welcome -> procedures (form) -> search -> first result. */
static void to_procedure(snap_env *e, int form, const char *query)
{
    snap_act(e, ACT_CHOOSE, form);
    snap_type(e, query);
    snap_act(e, ACT_CHOOSE, 1);
}

static void fill_applicant(snap_env *e)
{
    for (int i = 0; i < 3 && e->a.ime != IME_TELEX; i++)
        snap_key(e, TK_F3);             /* English starts with typing off */
    snap_type(e, "Nguyeenx Vawn An");   /* Telex */
    snap_key(e, TK_ENTER);
    snap_type(e, "020090001234");
    snap_key(e, TK_ENTER);
    snap_type(e, "0912345678");
    snap_key(e, TK_ENTER);
}

static void fill_address(snap_env *e)
{
    snap_type(e, "cao");
    snap_key(e, TK_ENTER);             /* picks Xã Cao Lộc */
    snap_type(e, "12 Traafn DDawng Ninh");
    snap_key(e, TK_ENTER);
}

/* The whole flow with "both" (every step), one snapshot per screen. */
static void walk(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    char name[64];
#define SNAP(screen)                                                         \
    do {                                                                     \
        snprintf(name, sizeof name, "%s-%dx%d-%s", lang, cols, rows, screen); \
        CU_ASSERT(snap_check(name));                                         \
    } while (0)
    SNAP("welcome");
    snap_act(&e, ACT_CHOOSE, 3);
    snap_type(&e, "khai sinh");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedures");
    SNAP("procedures");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "procedure");
    SNAP("procedure");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "documents");
    SNAP("documents");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "consent");
    SNAP("consent");
    snap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    fill_applicant(&e);
    SNAP("applicant");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    fill_address(&e);
    SNAP("address");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    SNAP("review");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    SNAP("done");
    snap_key(&e, TK_ENTER);              /* a double press on Confirm: still here */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    snap_wait(&e, 2000);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_act(&e, ACT_CHOOSE, 4);
    snap_type(&e, "LS01-000001");
    snap_key(&e, TK_ENTER);
    SNAP("track");
    snap_key(&e, TK_ESC);
    snap_key(&e, TK_F1);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "help");
    SNAP("help");
    snap_key(&e, TK_ESC);
    to_procedure(&e, 1, "ket hon");
    SNAP("procedure-ineligible");
    snap_close(&e);
#undef SNAP
}

static void walk_vi_80(void) { walk("vi", 24, 80); }
static void walk_en_80(void) { walk("en", 24, 80); }
static void walk_vi_120(void) { walk("vi", 40, 120); }
static void walk_en_120(void) { walk("en", 40, 120); }

static void enlarge_sizes(void)
{
    const char *langs[] = {"vi", "en"};
    for (int l = 0; l < 2; l++) {
        snap_env e;
        CU_ASSERT_FATAL(snap_open(&e, 24, 80, langs[l]));
        char name[64];
        snap_resize(&e, 5, 10);
        snprintf(name, sizeof name, "%s-10x5-enlarge", langs[l]);
        CU_ASSERT(snap_check(name));
        snap_resize(&e, 23, 79);
        snprintf(name, sizeof name, "%s-79x23-enlarge", langs[l]);
        CU_ASSERT(snap_check(name));
        /* keys do nothing blind while too small */
        snap_act(&e, ACT_CHOOSE, 1);
        CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
        snap_resize(&e, 24, 80);
        CU_ASSERT(snap_has("1  "));
        snap_close(&e);
    }
}

static void resize_keeps_data(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "Nguyeenx Thij Huwowng");
    snap_resize(&e, 5, 10);
    CU_ASSERT_TRUE(app_too_small(&e.a));
    CU_ASSERT(snap_lacks("Hương"));
    snap_type(&e, "xyz");                     /* ignored while too small */
    snap_resize(&e, 40, 120);
    CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "Nguyễn Thị Hương");
    CU_ASSERT(snap_has("Nguyễn Thị Hương"));
    snap_resize(&e, 24, 80);
    CU_ASSERT(snap_has("Nguyễn Thị Hương"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    snap_close(&e);
}

static void idle_wipes_memory(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    snap_key(&e, TK_F2);                     /* the citizen switches to English */
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "en");
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    fill_applicant(&e);
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    snap_wait(&e, 60000);
    CU_ASSERT_EQUAL(app_countdown(&e.a), -1);
    snap_wait(&e, 11000);                    /* 71 s: the countdown shows */
    CU_ASSERT(app_countdown(&e.a) > 0);
    CU_ASSERT(snap_has("erased in 19 seconds"));
    CU_ASSERT(snap_lacks("020090001234"));   /* the form is hidden meanwhile */
    snap_type(&e, "x");                      /* any key extends, and is used up */
    CU_ASSERT_EQUAL(app_countdown(&e.a), -1);
    CU_ASSERT_STRING_EQUAL(e.cz.email.buf, "");
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234");
    snap_wait(&e, 89000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    snap_wait(&e, 2000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT_EQUAL(e.a.depth, 1);
    CU_ASSERT(all_zero(e.cz.name.buf, sizeof e.cz.name.buf));
    CU_ASSERT(all_zero(e.cz.id.buf, sizeof e.cz.id.buf));
    CU_ASSERT(all_zero(e.cz.phone.buf, sizeof e.cz.phone.buf));
    CU_ASSERT(all_zero(e.cz.search.buf, sizeof e.cz.search.buf));
    CU_ASSERT(all_zero(e.cz.name.ime.raw, sizeof e.cz.name.ime.raw));
    CU_ASSERT_FALSE(e.cz.have_proc);
    CU_ASSERT_EQUAL(e.cz.form, 0);
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");   /* the next citizen starts in Vietnamese */
    CU_ASSERT(snap_lacks("Nguyễn"));
    CU_ASSERT(snap_lacks("020090001234"));
    snap_close(&e);
}

static void lockdown_keys(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "khai");
    char *before = snap_text();
    /* Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-S, Ctrl-Q, Ctrl-D */
    unsigned ctrl[] = {3, 26, 28, 19, 17, 4};
    for (size_t i = 0; i < sizeof ctrl / sizeof ctrl[0]; i++)
        snap_ctrl(&e, ctrl[i]);
    char *after = snap_text();
    CU_ASSERT_STRING_EQUAL(before, after);
    CU_ASSERT_FALSE(e.a.quit);
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "khai");
    free(before);
    free(after);
    /* F10 asks for the staff PIN; a wrong one is refused */
    snap_key(&e, TK_F10);
    CU_ASSERT(snap_has("PIN"));
    snap_type(&e, "1111");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FALSE(e.a.quit);
    CU_ASSERT(snap_has("Wrong PIN"));
    snap_key(&e, TK_ESC);
    CU_ASSERT_FALSE(e.a.pin_open);
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "khai");   /* the PIN never reached the form */
    snap_key(&e, TK_F10);
    snap_type(&e, "2468");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(e.a.quit);
    CU_ASSERT_EQUAL(e.a.exit_code, 0);
    snap_close(&e);
}

static void call_staff_and_language(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_key(&e, TK_F4);
    CU_ASSERT(snap_has("Staff has been called"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FALSE(e.a.staff_notice);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");   /* the key closed the notice only */
    snap_key(&e, TK_F2);
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");
    CU_ASSERT(snap_has("English"));
    snap_key(&e, TK_F2);
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "en");
    snap_key(&e, TK_F3);
    CU_ASSERT_EQUAL(e.a.ime, vnime_next_method(IME_TELEX));
    /* high contrast: the focused choice keeps its own role in both themes */
    term_role before = term_role_at(e.a.fr.regions[0].y, e.a.fr.regions[0].x + 1);
    snap_key(&e, TK_F5);
    CU_ASSERT_EQUAL(e.a.theme, THEME_CONTRAST);
    CU_ASSERT_EQUAL(term_get_theme(), THEME_CONTRAST);
    CU_ASSERT_EQUAL(term_role_at(e.a.fr.regions[0].y, e.a.fr.regions[0].x + 1), before);
    snap_key(&e, TK_F5);
    CU_ASSERT_EQUAL(e.a.theme, THEME_NORMAL);
    /* the hint bar is touchable too: F4 by a click on its hint */
    const click_region *call = NULL;
    for (int i = 0; i < e.a.fr.nregions; i++)
        if (e.a.fr.regions[i].act == ACT_CALL_STAFF)
            call = &e.a.fr.regions[i];
    CU_ASSERT_PTR_NOT_NULL_FATAL(call);
    CU_ASSERT_EQUAL(call->y, 23);
    snap_click(&e, call->y, call->x + 1);
    CU_ASSERT_TRUE(e.a.staff_notice);
    snap_close(&e);
}

/* A click where a button was drawn acts like its key. */
static void clicks(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    const click_region *r = NULL;
    for (int i = 0; i < e.a.fr.nregions; i++)
        if (e.a.fr.regions[i].act == ACT_CHOOSE && e.a.fr.regions[i].value == 4)
            r = &e.a.fr.regions[i];
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    snap_click(&e, r->y, r->x + 2);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    snap_click(&e, 0, 0);                  /* the header: nothing */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    snap_close(&e);
}

/* The applicant screen's state starts with its focused field index. */
static int focus_of(const snap_env *e)
{
    return *(const int *)app_top_state(&e->a);
}

static bool typed_error(snap_env *e, const char *text, const char *expect_screen)
{
    snap_type(e, text);
    snap_key(e, TK_ENTER);
    return strcmp(snap_top(e), expect_screen) == 0;
}

static void clear_field(snap_env *e)
{
    for (int i = 0; i < 40; i++)
        snap_key(e, TK_BACKSPACE);
}

static void invalid_input_never_advances(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_procedure(&e, 3, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    /* name */
    CU_ASSERT(typed_error(&e, "Nguyen 123", "applicant"));
    CU_ASSERT_EQUAL(focus_of(&e), 0);
    CU_ASSERT(snap_has("\xe2\x9c\x97"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_EQUAL(focus_of(&e), 0);
    clear_field(&e);
    snap_key(&e, TK_ENTER);                 /* empty */
    CU_ASSERT_EQUAL(focus_of(&e), 0);
    snap_type(&e, "Nguyeenx An");
    snap_key(&e, TK_ENTER);
    /* ID: too short, letters, unknown province */
    const char *bad_ids[] = {"12345", "0200900012AB", "999090001234"};
    for (int i = 0; i < 3; i++) {
        CU_ASSERT(typed_error(&e, bad_ids[i], "applicant"));
        CU_ASSERT_EQUAL(focus_of(&e), 1);
        CU_ASSERT(snap_has("\xe2\x9c\x97"));
        clear_field(&e);
    }
    snap_type(&e, "020090001234");
    snap_key(&e, TK_ENTER);
    const char *bad_phones[] = {"0123", "0112345678", "09123456789"};
    for (int i = 0; i < 3; i++) {
        CU_ASSERT(typed_error(&e, bad_phones[i], "applicant"));
        CU_ASSERT_EQUAL(focus_of(&e), 2);
        clear_field(&e);
    }
    snap_type(&e, "+84912345678");
    snap_key(&e, TK_ENTER);
    CU_ASSERT(typed_error(&e, "an@", "applicant"));
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    clear_field(&e);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    /* address: no unit chosen, then an empty street, a control character */
    snap_type(&e, "zzzz");
    CU_ASSERT(snap_has("\xe2\x9c\x97"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FALSE(e.cz.have_unit);
    clear_field(&e);
    snap_type(&e, "ky");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(e.cz.have_unit);
    CU_ASSERT_STRING_EQUAL(e.cz.unit.name, "Kỳ Lừa");
    snap_key(&e, TK_ENTER);                 /* empty street */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    snap_type(&e, "So 5");
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 2);            /* someone else */
    CU_ASSERT(typed_error(&e, "B@@", "address"));
    clear_field(&e);
    snap_type(&e, "Traanf Binh");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    CU_ASSERT_EQUAL(store_dossier_count(e.st, -1), 0);   /* nothing stored yet */
    snap_close(&e);
}

static void commit_then_print(void)
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
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(e.st, e.cz.done.ref, &d), PK_OK);
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
    CU_ASSERT_EQUAL(store_audit_list(e.st, 0, rows, 4, &nrows), PK_OK);
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
    CU_ASSERT_EQUAL(store_jobs_list(e.st, JOB_PRINTED, jobs, 4, &n), PK_OK);
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
    CU_ASSERT_EQUAL(store_dossier_count(e.st, -1), 1);
    snap_close(&e);
}

static void print_failure_keeps_dossier(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    printer_close(e.pr);
    e.pr = NULL;
    e.a.pr = NULL;                          /* unplugged */
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    CU_ASSERT(snap_has("could not be printed"));
    CU_ASSERT(snap_has("LS01-000001"));
    CU_ASSERT_EQUAL(store_dossier_count(e.st, -1), 1);
    print_job jobs[4];
    int n = 0;
    CU_ASSERT_EQUAL(store_jobs_list(e.st, JOB_PENDING, jobs, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    snap_wait(&e, 31000);                   /* back home by itself */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_close(&e);
}

static void decline_consent_stores_nothing(void)
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
    CU_ASSERT_EQUAL(store_dossier_count(e.st, -1), 0);
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

static void scanner_opens_status(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
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
    CU_ASSERT_EQUAL(store_audit_list(e.st, 0, rows, 4, &nrows), PK_OK);
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

static void edit_from_review_comes_back(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
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
static void held_key_crosses_one_screen(void)
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
static void english_search_typed_as_is(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "marriage");
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "marriage");
    CU_ASSERT_EQUAL(e.a.ime, IME_TELEX);
    snap_key(&e, TK_F2);                        /* Vietnamese: Telex applies */
    clear_field(&e);
    snap_type(&e, "ddawng");
    CU_ASSERT_STRING_EQUAL(e.cz.search.buf, "\xc4\x91\xc4\x83ng");
    CU_ASSERT(snap_has("\xc4\x90\xc4\x83ng k\xc3\xbd khai sinh"));
    snap_close(&e);
}

/* Text that looks like SQL, overlong text and odd characters are only text. */
static void hostile_text(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_act(&e, ACT_CHOOSE, 1);
    e.a.ime = IME_OFF;
    snap_type(&e, "'; DROP TABLE procedures; --");
    CU_ASSERT(snap_has("No procedure found"));
    CU_ASSERT_EQUAL(store_procedure_count(e.st), 3);
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
static void no_tariff_no_made_up_charge(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    CU_ASSERT_EQUAL_FATAL(store_tariffs_replace(e.st, NULL, 0), PK_OK);
    to_procedure(&e, 1, "ly lich");
    CU_ASSERT(snap_has("Postal charge: told at the counter."));
    CU_ASSERT(snap_lacks("charge: 0"));
    snap_close(&e);
}

/* The printer is checked before anyone starts: a notice, not a surprise. */
static void printer_notice_on_welcome(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    CU_ASSERT(snap_lacks("printer"));
    printer_close(e.pr);
    e.pr = NULL;
    e.a.pr = NULL;
    app_wipe(&e.a);                         /* the welcome screen checks again */
    app_render(&e.a);
    CU_ASSERT(snap_has("staff will print your receipt"));
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_close(&e);
}

/* Without colours every role still shows: fields get brackets, the
 * selected row a marker, and nothing depends on colour alone. */
static void monochrome_fallback(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    term_end();
    CU_ASSERT_FATAL(term_init_headless_as(24, 80, "vt100"));
    CU_ASSERT_FALSE(term_has_colors());
    snap_act(&e, ACT_CHOOSE, 1);
    snap_type(&e, "khai");
    CU_ASSERT(snap_has("[khai"));
    CU_ASSERT(snap_has("\xe2\x96\xb8"));      /* ▸ on the selected row */
    snap_close(&e);
}

/* Test hooks: POSTKIOSK_IDLE and POSTKIOSK_CLOCK; bad values are ignored. */
static void env_hooks(void)
{
    config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.idle_timeout = 90;
    cfg.idle_warning = 20;
    app *a = calloc(1, sizeof *a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    setenv("POSTKIOSK_IDLE", "8", 1);
    setenv("POSTKIOSK_CLOCK", "2026-01-02T03:04", 1);
    app_init(a, &cfg, NULL, NULL);
    CU_ASSERT_EQUAL(a->idle_timeout, 8);
    CU_ASSERT_EQUAL(a->idle_warning, 4);      /* never a countdown that never ends */
    struct tm tm = {0};
    tm.tm_year = 126;
    tm.tm_mon = 0;
    tm.tm_mday = 2;
    tm.tm_hour = 3;
    tm.tm_min = 4;
    tm.tm_isdst = -1;
    int64_t want = (int64_t)mktime(&tm);
    CU_ASSERT(app_now(a) >= want && app_now(a) < want + 60);
    setenv("POSTKIOSK_IDLE", "soon", 1);
    setenv("POSTKIOSK_CLOCK", "2026-13-45T99:00", 1);
    app_init(a, &cfg, NULL, NULL);
    CU_ASSERT_EQUAL(a->idle_timeout, 90);
    CU_ASSERT_EQUAL(a->idle_warning, 20);
    CU_ASSERT_EQUAL(a->clock_offset, 0);
    unsetenv("POSTKIOSK_IDLE");
    unsetenv("POSTKIOSK_CLOCK");
    free(a);
}

/* The hook the demo's attract loop uses: pushed when idle at home, no
 * countdown over it, any key back to the welcome screen. */
static void attract_draw(const void *st, const app *a, frame *f)
{
    (void)st;
    (void)a;
    term_put(f->top + 1, 1, 20, "ATTRACT", ROLE_TITLE);
}

static screen_result attract_handle(void *st, app *a, const event *ev)
{
    (void)st;
    (void)a;
    return ev->act == ACT_TICK ? SR_(SR_NONE) : SR_(SR_POP);
}

static const screen_ops attract = {
    .name = "attract", .state_size = 1, .draw = attract_draw, .handle = attract_handle};

static void idle_screen_hook(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    e.a.idle_screen = &attract;
    snap_wait(&e, 91000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "attract");
    CU_ASSERT(snap_has("ATTRACT"));
    snap_wait(&e, 200000);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "attract");
    CU_ASSERT_EQUAL(app_countdown(&e.a), -1);
    snap_type(&e, "x");
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    snap_close(&e);
}

/* The header clock follows the time even when nobody touches a key. */
static void clock_moves(void)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    CU_ASSERT(snap_has("09:00"));
    int renders = e.a.renders;
    snap_wait(&e, 1000);
    CU_ASSERT_EQUAL(e.a.renders, renders);     /* nothing changed: no redraw */
    e.a.fixed_time += 60;
    snap_wait(&e, 1000);
    CU_ASSERT(e.a.renders > renders);
    CU_ASSERT(snap_has("09:01"));
    snap_close(&e);
}

/* The shared dialogs and the failure screens, as golden files too. */
static void dialogs(const char *lang)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, lang));
    char name[64];
#define SNAP(what)                                                  \
    do {                                                            \
        snprintf(name, sizeof name, "%s-80x24-%s", lang, what);     \
        CU_ASSERT(snap_check(name));                                \
    } while (0)
    snap_key(&e, TK_F4);
    SNAP("call-staff");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_F10);
    snap_type(&e, "99");
    snap_key(&e, TK_ENTER);
    SNAP("staff-pin-wrong");
    snap_key(&e, TK_ESC);
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_wait(&e, 72000);
    SNAP("countdown");
    snap_key(&e, TK_ENTER);              /* extends, used up */
    snap_act(&e, ACT_CHOOSE, 2);
    SNAP("consent-declined");
    snap_key(&e, TK_ENTER);
    /* printer unplugged: the dossier is saved, the receipt waits */
    printer_close(e.pr);
    e.pr = NULL;
    e.a.pr = NULL;
    to_procedure(&e, 1, "khai sinh");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    snap_act(&e, ACT_CHOOSE, 1);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    SNAP("done-not-printed");
    snap_wait(&e, 2000);
    snap_key(&e, TK_ENTER);
    SNAP("welcome-printer-offline");
    snap_act(&e, ACT_CHOOSE, 4);
    snap_type(&e, "LS01-999999");
    snap_key(&e, TK_ENTER);
    SNAP("track-unknown");
    snap_close(&e);
#undef SNAP
}

static void dialogs_vi(void) { dialogs("vi"); }
static void dialogs_en(void) { dialogs("en"); }

void suite_screens(void)
{
    CU_pSuite s = CU_add_suite("screens", NULL, NULL);
    CU_add_test(s, "every screen, vi, 80x24", walk_vi_80);
    CU_add_test(s, "every screen, en, 80x24", walk_en_80);
    CU_add_test(s, "every screen, vi, 120x40", walk_vi_120);
    CU_add_test(s, "every screen, en, 120x40", walk_en_120);
    CU_add_test(s, "enlarge screen at 10x5 and 79x23", enlarge_sizes);
    CU_add_test(s, "resize in the middle of a form keeps the data", resize_keeps_data);
    CU_add_test(s, "idle countdown, extend, then wipe in memory", idle_wipes_memory);
    CU_add_test(s, "lockdown keys and staff PIN", lockdown_keys);
    CU_add_test(s, "call staff and language switch", call_staff_and_language);
    CU_add_test(s, "clicks act like keys", clicks);
    CU_add_test(s, "invalid input at every field never advances", invalid_input_never_advances);
    CU_add_test(s, "commit then print: row, job, receipt", commit_then_print);
    CU_add_test(s, "print failure keeps the dossier, job pending", print_failure_keeps_dossier);
    CU_add_test(s, "declining consent stores nothing", decline_consent_stores_nothing);
    CU_add_test(s, "scanner burst opens the status; forged refused", scanner_opens_status);
    CU_add_test(s, "edit from review comes back to review", edit_from_review_comes_back);
    CU_add_test(s, "SQL-like, overlong and odd text is only text", hostile_text);
    CU_add_test(s, "English searches are typed as they are", english_search_typed_as_is);
    CU_add_test(s, "a held key crosses one screen, not two", held_key_crosses_one_screen);
    CU_add_test(s, "printer notice on the welcome screen", printer_notice_on_welcome);
    CU_add_test(s, "no tariff: no made-up charge", no_tariff_no_made_up_charge);
    CU_add_test(s, "monochrome terminal: structure without colour", monochrome_fallback);
    CU_add_test(s, "test hooks POSTKIOSK_IDLE and POSTKIOSK_CLOCK", env_hooks);
    CU_add_test(s, "idle screen hook (attract loop)", idle_screen_hook);
    CU_add_test(s, "the header clock moves on by itself", clock_moves);
    CU_add_test(s, "dialogs and failure screens, vi", dialogs_vi);
    CU_add_test(s, "dialogs and failure screens, en", dialogs_en);
}
