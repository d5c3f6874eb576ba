/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every syllable right: generated cases for the four classes of issue 16.
 * Each nucleus of Vietnamese (one, two and three vowels) with each tone, in
 * both tone styles, with and without initial and final consonants, typed in
 * Telex and VNI in every key order a typist uses (tone at the end, after the
 * vowel, before the final; marks right after their vowel or at the end; đ
 * first or late). The expected word is built here independently of the
 * engine: the NFC composition of the word with the tone's combining mark
 * after the vowel that carries it by the spelling rules (i18n/README.md).
 * Then: the forgotten circumflex/horn, restoring non-Vietnamese words at
 * the word's end, and the doubled-key escape. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "unit.h"
#include "vnime.h"

/* A nucleus as written, whether it is open (no final) and/or closed, where
 * the tone goes (index of the vowel) open in the traditional style, open in
 * the new style, and with a final; implied: typed with no marks at all it
 * can only be this nucleus (in every context it has). */
typedef struct {
    const char *v;
    bool open, closed;
    int trad, new_, fin;
    bool implied;
} nucleus;

static const nucleus NUC[] = {
    {"a", 1, 1, 0, 0, 0, 0}, {"ă", 0, 1, 0, 0, 0, 0}, {"â", 0, 1, 0, 0, 0, 0},
    {"e", 1, 1, 0, 0, 0, 0}, {"ê", 1, 1, 0, 0, 0, 0}, {"i", 1, 1, 0, 0, 0, 0},
    {"o", 1, 1, 0, 0, 0, 0}, {"ô", 1, 1, 0, 0, 0, 0}, {"ơ", 1, 1, 0, 0, 0, 0},
    {"u", 1, 1, 0, 0, 0, 0}, {"ư", 1, 1, 0, 0, 0, 0}, {"y", 1, 0, 0, 0, 0, 0},
    {"ai", 1, 0, 0, 0, 0, 0}, {"ao", 1, 0, 0, 0, 0, 0}, {"au", 1, 0, 0, 0, 0, 0},
    {"ay", 1, 0, 0, 0, 0, 0}, {"âu", 1, 0, 0, 0, 0, 0}, {"ây", 1, 0, 0, 0, 0, 0},
    {"eo", 1, 0, 0, 0, 0, 0}, {"êu", 1, 0, 0, 0, 0, 1}, {"ia", 1, 0, 0, 0, 0, 0},
    {"iê", 0, 1, 0, 0, 1, 1}, {"iu", 1, 0, 0, 0, 0, 0}, {"oa", 1, 1, 0, 1, 1, 0},
    {"oă", 0, 1, 0, 0, 1, 0}, {"oe", 1, 1, 0, 1, 1, 0}, {"oi", 1, 0, 0, 0, 0, 0},
    {"ôi", 1, 0, 0, 0, 0, 0}, {"ơi", 1, 0, 0, 0, 0, 0}, {"oo", 0, 1, 0, 0, 1, 0},
    {"ua", 1, 0, 0, 0, 0, 0}, {"uâ", 0, 1, 0, 0, 1, 1}, {"uê", 1, 1, 1, 1, 1, 1},
    {"ui", 1, 0, 0, 0, 0, 0}, {"uô", 0, 1, 0, 0, 1, 0}, {"uơ", 1, 0, 1, 1, 0, 1},
    {"uy", 1, 1, 0, 1, 1, 0}, {"ưa", 1, 0, 0, 0, 0, 0}, {"ưi", 1, 0, 0, 0, 0, 0},
    {"ưu", 1, 0, 0, 0, 0, 1}, {"ươ", 0, 1, 0, 0, 1, 0}, {"yê", 0, 1, 0, 0, 1, 1},
    /* three vowels: the tone is on the middle one in both styles */
    {"iêu", 1, 0, 1, 1, 0, 1}, {"oai", 1, 0, 1, 1, 0, 0}, {"oay", 1, 0, 1, 1, 0, 0},
    {"oao", 1, 0, 1, 1, 0, 0}, {"oeo", 1, 0, 1, 1, 0, 0}, {"uây", 1, 0, 1, 1, 0, 1},
    {"uôi", 1, 0, 1, 1, 0, 0}, {"ươi", 1, 0, 1, 1, 0, 0}, {"ươu", 1, 0, 1, 1, 0, 1},
    {"uya", 1, 0, 1, 1, 0, 0}, {"uyê", 0, 1, 0, 0, 2, 1}, {"uyu", 1, 0, 1, 1, 0, 0},
    {"yêu", 1, 0, 1, 1, 0, 1},
};

static const char *const INITIALS[] = {"", "b", "ch", "đ", "kh", "l", "ng", "th", "tr", "x"};
static const char *const FINALS[] = {"n", "ng", "m", "nh", "c", "t", "p", "ch"};
static const char *const TONE_NFD[6] = {"", "\xcc\x81", "\xcc\x80", "\xcc\x89", "\xcc\x83", "\xcc\xa3"};

/* One letter of a word to type: base key, mark key (Telex), mark key (VNI). */
typedef struct {
    char base, tmark, vmark;
    bool vowel;
} key_letter;

/* Splits a written nucleus/initial/final into letters with their mark keys. */
static int letters_of(const char *s, key_letter *out)
{
    int n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        key_letter L = {(char)cp, 0, 0, false};
        switch (cp) {
        case 0x103: L = (key_letter){'a', 'w', '8', 0}; break;      /* ă */
        case 0xe2: L = (key_letter){'a', 'a', '6', 0}; break;       /* â */
        case 0xea: L = (key_letter){'e', 'e', '6', 0}; break;       /* ê */
        case 0xf4: L = (key_letter){'o', 'o', '6', 0}; break;       /* ô */
        case 0x1a1: L = (key_letter){'o', 'w', '7', 0}; break;      /* ơ */
        case 0x1b0: L = (key_letter){'u', 'w', '7', 0}; break;      /* ư */
        case 0x111: L = (key_letter){'d', 'd', '9', 0}; break;      /* đ */
        }
        L.vowel = strchr("aeiouy", L.base) != NULL;
        out[n++] = L;
        p += k;
    }
    return n;
}

/* The expected word: NFC of the written letters with the tone's combining
 * mark right after vowel number at of the nucleus. */
static void expected(const char *ini, const char *nuc, const char *fin, int tone, int at, char *out, size_t outsz)
{
    char nfd[64] = "";
    strcat(nfd, ini);
    const unsigned char *p = (const unsigned char *)nuc;
    for (int i = 0; *p; i++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        strncat(nfd, (const char *)p, (size_t)k);
        if (i == at)
            strcat(nfd, TONE_NFD[tone]);
        p += k;
    }
    strcat(nfd, fin);
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)nfd);
    snprintf(out, outsz, "%s", nfc ? nfc : "?");
    free(nfc);
}

enum { ORD_MARK_AFTER, ORD_MARK_END };
enum { TONE_END, TONE_AFTER_NUC, TONE_AFTER_FIRST_VOWEL };

/* Keys for a word: marks right after their letter or all at the end
 * (Telex: the doubled vowel or w at the end; đ by a late d), tone at the
 * end, before the final, or right after the first vowel. implied: no
 * circumflex/horn keys at all (đ and breve still typed). */
static void keys_for(bool telex, const char *ini, const char *nuc, const char *fin, int tone, int mord,
                     int tord, bool implied, char *out)
{
    key_letter L[16];
    int ni = letters_of(ini, L);
    int nn = letters_of(nuc, L + ni);
    int nf = letters_of(fin, L + ni + nn);
    int n = ni + nn + nf;
    char tkey = tone ? (telex ? " sfrxj"[tone] : " 12345"[tone]) : 0;
    char late[16];
    int nl = 0, k = 0;
    bool toned = false;
    for (int i = 0; i < n; i++) {
        out[k++] = L[i].base;
        char mk = telex ? L[i].tmark : L[i].vmark;
        bool skip = implied && L[i].vowel && mk && !(mk == 'w' && L[i].base == 'a') && mk != '8';
        if (mk && !skip) {
            if (mord == ORD_MARK_AFTER)
                out[k++] = mk;
            else
                late[nl++] = mk;
        }
        if (tkey && !toned && ((tord == TONE_AFTER_FIRST_VOWEL && i >= ni && L[i].vowel) ||
                               (tord == TONE_AFTER_NUC && i == ni + nn - 1))) {
            out[k++] = tkey;
            toned = true;
        }
    }
    /* Telex marks typed late must not be the letter before them doubled
     * ("oo" right after an o is the circumflex anyway) */
    for (int i = 0; i < nl; i++)
        if (!(i > 0 && late[i] == late[i - 1] && (late[i] == 'w' || late[i] == '7')))
            out[k++] = late[i];     /* "ươ" takes one late w / 7: "duongw" */
    if (tkey && !toned)
        out[k++] = tkey;
    out[k] = '\0';
}

static bool tone_fits(const char *fin, int tone)
{
    bool stop = fin[0] == 'c' || fin[0] == 't' || fin[0] == 'p';
    return !stop || tone == 0 || tone == 1 || tone == 5;
}

/* Runs every nucleus x tone x style x context x key order; returns the
 * number of mismatches (printed) and counts the cases. */
static int run_nuclei(bool implied_only, int *cases)
{
    int bad = 0;
    for (size_t v = 0; v < sizeof NUC / sizeof NUC[0]; v++) {
        const nucleus *N = &NUC[v];
        if (implied_only && !N->implied)
            continue;
        for (size_t ii = 0; ii < sizeof INITIALS / sizeof INITIALS[0]; ii++)
            for (int f = -1; f < (int)(sizeof FINALS / sizeof FINALS[0]); f++) {
                const char *fin = f < 0 ? "" : FINALS[f];
                if ((f < 0 && !N->open) || (f >= 0 && !N->closed))
                    continue;
                /* "ngi", "khy": fine for the engine, but keep to real shapes */
                const char *ini = INITIALS[ii];
                if (N->v[0] == 'y' && ini[0])
                    continue;
                for (int tone = implied_only ? 1 : 0; tone < 6; tone++) {
                    if (!tone_fits(fin, tone))
                        continue;
                    for (int style = 0; style < 2; style++) {
                        int at = f >= 0 ? N->fin : style ? N->new_ : N->trad;
                        char want[64];
                        expected(ini, N->v, fin, tone, at, want, sizeof want);
                        /* Telex "oo" is ô: the double o nucleus (xoong) is
                         * typed "ooo", an escape that types the rest as is */
                        for (int telex = 0; telex < 2 - !strcmp(N->v, "oo"); telex++)
                            for (int mord = 0; mord < 2; mord++)
                                for (int tord = 0; tord < 3; tord++) {
                                    char keys[64], got[128];
                                    keys_for(telex, ini, N->v, fin, tone, mord, tord, implied_only, keys);
                                    vnime_convert(telex ? IME_TELEX : IME_VNI, style, keys, got, sizeof got);
                                    (*cases)++;
                                    if (strcmp(got, want) != 0) {
                                        if (bad < 40)
                                            fprintf(stderr, "%s %s: \"%s\" -> \"%s\", want \"%s\"\n",
                                                    telex ? "Telex" : "VNI", style ? "new" : "trad", keys,
                                                    got, want);
                                        bad++;
                                    }
                                }
                    }
                }
            }
    }
    return bad;
}

/* Also the property test: every key order of one word gives one result. */
TEST(vnime_syllables, every_nucleus_tone_style_order, "every nucleus x tone x style x key order (property: one result)")
{
    int cases = 0;
    CU_ASSERT_EQUAL(run_nuclei(false, &cases), 0);
    CU_ASSERT_TRUE(cases > 20000);
}

TEST(vnime_syllables, forgotten_marks, "forgotten circumflex or horn")
{
    int cases = 0;
    CU_ASSERT_EQUAL(run_nuclei(true, &cases), 0);
    CU_ASSERT_TRUE(cases > 1000);
}

typedef struct {
    const char *keys, *want;
} row;

static int table(ime_method m, bool ns, const row *t, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char out[256];
        if (!vnime_convert(m, ns, t[i].keys, out, sizeof out) || strcmp(out, t[i].want) != 0) {
            fprintf(stderr, "vnime %s: \"%s\" -> \"%s\", want \"%s\"\n", vnime_method_name(m), t[i].keys, out,
                    t[i].want);
            bad++;
        }
    }
    return bad;
}

#define TABLE(m, ns, t) CU_ASSERT_EQUAL(table(m, ns, t, sizeof t / sizeof t[0]), 0)

TEST(vnime_syllables, three_vowel_words, "three-vowel words")
{
    static const row T[] = {
        {"ngoeof", "ngoèo"}, {"ngoefo", "ngoèo"}, {"ngoeoj", "ngoẹo"}, {"khoeo", "khoeo"},
        {"ngoaof", "ngoào"}, {"khuyur", "khuỷu"}, {"khuryu", "khuỷu"}, {"khuyaf", "khuỳa"},
        {"khuyj", "khụy"}, {"ngoayr", "ngoảy"}, {"ngoaij", "ngoại"}, {"quaays", "quấy"},
        {"nguoiwf", "người"}, {"tuoiwr", "tưởi"}, {"ruouwj", "rượu"}, {"chuyeenr", "chuyển"},
        {"Nguyeexn", "Nguyễn"}, {"tieeus", "tiếu"}, {"yeeus", "yếu"}, {"khuyeens", "khuyến"},
        {"oaij", "oại"}, {"ngoeos ngoefo", "ngoéo ngoèo"},
    };
    TABLE(IME_TELEX, false, T);
    static const row N[] = {{"khuyj", "khuỵ"}, {"ngoeof", "ngoèo"}, {"khuyur", "khuỷu"}, {"ngoayr", "ngoảy"}};
    TABLE(IME_TELEX, true, N);
    static const row V[] = {
        {"ngoeo2", "ngoèo"}, {"ngoe2o", "ngoèo"}, {"khuyu3", "khuỷu"}, {"khuy3u", "khuỷu"},
        {"khuya2", "khuỳa"}, {"ngoay3", "ngoảy"}, {"ngu7o7i2", "người"}, {"ru7o7u5", "rượu"},
        {"chuye6n3", "chuyển"}, {"chuyen63", "chuyển"}, {"chuyen36", "chuyển"},
    };
    TABLE(IME_VNI, false, V);
    TABLE(IME_VNI, true, V);
}

TEST(vnime_syllables, late_dd, "late dd / d9")
{
    static const row T[] = {
        {"daijd", "đại"}, {"dangjd", "đạng"}, {"Dawngjd", "Đặng"}, {"duongwfd", "đường"},
        {"duwowngfd", "đường"}, {"dinhfd", "đình"}, {"dojcd", "đọc"}, {"dieemr d", "diểm d"},
        {"dieemrd", "điểm"}, {"duowcjd", "được"}, {"DOONGFD", "ĐỒNG"}, {"Doongfd Dawngd", "Đồng Đăng"},
        {"ddaid", "daid"}, {"dd", "đ"}, {"did", "đi"}, {"dead", "dead"}, {"david", "david"},
    };
    TABLE(IME_TELEX, false, T);
    static const row V[] = {
        {"dai59", "đại"}, {"da85ng9", "đặng"}, {"duong729", "đường"}, {"Dinh29", "Đình"},
        {"d99", "d9"},
    };
    TABLE(IME_VNI, false, V);
}

TEST(vnime_syllables, restore_at_word_end, "restore non-Vietnamese at the word end")
{
    static const row T[] = {
        /* marked while typed, not a syllable: back to the keys at the end */
        {"Kaas ", "Kaas "}, {"Haas.", "Haas."}, {"Tawf,", "Tawf,"}, {"baws ", "baws "},
        {"muonx ", "muonx "}, {"nguoif ", "nguoif "}, {"Tuonj ", "Tuonj "},
        /* ... but the forgotten mark first: these are Vietnamese */
        {"thuor ", "thuở "}, {"user ", "uể "}, {"tuaf ", "tùa "}, {"muoonf ", "muồn "},
        /* not Vietnamese at all: never marked */
        {"Mary Lee", "Mảy Lê"}, {"text ", "text "}, {"expect ", "expect "}, {"windows ", "windows "},
        {"Vinamilk ", "Vinamilk "}, {"Samsung ", "Samsung "}, {"Coopmart ", "Coopmart "},
        {"Lotte ", "Lotte "}, {"Circle K", "Circle K"}, {"Honda ", "Honda "},
        /* Vietnamese words are kept */
        {"Nguyeenx ", "Nguyễn "}, {"Vieetj Nam.", "Việt Nam."}, {"aas ", "ấ "}, {"w ", "ư "},
        {"dd ", "đ "}, {"Thij.", "Thị."}, {"gif ", "gì "}, {"quas ", "quá "},
    };
    TABLE(IME_TELEX, false, T);
    static const row V[] = {
        {"use3 ", "use3 "}, {"ue3 ", "uể "}, {"muo4n ", "muo4n "}, {"mu7o4n ", "mưỡn "}, {"Nguye6n4 ", "Nguyễn "}, {"Nguyen4 ", "Nguyễn "},
    };
    TABLE(IME_VNI, false, V);
}

TEST(vnime_syllables, doubled_key_escape, "doubled-key escape")
{
    static const row T[] = {
        {"ross ", "ros "}, {"tesst ", "test "}, {"bass ", "bas "}, {"Joness ", "Joness "},
        {"xooong ", "xoong "}, {"aaa ", "aa "}, {"ddd ", "dd "}, {"linuxx ", "linuxx "}, {"Thuyrr ", "Thuyr "},
        {"www ", "ww "}, {"tieengss ", "tiêngs "}, {"Thijj ", "Thij "}, {"uww ", "uw "},
        {"mixx ", "mix "}, {"faxx ", "faxx "}, {"boxx ", "box "}, {"Maxx ", "Max "},
    };
    TABLE(IME_TELEX, false, T);
    static const row V[] = {
        {"a66 ", "a6 "}, {"o77 ", "o7 "}, {"a11 ", "a1 "}, {"Xe11 ", "Xe1 "},
    };
    TABLE(IME_VNI, false, V);
}

SUITE(vnime_syllables, NULL, NULL);
