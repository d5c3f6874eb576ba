/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Store durability: two processes writing at once, kill -9 during writes,
 * a full disk. */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clerk_fixture.h"
#include "unit.h"

static void seed(const char *db)
{
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(db, &s, NULL, 0), PK_OK);
    procedure p = fx_proc("1.001193", "Đăng ký khai sinh", "Birth registration", "Hộ tịch", true);
    CU_ASSERT_EQUAL(store_procedures_replace(s, &p, 1), PK_OK);
    store_close(s);
}

/* Child: n dossier creates (+ a job update each, like a kiosk printing),
 * exit status = number of failed actions. */
static _Noreturn void writer(const char *db, const char *kiosk, int n)
{
    store *s = NULL;
    if (store_open(db, &s, NULL, 0) != PK_OK)
        _exit(100);
    int failed = 0;
    for (int i = 0; i < n; i++) {
        dossier d = fx_dossier("1.001193", "Trần Thị B");
        str_copy(d.kiosk_code, sizeof d.kiosk_code, kiosk);
        int64_t job;
        if (store_dossier_create(s, &d, "RA", "kiosk", &job) != PK_OK ||
            store_job_set(s, job, JOB_PRINTED, NULL) != PK_OK)
            failed++;
    }
    store_close(s);
    _exit(failed > 99 ? 99 : failed);
}

TEST(store_durability, two_processes, "two processes writing at once lose nothing")
{
    fx_dir fx;
    fx_init(&fx);
    seed(fx.db_path);
    enum { N = 60 };
    const char *kiosks[2] = {"LS01", "LS02"};
    pid_t pid[2];
    for (int k = 0; k < 2; k++) {
        pid[k] = fork();
        CU_ASSERT_FATAL(pid[k] >= 0);
        if (pid[k] == 0)
            writer(fx.db_path, kiosks[k], N);
    }
    for (int k = 0; k < 2; k++) {
        int status = 0;
        CU_ASSERT_EQUAL(waitpid(pid[k], &status, 0), pid[k]);
        CU_ASSERT_TRUE(WIFEXITED(status));
        CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);   /* no failed transaction */
    }
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &s, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_count(s, -1), 2 * N);
    /* no lost write: every reference of both kiosks is there, S10s distinct */
    dossier d;
    char ref[PK_REF_MAX];
    for (int k = 0; k < 2; k++)
        for (int i = 1; i <= N; i++) {
            snprintf(ref, sizeof ref, "%s-%06d", kiosks[k], i);
            CU_ASSERT_EQUAL(store_dossier_get(s, ref, &d), PK_OK);
        }
    print_job jobs[1];
    int n;
    CU_ASSERT_EQUAL(store_jobs_list(s, JOB_PENDING, jobs, 1, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 0);
    /* both kiosks number from one S10 series: every serial once, none
     * skipped (the serial is the 8 digits after the prefix) */
    CU_ASSERT_EQUAL(cx_int(s, "SELECT count(DISTINCT substr(s10, 3, 8)) FROM dossiers"), 2 * N);
    CU_ASSERT_EQUAL(cx_int(s, "SELECT max(CAST(substr(s10, 3, 8) AS INTEGER)) FROM dossiers"),
                    2 * N);
    store_close(s);
    fx_cleanup(&fx);
}

/* Child for the crash test: creates dossiers forever and reports each
 * reference on the pipe only after the commit returned. */
static _Noreturn void acked_writer(const char *db, int fd)
{
    store *s = NULL;
    if (store_open(db, &s, NULL, 0) != PK_OK)
        _exit(100);
    if (write(fd, "R", 1) != 1)   /* ready: the store is open */
        _exit(102);
    for (;;) {
        dossier d = fx_dossier("1.001193", "Lê Văn C");
        if (store_dossier_create(s, &d, "RA", "kiosk", NULL) != PK_OK)
            _exit(101);
        if (write(fd, d.ref, PK_REF_MAX) != PK_REF_MAX)
            _exit(102);
    }
}

TEST(store_durability, kill9_during_writes, "kill -9 during writes: intact, every acknowledged row present")
{
    fx_dir fx;
    fx_init(&fx);
    seed(fx.db_path);
    enum { KILLS = 50, MAXACK = 200000 };
    char (*acked)[PK_REF_MAX] = xmalloc(MAXACK * sizeof *acked);
    int nacked = 0, bad_exit = 0;
    srand((unsigned)time(NULL));
    for (int k = 0; k < KILLS; k++) {
        int fds[2];
        CU_ASSERT_FATAL(pipe(fds) == 0);
        pid_t pid = fork();
        CU_ASSERT_FATAL(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            acked_writer(fx.db_path, fds[1]);
        }
        close(fds[1]);
        char ready;
        CU_ASSERT_EQUAL(read(fds[0], &ready, 1), 1);
        if (k % 10 == 0) {   /* now and then: kill only after a commit got through */
            char first[PK_REF_MAX];
            if (read(fds[0], first, sizeof first) == (ssize_t)sizeof first && nacked < MAXACK)
                memcpy(acked[nacked++], first, sizeof first);
        }
        struct timespec ts = {0, (long)(1 + rand() % 15) * 1000000L};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        if (!WIFSIGNALED(status))
            bad_exit++;
        char buf[PK_REF_MAX];
        ssize_t r;
        while ((r = read(fds[0], buf, sizeof buf)) == (ssize_t)sizeof buf && nacked < MAXACK)
            memcpy(acked[nacked++], buf, sizeof buf);
        close(fds[0]);
    }
    CU_ASSERT_EQUAL(bad_exit, 0);
    CU_ASSERT_TRUE(nacked > 0);   /* the writer did get commits through */
    store *s = NULL;
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &s, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_check(s, true, msg, sizeof msg), PK_OK);
    int missing = 0;
    dossier d;
    for (int i = 0; i < nacked; i++)
        if (store_dossier_get(s, acked[i], &d) != PK_OK)
            missing++;
    CU_ASSERT_EQUAL(missing, 0);
    CU_ASSERT_TRUE(store_dossier_count(s, -1) >= nacked);
    /* every dossier that exists is whole: its event and its print job */
    int64_t events_missing = 0;
    dossier_event ev[2];
    int n;
    for (int i = 0; i < nacked; i += 97) {
        if (store_dossier_events(s, acked[i], ev, 2, &n) != PK_OK || n != 1)
            events_missing++;
    }
    CU_ASSERT_EQUAL(events_missing, 0);
    store_close(s);
    free(acked);
    fx_cleanup(&fx);
}

TEST(store_durability, full_disk, "full disk: PK_EFULL, data intact, recovers")
{
    fx_dir fx;
    fx_init(&fx);
    seed(fx.db_path);
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &s, NULL, 0), PK_OK);
    enum { BEFORE = 5 };
    char refs[BEFORE][PK_REF_MAX];
    for (int i = 0; i < BEFORE; i++) {
        dossier d = fx_dossier("1.001193", "Phạm Thị D");
        CU_ASSERT_EQUAL_FATAL(store_dossier_create(s, &d, "RA", "kiosk", NULL), PK_OK);
        memcpy(refs[i], d.ref, PK_REF_MAX);
    }
    /* cap the file at its current size: the next pages cannot be had */
    CU_ASSERT_EQUAL(store_set_max_pages(s, 1), PK_OK);
    pk_err e = PK_OK;
    int extra = 0;
    for (int i = 0; i < 2000 && e == PK_OK; i++) {
        dossier d = fx_dossier("1.001193", "Hoàng Văn E, một cái tên rất dài để lấp đầy trang");
        str_copy(d.street, sizeof d.street,
                 "Số nhà 123, ngõ 45, đường Trần Đăng Ninh, khối 6, phường Đông Kinh, tỉnh Lạng Sơn");
        e = store_dossier_create(s, &d, "RA", "kiosk", NULL);
        if (e == PK_OK)
            extra++;
        else
            CU_ASSERT_STRING_EQUAL(d.ref, "");   /* nothing handed out */
    }
    CU_ASSERT_EQUAL(e, PK_EFULL);
    int64_t count = store_dossier_count(s, -1);
    CU_ASSERT_EQUAL(count, BEFORE + extra);
    char msg[128];
    CU_ASSERT_EQUAL(store_check(s, true, msg, sizeof msg), PK_OK);
    dossier d;
    for (int i = 0; i < BEFORE; i++)
        CU_ASSERT_EQUAL(store_dossier_get(s, refs[i], &d), PK_OK);
    /* space freed: writing works again, the sequence has no hole */
    CU_ASSERT_EQUAL(store_set_max_pages(s, 1073741823), PK_OK);
    d = fx_dossier("1.001193", "Phạm Thị D");
    CU_ASSERT_EQUAL(store_dossier_create(s, &d, "RA", "kiosk", NULL), PK_OK);
    char want[PK_REF_MAX];
    snprintf(want, sizeof want, "LS01-%06d", BEFORE + extra + 1);
    CU_ASSERT_STRING_EQUAL(d.ref, want);
    store_close(s);
    fx_cleanup(&fx);
}

/* Another process holds the write lock past the busy timeout: a clean
 * PK_EBUSY, nothing half-written, and the same action succeeds afterwards. */
TEST(store_durability, locked_database, "locked database: PK_EBUSY, nothing written, then works")
{
    fx_dir fx;
    fx_init(&fx);
    seed(fx.db_path);
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &s, NULL, 0), PK_OK);
    int go[2], done[2];
    CU_ASSERT_FATAL(pipe(go) == 0 && pipe(done) == 0);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {   /* the lock holder: a bare connection in a write transaction */
        store *h = NULL;
        if (store_open(fx.db_path, &h, NULL, 0) != PK_OK || store_tx_begin(h) != PK_OK)
            _exit(1);
        if (write(go[1], "L", 1) != 1)
            _exit(2);
        char c;
        if (read(done[0], &c, 1) != 1)
            _exit(3);
        store_tx_rollback(h);
        store_close(h);
        _exit(0);
    }
    char c;
    CU_ASSERT_EQUAL(read(go[0], &c, 1), 1);
    store_set_busy_timeout(s, 200);
    dossier d = fx_dossier("1.001193", "Vũ Thị F");
    CU_ASSERT_EQUAL(store_dossier_create(s, &d, "RA", "kiosk", NULL), PK_EBUSY);
    CU_ASSERT_STRING_EQUAL(d.ref, "");
    CU_ASSERT_EQUAL(store_setting_set(s, "k", "v"), PK_EBUSY);
    CU_ASSERT_EQUAL(write(done[1], "D", 1), 1);
    int status;
    waitpid(pid, &status, 0);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT_EQUAL(store_dossier_count(s, -1), 0);
    CU_ASSERT_EQUAL(store_dossier_create(s, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.ref, "LS01-000001");
    store_close(s);
    close(go[0]);
    close(go[1]);
    close(done[0]);
    close(done[1]);
    fx_cleanup(&fx);
}

SUITE(store_durability, NULL, NULL);
