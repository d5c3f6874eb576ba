/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Vietnamese input engine: Telex, VNI, off.
 *
 * The engine keeps the raw keys of the word being typed and, incrementally,
 * the word they make (e->syl): a key is applied to that state alone (no
 * replay of the word), and only after a Backspace or a change from outside
 * is the state rebuilt from the keys. Keys become letters (base + mark) and
 * one tone for the syllable; the tone is placed on the right vowel only
 * when the word is written out. tests/lang/test_vnime_diff.c checks that
 * every output is the one of the engine that replayed every key. A word that cannot be a
 * Vietnamese syllable (initial, vowel nucleus, final, tone/final rule) is
 * written out exactly as typed, so "email" or "windows" stay unchanged. A
 * doubled key undoes its own transformation and switches the rest of the
 * word to literal typing ("aaa" -> "aa", "ass" -> "as").
 *
 * Backspace deletes one visible letter: the remaining word is mapped back to
 * keys that render to it (or kept literal when no such keys exist); that
 * and the other whole-word editing are in vnime_word.c. */
#include "vnime.h"
#include "vnime_int.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>


/* Copies the state (only the letters in use). */
static void comp_copy(comp *d, const comp *c)
{
    d->n = c->n;
    d->tone = c->tone;
    d->literal = c->literal;
    d->known = c->known;
    d->i_end = c->i_end;
    d->v_end = c->v_end;
    memcpy(d->l, c->l, (size_t)c->n * sizeof c->l[0]);
}

/* ---- Key classification -------------------------------------------- */

bool vn_is_ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool vn_is_combining(uint32_t c)
{
    if (c < 0x300)
        return false;
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
    return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME;
}

static bool is_other_letter(uint32_t c)
{
    if (c < 0x80)
        return false;
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static bool has_vowel_nucleus(const comp *c);

static void add_key_letter(comp *c, uint32_t key)
{
    letter *L = &c->l[c->n++];
    memset(L, 0, sizeof *L);
    if (vn_is_ascii_letter(key)) {
        L->base = (uint8_t)(key | 0x20);
        L->up = key < 'a';
        return;
    }
    if (!c->literal) {
        int tone;
        if (vn_decompose(key, L, &tone)) {
            if (tone)
                c->tone = tone;
            return;
        }
    }
    L->cp = key;
}

/* ---- Telex / VNI transformations ----------------------------------- */

static letter *last_vowel_with(comp *c, const parse *p, uint8_t b1, uint8_t b2, uint8_t b3)
{
    for (int i = p->v_end - 1; i >= p->i_end; i--) {
        uint8_t b = c->l[i].base;
        if (b == b1 || b == b2 || b == b3)
            return &c->l[i];
    }
    return NULL;
}

static void undo(comp *c, uint32_t key)
{
    add_key_letter(c, key);
    c->literal = true;
}

/* Circumflex (Telex aa ee oo, VNI 6) on the last matching vowel. */
static bool apply_hat(comp *c, const parse *pp, uint32_t key, uint8_t b1, uint8_t b2, uint8_t b3)
{
    parse p = *pp;
    letter *v = last_vowel_with(c, &p, b1, b2, b3);
    if (!v)
        return false;
    if (v->mark == MK_HAT) {
        v->mark = MK_NONE;
        undo(c, key);
    } else {
        v->mark = MK_HAT;
    }
    return true;
}

/* Breve (VNI 8): the last a of the nucleus. */
static bool apply_breve(comp *c, const parse *pp, uint32_t key)
{
    parse p = *pp;
    letter *v = last_vowel_with(c, &p, 'a', 0, 0);
    if (!v)
        return false;
    if (v->mark == MK_BREVE) {
        v->mark = MK_NONE;
        undo(c, key);
    } else {
        v->mark = MK_BREVE;
    }
    return true;
}

/* Horn (Telex w, VNI 7): "uo" takes it on the o (and on the u once the
 * syllable goes on: "ươ"), else the u, else (Telex) the a as a breve, else
 * the o. Telex w with no vowel at all types "ư". */
static bool apply_horn(comp *c, const parse *pp, uint32_t key, bool telex)
{
    parse p = *pp;
    letter *v = &c->l[p.i_end];
    int nv = p.v_end - p.i_end;
    for (int i = 0; i + 1 < nv; i++) {
        if (v[i].base == 'u' && v[i + 1].base == 'o') {
            if (v[i + 1].mark == MK_HORN) {
                v[i].mark = v[i + 1].mark = MK_NONE;
                undo(c, key);
            } else {
                v[i + 1].mark = MK_HORN;
            }
            return true;
        }
    }
    letter *t = NULL;
    uint8_t mk = MK_HORN;
    for (int i = 0; i < nv && !t; i++)
        if (v[i].base == 'u')
            t = &v[i];
    for (int i = 0; i < nv && !t && telex; i++)
        if (v[i].base == 'a') {
            t = &v[i];
            mk = MK_BREVE;
        }
    for (int i = 0; i < nv && !t; i++)
        if (v[i].base == 'o')
            t = &v[i];
    if (t) {
        if (t->mark == mk && (t->cp | 0x20) == 'w') {
            /* "ww": the ư typed by w turns back into w */
            t->base = 'w';
            t->mark = MK_NONE;
            t->cp = 0;
            c->literal = true;
        } else if (t->mark == mk) {
            t->mark = MK_NONE;
            undo(c, key);
        } else {
            t->mark = mk;
        }
        return true;
    }
    if (telex && nv == 0 && p.i_end == c->n && !(p.i_end == 2 && c->l[0].base == 'q')) {
        /* "w" alone, or after consonants: ư */
        add_key_letter(c, key);
        letter *L = &c->l[c->n - 1];
        L->base = 'u';
        L->mark = MK_HORN;
        L->cp = key;
        return true;
    }
    return false;
}

/* đ: Telex "dd" (the d just before, or a late d after the vowel when the
 * initial is a lone d: "daijd" is "đại"), VNI 9 (the initial d). */
static bool apply_bar(comp *c, const parse *pp, uint32_t key, bool telex)
{
    letter *d = NULL;
    if (telex && c->n > 0 && c->l[c->n - 1].base == 'd') {
        d = &c->l[c->n - 1];
    } else if (c->n > 0 && c->l[0].base == 'd') {
        if (!telex || (pp->i_end == 1 && pp->v_end > pp->i_end))
            d = &c->l[0];
    }
    if (!d)
        return false;
    if (d->mark == MK_BAR) {
        d->mark = MK_NONE;
        undo(c, key);
    } else {
        d->mark = MK_BAR;
    }
    return true;
}

static bool apply_tone(comp *c, const parse *p, uint32_t key, int tone)
{
    if (p->v_end <= p->i_end)
        return false;
    if (tone == TONE_NONE) {
        if (c->tone == TONE_NONE)
            return false;
        c->tone = TONE_NONE;
        return true;
    }
    if (c->tone == tone) {
        c->tone = TONE_NONE;
        undo(c, key);
    } else {
        c->tone = tone;
    }
    return true;
}

/* A combining mark typed after a letter (NFD input). */
static bool apply_combining(comp *c, uint32_t key)
{
    if (c->n == 0)
        return false;
    letter *L = &c->l[c->n - 1];
    bool vowel = vn_vowel_index(L) >= 0;
    switch (key) {
    case 0x300: case 0x301: case 0x303: case 0x309: case 0x323:
        if (!vowel)
            return false;
        c->tone = key == 0x300 ? TONE_HUYEN : key == 0x301 ? TONE_SAC
                : key == 0x303 ? TONE_NGA : key == 0x309 ? TONE_HOI : TONE_NANG;
        return true;
    case 0x302:
        if (L->base != 'a' && L->base != 'e' && L->base != 'o')
            return false;
        L->mark = MK_HAT;
        return true;
    case 0x306:
        if (L->base != 'a')
            return false;
        L->mark = MK_BREVE;
        return true;
    case 0x31b:
        if (L->base != 'o' && L->base != 'u')
            return false;
        L->mark = MK_HORN;
        return true;
    }
    return false;
}

static bool has_vowel_nucleus(const comp *c)
{
    parse p;
    vn_parse(c->l, c->n, &p);
    return p.v_end > p.i_end;
}

/* What the state knows about itself until the next key changes it. */
enum { K_PARSE = 1, K_PLAUS = 2, K_PLAUS_YES = 4 };

static void get_parse(comp *c, parse *p)
{
    if (c->known & K_PARSE) {
        p->i_end = c->i_end;
        p->v_end = c->v_end;
        return;
    }
    vn_parse(c->l, c->n, p);
    c->i_end = (signed char)p->i_end;
    c->v_end = (signed char)p->v_end;
    c->known |= K_PARSE;
}

static bool get_plausible(comp *c, const parse *p)
{
    if (!(c->known & K_PLAUS))
        c->known |= K_PLAUS | (vn_plausible_p(c->l, c->n, c->tone, p) ? K_PLAUS_YES : 0);
    return c->known & K_PLAUS_YES;
}

static void apply_key_inner(comp *c, ime_method m, uint32_t key);

static void apply_key(comp *c, ime_method m, uint32_t key)
{
    apply_key_inner(c, m, key);
    c->known = 0;
}

static void apply_key_inner(comp *c, ime_method m, uint32_t key)
{
    if (c->literal || m == IME_OFF) {
        add_key_letter(c, key);
        return;
    }
    if (key >= 0x300 && vn_is_combining(key)) {
        if (!apply_combining(c, key))
            add_key_letter(c, key);
        return;
    }
    bool done = false;
    bool telex_key = false;
    if (m == IME_TELEX && vn_is_ascii_letter(key)) {
        switch (key | 0x20) {
        case 's': case 'f': case 'r': case 'x': case 'j': case 'z':
        case 'a': case 'e': case 'o': case 'w': case 'd':
            telex_key = true;
        }
    }
    bool vni_key = m == IME_VNI && key >= '0' && key <= '9';
    /* once the word cannot be Vietnamese, keys are only letters */
    parse p;
    if (telex_key || vni_key) {
        get_parse(c, &p);
        if (!get_plausible(c, &p))
            telex_key = vni_key = false;
    }
    if (telex_key) {
        switch (key | 0x20) {
        case 's': done = apply_tone(c, &p, key, TONE_SAC); break;
        case 'f': done = apply_tone(c, &p, key, TONE_HUYEN); break;
        case 'r': done = apply_tone(c, &p, key, TONE_HOI); break;
        case 'x': done = apply_tone(c, &p, key, TONE_NGA); break;
        case 'j': done = apply_tone(c, &p, key, TONE_NANG); break;
        case 'z': done = apply_tone(c, &p, key, TONE_NONE); break;
        case 'a': case 'e': case 'o': {
            /* a vowel key is the circumflex only when that leaves a
             * syllable; "ngoeo" types a third vowel, not "ngôe" */
            comp before;
            comp_copy(&before, c);
            uint8_t b = (uint8_t)(key | 0x20);
            done = apply_hat(c, &p, key, b, 0, 0);
            if (done && !c->literal && !vn_plausible(c->l, c->n, c->tone)) {
                add_key_letter(&before, key);
                if (vn_plausible(before.l, before.n, before.tone))
                    comp_copy(c, &before);
            }
            break;
        }
        case 'w': done = apply_horn(c, &p, key, true); break;
        case 'd': done = apply_bar(c, &p, key, true); break;
        }
    } else if (vni_key) {
        switch (key) {
        case '0': done = apply_tone(c, &p, key, TONE_NONE); break;
        case '1': done = apply_tone(c, &p, key, TONE_SAC); break;
        case '2': done = apply_tone(c, &p, key, TONE_HUYEN); break;
        case '3': done = apply_tone(c, &p, key, TONE_HOI); break;
        case '4': done = apply_tone(c, &p, key, TONE_NGA); break;
        case '5': done = apply_tone(c, &p, key, TONE_NANG); break;
        case '6': done = apply_hat(c, &p, key, 'a', 'e', 'o'); break;
        case '7': done = apply_horn(c, &p, key, false); break;
        case '8': done = apply_breve(c, &p, key); break;
        case '9': done = apply_bar(c, &p, key, false); break;
        }
    }
    if (!done)
        add_key_letter(c, key);
}

/* "uơ" / "ưo" followed by a final or a vowel is always "ươ". */
static void normalize_uo(comp *c, const parse *p)
{
    int nv = p->v_end - p->i_end;
    letter *v = &c->l[p->i_end];
    if (nv >= 2 && v[0].base == 'u' && v[1].base == 'o' && (nv >= 3 || p->v_end < c->n)) {
        if (v[0].mark == MK_NONE && v[1].mark == MK_HORN)
            v[0].mark = MK_HORN;
        else if (v[0].mark == MK_HORN && v[1].mark == MK_NONE)
            v[1].mark = MK_HORN;
    }
}

/* ---- Rendering ----------------------------------------------------- */

static size_t put_cp(char *out, size_t at, uint32_t cp)
{
    return at + (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + at);
}

/* NFC of out[0..len) in place (out has room for RENDER_MAX). */
static size_t nfc_inplace(char *out, size_t len)
{
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)out, (utf8proc_ssize_t)len, &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r >= 0 && (size_t)r < VN_RENDER_MAX) {
        memcpy(out, dst, (size_t)r);
        len = (size_t)r;
    }
    free(dst);
    return len;
}

/* Brings e->syl up to raw[0..nraw): only the keys not applied yet (the
 * state is kept between keys), or all of them after raw[] changed in
 * another way than by appending (napplied < 0). */
static void sync(vnime *e)
{
    comp *c = &e->syl;
    if (e->napplied < 0 || e->napplied > e->nraw) {
        if (c->n > 0 && c->n <= VNIME_RAW_MAX + 1)
            memset(c->l, 0, (size_t)c->n * sizeof c->l[0]);
        c->n = c->tone = 0;
        c->literal = false;
        c->known = 0;
        e->napplied = 0;
    }
    for (int i = e->napplied; i < e->nraw; i++) {
        if (e->raw[i] == KEY_LITERAL)
            c->literal = true;
        else
            apply_key(c, e->method, e->raw[i]);
    }
    e->napplied = e->nraw;
}

/* The word as written: the state with the fixes that depend on the whole
 * word ("uơ" + final is "ươ", the forgotten circumflex or horn). */
/* The word as written, with its parse: e->syl itself when no whole-word
 * fix can apply (no tone, no "uo"), else c, a fixed copy. */
static comp *build_p(vnime *e, comp *c, parse *p)
{
    sync(e);
    comp *s = &e->syl;
    get_parse(s, p);                   /* the marks below do not change it */
    if (s->literal || e->method == IME_OFF)
        return s;
    int nv = p->v_end - p->i_end;
    const letter *v = &s->l[p->i_end];
    bool uo = nv >= 2 && v[0].base == 'u' && v[1].base == 'o';
    if (s->tone == TONE_NONE && !uo)
        return s;
    comp_copy(c, s);
    c->known = 0;
    normalize_uo(c, p);
    vn_implicit_marks_p(c->l, c->n, c->tone, p);
    return c;
}

void vn_build(vnime *e, comp *c)
{
    parse p;
    comp *b = build_p(e, c, &p);
    if (b != c)
        comp_copy(c, b);
}

/* Writes the word for the keys in e; returns its length. *fallback tells
 * that the keys were written out as typed (not a Vietnamese syllable). */
size_t vn_render(vnime *e, char out[VN_RENDER_MAX], bool *fallback)
{
    comp tmp;
    parse p;
    comp *c = build_p(e, &tmp, &p);
    *fallback = false;
    size_t len = 0;
    bool nonascii = false;
    if (e->method == IME_OFF || (!c->literal && !get_plausible(c, &p))) {
        *fallback = e->method != IME_OFF;
        for (int i = 0; i < e->nraw; i++) {
            nonascii |= e->raw[i] >= 0x80;
            len = put_cp(out, len, e->raw[i]);
        }
    } else {
        len = vn_emit_p(c->l, c->n, c->tone, e->new_style, out, &nonascii, &p);
    }
    if (nonascii)
        len = nfc_inplace(out, len);
    out[len] = '\0';
    return len;
}

/* ---- Public API ---------------------------------------------------- */

void vnime_init(vnime *e, ime_method m, bool new_style)
{
    memset(e, 0, sizeof *e);
    e->method = m;
    e->new_style = new_style;
}

void vnime_reset(vnime *e)
{
    /* the keys may be someone's name or address: do not keep them */
    /* keys and letters past nraw / n were wiped when they were dropped */
    if (e->nraw > 0 && e->nraw <= VNIME_RAW_MAX)
        memset(e->raw, 0, (size_t)e->nraw * sizeof e->raw[0]);
    if (e->syl.n > 0 && e->syl.n <= VNIME_RAW_MAX + 1)
        memset(e->syl.l, 0, (size_t)e->syl.n * sizeof e->syl.l[0]);
    e->syl.n = e->syl.tone = 0;
    e->syl.literal = false;
    e->syl.known = 0;
    e->nraw = e->napplied = 0;
    e->word_len = 0;
}

ime_method vnime_next_method(ime_method m)
{
    return m == IME_OFF ? IME_TELEX : m == IME_TELEX ? IME_VNI : IME_OFF;
}

const char *vnime_method_name(ime_method m)
{
    return m == IME_TELEX ? "Telex" : m == IME_VNI ? "VNI" : N_("Off");
}

bool vn_valid_key(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
        return false;
    if (cp >= 0xd800 && cp <= 0xdfff)
        return false;
    return cp <= 0x10ffff;
}

/* Replaces the current word (the last e->word_len bytes of text[0..*len))
 * with the rendering of e's keys. False (nothing changed) if it won't fit. */
bool vn_splice_word(vnime *e, char *text, size_t *len, size_t textsz)
{
    char w[VN_RENDER_MAX];
    bool fb;
    size_t wl = vn_render(e, w, &fb);
    size_t start = *len - e->word_len;
    if (start + wl + 1 > textsz)
        return false;
    memcpy(text + start, w, wl + 1);
    *len = start + wl;
    e->word_len = wl;
    return true;
}

/* Appends cp outside any word; marks that may compose with what precedes
 * are normalised together with the tail of the text. */
static bool append_plain(char *text, size_t *len, size_t textsz, uint32_t cp)
{
    char buf[8];
    size_t n = put_cp(buf, 0, cp);
    if (cp < 0x80) {
        if (*len + n + 1 > textsz)
            return false;
        memcpy(text + *len, buf, n);
        *len += n;
        text[*len] = '\0';
        return true;
    }
    /* re-normalise from the last ASCII byte (always a stable starter) */
    size_t from = *len;
    while (from > 0 && (unsigned char)text[from - 1] >= 0x80)
        from--;
    if (from > 0)
        from--;
    size_t tl = *len - from;
    char *tmp = malloc(tl + n + 1);
    if (!tmp)
        return false;
    memcpy(tmp, text + from, tl);
    memcpy(tmp + tl, buf, n);
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = utf8proc_map((utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)(tl + n), &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(tmp);
    if (r < 0 || from + (size_t)r + 1 > textsz) {
        free(dst);
        return false;
    }
    memcpy(text + from, dst, (size_t)r);
    free(dst);
    *len = from + (size_t)r;
    text[*len] = '\0';
    return true;
}

/* The word ends: a marked word that is not a finished syllable ("ủe" from
 * "user") goes back to the keys as typed. A word made literal by a
 * doubled key stays as the escape left it ("ross": "ros"). */
static bool restore_at_end(vnime *e, char *text, size_t *len, size_t textsz)
{
    if (e->nraw == 0 || e->word_len > *len || e->method == IME_OFF)
        return true;
    for (int i = 0; i < e->nraw; i++)
        if (e->raw[i] == KEY_LITERAL)
            return true;
    comp c;
    vn_build(e, &c);
    /* a lone vowel letter ("Â" as an initial) is left alone */
    if (c.literal || c.n < 2 || !has_vowel_nucleus(&c) || !vn_plausible(c.l, c.n, c.tone) ||
        vn_complete(c.l, c.n, c.tone))
        return true;
    char w[VN_RENDER_MAX];
    size_t wl = 0;
    bool nonascii = false;
    for (int i = 0; i < e->nraw; i++) {
        nonascii |= e->raw[i] >= 0x80;
        wl = put_cp(w, wl, e->raw[i]);
    }
    if (nonascii)
        wl = nfc_inplace(w, wl);
    size_t start = *len - e->word_len;
    if (start + wl + 1 > textsz)
        return false;
    memcpy(text + start, w, wl);
    *len = start + wl;
    text[*len] = '\0';
    e->word_len = wl;
    return true;
}

static bool word_key(const vnime *e, uint32_t cp)
{
    if (vn_is_ascii_letter(cp))
        return true;
    if (e->method == IME_VNI && cp >= '0' && cp <= '9')
        return e->nraw > 0;
    if (cp < 0x80)
        return false;
    if (vn_is_letter(cp))
        return true;
    /* marks and other letters join a word already started */
    return e->nraw > 0 && (vn_is_combining(cp) || is_other_letter(cp));
}

bool vnime_type_len(vnime *e, char *text, size_t *len, size_t textsz, uint32_t cp)
{
    if (!vn_valid_key(cp))
        return false;
    if (e->word_len > *len)
        vnime_reset(e);
    if (e->nraw >= VNIME_RAW_MAX)
        vnime_reset(e);             /* a very long "word" goes on as a new one */
    if (e->method == IME_OFF || !word_key(e, cp)) {
        /* keep the word as shown when the key does not fit after it */
        char shown[VN_RENDER_MAX];
        size_t wl = e->word_len <= *len && e->word_len < sizeof shown ? e->word_len : 0;
        memcpy(shown, text + *len - wl, wl);
        size_t start = *len - wl;
        if (!restore_at_end(e, text, len, textsz))
            return false;
        vnime_reset(e);
        if (append_plain(text, len, textsz, cp))
            return true;
        memcpy(text + start, shown, wl);
        *len = start + wl;
        text[*len] = '\0';
        return false;
    }
    e->raw[e->nraw++] = cp;
    if (!vn_splice_word(e, text, len, textsz)) {
        e->raw[--e->nraw] = 0;
        e->napplied = -1;
        if (e->nraw == 0)
            e->word_len = 0;
        return false;
    }
    return true;
}

bool vnime_type(vnime *e, char *text, size_t textsz, uint32_t cp)
{
    if (!text || textsz == 0)
        return false;
    size_t len = strlen(text);
    if (len >= textsz)
        return false;
    return vnime_type_len(e, text, &len, textsz, cp);
}

bool vnime_convert(ime_method m, bool new_style, const char *keys, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out[0] = '\0';
    if (!keys)
        return false;
    vnime e;
    vnime_init(&e, m, new_style);
    size_t len = 0, n = strlen(keys), i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)keys + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            out[0] = '\0';
            return false;
        }
        i += (size_t)k;
        if (cp == 0x08 || cp == 0x7f) {
            vnime_backspace_len(&e, out, &len, outsz);
        } else if (cp == '\t' || cp == '\n' || cp == '\r') {
            vnime_reset(&e);
            if (!append_plain(out, &len, outsz, (uint32_t)cp))
                return false;
        } else if (vn_valid_key((uint32_t)cp)) {
            if (!vnime_type_len(&e, out, &len, outsz, (uint32_t)cp))
                return false;
        }
    }
    return true;
}
