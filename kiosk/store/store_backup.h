/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups of the database (issue 17 item 7): a consistent copy of a live
 * database through SQLite's online backup API, and the checks a copy must
 * pass before it counts as a backup or is restored. The keys (receipt key,
 * PIN pepper, audit key) are files outside the database: never in a
 * backup. */
#ifndef PK_STORE_BACKUP_H
#define PK_STORE_BACKUP_H

#include <stdint.h>

#include "store.h"
#include "store_audit.h"

/* Copies the open database s into dest (a new file, 0600; must not
 * exist) while other processes keep writing: the online backup API
 * restarts a step when a writer changed a page, so the copy is one
 * consistent snapshot. progress may be NULL. msg says why on failure. */
pk_err store_backup(store *s, const char *dest, store_progress_fn progress, void *arg,
                    char *msg, size_t msgsz);
/* The same from a database file that is not open here (restore: the
 * backup to put back), into dest. src is opened read-only. */
pk_err store_copy_file(const char *src, const char *dest, char *msg, size_t msgsz);
/* Checks a copy (not the live database: it is opened, and an older schema
 * migrated): it opens as a postkiosk database whose schema is not newer
 * than this program's, PRAGMA integrity_check is "ok", and the keyed audit
 * chain verifies with the audit key loaded (store_use_audit_key). On
 * success *dossiers counts its dossiers and *r holds the chain's head.
 * PK_ETAMPER (r says where) when the chain does not verify. */
pk_err store_copy_verify(const char *path, int64_t *dossiers, audit_check *r, char *msg,
                         size_t msgsz);

#endif
