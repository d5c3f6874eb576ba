/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the terminal's own files (term.c, term_keys.c, term_glyphs.c)
 * and nobody else. */
#ifndef PK_TERM_PRIVATE_H
#define PK_TERM_PRIVATE_H

#include <stdbool.h>
#include <wchar.h>

/* The terminal is the Linux console (TERM=linux): its font, its palette. */
bool term_on_console(void);
/* The ASCII stand-in, one column, for a character the console font lacks. */
wchar_t term_console_ascii(wchar_t wc);
/* Asks the console on fd which font it has loaded (term_console_font);
 * nothing changes when fd is no virtual console. */
void term_console_probe(int fd);
/* The role shadow follows the screen size (after a resize). */
void term_shadow_alloc(void);
/* A KEY_RESIZE: the shadow, and on the console the font (setfont resizes). */
void term_resized(void);

#endif
