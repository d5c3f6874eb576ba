/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The owner of curses (with term_keys.c, the input, and term_glyphs.c,
 * the console font): init/teardown, theme roles, drawing, signals and
 * headless snapshots. */
#include "term.h"
#include "term_private.h"

#include <curses.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "i18n.h"
#include "util.h"

static struct {
    bool active, headless, lockdown, colors;
    bool console;            /* Linux console: its font's glyphs, its palette */
    SCREEN *scr;
    FILE *out, *in;
    term_theme theme;
    unsigned char *roles;    /* shadow of the role drawn at each cell */
    int rows, cols;
    int cuts, cut_y, cut_x;  /* texts term_put could not draw whole, this frame */
    bool clipping;           /* term_put_clipped: a window on longer text */
} T;

static volatile sig_atomic_t quit_flag;

/* ---- theme -------------------------------------------------------------- */

typedef struct {
    short fg, bg;
    attr_t attr;
} role_style;

/* Light on dark, never colour alone: every role also differs by attribute
 * so the monochrome fallback and colour-blind users see the same structure. */
static const role_style themes[THEME__COUNT][ROLE__COUNT] = {
    [THEME_NORMAL] = {
        [ROLE_NORMAL] = {COLOR_WHITE, COLOR_BLACK, A_NORMAL},
        [ROLE_TITLE] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD},
        [ROLE_HEADER] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL},
        [ROLE_HINT] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL},
        [ROLE_HINT_KEY] = {COLOR_WHITE, COLOR_BLUE, A_BOLD},
        [ROLE_BUTTON] = {COLOR_WHITE, COLOR_BLUE, A_NORMAL},
        [ROLE_BUTTON_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD},
        [ROLE_KEY] = {COLOR_YELLOW, COLOR_BLUE, A_BOLD},
        [ROLE_SELECTED] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD},
        [ROLE_FIELD] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL},
        [ROLE_FIELD_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL},
        [ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD},
        [ROLE_OK] = {COLOR_GREEN, COLOR_BLACK, A_BOLD},
        [ROLE_WARN] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD},
        [ROLE_DIM] = {COLOR_CYAN, COLOR_BLACK, A_NORMAL},
        [ROLE_BANNER] = {COLOR_WHITE, COLOR_RED, A_BOLD},
        [ROLE_DIALOG] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL},
        [ROLE_BIG] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD},
    },
    [THEME_CONTRAST] = {
        [ROLE_NORMAL] = {COLOR_WHITE, COLOR_BLACK, A_BOLD},
        [ROLE_TITLE] = {COLOR_WHITE, COLOR_BLACK, A_BOLD | A_UNDERLINE},
        [ROLE_HEADER] = {COLOR_BLACK, COLOR_WHITE, A_BOLD},
        [ROLE_HINT] = {COLOR_BLACK, COLOR_WHITE, A_BOLD},
        [ROLE_HINT_KEY] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD},
        [ROLE_BUTTON] = {COLOR_WHITE, COLOR_BLACK, A_BOLD | A_UNDERLINE},
        [ROLE_BUTTON_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD},
        [ROLE_KEY] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD},
        [ROLE_SELECTED] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD},
        [ROLE_FIELD] = {COLOR_BLACK, COLOR_WHITE, A_BOLD},
        [ROLE_FIELD_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD},
        [ROLE_ERROR] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD | A_REVERSE},
        [ROLE_OK] = {COLOR_WHITE, COLOR_BLACK, A_BOLD},
        [ROLE_WARN] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD},
        [ROLE_DIM] = {COLOR_WHITE, COLOR_BLACK, A_NORMAL},
        [ROLE_BANNER] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD},
        [ROLE_DIALOG] = {COLOR_BLACK, COLOR_WHITE, A_BOLD},
        [ROLE_BIG] = {COLOR_WHITE, COLOR_BLACK, A_BOLD},
    },
};

/* Without colours: structure by attributes alone. */
static const attr_t mono[ROLE__COUNT] = {
    [ROLE_NORMAL] = A_NORMAL,         [ROLE_TITLE] = A_BOLD,
    [ROLE_HEADER] = A_REVERSE,        [ROLE_HINT] = A_REVERSE,
    [ROLE_HINT_KEY] = A_BOLD,         [ROLE_BUTTON] = A_NORMAL,
    [ROLE_BUTTON_FOCUS] = A_REVERSE | A_BOLD, [ROLE_KEY] = A_BOLD,
    [ROLE_SELECTED] = A_REVERSE,      [ROLE_FIELD] = A_UNDERLINE,
    [ROLE_FIELD_FOCUS] = A_REVERSE,   [ROLE_ERROR] = A_BOLD | A_REVERSE,
    [ROLE_OK] = A_BOLD,               [ROLE_WARN] = A_BOLD,
    [ROLE_DIM] = A_NORMAL,            [ROLE_BANNER] = A_REVERSE | A_BOLD,
    [ROLE_DIALOG] = A_NORMAL,         [ROLE_BIG] = A_BOLD,
};

/* The Linux console has 8 background colours only (yellow is brown there)
 * and draws bold as a bright foreground (bold black is dark grey): black
 * on "yellow", and bold black, would be hard to read. There the focus and
 * selection colour is green (black on it: 6.8:1) and black is never bold;
 * tests/ui/test_console.c checks every role at 4.5:1 or more. */
static role_style style_of(term_theme t, term_role r)
{
    role_style st = themes[t][r];
    if (T.console) {
        if (st.bg == COLOR_YELLOW && st.fg == COLOR_BLACK && !(st.attr & A_REVERSE))
            st.bg = COLOR_GREEN;
        if (st.fg == COLOR_BLACK && !(st.attr & A_REVERSE))
            st.attr &= ~(attr_t)A_BOLD;
    }
    return st;
}

static void apply_theme(void)
{
    if (!T.colors)
        return;
    for (int r = 0; r < ROLE__COUNT; r++) {
        role_style st = style_of(T.theme, (term_role)r);
        init_pair((short)(r + 1), st.fg, st.bg);
    }
    bkgdset(' ' | COLOR_PAIR(1));
}

static attr_t role_attr(term_role r, short *pair)
{
    if ((int)r < 0 || r >= ROLE__COUNT)
        r = ROLE_NORMAL;
    if (!T.colors) {
        *pair = 0;
        return mono[r];
    }
    *pair = (short)(r + 1);
    return style_of(T.theme, r).attr;
}

void term_console_colors(term_theme t, term_role r, int *fg, int *bg)
{
    bool saved = T.console;
    T.console = true;
    role_style st = style_of(t < THEME__COUNT ? t : THEME_NORMAL,
                             (int)r >= 0 && r < ROLE__COUNT ? r : ROLE_NORMAL);
    T.console = saved;
    /* the console swaps the colours for reverse, then brightens the
     * foreground for bold (drivers/tty/vt/vt.c, build_attr) */
    int f = st.fg, b = st.bg;
    if (st.attr & A_REVERSE) {
        f = st.bg;
        b = st.fg;
    }
    *fg = f + (st.attr & A_BOLD ? 8 : 0);
    *bg = b;
}

void term_set_theme(term_theme t)
{
    T.theme = t < THEME__COUNT ? t : THEME_NORMAL;
    if (T.active)
        apply_theme();
}

term_theme term_get_theme(void) { return T.theme; }
bool term_on_console(void) { return T.console; }
bool term_has_colors(void) { return T.colors; }
bool term_active(void) { return T.active; }

/* ---- set-up and teardown ----------------------------------------------- */

/* After a resize: a new console font (setfont) changes the cell size. */
void term_resized(void)
{
    if (T.console && !T.headless)
        term_console_probe(fileno(stdout));
    term_shadow_alloc();
}

void term_shadow_alloc(void)
{
    int rows = 0, cols = 0;
    getmaxyx(stdscr, rows, cols);
    if (rows == T.rows && cols == T.cols && T.roles)
        return;
    free(T.roles);
    T.rows = rows > 0 ? rows : 1;
    T.cols = cols > 0 ? cols : 1;
    T.roles = xcalloc((size_t)T.rows * (size_t)T.cols, 1);
}

/* A sequence curses has no name for, straight to the terminal (ncurses'
 * own output is written out at each flush, never held back past it). */
static void send_raw(const char *seq)
{
    FILE *f = T.headless ? T.out : stdout;
    fputs(seq, f);
    fflush(f);
}

static void common_setup(void)
{
    T.colors = has_colors();
    if (T.colors) {
        start_color();
        apply_theme();
    }
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* The Linux console's terminfo has no smkx: its keypad stays numeric,
     * and with Num Lock off (the state it boots in) its digits are Home,
     * the arrows, PgUp... In application mode they are ESC O p..y whatever
     * Num Lock says, and term_keys.c reads them as the digits. */
    if (T.console)
        send_raw("\033=");
    curs_set(0);
    set_escdelay(100);
    term_shadow_alloc();
    T.active = true;
}

static void on_exit_cleanup(void) { term_end(); }

bool term_init(bool lockdown, char *err, size_t errsz)
{
    if (T.active)
        return true;
    i18n_locale();        /* C.UTF-8 when the environment names no locale */
    T.scr = newterm(NULL, stdout, stdin);
    if (!T.scr) {
        snprintf(err, errsz, "cannot initialise the terminal (TERM=%s)",
                 getenv("TERM") ? getenv("TERM") : "");
        return false;
    }
    set_term(T.scr);
    const char *tn = getenv("TERM");
    T.console = tn && strncmp(tn, "linux", 5) == 0;
    if (T.console)
        term_console_probe(fileno(stdout));   /* the font really loaded */
    T.lockdown = lockdown;
    if (lockdown)
        raw();            /* Ctrl-C/Z/\ and Ctrl-S/Q arrive as plain data */
    else
        cbreak();
    common_setup();
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED, NULL);
    mouseinterval(0);     /* touch screens: act on the press at once */
    static bool registered;
    if (!registered) {
        atexit(on_exit_cleanup);
        registered = true;
    }
    return true;
}

bool term_init_headless(int rows, int cols)
{
    return term_init_headless_as(rows, cols, NULL);
}

/* The headless terminal reading from in and writing to out (both closed
 * by term_end; NULL out: /dev/null). */
static bool headless(int rows, int cols, const char *termname, FILE *in, FILE *out)
{
    T.out = out ? out : fopen("/dev/null", "w");
    T.in = in;
    if (!T.out || !T.in)
        return false;
    T.scr = newterm(termname ? termname : "xterm-256color", T.out, T.in);
    if (!T.scr)
        return false;
    set_term(T.scr);
    T.headless = true;
    T.console = termname && strncmp(termname, "linux", 5) == 0;
    raw();
    common_setup();
    term_resize(rows, cols);
    /* newterm queues a KEY_RESIZE after resizeterm; drain it */
    wtimeout(stdscr, 0);
    wint_t ch;
    while (wget_wch(stdscr, &ch) != ERR) {
    }
    return true;
}

bool term_init_headless_as(int rows, int cols, const char *termname)
{
    if (T.active)
        term_end();
    i18n_locale();        /* C.UTF-8 when the environment names no locale */
    return headless(rows, cols, termname, fopen("/dev/null", "r"), NULL);
}

bool term_init_headless_input(int rows, int cols, const char *termname, int input_fd)
{
    if (T.active)
        term_end();
    i18n_locale();
    int fd = dup(input_fd);
    FILE *in = fd >= 0 ? fdopen(fd, "r") : NULL;
    if (!in && fd >= 0)
        close(fd);
    if (!headless(rows, cols, termname, in, NULL))
        return false;
    set_escdelay(1);      /* the bytes of a sequence are all there already */
    return true;
}

bool term_init_headless_output(int rows, int cols, const char *termname, int output_fd)
{
    if (T.active)
        term_end();
    i18n_locale();
    int fd = dup(output_fd);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    return headless(rows, cols, termname, fopen("/dev/null", "r"), out);
}

void term_resize(int rows, int cols)
{
    if (!T.active)
        return;
    resizeterm(rows, cols);
    term_shadow_alloc();
}

void term_end(void)
{
    if (!T.active)
        return;
    T.active = false;
    curs_set(1);
    if (T.console)
        send_raw("\033>");   /* the keypad numeric again, for whoever comes next */
    endwin();
    if (T.headless) {
        delscreen(T.scr);
        fclose(T.out);
        fclose(T.in);
        T.out = T.in = NULL;
    } else {
        delscreen(T.scr);
    }
    T.scr = NULL;
    T.headless = false;
    T.console = false;
    term_console_font(NULL, 0);
    free(T.roles);
    T.roles = NULL;
    T.rows = T.cols = 0;
}

void term_size(int *rows, int *cols)
{
    if (!T.active) {
        *rows = 24;
        *cols = 80;
        return;
    }
    getmaxyx(stdscr, *rows, *cols);
}

/* ---- drawing ------------------------------------------------------------ */

static void shadow_set(int y, int x, int w, term_role r)
{
    if (!T.roles || y < 0 || y >= T.rows)
        return;
    for (int i = x < 0 ? 0 : x; i < x + w && i < T.cols; i++)
        T.roles[(size_t)y * (size_t)T.cols + (size_t)i] = (unsigned char)r;
}

term_role term_role_at(int y, int x)
{
    if (!T.roles || y < 0 || y >= T.rows || x < 0 || x >= T.cols)
        return ROLE_NORMAL;
    return (term_role)T.roles[(size_t)y * (size_t)T.cols + (size_t)x];
}

void term_clear(void)
{
    if (!T.active)
        return;
    /* setfont loads the glyphs (a resize) before their Unicode table: a
     * probe at the resize alone can read the old table, so each frame asks */
    if (T.console && !T.headless)
        term_console_probe(fileno(stdout));
    term_shadow_alloc();
    memset(T.roles, 0, (size_t)T.rows * (size_t)T.cols);
    T.cuts = 0;
    attrset(A_NORMAL);
    erase();
}

/* Decodes one UTF-8 sequence; invalid bytes become U+FFFD. */
static size_t utf8_next(const unsigned char *s, wchar_t *out)
{
    unsigned c = s[0];
    int n = c < 0x80 ? 0 : c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : -1;
    if (n < 0 || c >= 0xF8) {
        *out = 0xFFFD;
        return 1;
    }
    unsigned v = n == 0 ? c : c & (0x3Fu >> n);
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *out = 0xFFFD;
            return (size_t)i;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    *out = (wchar_t)v;
    return (size_t)n + 1;
}

int term_put(int y, int x, int maxcols, const char *s, term_role role)
{
    if (!T.active || !s || y < 0 || y >= T.rows || x >= T.cols || maxcols <= 0)
        return 0;
    if (x < 0)
        x = 0;
    if (x + maxcols > T.cols)
        maxcols = T.cols - x;
    short pair;
    attr_t attr = role_attr(role, &pair);
    wchar_t buf[512];
    int n = 0, used = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n < (int)PK_ARRAY_LEN(buf) - 1) {
        wchar_t wc;
        size_t len = utf8_next(p, &wc);
        int w = wcwidth(wc);
        if (wc < 0x20 || wc == 0x7f || (w < 0 && wc >= 0x80 && wc < 0xA0)) {
            wc = ' ';     /* control characters never reach the terminal */
            w = 1;
        } else if (w < 0) {
            w = 1;
        }
        if (used + w > maxcols) {
            /* a cut, unless only spaces were left out */
            const unsigned char *q = p;
            while (*q == ' ')
                q++;
            if (*q && !T.clipping)
                term_note_cut(y, x);
            break;
        }
        if ((w == 0 && n == 0) ||    /* a lone mark at the start: skip */
            (w == 0 && !term_has_glyph((uint32_t)wc))) {
            p += len;
            continue;
        }
        if (!term_has_glyph((uint32_t)wc)) {
            /* the Linux console font lacks it: ASCII, as wide as it was */
            wchar_t a = term_console_ascii(wc);
            for (int k = 1; k < w && n < (int)PK_ARRAY_LEN(buf) - 2; k++)
                buf[n++] = a;
            wc = a;
        }
        buf[n++] = wc;
        used += w;
        p += len;
    }
    buf[n] = 0;
    attr_set(attr, pair, NULL);
    mvaddnwstr(y, x, buf, n);
    attr_set(A_NORMAL, 0, NULL);
    shadow_set(y, x, used, role);
    return used;
}

void term_note_cut(int y, int x)
{
    if (T.cuts++ == 0) {
        T.cut_y = y;
        T.cut_x = x;
    }
}

int term_put_clipped(int y, int x, int maxcols, const char *s, term_role role)
{
    T.clipping = true;
    int used = term_put(y, x, maxcols, s, role);
    T.clipping = false;
    return used;
}

int term_cuts(int *y, int *x)
{
    if (y)
        *y = T.cut_y;
    if (x)
        *x = T.cut_x;
    return T.cuts;
}

void term_fill(int y, int x, int h, int w, term_role role)
{
    if (!T.active)
        return;
    short pair;
    attr_t attr = role_attr(role, &pair);
    for (int r = y; r < y + h && r < T.rows; r++) {
        if (r < 0)
            continue;
        int x0 = x < 0 ? 0 : x, x1 = x + w > T.cols ? T.cols : x + w;
        if (x1 <= x0)
            continue;
        attr_set(attr, pair, NULL);
        mvhline(r, x0, ' ', x1 - x0);
        shadow_set(r, x0, x1 - x0, role);
    }
    attr_set(A_NORMAL, 0, NULL);
}

void term_hline(int y, int x, int w, term_role role)
{
    if (!T.active || y < 0 || y >= T.rows)
        return;
    short pair;
    attr_t attr = role_attr(role, &pair);
    int x0 = x < 0 ? 0 : x, x1 = x + w > T.cols ? T.cols : x + w;
    if (x1 <= x0)
        return;
    attr_set(attr, pair, NULL);
    mvhline_set(y, x0, WACS_HLINE, x1 - x0);
    attr_set(A_NORMAL, 0, NULL);
    shadow_set(y, x0, x1 - x0, role);
}

void term_box(int y, int x, int h, int w, term_role role)
{
    if (!T.active || h < 2 || w < 2)
        return;
    term_fill(y, x, h, w, role);
    short pair;
    attr_t attr = role_attr(role, &pair);
    attr_set(attr, pair, NULL);
    int x1 = x + w - 1, y1 = y + h - 1;
    if (x < 0 || y < 0 || x1 >= T.cols || y1 >= T.rows) {
        attr_set(A_NORMAL, 0, NULL);
        return;
    }
    mvhline_set(y, x + 1, WACS_HLINE, w - 2);
    mvhline_set(y1, x + 1, WACS_HLINE, w - 2);
    mvvline_set(y + 1, x, WACS_VLINE, h - 2);
    mvvline_set(y + 1, x1, WACS_VLINE, h - 2);
    mvadd_wch(y, x, WACS_ULCORNER);
    mvadd_wch(y, x1, WACS_URCORNER);
    mvadd_wch(y1, x, WACS_LLCORNER);
    mvadd_wch(y1, x1, WACS_LRCORNER);
    attr_set(A_NORMAL, 0, NULL);
}

void term_cursor(int y, int x, bool visible)
{
    if (!T.active)
        return;
    if (visible && y >= 0 && y < T.rows && x >= 0 && x < T.cols) {
        move(y, x);
        curs_set(1);
    } else {
        curs_set(0);
    }
}

void term_flush(void)
{
    if (!T.active)
        return;
    wnoutrefresh(stdscr);
    doupdate();   /* headless: the same work, written to /dev/null */
}

bool term_input_waiting(void)
{
    if (!T.active)
        return false;
    struct pollfd p = {.fd = T.headless ? (T.in ? fileno(T.in) : -1) : STDIN_FILENO,
                       .events = POLLIN};
    return p.fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

void term_beep(void)
{
    if (!T.active || T.headless)
        return;
    beep();
    flash();
}

/* ---- snapshots ---------------------------------------------------------- */

char *term_dump(void)
{
    sbuf b = {0};
    sbuf_add(&b, "");
    if (!T.active)
        return b.data;
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    for (int y = 0; y < rows; y++) {
        size_t line_start = b.len, keep = b.len;
        for (int x = 0; x < cols; x++) {
            cchar_t cc;
            wchar_t wcs[CCHARW_MAX + 1] = {0};
            attr_t a;
            short pair;
            if (mvin_wch(y, x, &cc) == ERR)
                continue;
            getcchar(&cc, wcs, &a, &pair, NULL);
            if (wcs[0] == 0)
                wcs[0] = ' ';
            char mb[MB_LEN_MAX * (CCHARW_MAX + 1)];
            mbstate_t mbs;
            memset(&mbs, 0, sizeof mbs);
            for (int i = 0; wcs[i] && i < CCHARW_MAX; i++) {
                size_t n = wcrtomb(mb, wcs[i], &mbs);
                if (n != (size_t)-1)
                    sbuf_addn(&b, mb, n);
            }
            if (wcs[0] != ' ')
                keep = b.len;
            if (wcwidth(wcs[0]) == 2)
                x++;   /* the second half of a wide character */
        }
        (void)line_start;
        b.len = keep;
        b.data[b.len] = '\0';
        sbuf_add(&b, "\n");
    }
    return b.data;
}

/* ---- signals ------------------------------------------------------------ */

static void on_quit_signal(int sig)
{
    (void)sig;
    quit_flag = 1;
}

void term_signals(bool lockdown)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal;   /* no SA_RESTART: wget_wch returns at once */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    if (lockdown) {
        sigaction(SIGTSTP, &sa, NULL);
        sigaction(SIGQUIT, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTTOU, &sa, NULL);
        sigaction(SIGTTIN, &sa, NULL);
    }
}

bool term_quit_requested(void) { return quit_flag != 0; }
