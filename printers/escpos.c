/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ESC/POS encoder. Byte values and their sources: ../shared/ESCPOS.md. */
#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "escpos.h"

static void put(sbuf *b, const unsigned char *bytes, size_t n)
{
    sbuf_addn(b, (const char *)bytes, n);
}

static void put1(sbuf *b, int v)
{
    unsigned char c = (unsigned char)v;
    put(b, &c, 1);
}

static const printer_profile builtin[] = {
    {.name = "58mm", .width_dots = 384, .cutter = true, .band_rows = 255, .feed_lines = 4,
     .confirm_s = 15},
    {.name = "80mm", .width_dots = 576, .cutter = true, .band_rows = 255, .feed_lines = 4,
     .confirm_s = 15},
};

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on")) {
        *out = true;
        return true;
    }
    if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "off")) {
        *out = false;
        return true;
    }
    return false;
}

static bool parse_int(const char *v, int lo, int hi, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi)
        return false;
    *out = (int)n;
    return true;
}

static bool apply_option(printer_profile *p, char *opt)
{
    /* Short flags keep a profile within config.h's 32 characters. */
    static const struct {
        const char *flag;
        size_t off;
        bool val;
    } flags[] = {
        {"cut", offsetof(printer_profile, cutter), true},
        {"nocut", offsetof(printer_profile, cutter), false},
        {"qr", offsetof(printer_profile, native_qr), true},
        {"noqr", offsetof(printer_profile, native_qr), false},
        {"tcvn3", offsetof(printer_profile, tcvn3), true},
        {"notcvn3", offsetof(printer_profile, tcvn3), false},
        {"procid", offsetof(printer_profile, procid), true},
        {"noprocid", offsetof(printer_profile, procid), false},
    };
    for (size_t i = 0; i < PK_ARRAY_LEN(flags); i++)
        if (!strcmp(opt, flags[i].flag)) {
            *(bool *)((char *)p + flags[i].off) = flags[i].val;
            return true;
        }
    char *eq = strchr(opt, '=');
    if (!eq)
        return false;
    *eq = '\0';
    const char *k = opt, *v = eq + 1;
    if (!strcmp(k, "cutter"))
        return parse_bool(v, &p->cutter);
    if (!strcmp(k, "native_qr"))
        return parse_bool(v, &p->native_qr);
    if (!strcmp(k, "tcvn3"))
        return parse_bool(v, &p->tcvn3);
    if (!strcmp(k, "band"))
        return parse_int(v, 1, 255, &p->band_rows);
    if (!strcmp(k, "feed"))
        return parse_int(v, 0, 20, &p->feed_lines);
    if (!strcmp(k, "confirm"))
        return parse_int(v, 1, 120, &p->confirm_s);
    if (!strcmp(k, "width")) {
        int w;
        if (!parse_int(v, 128, 576, &w) || w % 8)
            return false;
        p->width_dots = w;
        return true;
    }
    return false;
}

bool escpos_profile_parse(const char *spec, printer_profile *out)
{
    *out = builtin[0];
    if (!spec || !*spec)
        return true;
    char buf[256];
    if (!str_copy(buf, sizeof buf, spec))
        return false;
    char *save = NULL;
    char *tok = strtok_r(buf, ",", &save);
    bool found = false;
    for (size_t i = 0; tok && i < PK_ARRAY_LEN(builtin); i++)
        if (!strcmp(tok, builtin[i].name)) {
            *out = builtin[i];
            found = true;
        }
    if (!found) {
        *out = builtin[0];
        return false;
    }
    while ((tok = strtok_r(NULL, ",", &save))) {
        if (!apply_option(out, tok)) {
            *out = builtin[0];
            return false;
        }
    }
    return true;
}

void escpos_init(sbuf *b)
{
    static const unsigned char seq[] = {0x1B, 0x40, 0x1C, 0x2E};
    put(b, seq, sizeof seq);
}

void escpos_align(sbuf *b, int n)
{
    const unsigned char seq[] = {0x1B, 0x61, (unsigned char)(n < 0 || n > 2 ? 0 : n)};
    put(b, seq, sizeof seq);
}

void escpos_raster(sbuf *b, const canvas *c, int y0, int y1, int band)
{
    if (band < 1 || band > 255)
        band = 255;
    if (y0 < 0)
        y0 = 0;
    if (y1 > c->height)
        y1 = c->height;
    for (int y = y0; y < y1; y += band) {
        int h = y1 - y < band ? y1 - y : band;
        const unsigned char hdr[] = {0x1D, 0x76, 0x30, 0,
                                     (unsigned char)(c->stride & 0xFF), (unsigned char)(c->stride >> 8),
                                     (unsigned char)(h & 0xFF), (unsigned char)(h >> 8)};
        put(b, hdr, sizeof hdr);
        put(b, c->bits + (size_t)y * (size_t)c->stride, (size_t)h * (size_t)c->stride);
    }
}

void escpos_feed(sbuf *b, int lines)
{
    if (lines <= 0)
        return;
    const unsigned char seq[] = {0x1B, 0x64, (unsigned char)(lines > 255 ? 255 : lines)};
    put(b, seq, sizeof seq);
}

void escpos_feed_dots(sbuf *b, int dots)
{
    while (dots > 0) {
        int n = dots > 255 ? 255 : dots;
        const unsigned char seq[] = {0x1B, 0x4A, (unsigned char)n};
        put(b, seq, sizeof seq);
        dots -= n;
    }
}

void escpos_cut(sbuf *b, const printer_profile *prof)
{
    if (prof->cutter) {
        escpos_feed(b, prof->feed_lines);
        static const unsigned char cut[] = {0x1D, 0x56, 66, 0};
        put(b, cut, sizeof cut);
    } else {
        /* No cutter: bring the end of the receipt past the tear bar. */
        escpos_feed(b, prof->feed_lines + 2);
    }
}

static void qr_block(sbuf *b, int fn, const unsigned char *params, size_t n)
{
    size_t len = n + 2;                 /* cn + fn + params */
    const unsigned char hdr[] = {0x1D, 0x28, 0x6B, (unsigned char)(len & 0xFF),
                                 (unsigned char)(len >> 8), 49, (unsigned char)fn};
    put(b, hdr, sizeof hdr);
    put(b, params, n);
}

void escpos_qr_native(sbuf *b, const char *data, int module)
{
    size_t n = strlen(data);
    if (n > 7089)
        n = 7089;
    if (module < 1)
        module = 1;
    if (module > 16)
        module = 16;
    const unsigned char model[] = {50, 0};
    const unsigned char size[] = {(unsigned char)module};
    const unsigned char ecc[] = {49};   /* M */
    qr_block(b, 65, model, sizeof model);
    qr_block(b, 67, size, sizeof size);
    qr_block(b, 69, ecc, sizeof ecc);
    unsigned char *store = xmalloc(n + 1);
    store[0] = 48;
    memcpy(store + 1, data, n);
    qr_block(b, 80, store, n + 1);
    free(store);
    const unsigned char print[] = {48};
    qr_block(b, 81, print, sizeof print);
}

/* TCVN-3 byte of a lowercase code point, 0 when there is none. */
static unsigned char tcvn3_lower(iconv_t cd, uint32_t cp)
{
    utf8proc_uint8_t in[4];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, in);
    char out[8];
    char *ip = (char *)in, *op = out;
    size_t il = (size_t)n, ol = sizeof out;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || op - out != 1)
        return 0;
    return (unsigned char)out[0];
}

void escpos_text_tcvn3(sbuf *b, const char *utf8)
{
    iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
    utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)utf8);
    const char *s = nfc ? (const char *)nfc : "";
    int page = -1;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        i += n > 0 ? (size_t)n : 1;
        if (n <= 0 || cp < 0x20 || cp == 0x7F) {
            if (n > 0 && cp == '\n')
                put1(b, '\n');
            else
                put1(b, '?');
            continue;
        }
        if (cp < 0x80) {
            put1(b, cp);
            continue;
        }
        utf8proc_int32_t lower = utf8proc_tolower(cp);
        bool upper = lower != cp;
        unsigned char byte = 0;
        if (cp == 0x0102)
            byte = 0xA1;                  /* Ă */
        else if (cp == 0x00C2)
            byte = 0xA2;                  /* Â */
        else if (cp == 0x0110)
            byte = 0xA7;                  /* Đ */
        else if (cd != (iconv_t)-1)
            byte = tcvn3_lower(cd, (uint32_t)lower);
        if (byte < 0x80) {                /* not a TCVN-3 letter */
            put1(b, '?');
            continue;
        }
        int want = upper ? 31 : 30;
        if (want != page) {
            const unsigned char sel[] = {0x1B, 0x74, (unsigned char)want};
            put(b, sel, sizeof sel);
            page = want;
        }
        put1(b, byte);
    }
    put1(b, '\n');
    free(nfc);
    if (cd != (iconv_t)-1)
        iconv_close(cd);
}

void escpos_document(sbuf *b, const canvas *c, const printer_profile *prof)
{
    escpos_document_text(b, c, prof, NULL);
}

void escpos_document_text(sbuf *b, const canvas *c, const printer_profile *prof,
                          const char *tcvn3_text)
{
    /* the raster rows, their band headers and the commands around them in
     * one allocation instead of a dozen doublings */
    sbuf_reserve(b, (size_t)c->stride * (size_t)c->height +
                        8 * (size_t)(c->height / 255 + 2) + 64 +
                        (tcvn3_text && prof->tcvn3 ? 2 * strlen(tcvn3_text) : 0) +
                        (c->qr_data ? strlen(c->qr_data) + 64 : 0));
    escpos_init(b);
    escpos_align(b, 1);
    if (prof->native_qr && c->qr_data && c->qr_h > 0) {
        escpos_raster(b, c, 0, c->qr_y, prof->band_rows);
        /* The symbol itself has no quiet zone: keep ours as paper feeds. */
        escpos_feed_dots(b, 4 * c->qr_module);
        escpos_qr_native(b, c->qr_data, c->qr_module);
        escpos_feed_dots(b, 4 * c->qr_module);
        escpos_raster(b, c, c->qr_y + c->qr_h, c->height, prof->band_rows);
    } else {
        escpos_raster(b, c, 0, c->height, prof->band_rows);
    }
    escpos_align(b, 0);
    if (tcvn3_text && prof->tcvn3)
        escpos_text_tcvn3(b, tcvn3_text);
    escpos_cut(b, prof);
}

bool escpos_status_valid(unsigned char reply)
{
    return (reply & 0x93) == 0x12;
}

printer_state escpos_status_decode(int r1, int r2, int r4)
{
    if (r1 < 0 && r2 < 0 && r4 < 0)
        return PST_UNKNOWN;
    if ((r4 >= 0 && (r4 & 0x60)) || (r2 >= 0 && (r2 & 0x20)))
        return PST_PAPER_OUT;
    if (r2 >= 0 && (r2 & 0x04))
        return PST_COVER_OPEN;
    if ((r1 >= 0 && (r1 & 0x08)) || (r2 >= 0 && (r2 & 0x40)))
        return PST_OFFLINE;
    if (r4 >= 0 && (r4 & 0x0C))
        return PST_PAPER_LOW;
    return PST_OK;
}

void escpos_confirm_init(escpos_confirm *cf, const printer_profile *prof, unsigned id)
{
    /* No '7' (0x37, the reply's header): a mismatch can then only restart
     * at the byte that broke it. */
    static const char digits[] = "012345689ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const unsigned base = sizeof digits - 1;
    memset(cf, 0, sizeof *cf);
    cf->procid = prof->procid;
    for (int i = 3; i >= 0; i--, id /= base)
        cf->id[i] = (unsigned char)digits[id % base];
}

void escpos_confirm_request(sbuf *b, const escpos_confirm *cf)
{
    if (cf->procid) {
        const unsigned char seq[] = {0x1D, 0x28, 0x48, 6, 0, 48, 48,
                                     cf->id[0], cf->id[1], cf->id[2], cf->id[3]};
        put(b, seq, sizeof seq);
    } else {
        static const unsigned char seq[] = {0x1D, 0x72, 1};
        put(b, seq, sizeof seq);
    }
}

escpos_confirm_result escpos_confirm_feed(escpos_confirm *cf, unsigned char byte)
{
    if (!cf->procid) {
        /* GS r 1: bits 4 and 7 are fixed to 0 (DLE EOT replies have bit 4
         * set); bits 0-1 paper near end, 2-3 paper end. */
        if (byte & 0x90)
            return ESCPOS_CONFIRM_WAIT;
        if (byte & 0x0C)
            return ESCPOS_CONFIRM_PAPER_OUT;
        return byte & 0x03 ? ESCPOS_CONFIRM_PAPER_LOW : ESCPOS_CONFIRM_OK;
    }
    const unsigned char want[7] = {0x37, 0x22, cf->id[0], cf->id[1], cf->id[2], cf->id[3], 0};
    if (byte != want[cf->matched])
        cf->matched = byte == want[0] ? 1 : 0;   /* 0x37 appears only at want[0] */
    else if (++cf->matched == 7) {
        cf->matched = 0;
        return ESCPOS_CONFIRM_OK;
    }
    return ESCPOS_CONFIRM_WAIT;
}
