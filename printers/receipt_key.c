/* SPDX-License-Identifier: GPL-3.0-or-later */
/* See receipt_key.h. */
#include "receipt_key.h"

#include <string.h>

#include "receipt.h"
#include "util.h"

pk_err receipt_parse_key(const config *cfg, const char *input, receipt_key *k)
{
    memset(k, 0, sizeof *k);
    char text[IDS_KEY_MAX];
    ids_key_kind kind = ids_parse_key(input, cfg->kiosk_code[0] ? cfg->kiosk_code : NULL, text, sizeof text);
    k->kind = kind;
    pk_err e = PK_OK;
    switch (kind) {
    case IDS_KEY_NONE: e = PK_ENOTFOUND; break;
    case IDS_KEY_BAD: e = PK_EINVAL; break;
    case IDS_KEY_REF: str_copy(k->ref, sizeof k->ref, text); break;
    case IDS_KEY_S10: str_copy(k->s10, sizeof k->s10, text); break;
    case IDS_KEY_QR:
        e = receipt_verify(cfg, text, k->ref, sizeof k->ref, &k->issued_at);
        if (e != PK_OK)
            k->ref[0] = '\0';
        break;
    }
    mem_wipe(text, sizeof text);
    return e;
}
