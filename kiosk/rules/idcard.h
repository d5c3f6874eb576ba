/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The QR code on the front of the chip citizen ID card (CCCD): seven
 * fields separated by '|' — 12-digit ID number, old 9-digit ID (may be
 * empty), full name, date of birth ddmmyyyy, sex, permanent address, date
 * of issue ddmmyyyy. Parsed strictly: a code that is not exactly that
 * fills nothing. Everything here is personal data: callers never log it,
 * and wipe the struct (mem_wipe) when done. */
#ifndef PK_IDCARD_H
#define PK_IDCARD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum { IDCARD_PAYLOAD_MAX = 480, IDCARD_ADDRESS_MAX = 320 };

typedef enum {
    IDCARD_OK = 0,
    IDCARD_FOREIGN,      /* no '|' fields: some other code (not a card) */
    IDCARD_BAD,          /* card-like, but a field fails: damaged or not genuine */
} idcard_status;

typedef struct {
    char id[PK_ID_MAX];          /* 12 digits */
    char old_id[PK_ID_MAX];      /* 9 digits, or "" */
    char name[PK_NAME_MAX];      /* NFC, single spaces */
    char birth[PK_DATE_MAX];     /* "YYYY-MM-DD" */
    bool female;                 /* "Nữ" (else "Nam") */
    char address[IDCARD_ADDRESS_MAX];   /* NFC, single spaces */
    char issued[PK_DATE_MAX];    /* "YYYY-MM-DD" */
} idcard;

/* Parses payload (any bytes, len of them; no NUL needed) with today as
 * YYYYMMDD (dates after it are refused). On IDCARD_OK *out is filled;
 * otherwise *out is zeroed. */
idcard_status idcard_parse(const char *payload, size_t len, int today, idcard *out);
/* msgid of the message for a status that is not IDCARD_OK. */
const char *idcard_msg(idcard_status st);
/* True when payload looks meant as an ID card (fields separated by '|'),
 * so a scan of it goes to the card reader and never elsewhere. */
bool idcard_like(const char *payload);

/* The permanent address split for the return address: the parts before
 * the commune or ward ("Số 12, Trần Đăng Ninh"), the commune or ward
 * without its type word ("Đông Kinh") and its type in lower case ("phường",
 * "xã", "thị trấn"; "" when the address names none), and the last part,
 * the province without "Tỉnh" / "Thành phố" ("Lạng Sơn"; "" when the
 * commune is the last part). Any of them may be "". False when a part does
 * not fit (then *out is zeroed). */
typedef struct {
    char street[PK_STREET_MAX];
    char unit_type[32];
    char unit_name[128];
    char province[64];
} idcard_address;

bool idcard_split_address(const char *address, idcard_address *out);

#endif
