/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: what a citizen types or a scanner sends to find a dossier
 * (ids_parse_key, receipt_parse_key: reference, S10 number, QR payload),
 * the one parser Track, the clerk's scan and `postkiosk reprint` share.
 * Inputs up to 64 KiB (corpus/lookup/.max_len).
 * Invariants: the normalised text has no lower case and no white space;
 * the kind agrees with the validators; a QR payload that verifies names a
 * well-formed reference; and every reference of this kiosk (LS01) found
 * this way round-trips: its signed payload, typed in lower case with
 * spaces, verifies to it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "ids.h"
#include "receipt.h"
#include "receipt_key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static config cfg;

static void init(void)
{
    if (cfg.key_file[0])
        return;
    fuzz_key_file("fuzz_lookup", cfg.key_file, sizeof cfg.key_file);
    snprintf(cfg.kiosk_code, sizeof cfg.kiosk_code, "LS01");
}

static void round_trip(const char *ref)
{
    char payload[160], typed[200];
    if (receipt_payload(&cfg, ref, 1767225600, payload, sizeof payload) != PK_OK)
        __builtin_trap();
    size_t j = 0;
    for (size_t i = 0; payload[i] && j < sizeof typed - 2; i++) {
        char c = payload[i];
        typed[j++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        if (i % 7 == 3)
            typed[j++] = ' ';
    }
    typed[j] = '\0';
    receipt_key k;
    if (receipt_parse_key(&cfg, typed, &k) != PK_OK || k.kind != IDS_KEY_QR ||
        strcmp(k.ref, ref) != 0 || k.issued_at != 1767225600)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    char out[IDS_KEY_MAX];
    ids_key_kind kind = ids_parse_key(text, (size & 1) ? "LS01" : NULL, out, sizeof out);
    for (const char *p = out; *p; p++)
        if ((*p >= 'a' && *p <= 'z') || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            __builtin_trap();
    if ((kind == IDS_KEY_REF && !ids_reference_valid(out)) ||
        (kind == IDS_KEY_S10 && !ids_s10_valid(out)) ||
        (kind == IDS_KEY_QR && !strstr(out, "VNK")) ||
        (kind == IDS_KEY_NONE && out[0]))
        __builtin_trap();
    receipt_key k;
    pk_err e = receipt_parse_key(&cfg, text, &k);
    if (e == PK_OK) {
        if (k.kind == IDS_KEY_S10) {
            if (!ids_s10_valid(k.s10))
                __builtin_trap();
        } else if (!k.ref[0] ||
                   strspn(k.ref, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-") != strlen(k.ref)) {
            __builtin_trap();
        } else if (strncmp(k.ref, "LS01-", 5) == 0) {
            /* this kiosk's own: its payload verifies with the kiosk's key
             * (another kiosk's needs that kiosk's key from the province) */
            round_trip(k.ref);
        }
    } else if (k.ref[0]) {
        __builtin_trap();                 /* a refused key names no dossier */
    }
    free(text);
    return 0;
}
