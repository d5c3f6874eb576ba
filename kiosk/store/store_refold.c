/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Migration step: fold the stored names again after text_fold changed
 * (issue 16: a lone y after a consonant folds to i, so "Lý" finds "Lí").
 * Procedures, units and dossiers get their name_fold columns recomputed
 * and the dossier name index is rebuilt from them. Runs inside the
 * migration's transaction. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "text.h"

/* For every row of sel (key, text[, text2]), binds the key as ?1 and the
 * folds as ?2 (?3) of upd and runs it. */
static pk_err refold(store *s, const char *sel, const char *upd, int ntext)
{
    sqlite3_stmt *q = store_stmt(s, sel);
    if (!q)
        return PK_EIO;
    sqlite3_stmt *u = store_stmt(s, upd);
    if (!u) {
        store_done(q);
        return PK_EIO;
    }
    pk_err e = PK_OK;
    int rc;
    while (e == PK_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_reset(u);
        sqlite3_bind_value(u, 1, sqlite3_column_value(q, 0));
        char *f[2] = {NULL, NULL};      /* bound without a copy: freed after the step */
        for (int i = 1; i <= ntext && i <= 2; i++) {
            const unsigned char *t = sqlite3_column_text(q, i);
            f[i - 1] = text_fold(t ? (const char *)t : "");
            store_bind_text(u, i + 1, f[i - 1]);
        }
        e = store_step_done(s, u);
        free(f[0]);
        free(f[1]);
    }
    if (e == PK_OK && rc != SQLITE_DONE)
        e = store_rc(s, rc);
    store_done(u);
    store_done(q);
    return e;
}

static pk_err refold_dossiers(store *s, const void *arg)
{
    (void)arg;
    return refold(s, "SELECT id, name FROM dossiers WHERE name <> ''",
                  "UPDATE dossiers SET name_fold = ?2 WHERE id = ?1", 1);
}

pk_err store_refold(store *s)
{
    pk_err e = refold(s, "SELECT code, name_vi, name_en FROM procedures",
                      "UPDATE procedures SET name_fold = ?2, name_en_fold = ?3 WHERE code = ?1", 2);
    if (e == PK_OK)
        e = refold(s, "SELECT id, name FROM units", "UPDATE units SET name_fold = ?2 WHERE id = ?1", 1);
    /* purged dossiers keep their empty name and fold; a dossier whose fold
     * moves is sealed again, or audit verify would call it edited */
    if (e == PK_OK)
        e = store_reseal_dossiers(s, refold_dossiers, NULL);
    if (e != PK_OK)
        return e;
    /* the index is rebuilt; the setting that says how far it goes is a
     * sealed row like any other */
    return store_reseal_settings(s, "INSERT INTO dossier_names(dossier_names) VALUES('rebuild');"
                                    "UPDATE settings SET value = (SELECT coalesce(max(id), 0) FROM dossiers)"
                                    " WHERE key = 'names_indexed_upto';");
}
