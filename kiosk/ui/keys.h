/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keys become named actions first (tig's enum request, dialog's DLGK_*).
 * One table maps keys, digits, mouse clicks and scanner input to actions;
 * the same table feeds the hint bar and the help screen. */
#ifndef PK_KEYS_H
#define PK_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "term.h"

typedef enum {
    ACT_NONE = 0,
    ACT_CHOOSE,      /* digit 1..9: value = the digit */
    ACT_NEXT,        /* Enter: next / confirm */
    ACT_BACK,        /* Esc: back */
    ACT_HELP,        /* F1 or ? */
    ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT,
    ACT_TAB, ACT_BACKTAB,
    ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
    ACT_BACKSPACE, ACT_DELETE,
    ACT_LANG,        /* switch language */
    ACT_IME,         /* cycle the input method */
    ACT_CALL_STAFF,
    ACT_CONTRAST,    /* high-contrast theme on/off */
    ACT_SPEECH,      /* spoken prompts on/off */
    ACT_REPEAT,      /* say the prompt again */
    ACT_SEEN,        /* clerk: a call for staff was seen */
    ACT_STAFF_EXIT,  /* hidden: asks for the staff PIN */
    ACT_CHAR,        /* a printable character that is no command */
    ACT_PICK,        /* click on a list row: value = row index */
    ACT_CLICK,       /* raw click not on any region: y, x */
    ACT_SCAN,        /* a scanner line: text */
    ACT_RESIZE,
    ACT_TICK,        /* time passed (about once a second) */
    ACT_IGNORED,     /* a locked-down key (Ctrl-C ...): does nothing */
    ACT_OSK,         /* a key of the on-screen keyboard touched: value = which */
    ACT__COUNT
} action;

enum { EV_TEXT_MAX = 512 };   /* a scanned ID card (idcard.h) fits */

typedef struct {
    action act;
    int value;       /* digit for ACT_CHOOSE, row for ACT_PICK */
    uint32_t ch;     /* the printable character behind the key, or 0:
                        a focused text field takes ch before the action */
    int y, x;        /* ACT_CLICK */
    char text[EV_TEXT_MAX];  /* ACT_SCAN */
} event;

/* Maps one raw input to an event. Mouse input gives ACT_CLICK; the app
 * turns it into the action of the region under it. */
void keys_map(const term_input *in, event *ev);

/* One row of the table: shown in the hint bar and the help screen. */
typedef struct {
    action act;
    const char *keyname;   /* "Enter", "Esc", "F1" ... (not translated) */
    const char *label;     /* msgid: what it does */
} key_binding;

const key_binding *keys_binding(action act);
/* Every binding, in help order; *n entries. */
const key_binding *keys_table(int *n);

/* A keyboard-wedge scanner types a receipt payload quickly and ends with
 * Enter. True when burst (without the Enter) looks like one: at least 12
 * characters of [0-9A-Z.:/-] containing "VNK"; or like a citizen ID
 * card's QR code: a digit first, '|' fields (idcard_like; the screen that
 * reads it checks it strictly). */
bool keys_is_scan(const char *burst);

#endif
