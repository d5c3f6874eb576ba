/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Vietnamese input engine: a table of keystrokes -> text for Telex and
 * VNI (names, Lạng Sơn places, foreign words, undo, tones anywhere, both
 * tone styles, capitals, NFD input, backspace), then the typing API. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "unit.h"
#include "vnime.h"

typedef struct {
    const char *keys, *want;
} row;

#define BS "\b"

static const row TELEX[] = {
    /* surnames and given names */
    {"Nguyeenx", "Nguyễn"}, {"Nguyeexn", "Nguyễn"}, {"Nguyexen", "Nguyễn"}, {"Traanf", "Trần"},
    {"Trafan", "Trần"}, {"Lee", "Lê"}, {"Phamj", "Phạm"}, {"Pjham", "Pjham"}, {"Hoangf", "Hoàng"},
    {"Hoafng", "Hoàng"}, {"Huyfnh", "Huỳnh"}, {"Huynhf", "Huỳnh"}, {"Phan", "Phan"}, {"Vux", "Vũ"},
    {"Vox", "Võ"}, {"Ddawngj", "Đặng"}, {"Ddangjw", "Đặng"}, {"Bufi", "Bùi"}, {"Ddoox", "Đỗ"},
    {"Hoof", "Hồ"}, {"Ngoo", "Ngô"}, {"Duwowng", "Dương"}, {"Duongw", "Dương"}, {"Lys", "Lý"},
    {"Huwowng", "Hương"}, {"Huongw", "Hương"}, {"Nguyeetj", "Nguyệt"}, {"Nguyejet", "Nguyệt"},
    {"Quyeets", "Quyết"}, {"Thawngs", "Thắng"}, {"Thuyr", "Thủy"}, {"Khoer", "Khỏe"},
    {"Hoaf", "Hòa"}, {"Quyfnh", "Quỳnh"}, {"Giang", "Giang"}, {"Gifn", "Gìn"}, {"Thij", "Thị"},
    {"Vawn", "Văn"}, {"Tuaans", "Tuấn"}, {"Phuwowng", "Phương"}, {"Truwowngf", "Trường"},
    {"Ddinhf", "Đình"}, {"Hieeus", "Hiếu"}, {"Ngocj", "Ngọc"}, {"Dungx", "Dũng"},
    {"Nguyeenx Thij Huwowng", "Nguyễn Thị Hương"}, {"Traanf Vawn Thawngs", "Trần Văn Thắng"},
    {"Leex", "Lễ"}, {"Khuee", "Khuê"}, {"Thuaanj", "Thuận"}, {"Xuaan", "Xuân"},
    /* Lạng Sơn places */
    {"Lajng Sown", "Lạng Sơn"}, {"Cao Loocj", "Cao Lộc"}, {"Trangf Ddinhj", "Tràng Định"},
    {"Huwux Luxng", "Hữu Lũng"}, {"Ddoongf Ddawng", "Đồng Đăng"}, {"Kyf Luwfa", "Kỳ Lừa"},
    {"Vawn Quan", "Văn Quan"}, {"Binhf Gia", "Bình Gia"}, {"Bawcs Sown", "Bắc Sơn"},
    {"Chi Lawng", "Chi Lăng"}, {"Loocj Binhf", "Lộc Bình"}, {"Ddinhf Laapj", "Đình Lập"},
    {"Na Saafm", "Na Sầm"}, {"Vawn Laxng", "Văn Lãng"}, {"Tanf Thanhf", "Tàn Thành"},
    /* gi, qu, ươ and uơ */
    {"gias", "giá"}, {"gif", "gì"}, {"giuwax", "giữa"}, {"giuwowngf", "giường"},
    {"quas", "quá"}, {"quys", "quý"}, {"quyeenf", "quyền"}, {"quoocs", "quốc"}, {"quaan", "quân"},
    {"quawng", "quăng"}, {"quow", "quơ"}, {"thuowr", "thuở"}, {"huow", "huơ"}, {"huowu", "hươu"},
    {"ruouwj", "rượu"}, {"nguoiwf", "người"}, {"muwowif", "mười"}, {"truongwf", "trường"},
    {"hoawcj", "hoặc"}, {"tuaanf", "tuần"}, {"khuyur", "khuỷu"}, {"ngoaif", "ngoài"},
    {"xoays", "xoáy"}, {"khuaays", "khuấy"}, {"nhieeuf", "nhiều"}, {"yeeu", "yêu"},
    {"muoosi", "muối"}, {"cuwuw", "cuuw"}, {"cuwus", "cứu"}, {"gurwi", "gửi"},
    /* w alone, d */
    {"w", "ư"}, {"nhw", "như"}, {"tw", "tư"}, {"W", "Ư"}, {"ddi", "đi"}, {"DDi", "Đi"},
    {"Ddi", "Đi"}, {"dDi", "đi"},
    /* a doubled key undoes */
    {"aa", "â"}, {"aaa", "aa"}, {"ee", "ê"}, {"eee", "ee"}, {"oo", "ô"}, {"ooo", "oo"},
    {"aw", "ă"}, {"aww", "aw"}, {"ow", "ơ"}, {"oww", "ow"}, {"uw", "ư"}, {"uww", "uw"},
    {"dd", "đ"}, {"ddd", "dd"}, {"as", "á"}, {"ass", "as"}, {"aff", "af"}, {"arr", "ar"},
    {"axx", "ax"}, {"ajj", "aj"}, {"ww", "w"}, {"www", "ww"}, {"tieengss", "tiêngs"},
    {"bass", "bas"}, {"xooong", "xoong"},
    /* z removes the tone; a second tone replaces the first */
    {"asz", "a"}, {"Nguyeenxz", "Nguyên"}, {"z", "z"}, {"az", "az"}, {"asf", "à"},
    {"hoafj", "họa"},
    /* tones only where the final allows them (c ch p t: sắc, nặng) */
    {"macs", "mác"}, {"macj", "mạc"}, {"macf", "macf"}, {"sachr", "sachr"}, {"tapx", "tapx"},
    {"ecs", "éc"},
    /* capitals and mixed case */
    {"NGUYEENX", "NGUYỄN"}, {"DDAWNGJ", "ĐẶNG"}, {"NguyEEnX", "NguyỄn"}, {"hUWOWNG", "hƯƠNG"},
    {"LAJNG SOWN", "LẠNG SƠN"}, {"QUYEETS", "QUYẾT"}, {"GIAF", "GIÀ"}, {"Aa", "Â"}, {"aA", "â"},
    /* words that cannot be Vietnamese stay as typed */
    {"email", "email"}, {"windows", "windows"}, {"facebook", "facebook"}, {"zalo", "zalo"},
    {"google", "google"}, {"iphone", "iphone"}, {"youtube", "youtube"}, {"viber", "viber"},
    {"tiktok", "tiktok"}, {"shopee", "shopee"}, {"Microsoft", "Microsoft"}, {"Windows", "Windows"},
    {"abc@gmail.com", "abc@gmail.com"}, {"covid", "covid"}, {"wifi", "wifi"},
    /* numbers and punctuation pass through */
    {"123", "123"}, {"0912345678", "0912345678"}, {"Soos 5, nhaf 12.", "Số 5, nhà 12."},
    {"(Hoaf)", "(Hòa)"}, {"Phongf 12A", "Phòng 12A"}, {"a-b", "a-b"}, {"Bas-Dduwowngf", "Bá-Đường"},
    /* backspace deletes one visible letter */
    {"Nguyeenx" BS, "Nguyễ"}, {"Nguyeenx" BS "n", "Nguyễn"}, {"hoanf" BS, "hòa"},
    {"email" BS, "emai"}, {"email" BS "l", "email"}, {"aaa" BS, "a"}, {"Ddoongf" BS BS BS, "Đ"},
    {"Ddoongf" BS BS BS BS, ""}, {"an " BS "s", "án"}, {"abc" BS BS BS BS, ""},
    {"dduwowngf" BS BS, "đườ"}, {"dduwowngf" BS BS BS, "đư"}, {"xin chaof" BS BS BS, "xin c"}, {"xin chaof" BS BS BS BS, "xin "},
    {"Nguyeen" BS "nx", "Nguyễn"}, {"windows" BS, "window"}, {"nguyeenc" BS "x", "nguyễn"},
    {"ass" BS "a", "â"}, {"\x7f", ""}, {BS "a", "a"}, {"a" BS BS "b", "b"},
    /* precomposed and NFD input come out NFC */
    {"Nguye\xcc\x82\xcc\x83n", "Nguyễn"}, {"La\xcc\xa3ng", "Lạng"}, {"Nguye\xcc\xa3\xcc\x82t", "Nguyệt"},
    {"Hu\xcc\x9bo\xcc\x9bng", "Hương"}, {"Đo\xcc\x82\xcc\x80ng", "Đồng"}, {"Nguyễn", "Nguyễn"},
    {"hoà", "hòa"}, {"Lạng Sơn", "Lạng Sơn"}, {"e\xcc\x81mail", "émail"},
    {"x\xcc\x81", "x\xcc\x81"}, {"a \xcc\x81", "a \xcc\x81"}, {"cafe\xcc\x81", "café"},
};

static const row TELEX_NEW[] = {
    {"hoaf", "hoà"}, {"khoer", "khoẻ"}, {"thuyr", "thuỷ"}, {"Thuyr", "Thuỷ"}, {"hoanf", "hoàn"},
    {"hoafng", "hoàng"}, {"Thanh Hoas", "Thanh Hoá"}, {"quys", "quý"}, {"ngoaif", "ngoài"},
    {"hoanf" BS, "hoà"}, {"mais", "mái"}, {"thuowr", "thuở"}, {"hòa", "hoà"},
};

static const row VNI[] = {
    {"Nguye6n4", "Nguyễn"}, {"Nguyen64", "Nguyễn"}, {"Nguye4n6", "Nguyễn"}, {"Tra6n2", "Trần"},
    {"Tran26", "Trần"}, {"Le6", "Lê"}, {"Pha5m", "Phạm"}, {"Hoa2ng", "Hoàng"}, {"Huy2nh", "Huỳnh"},
    {"Vu4", "Vũ"}, {"Vo4", "Võ"}, {"D9a8ng5", "Đặng"}, {"Dang589", "Đặng"}, {"Bu2i", "Bùi"},
    {"D9o64", "Đỗ"}, {"Ho62", "Hồ"}, {"Ngo6", "Ngô"}, {"Du7o7ng", "Dương"}, {"Duong7", "Dương"},
    {"Ly1", "Lý"}, {"Hu7o7ng", "Hương"}, {"Nguye65t", "Nguyệt"}, {"Quye61t", "Quyết"},
    {"Tha81ng", "Thắng"}, {"Thuy3", "Thủy"}, {"Khoe3", "Khỏe"}, {"Hoa2", "Hòa"},
    {"Quy2nh", "Quỳnh"}, {"Gi2n", "Gìn"}, {"Giang", "Giang"},
    {"La5ng So7n", "Lạng Sơn"}, {"Cao Lo65c", "Cao Lộc"}, {"Tra2ng D9i5nh", "Tràng Định"},
    {"Hu7u4 Lu4ng", "Hữu Lũng"}, {"D9o62ng D9a8ng", "Đồng Đăng"}, {"Ky2 Lu7a2", "Kỳ Lừa"},
    {"Va8n Quan", "Văn Quan"}, {"Bi2nh Gia", "Bình Gia"}, {"Ba81c So7n", "Bắc Sơn"},
    {"Chi La8ng", "Chi Lăng"}, {"Lo65c Bi2nh", "Lộc Bình"}, {"D9i2nh La65p", "Đình Lập"},
    {"Na Sa62m", "Na Sầm"},
    {"thuo73", "thuở"}, {"truong72", "trường"}, {"nguoi72", "người"}, {"hoa85c", "hoặc"},
    {"qua1", "quá"}, {"quo61c", "quốc"}, {"giu7a4", "giữa"}, {"mu7a", "mưa"},
    {"a66", "a6"}, {"a11", "a1"}, {"d99", "d9"}, {"a88", "a8"}, {"o77", "o7"}, {"a0", "a0"},
    {"a10", "a"}, {"a12", "à"},
    {"2024", "2024"}, {"So61 5", "Số 5"}, {"Pho2ng 12", "Phòng 12"}, {"0912345678", "0912345678"},
    {"NGUYE6N4", "NGUYỄN"}, {"D9A8NG5", "ĐẶNG"},
    {"email", "email"}, {"windows", "windows"}, {"facebook", "facebook"}, {"zalo", "zalo"},
    {"google", "google"}, {"iphone", "iphone"}, {"b2", "b2"}, {"mac2", "mac2"},
    {"Nguye6n4" BS, "Nguyễ"}, {"Hoa2n" BS, "Hòa"}, {"d9" BS, ""}, {"a6" BS "a", "a"},
    {"Nguye\xcc\x82\xcc\x83n", "Nguyễn"},
};

static const row VNI_NEW[] = {
    {"hoa2", "hoà"}, {"khoe3", "khoẻ"}, {"thuy3", "thuỷ"}, {"hoa2n", "hoàn"},
};

static const row OFF[] = {
    {"Nguyeenx", "Nguyeenx"}, {"Nguye\xcc\x82\xcc\x83n", "Nguyễn"}, {"ab" BS "c", "ac"},
    {"a6", "a6"},
};

static int run_table(ime_method m, bool new_style, const row *t, size_t n)
{
    int bad = 0;
    char out[256];
    for (size_t i = 0; i < n; i++) {
        bool ok = vnime_convert(m, new_style, t[i].keys, out, sizeof out);
        if (!ok || strcmp(out, t[i].want) != 0) {
            fprintf(stderr, "vnime %s%s: \"%s\" -> \"%s\"%s, want \"%s\"\n", vnime_method_name(m),
                    new_style ? " new" : "", t[i].keys, out, ok ? "" : " (failed)", t[i].want);
            bad++;
        }
    }
    return bad;
}

#define TABLE(m, ns, t) CU_ASSERT_EQUAL(run_table(m, ns, t, sizeof t / sizeof t[0]), 0)

TEST(vnime, telex_table, "Telex table") { TABLE(IME_TELEX, false, TELEX); }
TEST(vnime, telex_new_style, "Telex new tone style") { TABLE(IME_TELEX, true, TELEX_NEW); }
TEST(vnime, vni_table, "VNI table") { TABLE(IME_VNI, false, VNI); }
TEST(vnime, vni_new_style, "VNI new tone style") { TABLE(IME_VNI, true, VNI_NEW); }
TEST(vnime, off_table, "method off") { TABLE(IME_OFF, false, OFF); }

/* Every vowel with every tone, upper and lower case, equals the NFC
 * composition of base + combining marks. */
TEST(vnime, all_vowels_match_unicode, "every vowel and tone matches Unicode")
{
    static const struct { const char *keys, *nfd; } V[] = {
        {"a", "a"}, {"a8", "a\xcc\x86"}, {"a6", "a\xcc\x82"}, {"e", "e"}, {"e6", "e\xcc\x82"},
        {"i", "i"}, {"o", "o"}, {"o6", "o\xcc\x82"}, {"o7", "o\xcc\x9b"}, {"u", "u"},
        {"u7", "u\xcc\x9b"}, {"y", "y"},
    };
    static const char *tone_nfd[6] = {"", "\xcc\x81", "\xcc\x80", "\xcc\x89", "\xcc\x83", "\xcc\xa3"};
    int bad = 0;
    for (size_t v = 0; v < sizeof V / sizeof V[0]; v++)
        for (int t = 0; t < 6; t++)
            for (int up = 0; up < 2; up++) {
                char keys[16], nfd[16], out[32];
                snprintf(keys, sizeof keys, "%s%s", V[v].keys, t ? (const char[]){(char)('0' + t), 0} : "");
                snprintf(nfd, sizeof nfd, "%s%s", V[v].nfd, tone_nfd[t]);
                if (up) {
                    keys[0] = (char)(keys[0] - 0x20);
                    nfd[0] = (char)(nfd[0] - 0x20);
                }
                char *want = (char *)utf8proc_NFC((const utf8proc_uint8_t *)nfd);
                CU_ASSERT_TRUE(vnime_convert(IME_VNI, false, keys, out, sizeof out));
                if (!want || strcmp(out, want) != 0) {
                    fprintf(stderr, "vowel %s -> %s, want %s\n", keys, out, want ? want : "?");
                    bad++;
                }
                free(want);
            }
    CU_ASSERT_EQUAL(bad, 0);
}

static void type_keys(vnime *e, char *t, size_t sz, const char *keys)
{
    for (const char *k = keys; *k; k++)
        vnime_type(e, t, sz, (unsigned char)*k);
}

TEST(vnime, typing_api, "typing API")
{
    vnime e;
    char t[64] = "Họ tên: ";
    vnime_init(&e, IME_TELEX, false);
    type_keys(&e, t, sizeof t, "Nguyeenx");
    CU_ASSERT_STRING_EQUAL(t, "Họ tên: Nguyễn");
    CU_ASSERT_EQUAL(e.word_len, strlen("Nguyễn"));
    vnime_backspace(&e, t, sizeof t);
    CU_ASSERT_STRING_EQUAL(t, "Họ tên: Nguyễ");
    vnime_type(&e, t, sizeof t, 'n');
    CU_ASSERT_STRING_EQUAL(t, "Họ tên: Nguyễn");
    /* a boundary from outside: the next tone key is a letter */
    vnime_reset(&e);
    vnime_type(&e, t, sizeof t, 's');
    CU_ASSERT_STRING_EQUAL(t, "Họ tên: Nguyễns");
    /* code points outside Unicode, surrogates and controls are refused */
    CU_ASSERT_FALSE(vnime_type(&e, t, sizeof t, 0xD800));
    CU_ASSERT_FALSE(vnime_type(&e, t, sizeof t, 0x110000));
    CU_ASSERT_FALSE(vnime_type(&e, t, sizeof t, 0x07));
    CU_ASSERT_FALSE(vnime_type(&e, t, sizeof t, 0));
    CU_ASSERT_STRING_EQUAL(t, "Họ tên: Nguyễns");
    /* non-ASCII keys: precomposed letters */
    vnime_reset(&e);
    t[0] = '\0';
    CU_ASSERT_TRUE(vnime_type(&e, t, sizeof t, 0x1EC5)); /* ễ */
    CU_ASSERT_STRING_EQUAL(t, "ễ");
}

TEST(vnime, typing_full_buffer, "full buffer and bad input")
{
    vnime e;
    char t[4] = "";
    vnime_init(&e, IME_TELEX, false);
    CU_ASSERT_TRUE(vnime_type(&e, t, sizeof t, 'a'));
    CU_ASSERT_TRUE(vnime_type(&e, t, sizeof t, 'a'));
    CU_ASSERT_TRUE(vnime_type(&e, t, sizeof t, 's'));
    CU_ASSERT_STRING_EQUAL(t, "ấ");
    CU_ASSERT_FALSE(vnime_type(&e, t, sizeof t, 'n'));
    CU_ASSERT_STRING_EQUAL(t, "ấ");
    CU_ASSERT_FALSE(vnime_type(&e, t, sizeof t, ' '));
    vnime_backspace(&e, t, sizeof t);
    CU_ASSERT_STRING_EQUAL(t, "");
    CU_ASSERT_TRUE(vnime_type(&e, t, sizeof t, 'w'));
    CU_ASSERT_STRING_EQUAL(t, "ư");
    CU_ASSERT_FALSE(vnime_type(&e, NULL, 0, 'a'));
    char out[8];
    CU_ASSERT_FALSE(vnime_convert(IME_TELEX, false, "Nguyeenx Thij", out, sizeof out));
    CU_ASSERT_FALSE(vnime_convert(IME_TELEX, false, "abc\xff", out, sizeof out));
    CU_ASSERT_STRING_EQUAL(out, "");
    CU_ASSERT_FALSE(vnime_convert(IME_TELEX, false, NULL, out, sizeof out));
}

/* The field changed the text behind the engine's back: no crash, and the
 * engine starts a new word instead of rewriting bytes that are not there. */
TEST(vnime, text_changed_outside, "text changed outside the engine")
{
    vnime e;
    char t[32] = "";
    vnime_init(&e, IME_TELEX, false);
    type_keys(&e, t, sizeof t, "Nguyeen");
    CU_ASSERT_STRING_EQUAL(t, "Nguyên");
    t[0] = '\0';                       /* cleared without vnime_reset */
    CU_ASSERT_TRUE(vnime_type(&e, t, sizeof t, 'x'));
    CU_ASSERT_STRING_EQUAL(t, "x");
    vnime_backspace(&e, t, sizeof t);
    CU_ASSERT_STRING_EQUAL(t, "");
    vnime_backspace(&e, t, sizeof t);  /* nothing left to delete */
    CU_ASSERT_STRING_EQUAL(t, "");
    /* a 60-letter "word" is typed in full */
    char keys[61];
    memset(keys, 'b', 60);
    keys[60] = '\0';
    char out[128];
    CU_ASSERT_TRUE(vnime_convert(IME_TELEX, false, keys, out, sizeof out));
    CU_ASSERT_STRING_EQUAL(out, keys);
}

TEST(vnime, methods, "method cycle and names")
{
    CU_ASSERT_EQUAL(vnime_next_method(IME_OFF), IME_TELEX);
    CU_ASSERT_EQUAL(vnime_next_method(IME_TELEX), IME_VNI);
    CU_ASSERT_EQUAL(vnime_next_method(IME_VNI), IME_OFF);
    CU_ASSERT_STRING_EQUAL(vnime_method_name(IME_TELEX), "Telex");
    CU_ASSERT_STRING_EQUAL(vnime_method_name(IME_VNI), "VNI");
    CU_ASSERT_STRING_EQUAL(vnime_method_name(IME_OFF), "Off");
}

TEST(vnime, same_name, "names equal in either tone style")
{
    CU_ASSERT_TRUE(vnime_same_name("Nguyễn Thị Thủy", "nguyễn  thị thuỷ "));
    CU_ASSERT_TRUE(vnime_same_name("Hòa", "Hoà"));
    CU_ASSERT_TRUE(vnime_same_name("Khỏe", "KHOẺ"));
    CU_ASSERT_TRUE(vnime_same_name("Nguye\xcc\x82\xcc\x83n", "Nguyễn"));
    CU_ASSERT_TRUE(vnime_same_name("Thanh Hoá", "Thanh Hóa"));
    CU_ASSERT_FALSE(vnime_same_name("Hòa", "Hóa"));
    CU_ASSERT_FALSE(vnime_same_name("Thủy", "Thúy"));
    CU_ASSERT_FALSE(vnime_same_name("Hoàng", "Hoang"));
    CU_ASSERT_FALSE(vnime_same_name("Đặng", "Dặng"));
    CU_ASSERT_FALSE(vnime_same_name("Hòa", "\xff"));
    CU_ASSERT_FALSE(vnime_same_name(NULL, "a"));
    /* i/y spellings and case (issue 16) */
    CU_ASSERT_TRUE(vnime_same_name("Lý Thị Thủy", "LÍ THỊ THUỶ"));
    CU_ASSERT_TRUE(vnime_same_name("Kỳ Lừa", "Kì Lừa"));
    CU_ASSERT_TRUE(vnime_same_name("Đặng Quý Mỹ", "đặng quí mĩ"));
    CU_ASSERT_TRUE(vnime_same_name("thủy", "thuỷ"));
    CU_ASSERT_FALSE(vnime_same_name("Lý", "Lì"));
    CU_ASSERT_FALSE(vnime_same_name("Huy", "Hui"));
    CU_ASSERT_FALSE(vnime_same_name("Tay", "Tai"));
}

TEST(vnime, restyle, "restyle")
{
    char out[64];
    CU_ASSERT_TRUE(vnime_restyle("hòa khỏe thủy, Hòa Bình", true, out, sizeof out));
    CU_ASSERT_STRING_EQUAL(out, "hoà khoẻ thuỷ, Hoà Bình");
    CU_ASSERT_TRUE(vnime_restyle("hoà khoẻ thuỷ", false, out, sizeof out));
    CU_ASSERT_STRING_EQUAL(out, "hòa khỏe thủy");
    CU_ASSERT_TRUE(vnime_restyle("HÒA KHỎE Thủy", true, out, sizeof out));
    CU_ASSERT_STRING_EQUAL(out, "HOÀ KHOẺ Thuỷ");
    CU_ASSERT_TRUE(vnime_restyle("café 12 hoàng", true, out, sizeof out));
    CU_ASSERT_STRING_EQUAL(out, "café 12 hoàng");
    CU_ASSERT_FALSE(vnime_restyle("hòa khỏe thủy", true, out, 8));
    CU_ASSERT_FALSE(vnime_restyle("\xc3", true, out, sizeof out));
}

/* Random keys: output is always valid NFC UTF-8. */
TEST(vnime, random_keys_give_nfc, "random keys give NFC")
{
    static const char alphabet[] = "aeiouywdsfrxjzAEOWDqghnt0123456789 .\b\x7f";
    static const char *const extra[] = {"\xcc\x81", "\xcc\x82", "\xcc\x9b", "ễ", "Đ", "\xe1\x84\x80", "ß"};
    unsigned seed = 12345;
    int bad = 0;
    for (int n = 0; n < 3000; n++) {
        char keys[96];
        size_t k = 0;
        int len = (int)(seed % 40);
        for (int i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % (sizeof alphabet - 1 + 7);
            const char *s = r < sizeof alphabet - 1 ? (const char[]){alphabet[r], 0} : extra[r - (sizeof alphabet - 1)];
            size_t sl = strlen(s);
            memcpy(keys + k, s, sl);
            k += sl;
        }
        keys[k] = '\0';
        for (int m = 0; m < 3; m++) {
            char out[512];
            if (!vnime_convert((ime_method)m, n & 1, keys, out, sizeof out)) {
                bad++;
                continue;
            }
            char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)out);
            if (!nfc || strcmp(nfc, out) != 0) {
                fprintf(stderr, "not NFC: method %d keys \"%s\" -> \"%s\"\n", m, keys, out);
                bad++;
            }
            free(nfc);
        }
        seed = seed * 1103515245u + 12345u;
    }
    CU_ASSERT_EQUAL(bad, 0);
}

SUITE(vnime, NULL, NULL);
