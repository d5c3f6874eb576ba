/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The idle check of the whole file in a background thread (store_check.h).
 * Why a thread and the whole file: a check of one table at a time
 * (PRAGMA quick_check(TABLE)) leaves out the freelist and the pages no
 * b-tree accounts for, which only a check of every b-tree at once can
 * see; that takes seconds at a million dossiers, so it must run beside the
 * input loop, never in it. */
#include "store_check.h"

#include "store_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

struct store_idle_check {
    store *s;
    char *path;
    pthread_t thread;
    pthread_mutex_t mu;
    sqlite3 *conn;          /* the thread's connection while it is open (under mu) */
    atomic_bool stop;
    atomic_int state;       /* idle_check_state; msg is final once it is not RUNNING */
    char msg[320];
};

/* The lowest CPU (nice 19) and I/O (idle class) priority, for this thread
 * only: the input loop and the kiosk's writes always go first. */
static void lower_priority(void)
{
    pid_t tid = (pid_t)syscall(SYS_gettid);
    (void)setpriority(PRIO_PROCESS, (id_t)tid, 19);
#ifdef SYS_ioprio_set
    enum { IOPRIO_WHO_PROCESS = 1, IOPRIO_CLASS_IDLE = 3, IOPRIO_CLASS_SHIFT = 13 };
    (void)syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, tid,
                  IOPRIO_CLASS_IDLE << IOPRIO_CLASS_SHIFT);
#endif
}

/* Between SQLite's steps: a stop asked before the statement was running
 * (which sqlite3_interrupt alone would miss) ends it too. */
static int stop_asked(void *arg)
{
    store_idle_check *c = arg;
    return atomic_load(&c->stop) ? 1 : 0;
}

static idle_check_state run_check(store_idle_check *c, sqlite3 *conn)
{
    sqlite3_busy_timeout(conn, 2000);
    /* a small page cache: the check reads every page once */
    (void)sqlite3_exec(conn, "PRAGMA cache_size = -256", NULL, NULL, NULL);
    sqlite3_progress_handler(conn, 64, stop_asked, c);
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(conn, "PRAGMA quick_check", -1, &stmt, NULL);
    if (rc == SQLITE_OK && !atomic_load(&c->stop))
        rc = sqlite3_step(stmt);
    idle_check_state st;
    if (atomic_load(&c->stop)) {
        /* whatever an interrupted check said is no verdict (pages it did
         * not reach would look unused) */
        st = IDLE_CHECK_STOPPED;
    } else if (rc == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(stmt, 0);
        st = r && strcmp(r, "ok") == 0 ? IDLE_CHECK_OK : IDLE_CHECK_DAMAGED;
        if (st == IDLE_CHECK_DAMAGED) {
            snprintf(c->msg, sizeof c->msg, "%s", r ? r : "");
            for (char *p = c->msg; *p; p++)
                if (*p == '\n')
                    *p = ' ';   /* one line in the log */
        }
    } else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
        st = IDLE_CHECK_DAMAGED;   /* a page too damaged to be read at all */
        snprintf(c->msg, sizeof c->msg, "%s", sqlite3_errmsg(conn));
    } else if ((rc & 0xff) == SQLITE_INTERRUPT) {
        st = IDLE_CHECK_STOPPED;
    } else {
        st = IDLE_CHECK_FAILED;
        snprintf(c->msg, sizeof c->msg, "%s", sqlite3_errmsg(conn));
    }
    sqlite3_finalize(stmt);
    return st;
}

static void *check_thread(void *arg)
{
    store_idle_check *c = arg;
    lower_priority();
    sqlite3 *conn = NULL;
    idle_check_state st = IDLE_CHECK_FAILED;
    int rc = sqlite3_open_v2(c->path, &conn, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK) {
        pthread_mutex_lock(&c->mu);
        c->conn = conn;
        pthread_mutex_unlock(&c->mu);
        st = run_check(c, conn);
        pthread_mutex_lock(&c->mu);
        c->conn = NULL;
        pthread_mutex_unlock(&c->mu);
    } else {
        snprintf(c->msg, sizeof c->msg, "%s", conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
    }
    sqlite3_close(conn);
    atomic_store(&c->state, (int)st);
    return NULL;
}

pk_err store_idle_check_start(store *s, store_idle_check **out)
{
    *out = NULL;
    const char *file = sqlite3_db_filename(s->conn, "main");
    if (!file || !*file)
        return PK_EINVAL;
    store_idle_check *c = xcalloc(1, sizeof *c);
    c->s = s;
    c->path = xstrdup(file);
    atomic_init(&c->stop, false);
    atomic_init(&c->state, (int)IDLE_CHECK_RUNNING);
    pthread_mutex_init(&c->mu, NULL);
    if (pthread_create(&c->thread, NULL, check_thread, c) != 0) {
        pthread_mutex_destroy(&c->mu);
        free(c->path);
        free(c);
        return PK_EIO;
    }
    *out = c;
    return PK_OK;
}

static void interrupt(store_idle_check *c)
{
    pthread_mutex_lock(&c->mu);
    if (c->conn)
        sqlite3_interrupt(c->conn);
    pthread_mutex_unlock(&c->mu);
}

void store_idle_check_stop(store_idle_check *c)
{
    if (!c)
        return;
    atomic_store(&c->stop, true);
    interrupt(c);
}

idle_check_state store_idle_check_poll(store_idle_check *c, char *msg, size_t msgsz)
{
    if (msgsz)
        msg[0] = '\0';
    idle_check_state st = (idle_check_state)atomic_load(&c->state);
    if (st == IDLE_CHECK_RUNNING) {
        if (atomic_load(&c->stop))
            interrupt(c);   /* sent again: the first may have come before the statement ran */
        return st;
    }
    if (atomic_load(&c->stop))
        return IDLE_CHECK_STOPPED;   /* a stopped pass gives no verdict, even one just made */
    snprintf(msg, msgsz, "%s", c->msg);
    if (st == IDLE_CHECK_DAMAGED)
        c->s->damaged = true;
    return st;
}

void store_idle_check_free(store_idle_check *c)
{
    if (!c)
        return;
    store_idle_check_stop(c);
    pthread_join(c->thread, NULL);
    pthread_mutex_destroy(&c->mu);
    free(c->path);
    free(c);
}
