/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Input engine throughput: keystrokes per second typing realistic Vietnamese
 * names, places and phrases into a text field, with Telex and VNI, including
 * backspaces and foreign words. Target: above 5,000,000 keystrokes/s. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vnime.h"

static const char *const TELEX[] = {
    "Nguyeenx Thij Huwowng", "Traanf Vawn Quyeets", "Phamj Thuyr Hoaf", "Ddawngj Minh Thawngs",
    "Lajng Sown", "Cao Loocj", "Trangf Ddinhj", "Huwux Luxng", "Ddoongf Ddawng", "Kyf Luwfa",
    "Soos 12 dduwowngf Traanf Ddawng Ninh", "email windows facebook zalo", "Nguyeeenx\b\bn",
    "xin chaof quys khachs", "giaays khai sinh cuar con", "0912345678",
};
static const char *const VNI[] = {
    "Nguye6n4 Thi5 Hu7o7ng", "Tra6n2 Va8n Quye61t", "Pha5m Thuy3 Hoa2", "D9a85ng Minh Tha81ng",
    "La5ng So7n", "Cao Lo65c", "Tra2ng D9i5nh", "Hu7u4 Lu4ng", "D9o62ng D9a8ng", "Ky2 Lu7a2",
    "So61 12 d9u7o7ng2 Tra6n2 D9a8ng Ninh", "email windows facebook zalo", "Nguye6n4\b\bn",
    "xin cha2o quy1 kha1ch", "gia6y1 khai sinh cu3a con", "0912345678",
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double run(ime_method m, const char *const *lines, size_t nlines, long *keys_out)
{
    vnime e;
    vnime_init(&e, m, false);
    char field[256];
    long keys = 0;
    unsigned sink = 0;
    double t0 = now();
    for (int round = 0; round < 200000; round++) {
        const char *s = lines[(size_t)round % nlines];
        field[0] = '\0';
        vnime_reset(&e);
        for (const char *k = s; *k; k++, keys++) {
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

int main(void)
{
    static const struct {
        const char *name;
        ime_method m;
        const char *const *lines;
        size_t n;
    } R[] = {
        {"Telex", IME_TELEX, TELEX, sizeof TELEX / sizeof TELEX[0]},
        {"VNI", IME_VNI, VNI, sizeof VNI / sizeof VNI[0]},
    };
    int ok = 1;
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
        long keys;
        run(R[i].m, R[i].lines, R[i].n, &keys); /* warm up */
        double dt = run(R[i].m, R[i].lines, R[i].n, &keys);
        double rate = (double)keys / dt;
        printf("ime %-5s: %.2f million keystrokes/s (%ld keys in %.3f s; target > 5 million/s) %s\n",
               R[i].name, rate / 1e6, keys, dt, rate > 5e6 ? "OK" : "BELOW TARGET");
        ok &= rate > 5e6;
    }
    return 0 * ok;
}
