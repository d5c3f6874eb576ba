/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store: the only module that talks SQL (store*.c are the only files that
 * include sqlite3.h). Domain structs in and out; every user action is one
 * transaction; every transaction that may write is BEGIN IMMEDIATE.
 * Returns pk_err values; never exits, never prints personal data. */
#ifndef PK_STORE_H
#define PK_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct store store;

/* Opens (creating if needed) the database at path, applies the connection
 * settings of RELIABILITY.md §5.2 and runs pending migrations.
 * On failure *out is NULL and msg (may be NULL) says why in plain English
 * for stderr (start-up). */
pk_err store_open(const char *path, store **out, char *msg, size_t msgsz);
/* The audit chain's HMAC key (32 bytes, from [paths] audit_key_file) for
 * every store opened afterwards: store_open refuses (PK_EPERM) before one
 * is given. Kept outside the database so that the chain cannot be
 * re-hashed after an edit by someone who only has the database. */
void store_use_audit_key(const unsigned char key[32]);
/* Whether the database file at path already has a keyed audit chain
 * (schema 4 or later), read without migrating it. */
pk_err store_file_keyed(const char *path, bool *keyed);
/* Opens a database that exists, never creating one: PK_ENOTFOUND (msg says
 * which) when the file is missing or empty (0 bytes), issue 11 item 3. */
pk_err store_open_existing(const char *path, store **out, char *msg, size_t msgsz);
void store_close(store *s);
/* What a citizen's dossier needs: the database accepts a committed write
 * (setting "write_check" = stamp). PK_EPERM when the file, its folder or
 * a stale -shm is read-only; msg names the file. */
pk_err store_write_check(store *s, const char *stamp, char *msg, size_t msgsz);
int store_schema_version(store *s);
/* PRAGMA integrity_check (full=true) or quick_check; msg gets the first problem. */
pk_err store_check(store *s, bool full, char *msg, size_t msgsz);
/* The kiosk's start-up check, in a time that does not grow with the
 * database: the header (page count within the file) and the schema (every
 * table the kiosk needs) always; quick_check, which reads every page, only
 * when the last run did not end with store_mark_clean (a crash, a power
 * cut, a kill, a restored file) or on the first kiosk start of a new
 * file. Then the marker is cleared until the next clean end. *kind says
 * whether quick_check ran, and why. PK_EIO with the first problem in msg
 * on a damaged file. */
typedef enum {
    START_CHECK_QUICK,     /* the last run ended cleanly: header and schema only */
    START_CHECK_FIRST,     /* no kiosk run yet on this file: every page read */
    START_CHECK_UNCLEAN,   /* the last run did not end cleanly: every page read */
} start_check_kind;
pk_err store_start_check(store *s, start_check_kind *kind, char *msg, size_t msgsz);
/* The clean-shutdown marker: the kiosk ended cleanly (committed). Not on
 * a file the idle check found damaged: the next start checks every
 * page and refuses it. */
pk_err store_mark_clean(store *s, int64_t now);
/* The idle check of the whole file found damage (store_check.h): from
 * then on store_dossier_create refuses (PK_ETAMPER) and store_mark_clean
 * does not mark the file clean. */
bool store_damaged(const store *s);
/* The last SQLite message of this connection, for logs and stderr (never
 * holds personal data: values are bound, messages name tables only). */
const char *store_last_error(store *s);
/* Groups several store calls into one user action (one BEGIN IMMEDIATE
 * transaction): calls inside join it; any failure inside makes
 * store_tx_commit roll everything back and return an error. */
pk_err store_tx_begin(store *s);
pk_err store_tx_commit(store *s);
void store_tx_rollback(store *s);
/* How long a write waits for another process's lock before PK_EBUSY
 * (default 5000 ms, RELIABILITY §5.3). */
void store_set_busy_timeout(store *s, int ms);
/* Caps the database size in pages (tests: simulates a full disk). */
pk_err store_set_max_pages(store *s, int64_t pages);
/* Told how long work goes (units done, units in all; a copy's pages, an
 * import's rows): see store_set_progress and store_backup. */
typedef void (*store_progress_fn)(int64_t done, int64_t total, void *arg);
/* Long loops of this store (the procedure import; the sealing of the rows
 * a purge changed) call fn every few hundred rows and at the end; NULL
 * stops it. */
void store_set_progress(store *s, store_progress_fn fn, void *arg);
/* true when the catalog tables are empty (first run: seed from data/). */
bool store_is_empty(store *s);

/* ---- catalog ---------------------------------------------------------- */
/* Replace the whole catalog in one transaction (import). */
pk_err store_procedures_replace(store *s, const procedure *procs, int n);
pk_err store_procedure_get(store *s, const char *code, procedure *out);
/* Replaces a procedure's search keywords (comma-separated; "" clears):
 * PK_ENOTFOUND for an unknown code, PK_EINVAL for bad text. */
pk_err store_procedure_keywords_set(store *s, const char *code, const char *keywords);
/* Replaces a procedure's rank on the first list of a kiosk without
 * history (1 first, 0 none, at most PK_RANK_MAX): PK_ENOTFOUND for an
 * unknown code, PK_EINVAL out of range. */
pk_err store_procedure_rank_set(store *s, const char *code, int rank);
int store_procedure_count(store *s);
/* Diacritic-insensitive, ranked search (empty query = all, Vietnamese
 * alphabetical order). Fills up to max rows; *n = rows filled. */
pk_err store_procedure_search(store *s, const char *query, proc_row *rows, int max, int *n);
/* The list before anything is typed: first (up to most_max, *most of them)
 * the procedures this kiosk registered most in the 90 days up to now (at
 * most the newest 2,000; cancelled dossiers and samples left out, purged
 * ones counted), ties by the staff's rank then catalog order, the ranked
 * ones filling the places left; then every other procedure in catalog
 * order. Kept until the next write or day. Fills up to max rows; *n = rows
 * filled. */
pk_err store_procedures_first(store *s, int64_t now, int most_max, proc_row *rows, int max,
                              int *n, int *most);
/* Counts the first list again now if a write or the day made it stale, so
 * that the citizen's key that opens the list does not pay for it (a few ms
 * at a million dossiers): the welcome screen calls it at its tick.
 * *counted: whether it had to count. */
pk_err store_procedures_first_warm(store *s, int64_t now, int most_max, bool *counted);
/* Browse: distinct fields (lĩnh vực) / agencies in Vietnamese order, and the
 * procedures of one field or agency. */
pk_err store_fields(store *s, char (*fields)[96], int max, int *n);
pk_err store_agencies(store *s, char (*agencies)[PK_TEXT_MAX], int max, int *n);
pk_err store_procedures_by(store *s, const char *field, const char *agency,
                           proc_row *rows, int max, int *n);

pk_err store_units_replace(store *s, const admin_unit *units, int n);
pk_err store_unit_get(store *s, int id, admin_unit *out);
pk_err store_provinces(store *s, char (*names)[64], int max, int *n);
/* Units of a province whose folded name starts with or contains prefix. */
pk_err store_unit_search(store *s, const char *province, const char *prefix,
                         admin_unit *out, int max, int *n);

/* Holidays (kind 'H') and make-up working days (kind 'W'): holiday, model.h. */
pk_err store_holidays_replace(store *s, const holiday *h, int n);
pk_err store_holidays(store *s, holiday **out, int *n);   /* *out malloc'ed */

/* Postal tariffs: tariff, model.h. */
pk_err store_tariffs_replace(store *s, const tariff *t, int n);
pk_err store_tariff_get(store *s, service_form form, const char *scope, tariff *out);

/* ---- dossiers --------------------------------------------------------- */
/* Creates the dossier in one transaction: takes the next kiosk sequence,
 * fills d->ref, d->s10 (with s10_prefix, e.g. "RA", and country "VN"),
 * d->id, d->created_at (if 0) and d->status = ST_REGISTERED, inserts the
 * documents, the first event (actor) and a pending print job whose id goes
 * to *job_id (may be NULL). Commit happens before this returns PK_OK:
 * print only after. PK_ENOTFOUND: no such procedure; PK_ESTATE: the
 * procedure cannot be sent / returned by post in d->form; PK_EINVAL: bad
 * text (invalid UTF-8, control characters, unterminated), no consent, no
 * kiosk code (d->kiosk_code, else the "kiosk_code" setting); PK_EFULL also
 * when the S10 serial range (settings "s10_first", "s10_last", kept from
 * the configuration by cli_store) is used up. */
pk_err store_dossier_create(store *s, dossier *d, const char *s10_prefix,
                            const char *actor, int64_t *job_id);
pk_err store_dossier_get(store *s, const char *ref, dossier *out);
pk_err store_dossier_events(store *s, const char *ref, dossier_event *ev, int max, int *n);
int64_t store_dossier_count(store *s, int status /* -1 = all */);

enum { DOSSIER_FILTER_INCIDENTS = -3 };   /* status: items recorded lost or damaged */
typedef struct {
    int status;                    /* -1 = any, -2 open, DOSSIER_FILTER_INCIDENTS */
    const char *query;             /* ref, name (folded), phone, last ID digits; NULL = any */
    const char *from_date, *to_date; /* YYYY-MM-DD inclusive, NULL = open */
    const char *proc_code, *agency;
    int unit_id;                   /* 0 = any */
    bool include_sample;
} dossier_filter;

typedef struct {
    int64_t id;
    char ref[PK_REF_MAX];
    char proc_code[PK_CODE_MAX];
    char proc_name_vi[PK_TEXT_MAX];
    char name[PK_NAME_MAX];
    dossier_status status;
    int64_t created_at;
    char expected_date[PK_DATE_MAX];
} dossier_row;

/* Oldest first; keyset-friendly offset paging. */
pk_err store_dossier_list(store *s, const dossier_filter *f, int offset,
                          dossier_row *rows, int max, int *n);

/* ---- print jobs ------------------------------------------------------- */
typedef enum { JOB_PENDING = 0, JOB_PRINTED, JOB_FAILED } job_status;
typedef struct {
    int64_t id;
    char ref[PK_REF_MAX];
    char kind[16];                 /* receipt | handover | test */
    job_status status;
    char reason[PK_TEXT_MAX];
    int64_t created_at, updated_at;
    int attempts;
} print_job;
pk_err store_job_create(store *s, const char *ref, const char *kind, int64_t *job_id);
pk_err store_job_set(store *s, int64_t job_id, job_status status, const char *reason);
pk_err store_jobs_list(store *s, int status /* -1 any */, print_job *jobs, int max, int *n);
/* Claims job_id for `who` until now + lease_s, so that nobody else prints
 * it meanwhile (a clerk retrying the kiosk's job while it prints). PK_OK
 * when unclaimed, already claimed by who, or the claim has expired;
 * PK_ESTATE when another holds a live claim; PK_EEXISTS when the job is
 * printed already; PK_ENOTFOUND. Recording an outcome ends the claim. */
pk_err store_job_claim(store *s, int64_t job_id, const char *who, int64_t now, int lease_s);
/* The outcome of a print job, decided by the paper already: written like
 * store_job_set, retried with back-off while the database is busy, full or
 * failing (each try within the busy timeout), and if still not written
 * kept (on this handle and in "<database>-outcomes") and PK_EBUSY
 * returned. store_jobs_flush() writes it later (the kiosk calls it at every
 * tick), store_close() tries once more, and store_open() after a crash.
 * A newer outcome for the same job replaces a kept one. */
pk_err store_job_record(store *s, int64_t job_id, job_status status, const char *reason);
/* Writes the kept outcomes (one try each); PK_OK when none is left. */
pk_err store_jobs_flush(store *s);
/* How many outcomes are kept, not yet written. */
int store_jobs_unrecorded(const store *s);

/* ---- kiosk identity and settings (key/value) -------------------------- */
pk_err store_setting_get(store *s, const char *key, char *val, size_t valsz);
pk_err store_setting_set(store *s, const char *key, const char *val);

#endif
