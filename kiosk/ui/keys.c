/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The key table: the one place that says which key does what. */
#include "keys.h"

#include <string.h>

#include "i18n.h"
#include "idcard.h"
#include "util.h"

/* Help order. The first binding of an action is the one the hint bar shows. */
static const key_binding table[] = {
    {ACT_CHOOSE, "1-9", N_("Choose")},
    {ACT_NEXT, "Enter", N_("Next")},
    {ACT_BACK, "Esc", N_("Back")},
    {ACT_HELP, "F1", N_("Help")},
    {ACT_HELP, "?", N_("Help")},
    {ACT_LANG, "F2", N_("Language")},
    {ACT_IME, "F3", N_("Typing")},
    {ACT_CALL_STAFF, "F4", N_("Call staff")},
    {ACT_CONTRAST, "F5", N_("High contrast")},
    {ACT_SPEECH, "F6", N_("Spoken prompts")},
    {ACT_REPEAT, "F7", N_("Say again")},
    {ACT_SEEN, "F8", N_("Seen")},
    {ACT_UP, "\xe2\x86\x91", N_("Up")},
    {ACT_DOWN, "\xe2\x86\x93", N_("Down")},
    {ACT_LEFT, "\xe2\x86\x90", N_("Left")},
    {ACT_RIGHT, "\xe2\x86\x92", N_("Right")},
    {ACT_TAB, "Tab", N_("Next field")},
    {ACT_BACKTAB, "Shift-Tab", N_("Previous field")},
    {ACT_PGUP, "PgUp", N_("Previous page")},
    {ACT_PGDN, "PgDn", N_("Next page")},
    {ACT_BACKSPACE, "\xe2\x8c\xab", N_("Delete a letter")},
};

/* Raw keys to actions. */
static const struct {
    term_key key;
    action act;
} keymap[] = {
    {TK_ENTER, ACT_NEXT},      {TK_ESC, ACT_BACK},       {TK_F1, ACT_HELP},
    {TK_F2, ACT_LANG},         {TK_F3, ACT_IME},         {TK_F4, ACT_CALL_STAFF},
    {TK_F5, ACT_CONTRAST},     {TK_F6, ACT_SPEECH},      {TK_F7, ACT_REPEAT},
    {TK_F8, ACT_SEEN},
    {TK_F10, ACT_STAFF_EXIT}, {TK_UP, ACT_UP},
    {TK_DOWN, ACT_DOWN},       {TK_LEFT, ACT_LEFT},      {TK_RIGHT, ACT_RIGHT},
    {TK_TAB, ACT_TAB},         {TK_BACKTAB, ACT_BACKTAB}, {TK_PGUP, ACT_PGUP},
    {TK_PGDN, ACT_PGDN},       {TK_HOME, ACT_HOME},      {TK_END, ACT_END},
    {TK_BACKSPACE, ACT_BACKSPACE}, {TK_DELETE, ACT_DELETE},
};

void keys_map(const term_input *in, event *ev)
{
    memset(ev, 0, sizeof *ev);
    switch (in->kind) {
    case TI_NONE:
        ev->act = ACT_TICK;
        return;
    case TI_RESIZE:
        ev->act = ACT_RESIZE;
        return;
    case TI_MOUSE:
        ev->act = ACT_CLICK;
        ev->y = in->y;
        ev->x = in->x;
        return;
    case TI_CTRL:
        /* Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-S, Ctrl-Q, Ctrl-D ...: nothing */
        ev->act = ACT_IGNORED;
        return;
    case TI_KEY:
        for (size_t i = 0; i < PK_ARRAY_LEN(keymap); i++)
            if (keymap[i].key == in->key) {
                ev->act = keymap[i].act;
                return;
            }
        ev->act = ACT_IGNORED;
        return;
    case TI_CHAR:
        ev->ch = in->cp;
        if (in->cp >= '1' && in->cp <= '9') {
            ev->act = ACT_CHOOSE;
            ev->value = (int)(in->cp - '0');
        } else if (in->cp == '?') {
            ev->act = ACT_HELP;
        } else {
            ev->act = ACT_CHAR;
        }
        return;
    }
    ev->act = ACT_IGNORED;
}

const key_binding *keys_binding(action act)
{
    for (size_t i = 0; i < PK_ARRAY_LEN(table); i++)
        if (table[i].act == act)
            return &table[i];
    return NULL;
}

const key_binding *keys_table(int *n)
{
    *n = (int)PK_ARRAY_LEN(table);
    return table;
}

enum { RECEIPT_SCAN_MAX = 256 };   /* a receipt payload with a URL is shorter */

bool keys_is_scan(const char *burst)
{
    size_t n = strlen(burst);
    if (n >= 12 && n < EV_TEXT_MAX && burst[0] >= '0' && burst[0] <= '9' && idcard_like(burst))
        return true;
    if (n < 12 || n >= RECEIPT_SCAN_MAX || !strstr(burst, "VNK"))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = burst[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' ||
              c == ':' || c == '/'))
            return false;
    }
    return true;
}
