/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the clerk suites: a store with a small catalog, dossiers
 * created the way the kiosk creates them, local-noon timestamps, a fast
 * auth context and raw SQL for tampering. Header-only (static functions). */
#ifndef PK_CLERK_FIXTURE_H
#define PK_CLERK_FIXTURE_H

#include <CUnit/CUnit.h>
#include <sqlite3.h>
#include <time.h>

#include "auth.h"
#include "store_clerk.h"
#include "store_fixture.h"
#include "store_internal.h"

/* Unix time of local noon on YYYY-MM-DD (+ hours). */
static inline int64_t cx_at(const char *ymd, int hours)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (sscanf(ymd, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12 + hours;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static inline void cx_catalog(store *s)
{
    procedure p[3];
    p[0] = fx_proc("1.001193", "Đăng ký khai sinh", "Birth registration", "Hộ tịch", true);
    p[1] = fx_proc("1.000656", "Đăng ký khai tử", "Death registration", "Hộ tịch", true);
    p[2] = fx_proc("4.000001", "Cấp phiếu lý lịch tư pháp", "Criminal record", "Tư pháp", true);
    str_copy(p[2].agency, sizeof p[2].agency, "Công an tỉnh Lạng Sơn");
    if (store_procedures_replace(s, p, 3) != PK_OK || store_setting_set(s, "kiosk_code", "LS01"))
        die("catalog fixture failed");
}

/* A fresh database in a temporary folder with the three test procedures:
 * the set-up of the store suites; cx_close undoes it. */
static inline store *cx_open(fx_dir *fx)
{
    fx_init(fx);
    char msg[256];
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx->db_path, &db, msg, sizeof msg), PK_OK);
    cx_catalog(db);
    return db;
}

static inline void cx_close(store **db, fx_dir *fx)
{
    store_close(*db);
    *db = NULL;
    fx_cleanup(fx);
}

/* A dossier created by "kiosk" on day ymd; ref copied to ref (may be NULL). */
static inline pk_err cx_dossier(store *s, const char *proc, const char *name, const char *idn,
                                const char *phone, service_form form, const char *ymd,
                                const char *expected, char ref[PK_REF_MAX])
{
    dossier d = fx_dossier(proc, name);
    str_copy(d.id_number, sizeof d.id_number, idn);
    str_copy(d.phone, sizeof d.phone, phone);
    d.form = form;
    d.created_at = cx_at(ymd, 0);
    str_copy(d.expected_date, sizeof d.expected_date, expected);
    pk_err e = store_dossier_create(s, &d, "RA", "kiosk", NULL);
    if (ref)
        str_copy(ref, PK_REF_MAX, d.ref);
    return e;
}

static inline void cx_auth(auth_ctx *a)
{
    unsigned char pepper[AUTH_PEPPER_BYTES];
    for (int i = 0; i < AUTH_PEPPER_BYTES; i++)
        pepper[i] = (unsigned char)(i * 13 + 5);
    memset(a, 0, sizeof *a);
    a->cost = AUTH_COST_MIN;
    auth_set_pepper(a, pepper, sizeof pepper);
}

/* Runs SQL on a separate raw connection (no store rules, no triggers
 * dropped unless the SQL does it). Returns the SQLite result code. */
static inline int cx_raw(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open(db, &h);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(h, 5000);
        rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
    }
    sqlite3_close(h);
    return rc;
}

/* The first column of the first row sql gives, through the store's own
 * connection (a count, mostly); -1 when the query fails. */
static inline int64_t cx_int(store *db, const char *sql)
{
    sqlite3_stmt *q = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

#endif
