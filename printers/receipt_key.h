/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one parser for what a citizen types or a scanner sends to find a
 * dossier: a reference, an S10 number or a receipt QR payload. Used by
 * Track, the clerk's scan and `postkiosk reprint`, so all accept exactly
 * the same text (any case, spaces ignored, digits alone are a number of
 * cfg->kiosk_code: ids_parse_key). */
#ifndef PK_RECEIPT_KEY_H
#define PK_RECEIPT_KEY_H

#include <stdint.h>

#include "config.h"
#include "ids.h"
#include "model.h"

typedef struct {
    ids_key_kind kind;         /* IDS_KEY_REF, IDS_KEY_S10 or IDS_KEY_QR */
    char ref[PK_REF_MAX];      /* REF, and QR once its signature holds */
    char s10[PK_S10_MAX];      /* S10 */
    int64_t issued_at;         /* QR */
} receipt_key;

/* PK_OK: k is filled; a QR payload has passed its signature check, so it
 * proves the holder has the receipt (a typed REF/S10 proves nothing).
 * PK_ENOTFOUND: nothing was given. PK_EINVAL: not a reference, S10 number or
 * QR payload of this service. PK_ETAMPER: a QR payload whose signature
 * fails (forged, or signed with a key this kiosk does not have); k->ref
 * stays empty. PK_EIO/PK_EPERM: the receipt key cannot be read. */
pk_err receipt_parse_key(const config *cfg, const char *input, receipt_key *k);

#endif
