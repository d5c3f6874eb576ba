/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Linux console font: which characters it can draw (the generated
 * consolefont_table.h) and the ASCII stand-ins for the rest. */
#include "term.h"
#include "term_private.h"

#include <errno.h>
#include <linux/kd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <utf8proc.h>
#include <wchar.h>

#include "consolefont_table.h"
#include "util.h"

/* The font the console has loaded, when known; else the kiosk's own. */
static struct {
    uint32_t *cps;
    size_t n;
    /* the console's table as the last probe read it: a frame whose probe
     * reads the same table keeps the sorted copy (each frame asks) */
    struct unipair *raw;
    size_t raw_n;
} loaded;

static int cmp_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

void term_console_font(const uint32_t *cps, size_t n)
{
    free(loaded.cps);
    loaded.cps = NULL;
    loaded.n = 0;
    free(loaded.raw);
    loaded.raw = NULL;
    loaded.raw_n = 0;
    if (!cps || n == 0)
        return;
    loaded.cps = xcalloc(n, sizeof *loaded.cps);
    memcpy(loaded.cps, cps, n * sizeof *cps);
    qsort(loaded.cps, n, sizeof *loaded.cps, cmp_cp);
    loaded.n = n;
}

void term_console_probe(int fd)
{
    /* a console font maps at most a few thousand code points */
    unsigned short want = 4096;
    for (int tries = 0; tries < 2; tries++) {
        struct unipair *pairs = xcalloc(want, sizeof *pairs);
        struct unimapdesc ud = {.entry_ct = want, .entries = pairs};
        if (ioctl(fd, GIO_UNIMAP, &ud) == 0) {
            if (loaded.cps && loaded.raw && ud.entry_ct == loaded.raw_n &&
                memcmp(pairs, loaded.raw, ud.entry_ct * sizeof *pairs) == 0) {
                free(pairs);   /* the same font as the last frame's */
                return;
            }
            uint32_t *cps = xcalloc(ud.entry_ct ? ud.entry_ct : 1, sizeof *cps);
            for (size_t i = 0; i < ud.entry_ct; i++)
                cps[i] = pairs[i].unicode;
            term_console_font(cps, ud.entry_ct);
            free(cps);
            loaded.raw = pairs;
            loaded.raw_n = ud.entry_ct;
            return;
        }
        bool bigger = errno == ENOMEM && ud.entry_ct > want;
        want = ud.entry_ct;
        free(pairs);
        if (!bigger)
            return;   /* not a virtual console (TERM=linux over ssh): the kiosk's font */
    }
}

bool term_has_glyph(uint32_t cp)
{
    if (!term_on_console() || cp < 0x80)
        return true;
    if (loaded.cps)
        return bsearch(&cp, loaded.cps, loaded.n, sizeof cp, cmp_cp) != NULL;
    if (cp > 0xFFFF)
        return false;
    size_t lo = 0, hi = PK_ARRAY_LEN(console_glyphs);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (console_glyphs[mid] == cp)
            return true;
        if (console_glyphs[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* The ASCII stand-in for a character the console font lacks: one column,
 * like the character it replaces. */
wchar_t term_console_ascii(wchar_t wc)
{
    switch (wc) {
    case 0x2713: case 0x2714: case 0x2611: return 'v';    /* ✓ ✔ ☑ */
    case 0x2717: case 0x2718: case 0x2612: return 'x';    /* ✗ ✘ ☒ */
    case 0x232B: return '<';                              /* ⌫ */
    case 0x2580: return '"';                              /* ▀ */
    case 0x2584: return '_';                              /* ▄ */
    case 0x258C: case 0x2590: return '|';                 /* ▌ ▐ */
    case 0x25CB: case 0x25EF: return 'o';                 /* ○ ◯ */
    case 0x25A1: case 0x2610: return '#';                 /* □ ☐ */
    case 0x20AB: return 'd';                              /* ₫ */
    case 0x2605: case 0x2606: return '*';                 /* ★ ☆ */
    case 0x25B8: case 0x25B9: return '>';                 /* ▸ ▹ */
    case 0x25C2: case 0x25C3: return '<';                 /* ◂ ◃ */
    case 0x0110: return 'D';                              /* Đ */
    case 0x0111: return 'd';                              /* đ */
    default: break;
    }
    /* a letter with marks the font lacks: the letter (ử as u) */
    utf8proc_int32_t dec[4];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)wc, dec, 4, UTF8PROC_DECOMPOSE, &last);
    if (n > 1 && n <= 4 && dec[0] > 0x20 && dec[0] < 0x7f)
        return (wchar_t)dec[0];
    return '?';
}
