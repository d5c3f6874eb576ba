/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ESC/POS encoder: golden bytes, raster bands, profiles, TCVN-3, status. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "escpos.h"
#include "pkt_helpers.h"
#include "unit.h"

#define BYTES(...) ((const unsigned char[]){__VA_ARGS__})
#define ASSERT_BYTES(buf, ...)                                                                \
    do {                                                                                      \
        const unsigned char exp_[] = {__VA_ARGS__};                                           \
        CU_ASSERT_EQUAL_FATAL((buf).len, sizeof exp_);                                        \
        CU_ASSERT(memcmp((buf).data, exp_, sizeof exp_) == 0);                                \
    } while (0)

TEST(escpos, test_init_feed_cut, "init, feed, cut, tear-off")
{
    sbuf b = {0};
    escpos_init(&b);
    ASSERT_BYTES(b, 0x1B, 0x40, 0x1C, 0x2E);
    sbuf_free(&b);

    printer_profile p;
    CU_ASSERT_TRUE(escpos_profile_parse("58mm", &p));
    escpos_cut(&b, &p);
    ASSERT_BYTES(b, 0x1B, 0x64, 4, 0x1D, 0x56, 66, 0);
    sbuf_free(&b);

    CU_ASSERT_TRUE(escpos_profile_parse("58mm,cutter=no", &p));
    escpos_cut(&b, &p);
    ASSERT_BYTES(b, 0x1B, 0x64, 6);   /* tear-off feed, no GS V */
    sbuf_free(&b);

    escpos_feed_dots(&b, 300);
    ASSERT_BYTES(b, 0x1B, 0x4A, 255, 0x1B, 0x4A, 45);
    sbuf_free(&b);
    escpos_feed(&b, 300);
    escpos_feed(&b, 0);
    escpos_align(&b, 1);
    escpos_align(&b, 7);
    ASSERT_BYTES(b, 0x1B, 0x64, 255, 0x1B, 0x61, 1, 0x1B, 0x61, 0);
    sbuf_free(&b);
}

TEST(escpos, test_raster_golden, "GS v 0 golden bytes, MSB leftmost")
{
    canvas *c = canvas_new(16);
    canvas_set(c, 0, 0);      /* MSB of byte 0 = leftmost dot */
    canvas_set(c, 15, 0);
    canvas_set(c, 8, 2);
    CU_ASSERT_EQUAL(c->height, 3);
    sbuf b = {0};
    escpos_raster(&b, c, 0, c->height, 255);
    ASSERT_BYTES(b, 0x1D, 0x76, 0x30, 0, 2, 0, 3, 0, 0x80, 0x01, 0x00, 0x00, 0x00, 0x80);
    sbuf_free(&b);
    canvas_free(c);
}

TEST(escpos, test_raster_bands, "raster bands of <= 255 rows")
{
    canvas *c = canvas_new(384);
    canvas_ensure(c, 300);
    canvas_set(c, 383, 299);
    sbuf b = {0};
    escpos_raster(&b, c, 0, c->height, 255);
    CU_ASSERT_EQUAL(b.len, 2 * 8 + 48 * 300);
    const unsigned char *u = (const unsigned char *)b.data;
    CU_ASSERT_EQUAL(u[4], 48);
    CU_ASSERT_EQUAL(u[5], 0);
    CU_ASSERT_EQUAL(u[6], 255);
    CU_ASSERT_EQUAL(u[7], 0);
    const unsigned char *second = u + 8 + 48 * 255;
    CU_ASSERT(memcmp(second, BYTES(0x1D, 0x76, 0x30, 0, 48, 0, 45, 0), 8) == 0);
    CU_ASSERT_EQUAL(u[b.len - 1], 0x01);
    pkt_stream stream;
    CU_ASSERT_TRUE(pkt_parse_escpos(u, b.len, &stream));
    CU_ASSERT_EQUAL(stream.bands, 2);
    CU_ASSERT_EQUAL(stream.width, 384);
    CU_ASSERT_EQUAL(stream.height, 300);
    CU_ASSERT(memcmp(stream.bits, c->bits, 48 * 300) == 0);
    pkt_stream_free(&stream);
    sbuf_free(&b);

    /* A profile-defined band height of 100 rows: 3 bands. */
    escpos_raster(&b, c, 0, c->height, 100);
    CU_ASSERT_TRUE(pkt_parse_escpos((const unsigned char *)b.data, b.len, &stream));
    CU_ASSERT_EQUAL(stream.bands, 3);
    pkt_stream_free(&stream);
    sbuf_free(&b);
    canvas_free(c);
}

TEST(escpos, test_qr_native_golden, "GS ( k golden bytes")
{
    sbuf b = {0};
    escpos_qr_native(&b, "AB", 6);
    ASSERT_BYTES(b, 0x1D, 0x28, 0x6B, 4, 0, 49, 65, 50, 0,      /* model 2 */
                 0x1D, 0x28, 0x6B, 3, 0, 49, 67, 6,             /* module 6 */
                 0x1D, 0x28, 0x6B, 3, 0, 49, 69, 49,            /* ECC M */
                 0x1D, 0x28, 0x6B, 5, 0, 49, 80, 48, 'A', 'B',  /* store */
                 0x1D, 0x28, 0x6B, 3, 0, 49, 81, 48);           /* print */
    sbuf_free(&b);
}

TEST(escpos, test_document_native_qr, "document: native QR vs raster QR")
{
    canvas_fonts *f;
    CU_ASSERT_EQUAL_FATAL(canvas_fonts_open(NULL, NULL, &f), PK_OK);
    canvas *c = canvas_new(384);
    canvas_style style = {24, false};
    canvas_draw_text(c, f, style, 8, 30, "Xin chào", strlen("Xin chào"));
    int h = 0;
    CU_ASSERT_EQUAL(canvas_qr(c, 40, "VNK1.AB-1.1700000000.ABC", 6, &h), PK_OK);
    canvas_ensure(c, 40 + h + 50);
    printer_profile p;
    CU_ASSERT_TRUE(escpos_profile_parse("58mm,native_qr=yes", &p));
    sbuf b = {0};
    escpos_document(&b, c, &p);
    pkt_stream s;
    CU_ASSERT_TRUE(pkt_parse_escpos((const unsigned char *)b.data, b.len, &s));
    CU_ASSERT_STRING_EQUAL(s.qr_native, "VNK1.AB-1.1700000000.ABC");
    CU_ASSERT_EQUAL(s.height, c->height - h);   /* the QR rows are not sent as raster */
    CU_ASSERT_EQUAL(s.feed_dots, 2 * 4 * c->qr_module);   /* quiet zone kept as feeds */
    CU_ASSERT_EQUAL(s.cuts, 1);
    CU_ASSERT_EQUAL(s.inits, 1);
    pkt_stream_free(&s);
    sbuf_free(&b);

    /* Raster profile: everything as raster, and zbar reads the QR from it. */
    CU_ASSERT_TRUE(escpos_profile_parse("58mm", &p));
    escpos_document(&b, c, &p);
    CU_ASSERT_TRUE(pkt_parse_escpos((const unsigned char *)b.data, b.len, &s));
    CU_ASSERT_STRING_EQUAL(s.qr_native, "");
    CU_ASSERT_EQUAL(s.height, c->height);
    char *dec = pkt_zbar_bits(s.bits, s.width, s.height);
    CU_ASSERT_PTR_NOT_NULL(dec);
    if (dec)
        CU_ASSERT_STRING_EQUAL(dec, "VNK1.AB-1.1700000000.ABC");
    free(dec);
    pkt_stream_free(&s);
    sbuf_free(&b);
    canvas_free(c);
    canvas_fonts_close(f);
}

TEST(escpos, test_profiles, "profiles and overrides")
{
    printer_profile p;
    CU_ASSERT_TRUE(escpos_profile_parse("80mm", &p));
    CU_ASSERT_EQUAL(p.width_dots, 576);
    CU_ASSERT_TRUE(p.cutter);
    CU_ASSERT_FALSE(p.native_qr);
    CU_ASSERT_TRUE(escpos_profile_parse("80mm,cutter=no,native_qr=yes,tcvn3=yes,band=128,feed=6", &p));
    CU_ASSERT_FALSE(p.cutter);
    CU_ASSERT_TRUE(p.native_qr);
    CU_ASSERT_TRUE(p.tcvn3);
    CU_ASSERT_EQUAL(p.band_rows, 128);
    CU_ASSERT_EQUAL(p.feed_lines, 6);
    CU_ASSERT_TRUE(escpos_profile_parse(NULL, &p));
    CU_ASSERT_EQUAL(p.width_dots, 384);
    CU_ASSERT_FALSE(escpos_profile_parse("72mm", &p));
    CU_ASSERT_EQUAL(p.width_dots, 384);
    CU_ASSERT_FALSE(escpos_profile_parse("80mm,width=500", &p));
    CU_ASSERT_FALSE(escpos_profile_parse("80mm,band=0", &p));
    CU_ASSERT_FALSE(escpos_profile_parse("80mm,colour=yes", &p));
    CU_ASSERT_FALSE(escpos_profile_parse("80mm,cutter", &p));
    CU_ASSERT_TRUE(escpos_profile_parse("58mm,nocut,qr,tcvn3", &p));
    CU_ASSERT_FALSE(p.cutter);
    CU_ASSERT_TRUE(p.native_qr);
    CU_ASSERT_TRUE(p.tcvn3);
    CU_ASSERT_TRUE(escpos_profile_parse("80mm,qr,noqr,notcvn3,cut", &p));
    CU_ASSERT_TRUE(p.cutter);
    CU_ASSERT_FALSE(p.native_qr);
    CU_ASSERT_FALSE(p.tcvn3);
    CU_ASSERT_FALSE(escpos_profile_parse("80mm,QR", &p));
    CU_ASSERT_TRUE(escpos_profile_parse("58mm,width=512", &p));
    CU_ASSERT_EQUAL(p.width_dots, 512);
}

TEST(escpos, test_tcvn3, "TCVN-3 text mode")
{
    sbuf b = {0};
    escpos_text_tcvn3(&b, "Tiếng Việt ĐẠI");
    ASSERT_BYTES(b, 'T', 'i', 0x1B, 0x74, 30, 0xD5, 'n', 'g', ' ', 'V', 'i', 0xD6, 't', ' ',
                 0x1B, 0x74, 31, 0xA7, 0xB9, 'I', '\n');
    sbuf_free(&b);
    /* The three uppercase exceptions and a same-byte capital. */
    escpos_text_tcvn3(&b, "ĂÂĐƯ");
    ASSERT_BYTES(b, 0x1B, 0x74, 31, 0xA1, 0xA2, 0xA7, 0xAD, '\n');
    sbuf_free(&b);
    /* Decomposed input is composed first; unmappable and controls become '?'. */
    escpos_text_tcvn3(&b, "e\xCC\x82\xCC\x81—\x01");
    ASSERT_BYTES(b, 0x1B, 0x74, 30, 0xD5, '?', '?', '\n');
    sbuf_free(&b);
}

TEST(escpos, test_status, "DLE EOT status parsing")
{
    CU_ASSERT_TRUE(escpos_status_valid(0x12));
    CU_ASSERT_TRUE(escpos_status_valid(0x72));
    CU_ASSERT_TRUE(escpos_status_valid(0x1E));
    CU_ASSERT_FALSE(escpos_status_valid(0x00));
    CU_ASSERT_FALSE(escpos_status_valid(0xFF));
    CU_ASSERT_FALSE(escpos_status_valid(0x13));   /* bit 0 must be 0 */
    CU_ASSERT_FALSE(escpos_status_valid(0x92));   /* bit 7 must be 0 */
    CU_ASSERT_FALSE(escpos_status_valid(0x02));   /* bit 4 must be 1 */
    CU_ASSERT_EQUAL(escpos_status_decode(0x16, 0x12, 0x12), PST_OK);
    CU_ASSERT_EQUAL(escpos_status_decode(0x1E, 0x32, 0x72), PST_PAPER_OUT);
    CU_ASSERT_EQUAL(escpos_status_decode(0x16, 0x12, 0x72), PST_PAPER_OUT);
    CU_ASSERT_EQUAL(escpos_status_decode(0x1E, 0x16, 0x12), PST_COVER_OPEN);
    CU_ASSERT_EQUAL(escpos_status_decode(0x1E, 0x12, 0x12), PST_OFFLINE);
    CU_ASSERT_EQUAL(escpos_status_decode(0x16, 0x52, 0x12), PST_OFFLINE);  /* error bit */
    CU_ASSERT_EQUAL(escpos_status_decode(0x16, 0x12, 0x1E), PST_PAPER_LOW);
    CU_ASSERT_EQUAL(escpos_status_decode(-1, -1, -1), PST_UNKNOWN);
    CU_ASSERT_EQUAL(escpos_status_decode(0x16, -1, -1), PST_OK);
}

static escpos_confirm_result feed_all(escpos_confirm *cf, const char *bytes, size_t n)
{
    escpos_confirm_result r = ESCPOS_CONFIRM_WAIT;
    for (size_t i = 0; i < n && r == ESCPOS_CONFIRM_WAIT; i++)
        r = escpos_confirm_feed(cf, (unsigned char)bytes[i]);
    return r;
}

TEST(escpos, test_confirm, "job confirmation: GS r 1, GS ( H process ID")
{
    printer_profile prof;
    CU_ASSERT_TRUE_FATAL(escpos_profile_parse("58mm", &prof));
    CU_ASSERT_FALSE(prof.procid);
    CU_ASSERT_EQUAL(prof.confirm_s, 15);
    escpos_confirm cf;
    escpos_confirm_init(&cf, &prof, 7);
    sbuf b = {0};
    escpos_confirm_request(&b, &cf);
    ASSERT_BYTES(b, 0x1D, 0x72, 1);               /* GS r 1 */
    sbuf_free(&b);
    /* DLE EOT replies (bit 4 set) and bytes with bit 7 are not the answer. */
    CU_ASSERT_EQUAL(feed_all(&cf, "\x12\x16\x72\x80\xff", 5), ESCPOS_CONFIRM_WAIT);
    CU_ASSERT_EQUAL(escpos_confirm_feed(&cf, 0x00), ESCPOS_CONFIRM_OK);
    CU_ASSERT_EQUAL(escpos_confirm_feed(&cf, 0x03), ESCPOS_CONFIRM_PAPER_LOW);
    CU_ASSERT_EQUAL(escpos_confirm_feed(&cf, 0x0C), ESCPOS_CONFIRM_PAPER_OUT);

    CU_ASSERT_TRUE_FATAL(escpos_profile_parse("80mm,procid,confirm=40", &prof));
    CU_ASSERT_TRUE(prof.procid);
    CU_ASSERT_EQUAL(prof.confirm_s, 40);
    CU_ASSERT_FALSE(escpos_profile_parse("80mm,confirm=0", &prof));
    CU_ASSERT_FALSE(escpos_profile_parse("80mm,confirm=121", &prof));
    CU_ASSERT_FALSE(prof.procid);                 /* a refused spec gives the defaults */
    CU_ASSERT_TRUE_FATAL(escpos_profile_parse("80mm,procid", &prof));
    escpos_confirm_init(&cf, &prof, 7u * 35 * 35 * 35 + 1);   /* '8' '0' '0' '1' */
    escpos_confirm_request(&b, &cf);
    ASSERT_BYTES(b, 0x1D, 0x28, 0x48, 6, 0, 48, 48, '8', '0', '0', '1');
    sbuf_free(&b);
    for (unsigned id = 0; id < 5000; id += 7) {    /* never the header byte '7' */
        escpos_confirm_init(&cf, &prof, id);
        CU_ASSERT_PTR_NULL(memchr(cf.id, 0x37, 4));
    }
    escpos_confirm_init(&cf, &prof, 7u * 35 * 35 * 35 + 1);
    /* A GS r answer, another job's ID, a cut-off header: not this job. */
    CU_ASSERT_EQUAL(feed_all(&cf, "\x00\x37\x22" "8002" "\x00", 7), ESCPOS_CONFIRM_WAIT);
    CU_ASSERT_EQUAL(feed_all(&cf, "\x37\x37\x22" "80", 5), ESCPOS_CONFIRM_WAIT);
    CU_ASSERT_EQUAL(feed_all(&cf, "01", 2), ESCPOS_CONFIRM_WAIT);
    CU_ASSERT_EQUAL(escpos_confirm_feed(&cf, 0x00), ESCPOS_CONFIRM_OK);
    CU_ASSERT_EQUAL(feed_all(&cf, "\x37\x22" "8001" "\x01", 7), ESCPOS_CONFIRM_WAIT);
}

SUITE(escpos, NULL, NULL);
