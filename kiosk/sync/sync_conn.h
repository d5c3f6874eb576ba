/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A kiosk's connection to the central server (sync_conn.c), shared by the
 * sync, `audit verify --central` and the tracking lookups: [sync]
 * conninfo, the password from [sync] password_file (else ~/.pgpass), the
 * schema this program knows, a login registered for a kiosk. */
#ifndef PK_SYNC_CONN_H
#define PK_SYNC_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit.h"
#include "pgc.h"
#include "sync_config.h"

/* PK_EINVAL (no [sync] conninfo, unreadable password file), PK_EIO (cannot
 * connect), PK_ESTATE (schema older or newer; login of no kiosk), with
 * why. kiosk gets the login's kiosk code. */
pk_err sync_open(const sync_config *sc, pgc **out, char *kiosk, size_t kiosksz, char *why,
                 size_t whysz);

typedef struct {
    int64_t seq;
    char head[AUDIT_HEX_MAX];
    char seen_at[32];      /* when the province first saw it, server time */
} sync_head;

/* Every audit head the central server keeps for this login's kiosk that
 * no restore from a backup lost (sync_restore.h), in seq order: *heads
 * malloc'ed (free()), *n of them. */
bool sync_central_heads(pgc *c, sync_head **heads, int *n, char *why, size_t whysz);

#endif
