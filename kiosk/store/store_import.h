/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalog import: reads the CSV files (catalog.h) and replaces the
 * store's tables, one transaction each. A bad row gives "file:line:
 * reason" in err and nothing is imported. */
#ifndef PK_STORE_IMPORT_H
#define PK_STORE_IMPORT_H

#include <stddef.h>

#include "csv.h"
#include "store.h"

pk_err catalog_import_procedures(store *db, const char *path, char *err, size_t errsz);
pk_err catalog_import_units(store *db, const char *path, char *err, size_t errsz);
pk_err catalog_import_holidays(store *db, const char *path, char *err, size_t errsz);
pk_err catalog_import_tariffs(store *db, const char *path, char *err, size_t errsz);

/* The same with a watch on the reading (bytes of the file; the storing is
 * watched by store_set_progress): what `catalog import` shows on a TTY. */
typedef pk_err (*catalog_import_fn)(store *db, const char *path, const csv_watch *reading,
                                    char *err, size_t errsz);
pk_err catalog_import_procedures_watched(store *db, const char *path, const csv_watch *reading,
                                         char *err, size_t errsz);
pk_err catalog_import_units_watched(store *db, const char *path, const csv_watch *reading,
                                    char *err, size_t errsz);
pk_err catalog_import_holidays_watched(store *db, const char *path, const csv_watch *reading,
                                       char *err, size_t errsz);
pk_err catalog_import_tariffs_watched(store *db, const char *path, const csv_watch *reading,
                                      char *err, size_t errsz);

/* dir/procedures.csv, units.csv, holidays.csv and tariffs.csv, all in one
 * transaction (first-run seeding). */
pk_err catalog_import_dir(store *db, const char *dir, char *err, size_t errsz);

#endif
