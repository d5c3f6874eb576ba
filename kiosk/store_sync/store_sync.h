/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync outbox: what the province needs of every change, queued in the
 * same local transaction as the change (schema version 13), append-only,
 * keyed by (kiosk code, seq). `postkiosk sync` reads pending rows in
 * batches, pushes them, then marks them sent.
 *
 * What leaves the kiosk (README "Provincial network"): the reference, S10
 * number, procedure (code, Vietnamese name), agency, commune (unit id and
 * name), service form, status and its dates, expected date, incident kind,
 * postal charge and collected fee, receipt key version. Never the citizen's
 * name, ID number, phone, e-mail, street, nor the free-text notes of clerks
 * (they may name people). Sample (practice) dossiers are not queued.
 *
 * Rows are written by triggers on events (a dossier created = its first
 * event; every life-cycle step and incident = one event) and print_jobs
 * (a job printed or failed), each a snapshot of the dossier after the
 * change; and at commit, one "audit" row with the audit chain's head
 * whenever rows were queued since the last head (store_sync_head). */
#ifndef PK_STORE_SYNC_H
#define PK_STORE_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "store.h"

enum { SYNC_CODE_MAX = 16, SYNC_STATUS_MAX = 24, SYNC_KIND_MAX = 12, SYNC_HASH_HEX = 65 };

typedef struct {
    int64_t seq;                       /* > 0, ascending, never reused */
    char kiosk_code[SYNC_CODE_MAX];
    char kind[SYNC_KIND_MAX];          /* "dossier", "event", "print", "audit" */
    int64_t at;                        /* kiosk clock, Unix time, of the change */
    /* dossier snapshot (kinds dossier, event, print; empty for audit) */
    char ref[PK_REF_MAX];
    char s10[PK_S10_MAX];
    char proc_code[PK_CODE_MAX];
    char proc_name[PK_TEXT_MAX];       /* Vietnamese, as registered */
    char agency[PK_TEXT_MAX];
    int64_t unit_id;                   /* commune (units.id), 0 unknown */
    char unit_name[PK_TEXT_MAX];       /* commune name, "" unknown */
    int form;                          /* 1 send, 2 return, 3 both */
    char from_status[SYNC_STATUS_MAX]; /* event: status before ("" for dossier) */
    char status[SYNC_STATUS_MAX];      /* status after the change */
    int64_t created_at;
    char created_day[PK_DATE_MAX];     /* kiosk local day: the report's period */
    char expected_date[PK_DATE_MAX];
    int64_t accepted_at;               /* 0 not accepted */
    char completed_day[PK_DATE_MAX];
    char closed_day[PK_DATE_MAX];
    char incident[16];                 /* "", "lost", "damaged" */
    int64_t fee_post, fee_collected;   /* đồng */
    int key_version;                   /* receipt key version of this kiosk */
    char detail[32];                   /* print: job kind ("receipt", ...) */
    /* audit head (kind audit) */
    int64_t audit_seq;
    char audit_hash[SYNC_HASH_HEX];    /* hex of the chain hash at audit_seq */
} sync_row;

/* Up to max pending rows with seq > after, in seq order: *n of them. */
pk_err store_sync_pending(store *s, int64_t after, sync_row *out, int max, int *n);
/* Marks every pending row with seq <= upto sent (one transaction) and
 * records a successful push at `at`. PK_EINVAL when upto < 0. */
pk_err store_sync_mark_sent(store *s, int64_t upto, int64_t at);
/* Records a failed attempt at `at` (reason: no personal data, e.g. the
 * server's message); the last success stays. */
pk_err store_sync_failed(store *s, int64_t at, const char *reason);

typedef struct {
    int64_t pending;                   /* rows not yet sent */
    int64_t oldest_pending_at;         /* 0 when none */
    int64_t last_seq;                  /* highest seq queued, 0 none */
    int64_t last_ok_at;                /* 0: never synced */
    int64_t last_try_at;               /* 0: never tried */
    char last_error[128];              /* of the last failed try, "" after a success */
} sync_lag;
pk_err store_sync_lag(store *s, sync_lag *out);

/* The receipt key version stamped on the outbox rows (setting
 * receipt_key_version, default 1): the kiosk records its current one at
 * start so that the province knows which key signs which kiosk's
 * receipts. Unchanged values write nothing. */
pk_err store_sync_key_version(store *s, int version);

#endif
