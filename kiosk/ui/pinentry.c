/* SPDX-License-Identifier: GPL-3.0-or-later */
/* See pinentry.h. */
#include "pinentry.h"

#include "util.h"

pin_entry_result pin_entry_handle(pin_entry *p, const event *ev)
{
    if (p->len < 0 || p->len > AUTH_PIN_MAX)
        pin_entry_wipe(p);         /* never trust a length from outside */
    switch (ev->act) {
    case ACT_BACK:
        return PIN_ENTRY_CANCEL;
    case ACT_NEXT:
        return p->len > 0 ? PIN_ENTRY_SUBMIT : PIN_ENTRY_NONE;
    case ACT_BACKSPACE:
        if (p->len == 0)
            return PIN_ENTRY_NONE;
        p->buf[--p->len] = '\0';
        return PIN_ENTRY_CHANGED;
    default:
        break;
    }
    /* a digit arrives as ACT_CHOOSE (1-9) or ACT_CHAR (0), ch set either way */
    if (ev->ch >= '0' && ev->ch <= '9' && (ev->act == ACT_CHOOSE || ev->act == ACT_CHAR)) {
        if (p->len >= AUTH_PIN_MAX)
            return PIN_ENTRY_NONE;
        p->buf[p->len++] = (char)ev->ch;
        p->buf[p->len] = '\0';
        return PIN_ENTRY_CHANGED;
    }
    return PIN_ENTRY_NONE;
}

void pin_entry_wipe(pin_entry *p)
{
    mem_wipe(p, sizeof *p);
}
