/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Input engine throughput: keystrokes per second typing a fixed generated
 * input of 5-word Telex lines (names, places and common words in the ways
 * people type them: tone at the end or after the vowel, marks doubled or
 * late, now and then a backspace) into a text field, one vnime_type or
 * vnime_backspace per key. Target (issue 16): at least 12,000,000
 * keystrokes/s on the kiosk's machine type (Unikey measured 11.1-11.5 M
 * keys/s there). VNI on the same words is reported too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "vnime.h"

enum { LINES = 8192, LINE_MAX = 96 };
#define TARGET 12e6

/* Each word: its Telex keys and its VNI keys. */
static const char *const WORDS[][2] = {
    {"Nguyeenx", "Nguye6n4"}, {"Nguyeexn", "Nguye64n"}, {"Traanf", "Tra6n2"}, {"Lee", "Le6"},
    {"Phamj", "Pha5m"}, {"Hoangf", "Hoa2ng"}, {"Huyfnh", "Huy2nh"}, {"Vux", "Vu4"}, {"Ddawngj", "D9a85ng"},
    {"Bufi", "Bu2i"}, {"Ddoox", "D9o64"}, {"Duwowng", "Du7o7ng"}, {"Duongw", "Duong7"}, {"Lys", "Ly1"},
    {"Thij", "Thi5"}, {"Vawn", "Va8n"}, {"Huwowng", "Hu7o7ng"}, {"Thuyr", "Thuy3"}, {"Hoaf", "Hoa2"},
    {"Quyeets", "Quye61t"}, {"Thawngs", "Tha81ng"}, {"Minh", "Minh"}, {"Anh", "Anh"}, {"Tuaans", "Tua61n"},
    {"Lajng", "La5ng"}, {"Sown", "So7n"}, {"Cao", "Cao"}, {"Loocj", "Lo65c"}, {"Trangf", "Tra2ng"},
    {"Ddinhj", "D9i5nh"}, {"Huwux", "Hu7u4"}, {"Luxng", "Lu4ng"}, {"Ddoongf", "D9o62ng"},
    {"Ddawng", "D9a8ng"}, {"Kyf", "Ky2"}, {"Luwfa", "Lu7a2"}, {"Soos", "So61"}, {"nhaf", "nha2"},
    {"dduwowngf", "d9u7o7ng2"}, {"xin", "xin"}, {"chaof", "cha2o"}, {"quys", "quy1"}, {"khachs", "kha1ch"},
    {"giaays", "gia6y1"}, {"khai", "khai"}, {"sinh", "sinh"}, {"cuar", "cu3a"}, {"con", "con"},
    {"nguowif", "ngu7o7i2"}, {"truwowngf", "tru7o7ng2"}, {"vieetj", "vie65t"}, {"Vieetj", "Vie6t5"},
    {"hoawcj", "hoa85c"}, {"khuyur", "khuy3u"}, {"ngoaif", "ngoa2i"}, {"chuyeenr", "chuye6n3"},
    {"ruouwj", "ru7o7u5"}, {"ddaijd", "d9ai59"}, {"email", "email"}, {"zalo", "zalo"}, {"phoos", "pho61"},
    {"phuwowngf", "phu7o7ng2"}, {"xaax", "xa64"}, {"huyeenj", "huye65n"}, {"tinhr", "tinh3"},
    {"soos", "so61"}, {"12", "12"}, {"ngox", "ngo4"}, {"Tuyetj", "Tuyet5"}, {"Nguyenx", "Nguyen4"},
};

/* CPU time of this process: the figure is the engine's cost, not the
 * share of a busy machine it happened to get (2 cores, 8 builds). */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The fixed input: LINES lines of 5 words, a backspace (and the letter
 * again) in one word of eight. */
static char (*make_lines(int vni))[LINE_MAX]
{
    char (*lines)[LINE_MAX] = calloc(LINES, LINE_MAX);
    if (!lines)
        return NULL;
    unsigned seed = 12345;
    for (int i = 0; i < LINES; i++) {
        size_t k = 0;
        for (int w = 0; w < 5; w++) {
            seed = seed * 1103515245u + 12345u;
            const char *word = WORDS[(seed >> 8) % (sizeof WORDS / sizeof WORDS[0])][vni];
            size_t n = strlen(word);
            memcpy(lines[i] + k, word, n);
            k += n;
            if ((seed >> 20) % 8 == 0) {
                lines[i][k++] = '\b';
                lines[i][k++] = word[n - 1];
            }
            lines[i][k++] = w < 4 ? ' ' : '\0';
        }
    }
    return lines;
}

static double run(ime_method m, char (*lines)[LINE_MAX], int rounds, long *keys_out)
{
    vnime e;
    vnime_init(&e, m, false);
    char field[256];
    long keys = 0;
    unsigned sink = 0;
    double t0 = now();
    for (int round = 0; round < rounds; round++)
        for (int i = 0; i < LINES; i++) {
            field[0] = '\0';
            vnime_reset(&e);
            for (const char *k = lines[i]; *k; k++, keys++) {
                if (*k == '\b')
                    vnime_backspace(&e, field, sizeof field);
                else
                    vnime_type(&e, field, sizeof field, (unsigned char)*k);
            }
            sink += (unsigned char)field[0];
        }
    double dt = now() - t0;
    if (sink == 1)
        puts("");
    *keys_out = keys;
    return dt;
}

/* bench_ime [ROUNDS]: rounds over the 8,192 lines (default 8; 0 works). */
int main(int argc, char **argv)
{
    int rounds = (int)bench_arg(argc, argv, 8);
    for (int vni = 0; vni < 2; vni++) {
        char (*lines)[LINE_MAX] = make_lines(vni);
        if (!lines)
            return 1;
        ime_method m = vni ? IME_VNI : IME_TELEX;
        long keys;
        run(m, lines, rounds, &keys); /* warm up */
        double dt = run(m, lines, rounds, &keys);
        double rate = dt > 0 ? (double)keys / dt : 0;
        char f[96], v[64];
        bench_row(vni ? "input method, VNI keystrokes/s" : "input method, Telex keystrokes/s",
                  bench_fmt(v, sizeof v, "%.2f M (%ld keys)", rate / 1e6, keys),
                  vni ? "-" : ">= 12 M", 0, NULL, vni || keys == 0 ? -1 : rate >= TARGET);
        (void)f;
        free(lines);
    }
    return 0;
}
