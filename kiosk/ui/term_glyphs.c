/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Linux console font: which characters it can draw (the generated
 * consolefont_table.h) and the ASCII stand-ins for the rest. */
#include "term.h"
#include "term_private.h"

#include <wchar.h>

#include "consolefont_table.h"
#include "util.h"

bool term_has_glyph(uint32_t cp)
{
    if (!term_on_console() || cp < 0x80)
        return true;
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
    default: return '?';
    }
}
