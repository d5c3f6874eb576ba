/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The [sync] and [central] sections of postkiosk.ini (sync_config.c):
 * where this kiosk sends its outbox, and where the province's commands
 * (`postkiosk central ...`) connect. A password never sits in the file: a
 * conninfo holding one is refused; it comes from password_file (owner
 * only: 0400 or 0600) or from libpq's ~/.pgpass. */
#ifndef PK_SYNC_CONFIG_H
#define PK_SYNC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Outbox rows per batch by default: each batch costs a commit at the
 * server and an fsync'ed mark here, so a backlog goes faster in bigger
 * ones (README, "Figures"); 2,000 rows are some 500 kB of COPY text. */
enum { SYNC_BATCH_DEFAULT = 2000 };

/* The personal data `[sync] share` may send to the central server (a
 * comma-separated list of these names; default none): the citizen's
 * name, ID number, phone, e-mail and street (the commune goes anyway). */
enum {
    SYNC_SHARE_NAME = 1u << 0,      /* name */
    SYNC_SHARE_ID = 1u << 1,        /* id_number */
    SYNC_SHARE_PHONE = 1u << 2,     /* phone */
    SYNC_SHARE_EMAIL = 1u << 3,     /* email */
    SYNC_SHARE_ADDRESS = 1u << 4,   /* address */
};

typedef struct {
    char conninfo[512];        /* [sync] conninfo: libpq key=value or URI; "" = off */
    char password_file[512];   /* [sync] password_file: "" = ~/.pgpass */
    int batch;                 /* [sync] batch: outbox rows per transaction (2000) */
    int interval;              /* [sync] interval: seconds between --follow passes (60) */
    int max_backoff;           /* [sync] max_backoff: longest wait after failures (900) */
    unsigned share;            /* [sync] share: SYNC_SHARE_* bits; 0 (default) none */
    char central_conninfo[512];/* [central] conninfo, for `postkiosk central` */
} sync_config;

/* Reads path (NULL = /etc/postkiosk/postkiosk.ini when it exists, else
 * the defaults). false with err "file:line: reason" on a bad value or a
 * conninfo that holds a password. */
bool sync_config_load(sync_config *sc, const char *path, char *err, size_t errsz);
/* The same, with [sync] conninfo taken as written: pgc_open checks it when
 * the first connection is made. For the kiosk and the clerk's workstation,
 * so that reading the configuration does not load the sync module (libpq)
 * into a process that may never connect. */
bool sync_config_read(sync_config *sc, const char *path, char *err, size_t errsz);
/* Secret files: config_read_secret (config.h). */
/* A new random password (24 characters) written to a new file path, 0400
 * (never over an existing file), for `central kiosk add`: false with why. */
bool sync_make_password(const char *path, char *out, size_t outsz, char *why, size_t whysz);

#endif
