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

/* ---- a kiosk restored from an older backup (store_sync_restore.c) -------
 * The restored copy would give again the outbox seqs, dossier references,
 * S10 numbers and audit positions that the lost database already gave the
 * province. `postkiosk restore` marks the copy (store_sync_restore_mark)
 * when the kiosk syncs: no dossier is registered until the sync has
 * learned from the central server what was issued (PK_ERESTORED). The
 * sync then moves the counters past it and audits the restore in one
 * transaction (store_sync_recover), records it at the central server, and
 * ends the recovery here (store_sync_recovered). */
typedef struct {
    int64_t outbox_seq;      /* the highest seq this outbox ever gave */
    int64_t ref_seq;         /* the kiosk's reference counter */
    int64_t head_seq;        /* the audit chain's head */
    bool marked;             /* restored by `postkiosk restore`, not yet synced */
    int64_t recovery_seq;    /* an unfinished recovery: its audit row, 0 none */
    bool recovery_marked;    /* that recovery followed a mark */
} sync_marks;
pk_err store_sync_marks(store *s, const char *kiosk, sync_marks *m);

/* Marks a restored database (at: kiosk clock). */
pk_err store_sync_restore_mark(store *s, int64_t at);
/* Whether the database is marked (a dossier must wait). */
bool store_sync_restore_marked(store *s);

enum { SYNC_S10_PREFIXES = 16 };
typedef struct {
    int64_t outbox_seq;      /* the central server's highest seq of this kiosk */
    int64_t ref_seq;         /* its highest reference number */
    struct { char prefix[3]; int64_t serial; } s10[SYNC_S10_PREFIXES];
    int ns10;                /* the highest S10 serial per prefix */
    int64_t head_seq;        /* the newest audit head it has (not lost) */
    int64_t lost_from, lost_to;  /* its heads the local chain does not hold */
    int lost;
    bool marked;
} sync_recovery;
/* One transaction: the outbox seq, the reference counter and each S10
 * counter moved past r's (never back), an audit row "restore" saying
 * what was learned, the recovery recorded as unfinished (its audit seq in
 * *audit_seq). The mark stays until store_sync_recovered. */
pk_err store_sync_recover(store *s, const char *kiosk, const sync_recovery *r, int64_t at,
                          int64_t *audit_seq);
/* The central server has the restore: the mark and the unfinished
 * recovery are removed. */
pk_err store_sync_recovered(store *s);

/* ---- personal data the configuration lets leave (store_sync_share.c) ----
 * Never in the outbox (append-only: a purge could not erase it there):
 * read from the dossier as it is now when a batch goes, so a purged
 * dossier sends nothing. */
typedef struct {
    char name[PK_NAME_MAX];
    char id_number[PK_ID_MAX];
    char phone[PK_PHONE_MAX];
    char email[PK_EMAIL_MAX];
    char address[PK_STREET_MAX];   /* the street (the commune is in every row) */
} sync_personal;
/* The dossier's personal data now ("" each when purged); PK_ENOTFOUND
 * for no such dossier (or a sample). */
pk_err store_sync_personal(store *s, const char *ref, sync_personal *out);
/* The references of the dossiers purged after `after` (purged_at, kiosk
 * clock), samples left out: *refs malloc'ed (free()), *n of them, and
 * *upto the newest purge among them (after when none). */
pk_err store_sync_purged(store *s, int64_t after, char (**refs)[PK_REF_MAX], int *n,
                         int64_t *upto);

#endif
