/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: what a printer sends back, as arbitrary bytes: the
 * DLE EOT status replies (escpos_status_valid / _decode) and the job
 * confirmation parser (escpos_confirm_feed, GS r 1 and GS ( H process ID).
 * Invariants: it never crashes; results are in range; whatever came
 * before, the genuine confirmation that follows is recognised, and a
 * process ID reply for another job never is. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "escpos.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static escpos_confirm_result feed(escpos_confirm *cf, const uint8_t *b, size_t n)
{
    escpos_confirm_result r = ESCPOS_CONFIRM_WAIT;
    for (size_t i = 0; i < n; i++) {
        r = escpos_confirm_feed(cf, b[i]);
        fuzz_check(r >= ESCPOS_CONFIRM_WAIT && r <= ESCPOS_CONFIRM_PAPER_OUT);
        fuzz_check(cf->matched >= 0 && cf->matched < 7);
    }
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* DLE EOT 1, 2, 4 replies: the first three bytes, a missing one is
     * "no reply". */
    int r[3];
    for (int i = 0; i < 3; i++)
        r[i] = (size_t)i < size && escpos_status_valid(data[i]) ? data[i] : -1;
    printer_state st = escpos_status_decode(r[0], r[1], r[2]);
    fuzz_check(st >= PST_OK && st <= PST_OFFLINE);
    fuzz_check((st == PST_UNKNOWN) == (r[0] < 0 && r[1] < 0 && r[2] < 0));
    for (size_t i = 0; i < size; i++)
        fuzz_check(escpos_status_valid(data[i]) == ((data[i] & 0x93) == 0x12));

    printer_profile prof;
    fuzz_check(escpos_profile_parse("58mm", &prof));
    unsigned id = size >= 4 ? (unsigned)data[0] << 24 | (unsigned)data[1] << 16 |
                                  (unsigned)data[2] << 8 | data[3]
                            : (unsigned)size;
    /* GS r 1: any byte with bits 4 and 7 clear answers; the others never. */
    escpos_confirm cf;
    escpos_confirm_init(&cf, &prof, id);
    for (size_t i = 0; i < size; i++) {
        escpos_confirm_result res = escpos_confirm_feed(&cf, data[i]);
        fuzz_check((res == ESCPOS_CONFIRM_WAIT) == ((data[i] & 0x90) != 0));
    }
    fuzz_check(escpos_confirm_feed(&cf, 0x00) == ESCPOS_CONFIRM_OK);

    /* GS ( H: after any bytes, this job's reply confirms; the request
     * carries the same ID. */
    prof.procid = true;
    escpos_confirm_init(&cf, &prof, id);
    for (int i = 0; i < 4; i++)
        fuzz_check(cf.id[i] >= 0x20 && cf.id[i] <= 0x7E && cf.id[i] != 0x37);
    sbuf req = {0};
    escpos_confirm_request(&req, &cf);
    fuzz_check(req.len == 11 && memcmp(req.data + 7, cf.id, 4) == 0);
    sbuf_free(&req);
    feed(&cf, data, size);
    const uint8_t reply[7] = {0x37, 0x22, cf.id[0], cf.id[1], cf.id[2], cf.id[3], 0};
    for (int i = 0; i < 6; i++)
        fuzz_check(escpos_confirm_feed(&cf, reply[i]) == ESCPOS_CONFIRM_WAIT);
    fuzz_check(escpos_confirm_feed(&cf, reply[6]) == ESCPOS_CONFIRM_OK);
    /* Another job's ID: the data itself, fed alone, confirms only if it
     * holds this job's reply. */
    escpos_confirm_init(&cf, &prof, id);
    bool holds = false;
    for (size_t i = 0; i + 7 <= size && !holds; i++)
        holds = memcmp(data + i, reply, 7) == 0;
    bool confirmed = false;
    for (size_t i = 0; i < size; i++)
        confirmed |= escpos_confirm_feed(&cf, data[i]) == ESCPOS_CONFIRM_OK;
    fuzz_check(confirmed == holds);
    return 0;
}
