/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15, fewer keys: the citizen ID card's QR code scanned on the
 * identity step fills the name, the ID and the return address; a code
 * that is not a good card fills nothing and says why; the ID and phone go
 * on to the next field by themselves once complete and valid. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "citizen_steps.h"
#include "receipt.h"
#include "store.h"
#include "store_audit.h"
#include "unit.h"

/* A man born 1985 in Lạng Sơn, living in a ward of the unit list. */
#define CARD_GOOD                                                                           \
    "020085001234|123456789|Nguy\xe1\xbb\x85n V\xc4\x83n An|15031985|Nam|"                  \
    "S\xe1\xbb\x91 12, Tr\xe1\xba\xa7n \xc4\x90\xc4\x83ng Ninh, Ph\xc6\xb0\xe1\xbb\x9dng "   \
    "\xc4\x90\xc3\xb4ng Kinh, Th\xc3\xa0nh ph\xe1\xbb\x91 L\xe1\xba\xa1ng S\xc6\xa1n, "      \
    "L\xe1\xba\xa1ng S\xc6\xa1n|10052021"
/* A woman whose card names a commune merged away in 2025 (Hợp Thành). */
#define CARD_MERGED                                                                         \
    "020190001235||Tr\xe1\xba\xa7n Th\xe1\xbb\x8b B\xc3\xacnh|28021990|N\xe1\xbb\xaf|"      \
    "Th\xc3\xb4n N\xc3\xa0 L\xc3\xa0ng, X\xc3\xa3 H\xe1\xbb\xa3p Th\xc3\xa0nh, Huy\xe1\xbb\x87n " \
    "Cao L\xe1\xbb\x99" "c, T\xe1\xbb\x89nh L\xe1\xba\xa1ng S\xc6\xa1n|01072022"

/* Birth registration sent and returned by post (the return address is
 * asked), two papers, consent: the applicant's first field. */
static void to_identity(snap_env *e)
{
    to_procedure(e, 3, "khai sinh");
    snap_key(e, TK_ENTER);
    snap_act(e, ACT_CHOOSE, 1);
    snap_act(e, ACT_CHOOSE, 2);
    snap_key(e, TK_ENTER);
    snap_act(e, ACT_CHOOSE, 1);
}

static int audit_rows(snap_env *e)
{
    audit_row rows[64];
    int n = 0;
    CU_ASSERT_EQUAL(store_audit_list(e->db, 0, rows, 64, &n), PK_OK);
    return n;
}

static void gold(const char *lang, int rows, int cols, const char *name)
{
    CU_ASSERT(snap_check_screen("", lang, rows, cols, name));
}

static void good_card(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    to_identity(&e);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "applicant");
    CU_ASSERT(snap_has(strcmp(lang, "en") == 0 ? "Scan the QR code on your ID card"
                                               : "Qu\xc3\xa9t m\xc3\xa3 QR"));
    gold(lang, rows, cols, "applicant-scan-hint");
    int before = audit_rows(&e);
    snap_scan(&e, CARD_GOOD);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "Nguy\xe1\xbb\x85n V\xc4\x83n An");
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020085001234");
    CU_ASSERT_STRING_EQUAL(e.cz.street.buf, "S\xe1\xbb\x91 12, Tr\xe1\xba\xa7n \xc4\x90\xc4\x83ng Ninh");
    CU_ASSERT_TRUE(e.cz.have_unit);
    CU_ASSERT_STRING_EQUAL(e.cz.unit.name, "\xc4\x90\xc3\xb4ng Kinh");
    CU_ASSERT_EQUAL(focus_of(&e), 2);                    /* the phone is next */
    CU_ASSERT(snap_has(strcmp(lang, "en") == 0 ? "Filled in from your ID card"
                                               : "\xc4\x90\xc3\xa3 \xc4\x91i\xe1\xbb\x81n"));
    gold(lang, rows, cols, "applicant-scanned");
    CU_ASSERT_EQUAL(audit_rows(&e), before);            /* nothing of it recorded */
    snap_type(&e, "0912345678");                         /* goes on by itself */
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    snap_key(&e, TK_ENTER);                              /* confirms the phone */
    snap_key(&e, TK_ENTER);                              /* no e-mail */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "address");
    CU_ASSERT(snap_has(strcmp(lang, "en") == 0 ? "from your ID card" : "t\xe1\xbb\xab th\xe1\xba\xbb"));
    gold(lang, rows, cols, "address-scanned");
    snap_key(&e, TK_ENTER);                              /* the street is right */
    snap_key(&e, TK_ENTER);                              /* I receive it */
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "review");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "done");
    dossier d;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(e.db, e.cz.done.ref, &d), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.id_number, "020085001234");
    CU_ASSERT_STRING_EQUAL(d.street, "S\xe1\xbb\x91 12, Tr\xe1\xba\xa7n \xc4\x90\xc4\x83ng Ninh");
    /* the audit has what any dossier has: no name, ID or address */
    audit_row ar[64];
    int n = 0;
    CU_ASSERT_EQUAL(store_audit_list(e.db, 0, ar, 64, &n), PK_OK);
    for (int i = 0; i < n; i++) {
        CU_ASSERT_PTR_NULL(strstr(ar[i].detail, "020085001234"));
        CU_ASSERT_PTR_NULL(strstr(ar[i].detail, "Nguy\xe1\xbb\x85n"));
        CU_ASSERT_PTR_NULL(strstr(ar[i].detail, "Tr\xe1\xba\xa7n \xc4\x90\xc4\x83ng"));
        CU_ASSERT_PTR_NULL(strstr(ar[i].object, "020085001234"));
    }
    snap_close(&e);
}

TEST(card_scan, good_vi_80, "a good card fills name, ID, address: vi 80x24") { good_card("vi", 24, 80); }
TEST(card_scan, good_en_80, "a good card fills name, ID, address: en 80x24") { good_card("en", 24, 80); }
TEST(card_scan, good_vi_120, "a good card fills name, ID, address: vi 120x40") { good_card("vi", 40, 120); }
TEST(card_scan, good_en_120, "a good card fills name, ID, address: en 120x40") { good_card("en", 40, 120); }

static void merged_commune(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    to_identity(&e);
    snap_scan(&e, CARD_MERGED);
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020190001235");
    CU_ASSERT_STRING_EQUAL(e.cz.street.buf, "Th\xc3\xb4n N\xc3\xa0 L\xc3\xa0ng");
    CU_ASSERT_FALSE(e.cz.have_unit);                     /* not Cao Lộc, the old district */
    snap_type(&e, "0912345678");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "address");
    CU_ASSERT(snap_has("H\xe1\xbb\xa3p Th\xc3\xa0nh"));    /* what the card says */
    gold(lang, rows, cols, "address-card-unknown-unit");
    snap_key(&e, TK_ENTER);                              /* no commune yet: stays */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    CU_ASSERT_FALSE(e.cz.have_unit);                     /* none chosen unseen */
    snap_type(&e, "cao");                                /* chosen as before */
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(e.cz.have_unit);
    CU_ASSERT_STRING_EQUAL(e.cz.unit.name, "Cao L\xe1\xbb\x99" "c");
    snap_key(&e, TK_ENTER);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    snap_close(&e);
}

TEST(card_scan, merged_vi_80, "a commune not in the list: chosen as before, vi 80x24") { merged_commune("vi", 24, 80); }
TEST(card_scan, merged_en_80, "a commune not in the list: chosen as before, en 80x24") { merged_commune("en", 24, 80); }
TEST(card_scan, merged_vi_120, "a commune not in the list: chosen as before, vi 120x40") { merged_commune("vi", 40, 120); }
TEST(card_scan, merged_en_120, "a commune not in the list: chosen as before, en 120x40") { merged_commune("en", 40, 120); }

static void bad_codes(const char *lang, int rows, int cols)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, rows, cols, lang));
    to_identity(&e);
    snap_type(&e, "Lan");
    int before = audit_rows(&e);
    static const char *const bad[] = {
        "020085001234|123456789|Nguyen Van An|15031985|Nam|X",             /* 6 fields */
        "020085001234|123456789|Nguyen Van An|31021985|Nam|X, Y|10052021", /* no such day */
        "020086001234|123456789|Nguyen Van An|15031985|Nam|X, Y|10052021", /* year digits */
        "020085001234|123456789|Nguyen\x01Van|15031985|Nam|X, Y|10052021",  /* control */
        "020085001234|123456789|Nguy\377en|15031985|Nam|X, Y|10052021",  /* not UTF-8 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snap_scan(&e, bad[i]);
        CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
        CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "Lan");    /* nothing filled, nothing lost */
        CU_ASSERT_EQUAL(e.cz.id.len, 0);
        CU_ASSERT_EQUAL(e.cz.street.len, 0);
        CU_ASSERT_FALSE(e.cz.have_unit);
        CU_ASSERT_FALSE(e.cz.from_card);
        CU_ASSERT(snap_has("\xe2\x9c\x97"));
        CU_ASSERT(snap_lacks("Nguyen"));
    }
    gold(lang, rows, cols, "applicant-scan-bad");
    CU_ASSERT_EQUAL(audit_rows(&e), before);
    /* the next key brings the typing tip back */
    snap_type(&e, " L");
    CU_ASSERT(snap_lacks("\xe2\x9c\x97"));
    /* a receipt scanned here still opens Track, as anywhere */
    char payload[128];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, "LS01-000001", e.a.fixed_time, payload,
                                          sizeof payload), PK_OK);
    snap_scan(&e, payload);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    snap_close(&e);
}

TEST(card_scan, bad_vi_80, "malformed codes fill nothing, say why: vi 80x24") { bad_codes("vi", 24, 80); }
TEST(card_scan, bad_en_80, "malformed codes fill nothing, say why: en 80x24") { bad_codes("en", 24, 80); }
TEST(card_scan, bad_vi_120, "malformed codes fill nothing, say why: vi 120x40") { bad_codes("vi", 40, 120); }
TEST(card_scan, bad_en_120, "malformed codes fill nothing, say why: en 120x40") { bad_codes("en", 40, 120); }

/* The scanner as the loop sees it: UTF-8 keys in a burst ending with
 * Enter (tmux send-keys and a USB scanner both type it so). */
typedef struct {
    const char *text;
    size_t pos;
} burst_src;

static bool burst_read(app *a, term_input *in, int timeout_ms)
{
    (void)timeout_ms;
    burst_src *b = a->source_ctx;
    memset(in, 0, sizeof *in);
    if (!b->text[b->pos])
        return false;
    if (b->text[b->pos] == '\n') {
        b->pos++;
        in->kind = TI_KEY;
        in->key = TK_ENTER;
        return true;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)b->text + b->pos, -1, &cp);
    b->pos += n > 0 ? (size_t)n : 1;
    in->kind = TI_CHAR;
    in->cp = n > 0 ? (uint32_t)cp : '?';
    return true;
}

static void run_source(snap_env *e, burst_src *src)
{
    e->a.source = burst_read;
    e->a.source_ctx = src;
    for (int i = 0; i < 600 && (src->text[src->pos] || e->a.qlen > 0); i++)
        app_step(&e->a, 0);
    e->a.source = NULL;
}

TEST(card_scan, burst, "the scanner's UTF-8 burst is one scan; typed digits stay keys")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    /* on the welcome screen a card is not taken anywhere (no consent yet) */
    burst_src src = {CARD_GOOD "\n", 0};
    run_source(&e, &src);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "welcome");
    CU_ASSERT_EQUAL(e.cz.name.len, 0);
    to_identity(&e);
    src = (burst_src){CARD_GOOD "\n", 0};
    run_source(&e, &src);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    CU_ASSERT_STRING_EQUAL(e.cz.name.buf, "Nguy\xe1\xbb\x85n V\xc4\x83n An");
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020085001234");
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    /* digits typed and Enter, without '|': the keys they are */
    src = (burst_src){"0912345678\n", 0};
    run_source(&e, &src);
    CU_ASSERT_STRING_EQUAL(e.cz.phone.buf, "0912345678");
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    snap_close(&e);
}

TEST(card_scan, auto_advance, "ID and phone go on when complete and valid; Backspace goes back")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_identity(&e);
    snap_type(&e, "Mary Lee Ross");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "02009000123");
    CU_ASSERT_EQUAL(focus_of(&e), 1);                    /* 11 digits: stays */
    snap_type(&e, "4");
    CU_ASSERT_EQUAL(focus_of(&e), 2);                    /* 12 and valid: on */
    snap_key(&e, TK_BACKSPACE);                          /* empty phone: back */
    CU_ASSERT_EQUAL(focus_of(&e), 1);
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "020090001234"); /* nothing deleted yet */
    snap_key(&e, TK_BACKSPACE);
    CU_ASSERT_STRING_EQUAL(e.cz.id.buf, "02009000123");
    CU_ASSERT_EQUAL(focus_of(&e), 1);
    snap_type(&e, "4");
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    snap_key(&e, TK_ENTER);                              /* out of habit: confirms the ID */
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    CU_ASSERT(snap_lacks("\xe2\x9c\x97"));
    /* 12 digits that are no ID (unknown province) never go on */
    snap_key(&e, TK_UP);
    clear_field(&e);
    snap_type(&e, "999090001234");
    CU_ASSERT_EQUAL(focus_of(&e), 1);
    clear_field(&e);
    snap_type(&e, "020090001234");
    /* a phone with a wrong prefix never goes on; a good one does */
    snap_type(&e, "0112345678");
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    clear_field(&e);
    CU_ASSERT_EQUAL(focus_of(&e), 2);                    /* a held Backspace stays here */
    snap_type(&e, "0912345678");
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    snap_key(&e, TK_ENTER);                              /* out of habit: confirms the phone */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    snap_key(&e, TK_ENTER);                              /* the empty e-mail: on */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    snap_close(&e);
}

/* An Enter right after a number moved on by itself is the typist's habit:
 * it confirms the number, and does nothing more (the e-mail question is
 * not skipped unseen). An Enter pressed once the citizen has looked at the
 * e-mail field (after the typing rhythm) is meant for it: the empty e-mail
 * goes on at once, that Enter is not lost. The required phone after the ID
 * keeps taking the Enter as the ID's, whenever it comes. */
TEST(card_scan, enter_after_advance, "an Enter after an auto-advance: habit confirms, a look acts")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    to_identity(&e);
    snap_type(&e, "Mary Lee Ross");
    snap_key(&e, TK_ENTER);
    snap_type(&e, "020090001234");
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    snap_wait(&e, 3000);                                 /* a look at the phone field */
    snap_key(&e, TK_ENTER);                              /* still the ID's: nothing to skip */
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    CU_ASSERT(snap_lacks("\xe2\x9c\x97"));
    snap_type(&e, "0912345678");
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    snap_wait(&e, 300);                                  /* the typing rhythm */
    snap_key(&e, TK_ENTER);                              /* habit: confirms the phone */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "applicant");
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "applicant");
    /* again, and this time the citizen reads the e-mail field first */
    snap_key(&e, TK_UP);
    CU_ASSERT_EQUAL(focus_of(&e), 2);
    clear_field(&e);
    snap_type(&e, "0912345678");
    CU_ASSERT_EQUAL(focus_of(&e), 3);
    snap_wait(&e, 3000);
    snap_key(&e, TK_ENTER);                              /* one Enter: no e-mail, on */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "address");
    snap_close(&e);
}

SUITE(card_scan, NULL, NULL);
