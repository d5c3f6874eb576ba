/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The central PostgreSQL schema (schema "pk"), its migrations and its
 * roles (central.c). The tables, for the sync, the tracking lookups and the
 * province's report:
 *   pk.central_meta(version)            one row: the schema version
 *   pk.kiosks(code, role, province, key_version, added_at)
 *                                       one LOGIN role per kiosk; the
 *                                       receipt key version, never the key
 *   pk.events(kiosk, seq, kind, at, ref, s10, ... audit_seq, audit_hash,
 *             received_at)            the kiosks' sync outboxes row for row
 *                                       (store_sync.h's sync_row), keyed by
 *                                       (kiosk, seq); received_at is the
 *                                       server's clock, at the kiosk's
 *   pk.dossiers(kiosk, ref, ...)        each dossier's newest snapshot
 *                                       (tracking, reports), kept by a
 *                                       trigger on pk.events; a kiosk writes
 *                                       only the [sync] share columns of its
 *                                       own (name, id_number, phone, email,
 *                                       address), which only the province reads
 *   pk.audit_heads(kiosk, epoch, audit_seq, head, seen_at)
 *                                       every audit head the province saw
 *                                       (the "audit" rows, by the trigger),
 *                                       per epoch: a restore opens the next
 *   pk.restores(kiosk, epoch, ...)      kiosks restored from older backups
 *                                       and the heads lost with them
 *   pk.kiosk_sync(kiosk, last_sync_at, last_seq, clock_skew_s)
 * Roles: "kiosk" (group of the kiosk logins: inserts only its own rows,
 * reads its own events and heads, the tracking columns of every dossier and
 * every kiosk's key version) and "province" (group of the province's
 * logins: reads everything). Row-level security enforces it. */
#ifndef PK_CENTRAL_H
#define PK_CENTRAL_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "pgc.h"

/* The newest central schema this program knows. */
int central_schema_latest(void);
/* The central database's schema version (0: none yet); false with why. */
bool central_schema_version(pgc *c, int *version, char *why, size_t whysz);
/* Creates or migrates the schema to the latest version, in one
 * transaction (an advisory lock keeps two runs apart). PK_ESTATE with why
 * when the database is newer than this program; *from, *to say what was
 * done. Needs a role that may create schemas and roles. */
pk_err central_init(pgc *c, int *from, int *to, char *why, size_t whysz);
/* Refuses to work on a schema this program does not know exactly: why
 * says to run `central init` (older) or to upgrade postkiosk (newer). */
bool central_schema_check(pgc *c, char *why, size_t whysz);

/* Registers kiosk `code` (2-8 capitals or digits) with a LOGIN role
 * "kiosk_<code in lower case>" whose password is `password`, member of
 * "kiosk", and its receipt key version; again for a known kiosk: a new
 * password and key version. *role gets the role's name. */
pk_err central_kiosk_add(pgc *c, const char *code, const char *province, int key_version,
                         const char *password, char *role, size_t rolesz, char *why,
                         size_t whysz);
/* A province login (member of "province", reads everything). */
pk_err central_province_user_add(pgc *c, const char *user, const char *password, char *why,
                                 size_t whysz);
/* The kiosk code the connection's role is registered for ("" when none). */
bool central_my_kiosk(pgc *c, char *code, size_t codesz, char *why, size_t whysz);

#endif
