/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One sync pass (sync_push.c): the kiosk's pending outbox rows
 * (store_sync.h) to the central PostgreSQL, in batches. Each batch is one
 * PostgreSQL transaction (COPY into a temporary table, then INSERT ... ON
 * CONFLICT DO NOTHING into pk.events), committed before the rows are
 * marked sent locally: a pass killed at any point, a dropped connection or
 * a restarting server leave the rows pending, and the next pass sends them
 * again, which the server takes as the same rows (no duplicate, no gap).
 * A row the server holds under the same (kiosk, seq) with other content is
 * refused (the kiosk's database was replaced?): nothing more is sent. */
#ifndef PK_SYNC_PUSH_H
#define PK_SYNC_PUSH_H

#include <stdint.h>

#include "store.h"
#include "sync_config.h"
#include "sync_restore.h"

enum { SYNC_SKEW_WARN = 300 };   /* seconds between the clocks worth a warning */

typedef struct {
    int64_t sent;          /* rows pushed in this pass (new or already there) */
    int batches;
    int64_t last_seq;      /* the newest row the server has, 0 none */
    int64_t skew;          /* server clock - kiosk clock, seconds */
    char kiosk[16];        /* the kiosk code the login is registered for */
    sync_restore_info restore; /* a restore from a backup recovered first */
} sync_stats;

/* Connects with sc (password from sc->password_file, else ~/.pgpass),
 * checks the schema and the login's kiosk, pushes every pending row,
 * records the local audit head (pk.audit_heads keeps every head it saw)
 * and the pass at the server. now: the kiosk's clock. On failure the
 * attempt is recorded locally (store_sync_failed) and why says what went
 * wrong; rows already committed at the server stay marked sent.
 * PK_EIO (connection, server), PK_ESTATE (schema, login), PK_ETAMPER (a row
 * or an audit head differs from the server's), or the store's error. */
pk_err sync_push(store *db, const sync_config *sc, int64_t now, sync_stats *st, char *why,
                 size_t whysz);

#endif
