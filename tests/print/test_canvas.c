/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Canvas: storage, FreeType text and wrapping, QR codes, watermark, PNG/PBM. */
#include <CUnit/CUnit.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "canvas.h"
#include "layout.h"
#include "pkt_helpers.h"
#include "unit.h"

static canvas_fonts *fonts;

static int setup(void)
{
    return canvas_fonts_open(NULL, NULL, &fonts) == PK_OK ? 0 : 1;
}

static int teardown(void)
{
    canvas_fonts_close(fonts);
    return 0;
}

TEST(canvas, test_bits, "bits, growth, clipping, rules")
{
    canvas *c = canvas_new(384);
    CU_ASSERT_EQUAL(c->stride, 48);
    CU_ASSERT_EQUAL(c->height, 0);
    canvas_set(c, 0, 0);
    canvas_set(c, 383, 1000);
    CU_ASSERT_EQUAL(c->height, 1001);
    CU_ASSERT_TRUE(canvas_get(c, 0, 0));
    CU_ASSERT_TRUE(canvas_get(c, 383, 1000));
    CU_ASSERT_FALSE(canvas_get(c, 1, 0));
    CU_ASSERT_EQUAL(c->bits[0], 0x80);
    CU_ASSERT_EQUAL(c->bits[1000 * 48 + 47], 0x01);
    CU_ASSERT_EQUAL(canvas_ink(c, 0, c->height), 2);
    CU_ASSERT_EQUAL(c->clipped, 0);
    canvas_set(c, 384, 5);
    canvas_set(c, -1, 5);
    CU_ASSERT_EQUAL(c->clipped, 2);
    canvas_clear(c, 0, 0);
    CU_ASSERT_FALSE(canvas_get(c, 0, 0));
    canvas_rule(c, 10, 20, 100, 2, false);
    CU_ASSERT_EQUAL(canvas_ink(c, 20, 22), 200);
    canvas_rule(c, 10, 30, 100, 1, true);
    long dashed = canvas_ink(c, 30, 31);
    CU_ASSERT(dashed > 40 && dashed < 100);
    canvas_free(c);
    c = canvas_new(380);                 /* rounded up to whole bytes */
    CU_ASSERT_EQUAL(c->width, 384);
    canvas_free(c);
}

/* All words of s, in order, separated by single spaces. */
static char *squeeze(const char *s)
{
    sbuf b = {0};
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == '\n')
            p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\n')
            p++;
        if (p > w) {
            if (b.len)
                sbuf_add(&b, " ");
            sbuf_addn(&b, w, (size_t)(p - w));
        }
    }
    if (!b.data)
        sbuf_add(&b, "");
    return b.data;
}

TEST(canvas, test_wrap_words, "wrap by pixel width keeps every word")
{
    const char *s = "Thủ tục đăng ký khai sinh kết hợp nhận cha, mẹ, con và cấp bản sao "
                    "trích lục hộ tịch cho người có yếu tố nước ngoài tại Ủy ban nhân dân xã";
    canvas_style style = {24, true};
    size_t starts[32], lens[32];
    int maxw = 200;
    int n = canvas_wrap(fonts, style, s, maxw, starts, lens, 32);
    CU_ASSERT(n > 3 && n <= 32);
    sbuf joined = {0};
    for (int i = 0; i < n; i++) {
        CU_ASSERT(canvas_text_width(fonts, style, s + starts[i], lens[i]) <= maxw);
        if (i)
            sbuf_add(&joined, " ");
        sbuf_addn(&joined, s + starts[i], lens[i]);
    }
    char *want = squeeze(s);
    CU_ASSERT_STRING_EQUAL(joined.data, want);   /* every word, nothing cut */
    free(want);
    sbuf_free(&joined);
    /* A wider line never needs more lines. */
    CU_ASSERT(canvas_wrap(fonts, style, s, 400, starts, lens, 32) < n);
    /* Forced breaks and empty text. */
    CU_ASSERT_EQUAL(canvas_wrap(fonts, style, "a\nb", 400, starts, lens, 32), 2);
    CU_ASSERT_EQUAL(canvas_wrap(fonts, style, "", 400, starts, lens, 32), 0);
    CU_ASSERT_EQUAL(canvas_wrap(fonts, style, "   ", 400, starts, lens, 32), 0);
}

TEST(canvas, test_wrap_long_word_graphemes, "long word breaks between graphemes")
{
    /* One 60-letter word, decomposed (NFD): e + circumflex + acute. */
    sbuf w = {0};
    for (int i = 0; i < 20; i++)
        sbuf_add(&w, "e\xCC\x82\xCC\x81" "Ư" "x");
    canvas_style style = {24, false};
    size_t starts[64], lens[64];
    int n = canvas_wrap(fonts, style, w.data, 100, starts, lens, 64);
    CU_ASSERT(n > 3 && n < 64);
    size_t total = 0;
    for (int i = 0; i < n && i < 64; i++) {
        CU_ASSERT(canvas_text_width(fonts, style, w.data + starts[i], lens[i]) <= 100);
        utf8proc_int32_t cp;
        utf8proc_iterate((const utf8proc_uint8_t *)w.data + starts[i], 4, &cp);
        /* no line starts with a combining mark */
        CU_ASSERT(utf8proc_get_property(cp)->combining_class == 0);
        CU_ASSERT_EQUAL(starts[i], total);
        total += lens[i];
    }
    CU_ASSERT_EQUAL(total, w.len);
    sbuf_free(&w);
}

TEST(canvas, test_draw_text, "FreeType text drawing")
{
    canvas *c = canvas_new(384);
    canvas_style style = {24, false};
    const char *s = "Đường Bà Triệu, Lạng Sơn";
    int w = canvas_text_width(fonts, style, s, strlen(s));
    CU_ASSERT(w > 200 && w < 384);
    int adv = canvas_draw_text(c, fonts, style, 0, canvas_ascent(fonts, style), s, strlen(s));
    CU_ASSERT_EQUAL(adv, w);
    CU_ASSERT(canvas_ink(c, 0, c->height) > 300);
    CU_ASSERT_EQUAL(c->clipped, 0);
    /* Drawn past the right edge: the ink that falls outside is counted. */
    canvas_draw_text(c, fonts, style, 300, 80, s, strlen(s));
    CU_ASSERT(c->clipped > 0);
    /* Bold is darker than regular. */
    canvas *a = canvas_new(384), *b = canvas_new(384);
    canvas_style bold = {24, true};
    canvas_draw_text(a, fonts, style, 0, 30, "Hồ sơ", strlen("Hồ sơ"));
    canvas_draw_text(b, fonts, bold, 0, 30, "Hồ sơ", strlen("Hồ sơ"));
    CU_ASSERT(canvas_ink(b, 0, b->height) > canvas_ink(a, 0, a->height));
    /* Invalid UTF-8 draws a replacement glyph rather than crashing. */
    canvas_draw_text(a, fonts, style, 0, 60, "\xff\xfe", 2);
    canvas_free(a);
    canvas_free(b);
    canvas_free(c);
}

TEST(canvas, test_qr, "QR: quiet zone, module size, zbar decode")
{
    const char *data = "VNK1.LS01-2611-000042.1764057600.ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    canvas *c = canvas_new(384);
    int h = 0;
    CU_ASSERT_EQUAL_FATAL(canvas_qr(c, 10, data, 6, &h), PK_OK);
    CU_ASSERT(c->qr_module >= 4);
    CU_ASSERT_EQUAL(h % c->qr_module, 0);
    int modules = h / c->qr_module - 8;
    /* 59 characters fit version 3 (29 modules) at ECC M only in the
     * alphanumeric mode (8-bit mode would need version 4). */
    CU_ASSERT_EQUAL(modules, 29);
    /* 4-module quiet zone above, white. */
    CU_ASSERT_EQUAL(canvas_ink(c, 10, 10 + 4 * c->qr_module), 0);
    CU_ASSERT_EQUAL(canvas_ink(c, 10 + h - 4 * c->qr_module, 10 + h), 0);
    char *dec = pkt_zbar_bits(c->bits, c->width, c->height);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dec);
    CU_ASSERT_STRING_EQUAL(dec, data);
    free(dec);
    canvas_free(c);

    /* Too much data for 4 dots per module at 58 mm: refused, not shrunk. */
    char big[1200];
    memset(big, 'A', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    c = canvas_new(384);
    CU_ASSERT_EQUAL(canvas_qr(c, 0, big, 6, &h), PK_EINVAL);
    CU_ASSERT_EQUAL(h, 0);
    canvas_free(c);
}

TEST(canvas, test_watermark, "sample watermark spares the QR")
{
    canvas *c = canvas_new(576);
    canvas_ensure(c, 1200);
    int h;
    CU_ASSERT_EQUAL(canvas_qr(c, 500, "VNK1.A-1.1.ABC", 8, &h), PK_OK);
    long qr_ink = canvas_ink(c, 500, 500 + h);
    canvas_watermark(c, fonts, "MẪU / SAMPLE — không có giá trị");
    CU_ASSERT(canvas_ink(c, 0, 500) > 2000);             /* present above */
    CU_ASSERT(canvas_ink(c, 500 + h, 1200) > 2000);      /* and below */
    CU_ASSERT_EQUAL(canvas_ink(c, 500, 500 + h), qr_ink); /* QR left clean */
    CU_ASSERT_EQUAL(c->height, 1200);
    canvas_free(c);
}

TEST(canvas, test_png_pbm, "PNG is the exact canvas; PBM body")
{
    char *dir = pkt_tmpdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    canvas *c = canvas_new(384);
    int h;
    CU_ASSERT_EQUAL(canvas_qr(c, 0, "VNK2.X-9.1700000000.QQ", 6, &h), PK_OK);
    canvas_set(c, 0, c->height + 20);
    char *png = xasprintf("%s/c.png", dir), *pbm = xasprintf("%s/c.pbm", dir);
    FILE *fp = fopen(png, "wb");
    CU_ASSERT_EQUAL(canvas_write_png(c, fp), PK_OK);
    fclose(fp);
    fp = fopen(pbm, "wb");
    CU_ASSERT_EQUAL(canvas_write_pbm(c, fp), PK_OK);
    fclose(fp);

    /* The PNG is the exact canvas: same size, same dots. */
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    CU_ASSERT_TRUE_FATAL(png_image_begin_read_from_file(&img, png));
    CU_ASSERT_EQUAL(img.width, 384);
    CU_ASSERT_EQUAL((int)img.height, c->height);
    img.format = PNG_FORMAT_GRAY;
    unsigned char *gray = xmalloc(PNG_IMAGE_SIZE(img));
    CU_ASSERT_TRUE(png_image_finish_read(&img, NULL, gray, 0, NULL));
    long diff = 0;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++)
            diff += (gray[(size_t)y * 384 + (size_t)x] == 0) != canvas_get(c, x, y);
    CU_ASSERT_EQUAL(diff, 0);
    free(gray);
    png_image_free(&img);
    char *dec = pkt_zbar_png(png);
    CU_ASSERT_PTR_NOT_NULL(dec);
    if (dec)
        CU_ASSERT_STRING_EQUAL(dec, "VNK2.X-9.1700000000.QQ");
    free(dec);

    size_t len;
    unsigned char *raw = pkt_slurp(pbm, &len);
    char hdr[32];
    int hl = snprintf(hdr, sizeof hdr, "P4\n384 %d\n", c->height);
    CU_ASSERT_EQUAL(len, (size_t)hl + 48u * (size_t)c->height);
    CU_ASSERT(memcmp(raw, hdr, (size_t)hl) == 0);
    CU_ASSERT(memcmp(raw + hl, c->bits, 48u * (size_t)c->height) == 0);
    free(raw);
    free(png);
    free(pbm);
    canvas_free(c);
    pkt_rmtree(dir);
    free(dir);
}

/* A paragraph of 500 words: every line drawn, none dropped. */
TEST(canvas, test_layout_long_paragraph, "layout: a paragraph longer than 64 lines")
{
    sbuf b = {0};
    for (int i = 0; i < 500; i++)
        sbuf_add(&b, "Việt ");
    layout *l = layout_new(fonts, 384);
    int y0 = layout_y(l);
    layout_text(l, LAY_NORMAL, 0, b.data);
    canvas_style style = layout_style(l, LAY_NORMAL, 0);
    size_t s1[1], l1[1];
    int lines = canvas_wrap(fonts, style, b.data, 384 - 16, s1, l1, 1);
    CU_ASSERT(lines > 64);
    CU_ASSERT_EQUAL(layout_y(l) - y0, lines * canvas_line_height(fonts, style));
    char *txt;
    canvas *c = layout_finish(l, &txt);
    CU_ASSERT_EQUAL(c->clipped, 0);
    CU_ASSERT(canvas_ink(c, c->height - 60, c->height) > 0);   /* the last line is there */
    free(txt);
    canvas_free(c);
    sbuf_free(&b);
}

/* A document of the given paragraphs, each fixed or not. */
static canvas *doc_of(const char *const *texts, int n, int flags)
{
    layout *l = layout_new(fonts, 576);
    for (int i = 0; i < n; i++)
        layout_text(l, i % 2 ? LAY_SMALL : LAY_NORMAL, (i % 3 ? LAY_CENTER : LAY_INDENT) | flags,
                    texts[i]);
    return layout_finish(l, NULL);
}

TEST(canvas, test_fixed_pieces, "fixed paragraphs: the same dots from the piece cache, bounded")
{
    static const char *const texts[] = {
        "Ấ Ở Ữ Ỵ — accents above the ascent, đ, g, y below the baseline",
        ("Our guarantee: your dossier is sealed in front of you, your originals are listed on the "
         "signed slip, and you are compensated if it is lost."),
        "Vui lòng giữ biên nhận này.",
    };
    canvas *plain = doc_of(texts, 3, 0);
    for (int round = 0; round < 2; round++) {   /* drawn into the cache, then from it */
        canvas *fixed = doc_of(texts, 3, LAY_FIXED);
        CU_ASSERT_EQUAL(fixed->height, plain->height);
        CU_ASSERT_EQUAL(fixed->clipped, 0);
        CU_ASSERT(memcmp(fixed->bits, plain->bits, (size_t)plain->stride * (size_t)plain->height) == 0);
        canvas_free(fixed);
    }
    char key[160];
    snprintf(key, sizeof key, "P576,12,28,0,8\n%s", texts[0]);
    CU_ASSERT_PTR_NOT_NULL(canvas_piece_find(fonts, key));
    /* ever new texts do not grow the cache past its bound: it starts again */
    for (int i = 0; i < 300; i++) {
        char t[32];
        snprintf(t, sizeof t, "Số %d", i);
        const char *one[] = {t};
        canvas_free(doc_of(one, 1, LAY_FIXED));
    }
    CU_ASSERT_PTR_NULL(canvas_piece_find(fonts, key));
    canvas_free(plain);
}

SUITE(canvas, setup, teardown);
