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

#endif
