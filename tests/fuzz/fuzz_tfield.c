/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: a text field fed any sequence of keys (typed code points,
 * Backspace, Delete, cursor moves, input method changes, and 0x09: the
 * cursor to the middle of the word around it, so typing and Backspace
 * recompose words mid-text) and the scanner detector fed any burst.
 * Invariants after every key: the text is valid UTF-8 in NFC, its length
 * is right and within capacity, and the cursor sits on a letter boundary
 * inside it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "keys.h"
#include "text.h"
#include "vnime.h"
#include "widgets.h"

static void check(const tfield *t)
{
    if (strlen(t->buf) != t->len || t->len > t->max || t->cur > t->len ||
        ((unsigned char)t->buf[t->cur] & 0xC0) == 0x80 || !text_valid_utf8(t->buf, t->len))
        abort();
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)t->buf);
    if (!nfc || strcmp(nfc, t->buf) != 0)
        abort();
    free(nfc);
}

/* Moves the cursor to the middle of the word around it (by letters). */
static void mid_word(tfield *t)
{
    size_t ws, we;
    vnime_word_at(t->buf, t->len, t->cur, &ws, &we);
    if (ws == we)
        return;
    size_t mid = ws + (we - ws) / 2;
    while (mid > ws && ((unsigned char)t->buf[mid] & 0xC0) == 0x80)
        mid--;
    t->cur = mid;
    vnime_reset(&t->ime);           /* as every cursor move does */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char burst[EV_TEXT_MAX];
    size_t n = size < sizeof burst - 1 ? size : sizeof burst - 1;
    memcpy(burst, data, n);
    burst[n] = '\0';
    keys_is_scan(burst);

    tfield t;
    tf_init(&t, size > 0 ? (tf_kind)(data[0] % 4) : TF_TEXT, size > 1 ? 1 + data[1] % 60 : 30);
    ime_method m = IME_TELEX;
    for (size_t i = 2; i < size; i++) {
        event ev = {0};
        uint8_t b = data[i];
        switch (b) {
        case 0x01: ev.act = ACT_BACKSPACE; break;
        case 0x02: ev.act = ACT_DELETE; break;
        case 0x03: ev.act = ACT_LEFT; break;
        case 0x04: ev.act = ACT_RIGHT; break;
        case 0x05: ev.act = ACT_HOME; break;
        case 0x06: ev.act = ACT_END; break;
        case 0x07: m = vnime_next_method(m); continue;
        case 0x09: mid_word(&t); check(&t); continue;
        case 0x08:                       /* a code point from the next 3 bytes */
            if (i + 3 < size) {
                ev.ch = ((uint32_t)data[i + 1] << 16 | (uint32_t)data[i + 2] << 8 | data[i + 3]) %
                        0x110000;
                i += 3;
            }
            ev.act = ACT_CHAR;
            break;
        default:
            ev.ch = b;
            ev.act = b >= '1' && b <= '9' ? ACT_CHOOSE : ACT_CHAR;
            break;
        }
        tf_handle(&t, &ev, m);
        check(&t);
    }
    tf_wipe(&t);
    return 0;
}
