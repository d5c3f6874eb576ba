/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Widgets: text, buttons, lists, text fields, progress, dialogs, banners. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

/* ---- frame bookkeeping --------------------------------------------------- */

void w_region(frame *f, int y, int x, int h, int w, action act, int value)
{
    if (f->nregions >= FRAME_REGIONS || h <= 0 || w <= 0)
        return;
    f->regions[f->nregions++] = (click_region){y, x, h, w, act, value};
}

void w_hint(frame *f, action act, const char *label)
{
    for (int i = 0; i < f->nhints; i++)
        if (f->hints[i].act == act) {
            f->hints[i].label = label;
            return;
        }
    if (f->nhints < FRAME_HINTS)
        f->hints[f->nhints++] = (hint){act, label};
}

const click_region *w_hit(const frame *f, int y, int x)
{
    for (int i = f->nregions - 1; i >= 0; i--) {
        const click_region *r = &f->regions[i];
        if (y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w)
            return r;
    }
    return NULL;
}

/* ---- text ---------------------------------------------------------------- */

enum { WRAP_MAX = 64 };

int w_text_lines(const char *s, int w, int maxlines)
{
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    if (maxlines > WRAP_MAX)
        maxlines = WRAP_MAX;
    if (!s || !*s || w <= 0)
        return 0;
    return text_wrap(s, w, starts, ln, maxlines);
}

void w_say(char *slot, size_t size, const char *s)
{
    if (slot && !*slot && s)
        str_copy(slot, size, s);
}

int w_text(frame *f, int y, int x, int w, int maxlines, const char *s, term_role r)
{
    if (f && r == ROLE_ERROR)
        w_say(f->say_error, sizeof f->say_error, s);
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    if (maxlines > WRAP_MAX)
        maxlines = WRAP_MAX;
    if (!s || !*s || w <= 0 || maxlines <= 0)
        return 0;
    int n = text_wrap(s, w, starts, ln, WRAP_MAX);
    if (n > maxlines) {
        term_note_cut(y + maxlines - 1, x);   /* lines left out are text cut */
        n = maxlines;
    }
    char line[1024];
    for (int i = 0; i < n; i++) {
        size_t len = ln[i] < sizeof line - 1 ? ln[i] : sizeof line - 1;
        memcpy(line, s + starts[i], len);
        line[len] = '\0';
        term_put(y + i, x, w, line, r);
    }
    return n;
}

void w_center(frame *f, int y, int x, int w, const char *s, term_role r)
{
    if (f && r == ROLE_TITLE)
        w_say(f->say_title, sizeof f->say_title, s);
    int tw = text_width(s);
    int off = tw < w ? (w - tw) / 2 : 0;
    term_put(y, x + off, w - off, s, r);
}

void w_banner(frame *f, int y, const char *s, term_role r)
{
    term_fill(y, 0, 1, f->cols, r);
    w_center(f, y, 0, f->cols, s, r);
}

/* 3x5 block letters: '#' = ink. 0 is round, O square, S differs from 5. */
static const struct {
    char c;
    const char *rows[5];
} font[] = {
    {'0', {" # ", "# #", "# #", "# #", " # "}}, {'1', {" # ", "## ", " # ", " # ", "###"}},
    {'2', {"###", "  #", "###", "#  ", "###"}}, {'3', {"###", "  #", "###", "  #", "###"}},
    {'4', {"# #", "# #", "###", "  #", "  #"}}, {'5', {"###", "#  ", "###", "  #", "###"}},
    {'6', {"###", "#  ", "###", "# #", "###"}}, {'7', {"###", "  #", "  #", "  #", "  #"}},
    {'8', {"###", "# #", "###", "# #", "###"}}, {'9', {"###", "# #", "###", "  #", "###"}},
    {'A', {" # ", "# #", "###", "# #", "# #"}}, {'B', {"## ", "# #", "## ", "# #", "## "}},
    {'C', {"###", "#  ", "#  ", "#  ", "###"}}, {'D', {"## ", "# #", "# #", "# #", "## "}},
    {'E', {"###", "#  ", "## ", "#  ", "###"}}, {'F', {"###", "#  ", "## ", "#  ", "#  "}},
    {'G', {"###", "#  ", "# #", "# #", "###"}}, {'H', {"# #", "# #", "###", "# #", "# #"}},
    {'I', {"###", " # ", " # ", " # ", "###"}}, {'J', {"  #", "  #", "  #", "# #", "###"}},
    {'K', {"# #", "# #", "## ", "# #", "# #"}}, {'L', {"#  ", "#  ", "#  ", "#  ", "###"}},
    {'M', {"# #", "###", "###", "# #", "# #"}}, {'N', {"###", "# #", "# #", "# #", "# #"}},
    {'O', {"###", "# #", "# #", "# #", "###"}}, {'P', {"###", "# #", "###", "#  ", "#  "}},
    {'Q', {"###", "# #", "# #", "###", "  #"}}, {'R', {"## ", "# #", "## ", "# #", "# #"}},
    {'S', {" ##", "#  ", " # ", "  #", "## "}}, {'T', {"###", " # ", " # ", " # ", " # "}},
    {'U', {"# #", "# #", "# #", "# #", "###"}}, {'V', {"# #", "# #", "# #", "# #", " # "}},
    {'W', {"# #", "# #", "###", "###", "# #"}}, {'X', {"# #", "# #", " # ", "# #", "# #"}},
    {'Y', {"# #", "# #", " # ", " # ", " # "}}, {'Z', {"###", "  #", " # ", "#  ", "###"}},
    {'-', {"   ", "   ", "###", "   ", "   "}}, {'.', {"   ", "   ", "   ", "   ", " # "}},
};

static int glyph(char c)
{
    for (size_t i = 0; i < PK_ARRAY_LEN(font); i++)
        if (font[i].c == c)
            return (int)i;
    return -1;
}

int w_big(frame *f, int y, const char *s, term_role r)
{
    int n = (int)strlen(s);
    int scale = 2;                       /* columns per dot */
    if (n * (3 * scale + 1) > f->width - 2)
        scale = 1;
    int cw = 3 * scale + 1;
    bool ok = n > 0 && n * cw <= f->width - 2;
    for (int i = 0; i < n && ok; i++)
        ok = glyph(s[i]) >= 0;
    if (!ok) {
        w_center(f, y, f->left, f->width, s, r);
        return 1;
    }
    int x0 = f->left + (f->width - (n * cw - 1)) / 2;
    for (int row = 0; row < 5; row++) {
        char line[1024];
        size_t len = 0;
        for (int i = 0; i < n; i++) {
            const char *g = font[glyph(s[i])].rows[row];
            for (int d = 0; d < 3; d++)
                for (int k = 0; k < scale; k++) {
                    if (g[d] == '#') {
                        memcpy(line + len, "\xe2\x96\x88", 3);   /* U+2588 full block */
                        len += 3;
                    } else {
                        line[len++] = ' ';
                    }
                }
            if (i + 1 < n)
                line[len++] = ' ';
        }
        line[len] = '\0';
        term_put(y + row, x0, f->width, line, r);
    }
    return 5;
}

void w_progress(frame *f, int y, int step, int steps, const char *title)
{
    char buf[512];
    char n_of_m[128];
    /* TRANSLATORS: progress indicator "Step 2 of 6"; the step title follows */
    snprintf(n_of_m, sizeof n_of_m, _("Step %d of %d"), step, steps);
    snprintf(buf, sizeof buf, "%s \xe2\x80\x94 %s", n_of_m, title);
    term_put(y, f->left + 1, f->width - 2, buf, ROLE_TITLE);
    w_say(f->say_title, sizeof f->say_title, title);
    char dots[256];
    size_t len = 0;
    for (int i = 1; i <= steps && len + 8 < sizeof dots; i++) {
        /* ● done or current, ○ still to come */
        const char *d = i <= step ? "\xe2\x97\x8f " : "\xe2\x97\x8b ";
        memcpy(dots + len, d, strlen(d));
        len += strlen(d);
    }
    dots[len] = '\0';
    term_put(y + 1, f->left + 1, f->width - 2, dots, ROLE_DIM);
}

/* ---- buttons ------------------------------------------------------------- */

void w_button(frame *f, int y, int x, int w, const char *key, const char *label,
              bool focus, action act, int value)
{
    term_role role = focus ? ROLE_BUTTON_FOCUS : ROLE_BUTTON;
    term_fill(y, x, 1, w, role);
    int used = 1;
    if (key && *key) {
        char k[32];
        snprintf(k, sizeof k, " %s ", key);
        used += term_put(y, x + used, w - used, k, focus ? ROLE_BUTTON_FOCUS : ROLE_KEY);
        used += 1;
    }
    term_put(y, x + used, w - used - 1, label, role);
    w_region(f, y, x, 1, w, act, value);
}

void w_choice(frame *f, int y, int x, int w, int digit, const char *label, bool focus)
{
    char k[4];
    snprintf(k, sizeof k, "%d", digit);
    w_button(f, y, x, w, k, label, focus, ACT_CHOOSE, digit);
    if (focus)
        w_say(f->say_focus, sizeof f->say_focus, label);
}

/* ---- lists --------------------------------------------------------------- */

void wlist_set(wlist *l, int n)
{
    l->n = n < 0 ? 0 : n;
    if (l->n == 0) {
        l->sel = -1;
        l->top = 0;
        return;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    if (l->top > l->sel)
        l->top = l->sel;
}

void wlist_fix(wlist *l, int visible)
{
    if (visible < 1)
        visible = 1;
    if (l->n == 0) {
        l->sel = -1;
        l->top = 0;
        return;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    if (l->sel < l->top)
        l->top = l->sel;
    if (l->sel >= l->top + visible)
        l->top = l->sel - visible + 1;
    if (l->top > l->n - visible)
        l->top = l->n - visible;
    if (l->top < 0)
        l->top = 0;
}

bool wlist_handle(wlist *l, const event *ev, int visible)
{
    if (l->n == 0)
        return false;
    if (visible < 1)
        visible = 1;
    switch (ev->act) {
    case ACT_UP: l->sel--; break;
    case ACT_DOWN: l->sel++; break;
    case ACT_PGUP: l->sel -= visible; break;
    case ACT_PGDN: l->sel += visible; break;
    case ACT_HOME: l->sel = 0; break;
    case ACT_END: l->sel = l->n - 1; break;
    case ACT_PICK:
        if (ev->value < 0 || ev->value >= l->n)
            return false;
        l->sel = ev->value;
        break;
    default: return false;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    wlist_fix(l, visible);
    return true;
}

void wlist_row(frame *f, const wlist *l, int i, int y, int x, int w, const char *text,
               const char *right, bool focus)
{
    bool sel = focus && i == l->sel;
    term_role role = sel ? ROLE_SELECTED : ROLE_NORMAL;
    if (sel)
        term_fill(y, x, 1, w, role);
    int rw = right && *right ? text_width(right) : 0;
    int tw = w - 2 - (rw ? rw + 1 : 0);
    char cut[1024];
    text_truncate(text, tw, cut, sizeof cut);
    if (strcmp(cut, text) != 0)
        term_note_cut(y, x + 1);
    term_put(y, x + 1, tw, cut, role);
    if (sel)
        term_put(y, x, 1, "\xe2\x96\xb8", role);   /* ▸ marks the row without colour */
    if (rw)
        term_put(y, x + w - 1 - rw, rw, right, sel ? ROLE_SELECTED : ROLE_DIM);
    w_region(f, y, x, 1, w, ACT_PICK, i);
}

int wlist_row_wrapped(frame *f, const wlist *l, int i, int y, int x, int w, int indent,
                      int maxlines, const char *text, bool focus)
{
    bool sel = focus && i == l->sel;
    term_role role = sel ? ROLE_SELECTED : ROLE_NORMAL;
    int tw = w - 2 - indent;
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    int lines = text && *text && tw > 0 ? text_wrap(text, tw, starts, ln, WRAP_MAX) : 0;
    if (lines < 1)
        lines = 1;
    if (lines > maxlines) {
        term_note_cut(y + maxlines - 1, x);
        lines = maxlines;
    }
    if (sel)
        term_fill(y, x, lines, w, role);
    char line[1024];
    for (int k = 0; text && *text && tw > 0 && k < lines; k++) {
        size_t len = ln[k] < sizeof line - 1 ? ln[k] : sizeof line - 1;
        memcpy(line, text + starts[k], len);
        line[len] = '\0';
        /* the lines after the first hang under the text, not the key */
        term_put(y + k, x + 1 + (k ? indent : 0), tw, line, role);
    }
    if (sel)
        term_put(y, x, 1, "\xe2\x96\xb8", role);   /* ▸ marks the row without colour */
    w_region(f, y, x, lines, w, ACT_PICK, i);
    return lines;
}

void wlist_position(frame *f, const wlist *l, int visible, int y, int x, int w)
{
    (void)f;
    if (l->n <= visible || l->n == 0)
        return;
    char buf[64];
    int last = l->top + visible < l->n ? l->top + visible : l->n;
    snprintf(buf, sizeof buf, "%d-%d / %d", l->top + 1, last, l->n);
    int bw = text_width(buf);
    term_put(y, x + w - bw - 1, bw, buf, ROLE_DIM);
}

/* ---- text fields --------------------------------------------------------- */

static bool tone_new;   /* one style for the whole kiosk, from the config */

void tf_set_tone_style(bool new_style)
{
    tone_new = new_style;
}

void tf_init(tfield *t, tf_kind kind, size_t maxbytes)
{
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->max = maxbytes == 0 || maxbytes > TF_MAX - 1 ? TF_MAX - 1 : maxbytes;
    vnime_init(&t->ime, IME_OFF, tone_new);
}

void tf_set(tfield *t, const char *s)
{
    char tmp[TF_MAX];
    if (!text_nfc_buf(s, tmp, sizeof tmp))
        tmp[0] = '\0';
    str_copy(t->buf, t->max + 1, tmp);
    t->len = strlen(t->buf);
    t->cur = t->len;
    vnime_reset(&t->ime);
    mem_wipe(tmp, sizeof tmp);
}

void tf_wipe(tfield *t)
{
    tf_kind k = t->kind;
    size_t max = t->max;
    mem_wipe(t, sizeof *t);
    tf_init(t, k, max);
}

static size_t next_grapheme(const char *s)
{
    if (!*s)
        return 0;
    size_t n = text_fit(s, 1);
    if (n == 0)
        n = text_fit(s, 2);
    if (n == 0) {         /* a lone mark or control: one code point */
        n = 1;
        while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
            n++;
    }
    return n;
}

static size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        if (cp >= 0xD800 && cp < 0xE000)
            return 0;
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Plain insertion at the cursor, then NFC (a typed combining mark joins
 * the letter before it). */
static bool insert_plain(tfield *t, uint32_t cp)
{
    char enc[4];
    size_t n = utf8_encode(cp, enc);
    if (n == 0 || t->len + n > t->max)
        return false;
    char raw[TF_MAX + 4], nfc[TF_MAX];
    memcpy(raw, t->buf, t->cur);
    memcpy(raw + t->cur, enc, n);
    memcpy(raw + t->cur + n, t->buf + t->cur, t->len - t->cur + 1);
    size_t rawlen = t->len + n;
    if (!text_nfc_buf(raw, nfc, sizeof nfc) || strlen(nfc) > t->max) {
        mem_wipe(raw, sizeof raw);
        return false;
    }
    size_t newlen = strlen(nfc);
    size_t tail = t->len - t->cur;     /* bytes after the cursor usually stay as they were */
    bool same_tail = newlen >= tail && memcmp(nfc + newlen - tail, t->buf + t->cur, tail) == 0;
    memcpy(t->buf, nfc, newlen + 1);
    t->len = newlen;
    t->cur = newlen >= tail ? newlen - tail : newlen;
    if (!same_tail) {
        /* the letter typed took the mark after the cursor ("y" before a
         * combining grave is "ỳ"): the cursor goes after that letter */
        while (t->cur > 0 && ((unsigned char)t->buf[t->cur] & 0xC0) == 0x80)
            t->cur--;
        t->cur += next_grapheme(t->buf + t->cur);
        if (t->cur > t->len)
            t->cur = t->len;
    }
    (void)rawlen;
    mem_wipe(raw, sizeof raw);
    mem_wipe(nfc, sizeof nfc);
    return true;
}

/* Type anywhere: a key typed (key != 0) or a Backspace (key 0) inside or
 * at the end of a word that is not the end of the text recomposes that
 * word. False when there is no word there or it is not Vietnamese. */
static bool edit_word(tfield *t, uint32_t key, ime_method m)
{
    size_t ws, we;
    vnime_word_at(t->buf, t->len, t->cur, &ws, &we);
    if (ws == we || (key == 0 && ws == t->cur))
        return false;
    char w[TF_MAX * 2];
    size_t at;
    if (!vnime_edit_word(m, tone_new, t->buf + ws, we - ws, t->cur - ws, key, w, sizeof w, &at))
        return false;
    size_t wl = strlen(w);
    if (t->len - (we - ws) + wl > t->max)
        return false;
    memmove(t->buf + ws + wl, t->buf + we, t->len - we + 1);
    memcpy(t->buf + ws, w, wl);
    size_t old = t->len;
    t->len = t->len - (we - ws) + wl;
    if (t->len < old)
        mem_wipe(t->buf + t->len + 1, old - t->len);
    t->cur = ws + at;
    mem_wipe(w, sizeof w);
    return true;
}

static bool word_key(uint32_t cp, ime_method m)
{
    return (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) || (m == IME_VNI && cp >= '0' && cp <= '9') ||
           cp >= 0xc0;
}

bool tf_insert_utf8(tfield *t, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    bool any = false;
    while (*p) {
        uint32_t cp = *p;
        int n = cp < 0x80 ? 0 : cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
        if (n)
            cp &= 0x3Fu >> n;
        p++;
        for (int i = 0; i < n && (*p & 0xC0) == 0x80; i++, p++)
            cp = (cp << 6) | (*p & 0x3Fu);
        vnime_reset(&t->ime);
        if (!insert_plain(t, cp))
            return any;
        t->touched = any = true;
    }
    return any;
}

bool tf_tone(tfield *t, uint32_t key)
{
    size_t st, en;
    vnime_word_at(t->buf, t->len, t->cur, &st, &en);
    if (st == en || en != t->cur)
        return false;
    char out[TF_MAX];
    size_t at = 0;
    if (!vnime_edit_word(IME_TELEX, tone_new, t->buf + st, en - st, en - st, key, out, sizeof out,
                         &at))
        return false;
    if (strlen(out) == en - st && memcmp(out, t->buf + st, en - st) == 0) {
        /* the word has this tone already: a second touch takes it off */
        char word[TF_MAX];
        memcpy(word, t->buf + st, en - st);
        word[en - st] = '\0';
        if (!text_strip_tones(word, out, sizeof out))
            return false;
    }
    size_t ol;
    ol = strlen(out);
    if (t->len - (en - st) + ol > t->max)
        return false;
    memmove(t->buf + st + ol, t->buf + en, t->len - en + 1);
    memcpy(t->buf + st, out, ol);
    t->len = t->len - (en - st) + ol;
    t->cur = st + ol;
    t->touched = true;
    vnime_reset(&t->ime);
    return true;
}

bool tf_handle(tfield *t, const event *ev, ime_method m)
{
    bool printable = (ev->ch >= 0x20 && ev->ch < 0x7f) || ev->ch >= 0xA0;  /* no C0/C1 */
    if (printable && (ev->act == ACT_CHAR || ev->act == ACT_CHOOSE)) {
        if (t->kind == TF_AMOUNT && (ev->ch < '0' || ev->ch > '9'))
            return false;   /* "2OO000" must not become 2 đ: the screen says why */
        t->touched = true;
        bool ime = t->kind == TF_TEXT && m != IME_OFF && t->cur == t->len;
        if (ime) {
            if (t->ime.method != m || t->ime.new_style != tone_new)
                vnime_init(&t->ime, m, tone_new);
            vnime_resume(&t->ime, t->buf, t->len);
            if (vnime_type(&t->ime, t->buf, t->max + 1, ev->ch)) {
                t->len = strlen(t->buf);
                t->cur = t->len;
            }
        } else if (t->kind == TF_TEXT && m != IME_OFF && word_key(ev->ch, m) && edit_word(t, ev->ch, m)) {
            vnime_reset(&t->ime);
        } else {
            vnime_reset(&t->ime);
            insert_plain(t, ev->ch);
        }
        return true;
    }
    switch (ev->act) {
    case ACT_BACKSPACE:
        if (t->cur == 0)
            return true;
        t->touched = true;
        if (t->kind == TF_TEXT && t->cur == t->len && t->ime.method != IME_OFF) {
            vnime_backspace(&t->ime, t->buf, t->max + 1);
            t->len = strlen(t->buf);
            t->cur = t->len;
        } else if (t->kind == TF_TEXT && m != IME_OFF && edit_word(t, 0, m)) {
            vnime_reset(&t->ime);
        } else {
            size_t n = text_prev_grapheme(t->buf, t->cur);
            if (n == 0 || n > t->cur)
                n = 1;
            memmove(t->buf + t->cur - n, t->buf + t->cur, t->len - t->cur + 1);
            t->cur -= n;
            t->len -= n;
            mem_wipe(t->buf + t->len + 1, n);
            vnime_reset(&t->ime);
        }
        return true;
    case ACT_DELETE: {
        size_t n = next_grapheme(t->buf + t->cur);
        if (n) {
            memmove(t->buf + t->cur, t->buf + t->cur + n, t->len - t->cur - n + 1);
            t->len -= n;
            mem_wipe(t->buf + t->len + 1, n);
            t->touched = true;
        }
        vnime_reset(&t->ime);
        return true;
    }
    case ACT_LEFT:
        if (t->cur > 0) {
            size_t n = text_prev_grapheme(t->buf, t->cur);
            t->cur -= n && n <= t->cur ? n : 1;
        }
        vnime_reset(&t->ime);
        return true;
    case ACT_RIGHT:
        t->cur += next_grapheme(t->buf + t->cur);
        vnime_reset(&t->ime);
        return true;
    case ACT_HOME:
        t->cur = 0;
        vnime_reset(&t->ime);
        return true;
    case ACT_END:
        t->cur = t->len;
        vnime_reset(&t->ime);
        return true;
    default:
        return false;
    }
}

void tf_draw(frame *f, const tfield *t, int y, int x, int w, bool focus)
{
    term_role role = focus ? ROLE_FIELD_FOCUS : ROLE_FIELD;
    term_fill(y, x, 1, w, role);
    int inner = w - 2;
    if (inner < 1)
        return;
    char shown[TF_MAX * 3 + 1];
    size_t cur = t->cur;
    if (t->kind == TF_SECRET) {
        size_t n = 0, k = 0, c = 0;
        for (size_t i = 0; i < t->len; i++)
            if (((unsigned char)t->buf[i] & 0xC0) != 0x80) {
                memcpy(shown + n, "\xe2\x97\x8f", 3);   /* ● */
                n += 3;
                k++;
                if (i < t->cur)
                    c = n;
            }
        shown[n] = '\0';
        cur = t->cur == t->len ? n : c;
        (void)k;
    } else {
        memcpy(shown, t->buf, t->len + 1);
    }
    /* scroll so the cursor stays visible */
    size_t start = 0;
    char prefix[TF_MAX * 3 + 1];
    for (;;) {
        size_t n = cur - start;
        memcpy(prefix, shown + start, n);
        prefix[n] = '\0';
        if (text_width(prefix) < inner || start >= cur)
            break;
        start += next_grapheme(shown + start);
    }
    int cx = text_width(prefix);
    term_put_clipped(y, x + 1, inner, shown + start, role);
    if (!term_has_colors()) {      /* monochrome: brackets show where the field is */
        term_put(y, x, 1, "[", role);
        term_put(y, x + w - 1, 1, "]", role);
    }
    if (focus) {
        f->cursor = true;
        f->cur_y = y;
        f->cur_x = x + 1 + cx;
        if (t->kind == TF_TEXT)
            f->show_ime = true;
    }
    mem_wipe(prefix, sizeof prefix);
    mem_wipe(shown, sizeof shown);
}

int tf_draw_labeled(frame *f, const tfield *t, int y, int x, int w, const char *label,
                    const char *msg, bool msg_is_error, bool focus, int index)
{
    term_put(y, x, w, label, focus ? ROLE_TITLE : ROLE_NORMAL);
    tf_draw(f, t, y + 1, x, w, focus);
    if (focus)
        w_say(f->say_focus, sizeof f->say_focus, label);
    if (focus && msg && *msg && msg_is_error)   /* the focused field's error first */
        str_copy(f->say_error, sizeof f->say_error, msg);
    int lines = 1;
    if (msg && *msg) {
        /* ✗ before an error so colour is never the only sign */
        char buf[512];
        snprintf(buf, sizeof buf, "%s%s", msg_is_error ? "\xe2\x9c\x97 " : "", msg);
        lines = w_text(f, y + 2, x, w, TF_MSG_LINES, buf, msg_is_error ? ROLE_ERROR : ROLE_DIM);
        if (lines < 1)
            lines = 1;
    }
    w_region(f, y, x, 2 + lines, w, ACT_PICK, index);
    return 2 + lines;
}

/* ---- dialogs --------------------------------------------------------------- */

void w_dialog(frame *f, const char *title, const char *body, const w_dlg_button *b,
              int nb, term_role role)
{
    /* a dialog is what the citizen must read now: it is what is said */
    snprintf(f->say_error, sizeof f->say_error, "%s. %s", title, body);
    int w = f->cols - 8 < 70 ? f->cols - 8 : 70;
    if (w < 20)
        w = f->cols;
    /* a title too long for the frame line wraps inside the box instead */
    char t[512];
    snprintf(t, sizeof t, " %s ", title);
    int tl = text_width(t) <= w - 2 ? 0 : w_text_lines(title, w - 4, 3);
    int lines = w_text_lines(body, w - 4, f->rows - 8 - tl);
    int h = lines + tl + (nb ? 6 : 4);
    if (h > f->rows)
        h = f->rows;
    int y = (f->rows - h) / 2, x = (f->cols - w) / 2;
    /* a quiet margin, so no half-covered words peek out around the box */
    int my0 = y - 1 < 1 ? 1 : y - 1, my1 = y + h + 1 > f->rows - 1 ? f->rows - 1 : y + h + 1;
    if (my1 > my0)
        term_fill(my0, x - 2, my1 - my0, w + 4, ROLE_NORMAL);
    term_box(y, x, h, w, role);
    if (tl)
        w_text(f, y + 1, x + 2, w - 4, tl, title, role);
    else
        w_center(f, y, x, w, t, role);
    w_text(f, y + 2 + tl, x + 2, w - 4, lines, body, role);
    /* a click anywhere in the box is swallowed, not passed below */
    w_region(f, y, x, h, w, ACT_NONE, 0);
    if (nb == 0)
        return;
    int bw = (w - 4 - (nb - 1) * 2) / nb;
    for (int i = 0; i < nb; i++)
        w_button(f, y + h - 2, x + 2 + i * (bw + 2), bw, b[i].key, b[i].label, i == 0,
                 b[i].act, b[i].value);
}

/* ---- scrolling pages ------------------------------------------------------- */

void wpage_begin(wpage *p, frame *f, int top, int bottom, int x, int w, int scroll,
                 bool measure)
{
    p->f = f;
    p->y = 0;
    p->top = top;
    p->bottom = bottom;
    p->x = x;
    p->w = w;
    p->scroll = scroll < 0 ? 0 : scroll;
    p->measure = measure;
}

int wpage_visible(const wpage *p)
{
    return p->bottom - p->top;
}

static void page_line(wpage *p, int col, const char *s, size_t len, term_role r)
{
    int row = p->top + p->y - p->scroll;
    if (!p->measure && row >= p->top && row < p->bottom) {
        char line[1024];
        if (len > sizeof line - 1)
            len = sizeof line - 1;
        memcpy(line, s, len);
        line[len] = '\0';
        term_put(row, p->x + col, p->w - col, line, r);
    }
    p->y++;
}

void wpage_item(wpage *p, const char *bullet, const char *s, term_role r)
{
    int bw = bullet ? text_width(bullet) : 0;
    size_t starts[WRAP_MAX], ln[WRAP_MAX];
    int n = s && *s ? text_wrap(s, p->w - bw, starts, ln, WRAP_MAX) : 0;
    if (n == 0) {
        if (bw)
            page_line(p, 0, bullet, strlen(bullet), r);
        return;
    }
    for (int i = 0; i < n; i++) {
        int row = p->top + p->y - p->scroll;
        if (i == 0 && bw && !p->measure && row >= p->top && row < p->bottom)
            term_put(row, p->x, bw, bullet, r);
        page_line(p, bw, s + starts[i], ln[i], r);
    }
}

void wpage_text(wpage *p, const char *s, term_role r)
{
    if (!p->measure && r == ROLE_ERROR)
        w_say(p->f->say_error, sizeof p->f->say_error, s);
    wpage_item(p, NULL, s, r);
}

void wpage_gap(wpage *p)
{
    p->y++;
}

void wpage_end(wpage *p)
{
    if (p->measure)
        return;
    if (p->y - p->scroll > wpage_visible(p)) {
        /* TRANSLATORS: shown under a page that continues below */
        char buf[128];
        snprintf(buf, sizeof buf, "\xe2\x96\xbc %s", _("More below: press PgDn"));
        int bw = text_width(buf);
        term_put(p->bottom - 1, p->x + p->w - bw, bw, buf, ROLE_WARN);
    }
}

frame w_frame_now(void)
{
    frame f;
    memset(&f, 0, sizeof f);
    term_size(&f.rows, &f.cols);
    f.top = 1;
    f.left = 0;
    f.height = f.rows - 2;
    f.width = f.cols;
    return f;
}

void w_money(long long vnd, char *out, size_t outsz)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", vnd < 0 ? -vnd : vnd);
    char buf[48];
    size_t n = strlen(digits), k = 0;
    if (vnd < 0)
        buf[k++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[k++] = '.';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    snprintf(out, outsz, "%s \xc4\x91", buf);   /* đ */
}
