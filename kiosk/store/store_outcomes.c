/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Print job outcomes the database could not take (busy, full, failing):
 * the paper is the truth, so they are retried with back-off, then kept on
 * the handle and in a small file next to the database
 * ("<database>-outcomes", 0600, replaced atomically), written at the next
 * tick (store_jobs_flush), at store_close() and, after a crash, when the
 * database is opened again. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

enum { JOB_RECORD_RETRIES = 3, JOB_RECORD_BACKOFF_MS = 100, OUTCOMES_FILE_MAX = 65536 };

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* "<database>-outcomes", malloc'ed; NULL for a database without a file. */
static char *outcomes_path(store *s)
{
    const char *db = s->conn ? sqlite3_db_filename(s->conn, "main") : NULL;
    return db && *db ? xasprintf("%s-outcomes", db) : NULL;
}

/* Writes the kept outcomes to the file (removed when none): temporary
 * file, fsync, rename. Best effort: the memory copy stays either way. */
static void outcomes_save(store *s)
{
    char *path = outcomes_path(s);
    if (!path)
        return;
    if (s->noutcomes == 0) {
        unlink(path);
        free(path);
        return;
    }
    char *tmp = xasprintf("%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    bool ok = fd >= 0;
    for (int i = 0; ok && i < s->noutcomes; i++)
        ok = dprintf(fd, "%lld %d %s\n", (long long)s->outcomes[i].job_id, s->outcomes[i].status,
                     s->outcomes[i].reason) > 0;
    if (fd >= 0) {
        ok = ok && fsync(fd) == 0;
        ok = close(fd) == 0 && ok;
    }
    if (!ok || rename(tmp, path) != 0)
        unlink(tmp);
    free(tmp);
    free(path);
}

static void outcome_keep(store *s, int64_t job_id, job_status js, const char *reason)
{
    int i = 0;
    while (i < s->noutcomes && s->outcomes[i].job_id != job_id)
        i++;
    if (i == STORE_OUTCOMES_MAX) {
        /* Full: the oldest goes (its job stays pending for the clerk). */
        memmove(s->outcomes, s->outcomes + 1, sizeof s->outcomes[0] * (STORE_OUTCOMES_MAX - 1));
        i = STORE_OUTCOMES_MAX - 1;
    } else if (i == s->noutcomes) {
        s->noutcomes++;
    }
    s->outcomes[i].job_id = job_id;
    s->outcomes[i].status = (int)js;
    str_copy(s->outcomes[i].reason, sizeof s->outcomes[i].reason, reason ? reason : "");
}

static bool outcome_drop(store *s, int64_t job_id)
{
    for (int i = 0; i < s->noutcomes; i++)
        if (s->outcomes[i].job_id == job_id) {
            memmove(s->outcomes + i, s->outcomes + i + 1,
                    sizeof s->outcomes[0] * (size_t)(s->noutcomes - i - 1));
            s->noutcomes--;
            return true;
        }
    return false;
}

/* Worth another try later: locked, full or failing storage (not a job
 * that does not exist or a bad reason). */
static bool busy(pk_err e)
{
    return e == PK_EBUSY || e == PK_EFULL || e == PK_EIO;
}

pk_err store_job_record(store *s, int64_t job_id, job_status js, const char *reason)
{
    pk_err e = store_job_set(s, job_id, js, reason);
    for (int i = 0, wait = JOB_RECORD_BACKOFF_MS; busy(e) && s->depth == 0 &&
                                                  i < JOB_RECORD_RETRIES; i++, wait *= 2) {
        sleep_ms(wait);
        e = store_job_set(s, job_id, js, reason);
    }
    if (!busy(e)) {
        /* Written (or refused for good): nothing older may overwrite it. */
        if (outcome_drop(s, job_id))
            outcomes_save(s);
        return e;
    }
    outcome_keep(s, job_id, js, reason);
    outcomes_save(s);
    return PK_EBUSY;
}

pk_err store_jobs_flush(store *s)
{
    if (s->noutcomes == 0 || s->depth > 0)
        return s->noutcomes ? PK_EBUSY : PK_OK;
    /* Called at every tick: one quick try, never a screen frozen for the
     * whole busy timeout. */
    int busy_ms = s->busy_ms;
    store_set_busy_timeout(s, busy_ms < 50 ? busy_ms : 50);
    int before = s->noutcomes;
    pk_err e = PK_OK;
    while (s->noutcomes > 0) {
        store_outcome *o = &s->outcomes[0];
        e = store_job_set(s, o->job_id, (job_status)o->status, o->reason);
        if (busy(e))
            break;
        e = PK_OK;
        outcome_drop(s, o->job_id);
    }
    store_set_busy_timeout(s, busy_ms);
    if (s->noutcomes != before)
        outcomes_save(s);
    return e;
}

int store_jobs_unrecorded(const store *s)
{
    return s->noutcomes;
}

void store_outcomes_load(store *s)
{
    char *path = outcomes_path(s);
    if (!path)
        return;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return;
    char *buf = xmalloc(OUTCOMES_FILE_MAX + 1);
    size_t len = 0;
    for (ssize_t n; len < OUTCOMES_FILE_MAX &&
                    (n = read(fd, buf + len, OUTCOMES_FILE_MAX - len)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = '\0';
    /* "<job id> <status> <reason>" per line; anything else is skipped. */
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *end = NULL;
        long long id = strtoll(line, &end, 10);
        if (!end || *end != ' ' || id <= 0 || end[1] < '0' + JOB_PENDING ||
            end[1] > '0' + JOB_FAILED || end[2] != ' ' || !store_text_ok(end + 3, PK_TEXT_MAX))
            continue;
        outcome_keep(s, (int64_t)id, (job_status)(end[1] - '0'), end + 3);
    }
    free(buf);
    store_jobs_flush(s);
}
