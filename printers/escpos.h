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
} printer_profile;

/* Fills *out from a profile spec: "58mm", "80mm", optionally followed by
 * comma-separated overrides, e.g. "80mm,cutter=no,native_qr=yes,tcvn3=no,
 * band=128,feed=5,width=512", or the short flags cut/nocut, qr/noqr,
 * tcvn3/notcvn3 ("58mm,nocut,tcvn3" fits config.h's printer_profile).
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

#endif
