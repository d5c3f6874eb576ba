/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The terminal QR code must scan: the drawn half-block lines are turned
 * back into pixels (light block = white), framed by a dark "screen",
 * written as a PBM for people to look at, and decoded with zbar
 * (tests/qr_decode.h). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qr_decode.h"
#include "qrterm.h"
#include "unit.h"
#include "util.h"

/* Decodes the QR drawn in q (its lines, cell by cell); writes a PBM. */
static bool decode(const qrterm *q, char *out, size_t outsz, const char *pbm)
{
    uint32_t *cells = xcalloc((size_t)q->rows * (size_t)q->cols, sizeof *cells);
    bool ok = true;
    for (int r = 0; r < q->rows && ok; r++)
        ok = qrd_cells(q->lines[r], cells + r * q->cols, q->cols + 1) == q->cols;
    ok = ok && qrd_decode(cells, q->rows, q->cols, out, outsz, pbm);
    free(cells);
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

TEST(qrterm, test_scans_urls, "drawn QR codes scan with zbar")
{
    scans("https://dichvucong.gov.vn");
    scans("https://langson.vnpost.vn/bccI/huong-dan?kiosk=LS01");
}

/* A broken picture does not decode: the check above can fail. */
TEST(qrterm, test_damaged_does_not_scan, "a damaged one does not")
{
    qrterm q;
    CU_ASSERT_TRUE_FATAL(qrterm_make("https://dichvucong.gov.vn", &q));
    uint32_t *cells = xcalloc((size_t)q.rows * (size_t)q.cols, sizeof *cells);
    for (int r = 0; r < q.rows; r++)
        CU_ASSERT_EQUAL(qrd_cells(q.lines[r], cells + r * q.cols, q.cols + 1), q.cols);
    char got[512] = "";
    CU_ASSERT_TRUE(qrd_decode(cells, q.rows, q.cols, got, sizeof got, NULL));   /* control */
    /* paint the top-left finder pattern light (text rows 1-4, columns 2-8) */
    for (int r = 1; r <= 4; r++)
        for (int x = 2; x <= 8; x++)
            cells[r * q.cols + x] = 0x2588;
    got[0] = '\0';
    bool same = qrd_decode(cells, q.rows, q.cols, got, sizeof got, NULL) &&
                strcmp(got, "https://dichvucong.gov.vn") == 0;
    CU_ASSERT_FALSE(same);
    free(cells);
    qrterm_free(&q);
}

TEST(qrterm, test_refuses, "empty and oversized text")
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

SUITE(qrterm, NULL, NULL);
