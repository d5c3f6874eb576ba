/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The receipt, byte for byte (issue 18): a fixed Vietnamese dossier laid
 * out (tests/receipt_fixture.h, the dossier bench_receipt times),
 * rastered and encoded at 58 and 80 mm must give exactly the ESC/POS
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
#include "pkt_helpers.h"
#include "receipt.h"
#include "receipt_fixture.h"
#include "unit.h"

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

/* The golden dossier as an English-speaking citizen registered it: the
 * legal names stay Vietnamese, each with its English gloss under it, the
 * receiving agency's too. */
static void english(receipt_info *ri)
{
    str_copy(ri->lang, sizeof ri->lang, "en");
    str_copy(ri->proc_gloss, sizeof ri->proc_gloss,
             "Birth registration with recognition of parentage and a civil status extract");
    str_copy(ri->agency_gloss, sizeof ri->agency_gloss,
             "Commune People's Committee (Justice \xe2\x80\x93 civil status)");
    str_copy(ri->docs[0].gloss, sizeof ri->docs[0].gloss, "Birth registration form");
    str_copy(ri->docs[1].gloss, sizeof ri->docs[1].gloss, "Birth certificate from the hospital");
    str_copy(ri->docs[2].gloss, sizeof ri->docs[2].gloss, "Letter of authorisation");
}

static void check_width(const char *profile, const char *lang)
{
    const char *build = getenv("BUILD");
    char locale[256];
    snprintf(locale, sizeof locale, "%s/locale", build && *build ? build : "build");
    char prev[16];
    str_copy(prev, sizeof prev, i18n_lang());
    i18n_init(locale);
    CU_ASSERT_TRUE_FATAL(i18n_set_lang(lang));
    canvas_fonts *f = NULL;
    CU_ASSERT_EQUAL_FATAL(canvas_fonts_open(NULL, NULL, &f), PK_OK);
    printer_profile prof;
    CU_ASSERT_TRUE_FATAL(escpos_profile_parse(profile, &prof));
    receipt_info ri;
    rf_receipt(&ri, 0);
    bool en = strcmp(lang, "en") == 0;
    if (en)
        english(&ri);
    const char *tag = en ? "en-" : "";
    /* twice: the second run draws from the glyph cache the first filled */
    for (int run = 0; run < 2; run++) {
        canvas *c = NULL;
        char *txt = NULL;
        CU_ASSERT_EQUAL_FATAL(receipt_render(&ri, f, prof.width_dots, &c, &txt), PK_OK);
        CU_ASSERT_EQUAL(c->clipped, 0);
        /* the English receipt names the agency in English under its legal name */
        CU_ASSERT_EQUAL(strstr(txt, "Commune People's Committee") != NULL, en);
        CU_ASSERT_PTR_NOT_NULL(strstr(txt, "UBND cấp xã (Tư pháp - hộ tịch)"));
        sbuf b = {0};
        escpos_document(&b, c, &prof);
        char name[64];
        snprintf(name, sizeof name, "receipt-%s%s.escpos", tag, profile);
        CU_ASSERT(golden(name, (const unsigned char *)b.data, b.len));
        sbuf_free(&b);
        char *png = NULL;
        size_t pnglen = 0;
        FILE *mem = open_memstream(&png, &pnglen);
        CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
        CU_ASSERT_EQUAL(canvas_write_png(c, mem), PK_OK);
        fclose(mem);
        snprintf(name, sizeof name, "receipt-%s%s.png", tag, profile);
        CU_ASSERT(golden(name, (const unsigned char *)png, pnglen));
        if (run == 0) {   /* the code on the golden paper still reads */
            char *path = xasprintf("tests/golden/%s", name);
            char *dec = pkt_zbar_png(path);
            CU_ASSERT_PTR_NOT_NULL(dec);
            if (dec)
                CU_ASSERT_STRING_EQUAL(dec, ri.qr);
            free(dec);
            free(path);
        }
        free(png);
        free(txt);
        canvas_free(c);
    }
    canvas_fonts_close(f);
    i18n_set_lang(prev);
}

TEST(receipt_golden, bytes_58, "58 mm: the same ESC/POS bytes and PNG as the golden files")
{
    check_width("58mm", "vi");
}

TEST(receipt_golden, bytes_80, "80 mm: the same ESC/POS bytes and PNG as the golden files")
{
    check_width("80mm", "vi");
}

TEST(receipt_golden, bytes_en, "English, 58 and 80 mm: the agency's English name under its legal name")
{
    check_width("58mm", "en");
    check_width("80mm", "en");
}

SUITE(receipt_golden, NULL, NULL);
