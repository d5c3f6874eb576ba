/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Identifiers: dossier references unique across kiosks, UPU S10 numbers. */
#ifndef PK_IDS_H
#define PK_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "<KIOSK>-<seq, 6+ digits>", only [0-9A-Z-] so it is QR alphanumeric
 * and scanner-safe. Returns false when kiosk_code is not 2..8 of [A-Z0-9]. */
bool ids_reference(const char *kiosk_code, int64_t seq, char *out, size_t outsz);
bool ids_reference_valid(const char *ref);

/* UPU S10: 2-letter prefix + 8-digit serial + check digit + country. */
int ids_s10_check_digit(uint32_t serial);
bool ids_s10_make(const char *prefix, uint32_t serial, const char *country,
                  char *out, size_t outsz);
bool ids_s10_valid(const char *s10);

/* What a citizen typed or a scanner sent, normalised the one way every
 * lookup (Track, the clerk's scan, `postkiosk reprint`) uses: white space
 * dropped, a-z folded to A-Z (a scanner with Caps Lock on, a citizen
 * typing "ls01-000042"). out (>= IDS_KEY_MAX) gets the normalised text.
 * IDS_KEY_QR: it holds "VNK", a receipt QR payload whose signature is still
 * to be checked (receipt_parse_key); IDS_KEY_REF / IDS_KEY_S10: a well-formed
 * reference or S10 number; IDS_KEY_NONE: empty; IDS_KEY_BAD: none of
 * these (never log it: it may be an ID or phone number typed by mistake).
 * With kiosk_code (may be NULL), 1 to 8 digits alone are that kiosk's
 * sequence number ("42" -> "LS01-000042"): a numeric keypad has no letters.
 * A reference typed without its hyphen is one too ("LS01000042" ->
 * "LS01-000042": this kiosk's code when it starts so, else the last 6
 * digits are the sequence). */
typedef enum { IDS_KEY_NONE = 0, IDS_KEY_REF, IDS_KEY_S10, IDS_KEY_QR, IDS_KEY_BAD } ids_key_kind;
enum { IDS_KEY_MAX = 404 };
ids_key_kind ids_parse_key(const char *input, const char *kiosk_code, char *out, size_t outsz);

#endif
