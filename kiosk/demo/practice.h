/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The practice sandbox of demonstration mode: a database of its own next
 * to the live one (HOME/practice.db), created fresh from the shipped data
 * every time it opens or resets, and removed when it closes. The live
 * database is never opened, copied or touched: no real person's data can
 * appear in practice, and nothing practised can reach the clerk's queue. */
#ifndef PK_PRACTICE_H
#define PK_PRACTICE_H

#include <stddef.h>

#include "config.h"
#include "store.h"

#define PRACTICE_KIOSK_CODE PK_PRACTICE_KIOSK_CODE   /* references MAU-...: "mẫu", sample */

typedef struct {
    char path[600];
    char data_dir[512];
    store *db;
} practice;

/* Creates the sandbox for the live configuration cfg. Refuses
 * (PK_EPERM) when its file would be the live database. msg says why in
 * plain English on failure. */
pk_err practice_open(practice *p, const config *cfg, char *msg, size_t msgsz);
/* Throws everything practised away and starts again from the data. */
pk_err practice_reset(practice *p, char *msg, size_t msgsz);
/* Closes and removes the sandbox files. Safe on a closed one. */
void practice_close(practice *p);
/* The configuration the citizen screens use in practice: cfg with the
 * sandbox database and the sample kiosk code. */
void practice_config(const config *cfg, const practice *p, config *out);

#endif
