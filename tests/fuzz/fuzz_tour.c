/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the tour parser, then the player at max speed over
 * whatever it accepted (every wait-for answered "not found" once, then
 * found), with presenter controls derived from the input. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tour.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tour t;
    sbuf errs = {0};
    bool ok = tour_parse("fuzz.tour", (const char *)data, size, &t, &errs);
    if (ok != (errs.data == NULL))
        __builtin_trap();      /* usable exactly when nothing was reported */
    for (int i = 0; i < t.n; i++) {
        const tour_step *s = &t.steps[i];
        if (s->kind == TS_CAPTION && !tour_text_for(s->texts, s->ntexts, "en"))
            __builtin_trap();
    }
    (void)tour_title(&t, "vi");
    tour_player p;
    int64_t now = 0;
    tour_player_init(&p, &t, size & 1 ? TOUR_MAX : TOUR_NORMAL, now);
    for (int guard = 0; guard < 100000; guard++) {
        uint8_t c = size ? data[(size_t)guard % size] : 0;
        if (c == ' ')
            tour_player_pause(&p, now);
        else if (c == '>')
            tour_player_step(&p, now);
        tour_out o = tour_player_next(&p, now);
        if (o.kind == TOUT_DONE)
            break;
        if (o.kind == TOUT_WAIT)
            tour_player_answer(&p, p.wait_since >= 0, tour_wait_text(o.step, "vi"), now);
        if (p.paused && o.kind == TOUT_NONE)
            tour_player_pause(&p, now);
        now += o.kind == TOUT_NONE && o.wait_ms > 0 ? o.wait_ms : 1;
    }
    tour_free(&t);
    sbuf_free(&errs);
    return 0;
}
