/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kiosk's idle check of the whole file (issue 18): PRAGMA quick_check
 * of every page, the freelist and the page accounting included, run in a
 * background thread on its own read-only connection (WAL: the kiosk
 * keeps writing meanwhile), at the lowest CPU and I/O priority. It never
 * makes a citizen wait: a key stops it at once (sqlite3_interrupt) and
 * the pass is made again from the start later. Damage found: store_damaged()
 * is true from then on, so store_dossier_create refuses and
 * store_mark_clean does not mark the file clean. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "store.h"

typedef struct store_idle_check store_idle_check;

typedef enum {
    IDLE_CHECK_RUNNING,     /* not finished yet */
    IDLE_CHECK_OK,          /* every page read: no damage */
    IDLE_CHECK_DAMAGED,     /* damage (msg says the first problem) */
    IDLE_CHECK_STOPPED,     /* stopped by store_idle_check_stop: no verdict */
    IDLE_CHECK_FAILED,      /* could not run (msg says why): no verdict */
} idle_check_state;

/* Starts a pass on the file of s (not on a database in memory: PK_EINVAL). */
pk_err store_idle_check_start(store *s, store_idle_check **out);
/* Asks the pass to stop; returns at once (the thread ends by itself). */
void store_idle_check_stop(store_idle_check *c);
/* Where the pass is, without waiting. On IDLE_CHECK_DAMAGED the store is
 * marked damaged. A stop the thread may not have seen yet is sent again;
 * a stopped pass ends IDLE_CHECK_STOPPED, whatever it had found. */
idle_check_state store_idle_check_poll(store_idle_check *c, char *msg, size_t msgsz);
/* Stops the pass, waits for its thread, closes its connection. NULL: none. */
void store_idle_check_free(store_idle_check *c);
