/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A kiosk's connection to the central server (sync_conn.h). */
#include "sync_conn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "config.h"
#include "i18n.h"
#include "util.h"

pk_err sync_open(const sync_config *sc, pgc **out, char *kiosk, size_t kiosksz, char *why,
                 size_t whysz)
{
    *out = NULL;
    if (!sc->conninfo[0]) {
        snprintf(why, whysz, "%s", _("no central server is configured ([sync] conninfo)"));
        return PK_EINVAL;
    }
    char pw[256];
    bool have_pw = false;
    if (sc->password_file[0]) {
        if (!config_read_secret(sc->password_file, pw, sizeof pw, why, whysz))
            return PK_EINVAL;
        have_pw = true;
    }
    pgc *c = NULL;
    pk_err e = pgc_open(sc->conninfo, have_pw ? pw : NULL, &c, why, whysz);
    mem_wipe(pw, sizeof pw);
    if (e != PK_OK)
        return e;
    if (!central_schema_check(c, why, whysz)) {
        pgc_close(c);
        return PK_ESTATE;
    }
    if (!central_my_kiosk(c, kiosk, kiosksz, why, whysz)) {
        pgc_close(c);
        return PK_EIO;
    }
    if (!kiosk[0]) {
        snprintf(why, whysz,
                 _("the central server has no kiosk for the login %s (postkiosk central add-kiosk)"),
                 pgc_user(c));
        pgc_close(c);
        return PK_ESTATE;
    }
    *out = c;
    return PK_OK;
}

typedef struct {
    sync_head *heads;
    int n, cap;
} heads_ctx;

static bool add_head(void *arg, int ncols, const char *const *v)
{
    heads_ctx *h = arg;
    if (ncols < 3)
        return false;
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 64;
        h->heads = xrealloc(h->heads, (size_t)h->cap * sizeof *h->heads);
    }
    sync_head *x = &h->heads[h->n++];
    x->seq = strtoll(v[0], NULL, 10);
    str_copy(x->head, sizeof x->head, v[1]);
    str_copy(x->seen_at, sizeof x->seen_at, v[2]);
    return true;
}

bool sync_central_heads(pgc *c, sync_head **heads, int *n, char *why, size_t whysz)
{
    heads_ctx h = {0};
    bool ok = pgc_query_each(c,
                             "SELECT audit_seq, head, to_char(seen_at, 'YYYY-MM-DD HH24:MI:SS TZ')"
                             " FROM pk.audit_heads h WHERE kiosk = pk.kiosk_of(current_user)"
                             " AND NOT EXISTS (SELECT 1 FROM pk.restores r"
                             "  WHERE r.kiosk = h.kiosk AND r.epoch > h.epoch AND r.lost > 0"
                             "  AND h.audit_seq >= r.lost_from)"
                             " ORDER BY audit_seq, epoch",
                             0, NULL, add_head, &h, why, whysz);
    if (!ok) {
        free(h.heads);
        h.heads = NULL;
        h.n = 0;
    }
    *heads = h.heads;
    *n = h.n;
    return ok;
}
