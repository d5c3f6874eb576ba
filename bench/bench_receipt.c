/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Receipt benchmark: layout + render + ESC/POS encoding of a typical
 * receipt at 384 and 576 dots. Prints p50 / p99 against the 20 ms target
 * of issue 4 (the first, cold run, which fills the glyph cache, apart). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "canvas.h"
#include "escpos.h"
#include "receipt.h"

enum { RUNS = 200 };
static const double TARGET_MS = 20.0;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void fill(receipt_info *ri)
{
    memset(ri, 0, sizeof *ri);
    str_copy(ri->lang, sizeof ri->lang, "vi");
    str_copy(ri->post_office, sizeof ri->post_office, "Bưu điện văn hóa xã Chi Lăng");
    str_copy(ri->kiosk_code, sizeof ri->kiosk_code, "LS01");
    ri->issued_at = 1764057600;
    str_copy(ri->ref, sizeof ri->ref, "LS01-2611-000042");
    str_copy(ri->s10, sizeof ri->s10, "RA123456785VN");
    str_copy(ri->proc_name, sizeof ri->proc_name,
             "Đăng ký khai sinh kết hợp nhận cha, mẹ, con và cấp bản sao trích lục hộ tịch");
    str_copy(ri->proc_code, sizeof ri->proc_code, "1.001193.000.00.00.H35");
    str_copy(ri->agency, sizeof ri->agency, "UBND cấp xã (Tư pháp - hộ tịch)");
    ri->form = FORM_BOTH;
    str_copy(ri->applicant, sizeof ri->applicant, "Nguyễn V. A.");
    str_copy(ri->id_masked, sizeof ri->id_masked, "********1234");
    ri->ndocs = 3;
    str_copy(ri->docs[0].name, sizeof ri->docs[0].name, "Tờ khai đăng ký khai sinh");
    str_copy(ri->docs[1].name, sizeof ri->docs[1].name, "Giấy chứng sinh");
    ri->docs[1].kind = DOC_COPY;
    str_copy(ri->docs[2].name, sizeof ri->docs[2].name, "Văn bản ủy quyền (nếu có)");
    ri->fee_proc = 8000;
    ri->fee_post = 25000;
    ri->fee_total = 33000;
    str_copy(ri->expected_date, sizeof ri->expected_date, "2026-12-10");
    str_copy(ri->hotline, sizeof ri->hotline, "1900 54 54 81");
    str_copy(ri->qr, sizeof ri->qr, "VNK1.LS01-2611-000042.1764057600.ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}

static int bench_width(canvas_fonts *f, const char *profile)
{
    printer_profile prof;
    escpos_profile_parse(profile, &prof);
    receipt_info ri;
    fill(&ri);
    double t[RUNS], cold = 0;
    size_t bytes = 0;
    int height = 0;
    for (int i = -1; i < RUNS; i++) {
        double t0 = now_ms();
        canvas *c = NULL;
        char *txt = NULL;
        if (receipt_render(&ri, f, prof.width_dots, &c, &txt) != PK_OK) {
            fprintf(stderr, "bench_receipt: render failed\n");
            return 1;
        }
        sbuf b = {0};
        escpos_document(&b, c, &prof);
        double dt = now_ms() - t0;
        bytes = b.len;
        height = c->height;
        sbuf_free(&b);
        free(txt);
        canvas_free(c);
        if (i < 0)
            cold = dt;
        else
            t[i] = dt;
    }
    qsort(t, RUNS, sizeof t[0], cmp_double);
    double p50 = t[RUNS / 2], p99 = t[RUNS * 99 / 100];
    printf("receipt %s (%d x %d dots, %zu bytes): p50 %.2f ms, p99 %.2f ms, cold %.2f ms "
           "(target %.0f ms: %s)\n",
           profile, prof.width_dots, height, bytes, p50, p99, cold, TARGET_MS,
           p99 <= TARGET_MS ? "met" : "MISSED");
    return 0;
}

int main(void)
{
    canvas_fonts *f;
    if (canvas_fonts_open(NULL, NULL, &f) != PK_OK) {
        fprintf(stderr, "bench_receipt: fonts-dejavu-core is missing\n");
        return 1;
    }
    int rc = bench_width(f, "58mm") | bench_width(f, "80mm");
    canvas_fonts_close(f);
    return rc;
}
