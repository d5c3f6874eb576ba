/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A kiosk restored from an older backup rejoins the network
 * (sync_restore.c). Found at the start of a sync pass: the database is
 * marked by `postkiosk restore`, or the central server has seqs of this
 * kiosk beyond every seq this outbox ever gave (a copy put back by hand).
 * The pass then learns from the central server what the lost database had
 * issued — its highest outbox seq, dossier reference, S10 serial per
 * prefix, the audit heads the local chain does not hold — moves the local
 * counters past them and audits the restore (one local transaction),
 * records the restore at the central server (pk.restores: a new epoch of
 * the kiosk's audit heads; the lost ones stay, named by it), and only then
 * pushes. A pass cut between the two steps finishes the record the next
 * time, once. */
#ifndef PK_SYNC_RESTORE_H
#define PK_SYNC_RESTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pgc.h"
#include "store.h"

typedef struct {
    bool recovered;          /* this pass recovered a restore */
    int64_t central_seq;     /* what the province had of this kiosk */
    int64_t ref_seq;
    int64_t head_seq;
    int lost;                /* its heads lost with the restore */
    int64_t lost_from, lost_to;
} sync_restore_info;

/* PK_OK when nothing was restored or the recovery is done (info says
 * which); PK_ETAMPER when the central server's heads before the restored
 * head are not in the local chain (a rewrite, not a restore); PK_EIO
 * (server) or the store's error, with why. */
pk_err sync_recover(store *db, pgc *c, const char *kiosk, int64_t now, sync_restore_info *info,
                    char *why, size_t whysz);

typedef struct {
    char recorded_at[32];    /* server time */
    int lost;
    int64_t lost_from, lost_to;
    bool marked;             /* by `postkiosk restore`, else found by the sync */
} sync_restore_row;
/* The restores the central server recorded for this login's kiosk,
 * oldest first: *rows malloc'ed (free()). */
bool sync_central_restores(pgc *c, sync_restore_row **rows, int *n, char *why, size_t whysz);

#endif
