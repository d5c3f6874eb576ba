/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Store queries of demonstration mode (kiosk/store_demo.c). */
#ifndef PK_STORE_DEMO_H
#define PK_STORE_DEMO_H

#include <stdint.h>

#include "store.h"

/* Dossiers in the database, and how many of them are samples. */
pk_err store_demo_counts(store *s, int64_t *total, int64_t *samples);

#endif
