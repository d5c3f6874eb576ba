/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tracking anywhere: one short lookup in pk.dossiers (track_remote.h). */
#include "track_remote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "pgc.h"
#include "util.h"

bool track_remote_foreign(const char *own_kiosk, const char *ref)
{
    if (!own_kiosk || !ref)
        return false;
    size_t n = strcspn(ref, "-");
    return ref[n] == '-' && n > 0 && (strlen(own_kiosk) != n || strncmp(ref, own_kiosk, n) != 0);
}

/* conninfo with connect_timeout = TRACK_REMOTE_WAIT_S last (libpq keeps
 * the last value of a repeated keyword): a key=value string or a URI. */
static bool short_conninfo(const char *conninfo, char *out, size_t outsz)
{
    bool uri = !strncmp(conninfo, "postgresql://", 13) || !strncmp(conninfo, "postgres://", 11);
    int n;
    if (uri)
        n = snprintf(out, outsz, "%s%cconnect_timeout=%d", conninfo,
                     strchr(conninfo, '?') ? '&' : '?', TRACK_REMOTE_WAIT_S);
    else
        n = snprintf(out, outsz, "%s connect_timeout=%d", conninfo, TRACK_REMOTE_WAIT_S);
    return n > 0 && (size_t)n < outsz;
}

typedef struct {
    remote_dossier *out;
    int rows;
} found;

static bool take_row(void *arg, int ncols, const char *const *v)
{
    found *f = arg;
    if (ncols != 10)
        return false;
    remote_dossier *r = f->out;
    str_copy(r->kiosk, sizeof r->kiosk, v[0]);
    str_copy(r->ref, sizeof r->ref, v[1]);
    str_copy(r->s10, sizeof r->s10, v[2]);
    str_copy(r->proc_code, sizeof r->proc_code, v[3]);
    str_copy(r->status, sizeof r->status, v[4]);
    str_copy(r->expected_date, sizeof r->expected_date, v[5]);
    str_copy(r->completed_day, sizeof r->completed_day, v[6]);
    str_copy(r->closed_day, sizeof r->closed_day, v[7]);
    r->key_version = atoi(v[8]);
    r->updated_at = strtoll(v[9], NULL, 10);
    f->rows++;
    return false;   /* (kiosk, ref) is the key: one row */
}

pk_err track_remote(const sync_config *sc, const char *ref, remote_dossier *out, char *why,
                    size_t whysz)
{
    char sink[8];
    if (!why) {
        why = sink;
        whysz = sizeof sink;
    }
    why[0] = '\0';
    memset(out, 0, sizeof *out);
    if (!sc || !sc->conninfo[0] || !ref || !ref[0]) {
        snprintf(why, whysz, "no [sync] conninfo");
        return PK_EINVAL;
    }
    size_t kl = strcspn(ref, "-");
    if (ref[kl] != '-' || kl == 0 || kl >= 16)
        return PK_EINVAL;   /* no kiosk code: not worth a connection */
    char conninfo[700], password[256] = "";
    if (!short_conninfo(sc->conninfo, conninfo, sizeof conninfo))
        return PK_EINVAL;
    if (sc->password_file[0] &&
        !config_read_secret(sc->password_file, password, sizeof password, why, whysz))
        return PK_EIO;
    pgc *c = NULL;
    pk_err e = pgc_open(conninfo, password[0] ? password : NULL, &c, why, whysz);
    mem_wipe(password, sizeof password);
    if (e != PK_OK)
        return e == PK_EINVAL ? PK_EINVAL : PK_EIO;
    char timeout[64];
    snprintf(timeout, sizeof timeout, "SET statement_timeout = '%ds'", TRACK_REMOTE_WAIT_S);
    e = pgc_exec(c, timeout, why, whysz) ? track_remote_lookup(c, ref, out, why, whysz) : PK_EIO;
    pgc_close(c);
    return e;
}

pk_err track_remote_lookup(pgc *c, const char *ref, remote_dossier *out, char *why, size_t whysz)
{
    memset(out, 0, sizeof *out);
    char kiosk[16];
    size_t kl = strcspn(ref, "-");
    if (ref[kl] != '-' || kl == 0 || kl >= sizeof kiosk)
        return PK_EINVAL;
    memcpy(kiosk, ref, kl);
    kiosk[kl] = '\0';
    found f = {out, 0};
    const char *params[2] = {kiosk, ref};
    if (!pgc_query_each(c,
                        "SELECT kiosk, ref, s10, proc_code, status, expected_date,"
                        " completed_day, closed_day, key_version, updated_at"
                        " FROM pk.dossiers WHERE kiosk = $1 AND ref = $2",
                        2, params, take_row, &f, why, whysz))
        return PK_EIO;
    return f.rows ? PK_OK : PK_ENOTFOUND;
}
