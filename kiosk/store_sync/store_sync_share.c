/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The personal data `[sync] share` lets leave, and the purges that must
 * erase it at the central server too (store_sync.h). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "store_sync.h"
#include "util.h"

pk_err store_sync_personal(store *s, const char *ref, sync_personal *out)
{
    memset(out, 0, sizeof *out);
    if (!ref || !*ref)
        return PK_EINVAL;
    pk_err e;
    sqlite3_stmt *stmt = store_row(s, "SELECT name, id_number, phone, email, street FROM dossiers"
                                      " WHERE ref = ?1 AND sample = 0",
                                   ref, &e);
    if (!stmt)
        return e;
    store_col_text(stmt, 0, out->name, sizeof out->name);
    store_col_text(stmt, 1, out->id_number, sizeof out->id_number);
    store_col_text(stmt, 2, out->phone, sizeof out->phone);
    store_col_text(stmt, 3, out->email, sizeof out->email);
    store_col_text(stmt, 4, out->address, sizeof out->address);
    store_done(stmt);
    return PK_OK;
}

pk_err store_sync_purged(store *s, int64_t after, char (**refs)[PK_REF_MAX], int *n,
                         int64_t *upto)
{
    *refs = NULL;
    *n = 0;
    *upto = after;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT ref, purged_at FROM dossiers"
                                       " WHERE purged_at > ?1 AND sample = 0 ORDER BY id");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, after);
    int cap = 0, rc;
    char (*list)[PK_REF_MAX] = NULL;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            list = xrealloc(list, (size_t)cap * sizeof *list);
        }
        store_col_text(stmt, 0, list[*n], sizeof list[*n]);
        int64_t at = sqlite3_column_int64(stmt, 1);
        if (at > *upto)
            *upto = at;
        (*n)++;
    }
    store_done(stmt);
    if (rc != SQLITE_DONE) {
        free(list);
        *n = 0;
        *upto = after;
        return store_rc(s, rc);
    }
    *refs = list;
    return PK_OK;
}
