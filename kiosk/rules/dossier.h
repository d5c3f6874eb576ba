/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dossier rules: pure C, no curses, no SQL. Validation of what a citizen
 * types, eligibility per service form, fees, the status life cycle. */
#ifndef PK_DOSSIER_H
#define PK_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "workdays.h"  /* workcal (added) */

/* Why a field was refused. dossier_val_msg() gives a translatable msgid. */
typedef enum {
    VAL_OK = 0,
    VAL_EMPTY,
    VAL_TOO_LONG,
    VAL_BAD_UTF8,
    VAL_CONTROL_CHAR,
    VAL_NAME_CHARS,       /* digits or symbols in a person's name */
    VAL_ID_LENGTH,        /* not 12 (or 9) digits */
    VAL_ID_DIGITS,
    VAL_ID_PROVINCE,      /* first 3 digits are no province code */
    VAL_ID_CENTURY,       /* gender/century digit inconsistent with birth year */
    VAL_PHONE_FORMAT,
    VAL_PHONE_PREFIX,
    VAL_EMAIL,
    VAL_UNIT_UNKNOWN,
    VAL_STREET_CHARS,
    VAL_TOO_SHORT,        /* added: a name of fewer than 2 letters */
} val_result;

const char *dossier_val_msg(val_result v);

/* Each validator takes raw input (any bytes) and, when VAL_OK, writes the
 * normalised form (NFC, trimmed, single spaces; phone +84 -> 0) to out. */
val_result dossier_check_name(const char *in, char *out, size_t outsz);
val_result dossier_check_id(const char *in, int current_year, char *out, size_t outsz);
val_result dossier_check_phone(const char *in, char *out, size_t outsz);
val_result dossier_check_email(const char *in, char *out, size_t outsz); /* empty ok */
val_result dossier_check_street(const char *in, char *out, size_t outsz);
/* added: VAL_UNIT_UNKNOWN unless u is a unit the store returned (NULL when
 * store_unit_get() failed). */
val_result dossier_check_unit(const admin_unit *u);

/* Eligibility of a procedure for a service form (send needs bcci_submit,
 * return needs bcci_return, both needs both); dossier_why_not() says why. */
bool dossier_eligible(const procedure *p, service_form form);
/* added: NULL when eligible; otherwise the reason in plain words for the
 * language lang ("en": reason_en, anything else: reason_vi, falling back to
 * the other language), or, when the procedure has none, a generic message
 * already passed through gettext. */
const char *dossier_why_not(const procedure *p, service_form form, const char *lang);

/* Masking for receipts and screens: "********1234", "09******89",
 * "Nguyễn V. A." (family name, then the first letter of each other word,
 * marks kept). An ID or phone shorter than 8 characters, or not ASCII, is
 * starred entirely; a short out holds a clean prefix. */
void dossier_mask_id(const char *id, char *out, size_t outsz);
void dossier_mask_phone(const char *phone, char *out, size_t outsz);
void dossier_mask_name(const char *name, char *out, size_t outsz);

/* Status codes and the life-cycle table (one table; the UI and the store
 * both ask it). */
const char *dossier_status_code(dossier_status status);      /* "registered" ... */
int dossier_status_parse(const char *code);             /* -1 when unknown */
const char *dossier_status_label(dossier_status status);    /* msgid, plain words */
const char *dossier_status_name(int status);                /* msgid, staff term */
bool dossier_transition_allowed(dossier_status from, dossier_status to);
bool dossier_status_closed(dossier_status status);   /* final for every form */

/* ---- added: the life-cycle table as data ----------------------------- */
enum {
    TR_NOTE = 1 << 0,        /* a reason / note must be recorded */
    TR_SEND = 1 << 1,        /* only when the dossier goes by post (send, both) */
    TR_RETURN = 1 << 2,      /* only when the result comes back by post (return, both) */
    TR_DIRECT = 1 << 3,      /* only when the citizen filed at the agency (return) */
    TR_SEAL = 1 << 4,        /* counter: documents checked, seal number, fees taken */
    TR_APPOINTMENT = 1 << 5, /* record the appointment / expected return date */
    TR_RECIPIENT = 1 << 6,   /* record who received it: name, last ID digits */
};
/* Failed deliveries before a result may go back to the agency, and the
 * working days between attempts (TT 17/2017 Đ.5.2.h). */
enum { DOSSIER_DELIVERY_ATTEMPTS = 2, DOSSIER_ATTEMPT_GAP_DAYS = 2 };
/* true once failed_attempts delivery attempts allow delivery_failed -> returned */
bool dossier_return_allowed(int failed_attempts);
/* Earliest day for the next delivery attempt after a failed one. */
int dossier_next_attempt_day(const workcal *c, int failed_day);

typedef struct {
    dossier_status from, to;
    unsigned flags;          /* TR_* */
    const char *action;      /* msgid for the clerk's button */
} dossier_transition;

/* The whole table (*n rows), in display order. */
const dossier_transition *dossier_transitions(int *n);
/* The row for from -> to, NULL when not allowed for any form. */
const dossier_transition *dossier_transition_find(dossier_status from, dossier_status to);
/* As dossier_transition_allowed(), for a dossier of this service form. */
bool dossier_transition_allowed_form(dossier_status from, dossier_status to,
                                     service_form form);
/* Allowed next states of from for form (0 = any form), in table order;
 * returns the count (at most max are written). */
int dossier_next_states(dossier_status from, service_form form,
                        dossier_status *out, int max);
/* No transition left for a dossier of this form (e.g. an agency refusal
 * is final when the result does not come back by post). */
bool dossier_status_closed_form(dossier_status status, service_form form);
/* The post office has nothing left to do for this dossier: it is closed,
 * or it was sent by post only (FORM_SEND) and is at the agency: what the
 * agency does next may still be recorded, but the post's duty ended at
 * the handover (the citizen collects the result at the agency). For the
 * clerk's "needs action" queue and the on-time figures. */
bool dossier_post_done(dossier_status status, service_form form);

/* ---- added: money and dates ------------------------------------------ */
/* Tariff scope for a procedure's agency: "commune" for commune-level
 * agencies, "province" otherwise (agencies in another province: the caller
 * uses "national"). */
const char *dossier_tariff_scope(const procedure *p);
/* Procedure fee (collected at the counter only when the dossier is sent by
 * post; a return-only citizen already paid at the agency) + postal charge
 * of tariff t (the row whose form is d->form; NULL = no charge). Fills
 * d->fee_proc, d->fee_post, d->fee_total. */
void dossier_fees(const procedure *p, const tariff *t, dossier *d);
/* Expected result day (workdays day number): acceptance day J (today, or
 * the next working day when today is not one or hour >= 15) + transit to
 * the agency (send, both) + p->days + return transit (return, both), all in
 * working days of c. */
int dossier_expected_day(const workcal *c, int today, int hour,
                         const procedure *p, int transit_days, service_form form);

#endif
