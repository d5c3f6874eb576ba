/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk side of the store (schema version 2): accounts and sign-in,
 * the life cycle of a dossier (one transaction per change, checked against
 * dossier_transition_allowed()), the queue, handover records, reports and
 * retention. Implemented in store_clerk.c, store_queue.c, store_cycle.c and
 * store_report.c; the audit log (store_audit.h) in store_audit.c. */
#ifndef PK_STORE_CLERK_H
#define PK_STORE_CLERK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "report.h"
#include "store.h"
#include "store_audit.h"

/* ---- accounts ---------------------------------------------------------- */
typedef struct {
    char id[AUTH_ID_MAX];
    char name[PK_NAME_MAX];
    clerk_role role;
    char pin_hash[AUTH_HASH_MAX];
    bool disabled;
    auth_lock lock;
    int64_t created_at, last_login;
} clerk_account;

/* PK_EEXISTS when the id is taken. actor is the supervisor (or "install"). */
pk_err store_clerk_add(store *s, const clerk_account *c, const char *actor, int64_t now);
pk_err store_clerk_get(store *s, const char *id, clerk_account *out);
pk_err store_clerk_set_pin(store *s, const char *id, const char *pin_hash,
                           const char *actor, int64_t now);
/* Disabling the last active supervisor is refused (PK_EPERM). */
pk_err store_clerk_disable(store *s, const char *id, const char *actor, int64_t now);
/* Role change (PK_EPERM when it would leave no active supervisor) and
 * re-enabling (also clears a lock): audited with actor and what changed
 * (store_clerk_admin.c). */
pk_err store_clerk_set_role(store *s, const char *id, clerk_role role, const char *actor,
                            int64_t now);
pk_err store_clerk_enable(store *s, const char *id, const char *actor, int64_t now);
/* PIN hashes are bound to their account (auth_pin_hash_for; store_clerk_add
 * and store_clerk_set_pin take such hashes). A hash from before schema 5
 * (unbound) is accepted only while the account row is the one the audit
 * chain sealed, and store_clerk_pin_rebind() replaces it with a bound one
 * after that successful sign-in. */
bool store_clerk_pin_ok(store *s, const auth_ctx *a, const clerk_account *c, const char *pin);
pk_err store_clerk_pin_rebind(store *s, const auth_ctx *a, const clerk_account *c,
                              const char *pin, int64_t now);
/* Active (not disabled) accounts of a role; role -1 = any. */
int store_clerk_count(store *s, int role);
pk_err store_clerk_list(store *s, clerk_account *out, int max, int *n);

/* Sign-in: checks the lock, verifies the PIN (outside any transaction: it
 * takes ~0.1 s), then records the outcome (failure counter, lock, audit
 * row) in one transaction. PK_OK fills *sess; PK_EPERM for a wrong id or
 * PIN or a disabled account (one answer for all three); when the account is
 * locked *locked_left (may be NULL) gets the seconds to wait (> 0). */
pk_err store_clerk_sign_in(store *s, const auth_ctx *a, const char *id, const char *pin,
                           int64_t now, int timeout, clerk_session *sess,
                           int64_t *locked_left);
pk_err store_clerk_sign_out(store *s, const clerk_session *sess, const char *why, int64_t now);

/* ---- life cycle -------------------------------------------------------- */
typedef struct {
    int64_t at;                   /* unix seconds; 0 = now */
    const char *seal_no;          /* accept: the seal on the envelope (required) */
    const char *missing_docs;     /* accept / supplement: what is missing */
    int64_t fee_collected;        /* accept: procedure fee taken, đồng; < 0 = unchanged */
    int64_t post_collected;       /* accept: postage taken, đồng (0 when none) */
    const char *appointment_date; /* handed: YYYY-MM-DD on the appointment slip */
    const char *handover_no;      /* handed: the handover record */
    const char *recipient_name;   /* delivered: who signed (required) */
    const char *recipient_id_last;/* delivered: last 4 digits of their ID (required) */
} transition_data;

/* Clerk-side facts of a dossier (schema v2 columns). */
typedef struct {
    char seal_no[32];
    char missing_docs[PK_TEXT_MAX];
    int64_t fee_collected, post_collected;
    char appointment_date[PK_DATE_MAX];
    char handover_no[32];
    int delivery_attempts;
    char first_attempt[PK_DATE_MAX], last_attempt[PK_DATE_MAX];
    char recipient_name[PK_NAME_MAX];
    char recipient_id_last[8];
    char incident[16];            /* "", "lost", "damaged" */
    int64_t accepted_at, handed_at, completed_at, closed_at, purged_at;
    char agency[PK_TEXT_MAX];
    char agency_en[PK_TEXT_MAX];      /* as registered; "" = none (say agency) */
    char proc_name_vi[PK_TEXT_MAX];   /* as registered */
} dossier_extra;

/* Changes the status of ref to `to` in one BEGIN IMMEDIATE transaction:
 * checks dossier_transition_allowed() (PK_ESTATE when not), the data the
 * step needs (PK_EINVAL when missing or malformed), the delivery rule
 * (back to the agency only after two attempts two working days apart:
 * PK_ESTATE before), updates the dossier, appends the event and chains it
 * into the audit log. note: reason or remark (required for rejections,
 * supplement and cancel). */
pk_err store_dossier_transition(store *s, const char *ref, dossier_status to,
                                const char *actor, const char *note,
                                const transition_data *td);
/* Why a transition cannot be made now, as a msgid, or NULL when it can
 * (the table, then the delivery rule). For the UI's action list. */
const char *store_transition_blocker(store *s, const char *ref, dossier_status to, int64_t now);
pk_err store_dossier_extra(store *s, const char *ref, dossier_extra *out);
/* Records a lost or damaged item (kind "lost" | "damaged") as an event
 * that keeps the status, with the note. */
pk_err store_dossier_incident(store *s, const char *ref, const char *kind,
                              const char *actor, const char *note, int64_t at);
/* store_dossier_get() plus an audit row "lookup" (clerks see full data). */
pk_err store_dossier_lookup(store *s, const char *ref, const char *actor, int64_t at,
                            dossier *out);

/* ---- queue ------------------------------------------------------------- */
/* Counts per status (samples excluded), O(1): kept by triggers. */
pk_err store_status_counts(store *s, int64_t counts[ST__COUNT]);
/* One page, oldest first, keyset paging: rows with id > after (forward) or,
 * when backward, the page just before id `after` (still oldest first).
 * f->query: a reference or an S10 number (or its start), digits (phone
 * start, the last 4 digits of the ID number, a whole ID, or this kiosk's
 * dossier number without its prefix: "42" finds LS01-000042), else a name
 * typed with or without marks (every word a prefix). */
pk_err store_queue_page(store *s, const dossier_filter *f, int64_t after, bool backward,
                        dossier_row *rows, int max, int *n);

/* ---- handover records -------------------------------------------------- */
typedef struct {
    char no[32];                  /* BB-<KIOSK>-<YYYYMMDD>-<seq> */
    char agency[PK_TEXT_MAX];     /* as the catalog names it ("UBND cấp xã ...") */
    char receiver[PK_TEXT_MAX];   /* the real receiving agency (catalog_real_agency):
                                   * "UBND xã ..."; records made before the split: agency */
    char actor[AUTH_ID_MAX];
    int64_t at;
    int ndossiers, ndocs, noriginals;
} handover;

typedef struct {
    char ref[PK_REF_MAX];
    char s10[PK_S10_MAX];
    char proc_name_vi[PK_TEXT_MAX];
    char seal_no[32];
    int ndocs, noriginals;
} handover_line;

/* Dossiers of one agency waiting for handover (accepted / in transit). */
pk_err store_handover_candidates(store *s, const char *agency, handover_line *out,
                                 int max, int *n);
/* Agencies with dossiers waiting for handover, with how many. */
pk_err store_handover_agencies(store *s, char (*agencies)[PK_TEXT_MAX], int *counts,
                               int max, int *n);
/* One transaction: every ref must belong to agency and be allowed to move
 * to ST_HANDED; they are grouped by their real receiving agency (a
 * commune-level agency is each citizen's own commune's People's
 * Committee: catalog_real_agency) and each group gets its own record, its
 * own number, in the order of its first dossier: out[0..*nout). All are
 * made and the dossiers moved, or nothing (more groups than max:
 * PK_EINVAL). appointment_date (YYYY-MM-DD, the one date the agency's
 * officer writes on the record; NULL or "" keeps each dossier's expected
 * date) must not be in the past: PK_EINVAL. */
pk_err store_handover_create(store *s, const char *agency, const char *const *refs,
                             int nrefs, const char *actor, const char *kiosk_code,
                             const char *appointment_date, int64_t at, handover *out, int max,
                             int *nout);
pk_err store_handover_lines(store *s, const char *no, handover *h, handover_line *out,
                            int max, int *n);
pk_err store_handover_set_file(store *s, const char *no, const char *path);

/* ---- the clerk's day (store_queue.c, store_report.c) -------------------- */
typedef enum {
    DAY_ACCEPTED,      /* accepted today */
    DAY_HANDOVER,      /* accepted, waiting for the handover to the agency */
    DAY_AGENCY_LATE,   /* at the agency past its appointment date (a result ready
                        * there included), or without one past the expected date */
    DAY_DELIVERY,      /* results to deliver, second attempts due */
    DAY_RETURN,        /* two failed deliveries: back to the agency */
    DAY__COUNT
} day_list;

typedef struct {
    char ref[PK_REF_MAX];
    char s10[PK_S10_MAX];
    dossier_status status;
    char name[PK_NAME_MAX];
    char agency[PK_TEXT_MAX];
    char due[PK_DATE_MAX];        /* YYYY-MM-DD the step was due */
    int late;                     /* working days past due (0: due today or later) */
    char appointment[PK_DATE_MAX]; /* YYYY-MM-DD the agency gave at the handover, or "" */
    bool overdue;                 /* that day has passed and the result is not collected */
} day_row;

/* One of the "today" lists (samples left out), newest or oldest dossier
 * first; the due day and the working days it is late, on the holiday
 * table: a handover is due the working day after acceptance, a result at
 * the agency on its appointment date (else its expected date), a delivery
 * the day the result was collected, a second attempt two working days
 * after the first (only listed once due), a return after the second
 * failed attempt. Each row
 * carries the agency's appointment date (stored by the handover) and
 * whether it is overdue: passed while the dossier is still at the agency
 * (handed, processing, supplement asked, result ready but not collected). */
pk_err store_day_list(store *s, day_list list, const char *today, bool newest, day_row *out,
                      int max, int *n);

/* The daily close: what each clerk accepted on day (YYYY-MM-DD, local),
 * from the acceptance events: dossiers, procedure fees and postage taken,
 * seals used (first and last number). Samples left out. */
typedef struct {
    char clerk[AUTH_ID_MAX];
    int accepted;
    int64_t fees, postage;
    int seals;
    char first_seal[32], last_seal[32];
} close_row;
pk_err store_daily_close(store *s, const char *day, close_row *out, int max, int *n);

/* ---- batches by scanning (store_cycle.c) -------------------------------- */
typedef enum { BATCH_RECEIVE = 1, BATCH_DELIVERY = 2 } batch_kind;
/* NULL when ref can join a batch of this kind now (receive: its result
 * collected from the agency, through "result ready" when the agency had
 * not said so; delivery: out for delivery), with its agency; else why not
 * (msgid). */
const char *store_batch_check(store *s, batch_kind kind, const char *ref, char *agency,
                              size_t agencysz);
/* One transaction: numbers the batch (NKQ-/PH-<KIOSK>-<YYYYMMDD>-<seq>
 * into no), moves every ref (each event's note is the number), records
 * the batch and its items and one audit row; a receive batch holds one
 * agency's dossiers. Any ref that cannot join: PK_ESTATE, *bad its index,
 * nothing changed. */
pk_err store_batch_create(store *s, batch_kind kind, const char *const *refs, int nrefs,
                          const char *actor, const char *kiosk_code, int64_t at, char *no,
                          size_t nosz, int *bad);

/* ---- reports and retention -------------------------------------------- */
/* Dossiers registered from..to (YYYY-MM-DD, kiosk local days, inclusive),
 * samples excluded. `today` decides what is overdue. r must be freed. */
pk_err store_report(store *s, const char *from, const char *to, const char *today,
                    report *r);
/* Closed dossiers whose closing day is before `before` (YYYY-MM-DD):
 * count only (dry run) or erase their personal data (name, ID number,
 * phone, e-mail, street, recipient) keeping the anonymous facts. Records
 * an audit row. */
pk_err store_purge(store *s, const char *before, bool dry_run, const char *actor,
                   int64_t at, int64_t *count);

#endif
