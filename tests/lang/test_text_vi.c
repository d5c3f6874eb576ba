/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 5 on the text utilities (kiosk/base/text.c): Vietnamese names and Lạng Sơn
 * places typed in NFD, folded for search (đ -> d) and sorted in Vietnamese
 * order, and text typed with the input engine going through them. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "unit.h"
#include "vnime.h"

TEST(text_vi, nfd_names_normalise, "NFD names and places normalise")
{
    static const char *const P[][2] = {
        {"Nguye\xcc\x82\xcc\x83n", "Nguyễn"},
        {"Tra\xcc\x82\xcc\x80n", "Trần"},
        {"Pha\xcc\xa3m", "Phạm"},
        {"Đa\xcc\x86\xcc\xa3ng", "Đặng"},
        {"Hu\xcc\x9bo\xcc\x9bng", "Hương"},
        {"Hu\xcc\x9bo\xcc\x9b\xcc\x80ng", "Hường"},
        {"Nguye\xcc\xa3\xcc\x82t", "Nguyệt"},       /* dot below before circumflex */
        {"La\xcc\xa3ng So\xcc\x9bn", "Lạng Sơn"},
        {"Ky\xcc\x80 Lu\xcc\x9b\xcc\x80" "a", "Kỳ Lừa"},
        {"Đo\xcc\x82\xcc\x80ng Đa\xcc\x86ng", "Đồng Đăng"},
    };
    for (size_t i = 0; i < sizeof P / sizeof P[0]; i++) {
        char *n = text_nfc(P[i][0]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(n);
        CU_ASSERT_STRING_EQUAL(n, P[i][1]);
        /* same width as the NFC form: marks take no column */
        CU_ASSERT_EQUAL(text_width(P[i][0]), text_width(P[i][1]));
        free(n);
    }
}

TEST(text_vi, fold_places_and_names, "fold places and names (đ -> d)")
{
    static const char *const F[][2] = {
        {"Lạng Sơn", "lang son"},        {"Cao Lộc", "cao loc"},
        {"Tràng Định", "trang dinh"},    {"Hữu Lũng", "huu lung"},
        {"Đồng Đăng", "dong dang"},      {"Kỳ Lừa", "ki lua"},
        {"Văn Quan", "van quan"},        {"Bình Gia", "binh gia"},
        {"Bắc Sơn", "bac son"},          {"Chi Lăng", "chi lang"},
        {"Lộc Bình", "loc binh"},        {"Đình Lập", "dinh lap"},
        {"Na Sầm", "na sam"},            {"ĐẶNG THỊ HƯỜNG", "dang thi huong"},
        {"Đ\xcc\xa3", "d"},              {"Nguye\xcc\x82\xcc\x83n", "nguyen"},
    };
    for (size_t i = 0; i < sizeof F / sizeof F[0]; i++) {
        char *f = text_fold(F[i][0]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        if (strcmp(f, F[i][1]) != 0)
            fprintf(stderr, "fold \"%s\" -> \"%s\", want \"%s\"\n", F[i][0], f, F[i][1]);
        CU_ASSERT_STRING_EQUAL(f, F[i][1]);
        free(f);
    }
}

static int by_collation(const void *a, const void *b)
{
    return text_collate(*(const char *const *)a, *(const char *const *)b);
}

TEST(text_vi, sort_surnames_and_places, "sort surnames in Vietnamese order")
{
    /* expected Vietnamese order: a ă â b c d đ e ê g h i k l m n o ô ơ p q
     * r s t u ư v x y, tones second */
    static const char *const want[] = {
        "Âu", "Bùi", "Cao", "Dương", "Đặng", "Đình", "Đỗ", "Đồng", "Hoàng", "Hồ", "Huỳnh",
        "Khổng", "Lê", "Lộc", "Lương", "Lý", "Ngô", "Nguyễn", "Ông", "Phạm", "Phan", "Quách",
        "Tạ", "Trần", "Trương", "Ứng", "Văn", "Võ", "Vũ", "Vương",
    };
    enum { N = sizeof want / sizeof want[0] };
    const char *v[N];
    /* a fixed shuffle */
    for (int i = 0; i < N; i++)
        v[i] = want[(i * 7 + 3) % N];
    qsort(v, N, sizeof v[0], by_collation);
    int bad = 0;
    for (int i = 0; i < N; i++)
        if (strcmp(v[i], want[i]) != 0) {
            fprintf(stderr, "sorted[%d] = %s, want %s\n", i, v[i], want[i]);
            bad++;
        }
    CU_ASSERT_EQUAL(bad, 0);
    /* đ after every d..., ư after every u..., ơ after ô */
    CU_ASSERT(text_collate("Dũng", "Đa") < 0);
    CU_ASSERT(text_collate("Uông", "Ưng") < 0);
    CU_ASSERT(text_collate("Ông", "Ơn") < 0);
    /* case does not decide the letter order */
    CU_ASSERT(text_collate("đặng", "Dương") > 0);
}

/* NFD and NFC, old and new tone style, sort the same */
TEST(text_vi, sort_key_ignores_form, "sort key ignores NFD and tone style")
{
    static const char *const same[][2] = {
        {"Nguyễn", "Nguye\xcc\x82\xcc\x83n"},
        {"Hòa", "Hoà"},
        {"Thủy", "Thuỷ"},
        {"Khỏe", "Khoẻ"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char *a = text_sort_key(same[i][0]), *b = text_sort_key(same[i][1]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_STRING_EQUAL(a, b);
        CU_ASSERT_TRUE(vnime_same_name(same[i][0], same[i][1]));
        free(a);
        free(b);
    }
}

/* What the input engine types is NFC, folds to the plain letters typed,
 * and backspace removes exactly one grapheme as text.c counts them. */
TEST(text_vi, typed_text_through_text_utils, "typed text through the text utilities")
{
    static const char *const T[][2] = {
        {"Ddinhf Laapj", "dinh lap"}, {"Nguyeenx Thij Huwowng", "nguyen thi huong"},
        {"Kyf Luwfa", "ki lua"},      {"Ddoongf Ddawng", "dong dang"},
        {"Huwux Luxng", "huu lung"},  {"email", "email"},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        char out[128];
        CU_ASSERT_TRUE_FATAL(vnime_convert(IME_TELEX, false, T[i][0], out, sizeof out));
        char *n = text_nfc(out), *f = text_fold(out);
        CU_ASSERT_STRING_EQUAL(n, out);
        CU_ASSERT_STRING_EQUAL(f, T[i][1]);
        free(n);
        free(f);
        /* backspace deletes what text_prev_grapheme calls one letter */
        vnime e;
        char t[128];
        vnime_init(&e, IME_TELEX, false);
        snprintf(t, sizeof t, "%s", out);
        size_t len = strlen(t), start = len - text_prev_grapheme(t, len);
        vnime_backspace(&e, t, sizeof t);
        CU_ASSERT_EQUAL(strlen(t), start);
    }
}

SUITE(text_vi, NULL, NULL);
