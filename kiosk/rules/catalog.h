/* Catalog import: CSV files (data/README.md) into domain structs, then into
 * the store in one transaction. A bad row gives "file:line: reason" and
 * nothing is imported. */
#ifndef PK_CATALOG_H
#define PK_CATALOG_H

#include <stddef.h>

#include "model.h"
#include "store.h"

/* Readers: *out is malloc'ed (free it), *n rows. On error *out is NULL. */
pk_err catalog_read_procedures(const char *path, procedure **out, int *n, char *err, size_t errsz);
pk_err catalog_read_units(const char *path, admin_unit **out, int *n, char *err, size_t errsz);
pk_err catalog_read_holidays(const char *path, holiday **out, int *n, char *err, size_t errsz);
pk_err catalog_read_tariffs(const char *path, tariff **out, int *n, char *err, size_t errsz);

/* Read + replace, one transaction each. */
pk_err catalog_import_procedures(store *s, const char *path, char *err, size_t errsz);
pk_err catalog_import_units(store *s, const char *path, char *err, size_t errsz);
pk_err catalog_import_holidays(store *s, const char *path, char *err, size_t errsz);
pk_err catalog_import_tariffs(store *s, const char *path, char *err, size_t errsz);

/* dir/procedures.csv, units.csv, holidays.csv and tariffs.csv, all in one
 * transaction (first-run seeding). */
pk_err catalog_import_dir(store *s, const char *dir, char *err, size_t errsz);

#endif
