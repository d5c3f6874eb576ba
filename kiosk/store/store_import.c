/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalog import: the CSV readers of catalog.h (rules) into the store,
 * each file in one transaction; a bad row gives "file:line: reason" and
 * nothing is imported. Uses only the store's public API: it sits in the
 * store's room because it writes, and the rules may not include the store. */
#include "store_import.h"

#include <stdio.h>
#include <stdlib.h>

#include "catalog.h"
#include "i18n.h"
#include "util.h"

static pk_err stored(store *db, pk_err e, const char *path, char *err, size_t errsz)
{
    if (e != PK_OK)
        snprintf(err, errsz, _("%s: cannot store it: %s"), path, store_last_error(db));
    return e;
}

#define IMPORT(fn, type, reader, replace)                                        \
    pk_err fn##_watched(store *db, const char *path, const csv_watch *reading,   \
                        char *err, size_t errsz)                                 \
    {                                                                            \
        type *rows;                                                              \
        int n;                                                                   \
        pk_err e = reader(path, &rows, &n, reading, err, errsz);                 \
        if (e != PK_OK)                                                          \
            return e;                                                            \
        e = stored(db, replace(db, rows, n), path, err, errsz);                  \
        free(rows);                                                              \
        return e;                                                                \
    }                                                                            \
    pk_err fn(store *db, const char *path, char *err, size_t errsz)              \
    {                                                                            \
        return fn##_watched(db, path, NULL, err, errsz);                         \
    }

IMPORT(catalog_import_procedures, procedure, catalog_read_procedures, store_procedures_replace)
IMPORT(catalog_import_units, admin_unit, catalog_read_units, store_units_replace)
IMPORT(catalog_import_holidays, holiday, catalog_read_holidays, store_holidays_replace)
IMPORT(catalog_import_tariffs, tariff, catalog_read_tariffs, store_tariffs_replace)

pk_err catalog_import_dir(store *db, const char *dir, char *err, size_t errsz)
{
    static const char *const files[] = {"procedures.csv", "units.csv", "holidays.csv",
                                        "tariffs.csv"};
    pk_err (*const fns[])(store *, const char *, char *, size_t) = {
        catalog_import_procedures, catalog_import_units, catalog_import_holidays,
        catalog_import_tariffs};
    pk_err e = store_tx_begin(db);
    if (e != PK_OK) {
        snprintf(err, errsz, "%s: %s", dir, store_last_error(db));
        return e;
    }
    for (size_t i = 0; i < PK_ARRAY_LEN(files) && e == PK_OK; i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        e = fns[i](db, path, err, errsz);
        free(path);
    }
    if (e != PK_OK) {
        store_tx_rollback(db);
        return e;
    }
    e = store_tx_commit(db);
    if (e != PK_OK)
        snprintf(err, errsz, _("%s: cannot store it: %s"), dir, store_last_error(db));
    return e;
}
