/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync module (pk-sync.so): libpq behind pk_err values and
 * translated reasons (pgc.h), called through pgc.c. */
#include "pgc_module.h"

#include <libpq-fe.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

struct pgc {
    PGconn *conn;
    char sqlstate[6];
};

/* The first line of a libpq message, without the "FATAL:  " prefix and
 * the trailing newline. */
static void first_line(const char *msg, char *out, size_t outsz)
{
    const char *m = msg ? msg : "";
    const char *fatal = strstr(m, "FATAL:  ");
    if (fatal)
        m = fatal + 8;
    else if (strncmp(m, "ERROR:  ", 8) == 0)
        m = m + 8;
    size_t n = strcspn(m, "\n");
    if (n >= outsz)
        n = outsz - 1;
    memcpy(out, m, n);
    out[n] = '\0';
}

static bool pq_conninfo_ok(const char *conninfo, char *why, size_t whysz)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo ? conninfo : "", &err);
    if (!opts) {
        char line[300];
        first_line(err, line, sizeof line);
        snprintf(why, whysz, _("the connection string is not valid: %s"), line);
        PQfreemem(err);
        return false;
    }
    bool ok = true;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val && o->val[0]) {
            snprintf(why, whysz, "%s",
                     _("the connection string holds a password: put it in a file readable by the "
                       "owner only ([sync] password_file) or in ~/.pgpass"));
            ok = false;
        }
    PQconninfoFree(opts);
    return ok;
}

/* An operator's reason for a failed connection. libpq's own messages and
 * strerror are produced in the C locale (pq_open), so the causes an
 * operator can act on are recognised by their English text; when none
 * matches (a server that answers in its own language), whether it answers
 * at all is asked with PQpingParams, which depends on no text — only then,
 * so that an unreachable server is not waited for twice. */
static void connect_why(PGconn *conn, const char *const *keys, const char *const *vals,
                        char *why, size_t whysz)
{
    const char *msg = conn ? PQerrorMessage(conn) : "";
    char line[300];
    first_line(msg, line, sizeof line);
    if (strstr(msg, "server does not support SSL"))
        snprintf(why, whysz, "%s",
                 _("the central server does not offer TLS, and the connection requires it "
                   "(sslmode): nothing was sent"));
    else if (strstr(msg, "certificate verify failed") || strstr(msg, "root certificate") ||
             strstr(msg, "server certificate for") || strstr(msg, "does not match host name"))
        snprintf(why, whysz, _("the central server's certificate is not trusted: %s"), line);
    else if (strstr(msg, "Connection refused") || strstr(msg, "No such file or directory") ||
             strstr(msg, "timeout expired") || strstr(msg, "could not translate host name") ||
             strstr(msg, "Network is unreachable") || strstr(msg, "No route to host"))
        snprintf(why, whysz, _("the central server cannot be reached (%s)"), line);
    else if (strstr(msg, "password authentication failed") ||
             (conn && PQconnectionUsedPassword(conn)))
        snprintf(why, whysz, "%s", _("the central server refused the password"));
    else if (strstr(msg, "no password supplied") || (conn && PQconnectionNeedsPassword(conn)))
        snprintf(why, whysz, "%s",
                 _("the central server asks for a password: set [sync] password_file or ~/.pgpass"));
    else {
        PGPing ping = PQpingParams(keys, vals, 1);
        if (ping == PQPING_NO_RESPONSE || ping == PQPING_REJECT)
            snprintf(why, whysz, _("the central server cannot be reached (%s)"), line);
        else if (strstr(msg, "does not exist") && strstr(msg, "role"))
            snprintf(why, whysz, _("the central server does not know this user: %s"), line);
        else
            snprintf(why, whysz, _("cannot connect to the central server: %s"), line);
    }
}

static pk_err pq_open(const char *conninfo, const char *password, pgc **out, char *why, size_t whysz)
{
    *out = NULL;
    if (!pq_conninfo_ok(conninfo, why, whysz))
        return PK_EINVAL;
    /* the conninfo first (expand_dbname), then what it may not set itself */
    const char *keys[6] = {"dbname", "connect_timeout", "application_name", NULL, NULL, NULL};
    const char *vals[6] = {conninfo ? conninfo : "", "10", "postkiosk", NULL, NULL, NULL};
    int k = 3;
    if (strstr(conninfo ? conninfo : "", "connect_timeout")) {
        keys[1] = "application_name";
        vals[1] = "postkiosk";
        k = 2;
    }
    if (password) {
        keys[k] = "password";
        vals[k] = password;
        k++;
    }
    keys[k] = NULL;
    vals[k] = NULL;
    /* libpq's messages and strerror in English while connecting: they are
     * recognised by their text (connect_why), then shown after a
     * translated sentence */
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t saved = c_locale ? uselocale(c_locale) : (locale_t)0;
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    bool ok = conn && PQstatus(conn) == CONNECTION_OK;
    if (c_locale) {
        uselocale(saved);
        freelocale(c_locale);
    }
    if (!ok) {
        /* the sentence in the user's language, libpq's detail in English */
        connect_why(conn, keys, vals, why, whysz);
        PQfinish(conn);
        return PK_EIO;
    }
    /* statements of a dead link must not hang the sync for ever */
    PGresult *r = PQexec(conn, "SET statement_timeout = '120s'");
    PQclear(r);
    pgc *c = xcalloc(1, sizeof *c);
    c->conn = conn;
    *out = c;
    return PK_OK;
}

static void pq_close(pgc *c)
{
    if (!c)
        return;
    PQfinish(c->conn);
    free(c);
}

static bool pq_alive(pgc *c)
{
    return c && PQstatus(c->conn) == CONNECTION_OK;
}

static const char *pq_sqlstate(pgc *c)
{
    return c ? c->sqlstate : "";
}

static const char *pq_user(pgc *c)
{
    return c ? PQuser(c->conn) : "";
}

static void pq_why(pgc *c, const char *what, char *why, size_t whysz)
{
    if (!pq_alive(c)) {
        snprintf(why, whysz, _("%s: the connection to the central server was lost"), what);
        return;
    }
    char line[400];
    first_line(PQerrorMessage(c->conn), line, sizeof line);
    snprintf(why, whysz, _("%s: the central server says: %s"), what, line);
}

/* Keeps the SQLSTATE of a failed result; true when r succeeded. */
static bool result_ok(pgc *c, PGresult *r)
{
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_COPY_IN;
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    str_copy(c->sqlstate, sizeof c->sqlstate, ok || !state ? "" : state);
    return ok;
}

static bool pq_exec(pgc *c, const char *sql, char *why, size_t whysz)
{
    PGresult *r = PQexec(c->conn, sql);
    bool ok = result_ok(c, r);
    PQclear(r);
    if (!ok)
        pq_why(c, _("central server"), why, whysz);
    return ok;
}

static bool pq_query_each(pgc *c, const char *sql, int nparams, const char *const *params,
                    pgc_row_fn row, void *arg, char *why, size_t whysz)
{
    PGresult *r = PQexecParams(c->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    if (!result_ok(c, r)) {
        PQclear(r);
        pq_why(c, _("central server"), why, whysz);
        return false;
    }
    int rows = PQntuples(r), cols = PQnfields(r);
    const char *vals[16];
    if (cols > 16)
        cols = 16;
    for (int i = 0; row && i < rows; i++) {
        for (int j = 0; j < cols; j++)
            vals[j] = PQgetvalue(r, i, j);
        if (!row(arg, cols, vals))
            break;
    }
    PQclear(r);
    return true;
}

static bool pq_send(pgc *c, const char *sql, int nparams, const char *const *params, char *why,
              size_t whysz)
{
    if (PQsendQueryParams(c->conn, sql, nparams, NULL, params, NULL, NULL, 0))
        return true;
    str_copy(c->sqlstate, sizeof c->sqlstate, "");
    pq_why(c, _("central server"), why, whysz);
    return false;
}

static bool pq_result1(pgc *c, char *out, size_t outsz, char *why, size_t whysz)
{
    if (out && outsz)
        out[0] = '\0';
    bool ok = true, first = true;
    PGresult *r;
    /* every result of the statement, so that the connection is free again */
    while ((r = PQgetResult(c->conn)) != NULL) {
        if (first) {
            ok = result_ok(c, r);
            if (ok && out && PQntuples(r) > 0 && PQnfields(r) > 0)
                str_copy(out, outsz, PQgetvalue(r, 0, 0));
            first = false;
        }
        PQclear(r);
    }
    if (first)
        ok = false;   /* no result at all: the connection went */
    if (!ok)
        pq_why(c, _("central server"), why, whysz);
    return ok;
}

static bool pq_copy_begin(pgc *c, const char *sql, char *why, size_t whysz)
{
    PGresult *r = PQexec(c->conn, sql);
    bool ok = result_ok(c, r) && PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok)
        pq_why(c, _("central server"), why, whysz);
    return ok;
}

static bool pq_copy_send(pgc *c, const char *buf, size_t len, char *why, size_t whysz)
{
    if (PQputCopyData(c->conn, buf, (int)len) != 1) {
        pq_why(c, _("central server"), why, whysz);
        return false;
    }
    return true;
}

static bool pq_copy_end(pgc *c, char *why, size_t whysz)
{
    if (PQputCopyEnd(c->conn, NULL) != 1) {
        pq_why(c, _("central server"), why, whysz);
        return false;
    }
    bool ok = true;
    PGresult *r;
    while ((r = PQgetResult(c->conn)) != NULL) {
        if (!result_ok(c, r))
            ok = false;
        PQclear(r);
    }
    if (!ok)
        pq_why(c, _("central server"), why, whysz);
    return ok;
}

static char *pq_ident(pgc *c, const char *name)
{
    char *q = PQescapeIdentifier(c->conn, name, strlen(name));
    if (!q)
        return NULL;
    char *copy = xstrdup(q);
    PQfreemem(q);
    return copy;
}

static char *pq_password_verifier(pgc *c, const char *user, const char *password)
{
    char *v = PQencryptPasswordConn(c->conn, password, user, "scram-sha-256");
    if (!v)
        return NULL;
    /* a verifier is base64 and '$' ':' '=' '-': safe inside quotes */
    char *copy = xstrdup(v);
    PQfreemem(v);
    return copy;
}

PK_MODULE_EXPORT const pgc_module pk_module_sync = {
    {PK_MODULE_ABI, sizeof(pgc_module)},
    pq_conninfo_ok, pq_open, pq_close, pq_exec, pq_query_each, pq_send, pq_result1,
    pq_sqlstate, pq_alive, pq_why, pq_copy_begin, pq_copy_send, pq_copy_end, pq_user,
    pq_ident, pq_password_verifier,
};
