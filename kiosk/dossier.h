/* Dossier rules: pure C, no curses, no SQL. Validation of what a citizen
 * types, eligibility per service form, fees, the status life cycle. */
#ifndef PK_DOSSIER_H
#define PK_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

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
} val_result;

const char *dossier_val_msg(val_result v);

/* Each validator takes raw input (any bytes) and, when VAL_OK, writes the
 * normalised form (NFC, trimmed, single spaces; phone +84 -> 0) to out. */
val_result dossier_check_name(const char *in, char *out, size_t outsz);
val_result dossier_check_id(const char *in, int current_year, char *out, size_t outsz);
val_result dossier_check_phone(const char *in, char *out, size_t outsz);
val_result dossier_check_email(const char *in, char *out, size_t outsz); /* empty ok */
val_result dossier_check_street(const char *in, char *out, size_t outsz);

/* Eligibility of a procedure for a service form; when not eligible *why_vi /
 * *why_en point at the reason (procedure's own or a generic msgid). */
bool dossier_eligible(const procedure *p, service_form form);

/* Masking for receipts and screens: "********1234", "09******89",
 * "Nguyễn V. A." */
void dossier_mask_id(const char *id, char *out, size_t outsz);
void dossier_mask_phone(const char *phone, char *out, size_t outsz);
void dossier_mask_name(const char *name, char *out, size_t outsz);

/* Status codes and the life-cycle table (one table; the UI and the store
 * both ask it). */
const char *dossier_status_code(dossier_status st);      /* "registered" ... */
int dossier_status_parse(const char *code);             /* -1 when unknown */
const char *dossier_status_label(dossier_status st);    /* msgid, plain words */
bool dossier_transition_allowed(dossier_status from, dossier_status to);
bool dossier_status_closed(dossier_status st);

#endif
