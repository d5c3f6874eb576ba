/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: raw terminal bytes, read the way the kiosk reads its
 * terminal (ncurses on a "linux" console decoding escape sequences, UTF-8,
 * control characters), then named by keys_map(). fuzz-max-len: 65536
 * Invariants: every input gives a known kind and action; control
 * characters (Ctrl-C, Ctrl-Z, ...) only ever map to ACT_IGNORED or to
 * Enter/Esc/Tab/Backspace; a printable character is never a C0/C1 control;
 * digits 1-9 choose their own number; the staff exit is only F10. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "term.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int wfd = -1;

static void init(void)
{
    if (wfd >= 0)
        return;
    int p[2];
    if (pipe(p) != 0 || fcntl(p[1], F_SETFL, O_NONBLOCK) != 0)
        abort();
    if (!term_init_headless_input(24, 80, "linux", p[0]))
        abort();
    close(p[0]);
    wfd = p[1];
}

static void check(const term_input *in)
{
    event ev;
    keys_map(in, &ev);
    if ((int)ev.act < 0 || ev.act >= ACT__COUNT)
        __builtin_trap();
    switch (in->kind) {
    case TI_CTRL:
        if (ev.act != ACT_IGNORED || in->cp >= 0xA0 || (in->cp >= 0x20 && in->cp < 0x80))
            __builtin_trap();
        break;
    case TI_CHAR:
        if (in->cp < 0x20 || (in->cp >= 0x7F && in->cp < 0xA0) || ev.ch != in->cp)
            __builtin_trap();
        if (in->cp >= '1' && in->cp <= '9' && (ev.act != ACT_CHOOSE || ev.value != (int)(in->cp - '0')))
            __builtin_trap();
        if (ev.act == ACT_STAFF_EXIT || ev.act == ACT_IGNORED)
            __builtin_trap();
        break;
    case TI_KEY:
        if (in->key >= TK__COUNT || ev.ch != 0)
            __builtin_trap();
        if ((ev.act == ACT_STAFF_EXIT) != (in->key == TK_F10))
            __builtin_trap();
        break;
    case TI_MOUSE:
        if (ev.act != ACT_CLICK)
            __builtin_trap();
        break;
    case TI_RESIZE:
    case TI_NONE:
        break;
    default:
        __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    size_t off = 0;
    term_input in;
    /* the pipe holds 64 KiB: write what fits, read it back, repeat */
    for (;;) {
        if (off < size) {
            ssize_t n = write(wfd, data + off, size - off);
            if (n > 0)
                off += (size_t)n;
        }
        bool any = false;
        while (term_read(&in, 0)) {
            check(&in);
            any = true;
        }
        if (off >= size && !any)
            break;
    }
    return 0;
}
