/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The loop itself: reads the terminal (or a test's source), tells a
 * scanner's burst from typing, queues what came and hands each input to
 * app_input, ticking once a second. The rest of the app is app.c. */
#include "app.h"

#include <string.h>
#include <utf8proc.h>

#include "util.h"

/* keys closer together than this are one scanner burst */
enum { BURST_GAP_MS = 30 };

static bool read_input(app *a, term_input *in, int timeout_ms, bool *queued)
{
    *queued = a->qlen > 0;
    if (a->qlen > 0) {
        *in = a->queue[a->qhead];
        a->qhead = (a->qhead + 1) % APP_QUEUE_MAX;
        a->qlen--;
        return true;
    }
    if (a->source)
        return a->source(a, in, timeout_ms);
    return term_read(in, timeout_ms);
}

static void enqueue(app *a, const term_input *in)
{
    if (a->qlen >= APP_QUEUE_MAX)
        return;
    a->queue[(a->qhead + a->qlen) % APP_QUEUE_MAX] = *in;
    a->qlen++;
}

/* A keyboard-wedge scanner types a whole payload in a burst ending with
 * Enter: a receipt (it starts with an upper-case letter) or the QR code of
 * a citizen ID card (a digit, then UTF-8 text in '|' fields). Such a
 * first key starts listening for one. A scan becomes one ACT_SCAN event;
 * anything else (a person typing) is queued and replayed key by key, in
 * order. Returns false when first is no candidate. */
static bool scanner_burst(app *a, const term_input *first)
{
    if (first->kind != TI_CHAR || !((first->cp >= 'A' && first->cp <= 'Z') ||
                                    (first->cp >= '0' && first->cp <= '9')))
        return false;
    term_input keys[EV_TEXT_MAX];
    char text[EV_TEXT_MAX];
    int n = 0;
    size_t len = 0;
    keys[n++] = *first;
    text[len++] = (char)first->cp;
    bool enter = false, queued;
    term_input in;
    while (n < EV_TEXT_MAX - 1 && read_input(a, &in, BURST_GAP_MS, &queued)) {
        keys[n++] = in;
        if (in.kind == TI_KEY && in.key == TK_ENTER) {
            enter = true;
            n--;
            break;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = in.kind == TI_CHAR ? utf8proc_encode_char((utf8proc_int32_t)in.cp, enc) : 0;
        if (k <= 0 || len + (size_t)k >= sizeof text)
            break;
        memcpy(text + len, enc, (size_t)k);
        len += (size_t)k;
    }
    text[len] = '\0';
    if (enter) {
        if (keys_is_scan(text)) {
            event ev = {.act = ACT_SCAN};
            str_copy(ev.text, sizeof ev.text, text);
            app_feed(a, &ev);
            mem_wipe(&ev, sizeof ev);
            mem_wipe(text, sizeof text);
            mem_wipe(keys, sizeof keys);
            return true;
        }
        n++;     /* replay the Enter too */
    }
    for (int i = 0; i < n; i++)
        enqueue(a, &keys[i]);
    mem_wipe(text, sizeof text);
    mem_wipe(keys, sizeof keys);
    return true;
}

/* One step of the loop: read (or wait up to timeout_ms), dispatch, tick,
 * draw when something changed. Tours and tests drive the app with it. */
void app_step(app *a, int timeout_ms)
{
    term_input in;
    bool queued;
    int64_t before = app_mono_ms();
    bool got = read_input(a, &in, a->qlen ? 0 : timeout_ms, &queued);
    a->now_ms = a->source ? a->now_ms : app_mono_ms();
    /* a closed terminal returns at once, forever: leave instead of spinning */
    if (!got && !a->source && timeout_ms >= 100 && a->now_ms - before < timeout_ms / 4) {
        if (++a->dead_reads >= 50) {
            a->quit = true;
            return;
        }
    } else if (got || !a->source) {
        a->dead_reads = 0;
    }
    if (got && (queued || !scanner_burst(a, &in)))
        app_input(a, &in);
    app_tick(a, a->now_ms);
    if (a->dirty && a->qlen == 0)
        app_render(a);
}

int app_run(app *a)
{
    a->now_ms = app_mono_ms();
    a->last_input_ms = a->last_tick_ms = a->now_ms;
    app_render(a);
    while (!a->quit) {
        if (term_quit_requested()) {
            a->exit_code = 0;
            break;
        }
        int timeout = APP_TICK_MS - (int)(app_mono_ms() - a->last_tick_ms);
        app_step(a, timeout < 0 ? 0 : timeout);
    }
    return a->exit_code;
}
