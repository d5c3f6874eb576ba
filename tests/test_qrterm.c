/* The terminal QR code must scan: the drawn half-block lines are turned
 * back into pixels (light block = white), framed by a dark "screen",
 * written as a PBM for people to look at, and decoded with zbar. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

#include "qrterm.h"
#include "util.h"

enum { SCALE = 4, FRAME = 10 };

/* Pixels from the lines: 1 = light. Returns false on a cell that is not
 * one of the four shapes. */
static bool to_pixels(const qrterm *q, unsigned char *px, int w)
{
    for (int r = 0; r < q->rows; r++) {
        const char *p = q->lines[r];
        for (int x = 0; x < q->cols; x++) {
            bool top, bottom;
            if (*p == ' ') {
                top = bottom = false;
                p++;
            } else if (strncmp(p, "\xe2\x96\x88", 3) == 0) {
                top = bottom = true;
                p += 3;
            } else if (strncmp(p, "\xe2\x96\x80", 3) == 0) {
                top = true, bottom = false;
                p += 3;
            } else if (strncmp(p, "\xe2\x96\x84", 3) == 0) {
                top = false, bottom = true;
                p += 3;
            } else {
                return false;
            }
            px[(2 * r) * w + x] = top;
            px[(2 * r + 1) * w + x] = bottom;
        }
        if (*p)
            return false;     /* more cells than cols */
    }
    return true;
}

/* Decodes the QR drawn in q; the text goes to out. Writes a PBM to pbm. */
static bool decode(const qrterm *q, char *out, size_t outsz, const char *pbm)
{
    int w = q->cols, h = q->rows * 2;
    unsigned char *px = xcalloc((size_t)w * (size_t)h, 1);
    if (!to_pixels(q, px, w)) {
        free(px);
        return false;
    }
    int iw = (w + 2 * FRAME) * SCALE, ih = (h + 2 * FRAME) * SCALE;
    unsigned char *img = xcalloc((size_t)iw * (size_t)ih, 1);  /* dark screen around */
    for (int y = 0; y < ih; y++)
        for (int x = 0; x < iw; x++) {
            int my = y / SCALE - FRAME, mx = x / SCALE - FRAME;
            if (my >= 0 && mx >= 0 && my < h && mx < w && px[my * w + mx])
                img[y * iw + x] = 255;
        }
    FILE *f = fopen(pbm, "w");
    if (f) {
        fprintf(f, "P1\n%d %d\n", iw, ih);
        for (int y = 0; y < ih; y++) {
            for (int x = 0; x < iw; x++)
                fputc(img[y * iw + x] ? '0' : '1', f);   /* PBM: 1 = black */
            fputc('\n', f);
        }
        fclose(f);
    }
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t *zi = zbar_image_create();
    zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(zi, (unsigned)iw, (unsigned)ih);
    zbar_image_set_data(zi, img, (unsigned long)iw * (unsigned long)ih, NULL);
    int n = zbar_scan_image(sc, zi);
    bool ok = false;
    if (n > 0) {
        const zbar_symbol_t *sym = zbar_image_first_symbol(zi);
        ok = sym && str_copy(out, outsz, zbar_symbol_get_data(sym));
    }
    zbar_image_destroy(zi);
    zbar_image_scanner_destroy(sc);
    free(img);
    free(px);
    return ok;
}

static void scans(const char *text)
{
    qrterm q;
    CU_ASSERT_TRUE_FATAL(qrterm_make(text, &q));
    CU_ASSERT_EQUAL(q.cols, q.modules + 2 * QRTERM_MARGIN);
    CU_ASSERT_EQUAL(q.rows, (q.cols + 1) / 2);
    char got[512] = "";
    char *pbm = xasprintf("%s/qrterm-test.pbm", getenv("BUILD") ? getenv("BUILD") : "build");
    CU_ASSERT_TRUE(decode(&q, got, sizeof got, pbm));
    free(pbm);
    CU_ASSERT_STRING_EQUAL(got, text);
    qrterm_free(&q);
}

static void test_scans_urls(void)
{
    scans("https://dichvucong.gov.vn");
    scans("https://langson.vnpost.vn/bccI/huong-dan?kiosk=LS01");
}

/* A broken picture does not decode: the check above can fail. */
static void test_damaged_does_not_scan(void)
{
    qrterm q;
    CU_ASSERT_TRUE_FATAL(qrterm_make("https://dichvucong.gov.vn", &q));
    /* paint over the top-left finder pattern (rows 1-4 of text) */
    for (int r = 1; r <= 4; r++)
        for (int x = 2; x < 9; x++)
            memcpy(q.lines[r] + 3 * x, "\xe2\x96\x88", 3);
    char got[512] = "";
    bool same = decode(&q, got, sizeof got, "/dev/null") &&
                strcmp(got, "https://dichvucong.gov.vn") == 0;
    CU_ASSERT_FALSE(same);
    qrterm_free(&q);
}

static void test_refuses(void)
{
    qrterm q;
    CU_ASSERT_FALSE(qrterm_make("", &q));
    CU_ASSERT_PTR_NULL(q.lines);
    CU_ASSERT_FALSE(qrterm_make(NULL, &q));
    char *big = xmalloc(8000);
    memset(big, 'x', 7999);
    big[7999] = '\0';
    CU_ASSERT_FALSE(qrterm_make(big, &q));
    free(big);
    qrterm_free(&q);     /* safe on an empty one */
}

void suite_qrterm(void)
{
    CU_pSuite s = CU_add_suite("qrterm", NULL, NULL);
    CU_add_test(s, "drawn QR codes scan with zbar", test_scans_urls);
    CU_add_test(s, "a damaged one does not", test_damaged_does_not_scan);
    CU_add_test(s, "empty and oversized text", test_refuses);
}
