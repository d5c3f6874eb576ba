/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The papers a citizen and an agency sign (issue 13 items 1 and 2): the
 * acceptance slip, the handover record, the records of a result collected
 * from an agency, returned after two failed deliveries, delivered (proof
 * of delivery) or refused, and the envelope label with the S10 barcode.
 *
 * Each paper is built once from the store (always in Vietnamese: they are
 * official documents), saved as an A4 PDF (cairo + pango; the label on a
 * 100 x 150 mm page) under <home>/papers/, then sent to the A4 printer
 * through CUPS ([papers] printer = QUEUE). When no A4 printer is set up or
 * CUPS refuses the job, the same content goes to the receipt printer (58 /
 * 80 mm) instead, and the result says so. Personal data is masked as on
 * the receipt ("Nguyễn V. A.", "********1234"); only the delivery label
 * carries the street address, without which the result cannot be
 * delivered. Call after the change the paper records is committed. */
#ifndef PK_PAPER_H
#define PK_PAPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "model.h"
#include "printer.h"
#include "store.h"

typedef enum {
    PAPER_SLIP = 0,    /* phiếu gửi / biên nhận hồ sơ: key = REF (accepted or later) */
    PAPER_LABEL,       /* envelope label with the S10 barcode: key = REF; to the agency
                          before the result is collected, to the citizen after */
    PAPER_HANDOVER,    /* biên bản giao nhận: key = handover number (BB-...) */
    PAPER_COLLECTED,   /* biên bản nhận kết quả từ cơ quan: key = REF or refs */
    PAPER_RETURNED,    /* biên bản trả lại kết quả (two failed deliveries): key = REF or refs */
    PAPER_DELIVERED,   /* phiếu xác nhận đã phát (proof of delivery): key = REF */
    PAPER_REFUSED,     /* phiếu từ chối (counter refusal or recipient refusal): key = REF */
    PAPER__COUNT
} paper_kind;

/* One line of the checklist counted at the counter (the procedure's list,
 * as the clerk edited it). */
typedef struct {
    char name[PK_TEXT_MAX];    /* Vietnamese name of the paper */
    doc_kind kind;             /* original (bản chính) or copy (bản sao) */
    int pages;                 /* sheets counted; 0 = not counted (a blank to fill in) */
    int count;                 /* how many of it, 0 = 1 */
} paper_check;

typedef struct {
    paper_kind kind;
    const char *key;           /* REF, or the handover number for PAPER_HANDOVER */
    /* PAPER_COLLECTED / PAPER_RETURNED: several dossiers of one agency on
     * one record (a batch); NULL = key alone. */
    const char *const *refs;
    int nrefs;
    /* PAPER_SLIP: the checklist as counted (kept beside the PDF); NULL =
     * the one kept from an earlier slip (a reprint), else the documents
     * ticked with blanks for the sheets, to fill in by hand. */
    const paper_check *checks;
    int nchecks;
    const char *reason;        /* PAPER_REFUSED: NULL = the note of the last event */
    const char *actor;         /* clerk id whose full name is printed; NULL = the one
                                  who recorded the step */
    int64_t now;               /* 0 = time(NULL): the time printed on the paper */
} paper_request;

typedef enum {
    PAPER_TO_A4 = 1,           /* accepted by CUPS (cups_job) */
    PAPER_TO_THERMAL,          /* printed on the receipt printer instead */
    PAPER_TO_FILE,             /* only saved: neither printer took it */
} paper_route;

typedef struct {
    char path[600];            /* the PDF saved under <home>/papers/ */
    int pages;                 /* of the PDF */
    paper_route route;
    int cups_job;              /* PAPER_TO_A4: the CUPS job id */
    const char *why;           /* msgid: why not A4 (no printer configured, CUPS
                                  refused); NULL when A4 */
    char detail[256];          /* CUPS's or the receipt printer's own words, may be "" */
} paper_result;

/* Builds the paper, saves the PDF and prints it (A4 through CUPS, else the
 * receipt printer p, which may be NULL). PK_OK when the PDF is saved,
 * whatever the printing gave (out->route says); PK_ENOTFOUND no such
 * dossier / record; PK_ESTATE the dossier is not at a step this paper
 * records (a slip before acceptance, proof of delivery before delivery);
 * PK_EINVAL bad request; PK_EIO / PK_EFULL the file could not be written. */
pk_err paper_issue(store *s, printer *p, const config *cfg, const paper_request *rq,
                   paper_result *out);
/* Only the PDF (no printing): out->route = PAPER_TO_FILE, why = NULL. */
pk_err paper_save(store *s, const config *cfg, const paper_request *rq, paper_result *out);

/* "slip", "label", "handover", "collected", "returned", "delivered",
 * "refused"; paper_kind_parse gives -1 for anything else. */
const char *paper_kind_name(paper_kind kind);
int paper_kind_parse(const char *name);
/* Where the paper went, as a msgid ("No A4 printer is configured:
 * printed on the receipt printer.", ...). */
const char *paper_route_msg(const paper_result *r);
/* A translated one-line account of where the paper went, for the screen
 * or the command line ("Printed on the A4 printer A4 (job 12).", "No A4
 * printer is configured: printed on the receipt printer.", ...). */
void paper_result_text(const paper_result *r, const config *cfg, char *out, size_t outsz);

#endif
