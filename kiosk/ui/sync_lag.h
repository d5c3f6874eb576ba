/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync lag in words, for the clerk menu and `postkiosk check`: one
 * place for the wording, in the current language. */
#ifndef PK_SYNC_LAG_H
#define PK_SYNC_LAG_H

#include <stddef.h>

#include "store_sync.h"

/* "Provincial sync: 3 events waiting · last success 02/03/2026 14:05"
 * ("never" when it never succeeded). */
void sync_lag_line(const sync_lag *l, char *out, size_t outsz);
/* The last success alone: "02/03/2026 14:05" or "never". */
void sync_lag_when(int64_t t, char *out, size_t outsz);

#endif
