/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the PIN dialogs. Bytes become key events for the staff PIN
 * entry (pinentry.c) and the clerk sign-in's secret field (a TF_SECRET
 * tfield); each submitted PIN goes through the PIN policy; the rest of the
 * input is read as a stored guard counter and as a typed second factor.
 * Inputs up to 64 KiB (corpus/pin/.max_len).
 * Invariants: the entry holds only digits, at most AUTH_PIN_MAX, always
 * NUL-terminated; the secret field stays within capacity; a PIN the policy
 * accepts has 6-12 digits; a counter read from any text never waits
 * longer than the policy allows nor negative; the second factor only
 * matches 4 digits. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "fuzz_util.h"
#include "guard.h"
#include "keys.h"
#include "pinentry.h"
#include "widgets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static event event_of(uint8_t b)
{
    event ev = {0};
    switch (b) {
    case 0x01: ev.act = ACT_BACKSPACE; break;
    case 0x02: ev.act = ACT_NEXT; break;
    case 0x03: ev.act = ACT_BACK; break;
    case 0x04: ev.act = ACT_DELETE; break;
    case 0x05: ev.act = ACT_LEFT; break;
    case 0x06: ev.act = ACT_HOME; break;
    case 0x07: ev.act = (action)(b % ACT__COUNT); ev.value = b; break;
    default:
        ev.ch = b;
        ev.act = b >= '1' && b <= '9' ? ACT_CHOOSE : ACT_CHAR;
        ev.value = b >= '1' && b <= '9' ? b - '0' : 0;
        break;
    }
    return ev;
}

static void check_policy(const char *pin)
{
    size_t n = strlen(pin);
    if (auth_pin_check(pin) == PIN_OK &&
        (n < AUTH_PIN_MIN || n > AUTH_PIN_MAX || strspn(pin, "0123456789") != n))
        __builtin_trap();
}

static void check_guard(const guard_policy *p, const char *text)
{
    guard_state g;
    int64_t now = 1767225600;
    guard_parse(p, text, now, &g);
    int64_t limit = p->max_delay > p->lock_seconds ? p->max_delay : p->lock_seconds;
    int64_t w = guard_wait(p, &g, now);
    /* a stored lock may be far in the future (clock moved); a delay never is */
    if (w < 0 || (g.locked_until <= now && w > limit))
        __builtin_trap();
    guard_fail(p, &g, now);
    if (g.failures < 0 || (p->lock_after > 0 && g.failures >= p->lock_after))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pin_entry pe;
    memset(&pe, 0, sizeof pe);
    tfield secret;
    tf_init(&secret, TF_SECRET, AUTH_PIN_MAX);
    for (size_t i = 0; i < size; i++) {
        event ev = event_of(data[i]);
        pin_entry_result r = pin_entry_handle(&pe, &ev);
        if (pe.len < 0 || pe.len > AUTH_PIN_MAX || strlen(pe.buf) != (size_t)pe.len ||
            strspn(pe.buf, "0123456789") != (size_t)pe.len)
            __builtin_trap();
        if (r == PIN_ENTRY_SUBMIT) {
            if (pe.len == 0)
                __builtin_trap();
            check_policy(pe.buf);
            pin_entry_wipe(&pe);
        } else if (r == PIN_ENTRY_CANCEL) {
            pin_entry_wipe(&pe);
        }
        tf_handle(&secret, &ev, IME_OFF);
        if (secret.len > secret.max || strlen(secret.buf) != secret.len || secret.cur > secret.len)
            __builtin_trap();
        if (ev.act == ACT_NEXT) {
            check_policy(secret.buf);
            tf_wipe(&secret);
            tf_init(&secret, TF_SECRET, AUTH_PIN_MAX);
        }
    }
    tf_wipe(&secret);
    /* the whole input as text: a stored counter, a typed second factor */
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    check_guard(&guard_staff_pin, text);
    check_guard(&guard_track, text);
    check_policy(text);
    if (guard_last4_ok("020195001234", "0912345678", text) &&
        strcmp(text, "1234") != 0 && strcmp(text, "5678") != 0)
        __builtin_trap();
    free(text);
    return 0;
}
