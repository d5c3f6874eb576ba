/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Editing whole words with the input engine: Backspace by visible letter,
 * taking up a word already on screen (vnime_resume), a key typed inside a
 * word (vnime_edit_word, for the touch keyboard's tone keys and the cursor
 * moved back into a name). The key-by-key engine is in vnime.c; both work on
 * the same state through vnime_int.h. */
#include "vnime.h"
#include "vnime_int.h"

#include <string.h>
#include <utf8proc.h>

/* Start of the last grapheme cluster of s[0..len). */
static size_t last_grapheme(const char *s, size_t len)
{
    size_t from = len;
    while (from > 0 && (unsigned char)s[from - 1] >= 0x80)
        from--;
    if (from > 0)
        from--;                     /* the ASCII byte starts a cluster */
    size_t start = from, i = from;
    utf8proc_int32_t prev = -1, cp;
    utf8proc_int32_t state = 0;
    while (i < len) {
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            start = i;
            i++;
            prev = -1;
            continue;
        }
        if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state))
            start = i;
        prev = cp;
        i += (size_t)n;
    }
    return start;
}

/* Rebuilds the engine from a visible word w (which must be the end of the
 * text): keys that render to it, else the word kept as literal keys. */
static void restore_word(vnime *e, const char *w, size_t wl)
{
    vnime_reset(e);
    if (wl == 0 || e->method == IME_OFF)
        return;
    uint32_t keys[VNIME_RAW_MAX];
    int nk = vn_keys_for(e->method, w, wl, keys, VNIME_RAW_MAX);
    if (nk > 0) {
        memcpy(e->raw, keys, (size_t)nk * sizeof keys[0]);
        e->nraw = nk;
        char r[VN_RENDER_MAX];
        bool fb;
        size_t rl = vn_render(e, r, &fb);
        if ((rl == wl && memcmp(r, w, wl) == 0) || (!fb && vn_same_syllable(r, rl, w, wl))) {
            e->word_len = wl;
            return;
        }
    }
    /* literal: one key per code point */
    int n = 0;
    e->napplied = -1;
    memset(e->raw, 0, sizeof e->raw);  /* rare: the keys tried above go */
    e->raw[n++] = KEY_LITERAL;
    size_t i = 0;
    while (i < wl && n < VNIME_RAW_MAX) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(wl - i), &cp);
        if (k <= 0)
            break;
        e->raw[n++] = (uint32_t)cp;
        i += (size_t)k;
    }
    if (i < wl) {
        vnime_reset(e);
        return;
    }
    e->nraw = n;
    e->word_len = wl;
}

/* Start of the word at the end of text[0..len) (letters only), or len. */
static size_t trailing_word(const char *text, size_t len)
{
    size_t i = len;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)text[j] & 0xc0) == 0x80)
            j--;
        utf8proc_int32_t cp;
        if (utf8proc_iterate((const utf8proc_uint8_t *)text + j, (utf8proc_ssize_t)(i - j), &cp) <= 0)
            break;
        if (!vn_is_ascii_letter((uint32_t)cp) && !vn_is_letter((uint32_t)cp))
            break;
        i = j;
    }
    return i;
}

bool vnime_key_composes(const vnime *e, const char *text, size_t len, uint32_t key)
{
    if (e->method == IME_OFF || e->nraw == 0 || e->nraw >= VNIME_RAW_MAX || e->word_len == 0 ||
        e->word_len > len || !vn_valid_key(key) || key >= 0x80)
        return false;
    vnime t = *e;
    comp c;
    vn_build(&t, &c);
    /* a finished syllable with its tone: the query is complete */
    if (!c.literal && c.tone != TONE_NONE && vn_complete(c.l, c.n, c.tone))
        return false;
    t.raw[t.nraw++] = key;
    char r[VN_RENDER_MAX];
    bool fb;
    size_t rl = vn_render(&t, r, &fb);
    const char *w = text + len - e->word_len;
    return !(rl == e->word_len + 1 && memcmp(r, w, e->word_len) == 0 && r[rl - 1] == (char)key);
}

static bool word_letter(uint32_t cp)
{
    return vn_is_ascii_letter(cp) || vn_is_letter(cp);
}

void vnime_word_at(const char *text, size_t len, size_t pos, size_t *start, size_t *end)
{
    *start = *end = pos;
    if (pos > len)
        return;
    size_t i = pos;
    utf8proc_int32_t cp = 0;
    while (i < len) {
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0 || !word_letter((uint32_t)cp))
            break;
        i += (size_t)k;
    }
    /* a combining mark right after belongs to the last letter: no word */
    if (i < len && utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp) > 0 &&
        vn_is_combining((uint32_t)cp))
        return;
    *start = trailing_word(text, pos);
    *end = i;
}

void vnime_resume(vnime *e, const char *text, size_t len)
{
    if (e->nraw > 0 || e->method == IME_OFF)
        return;
    size_t ws, we;
    vnime_word_at(text, len, len, &ws, &we);
    if (we == len && ws < len)
        restore_word(e, text + ws, len - ws);
}

static size_t cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

static size_t cp_offset(const char *s, size_t n, size_t count)
{
    size_t i = 0;
    while (i < n && count > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
            i++;
        count--;
    }
    return i;
}

/* Letters shown by the first n keys of ks (the cursor after a key). */
static size_t letters_after(const vnime *e, const uint32_t *ks, int n)
{
    vnime p;
    vnime_init(&p, e->method, e->new_style);
    memcpy(p.raw, ks, (size_t)n * sizeof *ks);
    p.nraw = n;
    char r[VN_RENDER_MAX];
    bool fb;
    size_t rl = vn_render(&p, r, &fb);
    return cp_count(r, rl);
}

bool vnime_edit_word(ime_method m, bool new_style, const char *w, size_t wl, size_t at, uint32_t key, char *out,
                     size_t outsz, size_t *out_at)
{
    if (m == IME_OFF || wl == 0 || at > wl || (key && !vn_valid_key(key)))
        return false;
    uint32_t keys[VNIME_RAW_MAX];
    int starts[VNIME_RAW_MAX + 1], toned;
    int nk = vn_word_keys(m, w, wl, keys, VNIME_RAW_MAX - 2, starts, &toned);
    if (nk <= 0)
        return false;
    size_t nl = cp_count(w, wl), li = cp_count(w, at);
    bool has_tone = nk > starts[nl];
    vnime e;
    vnime_init(&e, m, new_style);
    /* the keys must give the word back, else it was typed some other way
     * ("Mary" with typing off) and is edited as plain text */
    memcpy(e.raw, keys, (size_t)nk * sizeof *keys);
    e.nraw = nk;
    char r[VN_RENDER_MAX];
    bool fb;
    size_t rl = vn_render(&e, r, &fb);
    if (fb || rl != wl || memcmp(r, w, wl) != 0)
        return false;
    size_t cur;
    if (key) {
        int s = starts[li];
        /* typed on the word without its tone: a key that gives a tone
         * replaces the old one ("Nguyễn", s after the ê: "Nguyến") */
        int base = has_tone ? nk - 1 : nk;
        e.napplied = -1;
        memcpy(e.raw, keys, (size_t)s * sizeof *keys);
        e.raw[s] = key;
        memcpy(e.raw + s + 1, keys + s, (size_t)(base - s) * sizeof *keys);
        e.nraw = base + 1;
        comp c;
        vn_build(&e, &c);
        if (has_tone && c.tone == TONE_NONE)
            e.raw[e.nraw++] = keys[nk - 1];
        cur = letters_after(&e, e.raw, s + 1);
    } else {
        if (li == 0)
            return false;
        int a = starts[li - 1], b = starts[li];
        int n = 0;
        e.napplied = -1;
        for (int i = 0; i < nk; i++) {
            bool tone_key = has_tone && i == nk - 1;
            if ((i >= a && i < b) || (tone_key && toned == (int)li - 1))
                continue;
            e.raw[n++] = keys[i];
        }
        e.nraw = n;
        cur = li - 1;
    }
    if (e.nraw == 0) {
        out[0] = '\0';
        *out_at = 0;
        return outsz > 0;
    }
    rl = vn_render(&e, r, &fb);
    if (fb || rl + 1 > outsz)
        return false;
    memcpy(out, r, rl + 1);
    *out_at = cp_offset(r, rl, cur);
    return true;
}

void vnime_backspace_len(vnime *e, char *text, size_t *len, size_t textsz)
{
    if (e->word_len > *len)
        vnime_reset(e);
    if (e->nraw > 0 && e->word_len > 0) {
        char r[VN_RENDER_MAX];
        bool fb;
        vn_render(e, r, &fb);
        if (fb) {
            /* shown as typed: drop the last key with the marks typed after it */
            e->napplied = -1;
            while (e->nraw > 0 && vn_is_combining(e->raw[e->nraw - 1]))
                e->raw[--e->nraw] = 0;
            if (e->nraw > 0)
                e->raw[--e->nraw] = 0;
            if (e->nraw == 0) {
                *len -= e->word_len;
                text[*len] = '\0';
                vnime_reset(e);
                return;
            }
            if (vn_splice_word(e, text, len, textsz))
                return;
        }
    }
    if (*len == 0)
        return;
    *len = last_grapheme(text, *len);
    text[*len] = '\0';
    if (e->method == IME_OFF) {
        vnime_reset(e);
        return;
    }
    size_t ws = trailing_word(text, *len);
    restore_word(e, text + ws, *len - ws);
    /* the keys may place the tone elsewhere ("hoàn" -> "hòa") */
    if (e->nraw > 0 && e->raw[0] != KEY_LITERAL && !vn_splice_word(e, text, len, textsz))
        vnime_reset(e);
}

void vnime_backspace(vnime *e, char *text, size_t textsz)
{
    if (!text || textsz == 0)
        return;
    size_t len = strnlen(text, textsz);
    if (len >= textsz)
        return;
    vnime_backspace_len(e, text, &len, textsz);
}
