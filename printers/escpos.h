/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ESC/POS byte encoder (../shared/ESCPOS.md): initialisation, GS v 0 raster
 * bands, feeds, cut or tear-off, native QR (GS ( k), TCVN-3 text, and the
 * parsing of DLE EOT status replies. Pure functions over byte buffers. */
#ifndef PK_ESCPOS_H
#define PK_ESCPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "printer.h"
#include "util.h"

/* What a printer model can do. Built in: "58mm" (384 dots) and "80mm"
 * (576 dots), both with a cutter, raster QR, no text code page. */
typedef struct printer_profile {
    char name[32];
    int width_dots;        /* 384 | 576 (any multiple of 8 up to 576) */
    bool cutter;           /* GS V 66 0; else a tear-off feed */
    bool native_qr;        /* GS ( k proven on this model */
    bool tcvn3;            /* ESC t 30 / 31 proven on this model */
    int band_rows;         /* rows per GS v 0 command, 1..255 (default 255) */
    int feed_lines;        /* lines fed before the cut / tear bar (default 4) */
    bool procid;           /* confirm jobs with GS ( H fn 48 (Epson TM) instead of GS r 1 */
    int confirm_s;         /* seconds to wait for a job's confirmation (default 15) */
} printer_profile;

/* Fills *out from a profile spec: "58mm", "80mm", optionally followed by
 * comma-separated overrides, e.g. "80mm,cutter=no,native_qr=yes,tcvn3=no,
 * band=128,feed=5,width=512,confirm=30", or the short flags cut/nocut,
 * qr/noqr, tcvn3/notcvn3, procid/noprocid ("58mm,nocut,tcvn3" fits
 * config.h's printer_profile). confirm is 1..120 seconds.
 * false (out = 58mm defaults) when unknown. */
bool escpos_profile_parse(const char *spec, printer_profile *out);

/* ESC @ then FS . (cancels the Chinese double-byte mode of many clones). */
void escpos_init(sbuf *b);
/* ESC a n: 0 left, 1 centre, 2 right. */
void escpos_align(sbuf *b, int n);
/* Rows [y0, y1) of the canvas as GS v 0 commands of at most band rows. */
void escpos_raster(sbuf *b, const canvas *c, int y0, int y1, int band);
/* ESC d n (n capped at 255). */
void escpos_feed(sbuf *b, int lines);
/* ESC J n: feed exactly this many dots (in steps of at most 255). */
void escpos_feed_dots(sbuf *b, int dots);
/* Feed then GS V 66 0 (partial cut) with a cutter; a longer tear-off feed
 * without one. */
void escpos_cut(sbuf *b, const printer_profile *prof);
/* GS ( k: model 2, module size, ECC M, store data, print. */
void escpos_qr_native(sbuf *b, const char *data, int module);
/* UTF-8 text in TCVN-3: lowercase via ESC t 30 and iconv TCVN5712-1,
 * uppercase via ESC t 31 with the lowercase byte except Ă A1, Â A2, Đ A7.
 * Unmappable characters print as '?'. Ends with a newline. */
void escpos_text_tcvn3(sbuf *b, const char *utf8);

/* The whole document for a profile: init, raster (or raster + native QR
 * + raster), feed and cut. */
void escpos_document(sbuf *b, const canvas *c, const printer_profile *prof);
/* The same, with tcvn3_text printed in TCVN-3 text mode after the raster
 * when the profile has tcvn3 (the test page proves the code page). */
void escpos_document_text(sbuf *b, const canvas *c, const printer_profile *prof,
                          const char *tcvn3_text);

/* ---- status (DLE EOT n) ---------------------------------------------- */
#define ESCPOS_DLE_EOT 0x10, 0x04
/* A valid reply matches 0xx1xx10: (b & 0x93) == 0x12. */
bool escpos_status_valid(unsigned char reply);
/* Combines the replies to DLE EOT 1, 2 and 4 (negative = no reply) into a
 * state: paper out, cover open, offline/error, paper low, ok. */
printer_state escpos_status_decode(int r1, int r2, int r4);

/* ---- job confirmation (README, "Printer") ---------------------------- */
/* "Printed" means the printer answered a request sent after the job's
 * bytes, one it processes only after everything before it (unlike DLE EOT,
 * answered at once even mid-buffer):
 *  - GS r 1 (transmit paper sensor status): Epson TM and the clones; one
 *    byte with bits 4 and 7 clear, so never taken for a DLE EOT reply;
 *  - GS ( H fn 48 (process ID response, Epson TM with the profile's
 *    procid): "37 22 id1 id2 id3 id4 00", sent when the printing is done. */
typedef struct {
    bool procid;
    unsigned char id[4];   /* procid: 0x20..0x7E each */
    int matched;           /* procid: bytes of the reply matched so far */
} escpos_confirm;

typedef enum {
    ESCPOS_CONFIRM_WAIT = 0,    /* need more bytes */
    ESCPOS_CONFIRM_OK,          /* the job is processed */
    ESCPOS_CONFIRM_PAPER_LOW,   /* processed; the roll is nearly finished */
    ESCPOS_CONFIRM_PAPER_OUT,   /* the paper ran out: not a whole receipt */
} escpos_confirm_result;

/* Sets up cf for the profile; id (any number) becomes 4 characters. */
void escpos_confirm_init(escpos_confirm *cf, const printer_profile *prof, unsigned id);
/* The request to append after the job. */
void escpos_confirm_request(sbuf *b, const escpos_confirm *cf);
/* Feeds one received byte; stray bytes (DLE EOT replies, other IDs) are
 * skipped. */
escpos_confirm_result escpos_confirm_feed(escpos_confirm *cf, unsigned char byte);

#endif
