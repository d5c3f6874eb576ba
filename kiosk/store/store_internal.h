/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to kiosk/store*.c: the connection, the statement cache, error
 * mapping, transactions and the migration list. Nothing else includes this
 * (it pulls in sqlite3.h). */
#ifndef PK_STORE_INTERNAL_H
#define PK_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

typedef struct {
    char *sql;                 /* key (copy) */
    const char *key;           /* the address it was last asked for at (store_stmt) */
    sqlite3_stmt *stmt;
} store_cached;

struct search_cache;

/* A print job outcome the database was too busy to take (store_job_record). */
typedef struct {
    int64_t job_id;
    int status;
    char reason[PK_TEXT_MAX];
} store_outcome;
enum { STORE_OUTCOMES_MAX = 16 };

struct store {
    sqlite3 *conn;             /* the SQLite connection */
    store_cached *cache;
    int ncache, capcache;
    int depth;                 /* nesting of store_begin (0 = none) */
    bool doomed;               /* an inner step failed: commit will roll back */
    char err[256];             /* last SQLite message (no personal data) */
    struct search_cache *sc;   /* catalog search index (store_catalog.c) */
    unsigned char audit_key[32];   /* HMAC key of the audit chain (store_audit.c) */
    bool has_audit_key;
    bool audit_keyed;          /* the schema has audit.keyed: new rows are HMAC-linked */
    bool tracking;             /* temporary seal triggers are in place */
    bool sync_outbox;          /* the schema has sync_outbox: heads are queued at commit */
    bool agency_en;            /* the schema has dossiers.agency_en: registration keeps it */
    int64_t last_at;           /* time of the last row chained in this transaction */
    store_outcome outcomes[STORE_OUTCOMES_MAX];   /* not yet written */
    int noutcomes;
    int busy_ms;               /* store_set_busy_timeout() */
    store_progress_fn progress;   /* store_set_progress() */
    void *progress_arg;
    bool damaged;              /* the idle check found damage: no new dossiers (store_check.h) */
    bool created;              /* store_migrate began at schema 0: a new file */
};

/* One schema step: SQL run in one transaction (may be NULL), then fn (may
 * be NULL). After it user_version = version. Versions ascend from 1. */
typedef struct {
    int version;
    const char *sql;
    pk_err (*fn)(store *s);
} store_migration;

extern const store_migration store_migrations[];
/* Library settings SQLite takes only before it starts (store.c): called
 * before every sqlite3_open of the store. */
void store_sqlite_setup(void);
/* Schema version 15: batches by scanning (store_cycle.c). */
extern const char store_schema_batches[];
/* Schema version 2 (clerk workstation), defined in store_clerk.c, and its
 * step in C (chains the events of an upgraded database). */
extern const char store_schema_v2[];
pk_err store_clerk_upgrade(store *s);
/* Schema version 4 (keyed audit chain, sealed dossier and clerk rows),
 * defined in store_audit.c, and its step (the key marker, the first seals). */
extern const char store_schema_v4[];
pk_err store_audit_key_upgrade(store *s);
/* Schema version 5 (clerks.pin_v: PIN hashes bound to their account),
 * store_clerk_admin.c. */
pk_err store_clerk_pin_upgrade(store *s);
/* Schema version 6: the settings are sealed too (store_seal.c). */
pk_err store_setting_seal_upgrade(store *s);
/* Schema version 8 (the notification outbox), store_notify.c. */
extern const char store_schema_v8[];
extern const char store_schema_notify_given_up[];
/* Schema version 13 (the sync outbox), kiosk/store_sync/store_sync.c, and
 * the audit head it queues at commit when rows were queued since the last
 * one (called by store_commit after the seals). */
extern const char store_schema_sync[];
pk_err store_sync_head(store *s);
/* Schema version 19: the last head found by an index of the heads alone;
 * no index of print jobs by reference (nothing looks them up by it). */
extern const char store_schema_sync_heads[];
/* Schema version 23: no index of the heads (the head check reads the last
 * row of the outbox). */
extern const char store_schema_sync_last[];
/* Schema version 24: the CHECK lists of three or more constants written
 * as ORed equalities (store_schema.c). */
pk_err store_schema_inline_checks(store *s);
extern const int store_migrations_count;
/* Version 4: name_fold columns and the name index folded again. */
pk_err store_refold(store *s);

/* Applies the migrations of list above the current user_version, each in
 * its own BEGIN IMMEDIATE transaction. Refuses a database newer than the
 * list. msg says why on failure. */
pk_err store_migrate(store *s, const store_migration *list, int n, char *msg, size_t msgsz);

/* A prepared statement for sql, from the cache, reset and unbound. Call
 * store_done() when finished with it. NULL on error (s->err says why). */
sqlite3_stmt *store_stmt(store *s, const char *sql);
void store_done(sqlite3_stmt *stmt);

/* Maps a SQLite result code to pk_err and keeps the message in s->err. */
pk_err store_rc(store *s, int rc);
/* The first column of the first row of constant SQL (a count, a PRAGMA's
 * number), or fallback when it cannot be read (s->err says why). */
int64_t store_int_const(store *s, const char *sql, int64_t fallback);
/* Whether refs[0..n) are all readable references (a batch's list). */
bool store_refs_ok(const char *const *refs, int n);
/* Runs constant SQL (no values): BEGIN, COMMIT, PRAGMAs, schema. */
pk_err store_exec_const(store *s, const char *sql);
/* Runs a statement to completion (no rows expected). */
pk_err store_step_done(store *s, sqlite3_stmt *stmt);
/* Steps a statement that yields at most one row: PK_OK with the row ready
 * to read, PK_ENOTFOUND when there is none, else the error. */
pk_err store_step_row(store *s, sqlite3_stmt *stmt);
/* The one row that sql (one text parameter, ?1 = key) finds, ready to read:
 * the statement (store_done() it), or NULL with *e = PK_ENOTFOUND, PK_EIO
 * or the error. */
sqlite3_stmt *store_row(store *s, const char *sql, const char *key, pk_err *e);
/* For reading up to max rows: true with the next row ready to read while
 * n < max and there is one; false at the end, with *e PK_OK (no more rows,
 * or max reached) or the error. */
bool store_next_row(store *s, sqlite3_stmt *stmt, int n, int max, pk_err *e);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Nested calls join the outer
 * transaction; an inner rollback dooms it (the outer commit rolls back). */
pk_err store_begin(store *s);
pk_err store_commit(store *s);
void store_rollback(store *s);
/* Ends a store_begin(): commits when e is PK_OK (and returns how that
 * went), else rolls back and returns e. */
pk_err store_end(store *s, pk_err e);
/* store_begin() and the statement for sql; NULL, rolled back, with *e on
 * failure. */
sqlite3_stmt *store_begin_stmt(store *s, const char *sql, pk_err *e);

/* A text value from a fixed buffer of cap bytes is acceptable: terminated
 * within cap, valid UTF-8, no control characters. */
bool store_text_ok(const char *t, size_t cap);
#define STORE_FIELD_OK(f) store_text_ok((f), sizeof(f))

void store_bind_text(sqlite3_stmt *stmt, int i, const char *t);
void store_col_text(sqlite3_stmt *stmt, int col, char *out, size_t outsz);

/* What a dossier keeps of its procedure at registration. */
typedef struct {
    char name_vi[PK_TEXT_MAX];
    char name_en[PK_TEXT_MAX];
    char agency[PK_TEXT_MAX];
    char agency_en[PK_TEXT_MAX];
    bool bcci_submit, bcci_return;
} procedure_snap;
pk_err store_procedure_snap(store *s, const char *code, procedure_snap *out);

/* Appends one row to the append-only events table (inside a transaction).
 * from/to are status codes (store_status_code), from "" for the first. */
pk_err store_event_add(store *s, int64_t dossier_id, int64_t at, const char *actor,
                       const char *from, const char *to, const char *note);
/* Status code as stored ("registered", ...). */
const char *store_status_code(dossier_status status);

/* Whom a dossier's messages go to, as its row holds it. */
typedef struct {
    int64_t dossier_id;
    const char *ref, *phone, *email, *lang, *expected;   /* expected_date */
    bool consent_sms, consent_email, sample;
} store_notify_to;
/* store_notify_queue for a dossier whose row the caller has in hand (the
 * one it has just written): the same rows, without reading it back
 * (store_notify.c). */
pk_err store_notify_queue_to(store *s, const store_notify_to *to, const char *event,
                             const char *date, int64_t at);

/* Seals (store_audit.c): after the migrations, temporary triggers on this
 * connection note every dossier and clerk row it inserts, updates or
 * deletes; store_commit() calls store_audit_seal_dirty() before COMMIT,
 * which appends one "seal" row per noted row carrying the keyed digest of
 * the row after the change. A change made by another program (sqlite3
 * shell) is never noted, so `audit verify` finds its digest stale. */
pk_err store_audit_track(store *s);
pk_err store_audit_seal_dirty(store *s);
/* One chained row after the current head, inside a transaction
 * (store_audit.c); event_seq > 0 for an event's mirror row. */
pk_err store_chain_append(store *s, int64_t at, const char *actor, const char *action,
                          const char *object, const char *detail, int64_t event_seq);
/* Actions only the store itself writes ("seal", "audit_key"). */
bool store_audit_reserved(const char *action);
struct audit_check;
/* Third pass of store_audit_verify: every dossier and clerk row against
 * its last seal (store_seal.c). Fills r->fault on the first bad row. */
pk_err store_seals_verify(store *s, struct audit_check *r);
/* Whether a row still has the digest of its last seal (store_seal.c). */
pk_err store_row_sealed(store *s, bool clerk, const char *id, bool *sealed);
/* For a migration that adds a column to clerks: notes the rows that differ
 * from their seal, runs alter_sql, then reseals every row whose digest
 * moved (those noted marked "prior=changed", so the upgrade launders
 * nothing). */
pk_err store_reseal_clerks(store *s, const char *alter_sql);
/* The same for a migration step in C that changes dossier rows: only the
 * rows whose digest moved are sealed again. */
/* Migration: dossiers.consent_email (issue 14: one box covered SMS and
 * e-mail), old rows 0, resealed (store_notify.c). */
pk_err store_consent_email_upgrade(store *s);
pk_err store_handover_receiver_upgrade(store *s);   /* store_report.c */
/* table.column added unless there (store_schema.c) */
pk_err store_column_add(store *s, const char *table, const char *column, const char *decl);
pk_err store_reseal_dossiers(store *s, pk_err (*change)(store *s, const void *arg), const void *arg);
/* And for SQL that changes settings rows. */
pk_err store_reseal_settings(store *s, const char *sql);
/* Reads the print job outcomes a crashed run kept (store_outcomes.c) and
 * tries to write them. */
void store_outcomes_load(store *s);

/* Catalog search index, dropped when the catalog changes. */
void store_search_free(store *s);

/* Next value of a named counter (sequences table), inside a transaction. */
pk_err store_sequence_next(store *s, const char *name, int64_t *out);

#endif
