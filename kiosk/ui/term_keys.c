/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Input decoding: ncurses' key codes, the escape sequences terminfo does
 * not name (the keypad in application mode, Home/End as some terminals
 * send them), mouse clicks and resizes, as term_input values. */
#include "term.h"
#include "term_private.h"

#include <curses.h>
#include <string.h>
#include <wchar.h>

static term_key map_keycode(int k)
{
    switch (k) {
    case KEY_ENTER: return TK_ENTER;
    case KEY_BTAB: return TK_BACKTAB;
    case KEY_BACKSPACE: return TK_BACKSPACE;
    case KEY_DC: return TK_DELETE;
    case KEY_UP: return TK_UP;
    case KEY_DOWN: return TK_DOWN;
    case KEY_LEFT: return TK_LEFT;
    case KEY_RIGHT: return TK_RIGHT;
    case KEY_HOME: return TK_HOME;
    case KEY_END: return TK_END;
    case KEY_PPAGE: return TK_PGUP;
    case KEY_NPAGE: return TK_PGDN;
    default: break;
    }
    if (k >= KEY_F(1) && k <= KEY_F(12))
        return (term_key)(TK_F1 + (k - KEY_F(1)));
    return TK_NONE;
}

/* The rest of an escape sequence ncurses did not know (terminfo lacks
 * it: the keypad in application mode, Home/End as some terminals send
 * them): the bytes are already in ncurses' queue, so read without
 * waiting. -1 when nothing follows. */
static int next_now(void)
{
    wtimeout(stdscr, 0);
    wint_t ch;
    int r = wget_wch(stdscr, &ch);
    if (r == ERR || r == KEY_CODE_YES)
        return -1;      /* a decoded key cannot be part of a raw sequence */
    return (int)ch;
}

static bool as_char(term_input *in, uint32_t cp)
{
    in->kind = TI_CHAR;
    in->cp = cp;
    return true;
}

/* SS3 finals: arrows, Home/End, F1-F4, and the numeric keypad in
 * application mode (ESC O p..y = 0..9, M = Enter, operators). The Linux
 * console's keypad sends + - * / as ESC O l S R Q (drivers/tty/vt/
 * keyboard.c, k_pad), where xterm's are k m j o and S R Q are F4 F3 F2
 * (the console's F1-F5 are ESC [ [ A..E); its Num Lock key is ESC O P
 * there (fn_num) and does nothing. */
static bool ss3_key(int fin, term_input *in, bool console)
{
    static const char keypad[] = "pqrstuvwxy";
    const char *k = fin > 0 && fin < 128 ? strchr(keypad, fin) : NULL;
    if (k)
        return as_char(in, (uint32_t)('0' + (k - keypad)));
    if (console) {
        switch (fin) {
        case 'l': return as_char(in, '+');
        case 'S': return as_char(in, '-');
        case 'R': return as_char(in, '*');
        case 'Q': return as_char(in, '/');
        case 'P': in->key = TK_NONE; return true;   /* Num Lock itself (fn_num), not F1 */
        default: break;
        }
    }
    switch (fin) {
    case 'A': in->key = TK_UP; return true;
    case 'B': in->key = TK_DOWN; return true;
    case 'C': in->key = TK_RIGHT; return true;
    case 'D': in->key = TK_LEFT; return true;
    case 'H': in->key = TK_HOME; return true;
    case 'F': in->key = TK_END; return true;
    case 'P': case 'Q': case 'R': case 'S': in->key = (term_key)(TK_F1 + (fin - 'P')); return true;
    case 'M': in->key = TK_ENTER; return true;
    case 'k': return as_char(in, '+');
    case 'm': return as_char(in, '-');
    case 'j': return as_char(in, '*');
    case 'o': return as_char(in, '/');
    case 'n': return as_char(in, '.');
    case 'l': return as_char(in, ',');
    case 'X': return as_char(in, '=');
    default: return false;
    }
}

/* CSI: ESC [ params final. Home/End in their four spellings, the editing
 * keys, function keys; modifiers (";5") are ignored. */
static bool csi_key(int n, int fin, term_input *in)
{
    switch (fin) {
    case 'A': case 'B': case 'C': case 'D': case 'H': case 'F': return ss3_key(fin, in, false);
    case 'Z': in->key = TK_BACKTAB; return true;
    case '~': break;
    default: return false;
    }
    switch (n) {
    case 1: case 7: in->key = TK_HOME; return true;
    case 4: case 8: in->key = TK_END; return true;
    case 3: in->key = TK_DELETE; return true;
    case 5: in->key = TK_PGUP; return true;
    case 6: in->key = TK_PGDN; return true;
    case 11: case 12: case 13: case 14: case 15: in->key = (term_key)(TK_F1 + n - 11); return true;
    case 17: case 18: case 19: case 20: case 21: in->key = (term_key)(TK_F6 + n - 17); return true;
    case 23: case 24: in->key = (term_key)(TK_F11 + n - 23); return true;
    default: return false;
    }
}

/* After an ESC ncurses did not decode: a whole CSI or SS3 sequence is
 * read and named, or dropped whole (TK_NONE), so that no byte of it
 * reaches the next screen as text; anything else is a plain Esc, and the
 * byte that followed is given back. */
static bool read_escape(term_input *in)
{
    in->kind = TI_KEY;
    in->key = TK_ESC;
    int c = next_now();
    if (c < 0)
        return true;
    if (c != '[' && c != 'O') {
        wchar_t back = (wchar_t)c;
        unget_wch(back);
        return true;
    }
    in->key = TK_NONE;
    int n = 0, fin = -1;
    bool linux_f = false, modifier = false;
    for (int i = 0; i < 32; i++) {
        int b = next_now();
        if (b < 0)
            return true;                    /* cut short: dropped */
        if (c == '[' && i == 0 && b == '[') {
            linux_f = true;                 /* the Linux console's ESC [ [ A..E = F1..F5 */
            continue;
        }
        if (b >= '0' && b <= '9') {
            if (!modifier && n < 1000)
                n = n * 10 + (b - '0');
            continue;
        }
        if (b == ';') {
            modifier = true;                /* a modifier follows: keep the first number */
            continue;
        }
        if (b >= 0x20 && b <= 0x3f)
            continue;                       /* other parameter and intermediate bytes */
        fin = b;
        break;
    }
    if (fin < 0x40 || fin > 0x7e)
        return true;                        /* not a sequence's end: dropped */
    if (linux_f) {
        if (fin >= 'A' && fin <= 'E')
            in->key = (term_key)(TK_F1 + (fin - 'A'));
        return true;
    }
    term_input k = *in;
    k.key = TK_NONE;
    bool known = c == 'O' ? ss3_key(fin, &k, term_on_console()) : csi_key(n, fin, &k);
    if (known)
        *in = k;
    return true;
}

/* Keys terminfo names only as extended capabilities (xterm's kpZRO, ka2,
 * kHOM5 ...): the keypad's digits and operators, and Home, End and the
 * arrows with a modifier held. */
static bool extended_key(int code, term_input *in)
{
    static const struct {
        const char *name;
        char ch;
    } pad[] = {{"kpZRO", '0'}, {"kc2", '2'}, {"kb1", '4'}, {"kb3", '6'}, {"ka2", '8'},
               {"kpADD", '+'}, {"kpSUB", '-'}, {"kpMUL", '*'}, {"kpDIV", '/'},
               {"kpDOT", '.'}, {"kpCMA", ','}};
    static const struct {
        const char *prefix;
        term_key key;
    } mod[] = {{"kHOM", TK_HOME}, {"kEND", TK_END}, {"kUP", TK_UP}, {"kDN", TK_DOWN},
               {"kLFT", TK_LEFT}, {"kRIT", TK_RIGHT}, {"kDC", TK_DELETE},
               {"kPRV", TK_PGUP}, {"kNXT", TK_PGDN}};
    const char *name = keyname(code);
    if (!name)
        return false;
    for (size_t i = 0; i < sizeof pad / sizeof pad[0]; i++)
        if (strcmp(name, pad[i].name) == 0)
            return as_char(in, (uint32_t)(unsigned char)pad[i].ch);
    for (size_t i = 0; i < sizeof mod / sizeof mod[0]; i++) {
        size_t n = strlen(mod[i].prefix);
        if (strncmp(name, mod[i].prefix, n) == 0 && name[n] >= '2' && name[n] <= '8' && !name[n + 1]) {
            in->kind = TI_KEY;
            in->key = mod[i].key;
            return true;
        }
    }
    return false;
}

bool term_read(term_input *in, int timeout_ms)
{
    memset(in, 0, sizeof *in);
    if (!term_active())
        return false;
    wtimeout(stdscr, timeout_ms);
    wint_t ch;
    int r = wget_wch(stdscr, &ch);
    if (r == ERR)
        return false;
    if (r == KEY_CODE_YES) {
        if (ch == KEY_RESIZE) {
            term_resized();
            in->kind = TI_RESIZE;
            return true;
        }
        if (ch == KEY_MOUSE) {
            MEVENT me;
            /* other buttons, releases, wheels: an input that does nothing
             * (false would mean "no input", and a flood of those looks
             * like a terminal that hung up) */
            in->kind = TI_KEY;
            in->key = TK_NONE;
            if (getmouse(&me) != OK ||
                !(me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)))
                return true;
            in->kind = TI_MOUSE;
            in->y = me.y;
            in->x = me.x;
            return true;
        }
        /* the keypad's corners and centre in application mode (terminfo
         * ka1 kb2 ...): the digits printed on them */
        switch ((int)ch) {
        case KEY_A1: return as_char(in, '7');
        case KEY_A3: return as_char(in, '9');
        case KEY_B2: return as_char(in, '5');
        case KEY_C1: return as_char(in, '1');
        case KEY_C3: return as_char(in, '3');
        default: break;
        }
        if (extended_key((int)ch, in))
            return true;
        in->key = map_keycode((int)ch);   /* TK_NONE: a key that does nothing */
        in->kind = TI_KEY;
        return true;
    }
    switch (ch) {
    case '\r': case '\n': in->kind = TI_KEY; in->key = TK_ENTER; return true;
    case 27: return read_escape(in);
    case '\t': in->kind = TI_KEY; in->key = TK_TAB; return true;
    case 127: case 8: in->kind = TI_KEY; in->key = TK_BACKSPACE; return true;
    default: break;
    }
    if (ch < 0x20 || (ch >= 0x80 && ch < 0xA0)) {
        in->kind = TI_CTRL;
        in->cp = (uint32_t)ch;
        return true;
    }
    in->kind = TI_CHAR;
    in->cp = (uint32_t)ch;
    return true;
}
