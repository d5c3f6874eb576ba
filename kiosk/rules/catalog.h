/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalog readers: CSV files (data/README.md) into domain structs. A bad
 * row gives "file:line: reason" and no rows. The import into the store
 * (one transaction) is store_import.h. */
#ifndef PK_CATALOG_H
#define PK_CATALOG_H

#include <stddef.h>

#include "csv.h"
#include "model.h"

/* Readers: *out is malloc'ed (free it), *n rows. On error *out is NULL.
 * watch (may be NULL) sees the bytes read of the file. */
pk_err catalog_read_procedures(const char *path, procedure **out, int *n, const csv_watch *watch,
                               char *err, size_t errsz);
pk_err catalog_read_units(const char *path, admin_unit **out, int *n, const csv_watch *watch,
                          char *err, size_t errsz);
pk_err catalog_read_holidays(const char *path, holiday **out, int *n, const csv_watch *watch,
                             char *err, size_t errsz);
pk_err catalog_read_tariffs(const char *path, tariff **out, int *n, const csv_watch *watch,
                            char *err, size_t errsz);

/* The real receiving agency of a dossier: a commune-level agency ("UBND
 * cấp xã (Tư pháp - hộ tịch)") becomes that commune's People's Committee
 * ("UBND phường Đông Kinh (Tư pháp - hộ tịch)"); others are kept. The
 * store splits a handover by it (one record per real agency), the papers
 * name it. */
void catalog_real_agency(const char *agency, const char *level, const admin_unit *unit,
                         char *out, size_t outsz);

/* The kind label to show beside a paper's name, translated: "Copy" /
 * "Original" (capital) or "copy" / "original". NULL when the name
 * already begins with it ("Bản sao chứng thực ...", "Copy of ..."):
 * the kind is then said once. name_en may be "" or NULL. */
const char *catalog_doc_kind(doc_kind kind, bool capital, const char *name_vi,
                             const char *name_en);

#endif
