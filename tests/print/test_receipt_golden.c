/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The receipt, byte for byte (issue 18): a fixed Vietnamese dossier laid
 * out, rastered and encoded at 58 and 80 mm must give exactly the ESC/POS
 * bytes and the PNG of tests/golden/receipt-*.{escpos,png}, so that making
 * the canvas faster changes no dot. PK_SNAP_UPDATE=1 rewrites them (look
 * at the PNG before committing). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "escpos.h"
#include "i18n.h"
#include "receipt.h"
#include "unit.h"

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

/* The whole file at path (NULL when missing); *len its size. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    sbuf b = {0};
    unsigned char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sbuf_addn(&b, (const char *)chunk, n);
    fclose(f);
    *len = b.len;
    if (!b.data)
        return calloc(1, 1);
    return (unsigned char *)b.data;
}

/* Compares bytes with tests/golden/NAME, or writes them there when
 * PK_SNAP_UPDATE=1. */
static bool golden(const char *name, const unsigned char *bytes, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "tests/golden/%s", name);
    const char *upd = getenv("PK_SNAP_UPDATE");
    if (upd && strcmp(upd, "1") == 0) {
        FILE *f = fopen(path, "wb");
        bool ok = f && fwrite(bytes, 1, len, f) == len;
        if (f)
            ok = fclose(f) == 0 && ok;
        return ok;
    }
    size_t glen = 0;
    unsigned char *g = slurp(path, &glen);
    if (!g) {
        fprintf(stderr, "\ngolden: missing %s (PK_SNAP_UPDATE=1 writes it)\n", path);
        return false;
    }
    size_t at = 0;
    while (at < len && at < glen && g[at] == bytes[at])
        at++;
    bool same = glen == len && at == len;
    if (!same)
        fprintf(stderr, "\ngolden: %s differs at byte %zu (%zu bytes now, %zu expected)\n", path,
                at, len, glen);
    free(g);
    return same;
}

static void check_width(const char *profile)
{
    const char *build = getenv("BUILD");
    char locale[256];
    snprintf(locale, sizeof locale, "%s/locale", build && *build ? build : "build");
    char prev[16];
    str_copy(prev, sizeof prev, i18n_lang());
    i18n_init(locale);
    CU_ASSERT_TRUE_FATAL(i18n_set_lang("vi"));
    canvas_fonts *f = NULL;
    CU_ASSERT_EQUAL_FATAL(canvas_fonts_open(NULL, NULL, &f), PK_OK);
    printer_profile prof;
    CU_ASSERT_TRUE_FATAL(escpos_profile_parse(profile, &prof));
    receipt_info ri;
    fill(&ri);
    /* twice: the second run draws from the glyph cache the first filled */
    for (int run = 0; run < 2; run++) {
        canvas *c = NULL;
        char *txt = NULL;
        CU_ASSERT_EQUAL_FATAL(receipt_render(&ri, f, prof.width_dots, &c, &txt), PK_OK);
        CU_ASSERT_EQUAL(c->clipped, 0);
        sbuf b = {0};
        escpos_document(&b, c, &prof);
        char name[64];
        snprintf(name, sizeof name, "receipt-%s.escpos", profile);
        CU_ASSERT(golden(name, (const unsigned char *)b.data, b.len));
        sbuf_free(&b);
        char *png = NULL;
        size_t pnglen = 0;
        FILE *mem = open_memstream(&png, &pnglen);
        CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
        CU_ASSERT_EQUAL(canvas_write_png(c, mem), PK_OK);
        fclose(mem);
        snprintf(name, sizeof name, "receipt-%s.png", profile);
        CU_ASSERT(golden(name, (const unsigned char *)png, pnglen));
        free(png);
        free(txt);
        canvas_free(c);
    }
    canvas_fonts_close(f);
    i18n_set_lang(prev);
}

TEST(receipt_golden, bytes_58, "58 mm: the same ESC/POS bytes and PNG as the golden files")
{
    check_width("58mm");
}

TEST(receipt_golden, bytes_80, "80 mm: the same ESC/POS bytes and PNG as the golden files")
{
    check_width("80mm");
}

SUITE(receipt_golden, NULL, NULL);
