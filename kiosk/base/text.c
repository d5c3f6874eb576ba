/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UTF-8 text on top of utf8proc: validation, NFC, columns, graphemes,
 * search folding and the Vietnamese sort key. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"

typedef utf8proc_int32_t cp_t;

bool text_valid_utf8(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        cp_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0 || c < 0)
            return false;
        i += (size_t)n;
    }
    return true;
}

bool text_has_control(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            return true;
        /* C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8 */
        if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return true;
    }
    return false;
}

char *text_nfc(const char *in)
{
    if (!in || !text_valid_utf8(in, strlen(in)))
        return NULL;
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        free(out);
        return NULL;
    }
    return (char *)out;
}

/* The five Vietnamese tones as combining marks (NFD): grave, acute,
 * tilde, hook above, dot below. The letters' own marks (breve,
 * circumflex, horn) are not tones and stay. */
static bool is_tone_mark(utf8proc_int32_t c)
{
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

bool text_strip_tones(const char *in, char *out, size_t outsz)
{
    if (!in || !text_valid_utf8(in, strlen(in)) || outsz == 0)
        return false;
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in, 0, &d,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
    if (n < 0) {
        free(d);
        return false;
    }
    size_t k = 0;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t len = utf8proc_iterate(d + i, n - i, &c);
        if (len <= 0)
            break;
        if (!is_tone_mark(c)) {
            memmove(d + k, d + i, (size_t)len);
            k += (size_t)len;
        }
        i += len;
    }
    d[k] = '\0';
    bool ok = text_nfc_buf((const char *)d, out, outsz);
    free(d);
    return ok;
}

bool text_nfc_buf(const char *in, char *out, size_t outsz)
{
    char *n = text_nfc(in);
    if (!n) {
        if (outsz)
            out[0] = '\0';
        return false;
    }
    bool ok = str_copy(out, outsz, n);
    free(n);
    return ok;
}

/* Length of a white-space character at p (ASCII space/tab/newline, NBSP and
 * other Unicode space separators), 0 when p is not white space. */
static size_t space_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c < 0x80)
        return 0;
    cp_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
    if (n <= 0 || cp < 0)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ? (size_t)n : 0;
}

void text_squeeze(char *s)
{
    char *w = s;
    const char *r = s;
    bool pending = false;
    while (*r) {
        size_t n = space_len(r);
        if (n) {
            pending = w != s;
            r += n;
            continue;
        }
        if (pending)
            *w++ = ' ';
        pending = false;
        *w++ = *r++;
    }
    *w = '\0';
}

/* One grapheme starting at s[pos] (pos < len): returns its end and adds
 * its width in columns. An invalid byte counts as one column on its own. */
static size_t grapheme_end(const char *s, size_t len, size_t pos, int *width)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    cp_t prev = -1;
    utf8proc_int32_t state = 0;
    size_t i = pos;
    int w = 0;
    while (i < len) {
        cp_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0 || c < 0) {
            if (prev < 0) {   /* invalid byte: a grapheme of its own */
                i++;
                w = 1;
            }
            break;
        }
        if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, c, &state))
            break;
        int cw = utf8proc_charwidth(c);
        if (cw > 0)
            w += cw;
        prev = c;
        i += (size_t)n;
    }
    if (width)
        *width += w;
    return i;
}

int text_width(const char *s)
{
    size_t len = strlen(s), i = 0;
    int w = 0;
    while (i < len)
        i = grapheme_end(s, len, i, &w);
    return w;
}

size_t text_fit(const char *s, int cols)
{
    size_t len = strlen(s), i = 0;
    int w = 0;
    while (i < len) {
        int gw = 0;
        size_t e = grapheme_end(s, len, i, &gw);
        if (w + gw > cols)
            break;
        w += gw;
        i = e;
    }
    return i;
}

/* Longest grapheme-bounded prefix of s[0..n) with at most max bytes. */
static size_t fit_bytes(const char *s, size_t n, size_t max)
{
    size_t i = 0;
    while (i < n) {
        size_t e = grapheme_end(s, n, i, NULL);
        if (e > max)
            break;
        i = e;
    }
    return i;
}

void text_truncate(const char *s, int cols, char *out, size_t outsz)
{
    static const char ell[] = "\xE2\x80\xA6";   /* U+2026, one column */
    if (outsz == 0)
        return;
    out[0] = '\0';
    if (cols <= 0)
        return;
    size_t len = strlen(s);
    size_t n = text_fit(s, cols);
    if (n == len && len < outsz) {
        memcpy(out, s, len + 1);
        return;
    }
    if (outsz <= sizeof ell - 1)
        return;
    n = text_fit(s, cols - 1);
    n = fit_bytes(s, n, outsz - sizeof ell);
    /* do not leave a space just before the ellipsis */
    while (n > 0 && s[n - 1] == ' ')
        n--;
    memcpy(out, s, n);
    memcpy(out + n, ell, sizeof ell);
}

int text_wrap(const char *s, int cols, size_t *starts, size_t *lens, int maxlines)
{
    size_t len = strlen(s), p = 0;
    int nl = 0;
    if (cols < 1)
        cols = 1;
    while (p < len && (starts == NULL || nl < maxlines)) {
        while (p < len && s[p] == ' ')
            p++;
        if (p >= len)
            break;
        size_t i = p, brk = 0, end;
        int w = 0;
        bool hard = false;
        for (;;) {
            if (i >= len) {
                end = len;
                break;
            }
            if (s[i] == '\n') {
                end = i;
                hard = true;
                break;
            }
            if (s[i] == ' ')
                brk = i;
            int gw = 0;
            size_t e = grapheme_end(s, len, i, &gw);
            if (w + gw > cols && s[i] != ' ') {
                if (brk > p)
                    end = brk;
                else
                    end = i > p ? i : e;   /* at least one grapheme per line */
                break;
            }
            w += gw;
            i = e;
        }
        size_t l = end - p;
        while (l > 0 && s[p + l - 1] == ' ')
            l--;
        if (starts) {
            starts[nl] = p;
            lens[nl] = l;
        }
        nl++;
        p = hard ? end + 1 : end;
        /* a blank line between two hard breaks is a line of its own */
        while (hard && p < len && s[p] == '\n' && (starts == NULL || nl < maxlines)) {
            if (starts) {
                starts[nl] = p;
                lens[nl] = 0;
            }
            nl++;
            p++;
        }
    }
    return nl;
}

size_t text_prev_grapheme(const char *s, size_t pos)
{
    size_t i = 0, last = 0;
    while (i < pos) {
        last = i;
        i = grapheme_end(s, pos, i, NULL);
    }
    return pos - last;
}

/* ---- folding and collation -------------------------------------------- */

/* Decomposes s (NFD, no case change) into a malloc'ed code point array.
 * Invalid bytes become U+FFFD. */
static cp_t *decompose(const char *s, size_t *count)
{
    size_t len = strlen(s), cap = len * 4 + 8, n = 0, i = 0;
    cp_t *buf = xmalloc(cap * sizeof *buf);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (i < len) {
        cp_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0 || c < 0) {
            c = 0xFFFD;
            k = 1;
        }
        i += (size_t)k;
        int last = 0;
        for (;;) {
            utf8proc_ssize_t m = utf8proc_decompose_char(c, buf + n, (utf8proc_ssize_t)(cap - n),
                                                         UTF8PROC_DECOMPOSE, &last);
            if (m < 0) {
                m = 0;
            } else if ((size_t)m > cap - n) {
                cap = cap * 2 + (size_t)m;
                buf = xrealloc(buf, cap * sizeof *buf);
                continue;
            }
            n += (size_t)m;
            break;
        }
    }
    /* canonical ordering of marks (so the tone and the hat compare alike) */
    utf8proc_ssize_t r = utf8proc_normalize_utf32(buf, (utf8proc_ssize_t)n, UTF8PROC_DECOMPOSE);
    *count = r < 0 ? n : (size_t)r;
    return buf;
}

static bool is_mark(cp_t c)
{
    int cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
           cat == UTF8PROC_CATEGORY_ME;
}

static bool is_alnum(cp_t c)
{
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

static void add_cp(sbuf *b, cp_t c)
{
    utf8proc_uint8_t u[4];
    utf8proc_ssize_t n = utf8proc_encode_char(c, u);
    sbuf_addn(b, (const char *)u, (size_t)n);
}

/* i and y written either way after a consonant, as the sole vowel of the
 * syllable (Lý = Lí, Kỳ = Kì, Mỹ = Mĩ, quý = quí): y folds to i. Not in
 * ay, uy, yê (tay, Huy, yêu are other words or fixed spellings). */
static void fold_iy(char *f)
{
    for (char *w = f; *w;) {
        size_t n = strcspn(w, " ");
        bool cons = n >= 2 && w[n - 1] == 'y';
        for (size_t i = 0; cons && i + 1 < n; i++)
            cons = w[i] >= 'a' && w[i] <= 'z' && !strchr("aeiouy", w[i]);
        if (cons || (n == 3 && memcmp(w, "quy", 3) == 0))
            w[n - 1] = 'i';
        w += n;
        while (*w == ' ')
            w++;
    }
}

char *text_fold(const char *s)
{
    size_t n;
    cp_t *cps = decompose(s, &n);
    sbuf b = {0};
    bool gap = false;
    for (size_t i = 0; i < n; i++) {
        cp_t c = cps[i];
        if (is_mark(c))
            continue;
        if (!is_alnum(c)) {
            gap = b.len > 0;
            continue;
        }
        c = utf8proc_tolower(c);
        if (c == 0x0111)        /* đ has no decomposition: fold it by hand */
            c = 'd';
        if (gap)
            sbuf_addn(&b, " ", 1);
        gap = false;
        /* full case folding may expand (ß -> ss); fold through utf8proc */
        utf8proc_uint8_t *f = NULL;
        utf8proc_uint8_t u[5] = {0};
        utf8proc_encode_char(c, u);
        if (utf8proc_map(u, 0, &f, UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD |
                                       UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) >= 0 && f)
            sbuf_add(&b, (const char *)f);
        else
            add_cp(&b, c);
        free(f);
    }
    free(cps);
    if (b.data)
        fold_iy(b.data);
    return b.data ? b.data : xstrdup("");
}

/* Primary weights: separator < digits < the Vietnamese alphabet (with the
 * Latin letters f j w z in their usual places) < anything else. */
enum { W_SEP = 0x21, W_DIGIT = 0x30, W_LETTER = 0x41, W_OTHER = 0x7B, W_LEVEL = 0x01 };

static const char viet_order[] = "a\x01\x02" "bcd\x03" "e\x04" "fghijklmno\x05\x06" "pqrstu\x07" "vwxyz";
/* \x01 ă, \x02 â, \x03 đ, \x04 ê, \x05 ô, \x06 ơ, \x07 ư */

static int letter_weight(int ch)
{
    const char *p = strchr(viet_order, ch);
    return p && ch ? W_LETTER + (int)(p - viet_order) : -1;
}

static int tone_of(cp_t m)
{
    switch (m) {
    case 0x0300: return 1;   /* huyền */
    case 0x0309: return 2;   /* hỏi */
    case 0x0303: return 3;   /* ngã */
    case 0x0301: return 4;   /* sắc */
    case 0x0323: return 5;   /* nặng */
    default: return 0;
    }
}

char *text_sort_key(const char *s)
{
    size_t n;
    cp_t *cps = decompose(s, &n);
    sbuf prim = {0}, tone = {0}, cas = {0};
    bool gap = false, in_word = false;
    int word_tone = 0;
    for (size_t i = 0; i < n;) {
        cp_t c = cps[i++];
        if (is_mark(c))
            continue;              /* stray mark with no base */
        int t = 0, modifier = 0;
        while (i < n && is_mark(cps[i])) {
            cp_t m = cps[i++];
            if (tone_of(m))
                t = tone_of(m);
            else if (m == 0x0306 || m == 0x0302 || m == 0x031B)
                modifier = m;
        }
        if (!is_alnum(c)) {
            if (in_word)
                sbuf_addf(&tone, "%c", '0' + word_tone);
            in_word = false;
            word_tone = 0;
            gap = prim.len > 0;
            continue;
        }
        if (gap)
            sbuf_addf(&prim, "%c", W_SEP);
        gap = false;
        in_word = true;
        if (t)
            word_tone = t;
        cp_t lc = utf8proc_tolower(c);
        sbuf_addf(&cas, "%c", lc != c ? '1' : '0');
        int ch = -1;
        if (lc == 0x0111) {
            ch = 0x03;
        } else if (lc < 0x80 && lc >= 'a' && lc <= 'z') {
            ch = (int)lc;
            if (lc == 'a' && modifier == 0x0306) ch = 0x01;
            else if (lc == 'a' && modifier == 0x0302) ch = 0x02;
            else if (lc == 'e' && modifier == 0x0302) ch = 0x04;
            else if (lc == 'o' && modifier == 0x0302) ch = 0x05;
            else if (lc == 'o' && modifier == 0x031B) ch = 0x06;
            else if (lc == 'u' && modifier == 0x031B) ch = 0x07;
        }
        if (lc >= '0' && lc <= '9')
            sbuf_addf(&prim, "%c", (int)(W_DIGIT + (lc - '0')));
        else if (ch >= 0 && letter_weight(ch) > 0)
            sbuf_addf(&prim, "%c", letter_weight(ch));
        else
            sbuf_addf(&prim, "%c%06X", W_OTHER, (unsigned)lc);
    }
    if (in_word)
        sbuf_addf(&tone, "%c", '0' + word_tone);
    free(cps);
    sbuf key = {0};
    sbuf_addn(&key, prim.data ? prim.data : "", prim.len);
    sbuf_addf(&key, "%c", W_LEVEL);
    sbuf_addn(&key, tone.data ? tone.data : "", tone.len);
    sbuf_addf(&key, "%c", W_LEVEL);
    sbuf_addn(&key, cas.data ? cas.data : "", cas.len);
    sbuf_free(&prim);
    sbuf_free(&tone);
    sbuf_free(&cas);
    return key.data;
}

int text_collate(const char *a, const char *b)
{
    char *ka = text_sort_key(a), *kb = text_sort_key(b);
    int r = strcmp(ka, kb);
    free(ka);
    free(kb);
    if (r == 0)
        r = strcmp(a, b);
    return r < 0 ? -1 : r > 0;
}

/* NFC and case folded (malloc'ed), NULL on invalid UTF-8. */
static char *nfc_folded(const char *s)
{
    if (!s || !text_valid_utf8(s, strlen(s)))
        return NULL;
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0) {
        free(out);
        return NULL;
    }
    return (char *)out;
}

bool text_starts_with_words(const char *s, const char *prefix)
{
    char *fs = nfc_folded(s), *fp = nfc_folded(prefix);
    bool yes = false;
    if (fs && fp && fp[0]) {
        const char *t = fs;
        while (*t == ' ' || *t == '\t')
            t++;
        size_t n = strlen(fp);
        if (strncmp(t, fp, n) == 0) {
            /* the prefix ends a word: what follows is no letter or digit */
            utf8proc_int32_t c = 0;
            if (t[n])
                utf8proc_iterate((const utf8proc_uint8_t *)t + n, -1, &c);
            utf8proc_category_t cat = utf8proc_category(c);
            yes = !t[n] || !(cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
                             cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
                             cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_MN ||
                             cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ND);
        }
    }
    free(fs);
    free(fp);
    return yes;
}
