/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The staff PIN dialog's entry (F10 in citizen mode): digits only, at
 * most AUTH_PIN_MAX of them, shown as dots. Pure: events in, a verdict out;
 * checking the PIN is store_staff_pin_try()'s job. */
#ifndef PK_PINENTRY_H
#define PK_PINENTRY_H

#include "auth.h"
#include "keys.h"

typedef struct {
    char buf[AUTH_PIN_MAX + 1];
    int len;
} pin_entry;

typedef enum {
    PIN_ENTRY_NONE = 0,  /* nothing for the entry (a key that means nothing here) */
    PIN_ENTRY_CHANGED,   /* a digit added or removed */
    PIN_ENTRY_SUBMIT,    /* Enter with at least one digit */
    PIN_ENTRY_CANCEL,    /* Esc: the caller wipes and closes */
} pin_entry_result;

pin_entry_result pin_entry_handle(pin_entry *p, const event *ev);
void pin_entry_wipe(pin_entry *p);

#endif
