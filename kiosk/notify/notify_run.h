/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One pass of the notifier: what smsd did with the spooled messages, then
 * every due message of the channels that are configured, each claimed
 * before it is sent and recorded after. */
#ifndef PK_NOTIFY_RUN_H
#define PK_NOTIFY_RUN_H

#include <stdint.h>

#include "notify_config.h"
#include "store.h"

typedef struct {
    int sent, handed, failed, given_up, spool_done;
} notify_stats;

enum { NOTIFY_LEASE = 120 };   /* seconds: longer than a send's own timeouts */

/* Runs until nothing is due at `now`. Prints one line per message (the
 * reference, event, channel and outcome: never the address or the text).
 * PK_OK, or the store error that stopped it. */
pk_err notify_run_once(store *db, const notify_config *nc, const char *who, int64_t now,
                       notify_stats *st);

#endif
