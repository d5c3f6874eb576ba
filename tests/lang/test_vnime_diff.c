/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Differential test of the input engine: its outputs on a large generated
 * input (Telex and VNI lines of five words with backspaces, capitals,
 * digits, punctuation, marks and foreign letters) and on every fuzz corpus
 * input of vnime and tfield are the same as those of the engine before the
 * incremental rewrite (issue 16 item 5). tests/lang/vnime_outputs.txt holds
 * one hash per case, written by that engine:
 *   PK_VNIME_OUTPUTS_UPDATE=1 build/test-runner vnime_diff
 * Each case: vnime_convert in every method and tone style, and the keys
 * typed one by one into a small field (vnime_type / vnime_backspace /
 * vnime_reset, as fuzz_vnime does), hashing the field after every key. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_keystream.h"
#include "unit.h"
#include "vnime.h"

#define OUTPUTS "tests/lang/vnime_outputs.txt"
enum { GEN_LINES = 20000 };

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* The hash of everything the engine does with one input. */
static uint64_t case_hash(const unsigned char *data, size_t size)
{
    uint64_t h = 0xcbf29ce484222325ull;
    char *keys = malloc(size + 1);
    if (!keys)
        return 0;
    memcpy(keys, data, size);
    keys[size] = '\0';
    char out[1024];
    for (int m = 0; m < 3; m++)
        for (int ns = 0; ns < 2; ns++) {
            bool ok = vnime_convert((ime_method)m, ns, keys, out, sizeof out);
            h = fnv(h, &ok, 1);
            h = fnv(h, out, strlen(out) + 1);
        }
    for (int m = 1; m < 3; m++) {
        vnime e;
        char field[40] = "";
        vnime_init(&e, (ime_method)m, size & 1);
        for (size_t i = 0; i < size;) {
            int typed = keystream_apply(&e, field, sizeof field, data, size, &i);
            if (typed != KEYSTREAM_EDIT) {
                bool ok = typed;
                h = fnv(h, &ok, 1);
            }
            h = fnv(h, field, strlen(field) + 1);
        }
    }
    free(keys);
    return h;
}

static uint32_t rng;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static const char *pick(const char *const *list, size_t n)
{
    return list[next() % n];
}

#define PICK(a) pick(a, sizeof a / sizeof a[0])

/* One generated line: five words of syllable pieces typed in Telex or VNI
 * orders, with now and then a backspace, a capital, a doubled key, a digit,
 * punctuation, a combining mark or a precomposed letter. */
static size_t gen_line(char *out, size_t cap)
{
    static const char *const INI[] = {"", "b", "c", "ch", "d", "dd", "g", "gi", "h", "k", "kh", "l", "m", "n",
                                      "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
                                      "D", "Ng", "TR", "w", "f", "j", "z"};
    static const char *const NUC[] = {"a", "aa", "aw", "e", "ee", "i", "o", "oo", "ow", "u", "uw", "y", "ai",
                                      "ao", "au", "ay", "aau", "aay", "eo", "eeu", "ia", "iee", "ie", "iu", "oa",
                                      "oaw", "oe", "oi", "ooi", "owi", "ua", "uaa", "uee", "ui", "uoo", "uow",
                                      "uy", "uwa", "uwi", "uwu", "uwow", "uo", "yee", "ye", "ieeu", "oai", "oay",
                                      "oeo", "uaay", "uooi", "uwowi", "uwowu", "uya", "uyee", "uye", "uyu",
                                      "yeeu", "a6", "a8", "o7", "u7", "e6", "o6", "uo7", "u7o7", "ie6"};
    static const char *const FIN[] = {"", "", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "d", "k", "s"};
    static const char *const TONE[] = {"", "", "s", "f", "r", "x", "j", "z", "1", "2", "3", "4", "5", "0", "ss",
                                       "9", "w", "ww", "aa", "dd"};
    static const char *const ODD[] = {"\b", "\b\b", "\x7f", " ", ".", ",", "-", "12", "\xcc\x81", "\xcc\x82",
                                      "\xcc\x9b", "\xe1\xbb\x85", "\xc4\x90", "\xc3\x9f", "@", "\x01", "W", "A"};
    size_t k = 0;
    for (int w = 0; w < 5; w++) {
        const char *parts[6];
        int np = 0;
        parts[np++] = PICK(INI);
        const char *nuc = PICK(NUC), *fin = PICK(FIN), *tone = PICK(TONE);
        /* the tone anywhere: after the nucleus, after the final, first */
        switch (next() % 3) {
        case 0: parts[np++] = nuc; parts[np++] = tone; parts[np++] = fin; break;
        case 1: parts[np++] = nuc; parts[np++] = fin; parts[np++] = tone; break;
        default: parts[np++] = tone; parts[np++] = nuc; parts[np++] = fin; break;
        }
        if (next() % 5 == 0)
            parts[np++] = PICK(ODD);
        for (int i = 0; i < np; i++) {
            size_t n = strlen(parts[i]);
            if (k + n + 2 >= cap)
                break;
            memcpy(out + k, parts[i], n);
            k += n;
        }
        if (k + 2 < cap)
            out[k++] = ' ';
    }
    if (k > 0)
        k--;
    out[k] = '\0';
    return k;
}

typedef struct {
    char name[300];
} fname;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const fname *)a)->name, ((const fname *)b)->name);
}

/* Hashes of every corpus file of dir, in name order. */
static int corpus_hashes(const char *dir, uint64_t *hs, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    fname *names = calloc(4096, sizeof *names);
    int n = 0;
    struct dirent *de;
    while (names && (de = readdir(d)) != NULL && n < 4096)
        if (de->d_name[0] != '.')
            snprintf(names[n++].name, sizeof names[0].name, "%s/%s", dir, de->d_name);
    closedir(d);
    if (!names)
        return -1;
    qsort(names, (size_t)n, sizeof *names, by_name);
    int k = 0;
    for (int i = 0; i < n && k < max; i++) {
        FILE *f = fopen(names[i].name, "rb");
        if (!f)
            continue;
        unsigned char buf[4096];
        size_t len = fread(buf, 1, sizeof buf, f);
        fclose(f);
        hs[k++] = case_hash(buf, len);
    }
    free(names);
    return k;
}

TEST(vnime_diff, outputs_unchanged, "outputs identical to the engine before the rewrite")
{
    enum { MAXH = GEN_LINES + 2 * 4096 };
    uint64_t *hs = malloc(MAXH * sizeof *hs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(hs);
    int n = 0;
    rng = 20261206u;
    for (int i = 0; i < GEN_LINES; i++) {
        char line[256];
        size_t len = gen_line(line, sizeof line);
        hs[n++] = case_hash((const unsigned char *)line, len);
    }
    int nv = corpus_hashes("tests/fuzz/corpus/vnime", hs + n, 4096);
    int nt = corpus_hashes("tests/fuzz/corpus/tfield", hs + n + (nv > 0 ? nv : 0), 4096);
    CU_ASSERT_TRUE_FATAL(nv > 50 && nt > 3);
    n += nv + nt;
    if (getenv("PK_VNIME_OUTPUTS_UPDATE")) {
        FILE *f = fopen(OUTPUTS, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        fprintf(f, "# vnime outputs: %d generated lines, %d vnime and %d tfield corpus files\n", GEN_LINES, nv,
                nt);
        for (int i = 0; i < n; i++)
            fprintf(f, "%016llx\n", (unsigned long long)hs[i]);
        fclose(f);
        free(hs);
        return;
    }
    FILE *f = fopen(OUTPUTS, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char row[128];
    int i = 0, bad = 0;
    CU_ASSERT_PTR_NOT_NULL(fgets(row, sizeof row, f));   /* the header */
    while (fgets(row, sizeof row, f) && i < n) {
        unsigned long long want = strtoull(row, NULL, 16);
        if (want != hs[i]) {
            if (bad < 10) {
                if (i < GEN_LINES) {
                    /* regenerate the line to show it */
                    rng = 20261206u;
                    char line[256];
                    for (int j = 0; j <= i; j++)
                        gen_line(line, sizeof line);
                    fprintf(stderr, "vnime outputs changed for generated line %d: \"%s\"\n", i, line);
                } else {
                    fprintf(stderr, "vnime outputs changed for corpus input %d\n", i - GEN_LINES);
                }
            }
            bad++;
        }
        i++;
    }
    fclose(f);
    CU_ASSERT_EQUAL(i, n);
    CU_ASSERT_EQUAL(bad, 0);
    free(hs);
}

SUITE(vnime_diff, NULL, NULL);
