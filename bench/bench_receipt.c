/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Receipt benchmark: layout + raster + QR + ESC/POS encoding of the
 * Vietnamese receipt of the golden test (tests/receipt_fixture.h) at 384
 * and 576 dots (bench_receipt [RUNS], default 2,000; 0 works). Each run
 * renders another citizen's dossier (reference, S10, name, ID, QR code):
 * only what every receipt prints the same can come from a cache. Target
 * (issue 18): p50 <= 0.2 ms; the first, cold run, which fills the glyph and
 * line caches, apart. Prints table rows for scripts/bench.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "canvas.h"
#include "escpos.h"
#include "i18n.h"
#include "receipt.h"
#include "receipt_fixture.h"

static const double TARGET_MS = 0.2;

static int bench_width(canvas_fonts *f, const char *profile, int runs)
{
    printer_profile prof;
    escpos_profile_parse(profile, &prof);
    double *t = xcalloc((size_t)runs + 1, sizeof *t), cold = 0;
    size_t bytes = 0;
    int height = 0;
    for (int i = -1; i < runs; i++) {
        receipt_info ri;
        rf_receipt(&ri, (unsigned)(i + 1));
        double t0 = bench_now_ms();
        canvas *c = NULL;
        char *txt = NULL;
        if (receipt_render(&ri, f, prof.width_dots, &c, &txt) != PK_OK) {
            fprintf(stderr, "bench_receipt: render failed\n");
            free(t);
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
    /* in Vietnamese, as the golden receipt (English when the catalog of
     * $BUILD/locale is missing) */
    const char *bd = getenv("BUILD");
    char locale[600];
    snprintf(locale, sizeof locale, "%s/locale", bd && *bd ? bd : "build");
    i18n_init(locale);
    i18n_set_lang("vi");
    canvas_fonts *f;
    if (canvas_fonts_open(NULL, NULL, &f) != PK_OK) {
        fprintf(stderr, "bench_receipt: fonts-dejavu-core is missing\n");
        return 1;
    }
    int rc = bench_width(f, "58mm", runs) | bench_width(f, "80mm", runs);
    canvas_fonts_close(f);
    return rc;
}
