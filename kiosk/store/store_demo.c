/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Store queries of demonstration mode: what a practice run left behind. */
#include "store_demo.h"

#include "store_internal.h"

pk_err store_demo_counts(store *s, int64_t *total, int64_t *samples)
{
    *total = *samples = 0;
    sqlite3_stmt *stmt =
        store_stmt(s, "SELECT count(*), coalesce(sum(sample), 0) FROM dossiers");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    pk_err e = PK_OK;
    if (rc == SQLITE_ROW) {
        *total = sqlite3_column_int64(stmt, 0);
        *samples = sqlite3_column_int64(stmt, 1);
    } else {
        e = store_rc(s, rc);
    }
    store_done(stmt);
    return e;
}
