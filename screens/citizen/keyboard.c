/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The on-screen keyboard (issue 15 item 12): a kiosk with a touch screen
 * and no keyboard. Touching a text field opens it for that field: large
 * keys drawn in the terminal, the letters with marks (ă â đ ê ô ơ ư) as
 * keys of their own, and the five tones as keys that put the tone on the
 * word being typed by the Vietnamese rules of i18n/vnime (tf_tone). A
 * number field gets a number pad. Every key is a clickable region: a touch
 * is a click through the one input loop; the physical keys work too. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"

enum { UNITS = 10, KEYS_MAX = 64 };

typedef enum { K_CHAR, K_TONE, K_SHIFT, K_BACKSPACE, K_SPACE, K_DONE } key_kind;

typedef struct {
    key_kind kind;
    const char *label;     /* lower case; NULL for the kinds named below */
    const char *upper;     /* the capital, for letters */
    int units;             /* width in tenths of the row */
    char tone;             /* K_TONE: the Telex key of the tone */
} osk_key;

typedef struct {
    bool shift;            /* the next letter's case is the other one */
} kbd_state;

#define L(lo, up) {K_CHAR, lo, up, 1, 0}
#define C(ch) {K_CHAR, ch, NULL, 1, 0}
#define END {K_DONE, NULL, NULL, 0, 0}

/* Rows of ten units; a row ends at a key of 0 units. */
static const osk_key letters[][12] = {
    {C("1"), C("2"), C("3"), C("4"), C("5"), C("6"), C("7"), C("8"), C("9"), C("0"), END},
    {L("q", "Q"), L("w", "W"), L("e", "E"), L("r", "R"), L("t", "T"), L("y", "Y"), L("u", "U"),
     L("i", "I"), L("o", "O"), L("p", "P"), END},
    {L("a", "A"), L("s", "S"), L("d", "D"), L("f", "F"), L("g", "G"), L("h", "H"), L("j", "J"),
     L("k", "K"), L("l", "L"), L("\xc4\x91", "\xc4\x90"), END},
    {L("z", "Z"), L("x", "X"), L("c", "C"), L("v", "V"), L("b", "B"), L("n", "N"), L("m", "M"),
     C(","), C("."), C("/"), END},
    {L("\xc4\x83", "\xc4\x82"), L("\xc3\xa2", "\xc3\x82"), L("\xc3\xaa", "\xc3\x8a"),
     L("\xc3\xb4", "\xc3\x94"), L("\xc6\xa1", "\xc6\xa0"), L("\xc6\xb0", "\xc6\xaf"),
     {K_SHIFT, NULL, NULL, 2, 0}, {K_BACKSPACE, NULL, NULL, 2, 0}, END},
    {{K_TONE, "\xc3\xa1", NULL, 1, 's'}, {K_TONE, "\xc3\xa0", NULL, 1, 'f'},
     {K_TONE, "\xe1\xba\xa3", NULL, 1, 'r'}, {K_TONE, "\xc3\xa3", NULL, 1, 'x'},
     {K_TONE, "\xe1\xba\xa1", NULL, 1, 'j'}, {K_SPACE, NULL, NULL, 3, 0},
     {K_DONE, NULL, NULL, 2, 0}, END},
};

/* E-mail: the letters without marks or tones, and its signs. */
static const osk_key ascii_rows[][12] = {
    {L("@", NULL), C("-"), C("_"), C("+"), {K_SHIFT, NULL, NULL, 2, 0},
     {K_BACKSPACE, NULL, NULL, 2, 0}, {K_DONE, NULL, NULL, 2, 0}, END},
};

/* Numbers: a pad of three columns. */
static const osk_key digits[][12] = {
    {C("1"), C("2"), C("3"), END},
    {C("4"), C("5"), C("6"), END},
    {C("7"), C("8"), C("9"), END},
    {{K_BACKSPACE, NULL, NULL, 1, 0}, C("0"), {K_DONE, NULL, NULL, 1, 0}, END},
};

#undef L
#undef C
#undef END

/* The rows of the layout for field t, and how many. */
static const osk_key (*layout(const tfield *t, int *nrows))[12]
{
    if (t->kind == TF_DIGITS) {
        *nrows = 4;
        return digits;
    }
    *nrows = t->kind == TF_ASCII ? 5 : 6;
    return letters;
}

static const osk_key *row_key(const tfield *t, int r, int k)
{
    int n;
    const osk_key (*rows)[12] = layout(t, &n);
    if (t->kind == TF_ASCII && r == 4)
        return &ascii_rows[0][k];
    return &rows[r][k];
}

static int row_units(const tfield *t, int r)
{
    int u = 0;
    for (int k = 0; row_key(t, r, k)->units > 0; k++)
        u += row_key(t, r, k)->units;
    return u;
}

/* Capitals at the start of a word in names and addresses; Shift turns
 * the next letter the other way. */
static bool upper_now(const kbd_state *s, const tfield *t)
{
    bool word_start = t->kind == TF_TEXT && (t->cur == 0 || t->buf[t->cur - 1] == ' ');
    return word_start != s->shift;
}

static const char *label_of(const kbd_state *s, const tfield *t, const osk_key *k)
{
    switch (k->kind) {
    case K_SHIFT: return "\xe2\x87\xa7";                          /* ⇧ */
    case K_BACKSPACE: return "\xe2\x8c\xab";                      /* ⌫ */
    case K_SPACE: return _("space");
    case K_DONE: return _("Done");
    case K_CHAR: return k->upper && upper_now(s, t) ? k->upper : k->label;
    case K_TONE: return k->label;
    }
    return "";
}

static tfield *target(const app *a)
{
    return cz(a)->osk_field;
}

static void kbd_draw(const void *state, const app *a, frame *f)
{
    const kbd_state *s = state;
    tfield *t = target(a);
    if (!t)
        return;
    int w = f->width - 4 < 110 ? f->width - 4 : 110;
    int x = f->left + (f->width - w) / 2;
    int y = f->top + 1;
    term_put(y, x, w, _(cz(a)->osk_label), ROLE_TITLE);
    tf_draw(f, t, y + 1, x, w, true);
    y += 3;
    int nrows;
    layout(t, &nrows);
    int avail = f->top + f->height - y;
    int per = avail / nrows;
    int kh = per >= 3 ? per - 1 : per < 1 ? 1 : per, gap = per >= 3 ? 1 : 0;
    if (kh > 3)
        kh = 3;
    int kw = t->kind == TF_DIGITS ? (w / 3 < 20 ? w / 3 : 20) : w / UNITS;
    int width = t->kind == TF_DIGITS ? kw * 3 : kw * UNITS;
    int x0 = x + (w - width) / 2;
    for (int r = 0; r < nrows; r++, y += kh + gap) {
        int kx = x0 + (t->kind == TF_DIGITS ? 0 : (UNITS - row_units(t, r)) * kw / 2);
        for (int k = 0; row_key(t, r, k)->units > 0; k++) {
            const osk_key *key = row_key(t, r, k);
            int cw = key->units * kw;
            term_role role = key->kind == K_DONE ? ROLE_BUTTON_FOCUS
                             : key->kind == K_SHIFT && s->shift ? ROLE_SELECTED
                                                                : ROLE_BUTTON;
            term_fill(y, kx, kh, cw - 1, role);
            w_center(f, y + (kh - 1) / 2, kx, cw - 1, label_of(s, t, key), role);
            w_region(f, y, kx, kh, cw - 1, ACT_OSK, r * 16 + k);
            kx += cw;
        }
    }
    f->show_ime = false;            /* the keys are the typing method here */
    w_hint(f, ACT_NEXT, N_("Done"));
    w_hint(f, ACT_BACK, NULL);
}

static screen_result press(kbd_state *s, app *a, const osk_key *key)
{
    tfield *t = target(a);
    event ev = {.act = ACT_NONE};
    switch (key->kind) {
    case K_CHAR: {
        const char *text = key->upper && upper_now(s, t) ? key->upper : key->label;
        s->shift = false;
        return tf_insert_utf8(t, text) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    }
    case K_TONE:
        return tf_tone(t, (uint32_t)key->tone) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    case K_SHIFT:
        s->shift = !s->shift;
        return SR_(SR_REDRAW);
    case K_BACKSPACE:
        ev.act = ACT_BACKSPACE;
        return tf_handle(t, &ev, IME_OFF) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    case K_SPACE:
        return tf_insert_utf8(t, " ") ? SR_(SR_REDRAW) : SR_(SR_NONE);
    case K_DONE:
        return SR_(SR_POP);
    }
    return SR_(SR_NONE);
}

static screen_result kbd_handle(void *state, app *a, const event *ev)
{
    kbd_state *s = state;
    tfield *t = target(a);
    if (!t)
        return SR_(SR_POP);
    switch (ev->act) {
    case ACT_OSK: {
        int nrows, r = ev->value / 16, k = ev->value % 16;
        layout(t, &nrows);
        if (ev->value < 0 || r >= nrows)
            return SR_(SR_NONE);
        for (int i = 0; i <= k; i++)
            if (row_key(t, r, i)->units == 0)
                return SR_(SR_NONE);
        return press(s, a, row_key(t, r, k));
    }
    case ACT_NEXT: case ACT_BACK:
        return SR_(SR_POP);            /* the text stays in its field */
    default:
        /* a keyboard plugged in works as on the form */
        return tf_handle(t, ev, t->kind == TF_TEXT ? a->ime : IME_OFF) ? SR_(SR_REDRAW)
                                                                        : SR_(SR_NONE);
    }
}

static void kbd_leave(void *state, app *a)
{
    (void)state;
    cz(a)->osk_field = NULL;
}

const screen_ops screen_keyboard = {
    .name = "keyboard",
    .state_size = sizeof(kbd_state),
    .help = N_("Touch the letters to type. The letters with marks have keys of their own; "
               "a tone key (\xc3\xa1 \xc3\xa0 \xe1\xba\xa3 \xc3\xa3 \xe1\xba\xa1) puts that tone on the word you are typing. "
               "Touch Done when the text is right."),
    .draw = kbd_draw,
    .handle = kbd_handle,
    .leave = kbd_leave,
};

screen_result citizen_keyboard(app *a, tfield *t, const char *label)
{
    citizen *c = cz(a);
    c->osk_field = t;
    c->osk_label = label;
    return SR_TO(SR_PUSH, &screen_keyboard, NULL);
}
