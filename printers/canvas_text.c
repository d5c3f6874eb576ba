/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text on the canvas: FreeType faces, a glyph cache of 1-bit hinted bitmaps
 * (FT_RENDER_MODE_MONO: crisp on a thermal head), measuring, word-wrapping
 * by pixel width between graphemes, drawing. */
#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "canvas.h"
#include "util.h"

enum { PX_MAX = 256 };

typedef struct {
    uint32_t key;          /* 0 = empty slot */
    int w, h, left, top, pitch, advance;
    unsigned char *bits;   /* MSB-first rows */
    /* the same rows as words, leftmost dot in the top bit, for glyphs at
     * most 56 dots wide (all but the largest sizes): shifted into place
     * and ORed into the canvas 8 bytes at a time; NULL otherwise */
    uint64_t *words;
} glyph;

typedef struct {
    bool known;
    int ascent, height;
} size_metrics;

typedef struct {
    uint32_t hash;
    char *key;
    canvas_piece piece;
} piece_slot;

enum { PIECES_MAX = 256 };
static const size_t PIECE_BYTES_MAX = 8u << 20;

struct canvas_fonts {
    piece_slot pieces[PIECES_MAX];
    int npieces;
    size_t piece_bytes;
    FT_Library lib;
    FT_Face face[2];       /* regular, bold */
    int face_px[2];        /* size currently set on each face */
    glyph *slots;
    size_t nslots, used;
    size_metrics metrics[2][PX_MAX + 1];
};

static uint32_t glyph_key(uint32_t cp, int px, bool bold)
{
    /* cp < 2^21, px <= 256 (9 bits), bold 1 bit; +1 keeps 0 free. */
    return ((cp << 10) | ((uint32_t)px << 1) | (bold ? 1u : 0u)) + 1u;
}

static uint32_t hash32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

pk_err canvas_fonts_open(const char *regular, const char *bold, canvas_fonts **out)
{
    *out = NULL;
    canvas_fonts *f = xcalloc(1, sizeof *f);
    if (FT_Init_FreeType(&f->lib)) {
        free(f);
        return PK_EIO;
    }
    const char *paths[2] = {regular ? regular : CANVAS_FONT_REGULAR,
                            bold ? bold : CANVAS_FONT_BOLD};
    for (int i = 0; i < 2; i++) {
        if (FT_New_Face(f->lib, paths[i], 0, &f->face[i])) {
            canvas_fonts_close(f);
            return PK_ENOTFOUND;
        }
    }
    f->nslots = 1024;
    f->slots = xcalloc(f->nslots, sizeof *f->slots);
    *out = f;
    return PK_OK;
}

static void pieces_clear(canvas_fonts *f)
{
    for (int i = 0; i < f->npieces; i++) {
        free(f->pieces[i].key);
        canvas_free(f->pieces[i].piece.img);
    }
    f->npieces = 0;
    f->piece_bytes = 0;
}

static uint32_t key_hash(const char *key)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 16777619u;
    return h;
}

const canvas_piece *canvas_piece_find(canvas_fonts *f, const char *key)
{
    uint32_t h = key_hash(key);
    for (int i = 0; i < f->npieces; i++)
        if (f->pieces[i].hash == h && strcmp(f->pieces[i].key, key) == 0)
            return &f->pieces[i].piece;
    return NULL;
}

const canvas_piece *canvas_piece_keep(canvas_fonts *f, const char *key, canvas *img, int origin,
                                      int advance)
{
    size_t bytes = (size_t)img->stride * (size_t)img->height + strlen(key);
    if (bytes > PIECE_BYTES_MAX) {
        canvas_free(img);
        return NULL;
    }
    if (f->npieces == PIECES_MAX || f->piece_bytes + bytes > PIECE_BYTES_MAX)
        pieces_clear(f);
    int ink0 = 0;
    while (ink0 < img->height && canvas_ink(img, ink0, ink0 + 1) == 0)
        ink0++;
    piece_slot *ps = &f->pieces[f->npieces++];
    ps->hash = key_hash(key);
    ps->key = xstrdup(key);
    ps->piece = (canvas_piece){img, origin, ink0, advance};
    f->piece_bytes += bytes;
    return &ps->piece;
}

void canvas_piece_draw(canvas *c, const canvas_piece *p, int y)
{
    const canvas *img = p->img;
    int top = y - p->origin;
    canvas_ensure(c, top + img->height);
    size_t n = (size_t)(img->stride < c->stride ? img->stride : c->stride);
    for (int r = p->ink0; r < img->height; r++) {
        if (top + r < 0)
            continue;
        const unsigned char *src = img->bits + (size_t)r * (size_t)img->stride;
        unsigned char *dst = c->bits + (size_t)(top + r) * (size_t)c->stride;
        size_t b = 0;
        for (; b + 8 <= n; b += 8) {
            uint64_t d, v;
            memcpy(&d, dst + b, 8);
            memcpy(&v, src + b, 8);
            d |= v;
            memcpy(dst + b, &d, 8);
        }
        for (; b < n; b++)
            dst[b] |= src[b];
    }
}

void canvas_fonts_close(canvas_fonts *f)
{
    if (!f)
        return;
    pieces_clear(f);
    for (size_t i = 0; i < f->nslots; i++) {
        free(f->slots[i].bits);
        free(f->slots[i].words);
    }
    free(f->slots);
    for (int i = 0; i < 2; i++)
        if (f->face[i])
            FT_Done_Face(f->face[i]);
    FT_Done_FreeType(f->lib);
    free(f);
}

static int clamp_px(int px)
{
    return px < 4 ? 4 : px > PX_MAX ? PX_MAX : px;
}

static FT_Face face_at(canvas_fonts *f, canvas_style style)
{
    int i = style.bold ? 1 : 0;
    int px = clamp_px(style.px);
    if (f->face_px[i] != px) {
        FT_Set_Pixel_Sizes(f->face[i], 0, (FT_UInt)px);
        f->face_px[i] = px;
    }
    return f->face[i];
}

static const size_metrics *metrics(canvas_fonts *f, canvas_style style)
{
    size_metrics *m = &f->metrics[style.bold ? 1 : 0][clamp_px(style.px)];
    if (!m->known) {
        FT_Face face = face_at(f, style);
        m->ascent = (int)((face->size->metrics.ascender + 63) >> 6);
        m->height = (int)((face->size->metrics.height + 63) >> 6);
        m->known = true;
    }
    return m;
}

int canvas_ascent(canvas_fonts *f, canvas_style style)
{
    return metrics(f, style)->ascent;
}

int canvas_line_height(canvas_fonts *f, canvas_style style)
{
    return metrics(f, style)->height;
}

static void cache_grow(canvas_fonts *f)
{
    size_t n = f->nslots * 2;
    glyph *slots = xcalloc(n, sizeof *slots);
    for (size_t i = 0; i < f->nslots; i++) {
        if (!f->slots[i].key)
            continue;
        size_t j = hash32(f->slots[i].key) & (n - 1);
        while (slots[j].key)
            j = (j + 1) & (n - 1);
        slots[j] = f->slots[i];
    }
    free(f->slots);
    f->slots = slots;
    f->nslots = n;
}

static const glyph *glyph_get(canvas_fonts *f, canvas_style style, uint32_t cp)
{
    style.px = clamp_px(style.px);
    uint32_t key = glyph_key(cp, style.px, style.bold);
    size_t j = hash32(key) & (f->nslots - 1);
    while (f->slots[j].key) {
        if (f->slots[j].key == key)
            return &f->slots[j];
        j = (j + 1) & (f->nslots - 1);
    }
    glyph g = {.key = key};
    FT_Face face = face_at(f, style);
    FT_UInt idx = FT_Get_Char_Index(face, cp);
    if (FT_Load_Glyph(face, idx, FT_LOAD_RENDER | FT_LOAD_TARGET_MONO) == 0) {
        FT_GlyphSlot gs = face->glyph;
        g.advance = (int)((gs->advance.x + 32) >> 6);
        if (gs->bitmap.pixel_mode == FT_PIXEL_MODE_MONO && gs->bitmap.rows > 0 &&
            gs->bitmap.width > 0) {
            g.w = (int)gs->bitmap.width;
            g.h = (int)gs->bitmap.rows;
            g.left = gs->bitmap_left;
            g.top = gs->bitmap_top;
            g.pitch = (g.w + 7) / 8;
            g.bits = xmalloc((size_t)g.pitch * (size_t)g.h);
            for (int r = 0; r < g.h; r++) {
                const unsigned char *src = gs->bitmap.buffer;
                int sp = gs->bitmap.pitch;
                src += sp >= 0 ? (ptrdiff_t)r * sp : (ptrdiff_t)(g.h - 1 - r) * -sp;
                memcpy(g.bits + (size_t)r * (size_t)g.pitch, src, (size_t)g.pitch);
                /* no ink past the width: a row is blitted by whole bytes */
                if (g.w & 7)
                    g.bits[(size_t)r * (size_t)g.pitch + (size_t)g.pitch - 1] &=
                        (unsigned char)(0xFFu << (8 - (g.w & 7)));
            }
            if (g.pitch <= 7) {
                g.words = xcalloc((size_t)g.h, sizeof *g.words);
                for (int r = 0; r < g.h; r++)
                    for (int b = 0; b < g.pitch; b++)
                        g.words[r] |= (uint64_t)g.bits[(size_t)r * (size_t)g.pitch + (size_t)b]
                                      << (56 - 8 * b);
            }
        }
    }
    if ((f->used + 1) * 10 > f->nslots * 7) {
        cache_grow(f);
        j = hash32(key) & (f->nslots - 1);
        while (f->slots[j].key)
            j = (j + 1) & (f->nslots - 1);
    }
    f->slots[j] = g;
    f->used++;
    return &f->slots[j];
}

/* v with its top byte first in memory, as the canvas stores dots. */
static inline uint64_t to_big_endian(uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return v;
#else
    return __builtin_bswap64(v);
#endif
}

/* Next code point of s[*i..len); invalid bytes count as U+FFFD, one byte. */
static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(len - *i), &cp);
    if (n <= 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)n;
    return (uint32_t)cp;
}

int canvas_text_width(canvas_fonts *f, canvas_style style, const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;)
        w += glyph_get(f, style, next_cp(s, len, &i))->advance;
    return w;
}

int canvas_draw_text(canvas *c, canvas_fonts *f, canvas_style style, int x, int y,
                     const char *s, size_t len)
{
    int x0 = x;
    for (size_t i = 0; i < len;) {
        uint32_t cp = next_cp(s, len, &i);
        if (cp == '\n' || cp == '\r')
            continue;
        const glyph *g = glyph_get(f, style, cp);
        int gx = x + g->left, gy = y - g->top;
        if (g->h > 0 && gy + g->h > 0)
            canvas_ensure(c, gy + g->h);
        bool inside = gx >= 0 && gx + g->w <= c->width;
        int shift = gx & 7;
        for (int r = 0; r < g->h; r++) {
            const unsigned char *row = g->bits + (size_t)r * (size_t)g->pitch;
            if (!inside || gy + r < 0) {
                /* partly outside: dot by dot, counting the ink that falls off */
                for (int col = 0; col < g->w; col++)
                    if (row[col >> 3] & (0x80 >> (col & 7)))
                        canvas_set(c, gx + col, gy + r);
                continue;
            }
            /* whole bytes, shifted into place: a set bit lies inside the
             * width, so its byte (and the spill of the next) is in the row */
            unsigned char *dst = c->bits + (size_t)(gy + r) * (size_t)c->stride + (size_t)(gx >> 3);
            int room = c->stride - (gx >> 3);
            if (g->words && room >= 8) {
                /* the row as one word: 8 bytes read, ORed, written back */
                uint64_t v = g->words[r] >> shift, d;
                if (!v)
                    continue;
                v = to_big_endian(v);
                memcpy(&d, dst, sizeof d);
                d |= v;
                memcpy(dst, &d, sizeof d);
                continue;
            }
            if (g->pitch <= 3) {
                /* most glyphs: the row as one word, shifted once */
                uint32_t v = (uint32_t)row[0] << 24;
                if (g->pitch > 1)
                    v |= (uint32_t)row[1] << 16;
                if (g->pitch > 2)
                    v |= (uint32_t)row[2] << 8;
                if (!v)
                    continue;
                v >>= shift;
                for (int b = 0; b < 4 && b < room; b++)
                    dst[b] |= (unsigned char)(v >> (24 - 8 * b));
                continue;
            }
            for (int b = 0; b < g->pitch; b++) {
                unsigned char v = row[b];
                if (!v)
                    continue;
                dst[b] |= (unsigned char)(v >> shift);
                if (shift && b + 1 < room)
                    dst[b + 1] |= (unsigned char)(v << (8 - shift));
            }
        }
        x += g->advance;
    }
    return x - x0;
}

/* Width of the grapheme starting at s[*i], which is advanced past it. */
static int grapheme_width(canvas_fonts *f, canvas_style style, const char *s, size_t len,
                          size_t *i)
{
    utf8proc_int32_t state = 0;
    size_t j = *i;
    uint32_t prev = next_cp(s, len, &j);
    int w = glyph_get(f, style, prev)->advance;
    while (j < len) {
        size_t k = j;
        uint32_t cp = next_cp(s, len, &k);
        if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)prev, (utf8proc_int32_t)cp,
                                             &state))
            break;
        w += glyph_get(f, style, cp)->advance;
        prev = cp;
        j = k;
    }
    *i = j;
    return w;
}

static void put_line(size_t *starts, size_t *lens, int max, int n, size_t start, size_t end)
{
    if (n < max) {
        starts[n] = start;
        lens[n] = end - start;
    }
}

int canvas_wrap(canvas_fonts *f, canvas_style style, const char *s, int maxw,
                size_t *starts, size_t *lens, int max)
{
    size_t len = strlen(s);
    int space = glyph_get(f, style, ' ')->advance;
    int n = 0;
    size_t i = 0;
    size_t line_start = 0, line_end = 0;
    int line_w = 0;
    bool open = false;     /* a line has words on it */
    if (maxw < 1)
        maxw = 1;
    while (i < len) {
        if (s[i] == '\n') {
            put_line(starts, lens, max, n++, open ? line_start : i, open ? line_end : i);
            open = false;
            line_w = 0;
            i++;
            continue;
        }
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
            i++;
            continue;
        }
        size_t w0 = i;
        while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            i++;
        size_t w1 = i;
        int ww = canvas_text_width(f, style, s + w0, w1 - w0);
        if (open && line_w + space + ww <= maxw) {
            line_w += space + ww;
            line_end = w1;
            continue;
        }
        if (open) {
            put_line(starts, lens, max, n++, line_start, line_end);
            open = false;
        }
        if (ww <= maxw) {
            line_start = w0;
            line_end = w1;
            line_w = ww;
            open = true;
            continue;
        }
        /* A word wider than the line: break it between graphemes. */
        size_t p = w0, piece = w0;
        int pw = 0;
        while (p < w1) {
            size_t q = p;
            int gw = grapheme_width(f, style, s, w1, &q);
            if (pw > 0 && pw + gw > maxw) {
                put_line(starts, lens, max, n++, piece, p);
                piece = p;
                pw = 0;
            }
            pw += gw;
            p = q;
        }
        line_start = piece;
        line_end = w1;
        line_w = pw;
        open = true;
    }
    if (open)
        put_line(starts, lens, max, n++, line_start, line_end);
    return n;
}
