/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text field: typing through the Vietnamese input method, editing by
 * grapheme, drawing with a scrolling cursor. Split from widgets.c. */
#include "widget_field.h"

#include <stdio.h>
#include <string.h>

#include "text.h"
#include "util.h"
#include "widgets.h"

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
