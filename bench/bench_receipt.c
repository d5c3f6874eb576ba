/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Receipt benchmark: layout + raster + QR + ESC/POS encoding of a typical
 * Vietnamese receipt at 384 and 576 dots (bench_receipt [RUNS], default
 * 2,000; 0 works). Target (issue 18): p50 <= 0.2 ms; the first, cold run,
 * which fills the glyph cache, apart. Prints table rows for
 * scripts/bench.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "canvas.h"
#include "escpos.h"
#include "receipt.h"

static const double TARGET_MS = 0.2;

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

static int bench_width(canvas_fonts *f, const char *profile, int runs)
{
    printer_profile prof;
    escpos_profile_parse(profile, &prof);
    receipt_info ri;
    fill(&ri);
    double *t = xcalloc((size_t)runs + 1, sizeof *t), cold = 0;
    size_t bytes = 0;
    int height = 0;
    for (int i = -1; i < runs; i++) {
        double t0 = bench_now_ms();
        canvas *c = NULL;
        char *txt = NULL;
        if (receipt_render(&ri, f, prof.width_dots, &c, &txt) != PK_OK) {
            fprintf(stderr, "bench_receipt: render failed\n");
            return 1;
        }
        sbuf b = {0};
        escpos_document(&b, c, &prof);
        double dt = bench_now_ms() - t0;
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
    double p50 = bench_pct(t, runs, 50), p99 = bench_pct(t, runs, 99);
    free(t);
    char fig[96], m[96];
    bench_row(bench_fmt(fig, sizeof fig, "receipt %s p50 (%dx%d dots, %zu bytes)", profile,
                        prof.width_dots, height, bytes),
              bench_fmt(m, sizeof m, "%.3f ms (p99 %.3f, cold %.2f)", p50, p99, cold),
              "<= 0.2 ms", 0, NULL, runs > 0 ? p50 <= TARGET_MS : -1);
    return 0;
}

int main(int argc, char **argv)
{
    int runs = (int)bench_arg(argc, argv, 2000);
    canvas_fonts *f;
    if (canvas_fonts_open(NULL, NULL, &f) != PK_OK) {
        fprintf(stderr, "bench_receipt: fonts-dejavu-core is missing\n");
        return 1;
    }
    int rc = bench_width(f, "58mm", runs) | bench_width(f, "80mm", runs);
    canvas_fonts_close(f);
    return rc;
}
