/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 * print job job_id (receipt_job_record). Checks the printer status first
 * where the link is two-way. Sample dossiers (d->sample) get the
 * "MẪU / SAMPLE" watermark. On failure msg gets a msgid to translate.
 * The result is what happened to the paper: PK_OK printed (confirmed by
 * the printer) even when the database was too busy to record it yet;
 * PK_EUNCONFIRMED sent but not confirmed; another error not printed.
 * The job is claimed while it prints (store_job_claim): PK_ESTATE, nothing
 * printed or recorded, when another process is printing it; PK_EEXISTS
 * when it is printed already.
 * (Addition: on success msg is "" or the paper-low notice for staff.) */
pk_err receipt_print(printer *p, store *s, const config *cfg, const dossier *d,
                     int64_t job_id, char *msg, size_t msgsz);

/* QR payload of a receipt: "VNK<keyver>.<REF>.<UNIXTIME>.<MAC>", only
 * [0-9A-Z.-], no personal data. receipt_verify() checks a scanned payload
 * and extracts the reference. */
pk_err receipt_payload(const config *cfg, const char *ref, int64_t issued_at,
                       char *out, size_t outsz);
pk_err receipt_verify(const config *cfg, const char *payload, char *ref, size_t refsz,
                      int64_t *issued_at);

/* ---- additions (printers engineer) ------------------------------------ */
/* The receipt key, cfg->key_file (root-only, 0600 or 0400, outside the DB):
 *   line 1: 64 hex digits = the 32-byte HMAC-SHA256 key
 *   line 2: the key version, 1..9999 (optional, default 1)
 * or exactly 32 raw bytes, version 1 (what config_prepare_home() writes).
 * Rotation: write a new key with version N+1 to key_file and keep each old
 * key as "<key_file>.<version>" (same format) so older receipts verify.
 * A key file readable by group or others is refused (PK_EPERM).
 * Payload: VNK<v>.<REF>.<unix time, base 10>.<first 26 chars of the RFC 4648
 * base32 of HMAC-SHA256(key, "VNK<v>.<REF>.<TIME>")>. receipt_verify()
 * also accepts the payload after cfg->track_url or any prefix ending in
 * '/', '=' or '?', in either case (a scanner with Caps Lock on).
 * Errors: PK_EINVAL malformed, PK_ETAMPER bad MAC or no key of that
 * version, PK_EIO/PK_EPERM key file unreadable/unsafe.
 * A receipt of another kiosk (its reference's first part is not
 * cfg->kiosk_code) is checked with that kiosk's key only, from
 * "<cfg->peer_keys_dir>/<KIOSK>.<version>" (the province distributes them,
 * same format): PK_ETAMPER when that file is missing (issue 12). */

/* What the QR code holds: cfg->track_url (may be empty) + payload. */
pk_err receipt_qr_text(const config *cfg, const char *ref, int64_t issued_at, char *out,
                       size_t outsz);

/* Records on job job_id what printing it gave (err, msg from the printer;
 * store_job_record, so a busy database does not lose it): PK_OK printed;
 * PK_EUNCONFIRMED stays pending with msg as the reason (the paper may have
 * come out: staff check before printing again); any other error failed
 * with msg. Returns store_job_record's result. */
pk_err receipt_job_record(store *s, int64_t job_id, pk_err err, const char *msg);

enum { RECEIPT_REPRINT = 1 };
/* receipt_print with flags: RECEIPT_REPRINT adds the "IN LẠI / REPRINT"
 * banner and the reprint time, and names the files REF-reprint-JOB. */
pk_err receipt_print_ex(printer *p, store *s, const config *cfg, const dossier *d,
                        int64_t job_id, int flags, char *msg, size_t msgsz);

/* Everything the printed receipt shows, already masked and chosen in the
 * citizen's language: the pure layout needs nothing else (no database). */
typedef struct {
    char name[PK_TEXT_MAX];        /* legal name, Vietnamese */
    char gloss[PK_TEXT_MAX];       /* English gloss, "" on Vietnamese receipts */
    doc_kind kind;
} receipt_doc;

typedef struct {
    char lang[8];                  /* "en" -> 1,234,567 VND; else 1.234.567 đồng */
    char post_office[128];
    char kiosk_code[16];
    int64_t issued_at;             /* registration time (also in the QR) */
    int64_t printed_at;            /* shown on reprints */
    char ref[PK_REF_MAX];
    char s10[PK_S10_MAX];
    char proc_name[PK_TEXT_MAX];   /* Vietnamese legal name */
    char proc_gloss[PK_TEXT_MAX];  /* English gloss, "" on Vietnamese receipts */
    char proc_code[PK_CODE_MAX];
    char agency[PK_TEXT_MAX];      /* Vietnamese legal name */
    char agency_gloss[PK_TEXT_MAX]; /* its English name, "" on Vietnamese receipts or when
                                     * the catalog has none */
    service_form form;
    char applicant[PK_NAME_MAX];   /* masked: "Nguyễn V. A." */
    char id_masked[PK_ID_MAX + 8]; /* masked: "********1234" */
    bool consent_sms;              /* consent choices are printed (RELIABILITY §3.4) */
    char phone_masked[PK_PHONE_MAX + 8]; /* masked: "09******89", for SMS updates */
    int ndocs;
    receipt_doc docs[PK_MAX_DOCS];  /* the papers ticked */
    bool counted;                  /* a clerk counted them: "handed over", else "you will hand in" */
    int nto_bring;
    receipt_doc to_bring[PK_MAX_DOCS]; /* required papers not ticked: still to bring */
    int64_t fee_proc, fee_post, fee_total;
    int64_t fee_agency;            /* receive only: the agency's fee, paid at the agency */
    char expected_date[PK_DATE_MAX]; /* YYYY-MM-DD, "" when unknown */
    char hotline[32];
    char qr[400];                  /* receipt_qr_text() */
    bool sample;                   /* watermark MẪU / SAMPLE */
    bool reprint;
} receipt_info;

/* Lays the receipt out at width dots (384 or 576): *out gets the canvas and
 * *text (may be NULL) the plain-text version; labels go through _() in the
 * current language. PK_EINVAL when the QR cannot be drawn. */
pk_err receipt_render(const receipt_info *ri, canvas_fonts *f, int width, canvas **out,
                      char **text);
/* The printer test page (postkiosk print-test): profile, Vietnamese text,
 * a ruler and a QR code made with the receipt key; named test-<time>.
 * spec is shown on the page. */
pk_err receipt_test_page(printer *p, const config *cfg, const char *spec, char *msg,
                         size_t msgsz);

#endif
