/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A connection to the central PostgreSQL (libpq), for the sync, the
 * province's administration and the tracking lookups. This room
 * (kiosk/sync/) is the only one that includes libpq-fe.h: callers get
 * pk_err values and translated reasons, never a PGconn. */
#ifndef PK_PGC_H
#define PK_PGC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct pgc pgc;

/* Refuses a connection string that carries a password (a configuration
 * file or a command line is no place for one): false with why. */
bool pgc_conninfo_ok(const char *conninfo, char *why, size_t whysz);
/* Connects with conninfo (a libpq key=value string or URI; "" = libpq's
 * environment), password (NULL: libpq's own ways, ~/.pgpass), a 10 s
 * connect timeout unless conninfo sets one. On failure *out is NULL and
 * why says what went wrong in words an operator can act on (unreachable,
 * password refused, TLS refused, certificate not trusted). */
pk_err pgc_open(const char *conninfo, const char *password, pgc **out, char *why, size_t whysz);
void pgc_close(pgc *c);

/* Runs one statement without parameters; false with why (the server's
 * message) on failure. */
bool pgc_exec(pgc *c, const char *sql, char *why, size_t whysz);
/* Runs one statement with text parameters and returns the first column
 * of the first row in out (may be NULL; "" when no row or NULL).
 * *rows (may be NULL) gets the number of rows. */
bool pgc_query1(pgc *c, const char *sql, int nparams, const char *const *params, char *out,
                size_t outsz, int *rows, char *why, size_t whysz);
/* Runs a query and calls row(arg, ncols, values) for each row in order
 * (values NUL-terminated text, "" for NULL); row returns false to stop
 * early. */
typedef bool (*pgc_row_fn)(void *arg, int ncols, const char *const *values);
bool pgc_query_each(pgc *c, const char *sql, int nparams, const char *const *params,
                    pgc_row_fn row, void *arg, char *why, size_t whysz);
/* One statement in two steps, so that the caller works meanwhile:
 * pgc_send sends it (text parameters), pgc_result1 waits for its result
 * and returns the first column of the first row in out (may be NULL).
 * Nothing else may use the connection in between. */
bool pgc_send(pgc *c, const char *sql, int nparams, const char *const *params, char *why,
              size_t whysz);
bool pgc_result1(pgc *c, char *out, size_t outsz, char *why, size_t whysz);
/* The server's SQLSTATE of the last failure ("" when none). */
const char *pgc_sqlstate(pgc *c);
/* Whether the connection is still up (false after the server ended it). */
bool pgc_alive(pgc *c);
/* Describes a failed statement for an operator: the server's message, or
 * "the connection to the central server was lost" when it went away. */
void pgc_why(pgc *c, const char *what, char *why, size_t whysz);

/* Rows in COPY text format: the caller builds each line with
 * pgc_copy_field (escaped) and sends it. */
bool pgc_copy_begin(pgc *c, const char *sql, char *why, size_t whysz);
bool pgc_copy_send(pgc *c, const char *buf, size_t len, char *why, size_t whysz);
bool pgc_copy_end(pgc *c, char *why, size_t whysz);

/* The user name the connection logged in as. */
const char *pgc_user(pgc *c);

/* Quoting for the few statements that cannot take parameters (CREATE
 * ROLE): malloc'ed, NULL on failure. */
char *pgc_ident(pgc *c, const char *name);
/* The password as a SCRAM verifier for CREATE/ALTER ROLE, so that the
 * clear password never appears in a statement (nor in a server log). */
char *pgc_password_verifier(pgc *c, const char *user, const char *password);
void pgc_free(void *p);

#endif
