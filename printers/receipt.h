/* Receipts: laid out from domain data, rendered to the canvas, sent through
 * the printer. Called only after the dossier is committed. */
#ifndef PK_RECEIPT_H
#define PK_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "model.h"
#include "printer.h"
#include "store.h"

/* Prints the receipt of a committed dossier and records the outcome on
 * print job job_id (printed, or failed with the reason). Checks the printer
 * status first where the link is two-way. Sample dossiers (d->sample) get
 * the "MẪU / SAMPLE" watermark. On failure msg gets a msgid to translate. */
pk_err receipt_print(printer *p, store *s, const config *cfg, const dossier *d,
                     int64_t job_id, char *msg, size_t msgsz);

/* QR payload of a receipt: "VNK<keyver>.<REF>.<UNIXTIME>.<MAC>", only
 * [0-9A-Z.-], no personal data. receipt_verify() checks a scanned payload
 * and extracts the reference. */
pk_err receipt_payload(const config *cfg, const char *ref, int64_t issued_at,
                       char *out, size_t outsz);
pk_err receipt_verify(const config *cfg, const char *payload, char *ref, size_t refsz,
                      int64_t *issued_at);

#endif
