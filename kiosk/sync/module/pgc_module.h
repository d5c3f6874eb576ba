/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of the sync module (pk-sync.so, libpq): what pgc.c calls
 * through, one entry per function of pgc.h that needs libpq (module.h). */
#ifndef PK_PGC_MODULE_H
#define PK_PGC_MODULE_H

#include "module.h"
#include "pgc.h"

typedef struct {
    pk_module_head head;
    bool (*conninfo_ok)(const char *conninfo, char *why, size_t whysz);
    pk_err (*open)(const char *conninfo, const char *password, pgc **out, char *why,
                   size_t whysz);
    void (*close)(pgc *c);
    bool (*exec)(pgc *c, const char *sql, char *why, size_t whysz);
    bool (*query_each)(pgc *c, const char *sql, int nparams, const char *const *params,
                       pgc_row_fn row, void *arg, char *why, size_t whysz);
    bool (*send)(pgc *c, const char *sql, int nparams, const char *const *params, char *why,
                 size_t whysz);
    bool (*result1)(pgc *c, char *out, size_t outsz, char *why, size_t whysz);
    const char *(*sqlstate)(pgc *c);
    bool (*alive)(pgc *c);
    void (*why)(pgc *c, const char *what, char *why, size_t whysz);
    bool (*copy_begin)(pgc *c, const char *sql, char *why, size_t whysz);
    bool (*copy_send)(pgc *c, const char *buf, size_t len, char *why, size_t whysz);
    bool (*copy_end)(pgc *c, char *why, size_t whysz);
    const char *(*user)(pgc *c);
    char *(*ident)(pgc *c, const char *name);
    char *(*password_verifier)(pgc *c, const char *user, const char *password);
} pgc_module;

#endif
