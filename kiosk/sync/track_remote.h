/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tracking anywhere (issue 12 item 3): the status of another kiosk's
 * dossier from the central server, for the Track screen and the clerk's
 * scanner. Asked only after the receipt's signature held with that
 * kiosk's key (receipt_verify, [paths] peer_keys): the central server
 * knows each kiosk's key version, never its key. Never waits more than
 * TRACK_REMOTE_WAIT_S seconds to connect, nor as long to answer: the
 * kiosk must not hang on a rural line. */
#ifndef PK_TRACK_REMOTE_H
#define PK_TRACK_REMOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "pgc.h"
#include "sync_config.h"

enum { TRACK_REMOTE_WAIT_S = 2 };

typedef struct {
    char kiosk[16];                /* the kiosk that registered it */
    char ref[PK_REF_MAX];
    char s10[PK_S10_MAX];
    char proc_code[PK_CODE_MAX];
    char status[24];               /* dossier_status_parse() */
    char expected_date[PK_DATE_MAX];
    char completed_day[PK_DATE_MAX];
    char closed_day[PK_DATE_MAX];
    int key_version;
    int64_t updated_at;            /* the last change the server has (kiosk clock) */
} remote_dossier;

/* Whether ref ("<KIOSK>-...") names a kiosk other than own_kiosk. */
bool track_remote_foreign(const char *own_kiosk, const char *ref);

/* The central server's copy of dossier ref, through [sync] conninfo and
 * password_file. PK_OK found; PK_ENOTFOUND the server has no such dossier
 * (its kiosk has not synced it yet); PK_EINVAL no [sync] conninfo (this
 * kiosk is not connected); PK_EIO unreachable, refused or too slow. why
 * (may be NULL) says what went wrong, for the log. */
pk_err track_remote(const sync_config *sc, const char *ref, remote_dossier *out, char *why,
                    size_t whysz);
/* track_remote's question on a connection already open (the bench times
 * it at the national network's size): the same results, no time limit of
 * its own. */
pk_err track_remote_lookup(pgc *c, const char *ref, remote_dossier *out, char *why, size_t whysz);

#endif
