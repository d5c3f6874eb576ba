/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "dossier.h"
#include "unit.h"
#include "util.h"
#include "workdays.h"

#define YEAR 2026

static val_result name(const char *in, char *out)
{
    return dossier_check_name(in, out, PK_NAME_MAX);
}

TEST(dossier, names, "names")
{
    char o[PK_NAME_MAX];
    CU_ASSERT_EQUAL(name("  Nguyễn   Văn  An ", o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "Nguyễn Văn An");
    /* NFD input (as some keyboards send it) comes out NFC */
    CU_ASSERT_EQUAL(name("Nguye\xcc\x82\xcc\x83n", o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "Nguyễn");
    CU_ASSERT_EQUAL(name("Đặng Thị Ánh Tuyết", o), VAL_OK);
    CU_ASSERT_EQUAL(name("Lường Văn Ơn", o), VAL_OK);
    CU_ASSERT_EQUAL(name("O'Brien-Smith Jr.", o), VAL_OK);
    /* a no-break space typed or pasted between words is a plain space */
    CU_ASSERT_EQUAL(name("Lý\xc2\xa0Thị Mai", o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "Lý Thị Mai");
    CU_ASSERT_EQUAL(name("Hoàng Thị Vy", o), VAL_OK);
    CU_ASSERT_EQUAL(name("Ôn Ư", o), VAL_OK);

    CU_ASSERT_EQUAL(name("", o), VAL_EMPTY);
    CU_ASSERT_EQUAL(name("    ", o), VAL_EMPTY);
    CU_ASSERT_EQUAL(name(NULL, o), VAL_EMPTY);
    CU_ASSERT_EQUAL(name("A", o), VAL_TOO_SHORT);
    CU_ASSERT_EQUAL(name("Ư.", o), VAL_TOO_SHORT);
    CU_ASSERT_EQUAL(name("Nguyễn Văn 2", o), VAL_NAME_CHARS);
    CU_ASSERT_EQUAL(name("An; DROP TABLE dossiers", o), VAL_NAME_CHARS);
    CU_ASSERT_EQUAL(name("-An", o), VAL_NAME_CHARS);
    CU_ASSERT_EQUAL(name("Иван", o), VAL_NAME_CHARS);          /* not Latin script */
    CU_ASSERT_EQUAL(name("An\xe2\x80\x8b", o), VAL_NAME_CHARS);   /* zero-width space */
    CU_ASSERT_EQUAL(name("An\tBinh", o), VAL_CONTROL_CHAR);
    CU_ASSERT_EQUAL(name("An\x7f", o), VAL_CONTROL_CHAR);
    CU_ASSERT_EQUAL(name("An\xc2\x85", o), VAL_CONTROL_CHAR);     /* C1 NEL */
    CU_ASSERT_EQUAL(name("Nguy\xe1\xbb", o), VAL_BAD_UTF8);       /* truncated */
    CU_ASSERT_EQUAL(name("An\xc0\xaf", o), VAL_BAD_UTF8);         /* overlong */
    CU_ASSERT_EQUAL(name("\xed\xa0\x80", o), VAL_BAD_UTF8);       /* surrogate */

    char lng[400];
    memset(lng, 'a', 100);
    lng[100] = '\0';
    CU_ASSERT_EQUAL(name(lng, o), VAL_OK);                      /* 100 chars */
    lng[100] = 'a';
    lng[101] = '\0';
    CU_ASSERT_EQUAL(name(lng, o), VAL_TOO_LONG);
    memset(lng, 'a', 399);
    lng[399] = '\0';
    CU_ASSERT_EQUAL(name(lng, o), VAL_TOO_LONG);
    /* 100 Vietnamese letters fit PK_NAME_MAX? no: 300 bytes; small buffers say so */
    char tiny[4];
    CU_ASSERT_EQUAL(dossier_check_name("Nguyễn", tiny, sizeof tiny), VAL_TOO_LONG);
}

TEST(dossier, ids, "ID numbers")
{
    char o[PK_ID_MAX];
    CU_ASSERT_EQUAL(dossier_check_id("020190123456", YEAR, o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "020190123456");
    CU_ASSERT_EQUAL(dossier_check_id(" 020 190 123 456 ", YEAR, o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "020190123456");
    CU_ASSERT_EQUAL(dossier_check_id("001305012345", YEAR, o, sizeof o), VAL_OK); /* 2005, female */
    CU_ASSERT_EQUAL(dossier_check_id("096226000001", YEAR, o, sizeof o), VAL_OK); /* born 2026 */
    CU_ASSERT_EQUAL(dossier_check_id("079006123456", YEAR, o, sizeof o), VAL_OK); /* 1906: 120 */
    CU_ASSERT_EQUAL(dossier_check_id("123456789", YEAR, o, sizeof o), VAL_OK);    /* old CMND */
    CU_ASSERT_STRING_EQUAL(o, "123456789");

    CU_ASSERT_EQUAL(dossier_check_id("", YEAR, o, sizeof o), VAL_EMPTY);
    CU_ASSERT_EQUAL(dossier_check_id(" - ", YEAR, o, sizeof o), VAL_EMPTY);
    CU_ASSERT_EQUAL(dossier_check_id("02019012345", YEAR, o, sizeof o), VAL_ID_LENGTH);
    CU_ASSERT_EQUAL(dossier_check_id("0201901234567", YEAR, o, sizeof o), VAL_ID_LENGTH);
    CU_ASSERT_EQUAL(dossier_check_id("12345678", YEAR, o, sizeof o), VAL_ID_LENGTH);
    CU_ASSERT_EQUAL(dossier_check_id("02019012345O", YEAR, o, sizeof o), VAL_ID_DIGITS);
    CU_ASSERT_EQUAL(dossier_check_id("020'190123456", YEAR, o, sizeof o), VAL_ID_DIGITS);
    CU_ASSERT_EQUAL(dossier_check_id("003190123456", YEAR, o, sizeof o), VAL_ID_PROVINCE);
    CU_ASSERT_EQUAL(dossier_check_id("097190123456", YEAR, o, sizeof o), VAL_ID_PROVINCE);
    CU_ASSERT_EQUAL(dossier_check_id("000190123456", YEAR, o, sizeof o), VAL_ID_PROVINCE);
    CU_ASSERT_EQUAL(dossier_check_id("020230123456", YEAR, o, sizeof o), VAL_ID_CENTURY); /* 2030 */
    CU_ASSERT_EQUAL(dossier_check_id("020490123456", YEAR, o, sizeof o), VAL_ID_CENTURY); /* 2190 */
    CU_ASSERT_EQUAL(dossier_check_id("020105123456", YEAR, o, sizeof o), VAL_ID_CENTURY); /* 1905: 121 */
    CU_ASSERT_EQUAL(dossier_check_id("0201\t90123456", YEAR, o, sizeof o), VAL_CONTROL_CHAR);
    CU_ASSERT_EQUAL(dossier_check_id("02019\xff", YEAR, o, sizeof o), VAL_BAD_UTF8);
    char lng[200];
    memset(lng, '1', sizeof lng - 1);
    lng[199] = '\0';
    CU_ASSERT_EQUAL(dossier_check_id(lng, YEAR, o, sizeof o), VAL_TOO_LONG);
    char small[12];
    CU_ASSERT_EQUAL(dossier_check_id("020190123456", YEAR, small, sizeof small), VAL_TOO_LONG);
}

TEST(dossier, phones, "mobile phones")
{
    char o[PK_PHONE_MAX];
    CU_ASSERT_EQUAL(dossier_check_phone("0912345678", o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "0912345678");
    CU_ASSERT_EQUAL(dossier_check_phone("+84912345678", o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "0912345678");
    CU_ASSERT_EQUAL(dossier_check_phone("84 912 345 678", o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "0912345678");
    CU_ASSERT_EQUAL(dossier_check_phone("0912.345.678", o, sizeof o), VAL_OK);
    CU_ASSERT_EQUAL(dossier_check_phone("+84 (0)912345678", o, sizeof o), VAL_PHONE_FORMAT);
    CU_ASSERT_EQUAL(dossier_check_phone("+84 0912 345 678", o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "0912345678");
    CU_ASSERT_EQUAL(dossier_check_phone("0084-386-123-456", o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "0386123456");
    /* every prefix of the regex, and its neighbours */
    static const char *good[] = {"032", "039", "052", "056", "058", "059", "070", "076",
                                 "079", "081", "089", "090", "094", "096", "099"};
    static const char *bad[] = {"031", "030", "050", "053", "057", "071", "075", "080",
                                "095", "020", "010"};
    char num[16];
    for (size_t i = 0; i < PK_ARRAY_LEN(good); i++) {
        snprintf(num, sizeof num, "%s1234567", good[i]);
        CU_ASSERT_EQUAL(dossier_check_phone(num, o, sizeof o), VAL_OK);
    }
    for (size_t i = 0; i < PK_ARRAY_LEN(bad); i++) {
        snprintf(num, sizeof num, "%s1234567", bad[i]);
        CU_ASSERT_EQUAL(dossier_check_phone(num, o, sizeof o), VAL_PHONE_PREFIX);
    }
    CU_ASSERT_EQUAL(dossier_check_phone("", o, sizeof o), VAL_EMPTY);
    CU_ASSERT_EQUAL(dossier_check_phone("091234567", o, sizeof o), VAL_PHONE_FORMAT);
    CU_ASSERT_EQUAL(dossier_check_phone("09123456789", o, sizeof o), VAL_PHONE_FORMAT);
    CU_ASSERT_EQUAL(dossier_check_phone("1912345678", o, sizeof o), VAL_PHONE_FORMAT);
    CU_ASSERT_EQUAL(dossier_check_phone("09123x5678", o, sizeof o), VAL_PHONE_FORMAT);
    CU_ASSERT_EQUAL(dossier_check_phone("02053870123", o, sizeof o), VAL_PHONE_FORMAT); /* landline */
    CU_ASSERT_EQUAL(dossier_check_phone("+1 912345678", o, sizeof o), VAL_PHONE_FORMAT);
    CU_ASSERT_EQUAL(dossier_check_phone("0912\n345678", o, sizeof o), VAL_CONTROL_CHAR);
    CU_ASSERT_EQUAL(dossier_check_phone("0912\xe2\x28", o, sizeof o), VAL_BAD_UTF8);
    char small[10];
    CU_ASSERT_EQUAL(dossier_check_phone("0912345678", small, sizeof small), VAL_TOO_LONG);
}

TEST(dossier, emails_streets_units, "e-mail, street, unit")
{
    char o[PK_EMAIL_MAX];
    CU_ASSERT_EQUAL(dossier_check_email("", o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "");
    CU_ASSERT_EQUAL(dossier_check_email("   ", o, sizeof o), VAL_OK);
    CU_ASSERT_EQUAL(dossier_check_email(" an.nguyen+hs@Mail.Example.VN ", o, sizeof o), VAL_OK);
    CU_ASSERT_STRING_EQUAL(o, "an.nguyen+hs@mail.example.vn");
    CU_ASSERT_EQUAL(dossier_check_email("an@example", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("an@@example.vn", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("@example.vn", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("an..b@example.vn", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("an@-example.vn", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("an@example..vn", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("an@example.v1", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("an b@example.vn", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("án@example.vn", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("a'; --@x.vn", o, sizeof o), VAL_EMAIL);
    CU_ASSERT_EQUAL(dossier_check_email("an@x.vn\r", o, sizeof o), VAL_CONTROL_CHAR);
    char lng[200];
    memset(lng, 'a', 130);
    strcpy(lng + 130, "@x.vn");
    CU_ASSERT_EQUAL(dossier_check_email(lng, o, sizeof o), VAL_TOO_LONG);

    char street[PK_STREET_MAX];
    CU_ASSERT_EQUAL(dossier_check_street(" Số 12,  ngõ 3/5 (cạnh chợ), đường Trần Đăng Ninh ",
                                         street, sizeof street), VAL_OK);
    CU_ASSERT_STRING_EQUAL(street, "Số 12, ngõ 3/5 (cạnh chợ), đường Trần Đăng Ninh");
    CU_ASSERT_EQUAL(dossier_check_street("Thôn Nà Pàn", street, sizeof street), VAL_OK);
    CU_ASSERT_EQUAL(dossier_check_street("", street, sizeof street), VAL_EMPTY);
    CU_ASSERT_EQUAL(dossier_check_street("Số 1 <script>", street, sizeof street), VAL_STREET_CHARS);
    CU_ASSERT_EQUAL(dossier_check_street("Số 1; DROP TABLE", street, sizeof street), VAL_STREET_CHARS);
    CU_ASSERT_EQUAL(dossier_check_street("Số 1\x1b[2J", street, sizeof street), VAL_CONTROL_CHAR);
    CU_ASSERT_EQUAL(dossier_check_street("\xf0\x28\x8c\x28", street, sizeof street), VAL_BAD_UTF8);
    char lst[300];
    memset(lst, 'x', 121);
    lst[121] = '\0';
    CU_ASSERT_EQUAL(dossier_check_street(lst, street, sizeof street), VAL_TOO_LONG);

    admin_unit u = {.id = 3, .province = "Lạng Sơn", .type = "phường", .name = "Tam Thanh"};
    CU_ASSERT_EQUAL(dossier_check_unit(&u), VAL_OK);
    CU_ASSERT_EQUAL(dossier_check_unit(NULL), VAL_UNIT_UNKNOWN);
    u.id = 0;
    CU_ASSERT_EQUAL(dossier_check_unit(&u), VAL_UNIT_UNKNOWN);
}

TEST(dossier, messages, "a message for every result")
{
    /* every result has its own non-empty message */
    for (int v = VAL_OK; v <= VAL_TOO_SHORT; v++) {
        const char *m = dossier_val_msg((val_result)v);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        CU_ASSERT(strlen(m) > 5);
        for (int w = VAL_OK; w < v; w++)
            CU_ASSERT_STRING_NOT_EQUAL(m, dossier_val_msg((val_result)w));
    }
    CU_ASSERT_PTR_NOT_NULL(dossier_val_msg((val_result)99));
}

static procedure proc(bool submit, bool ret, const char *why_vi, const char *why_en)
{
    procedure p;
    memset(&p, 0, sizeof p);
    str_copy(p.code, sizeof p.code, "1.000894");
    p.bcci_submit = submit;
    p.bcci_return = ret;
    str_copy(p.reason_vi, sizeof p.reason_vi, why_vi);
    str_copy(p.reason_en, sizeof p.reason_en, why_en);
    p.days = 3;
    p.fee_vnd = 15000;
    return p;
}

TEST(dossier, eligibility, "eligibility and reasons")
{
    procedure all = proc(true, true, "", "");
    procedure ret = proc(false, true, "Phải có mặt để chụp ảnh.", "You must be present.");
    procedure none = proc(false, false, "Hai bên phải có mặt.", "");
    procedure send = proc(true, false, "", "");
    CU_ASSERT_TRUE(dossier_eligible(&all, FORM_SEND));
    CU_ASSERT_TRUE(dossier_eligible(&all, FORM_RETURN));
    CU_ASSERT_TRUE(dossier_eligible(&all, FORM_BOTH));
    CU_ASSERT_FALSE(dossier_eligible(&ret, FORM_SEND));
    CU_ASSERT_TRUE(dossier_eligible(&ret, FORM_RETURN));
    CU_ASSERT_FALSE(dossier_eligible(&ret, FORM_BOTH));
    CU_ASSERT_FALSE(dossier_eligible(&none, FORM_RETURN));
    CU_ASSERT_TRUE(dossier_eligible(&send, FORM_SEND));
    CU_ASSERT_FALSE(dossier_eligible(&send, FORM_BOTH));
    CU_ASSERT_FALSE(dossier_eligible(&all, (service_form)0));
    CU_ASSERT_FALSE(dossier_eligible(NULL, FORM_SEND));

    CU_ASSERT_PTR_NULL(dossier_why_not(&all, FORM_BOTH, "vi"));
    CU_ASSERT_STRING_EQUAL(dossier_why_not(&ret, FORM_SEND, "vi"), "Phải có mặt để chụp ảnh.");
    CU_ASSERT_STRING_EQUAL(dossier_why_not(&ret, FORM_BOTH, "en"), "You must be present.");
    /* no English reason: falls back to Vietnamese */
    CU_ASSERT_STRING_EQUAL(dossier_why_not(&none, FORM_SEND, "en"), "Hai bên phải có mặt.");
    /* no reason at all: a generic message that names the missing service */
    const char *g = dossier_why_not(&send, FORM_RETURN, "en");
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_PTR_NOT_NULL(strstr(g, "result"));
    procedure bare = proc(false, true, "", "");
    g = dossier_why_not(&bare, FORM_SEND, "en");
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_PTR_NOT_NULL(strstr(g, "in person"));
    CU_ASSERT_PTR_NOT_NULL(dossier_why_not(NULL, FORM_SEND, "vi"));
}

TEST(dossier, masking, "masking")
{
    char o[64];
    dossier_mask_id("020190123456", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "********3456");
    dossier_mask_id("123456789", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "*****6789");
    dossier_mask_id("1234", o, sizeof o);       /* too short to hide: all starred */
    CU_ASSERT_STRING_EQUAL(o, "****");
    dossier_mask_id("", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "");
    dossier_mask_id(NULL, o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "");
    dossier_mask_phone("0912345689", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "09******89");
    dossier_mask_phone("09123", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "*****");
    dossier_mask_phone("09é", o, sizeof o);        /* never leaks odd input */
    CU_ASSERT_STRING_EQUAL(o, "***");
    char small[6];
    dossier_mask_id("020190123456", small, sizeof small);
    CU_ASSERT_STRING_EQUAL(small, "*****");        /* prefix of stars only */

    dossier_mask_name("Nguyễn Văn An", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "Nguyễn V. A.");
    dossier_mask_name("  Đỗ   Ánh ", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "Đỗ Á.");
    /* decomposed initial: the letter keeps its mark */
    dossier_mask_name("Lê A\xcc\x81nh", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "Lê A\xcc\x81.");
    dossier_mask_name("Vy", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "Vy");
    dossier_mask_name("", o, sizeof o);
    CU_ASSERT_STRING_EQUAL(o, "");
    char n8[9];
    dossier_mask_name("Nguyễn Văn An", n8, sizeof n8);  /* "Nguyễn" is 8 bytes */
    CU_ASSERT_STRING_EQUAL(n8, "Nguyễn");
    char n4[4];
    dossier_mask_name("Nguyễn Văn An", n4, sizeof n4);
    CU_ASSERT_STRING_EQUAL(n4, "");
}

static int D(const char *s);

TEST(dossier, fees, "fees")
{
    procedure p = proc(true, true, "", "");
    tariff t = {.form = FORM_BOTH, .scope = "province", .charge_vnd = 42000, .transit_days = 2};
    dossier d;
    memset(&d, 0, sizeof d);
    d.form = FORM_BOTH;
    dossier_fees(&p, &t, &d);
    CU_ASSERT_EQUAL(d.fee_proc, 15000);
    CU_ASSERT_EQUAL(d.fee_post, 42000);
    CU_ASSERT_EQUAL(d.fee_total, 57000);
    /* return only: the fee was paid at the agency */
    d.form = FORM_RETURN;
    t.charge_vnd = 21000;
    dossier_fees(&p, &t, &d);
    CU_ASSERT_EQUAL(d.fee_proc, 0);
    CU_ASSERT_EQUAL(d.fee_total, 21000);
    d.form = FORM_SEND;
    dossier_fees(&p, NULL, &d);
    CU_ASSERT_EQUAL(d.fee_total, 15000);
    str_copy(p.level, sizeof p.level, "commune");
    CU_ASSERT_STRING_EQUAL(dossier_tariff_scope(&p), "commune");
    str_copy(p.level, sizeof p.level, "province");
    CU_ASSERT_STRING_EQUAL(dossier_tariff_scope(&p), "province");
    CU_ASSERT_STRING_EQUAL(dossier_tariff_scope(NULL), "province");
    p.fee_vnd = -5;
    t.charge_vnd = -1;
    dossier_fees(&p, &t, &d);
    CU_ASSERT_EQUAL(d.fee_total, 0);
}

static int D(const char *s)
{
    int d = -1;
    CU_ASSERT_TRUE_FATAL(date_parse(s, &d));
    return d;
}

TEST(dossier, expected_date, "expected date")
{
    holiday h[9];
    for (int i = 0; i < 9; i++) {
        snprintf(h[i].date, sizeof h[i].date, "2026-02-%02d", 14 + i);
        h[i].kind = 'H';
        str_copy(h[i].name, sizeof h[i].name, "Tết Nguyên đán");
    }
    workcal c;
    workcal_init(&c, h, 9);
    procedure p = proc(true, true, "", "");
    p.days = 3;
    /* Monday 09/02/2026 10:00, province transit 2 each way: 2 + 3 + 2 = 7
     * working days: 10,11,12,13, (Tết), 23,24,25 */
    CU_ASSERT_EQUAL(dossier_expected_day(&c, D("2026-02-09"), 10, &p, 2, FORM_BOTH), D("2026-02-25"));
    /* the same at 15:00 counts from Tuesday: one working day later */
    CU_ASSERT_EQUAL(dossier_expected_day(&c, D("2026-02-09"), 15, &p, 2, FORM_BOTH), D("2026-02-26"));
    CU_ASSERT_EQUAL(dossier_expected_day(&c, D("2026-02-09"), 14, &p, 2, FORM_BOTH), D("2026-02-25"));
    /* send only: no return transit; return only: no transit to the agency */
    CU_ASSERT_EQUAL(dossier_expected_day(&c, D("2026-02-09"), 10, &p, 2, FORM_SEND), D("2026-02-23"));
    CU_ASSERT_EQUAL(dossier_expected_day(&c, D("2026-02-09"), 10, &p, 2, FORM_RETURN), D("2026-02-23"));
    /* registered on a Saturday evening in Tết: J is Monday 23/02 */
    p.days = 0;
    CU_ASSERT_EQUAL(dossier_expected_day(&c, D("2026-02-14"), 20, &p, 1, FORM_BOTH), D("2026-02-25"));
    CU_ASSERT_EQUAL(dossier_expected_day(&c, D("2026-02-14"), 20, &p, 0, FORM_SEND), D("2026-02-23"));
    /* Friday after 15:00 -> Monday */
    CU_ASSERT_EQUAL(dossier_expected_day(&c, D("2026-11-27"), 16, &p, 0, FORM_SEND), D("2026-11-30"));
    workcal_free(&c);
}

/* ---- life cycle -------------------------------------------------------- */

/* The expected table, written independently of lifecycle.c:
 * from, to, forms allowed (S = send, R = return, B = both). */
static const struct { const char *from, *to, *forms; } allowed[] = {
    {"registered", "accepted", "SRB"},
    {"registered", "counter_rejected", "SRB"},
    {"registered", "cancelled", "SRB"},
    {"accepted", "in_transit", "SB"},
    {"accepted", "handed", "SB"},
    {"accepted", "processing", "R"},
    {"accepted", "result_ready", "R"},
    {"accepted", "cancelled", "SRB"},
    {"in_transit", "handed", "SRB"},
    {"handed", "processing", "SRB"},
    {"handed", "supplement", "SRB"},
    {"handed", "agency_rejected", "SRB"},
    {"handed", "result_ready", "SRB"},
    {"processing", "supplement", "SRB"},
    {"processing", "agency_rejected", "SRB"},
    {"processing", "result_ready", "SRB"},
    {"supplement", "processing", "SRB"},
    {"supplement", "handed", "SRB"},
    {"supplement", "agency_rejected", "SRB"},
    {"supplement", "cancelled", "SRB"},
    {"result_ready", "result_collected", "RB"},
    {"result_ready", "delivered", "SRB"},
    {"agency_rejected", "result_collected", "RB"},
    {"result_collected", "out_for_delivery", "SRB"},
    {"out_for_delivery", "delivered", "SRB"},
    {"out_for_delivery", "delivery_failed", "SRB"},
    {"delivery_failed", "out_for_delivery", "SRB"},
    {"delivery_failed", "delivered", "SRB"},
    {"delivery_failed", "returned", "SRB"},
};

static const char *expect_forms(int from, int to)
{
    for (size_t i = 0; i < PK_ARRAY_LEN(allowed); i++)
        if (dossier_status_parse(allowed[i].from) == from &&
            dossier_status_parse(allowed[i].to) == to)
            return allowed[i].forms;
    return NULL;
}

TEST(dossier, status_codes, "status codes and labels")
{
    for (int s = 0; s < ST__COUNT; s++) {
        const char *code = dossier_status_code((dossier_status)s);
        CU_ASSERT_EQUAL(dossier_status_parse(code), s);
        const char *label = dossier_status_label((dossier_status)s);
        CU_ASSERT(strlen(label) > 3);
        for (int t = 0; t < s; t++)
            CU_ASSERT_STRING_NOT_EQUAL(label, dossier_status_label((dossier_status)t));
    }
    CU_ASSERT_EQUAL(dossier_status_parse("REGISTERED"), -1);
    CU_ASSERT_EQUAL(dossier_status_parse(""), -1);
    CU_ASSERT_EQUAL(dossier_status_parse(NULL), -1);
    CU_ASSERT_STRING_EQUAL(dossier_status_code(ST__COUNT), "unknown");
    CU_ASSERT_STRING_EQUAL(dossier_status_code((dossier_status)-1), "unknown");
    CU_ASSERT_STRING_EQUAL(dossier_status_label(ST__COUNT), "Unknown status");
    CU_ASSERT_STRING_EQUAL(dossier_status_label(ST_IN_TRANSIT), "On its way to the agency");
}

TEST(dossier, every_transition, "every transition pair")
{
    static const service_form forms[3] = {FORM_SEND, FORM_RETURN, FORM_BOTH};
    static const char letters[3] = {'S', 'R', 'B'};
    int checked = 0;
    for (int f = 0; f < ST__COUNT; f++) {
        for (int t = 0; t < ST__COUNT; t++) {
            const char *exp = expect_forms(f, t);
            CU_ASSERT_EQUAL(dossier_transition_allowed((dossier_status)f, (dossier_status)t),
                            exp != NULL);
            for (int k = 0; k < 3; k++) {
                bool want = exp && strchr(exp, letters[k]);
                bool got = dossier_transition_allowed_form((dossier_status)f, (dossier_status)t,
                                                           forms[k]);
                if (want != got)
                    fprintf(stderr, "transition %s -> %s form %c: want %d got %d\n",
                            dossier_status_code((dossier_status)f),
                            dossier_status_code((dossier_status)t), letters[k], want, got);
                CU_ASSERT_EQUAL(want, got);
                checked++;
            }
            CU_ASSERT_FALSE(dossier_transition_allowed_form((dossier_status)f, (dossier_status)t,
                                                            (service_form)0));
        }
    }
    CU_ASSERT_EQUAL(checked, ST__COUNT * ST__COUNT * 3);
    int n;
    const dossier_transition *tab = dossier_transitions(&n);
    CU_ASSERT_EQUAL(n, (int)PK_ARRAY_LEN(allowed));
    for (int i = 0; i < n; i++) {
        CU_ASSERT_PTR_NOT_NULL(tab[i].action);
        CU_ASSERT_PTR_EQUAL(dossier_transition_find(tab[i].from, tab[i].to), &tab[i]);
    }
    CU_ASSERT_PTR_NULL(dossier_transition_find(ST_DELIVERED, ST_REGISTERED));
}

TEST(dossier, next_states_and_flags, "next states, closed, flags")
{
    dossier_status nx[ST__COUNT];
    int n = dossier_next_states(ST_ACCEPTED, FORM_SEND, nx, ST__COUNT);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(nx[0], ST_IN_TRANSIT);
    CU_ASSERT_EQUAL(nx[1], ST_HANDED);
    CU_ASSERT_EQUAL(nx[2], ST_CANCELLED);
    n = dossier_next_states(ST_ACCEPTED, FORM_RETURN, nx, ST__COUNT);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(nx[0], ST_PROCESSING);
    CU_ASSERT_EQUAL(dossier_next_states(ST_ACCEPTED, 0, nx, ST__COUNT), 5);
    /* max limits what is written, not the count */
    CU_ASSERT_EQUAL(dossier_next_states(ST_ACCEPTED, 0, nx, 1), 5);
    CU_ASSERT_EQUAL(dossier_next_states(ST_DELIVERED, 0, nx, ST__COUNT), 0);

    CU_ASSERT_TRUE(dossier_status_closed(ST_DELIVERED));
    CU_ASSERT_TRUE(dossier_status_closed(ST_RETURNED));
    CU_ASSERT_TRUE(dossier_status_closed(ST_CANCELLED));
    CU_ASSERT_TRUE(dossier_status_closed(ST_COUNTER_REJECTED));
    CU_ASSERT_FALSE(dossier_status_closed(ST_AGENCY_REJECTED));
    CU_ASSERT_FALSE(dossier_status_closed(ST_REGISTERED));
    CU_ASSERT_TRUE(dossier_status_closed_form(ST_AGENCY_REJECTED, FORM_SEND));
    CU_ASSERT_FALSE(dossier_status_closed_form(ST_AGENCY_REJECTED, FORM_BOTH));

    /* reasons are required where the law wants a written reason */
    CU_ASSERT(dossier_transition_find(ST_REGISTERED, ST_COUNTER_REJECTED)->flags & TR_NOTE);
    CU_ASSERT(dossier_transition_find(ST_HANDED, ST_AGENCY_REJECTED)->flags & TR_NOTE);
    CU_ASSERT(dossier_transition_find(ST_PROCESSING, ST_SUPPLEMENT)->flags & TR_NOTE);
    CU_ASSERT(dossier_transition_find(ST_OUT_FOR_DELIVERY, ST_DELIVERY_FAILED)->flags & TR_NOTE);
    CU_ASSERT(dossier_transition_find(ST_DELIVERY_FAILED, ST_RETURNED)->flags & TR_NOTE);
    CU_ASSERT(dossier_transition_find(ST_REGISTERED, ST_ACCEPTED)->flags & TR_SEAL);
    CU_ASSERT(dossier_transition_find(ST_OUT_FOR_DELIVERY, ST_DELIVERED)->flags & TR_RECIPIENT);
    CU_ASSERT_FALSE(dossier_transition_find(ST_HANDED, ST_PROCESSING)->flags & TR_NOTE);
    CU_ASSERT_TRUE(dossier_post_done(ST_HANDED, FORM_SEND));
    CU_ASSERT_TRUE(dossier_post_done(ST_RESULT_READY, FORM_SEND));
    CU_ASSERT_FALSE(dossier_post_done(ST_IN_TRANSIT, FORM_SEND));
    CU_ASSERT_FALSE(dossier_post_done(ST_HANDED, FORM_BOTH));
    CU_ASSERT_FALSE(dossier_post_done(ST_RESULT_READY, FORM_RETURN));
    CU_ASSERT_TRUE(dossier_post_done(ST_DELIVERED, FORM_BOTH));
    CU_ASSERT_TRUE(dossier_post_done(ST_CANCELLED, FORM_RETURN));
    CU_ASSERT_TRUE(dossier_post_done(ST_AGENCY_REJECTED, FORM_SEND));
    CU_ASSERT_FALSE(dossier_post_done(ST_AGENCY_REJECTED, FORM_RETURN));
    CU_ASSERT_FALSE(dossier_return_allowed(0));
    CU_ASSERT_FALSE(dossier_return_allowed(1));
    CU_ASSERT_TRUE(dossier_return_allowed(2));
    workcal c;
    workcal_init(&c, NULL, 0);
    /* failed on Thursday 26/11/2026: next attempt Monday 30/11 */
    CU_ASSERT_EQUAL(dossier_next_attempt_day(&c, D("2026-11-26")), D("2026-11-30"));
    workcal_free(&c);
}

SUITE(dossier, NULL, NULL);
