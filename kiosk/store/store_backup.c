/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The online backup API and the checks of a copy (store_backup.h). */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_backup.h"

enum { STEP_PAGES = 256, BUSY_WAIT_MS = 50 };

/* Copies from (schema "main") into dest page by page. A busy or locked
 * step is retried: the kiosk keeps its write lock for milliseconds. */
static pk_err copy(sqlite3 *from, const char *dest, store_progress_fn progress, void *arg,
                   char *msg, size_t msgsz)
{
    if (access(dest, F_OK) == 0) {
        snprintf(msg, msgsz, "%s exists already", dest);
        return PK_EEXISTS;
    }
    sqlite3 *to = NULL;
    mode_t saved = umask(077);   /* personal data: 0600 from the first byte */
    store_sqlite_setup();
    int rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                            SQLITE_OPEN_NOFOLLOW, NULL);
    umask(saved);
    if (rc != SQLITE_OK) {
        snprintf(msg, msgsz, "cannot create %s: %s", dest, to ? sqlite3_errmsg(to) : "out of memory");
        sqlite3_close(to);
        return PK_EIO;
    }
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) {
        snprintf(msg, msgsz, "cannot start the copy: %s", sqlite3_errmsg(to));
        sqlite3_close(to);
        unlink(dest);
        return PK_EIO;
    }
    do {
        rc = sqlite3_backup_step(b, STEP_PAGES);
        if (progress)
            progress(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b),
                     sqlite3_backup_pagecount(b), arg);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(BUSY_WAIT_MS);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    int frc = sqlite3_errcode(to);
    if (rc != SQLITE_DONE || frc != SQLITE_OK) {
        snprintf(msg, msgsz, "the copy to %s failed: %s", dest,
                 rc != SQLITE_DONE ? sqlite3_errstr(rc) : sqlite3_errmsg(to));
        sqlite3_close(to);
        unlink(dest);
        return PK_EIO;
    }
    if (sqlite3_close(to) != SQLITE_OK) {
        snprintf(msg, msgsz, "cannot close %s", dest);
        unlink(dest);
        return PK_EIO;
    }
    return PK_OK;
}

pk_err store_backup(store *s, const char *dest, store_progress_fn progress, void *arg,
                    char *msg, size_t msgsz)
{
    return copy(s->conn, dest, progress, arg, msg, msgsz);
}

pk_err store_copy_file(const char *src, const char *dest, char *msg, size_t msgsz)
{
    sqlite3 *from = NULL;
    store_sqlite_setup();
    int rc = sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        snprintf(msg, msgsz, "cannot open %s: %s", src, from ? sqlite3_errmsg(from) : "out of memory");
        sqlite3_close(from);
        return PK_EIO;
    }
    pk_err e = copy(from, dest, NULL, NULL, msg, msgsz);
    sqlite3_close(from);
    return e;
}

pk_err store_copy_verify(const char *path, int64_t *dossiers, audit_check *r, char *msg,
                         size_t msgsz)
{
    *dossiers = 0;
    memset(r, 0, sizeof *r);
    store *s = NULL;
    pk_err e = store_open_existing(path, &s, msg, msgsz);   /* refuses a newer schema */
    if (e != PK_OK)
        return e;
    char why[256];
    e = store_check(s, true, why, sizeof why);
    if (e != PK_OK) {
        snprintf(msg, msgsz, "%s failed its integrity check: %s", path, why);
    } else {
        e = store_audit_verify(s, r);
        if (e != PK_OK)
            snprintf(msg, msgsz, "the audit chain of %s does not verify (seq %lld)", path,
                     (long long)r->bad_seq);
    }
    if (e == PK_OK)
        *dossiers = store_dossier_count(s, -1);
    store_close(s);
    return e;
}
