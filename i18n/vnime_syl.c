/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Vietnamese letters and syllables for the input engine: the vowel table,
 * syllable structure (initial consonant, vowel nucleus, final consonant,
 * which tones a final takes), tone placement in the traditional ("hòa") and
 * new ("hoà") styles, the reverse mapping from a word to keys, and the
 * tone-style-independent comparison of names. */
#include "vnime.h"
#include "vnime_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { NV = 12 };

/* a ă â e ê i o ô ơ u ư y, each in the tones ngang sắc huyền hỏi ngã nặng */
static const uint16_t VOW[NV][6] = {
    {0x0061, 0x00E1, 0x00E0, 0x1EA3, 0x00E3, 0x1EA1},
    {0x0103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7},
    {0x00E2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD},
    {0x0065, 0x00E9, 0x00E8, 0x1EBB, 0x1EBD, 0x1EB9},
    {0x00EA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7},
    {0x0069, 0x00ED, 0x00EC, 0x1EC9, 0x0129, 0x1ECB},
    {0x006F, 0x00F3, 0x00F2, 0x1ECF, 0x00F5, 0x1ECD},
    {0x00F4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9},
    {0x01A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3},
    {0x0075, 0x00FA, 0x00F9, 0x1EE7, 0x0169, 0x1EE5},
    {0x01B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1},
    {0x0079, 0x00FD, 0x1EF3, 0x1EF7, 0x1EF9, 0x1EF5},
};
static const char VBASE[NV] = "aaaeeiooouuy";
static const uint8_t VMARK[NV] = {MK_NONE, MK_BREVE, MK_HAT, MK_NONE, MK_HAT, MK_NONE,
                                  MK_NONE, MK_HAT, MK_HORN, MK_NONE, MK_HORN, MK_NONE};

/* Capitals: Latin-1 letters are 0x20 below, the others one below. */
static uint32_t upper_of(uint32_t cp)
{
    return cp < 0x100 ? cp - 0x20 : cp - 1;
}

/* vowel index by base letter and mark (-1: not a vowel) */
static const int8_t VIDX[26][5] = {
    ['a' - 'a'] = {0, 2, 1, -1, -1},  ['e' - 'a'] = {3, 4, -1, -1, -1},
    ['i' - 'a'] = {5, -1, -1, -1, -1}, ['o' - 'a'] = {6, 7, -1, 8, -1},
    ['u' - 'a'] = {9, -1, -1, 10, -1}, ['y' - 'a'] = {11, -1, -1, -1, -1},
    ['b' - 'a'] = {-1, -1, -1, -1, -1}, ['c' - 'a'] = {-1, -1, -1, -1, -1},
    ['d' - 'a'] = {-1, -1, -1, -1, -1}, ['f' - 'a'] = {-1, -1, -1, -1, -1},
    ['g' - 'a'] = {-1, -1, -1, -1, -1}, ['h' - 'a'] = {-1, -1, -1, -1, -1},
    ['j' - 'a'] = {-1, -1, -1, -1, -1}, ['k' - 'a'] = {-1, -1, -1, -1, -1},
    ['l' - 'a'] = {-1, -1, -1, -1, -1}, ['m' - 'a'] = {-1, -1, -1, -1, -1},
    ['n' - 'a'] = {-1, -1, -1, -1, -1}, ['p' - 'a'] = {-1, -1, -1, -1, -1},
    ['q' - 'a'] = {-1, -1, -1, -1, -1}, ['r' - 'a'] = {-1, -1, -1, -1, -1},
    ['s' - 'a'] = {-1, -1, -1, -1, -1}, ['t' - 'a'] = {-1, -1, -1, -1, -1},
    ['v' - 'a'] = {-1, -1, -1, -1, -1}, ['w' - 'a'] = {-1, -1, -1, -1, -1},
    ['x' - 'a'] = {-1, -1, -1, -1, -1}, ['z' - 'a'] = {-1, -1, -1, -1, -1},
};

int vn_vowel_index(const letter *l)
{
    unsigned b = (unsigned)l->base - 'a';
    return b < 26 && l->mark <= MK_BAR ? VIDX[b][l->mark] : -1;
}

bool vn_decompose(uint32_t cp, letter *out, int *tone)
{
    memset(out, 0, sizeof *out);
    *tone = 0;
    if (cp == 0x111 || cp == 0x110) {
        out->base = 'd';
        out->mark = MK_BAR;
        out->up = cp == 0x110;
        return true;
    }
    if (cp < 0xC0 || cp > 0x1EF9)
        return false;
    for (int v = 0; v < NV; v++)
        for (int t = 0; t < 6; t++) {
            uint32_t lo = VOW[v][t];
            if (lo < 0x80)
                continue;
            if (cp == lo || cp == upper_of(lo)) {
                out->base = (uint8_t)VBASE[v];
                out->mark = VMARK[v];
                out->up = cp != lo;
                *tone = t;
                return true;
            }
        }
    return false;
}

bool vn_is_letter(uint32_t cp)
{
    letter l;
    int t;
    return vn_decompose(cp, &l, &t);
}

static inline bool is_vowel(const letter *l)
{
    unsigned b = (unsigned)l->base - 'a';
    /* a e i o u y: bits 0 4 8 14 20 24; then the mark must fit the base */
    return b < 26 && ((0x1104111u >> b) & 1) && (l->mark == MK_NONE || vn_vowel_index(l) >= 0);
}

void vn_parse(const letter *l, int n, parse *p)
{
    int i = 0;
    while (i < n && l[i].base && !is_vowel(&l[i]))
        i++;
    if (i == 1 && l[0].base == 'q' && n > 1 && l[1].base == 'u' && l[1].mark == MK_NONE)
        i = 2;
    else if (i == 1 && l[0].base == 'g' && n > 2 && l[1].base == 'i' && is_vowel(&l[2]))
        i = 2;
    int j = i;
    while (j < n && is_vowel(&l[j]))
        j++;
    p->i_end = i;
    p->v_end = j;
}

/* ---- Syllable structure -------------------------------------------- */

static bool valid_initial(const letter *l, int k, int n)
{
    if (k <= 0)
        return k == 0;
    if (k > 3)
        return false;
    for (int i = 0; i < k; i++)
        if (l[i].mark && !(l[i].base == 'd' && l[i].mark == MK_BAR))
            return false;
    char a = (char)l[0].base, b = k > 1 ? (char)l[1].base : 0, c = k > 2 ? (char)l[2].base : 0;
    if (l[0].mark == MK_BAR)
        return k == 1;              /* đ */
    if (k == 1)
        return a == 'q' ? n == 1 : (a != 'f' && a != 'j' && a != 'w' && a != 'z');
    if (k == 3)
        return a == 'n' && b == 'g' && c == 'h';
    switch (a) {
    case 'c': case 'k': case 'p': return b == 'h';
    case 'g': return b == 'h' || b == 'i';
    case 'n': return b == 'g' || b == 'h';
    case 'q': return b == 'u';
    case 't': return b == 'h' || b == 'r';
    }
    return false;
}

/* 0 not a final, 1 m n ng nh, 2 c ch p t (only with sắc or nặng) */
static int final_kind(const letter *l, int k)
{
    if (k > 2)
        return 0;
    for (int i = 0; i < k; i++)
        if (l[i].mark)
            return 0;
    char a = (char)l[0].base, b = k == 2 ? (char)l[1].base : 0;
    if (k == 1) {
        if (a == 'm' || a == 'n')
            return 1;
        if (a == 'c' || a == 'p' || a == 't')
            return 2;
        return 0;
    }
    if (a == 'n' && (b == 'g' || b == 'h'))
        return 1;
    if (a == 'c' && b == 'h')
        return 2;
    return 0;
}

/* Vowel nuclei: 'o' open (no final), 'c' closed (takes a final). */
static const struct {
    const char *v;
    const char *kind;
} NUCLEI[] = {
    {"a", "oc"}, {"ă", "c"}, {"â", "c"}, {"e", "oc"}, {"ê", "oc"}, {"i", "oc"}, {"o", "oc"},
    {"ô", "oc"}, {"ơ", "oc"}, {"u", "oc"}, {"ư", "oc"}, {"y", "oc"},
    {"ai", "o"}, {"ao", "o"}, {"au", "o"}, {"ay", "o"}, {"âu", "o"}, {"ây", "o"}, {"eo", "o"},
    {"êu", "o"}, {"ia", "o"}, {"iê", "c"}, {"iu", "o"}, {"oa", "oc"}, {"oă", "c"}, {"oe", "oc"},
    {"oi", "o"}, {"ôi", "o"}, {"ơi", "o"}, {"oo", "c"}, {"ua", "o"}, {"uâ", "c"}, {"uê", "oc"},
    {"ui", "o"}, {"uô", "c"}, {"uơ", "o"}, {"uy", "oc"}, {"ưa", "o"}, {"ưi", "o"}, {"ưu", "o"},
    {"ươ", "c"}, {"yê", "c"},
    {"iêu", "o"}, {"oai", "o"}, {"oay", "o"}, {"oao", "o"}, {"oeo", "o"}, {"uây", "o"},
    {"uôi", "o"}, {"ươi", "o"}, {"ươu", "o"}, {"uya", "o"}, {"uyê", "c"}, {"uyu", "o"},
    {"yêu", "o"},
};

/* For each typed nucleus (up to 3 vowels, 4 bits each: vowel index + 1):
 * bit 0 = could still become a nucleus (no final yet), bit 1 = is a nucleus
 * taking a final. A vowel typed without its mark matches the marked one
 * (the mark may still come: "duong" + w). */
static unsigned char nuc_tab[1 << 12];
/* Exact nuclei as written (marks included): bit 0 open, bit 1 closed. */
static unsigned char exact_tab[1 << 12];
/* For a nucleus typed with no marks at all that is not itself a nucleus in
 * that context (open 0 / closed 1): the one marked nucleus it can only be
 * ("ie" + final: "iê"), IMP_MANY when several fit ("uo" + final: "uô" or
 * "ươ"), 0 when none. */
enum { IMP_MANY = 0xffff };
static uint16_t imp_tab[2][1 << 12];
static pthread_once_t nuc_once = PTHREAD_ONCE_INIT;

static bool relaxed(int typed, int want)
{
    return typed == want || (VMARK[typed] == MK_NONE && VBASE[typed] == VBASE[want]);
}

static void nuc_mark(int *t, int nt, int pos, const int *w, int nw, bool closed)
{
    if (pos == nt) {
        int code = 0;
        for (int i = 0; i < nt; i++)
            code |= (t[i] + 1) << (4 * i);
        nuc_tab[code] |= 1;
        if (nt == nw && closed)
            nuc_tab[code] |= 2;
        return;
    }
    for (int v = 0; v < NV; v++)
        if (relaxed(v, w[pos])) {
            t[pos] = v;
            nuc_mark(t, nt, pos + 1, w, nw, closed);
        }
}

enum { N_NUCLEI = sizeof NUCLEI / sizeof NUCLEI[0] };

static void nuc_init(void)
{
    int codes[N_NUCLEI];
    for (size_t k = 0; k < N_NUCLEI; k++) {
        int w[3], nw = 0;
        const unsigned char *s = (const unsigned char *)NUCLEI[k].v;
        while (*s && nw < 3) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t n = utf8proc_iterate(s, -1, &cp);
            letter l;
            int tone;
            if (cp < 0x80) {
                memset(&l, 0, sizeof l);
                l.base = (uint8_t)cp;
            } else {
                vn_decompose((uint32_t)cp, &l, &tone);
            }
            w[nw++] = vn_vowel_index(&l);
            s += n;
        }
        bool closed = strchr(NUCLEI[k].kind, 'c') != NULL;
        int t[3];
        for (int nt = 1; nt <= nw; nt++)
            nuc_mark(t, nt, 0, w, nw, closed);
        int code = 0;
        for (int i = 0; i < nw; i++)
            code |= (w[i] + 1) << (4 * i);
        codes[k] = code;
        exact_tab[code] |= (strchr(NUCLEI[k].kind, 'o') ? 1 : 0) | (closed ? 2 : 0);
    }
    for (size_t k = 0; k < N_NUCLEI; k++) {
        int code = codes[k], bare = 0;
        for (int i = 0; i < 3; i++) {
            int v = (code >> (4 * i)) & 15;
            if (!v)
                break;
            bare |= (VIDX[VBASE[v - 1] - 'a'][0] + 1) << (4 * i);
        }
        if (bare == code)
            continue;
        for (int ctx = 0; ctx < 2; ctx++) {
            if (!strchr(NUCLEI[k].kind, ctx ? 'c' : 'o') || (exact_tab[bare] & (1 << ctx)))
                continue;
            uint16_t *slot = &imp_tab[ctx][bare];
            *slot = *slot == 0 || *slot == code ? (uint16_t)code : IMP_MANY;
        }
    }
}

bool vn_plausible(const letter *l, int n, int tone)
{
    parse p;
    vn_parse(l, n, &p);
    return vn_plausible_p(l, n, tone, &p);
}

bool vn_plausible_p(const letter *l, int n, int tone, const parse *pp)
{
    for (int i = 0; i < n; i++)
        if (!l[i].base)
            return false;
    parse p = *pp;
    if (!valid_initial(l, p.i_end, n))
        return false;
    int nv = p.v_end - p.i_end, nf = n - p.v_end;
    if (nv == 0)
        return nf == 0;
    if (nv > 3)
        return false;
    pthread_once(&nuc_once, nuc_init);
    int code = 0;
    for (int i = 0; i < nv; i++)
        code |= (vn_vowel_index(&l[p.i_end + i]) + 1) << (4 * i);
    if (nf == 0)
        return nuc_tab[code] & 1;
    if (!(nuc_tab[code] & 2))
        return false;
    int fk = final_kind(l + p.v_end, nf);
    if (fk == 0)
        return false;
    /* c ch p t take only sắc (1) and nặng (5) */
    return !(fk == 2 && tone >= 2 && tone <= 4);
}

/* A finished syllable: like vn_plausible, but the nucleus must be one as
 * written (marks included) in its context, and a vowel is required. */
bool vn_complete(const letter *l, int n, int tone)
{
    parse p;
    vn_parse(l, n, &p);
    return vn_complete_p(l, n, tone, &p);
}

bool vn_complete_p(const letter *l, int n, int tone, const parse *pp)
{
    if (!vn_plausible_p(l, n, tone, pp))
        return false;
    parse p = *pp;
    int nv = p.v_end - p.i_end;
    if (nv == 0)
        return false;
    int code = 0;
    for (int i = 0; i < nv; i++)
        code |= (vn_vowel_index(&l[p.i_end + i]) + 1) << (4 * i);
    return exact_tab[code] & (p.v_end < n ? 2 : 1);
}

/* The forgotten circumflex or horn: a toned syllable whose nucleus has no
 * mark and can only be one marked nucleus gets that nucleus ("Nguyenx":
 * "Nguyễn", "Tuyetj": "Tuyệt", "ruouj": "rượu"). False (l unchanged) when
 * the syllable is fine as written, ambiguous ("muonx": muỗn or mưỡn) or
 * would not be a syllable. */
bool vn_implicit_marks(letter *l, int n, int tone)
{
    if (tone == 0)
        return false;
    parse p;
    vn_parse(l, n, &p);
    return vn_implicit_marks_p(l, n, tone, &p);
}

/* Marks do not change which letters are vowels: p stays right. */
bool vn_implicit_marks_p(letter *l, int n, int tone, const parse *pp)
{
    if (tone == 0)
        return false;
    parse p = *pp;
    int nv = p.v_end - p.i_end;
    if (nv == 0 || nv > 3)
        return false;
    pthread_once(&nuc_once, nuc_init);
    int code = 0;
    for (int i = 0; i < nv; i++) {
        const letter *L = &l[p.i_end + i];
        if (L->mark || !L->base)
            return false;
        code |= (vn_vowel_index(L) + 1) << (4 * i);
    }
    uint16_t want = imp_tab[p.v_end < n][code];
    if (want == 0 || want == IMP_MANY)
        return false;
    for (int i = 0; i < nv; i++)
        l[p.i_end + i].mark = VMARK[((want >> (4 * i)) & 15) - 1];
    if (vn_complete_p(l, n, tone, &p))
        return true;
    for (int i = 0; i < nv; i++)
        l[p.i_end + i].mark = MK_NONE;   /* they were all unmarked */
    return false;
}

/* ---- Tone placement and output ------------------------------------- */

static int tone_target(const letter *v, int nv, bool has_final, bool new_style)
{
    int m = -1;
    for (int i = 0; i < nv; i++)
        if (v[i].mark)
            m = i;
    if (m >= 0)
        return m;
    if (nv == 1)
        return 0;
    if (nv >= 3)
        return 1;
    if (has_final)
        return 1;
    char a = (char)v[0].base, b = (char)v[1].base;
    bool modern = (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
    return modern && new_style ? 1 : 0;
}

static size_t put(char *out, size_t at, uint32_t cp)
{
    if (cp < 0x80) {
        out[at] = (char)cp;
        return at + 1;
    }
    if (cp < 0x800) {                  /* ă ơ ư đ and the Latin-1 vowels */
        out[at] = (char)(0xC0 | (cp >> 6));
        out[at + 1] = (char)(0x80 | (cp & 0x3F));
        return at + 2;
    }
    if (cp < 0x10000 && (cp < 0xD800 || cp > 0xDFFF)) {   /* the Vietnamese block */
        out[at] = (char)(0xE0 | (cp >> 12));
        out[at + 1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[at + 2] = (char)(0x80 | (cp & 0x3F));
        return at + 3;
    }
    return at + (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + at);
}

size_t vn_emit(const letter *l, int n, int tone, bool new_style, char *out, bool *nonascii)
{
    parse p;
    vn_parse(l, n, &p);
    return vn_emit_p(l, n, tone, new_style, out, nonascii, &p);
}

size_t vn_emit_p(const letter *l, int n, int tone, bool new_style, char *out, bool *nonascii, const parse *pp)
{
    parse p = *pp;
    int at = -1;
    if (tone > 0 && p.v_end > p.i_end)
        at = p.i_end + tone_target(l + p.i_end, p.v_end - p.i_end, p.v_end < n, new_style);
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        const letter *L = &l[i];
        uint32_t cp;
        int v;
        if (!L->base) {
            cp = L->cp;
            if (cp >= 0x80)
                *nonascii = true;
        } else if ((v = vn_vowel_index(L)) >= 0) {
            cp = VOW[v][i == at ? tone : 0];
            if (L->up)
                cp = upper_of(cp);
        } else if (L->mark == MK_BAR) {
            cp = L->up ? 0x110 : 0x111;
        } else {
            cp = L->up ? (uint32_t)L->base - 0x20 : L->base;
        }
        len = put(out, len, cp);
    }
    return len;
}

/* ---- Words back to keys, and comparisons --------------------------- */

/* Letters and tone of a word; false when it holds anything else or more
 * than one toned letter. */
static bool word_letters(const char *w, size_t wl, letter *l, int max, int *n, int *tone)
{
    *n = 0;
    *tone = 0;
    int toned = 0;
    size_t i = 0;
    while (i < wl) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(wl - i), &cp);
        if (k <= 0 || *n >= max)
            return false;
        i += (size_t)k;
        letter *L = &l[(*n)++];
        int t = 0;
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            memset(L, 0, sizeof *L);
            L->base = (uint8_t)(cp | 0x20);
            L->up = cp < 'a';
        } else if (!vn_decompose((uint32_t)cp, L, &t)) {
            return false;
        }
        if (t) {
            toned++;
            *tone = t;
        }
    }
    return toned <= 1;
}

int vn_keys_for(ime_method m, const char *w, size_t wl, uint32_t *keys, int max)
{
    return vn_word_keys(m, w, wl, keys, max, NULL, NULL);
}

int vn_word_keys(ime_method m, const char *w, size_t wl, uint32_t *keys, int max, int *starts, int *toned)
{
    letter l[VNIME_RAW_MAX];
    int n, tone;
    if (m == IME_OFF || !word_letters(w, wl, l, VNIME_RAW_MAX, &n, &tone))
        return -1;
    if (toned) {
        /* which letter shows the tone: the one that decomposes with it */
        *toned = -1;
        size_t i = 0;
        for (int li = 0; li < n && i < wl; li++) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(wl - i), &cp);
            letter L;
            int t = 0;
            if (cp >= 0x80 && vn_decompose((uint32_t)cp, &L, &t) && t)
                *toned = li;
            i += (size_t)k;
        }
    }
    bool telex = m == IME_TELEX;
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k + 2 > max)
            return -1;
        if (starts)
            starts[i] = k;
        keys[k++] = l[i].up ? (uint32_t)l[i].base - 0x20 : l[i].base;
        switch (l[i].mark) {
        case MK_HAT: keys[k++] = telex ? l[i].base : '6'; break;
        case MK_BREVE: keys[k++] = telex ? 'w' : '8'; break;
        case MK_HORN: keys[k++] = telex ? 'w' : '7'; break;
        case MK_BAR: keys[k++] = telex ? 'd' : '9'; break;
        }
    }
    if (starts)
        starts[n] = k;
    if (tone) {
        if (k + 1 > max)
            return -1;
        keys[k++] = (uint32_t)(telex ? " sfrxj"[tone] : " 12345"[tone]);
    }
    return k;
}

bool vn_same_syllable(const char *a, size_t al, const char *b, size_t bl)
{
    letter la[VNIME_RAW_MAX], lb[VNIME_RAW_MAX];
    int na, nb, ta, tb;
    if (!word_letters(a, al, la, VNIME_RAW_MAX, &na, &ta) || !word_letters(b, bl, lb, VNIME_RAW_MAX, &nb, &tb))
        return false;
    if (na != nb || ta != tb)
        return false;
    for (int i = 0; i < na; i++)
        if (la[i].base != lb[i].base || la[i].mark != lb[i].mark || la[i].up != lb[i].up)
            return false;
    return true;
}

static bool word_char(utf8proc_int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || vn_is_letter((uint32_t)cp);
}

bool vnime_restyle(const char *in, bool new_style, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out[0] = '\0';
    if (!in)
        return false;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in, -1, &nfc,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0)
        return false;
    const char *s = (const char *)nfc;
    size_t len = 0, i = 0, sl = (size_t)n;
    bool ok = true;
    while (i < sl && ok) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(nfc + i, n - (utf8proc_ssize_t)i, &cp);
        size_t j = i + (size_t)k;
        if (word_char(cp)) {
            while (j < sl) {
                k = utf8proc_iterate(nfc + j, n - (utf8proc_ssize_t)j, &cp);
                if (!word_char(cp))
                    break;
                j += (size_t)k;
            }
        }
        /* s[i..j) is a word or one other character */
        letter l[VNIME_RAW_MAX];
        int nl, tone;
        char w[VN_RENDER_MAX];
        const char *src = s + i;
        size_t wl = j - i;
        /* a word followed by a combining mark is left alone: moving its
         * tone would move the letter the mark belongs to */
        bool mark_next = false;
        if (j < sl) {
            utf8proc_iterate(nfc + j, n - (utf8proc_ssize_t)j, &cp);
            utf8proc_category_t cat = utf8proc_category(cp);
            mark_next = cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME;
        }
        if (!mark_next && wl < VNIME_RAW_MAX && word_letters(src, wl, l, VNIME_RAW_MAX, &nl, &tone) && tone &&
            vn_plausible(l, nl, tone)) {
            bool na = false;
            wl = vn_emit(l, nl, tone, new_style, w, &na);
            src = w;
        }
        if (len + wl + 1 > outsz)
            ok = false;
        else {
            memcpy(out + len, src, wl);
            len += wl;
        }
        i = j;
    }
    out[ok ? len : 0] = '\0';
    free(nfc);
    return ok;
}

/* Case-folded, restyled (traditional), spaces collapsed; malloc'ed. */
static char *name_key(const char *s)
{
    size_t cap = strlen(s) * 3 + 16;
    char *r = malloc(cap);
    if (!r)
        return NULL;
    if (!vnime_restyle(s, false, r, cap)) {
        free(r);
        return NULL;
    }
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t n = utf8proc_map((utf8proc_uint8_t *)r, -1, &f,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    free(r);
    if (n < 0)
        return NULL;
    char *o = (char *)f, *d = o;
    bool space = true;
    for (const char *p = o; *p; p++) {
        bool sp = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
        if (sp) {
            if (!space)
                *d++ = ' ';
            space = true;
        } else {
            *d++ = *p;
            space = false;
        }
    }
    if (d > o && d[-1] == ' ')
        d--;
    *d = '\0';
    return o;
}

/* Lý = Lí, Kỳ = Kì: a lone y after the initial consonant is written i
 * (the spellings alternate; the same rule as text_fold). Rewrites the key
 * (the i may be shorter in UTF-8: ỳ is 3 bytes, ì 2, never longer). */
static void iy_fold(char *k)
{
    char *d = k;
    for (const char *w = k; *w;) {
        size_t n = strcspn(w, " ");
        letter l[VNIME_RAW_MAX];
        int nl, tone;
        char out[VN_RENDER_MAX];
        size_t ol = 0;
        if (n < VNIME_RAW_MAX && word_letters(w, n, l, VNIME_RAW_MAX, &nl, &tone)) {
            parse p;
            vn_parse(l, nl, &p);
            if (p.i_end >= 1 && p.v_end == nl && p.v_end - p.i_end == 1 && l[p.i_end].base == 'y' &&
                valid_initial(l, p.i_end, nl)) {
                l[p.i_end].base = 'i';
                bool na = false;
                ol = vn_emit(l, nl, tone, false, out, &na);
            }
        }
        if (ol > 0 && ol <= n) {
            memcpy(d, out, ol);
            d += ol;
        } else {
            memmove(d, w, n);
            d += n;
        }
        w += n;
        while (*w == ' ')
            *d++ = *w++;
    }
    *d = '\0';
}

bool vnime_same_name(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    char *ka = name_key(a), *kb = name_key(b);
    if (ka)
        iy_fold(ka);
    if (kb)
        iy_fold(kb);
    bool same = ka && kb && strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}
