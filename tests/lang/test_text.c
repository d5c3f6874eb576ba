/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "unit.h"
#include "util.h"

TEST(text, valid_utf8, "valid UTF-8")
{
    CU_ASSERT_TRUE(text_valid_utf8("Đăng ký", strlen("Đăng ký")));
    CU_ASSERT_TRUE(text_valid_utf8("", 0));
    CU_ASSERT_FALSE(text_valid_utf8("a\xff", 2));
    CU_ASSERT_FALSE(text_valid_utf8("\xc3", 1));              /* truncated */
    CU_ASSERT_FALSE(text_valid_utf8("\xc0\xaf", 2));          /* overlong '/' */
    CU_ASSERT_FALSE(text_valid_utf8("\xed\xa0\x80", 3));      /* surrogate */
    CU_ASSERT_FALSE(text_valid_utf8("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
    CU_ASSERT_FALSE(text_valid_utf8("\x80", 1));              /* lone continuation */
}

TEST(text, controls, "control characters")
{
    CU_ASSERT_FALSE(text_has_control("Nguyễn Văn A"));
    CU_ASSERT_TRUE(text_has_control("a\tb"));
    CU_ASSERT_TRUE(text_has_control("a\x1b[2J"));
    CU_ASSERT_TRUE(text_has_control("a\x7f"));
    CU_ASSERT_TRUE(text_has_control("a\xc2\x85"));            /* NEL, C1 */
    CU_ASSERT_FALSE(text_has_control("\xc2\xa0"));            /* NBSP is not a control */
}

TEST(text, nfc, "NFC")
{
    /* "Việt" typed as NFD: e + circumflex + dot below */
    char *n = text_nfc("Vie\xcc\x82\xcc\xa3t");
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_STRING_EQUAL(n, "Việt");
    free(n);
    /* marks in the other order normalise to the same letter */
    n = text_nfc("Vie\xcc\xa3\xcc\x82t");
    CU_ASSERT_STRING_EQUAL(n, "Việt");
    free(n);
    CU_ASSERT_PTR_NULL(text_nfc("bad\xff"));
    char b[8];
    CU_ASSERT_TRUE(text_nfc_buf("Vie\xcc\x82\xcc\xa3t", b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "Việt");
    CU_ASSERT_FALSE(text_nfc_buf("Việt Nam", b, sizeof b));
    CU_ASSERT_TRUE(text_valid_utf8(b, strlen(b)));
    CU_ASSERT_FALSE(text_nfc_buf("\xfe", b, sizeof b));
    CU_ASSERT_STRING_EQUAL(b, "");
}

TEST(text, squeeze, "squeeze white space")
{
    char s[] = "  Nguyễn \t  Văn\xc2\xa0\xc2\xa0" "A  ";
    text_squeeze(s);
    CU_ASSERT_STRING_EQUAL(s, "Nguyễn Văn A");
    char e[] = "   ";
    text_squeeze(e);
    CU_ASSERT_STRING_EQUAL(e, "");
}

TEST(text, width, "width in columns")
{
    CU_ASSERT_EQUAL(text_width("Việt"), 4);
    CU_ASSERT_EQUAL(text_width("Vie\xcc\x82\xcc\xa3t"), 4);   /* NFD too */
    CU_ASSERT_EQUAL(text_width("日本"), 4);
    CU_ASSERT_EQUAL(text_width(""), 0);
    CU_ASSERT_EQUAL(text_width("a\xff" "b"), 3);
}

TEST(text, fit_truncate, "fit and truncate at graphemes")
{
    /* fit never cuts a letter from its marks */
    const char *nfd = "ae\xcc\x82\xcc\xa3" "b";   /* a ệ b, NFD */
    CU_ASSERT_EQUAL(text_fit(nfd, 1), 1);
    CU_ASSERT_EQUAL(text_fit(nfd, 2), 6);
    CU_ASSERT_EQUAL(text_fit("日本", 3), 3);
    CU_ASSERT_EQUAL(text_fit("abc", 0), 0);
    char out[64];
    text_truncate("Đăng ký khai sinh", 8, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Đăng ký…");
    CU_ASSERT_EQUAL(text_width(out), 8);
    text_truncate("Đăng ký", 7, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Đăng ký");
    text_truncate("Đăng ký", 0, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "");
    /* byte limit smaller than the column limit */
    char small[8];
    text_truncate("ĐĐĐĐĐĐ", 40, small, sizeof small);
    CU_ASSERT_STRING_EQUAL(small, "ĐĐ…");
}

TEST(text, wrap, "word wrap")
{
    const char *s = "Đăng ký khai sinh cho trẻ em";
    size_t starts[8], ln[8];
    int n = text_wrap(s, 10, starts, ln, 8);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_EQUAL(strncmp(s + starts[0], "Đăng ký", ln[0]), 0);
    CU_ASSERT_EQUAL(ln[0], strlen("Đăng ký"));
    CU_ASSERT_EQUAL(strncmp(s + starts[1], "khai sinh", ln[1]), 0);
    CU_ASSERT_EQUAL(strncmp(s + starts[2], "cho trẻ em", ln[2]), 0);
    for (int i = 0; i < n; i++) {
        char line[64];
        memcpy(line, s + starts[i], ln[i]);
        line[ln[i]] = '\0';
        CU_ASSERT(text_width(line) <= 10);
    }
    /* a word longer than the line is broken at a grapheme boundary */
    n = text_wrap("Nghiêngnghiêng", 5, starts, ln, 8);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(ln[0], strlen("Nghiê"));
    /* hard line breaks, and a blank line */
    n = text_wrap("ab\n\ncd", 10, starts, ln, 8);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_EQUAL(ln[1], 0);
    CU_ASSERT_EQUAL(starts[2], 4);
    /* maxlines caps what is filled; NULL arrays only count */
    CU_ASSERT_EQUAL(text_wrap(s, 10, starts, ln, 2), 2);
    CU_ASSERT_EQUAL(text_wrap(s, 10, NULL, NULL, 0), 3);
    CU_ASSERT_EQUAL(text_wrap("", 10, starts, ln, 8), 0);
}

TEST(text, prev_grapheme, "previous grapheme")
{
    const char *s = "ae\xcc\x82\xcc\xa3";   /* a + NFD ệ */
    CU_ASSERT_EQUAL(text_prev_grapheme(s, strlen(s)), 5);
    CU_ASSERT_EQUAL(text_prev_grapheme(s, 1), 1);
    CU_ASSERT_EQUAL(text_prev_grapheme(s, 0), 0);
    CU_ASSERT_EQUAL(text_prev_grapheme("Việt", strlen("Việ")), 3);
}

static void fold_is(const char *in, const char *want)
{
    char *f = text_fold(in);
    CU_ASSERT_STRING_EQUAL(f, want);
    free(f);
}

TEST(text, fold, "fold for search")
{
    fold_is("Đăng ký khai sinh", "dang ki khai sinh");
    fold_is("ĐĂNG KÝ", "dang ki");
    /* names the way people write them: tone place, i/y, case */
    fold_is("Lý Thị Thủy", "li thi thuy");
    fold_is("lí thị thuỷ", "li thi thuy");
    fold_is("Kỳ Lừa, Kì Lừa", "ki lua ki lua");
    fold_is("Hòa Hoà HOÀ", "hoa hoa hoa");
    fold_is("Quý Quí Mỹ Mĩ", "qui qui mi mi");
    fold_is("Huy tay yêu Nguyễn y", "huy tay yeu nguyen y");
    fold_is("đ Đ ơ Ư ữ", "d d o u u");
    fold_is("  Cấp, đổi -- hộ chiếu!  ", "cap doi ho chieu");
    fold_is("Vie\xcc\x82\xcc\xa3t", "viet");
    fold_is("'; DROP TABLE x; --", "drop table x");
    fold_is("", "");
    fold_is("1.001193", "1 001193");
}

static int coll(const char *a, const char *b)
{
    return text_collate(a, b);
}

TEST(text, collation, "Vietnamese collation")
{
    /* the alphabet: a ă â b c d đ e ê ... o ô ơ ... u ư */
    CU_ASSERT(coll("an", "ăn") < 0);
    CU_ASSERT(coll("ăn", "ân") < 0);
    CU_ASSERT(coll("ân", "bà") < 0);
    CU_ASSERT(coll("dung", "đa") < 0);        /* d... before đ... */
    CU_ASSERT(coll("Đăng", "em") < 0);
    CU_ASSERT(coll("em", "êm") < 0);
    CU_ASSERT(coll("ông", "ơn") < 0);
    CU_ASSERT(coll("ơn", "phố") < 0);
    CU_ASSERT(coll("ung", "ưng") < 0);
    CU_ASSERT(coll("ưng", "vào") < 0);
    /* tones are secondary: letters first */
    CU_ASSERT(coll("má", "mai") < 0);
    CU_ASSERT(coll("mạ", "mai") < 0);
    /* ngang < huyền < hỏi < ngã < sắc < nặng */
    const char *tones[] = {"ma", "mà", "mả", "mã", "má", "mạ"};
    for (int i = 0; i + 1 < 6; i++)
        CU_ASSERT(coll(tones[i], tones[i + 1]) < 0);
    /* tone placement does not matter: hoà == hòa in the letters */
    char *k1 = text_sort_key("hoà"), *k2 = text_sort_key("hòa");
    CU_ASSERT_STRING_EQUAL(k1, k2);
    free(k1);
    free(k2);
    /* NFD and NFC give the same key */
    k1 = text_sort_key("Việt");
    k2 = text_sort_key("Vie\xcc\x82\xcc\xa3t");
    CU_ASSERT_STRING_EQUAL(k1, k2);
    free(k1);
    free(k2);
    /* a prefix sorts first; words compare before their continuation */
    CU_ASSERT(coll("Đăng ký", "Đăng ký khai sinh") < 0);
    CU_ASSERT(coll("Đăng ký khai sinh", "Đăng ký khai tử") < 0);
    CU_ASSERT(coll("Đăng ký kết hôn", "Đăng ký khai sinh") < 0);
    /* case is the last resort */
    CU_ASSERT(coll("an", "An") < 0);
    CU_ASSERT(coll("An", "ăn") < 0);
    CU_ASSERT_EQUAL(coll("x", "x"), 0);
    /* digits before letters */
    CU_ASSERT(coll("2 a", "a") < 0);
}

static int cmp_coll(const void *a, const void *b)
{
    return text_collate(*(const char *const *)a, *(const char *const *)b);
}

TEST(text, sorting, "Vietnamese sort")
{
    const char *names[] = {"Ưu đãi", "Đăng ký", "Cấp", "Ăn", "Dân", "Bảo", "Âm", "An", "Ôn", "Ơn", "Ong"};
    const char *want[] = {"An", "Ăn", "Âm", "Bảo", "Cấp", "Dân", "Đăng ký", "Ong", "Ôn", "Ơn", "Ưu đãi"};
    qsort(names, PK_ARRAY_LEN(names), sizeof names[0], cmp_coll);
    for (size_t i = 0; i < PK_ARRAY_LEN(names); i++)
        CU_ASSERT_STRING_EQUAL(names[i], want[i]);
}

/* A paper's kind is not printed again before a name that already says it
 * ("Bản sao: Bản sao chứng thực ..."): NFC, case-insensitive, whole words. */
TEST(text, starts_with_words, "a name begins with a label: NFC, any case, whole words")
{
    CU_ASSERT_TRUE(text_starts_with_words("Bản sao chứng thực giấy tờ tùy thân", "Bản sao"));
    CU_ASSERT_TRUE(text_starts_with_words("Bản sao chứng thực", "bản sao"));
    CU_ASSERT_TRUE(text_starts_with_words("BẢN SAO giấy khai sinh", "Bản sao"));
    /* NFD name (a decomposed import), NFC label and the other way round */
    CU_ASSERT_TRUE(text_starts_with_words("Ba\xcc\x89n sao giấy khai sinh", "Bản sao"));
    CU_ASSERT_TRUE(text_starts_with_words("Bản sao", "Ba\xcc\x89n sao"));
    CU_ASSERT_TRUE(text_starts_with_words("Copy of the birth certificate", "copy"));
    CU_ASSERT_TRUE(text_starts_with_words("Copy: the birth certificate", "Copy"));
    CU_ASSERT_TRUE(text_starts_with_words("  Copy of the birth certificate", "Copy"));
    CU_ASSERT_TRUE(text_starts_with_words("Original", "original"));
    /* not the same word: a tone, a longer word, somewhere later */
    CU_ASSERT_FALSE(text_starts_with_words("Bán sao", "Bản sao"));
    CU_ASSERT_FALSE(text_starts_with_words("Bản saoX", "Bản sao"));
    CU_ASSERT_FALSE(text_starts_with_words("Copying form", "Copy"));
    CU_ASSERT_FALSE(text_starts_with_words("Certified copy of the ID", "Copy"));
    CU_ASSERT_FALSE(text_starts_with_words("Giấy khai sinh (bản sao)", "Bản sao"));
    CU_ASSERT_FALSE(text_starts_with_words("Bản", "Bản sao"));
    CU_ASSERT_FALSE(text_starts_with_words("", "Copy"));
    CU_ASSERT_FALSE(text_starts_with_words("Copy", ""));
    CU_ASSERT_FALSE(text_starts_with_words(NULL, "Copy"));
    CU_ASSERT_FALSE(text_starts_with_words("Copy", NULL));
    CU_ASSERT_FALSE(text_starts_with_words("\xff\xfe", "Copy"));
}

SUITE(text, NULL, NULL);
