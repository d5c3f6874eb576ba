/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pgc.h through the sync module (module/pgc_pq.c, pk-sync.so): libpq is
 * mapped on the first connection, never by a kiosk that does not reach the
 * central server. Without the module every call fails with its reason,
 * as an unreachable server does. */
#include "pgc.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "pgc_module.h"
#include "util.h"

/* The table, loaded on first use; NULL with why when the module cannot be
 * loaded. A pgc exists only when it was loaded (calls on one need no
 * check). */
static const pgc_module *mod(char *why, size_t whysz)
{
    return module_load("sync", sizeof(pgc_module), why, whysz);
}

static const pgc_module *loaded(void)
{
    char why[8];
    return mod(why, sizeof why);
}

bool pgc_conninfo_ok(const char *conninfo, char *why, size_t whysz)
{
    const pgc_module *m = mod(why, whysz);
    return m && m->conninfo_ok(conninfo, why, whysz);
}

pk_err pgc_open(const char *conninfo, const char *password, pgc **out, char *why, size_t whysz)
{
    *out = NULL;
    const pgc_module *m = mod(why, whysz);
    return m ? m->open(conninfo, password, out, why, whysz) : PK_EIO;
}

void pgc_close(pgc *c)
{
    if (c)
        loaded()->close(c);
}

bool pgc_alive(pgc *c)
{
    return c && loaded()->alive(c);
}

const char *pgc_sqlstate(pgc *c)
{
    return c ? loaded()->sqlstate(c) : "";
}

const char *pgc_user(pgc *c)
{
    return c ? loaded()->user(c) : "";
}

void pgc_why(pgc *c, const char *what, char *why, size_t whysz)
{
    if (c)
        loaded()->why(c, what, why, whysz);
    else
        snprintf(why, whysz, _("%s: the connection to the central server was lost"), what);
}

bool pgc_exec(pgc *c, const char *sql, char *why, size_t whysz)
{
    return loaded()->exec(c, sql, why, whysz);
}

bool pgc_query_each(pgc *c, const char *sql, int nparams, const char *const *params,
                    pgc_row_fn row, void *arg, char *why, size_t whysz)
{
    return loaded()->query_each(c, sql, nparams, params, row, arg, why, whysz);
}

typedef struct {
    char *out;
    size_t outsz;
    int rows;
} first_ctx;

static bool take_first(void *arg, int ncols, const char *const *values)
{
    first_ctx *f = arg;
    if (f->rows++ == 0 && f->out && ncols > 0)
        str_copy(f->out, f->outsz, values[0]);
    return true;
}

bool pgc_query1(pgc *c, const char *sql, int nparams, const char *const *params, char *out,
                size_t outsz, int *rows, char *why, size_t whysz)
{
    if (out && outsz)
        out[0] = '\0';
    first_ctx f = {out, outsz, 0};
    bool ok = pgc_query_each(c, sql, nparams, params, take_first, &f, why, whysz);
    if (rows)
        *rows = f.rows;
    return ok;
}

bool pgc_send(pgc *c, const char *sql, int nparams, const char *const *params, char *why,
              size_t whysz)
{
    return loaded()->send(c, sql, nparams, params, why, whysz);
}

bool pgc_result1(pgc *c, char *out, size_t outsz, char *why, size_t whysz)
{
    return loaded()->result1(c, out, outsz, why, whysz);
}

bool pgc_copy_begin(pgc *c, const char *sql, char *why, size_t whysz)
{
    return loaded()->copy_begin(c, sql, why, whysz);
}

bool pgc_copy_send(pgc *c, const char *buf, size_t len, char *why, size_t whysz)
{
    return loaded()->copy_send(c, buf, len, why, whysz);
}

bool pgc_copy_end(pgc *c, char *why, size_t whysz)
{
    return loaded()->copy_end(c, why, whysz);
}

char *pgc_ident(pgc *c, const char *name)
{
    return loaded()->ident(c, name);
}

char *pgc_password_verifier(pgc *c, const char *user, const char *password)
{
    return loaded()->password_verifier(c, user, password);
}

void pgc_free(void *p)
{
    free(p);
}
