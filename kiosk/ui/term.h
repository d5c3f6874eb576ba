/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The terminal: the only module that includes curses.h. Everything else
 * draws through these calls with theme roles (never colour numbers) and
 * reads raw input as term_input values, so screens and the app loop stay
 * free of curses types and can run headless in tests. */
#ifndef PK_TERM_H
#define PK_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a piece of text is, not what colour it has: the theme decides. */
typedef enum {
    ROLE_NORMAL = 0,
    ROLE_TITLE,          /* large calm titles */
    ROLE_HEADER,         /* top bar */
    ROLE_HINT,           /* bottom hint bar */
    ROLE_HINT_KEY,       /* key names inside the hint bar */
    ROLE_BUTTON,
    ROLE_BUTTON_FOCUS,
    ROLE_KEY,            /* digit labels on buttons: [1] */
    ROLE_SELECTED,       /* selected list row */
    ROLE_FIELD,          /* text field */
    ROLE_FIELD_FOCUS,
    ROLE_ERROR,
    ROLE_OK,
    ROLE_WARN,
    ROLE_DIM,            /* secondary text */
    ROLE_BANNER,         /* countdown, call-staff notice */
    ROLE_DIALOG,
    ROLE_BIG,            /* block letters of the reference */
    ROLE__COUNT
} term_role;

typedef enum { THEME_NORMAL = 0, THEME_CONTRAST, THEME__COUNT } term_theme;

/* Raw input, before keys.c names it. */
typedef enum {
    TI_NONE = 0,   /* timeout or interrupted */
    TI_CHAR,       /* printable code point in cp */
    TI_CTRL,       /* control character in cp (Ctrl-C = 3 ...), except the keys below */
    TI_KEY,        /* special key in key */
    TI_MOUSE,      /* click at y, x */
    TI_RESIZE,
} term_input_kind;

typedef enum {
    TK_NONE = 0,
    TK_ENTER, TK_ESC, TK_TAB, TK_BACKTAB, TK_BACKSPACE, TK_DELETE,
    TK_UP, TK_DOWN, TK_LEFT, TK_RIGHT, TK_HOME, TK_END, TK_PGUP, TK_PGDN,
    TK_F1, TK_F2, TK_F3, TK_F4, TK_F5, TK_F6, TK_F7, TK_F8, TK_F9, TK_F10,
    TK_F11, TK_F12,
    TK__COUNT
} term_key;

typedef struct {
    term_input_kind kind;
    uint32_t cp;
    term_key key;
    int y, x;
} term_input;

/* Real terminal on stdin/stdout. lockdown: raw() so Ctrl-C/Z/\/S/Q arrive
 * as data, plus mouse, keypad, ESCDELAY 100 ms. err gets the reason. */
bool term_init(bool lockdown, char *err, size_t errsz);
/* Headless terminal (tests, benchmarks): output to /dev/null, given size,
 * as terminal type termname (NULL = xterm-256color; "vt100" has no colour). */
bool term_init_headless(int rows, int cols);
bool term_init_headless_as(int rows, int cols, const char *termname);
/* Headless, but keys are read from input_fd (dup'ed) as from a terminal:
 * escape sequences decoded by the terminal type's key table (fuzzing). */
bool term_init_headless_input(int rows, int cols, const char *termname, int input_fd);
/* Headless, but what curses writes goes to output_fd (dup'ed): tests of
 * the bytes the kiosk sends its terminal. */
bool term_init_headless_output(int rows, int cols, const char *termname, int output_fd);
/* Tests: pretend the terminal now has this size. */
void term_resize(int rows, int cols);
/* endwin() (and delscreen for headless); safe to call twice. */
void term_end(void);
bool term_active(void);

void term_size(int *rows, int *cols);
bool term_has_colors(void);
void term_set_theme(term_theme t);
term_theme term_get_theme(void);

/* The Linux console (TERM=linux*, set at term_init): only the glyphs of
 * the kiosk's console font (consolefont_table.h) exist; term_put draws the
 * others as ASCII (✓ as v, ⌫ as <, ▀ as ", ...). term_has_glyph says
 * whether cp is drawn as itself (always true on other terminals). */
bool term_has_glyph(uint32_t cp);
/* The glyphs of the font the console has loaded, sorted code points (what
 * the kernel says at term_init and after each resize, GIO_UNIMAP; or a
 * test's); NULL: the kiosk's own font, consolefont_table.h. Letters the
 * font lacks are drawn without their marks (ử as u, đ as d). */
void term_console_font(const uint32_t *cps, size_t n);
/* The colours a role gets on the Linux console: foreground 0-15 (8-15 =
 * bright, from bold), background 0-7, in the console's VGA palette order
 * (tests check their contrast). */
void term_console_colors(term_theme t, term_role r, int *fg, int *bg);

/* Drawing. Text is UTF-8 (NFC); clipped at maxcols columns and at the
 * right edge; a letter is never split from its marks. Returns the columns
 * drawn. */
void term_clear(void);
int term_put(int y, int x, int maxcols, const char *utf8, term_role role);
/* Texts term_put had to cut since term_clear (the frame being drawn), and
 * where the first one started: the screens wrap or lay out their text so
 * that this stays 0 (tests check it; text fields that scroll excepted). */
int term_cuts(int *y, int *x);
/* Counts a cut made before term_put (a list row shortened with "…"). */
void term_note_cut(int y, int x);
/* term_put for a window on longer text (a text field scrolled to its
 * cursor): not a cut. */
int term_put_clipped(int y, int x, int maxcols, const char *utf8, term_role role);
void term_fill(int y, int x, int h, int w, term_role role);
void term_box(int y, int x, int h, int w, term_role role);
void term_hline(int y, int x, int w, term_role role);
void term_cursor(int y, int x, bool visible);
void term_flush(void);
void term_beep(void);   /* beep and flash */

/* Waits at most timeout_ms (-1 = forever) for one input. False only when
 * nothing came (timeout, signal, hang-up); keys and mouse events that mean
 * nothing come back as TI_KEY with key TK_NONE. */
bool term_read(term_input *in, int timeout_ms);

/* Snapshot of the screen as UTF-8 text: one line per row, trailing spaces
 * removed, second halves of wide characters skipped. Malloc'ed. */
char *term_dump(void);
/* The role drawn at a cell (tests check highlighting). */
term_role term_role_at(int y, int x);

/* Signals: SIGTERM/SIGHUP set a flag (clean exit), SIGPIPE ignored, and in
 * lockdown SIGTSTP/SIGQUIT/SIGINT ignored as a second line behind raw(). */
void term_signals(bool lockdown);
bool term_quit_requested(void);

#endif
