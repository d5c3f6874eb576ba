/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Receipts: signed QR payloads (tampering, keys, rotation), the layout at
 * both widths for every procedure, watermark, reprint, QR decoded back from
 * the PNG preview and from the ESC/POS raster. No database needed. */
#define _GNU_SOURCE   /* memmem */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "canvas.h"
#include "catalog.h"
#include "escpos.h"
#include "i18n.h"
#include "pkt_helpers.h"
#include "printer.h"
#include "receipt.h"
#include "unit.h"

static char *dir;
static config cfg;
static canvas_fonts *fonts;

static int setup(void)
{
    dir = pkt_tmpdir();
    if (!dir || canvas_fonts_open(NULL, NULL, &fonts) != PK_OK)
        return 1;
    /* Labels in English whatever an earlier suite selected (the msgids,
     * when no catalog is bound). */
    i18n_set_lang("en");
    memset(&cfg, 0, sizeof cfg);
    snprintf(cfg.key_file, sizeof cfg.key_file, "%s/receipt.key", dir);
    pkt_write_key(cfg.key_file, 0x10, 1);
    return 0;
}

static int teardown(void)
{
    canvas_fonts_close(fonts);
    pkt_rmtree(dir);
    free(dir);
    return 0;
}

TEST(receipt, test_payload_format, "payload format and verification")
{
    char out[128];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&cfg, "LS01-2611-000042", 1764057600, out, sizeof out),
                          PK_OK);
    CU_ASSERT_EQUAL(strncmp(out, "VNK1.LS01-2611-000042.1764057600.", 33), 0);
    CU_ASSERT_EQUAL(strlen(out), 33 + 26);
    CU_ASSERT_EQUAL(strspn(out, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.-"), strlen(out));
    /* Deterministic for the same key, reference and time. */
    char again[128];
    receipt_payload(&cfg, "LS01-2611-000042", 1764057600, again, sizeof again);
    CU_ASSERT_STRING_EQUAL(out, again);
    char ref[PK_REF_MAX];
    int64_t t = 0;
    CU_ASSERT_EQUAL(receipt_verify(&cfg, out, ref, sizeof ref, &t), PK_OK);
    CU_ASSERT_STRING_EQUAL(ref, "LS01-2611-000042");
    CU_ASSERT_EQUAL(t, 1764057600);
    /* Refused inputs: nothing personal or odd gets into a QR. */
    CU_ASSERT_EQUAL(receipt_payload(&cfg, "ls01-1", 1, out, sizeof out), PK_EINVAL);
    CU_ASSERT_EQUAL(receipt_payload(&cfg, "A.B", 1, out, sizeof out), PK_EINVAL);
    CU_ASSERT_EQUAL(receipt_payload(&cfg, "", 1, out, sizeof out), PK_EINVAL);
    CU_ASSERT_EQUAL(receipt_payload(&cfg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, out, sizeof out),
                    PK_EINVAL);
    CU_ASSERT_EQUAL(receipt_payload(&cfg, "A-1", 0, out, sizeof out), PK_EINVAL);
    CU_ASSERT_EQUAL(receipt_payload(&cfg, "A-1", 1700000000, out, 20), PK_EINVAL);
    CU_ASSERT_STRING_EQUAL(out, "");
}

TEST(receipt, test_tampering, "tampered, wrong key, wrong version, malformed")
{
    char good[128], bad[128], ref[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&cfg, "LS01-2611-000042", 1764057600, good, sizeof good),
                          PK_OK);
    /* One character changed anywhere fails. */
    for (size_t i = 0; i < strlen(good); i++) {
        strcpy(bad, good);
        if (bad[i] == '.' || bad[i] == '-')
            continue;
        bad[i] = bad[i] == 'A' ? 'B' : bad[i] == '9' ? '8' : (bad[i] >= '0' && bad[i] <= '8') ? (char)(bad[i] + 1) : 'A';
        pk_err e = receipt_verify(&cfg, bad, ref, sizeof ref, NULL);
        CU_ASSERT(e == PK_ETAMPER || e == PK_EINVAL);
        if (e == PK_OK)
            fprintf(stderr, "accepted tampered payload at %zu\n", i);
    }
    /* Typed with Caps Lock on: the same receipt. */
    char lower[128];
    for (size_t i = 0; i <= strlen(good); i++)
        lower[i] = (good[i] >= 'A' && good[i] <= 'Z') ? (char)(good[i] + 32) : good[i];
    CU_ASSERT_EQUAL(receipt_verify(&cfg, lower, ref, sizeof ref, NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(ref, "LS01-2611-000042");
    CU_ASSERT_EQUAL(receipt_verify(&cfg, "vnk1.a-1.1.aaaaaaaaaaaaaaaaaaaaaaaaaa", ref, sizeof ref, NULL),
                    PK_ETAMPER);
    /* Wrong key. */
    config other = cfg;
    snprintf(other.key_file, sizeof other.key_file, "%s/other.key", dir);
    pkt_write_key(other.key_file, 0x55, 1);
    CU_ASSERT_EQUAL(receipt_verify(&other, good, ref, sizeof ref, NULL), PK_ETAMPER);
    /* Wrong version: no key 2 anywhere. */
    strcpy(bad, good);
    bad[3] = '2';
    CU_ASSERT_EQUAL(receipt_verify(&cfg, bad, ref, sizeof ref, NULL), PK_ETAMPER);
    /* Malformed. */
    const char *junk[] = {"", "VNK", "VNK1", "VNK1.LS01.1.",
                          "VNK01.A-1.1.AAAAAAAAAAAAAAAAAAAAAAAAAA", "VNK1.A-1.01.AAAAAAAAAAAAAAAAAAAAAAAAAA",
                          "VNK1..1.AAAAAAAAAAAAAAAAAAAAAAAAAA", "VNK1.A-1.1.AAAAAAAAAAAAAAAAAAAAAAAAA1",
                          "VNK1.A-1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAA", "VNK1.A_1.1.AAAAAAAAAAAAAAAAAAAAAAAAAA",
                          "VNK1.A-1.1.AAAAAAAAAAAAAAAAAAAAAAAAAA\n",
                          "'; DROP TABLE dossiers; --"};
    for (size_t i = 0; i < PK_ARRAY_LEN(junk); i++)
        CU_ASSERT_EQUAL(receipt_verify(&cfg, junk[i], ref, sizeof ref, NULL), PK_EINVAL);
    CU_ASSERT_STRING_EQUAL(ref, "");
}

TEST(receipt, test_keys, "key files: missing, unsafe, raw, rotation")
{
    config c2 = cfg;
    char out[128], ref[PK_REF_MAX];
    /* Missing key file. */
    snprintf(c2.key_file, sizeof c2.key_file, "%s/none.key", dir);
    CU_ASSERT_EQUAL(receipt_payload(&c2, "A-1", 1700000000, out, sizeof out), PK_ENOTFOUND);
    /* World-readable key: refused. */
    snprintf(c2.key_file, sizeof c2.key_file, "%s/open.key", dir);
    pkt_write_key(c2.key_file, 1, 1);
    chmod(c2.key_file, 0644);
    CU_ASSERT_EQUAL(receipt_payload(&c2, "A-1", 1700000000, out, sizeof out), PK_EPERM);
    /* A raw 32-byte key is version 1. */
    snprintf(c2.key_file, sizeof c2.key_file, "%s/raw.key", dir);
    FILE *fp = fopen(c2.key_file, "wb");
    for (int i = 0; i < 32; i++)
        fputc(i == 5 ? '\n' : 0xC0 + i, fp);   /* raw bytes may hold a newline */
    fclose(fp);
    chmod(c2.key_file, 0600);
    CU_ASSERT_EQUAL(receipt_payload(&c2, "A-1", 1700000000, out, sizeof out), PK_OK);
    CU_ASSERT_EQUAL(strncmp(out, "VNK1.A-1.1700000000.", 20), 0);
    /* A garbage key file. */
    snprintf(c2.key_file, sizeof c2.key_file, "%s/bad.key", dir);
    fp = fopen(c2.key_file, "w");
    fputs("not a key\n", fp);
    fclose(fp);
    chmod(c2.key_file, 0600);
    CU_ASSERT_EQUAL(receipt_payload(&c2, "A-1", 1700000000, out, sizeof out), PK_EINVAL);
    /* A hex key with trailing junk, or a bad version line. */
    const char *bad_keys[] = {
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1fzz\n",
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\nv2\n",
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n0\n",
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e\n"};
    for (size_t i = 0; i < PK_ARRAY_LEN(bad_keys); i++) {
        fp = fopen(c2.key_file, "w");
        fputs(bad_keys[i], fp);
        fclose(fp);
        CU_ASSERT_EQUAL(receipt_payload(&c2, "A-1", 1700000000, out, sizeof out), PK_EINVAL);
    }

    /* Rotation: key 3 is current, key 1 kept as <file>.1. */
    snprintf(c2.key_file, sizeof c2.key_file, "%s/rot.key", dir);
    pkt_write_key(c2.key_file, 0x20, 1);
    char old[128];
    CU_ASSERT_EQUAL(receipt_payload(&c2, "A-1", 1700000000, old, sizeof old), PK_OK);
    char *keep = xasprintf("%s.1", c2.key_file);
    CU_ASSERT_EQUAL(rename(c2.key_file, keep), 0);
    pkt_write_key(c2.key_file, 0x30, 3);
    CU_ASSERT_EQUAL(receipt_payload(&c2, "A-2", 1700000001, out, sizeof out), PK_OK);
    CU_ASSERT_EQUAL(strncmp(out, "VNK3.", 5), 0);
    CU_ASSERT_EQUAL(receipt_verify(&c2, out, ref, sizeof ref, NULL), PK_OK);
    CU_ASSERT_EQUAL(receipt_verify(&c2, old, ref, sizeof ref, NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(ref, "A-1");
    /* The old key gone: old receipts no longer verify. */
    remove(keep);
    CU_ASSERT_EQUAL(receipt_verify(&c2, old, ref, sizeof ref, NULL), PK_ETAMPER);
    free(keep);
}

TEST(receipt, test_track_url, "tracking URL prefix")
{
    config c2 = cfg;
    str_copy(c2.track_url, sizeof c2.track_url, "HTTPS://TRACK.EXAMPLE.VN/R/");
    char qr[400], ref[PK_REF_MAX];
    CU_ASSERT_EQUAL(receipt_qr_text(&c2, "LS01-2611-000042", 1764057600, qr, sizeof qr), PK_OK);
    CU_ASSERT_EQUAL(strncmp(qr, "HTTPS://TRACK.EXAMPLE.VN/R/VNK1.", 32), 0);
    CU_ASSERT_EQUAL(receipt_verify(&c2, qr, ref, sizeof ref, NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(ref, "LS01-2611-000042");
    /* The same receipt read by a kiosk without the URL in its config. */
    CU_ASSERT_EQUAL(receipt_verify(&cfg, qr, ref, sizeof ref, NULL), PK_OK);
    /* The bare payload still verifies where the URL is configured. */
    CU_ASSERT_EQUAL(receipt_verify(&c2, qr + strlen(c2.track_url), ref, sizeof ref, NULL), PK_OK);
}

static void fill_info(receipt_info *ri, const char *name, const char *gloss, const char *agency)
{
    memset(ri, 0, sizeof *ri);
    str_copy(ri->lang, sizeof ri->lang, gloss && *gloss ? "en" : "vi");
    str_copy(ri->post_office, sizeof ri->post_office, "Bưu điện văn hóa xã Chi Lăng, tỉnh Lạng Sơn");
    str_copy(ri->kiosk_code, sizeof ri->kiosk_code, "LS01");
    ri->issued_at = 1764057600;
    str_copy(ri->ref, sizeof ri->ref, "LS01-2611-000042");
    str_copy(ri->s10, sizeof ri->s10, "RA123456785VN");
    str_copy(ri->proc_name, sizeof ri->proc_name, name);
    str_copy(ri->proc_gloss, sizeof ri->proc_gloss, gloss ? gloss : "");
    str_copy(ri->proc_code, sizeof ri->proc_code, "1.001193.000.00.00.H35");
    str_copy(ri->agency, sizeof ri->agency, agency);
    ri->form = FORM_BOTH;
    str_copy(ri->applicant, sizeof ri->applicant, "Nguyễn V. A.");
    str_copy(ri->id_masked, sizeof ri->id_masked, "********1234");
    ri->consent_sms = true;
    str_copy(ri->phone_masked, sizeof ri->phone_masked, "09******78");
    ri->ndocs = 3;
    str_copy(ri->docs[0].name, sizeof ri->docs[0].name, "Tờ khai đăng ký khai sinh theo mẫu");
    str_copy(ri->docs[1].name, sizeof ri->docs[1].name, "Giấy chứng sinh");
    ri->docs[1].kind = DOC_COPY;
    str_copy(ri->docs[2].name, sizeof ri->docs[2].name, name);
    ri->fee_proc = 8000;
    ri->fee_post = 25000;
    ri->fee_total = 33000;
    str_copy(ri->expected_date, sizeof ri->expected_date, "2026-12-10");
    str_copy(ri->hotline, sizeof ri->hotline, "1900 54 54 81");
    receipt_qr_text(&cfg, ri->ref, ri->issued_at, ri->qr, sizeof ri->qr);
}

/* Renders at one width; checks nothing falls off the paper and that the
 * long name is all there. Returns the ink. */
static long render_check(const receipt_info *ri, int width, bool decode)
{
    canvas *c = NULL;
    char *txt = NULL;
    CU_ASSERT_EQUAL_FATAL(receipt_render(ri, fonts, width, &c, &txt), PK_OK);
    CU_ASSERT_EQUAL(c->width, width);
    CU_ASSERT_EQUAL(c->clipped, 0);        /* no ink outside the paper */
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, ri->proc_name));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, ri->agency));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, ri->applicant));
    CU_ASSERT_PTR_NULL(strstr(txt, "123456781234"));
    /* Each wrapped line fits: the name needs as many lines as its width
     * says, no fewer (nothing hidden past the edge). */
    canvas_style style = {width >= 576 ? 28 : 24, true};
    int w = canvas_text_width(fonts, style, ri->proc_name, strlen(ri->proc_name));
    size_t s[64], l[64];
    int lines = canvas_wrap(fonts, style, ri->proc_name, width - (width >= 576 ? 60 : 40), s, l, 64);
    CU_ASSERT(lines >= (w + width - 1) / width);
    if (decode) {
        char *dec = pkt_zbar_bits(c->bits, c->width, c->height);
        CU_ASSERT_PTR_NOT_NULL(dec);
        if (dec)
            CU_ASSERT_STRING_EQUAL(dec, ri->qr);
        free(dec);
    }
    long ink = canvas_ink(c, 0, c->height);
    free(txt);
    canvas_free(c);
    return ink;
}

/* A paper whose name says its kind is not labelled again ("Bản sao giấy
 * khai sinh — bản sao"); the others keep theirs. English: the gloss says
 * it ("Copy of ..."). */
TEST(receipt, test_doc_kind_once, "a paper's kind is printed once (vi, en)")
{
    receipt_info ri;
    CU_ASSERT_FATAL(i18n_init(NULL));   /* the Vietnamese labels of build/ */
    for (int en = 0; en < 2; en++) {
        fill_info(&ri, "Đăng ký khai sinh", en ? "Birth registration" : NULL,
                  "UBND cấp xã (Tư pháp - hộ tịch)");
        str_copy(ri.docs[1].name, sizeof ri.docs[1].name, "Bản sao giấy khai sinh");
        if (en) {
            str_copy(ri.docs[1].gloss, sizeof ri.docs[1].gloss, "Copy of the birth certificate");
            str_copy(ri.docs[2].gloss, sizeof ri.docs[2].gloss, "Birth registration");
        }
        ri.docs[2].kind = DOC_COPY;
        i18n_set_lang(en ? "en" : "vi");
        canvas *c = NULL;
        char *txt = NULL;
        CU_ASSERT_EQUAL_FATAL(receipt_render(&ri, fonts, 384, &c, &txt), PK_OK);
        CU_ASSERT_PTR_NOT_NULL(strstr(txt, "2. Bản sao giấy khai sinh\n"));
        CU_ASSERT_PTR_NULL(strstr(txt, en ? "Bản sao giấy khai sinh — copy" : "Bản sao giấy khai sinh — bản sao"));
        CU_ASSERT_PTR_NOT_NULL(strstr(txt, en ? "1. Tờ khai đăng ký khai sinh theo mẫu — original"
                                              : "1. Tờ khai đăng ký khai sinh theo mẫu — bản chính"));
        CU_ASSERT_PTR_NOT_NULL(strstr(txt, en ? "3. Đăng ký khai sinh — copy" : "3. Đăng ký khai sinh — bản sao"));
        free(txt);
        canvas_free(c);
    }
    i18n_set_lang("en");   /* as the suite set it */
}

TEST(receipt, test_render_long_names, "long names wrap at 384 and 576 dots")
{
    static const char *const names[][3] = {
        {"Đăng ký khai sinh", "Birth registration", "UBND cấp xã"},
        {"Thủ tục đăng ký khai sinh kết hợp nhận cha, mẹ, con và cấp bản sao trích lục hộ tịch "
         "cho người có yếu tố nước ngoài cư trú ở khu vực biên giới theo Nghị định 123/2015/NĐ-CP",
         "", "Ủy ban nhân dân xã, phường, thị trấn nơi cư trú (bộ phận Tư pháp - hộ tịch, "
             "tiếp nhận và trả kết quả)"},
        {"Cấp Phiếu lý lịch tư pháp số 1 cho công dân Việt Nam, người nước ngoài đang cư trú tại "
         "Việt Nam",
         "Issuance of criminal record certificate No. 1 to Vietnamese citizens and foreigners "
         "residing in Vietnam",
         "Công an tỉnh Lạng Sơn"},
        {"Xácnhậnthôngtincưtrúkhôngcókhoảngtrắngnàocảđểkiểmtracắtchữ1.001193.000.00.00.H35", "",
         "Sở Tư pháp"},
    };
    receipt_info *ri = xmalloc(sizeof *ri);
    for (size_t i = 0; i < PK_ARRAY_LEN(names); i++) {
        fill_info(ri, names[i][0], names[i][1], names[i][2]);
        render_check(ri, 384, i == 1);
        render_check(ri, 576, i == 2);
    }
    free(ri);
}

/* Every procedure of the shipped catalog (data/procedures.csv, read with
 * the catalog reader), with all its documents, at both widths, in both
 * languages. */
TEST(receipt, test_render_catalog, "every catalog procedure fits both widths")
{
    procedure *procs = NULL;
    int n = 0;
    char err[200];
    CU_ASSERT_EQUAL_FATAL(catalog_read_procedures("data/procedures.csv", &procs, &n, NULL, err, sizeof err),
                          PK_OK);
    CU_ASSERT(n >= 40);
    receipt_info *ri = xmalloc(sizeof *ri);
    for (int i = 0; i < n; i++) {
        const procedure *p = &procs[i];
        for (int en = 0; en < 2; en++) {
            fill_info(ri, p->name_vi, en ? p->name_en : "", p->agency);
            str_copy(ri->proc_code, sizeof ri->proc_code, p->code);
            ri->ndocs = p->ndocs;
            for (int k = 0; k < p->ndocs; k++) {
                str_copy(ri->docs[k].name, sizeof ri->docs[k].name, p->docs[k].name_vi);
                str_copy(ri->docs[k].gloss, sizeof ri->docs[k].gloss, en ? p->docs[k].name_en : "");
                ri->docs[k].kind = p->docs[k].kind;
            }
            render_check(ri, en ? 576 : 384, false);
            render_check(ri, en ? 384 : 576, false);
        }
    }
    free(ri);
    free(procs);
}

TEST(receipt, test_sample_and_reprint, "sample watermark and reprint banner")
{
    receipt_info *ri = xmalloc(sizeof *ri);
    fill_info(ri, "Đăng ký khai tử", "", "UBND cấp xã");
    long plain = render_check(ri, 384, false);
    ri->sample = true;
    long sample = render_check(ri, 384, true);   /* QR still scans under the mark */
    CU_ASSERT(sample > plain + 20000);
    canvas *c;
    char *txt;
    CU_ASSERT_EQUAL(receipt_render(ri, fonts, 576, &c, &txt), PK_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, _("SAMPLE - not valid")));
    /* Banners top and bottom make the sample longer. */
    ri->sample = false;
    canvas *c0;
    CU_ASSERT_EQUAL(receipt_render(ri, fonts, 576, &c0, NULL), PK_OK);
    CU_ASSERT(c->height > c0->height + 80);
    free(txt);
    canvas_free(c);
    canvas_free(c0);

    ri->reprint = true;
    ri->printed_at = 1764100000;
    CU_ASSERT_EQUAL(receipt_render(ri, fonts, 384, &c, &txt), PK_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, _("REPRINT")));
    CU_ASSERT_PTR_NULL(strstr(txt, _("SAMPLE - not valid")));
    free(txt);
    canvas_free(c);
    free(ri);
}

/* What happens next depends on the service form. */
TEST(receipt, test_service_forms, "next steps and guarantee per service form")
{
    receipt_info *ri = xmalloc(sizeof *ri);
    fill_info(ri, "Cấp Căn cước", "", "Công an tỉnh");
    const char *send = "Bring your documents to the counter";
    const char *deliver = "Your result will be delivered by post";
    const char *ret = "confirm the return by post";
    struct { service_form f; bool s, d, r; } cases[] = {
        {FORM_SEND, true, false, false}, {FORM_BOTH, true, true, false}, {FORM_RETURN, false, false, true}};
    for (size_t i = 0; i < PK_ARRAY_LEN(cases); i++) {
        ri->form = cases[i].f;
        canvas *c;
        char *txt;
        CU_ASSERT_EQUAL_FATAL(receipt_render(ri, fonts, 384, &c, &txt), PK_OK);
        CU_ASSERT_EQUAL(strstr(txt, send) != NULL, cases[i].s);
        CU_ASSERT_EQUAL(strstr(txt, deliver) != NULL, cases[i].d);
        CU_ASSERT_EQUAL(strstr(txt, ret) != NULL, cases[i].r);
        CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Article 14"));
        CU_ASSERT_PTR_NOT_NULL(strstr(txt, "SMS updates: 09******78"));
        free(txt);
        canvas_free(c);
    }
    free(ri);
}

/* The whole path: receipt -> file printer -> QR read back from the PNG and
 * from the GS v 0 raster in the .escpos -> verified. */
TEST(receipt, test_receipt_roundtrip, "QR from PNG and ESC/POS raster verifies")
{
    char *spec = xasprintf("file:%s/out", dir);
    printer *p;
    char msg[160];
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "80mm", &p, msg, sizeof msg), PK_OK);
    receipt_info *ri = xmalloc(sizeof *ri);
    fill_info(ri, "Đăng ký thường trú", "Permanent residence registration", "Công an xã");
    canvas *c;
    char *txt;
    CU_ASSERT_EQUAL_FATAL(receipt_render(ri, printer_fonts(p), printer_width_dots(p), &c, &txt),
                          PK_OK);
    CU_ASSERT_EQUAL(printer_print(p, ri->ref, c, txt, msg, sizeof msg), PK_OK);
    char *png = xasprintf("%s/out/%s.png", dir, ri->ref);
    char *esc = xasprintf("%s/out/%s.escpos", dir, ri->ref);
    char *dec = pkt_zbar_png(png);
    char ref[PK_REF_MAX];
    CU_ASSERT_PTR_NOT_NULL(dec);
    if (dec) {
        CU_ASSERT_STRING_EQUAL(dec, ri->qr);
        CU_ASSERT_EQUAL(receipt_verify(&cfg, dec, ref, sizeof ref, NULL), PK_OK);
        CU_ASSERT_STRING_EQUAL(ref, ri->ref);
    }
    free(dec);
    size_t len;
    unsigned char *bytes = pkt_slurp(esc, &len);
    pkt_stream s;
    CU_ASSERT_TRUE(bytes && pkt_parse_escpos(bytes, len, &s));
    CU_ASSERT_EQUAL(s.width, 576);
    CU_ASSERT_EQUAL(s.height, c->height);
    dec = s.bits ? pkt_zbar_bits(s.bits, s.width, s.height) : NULL;
    CU_ASSERT_PTR_NOT_NULL(dec);
    if (dec)
        CU_ASSERT_EQUAL(receipt_verify(&cfg, dec, ref, sizeof ref, NULL), PK_OK);
    free(dec);
    pkt_stream_free(&s);
    free(bytes);
    free(png);
    free(esc);
    free(txt);
    canvas_free(c);
    free(ri);
    printer_close(p);
    free(spec);
}

TEST(receipt, test_test_page, "print-test page: QR, TCVN-3 text, tear-off")
{
    char *spec = xasprintf("file:%s/tp", dir);
    printer *p;
    char msg[160] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "58mm,tcvn3=yes,cutter=no", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_test_page(p, &cfg, spec, msg, sizeof msg), PK_OK);
    char *cmd = xasprintf("ls %s/tp/test-*.png", dir);
    FILE *pp = popen(cmd, "r");
    char path[600] = "";
    if (pp) {
        if (!fgets(path, sizeof path, pp))
            path[0] = '\0';
        pclose(pp);
    }
    path[strcspn(path, "\n")] = '\0';
    char *dec = pkt_zbar_png(path);
    CU_ASSERT_PTR_NOT_NULL(dec);
    char ref[PK_REF_MAX];
    if (dec)
        CU_ASSERT_EQUAL(receipt_verify(&cfg, dec, ref, sizeof ref, NULL), PK_OK);
    free(dec);
    /* The .escpos has the raster, then TCVN-3 text, then a tear-off feed. */
    strcpy(path + strlen(path) - 3, "escpos");
    size_t len;
    unsigned char *b = pkt_slurp(path, &len);
    pkt_stream s;
    CU_ASSERT_TRUE(b && pkt_parse_escpos(b, len, &s));
    CU_ASSERT(s.text > 100);
    CU_ASSERT_EQUAL(s.cuts, 0);
    CU_ASSERT(s.feeds >= 6);
    CU_ASSERT(memmem(b, len, "\x1b\x74\x1e", 3) != NULL);
    CU_ASSERT(memmem(b, len, "\x1b\x74\x1f", 3) != NULL);
    pkt_stream_free(&s);
    free(b);
    free(cmd);
    printer_close(p);
    free(spec);
}

SUITE(receipt, setup, teardown);
