/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Power loss, not only kill -9 (issue 11, "Tests that stay"): a VFS shim
 * over the default one, after SQLite's own crash tests (test6.c), remembers
 * every write and truncate made to each file since that file's last xSync.
 * At a chosen sync point the power goes: that sync fails, every later I/O
 * fails, the connection is closed, and then the disk is made to look as a
 * power cut leaves it: the unsynced writes are dropped, torn (the first
 * half of each reached the disk) or kept out of order (every other one).
 * Run across every sync point of a dossier submission and a life-cycle
 * transition (and the checkpoint when the store closes): after each cut the
 * database opens with the real VFS, integrity_check is ok, every dossier
 * and status change that was acknowledged (PK_OK) is there, each dossier
 * has its print job, and the audit chain verifies.
 * The shim can also lie about syncs (a disk that acknowledges a flush it
 * did not do): then the same check must report a loss, which proves it
 * can fail. */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>

#include "clerk_fixture.h"
#include "dossier.h"
#include "store_internal.h"
#include "unit.h"

/* ---- the shim ---------------------------------------------------------- */

/* What reaches the disk of the writes not yet synced: none, the first half
 * of each, or every other one (out of order: a later write without an
 * earlier one), starting with the first or with the second. */
typedef enum { CUT_DROP, CUT_TEAR, CUT_EVEN, CUT_ODD, CUT__COUNT } cut_mode;
static const char *const cut_names[] = {"drop", "tear", "even", "odd"};

typedef struct {
    bool truncate;                /* else a write */
    sqlite3_int64 off;            /* write: offset; truncate: the new size */
    int len;                      /* bytes written, or of the cut tail */
    sqlite3_int64 old_size;       /* the file's size before */
    unsigned char *old, *now;     /* bytes before (zeros past old_size) and written */
} pl_rec;

typedef struct {
    char path[512];
    pl_rec *recs;                 /* unsynced changes, oldest first */
    int n, cap;
} pl_path;

enum { PL_MAX_PATHS = 8 };

static struct {
    sqlite3_vfs vfs;
    sqlite3_vfs *real;
    pl_path paths[PL_MAX_PATHS];
    int npaths;
    int syncs;                    /* sync points so far */
    int cut_at;                   /* the sync point where the power goes; 0 = never */
    bool dead;                    /* after the cut: every I/O fails */
    bool lying;                   /* syncs succeed but make nothing durable */
} pl;

typedef struct {
    sqlite3_file base;
    pl_path *path;                /* NULL: a nameless temporary file, not tracked */
    sqlite3_file *real;           /* right after this struct */
} pl_file;

static void recs_free(pl_path *p)
{
    for (int i = 0; i < p->n; i++) {
        free(p->recs[i].old);
        free(p->recs[i].now);
    }
    p->n = 0;
}

static pl_path *path_of(const char *name)
{
    for (int i = 0; i < pl.npaths; i++)
        if (strcmp(pl.paths[i].path, name) == 0)
            return &pl.paths[i];
    if (pl.npaths == PL_MAX_PATHS || strlen(name) >= sizeof pl.paths[0].path)
        return NULL;
    pl_path *p = &pl.paths[pl.npaths++];
    memset(p, 0, sizeof *p);
    str_copy(p->path, sizeof p->path, name);
    return p;
}

static pl_rec *rec_add(pl_path *p)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->recs = xrealloc(p->recs, (size_t)p->cap * sizeof *p->recs);
    }
    pl_rec *r = &p->recs[p->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* The bytes [off, off+len) as they are now (zeros past the end). */
static unsigned char *read_old(pl_file *f, sqlite3_int64 off, int len)
{
    unsigned char *b = xcalloc(1, (size_t)len + 1);
    int rc = f->real->pMethods->xRead(f->real, b, len, off);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        die("power-loss shim: cannot read the old bytes");
    return b;
}

static int sync_point(void)
{
    pl.syncs++;
    if (pl.cut_at && pl.syncs == pl.cut_at) {
        pl.dead = true;   /* the power goes during this sync */
        return SQLITE_IOERR_FSYNC;
    }
    return SQLITE_OK;
}

static int pl_close(sqlite3_file *file)
{
    pl_file *f = (pl_file *)file;
    return f->real->pMethods->xClose(f->real);
}

static int pl_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
    pl_file *f = (pl_file *)file;
    if (pl.dead)
        return SQLITE_IOERR_READ;
    return f->real->pMethods->xRead(f->real, buf, amt, off);
}

static int pl_write(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off)
{
    pl_file *f = (pl_file *)file;
    if (pl.dead)
        return SQLITE_IOERR_WRITE;
    if (f->path) {
        sqlite3_int64 size = 0;
        if (f->real->pMethods->xFileSize(f->real, &size) != SQLITE_OK)
            return SQLITE_IOERR_WRITE;
        pl_rec *r = rec_add(f->path);
        r->off = off;
        r->len = amt;
        r->old_size = size;
        r->old = read_old(f, off, amt);
        r->now = xmalloc((size_t)amt);
        memcpy(r->now, buf, (size_t)amt);
    }
    return f->real->pMethods->xWrite(f->real, buf, amt, off);
}

static int pl_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    pl_file *f = (pl_file *)file;
    if (pl.dead)
        return SQLITE_IOERR_TRUNCATE;
    sqlite3_int64 old = 0;
    if (f->path && f->real->pMethods->xFileSize(f->real, &old) == SQLITE_OK && old > size) {
        pl_rec *r = rec_add(f->path);
        r->truncate = true;
        r->off = size;
        r->len = (int)(old - size);
        r->old_size = old;
        r->old = read_old(f, size, r->len);
    }
    return f->real->pMethods->xTruncate(f->real, size);
}

static int pl_sync(sqlite3_file *file, int flags)
{
    pl_file *f = (pl_file *)file;
    if (pl.dead)
        return SQLITE_IOERR_FSYNC;
    int rc = sync_point();
    if (rc != SQLITE_OK)
        return rc;
    rc = f->real->pMethods->xSync(f->real, flags);
    if (rc == SQLITE_OK && f->path && !pl.lying)
        recs_free(f->path);   /* durable now */
    return rc;
}

static int pl_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    pl_file *f = (pl_file *)file;
    if (pl.dead)
        return SQLITE_IOERR_FSTAT;
    return f->real->pMethods->xFileSize(f->real, size);
}

static int pl_lock(sqlite3_file *file, int level)
{
    pl_file *f = (pl_file *)file;
    if (pl.dead)
        return SQLITE_IOERR_LOCK;
    return f->real->pMethods->xLock(f->real, level);
}

static int pl_unlock(sqlite3_file *file, int level)
{
    pl_file *f = (pl_file *)file;   /* releasing a lock always works */
    return f->real->pMethods->xUnlock(f->real, level);
}

static int pl_check_reserved(sqlite3_file *file, int *out)
{
    pl_file *f = (pl_file *)file;
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int pl_file_control(sqlite3_file *file, int op, void *arg)
{
    pl_file *f = (pl_file *)file;
    /* a size hint grows the file behind the shim's back: it is only a hint */
    if (op == SQLITE_FCNTL_SIZE_HINT)
        return SQLITE_OK;
    if (pl.dead && op != SQLITE_FCNTL_VFSNAME)
        return SQLITE_NOTFOUND;
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int pl_sector_size(sqlite3_file *file)
{
    pl_file *f = (pl_file *)file;
    return f->real->pMethods->xSectorSize(f->real);
}

static int pl_device_characteristics(sqlite3_file *file)
{
    pl_file *f = (pl_file *)file;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

/* Shared memory is not on the disk: after a power cut SQLite rebuilds it
 * from the WAL. It only stops working after the cut. */
static int pl_shm_map(sqlite3_file *file, int pg, int pgsz, int extend, void volatile **pp)
{
    pl_file *f = (pl_file *)file;
    if (pl.dead)
        return SQLITE_IOERR_SHMMAP;
    return f->real->pMethods->xShmMap(f->real, pg, pgsz, extend, pp);
}

static int pl_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    pl_file *f = (pl_file *)file;
    if (pl.dead && (flags & SQLITE_SHM_LOCK))
        return SQLITE_IOERR_SHMLOCK;
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void pl_shm_barrier(sqlite3_file *file)
{
    pl_file *f = (pl_file *)file;
    f->real->pMethods->xShmBarrier(f->real);
}

static int pl_shm_unmap(sqlite3_file *file, int delete_flag)
{
    pl_file *f = (pl_file *)file;
    return f->real->pMethods->xShmUnmap(f->real, pl.dead ? 0 : delete_flag);
}

static int pl_fetch(sqlite3_file *file, sqlite3_int64 off, int amt, void **pp)
{
    (void)file, (void)off, (void)amt;
    *pp = NULL;   /* no memory-mapped reads: every read goes through xRead */
    return SQLITE_OK;
}

static int pl_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p)
{
    (void)file, (void)off, (void)p;
    return SQLITE_OK;
}

static const sqlite3_io_methods pl_io = {
    3, pl_close, pl_read, pl_write, pl_truncate, pl_sync, pl_file_size, pl_lock, pl_unlock,
    pl_check_reserved, pl_file_control, pl_sector_size, pl_device_characteristics, pl_shm_map,
    pl_shm_lock, pl_shm_barrier, pl_shm_unmap, pl_fetch, pl_unfetch,
};

static int pl_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
    (void)vfs;
    pl_file *f = (pl_file *)file;
    memset(f, 0, sizeof *f);
    if (pl.dead)
        return SQLITE_CANTOPEN;
    f->real = (sqlite3_file *)(f + 1);
    f->path = name ? path_of(name) : NULL;
    if (name && !f->path)
        return SQLITE_CANTOPEN;
    int rc = pl.real->xOpen(pl.real, name, f->real, flags, out);
    if (rc == SQLITE_OK)
        f->base.pMethods = &pl_io;
    else if (f->real->pMethods)
        f->real->pMethods->xClose(f->real);
    return rc;
}

static int pl_delete(sqlite3_vfs *vfs, const char *name, int dir_sync)
{
    (void)vfs;
    if (pl.dead)
        return SQLITE_IOERR_DELETE;
    pl_path *p = path_of(name);
    if (p)
        recs_free(p);   /* the file is gone: nothing of it to undo */
    return pl.real->xDelete(pl.real, name, dir_sync);
}

static int pl_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    if (pl.dead)
        return SQLITE_IOERR_ACCESS;
    return pl.real->xAccess(pl.real, name, flags, out);
}

static int pl_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return pl.real->xFullPathname(pl.real, name, n, out);
}

static int pl_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return pl.real->xRandomness(pl.real, n, out);
}

static int pl_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return pl.real->xSleep(pl.real, us);
}

static int pl_current_time(sqlite3_vfs *vfs, double *t)
{
    (void)vfs;
    return pl.real->xCurrentTime(pl.real, t);
}

static int pl_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return pl.real->xGetLastError(pl.real, n, out);
}

static int pl_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
    (void)vfs;
    return pl.real->xCurrentTimeInt64(pl.real, t);
}

static void shim_forget(void)
{
    for (int i = 0; i < pl.npaths; i++) {
        recs_free(&pl.paths[i]);
        free(pl.paths[i].recs);
    }
    pl.npaths = 0;
}

/* Makes the shim the default VFS (the store opens with the default). */
static void shim_on(int cut_at, bool lying)
{
    shim_forget();
    pl.syncs = 0;
    pl.cut_at = cut_at;
    pl.dead = false;
    pl.lying = lying;
    if (!pl.real) {
        pl.real = sqlite3_vfs_find(NULL);
        pl.vfs = (sqlite3_vfs){
            .iVersion = 2,
            .szOsFile = (int)sizeof(pl_file) + pl.real->szOsFile,
            .mxPathname = pl.real->mxPathname,
            .zName = "powerloss",
            .xOpen = pl_open,
            .xDelete = pl_delete,
            .xAccess = pl_access,
            .xFullPathname = pl_full_pathname,
            .xRandomness = pl_randomness,
            .xSleep = pl_sleep,
            .xCurrentTime = pl_current_time,
            .xGetLastError = pl_last_error,
            .xCurrentTimeInt64 = pl_current_time64,
        };
    }
    sqlite3_vfs_register(&pl.vfs, 1);
}

static void shim_off(void)
{
    sqlite3_vfs_register(pl.real, 1);
    sqlite3_vfs_unregister(&pl.vfs);
}

/* ---- the power cut, on the disk --------------------------------------- */

static bool pwrite_all(int fd, const unsigned char *b, size_t n, off_t off)
{
    while (n > 0) {
        ssize_t w = pwrite(fd, b, n, off);
        if (w <= 0)
            return false;
        b += w;
        n -= (size_t)w;
        off += w;
    }
    return true;
}

/* Back to what was synced, then the part of the unsynced changes that the
 * mode lets through. Files are closed by now (no lock of SQLite's is
 * lost by opening them here). */
static void power_cut(cut_mode mode)
{
    for (int i = 0; i < pl.npaths; i++) {
        pl_path *p = &pl.paths[i];
        if (p->n == 0)
            continue;
        int fd = open(p->path, O_RDWR);
        CU_ASSERT_FATAL(fd >= 0);
        bool ok = true;
        for (int k = p->n - 1; k >= 0; k--) {   /* undo, newest first */
            pl_rec *r = &p->recs[k];
            if (r->truncate) {
                ok &= ftruncate(fd, (off_t)r->old_size) == 0;
                ok &= pwrite_all(fd, r->old, (size_t)r->len, (off_t)r->off);
            } else {
                sqlite3_int64 keep = r->old_size - r->off;
                if (keep > r->len)
                    keep = r->len;
                if (keep > 0)
                    ok &= pwrite_all(fd, r->old, (size_t)keep, (off_t)r->off);
                ok &= ftruncate(fd, (off_t)r->old_size) == 0;
            }
        }
        for (int k = 0; k < p->n; k++) {   /* what reached the disk anyway */
            pl_rec *r = &p->recs[k];
            if (mode == CUT_DROP || (mode == CUT_EVEN && k % 2) || (mode == CUT_ODD && !(k % 2)))
                continue;
            if (r->truncate)
                ok &= ftruncate(fd, (off_t)r->off) == 0;
            else
                ok &= pwrite_all(fd, r->now, (size_t)(mode == CUT_TEAR ? (r->len + 1) / 2 : r->len),
                                 (off_t)r->off);
        }
        CU_ASSERT_TRUE(ok);
        close(fd);
        recs_free(p);
    }
}

/* ---- the scenario ------------------------------------------------------ */

typedef struct {
    char ref[PK_REF_MAX];
    dossier_status status;        /* as acknowledged */
} acked;

enum { MAX_ACKED = 8 };

typedef struct {
    acked a[MAX_ACKED];
    int n;
} ack_list;

static void ack(ack_list *l, const char *ref, dossier_status status)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->a[i].ref, ref) == 0) {
            l->a[i].status = status;
            return;
        }
    if (l->n < MAX_ACKED) {
        str_copy(l->a[l->n].ref, PK_REF_MAX, ref);
        l->a[l->n++].status = status;
    }
}

/* A citizen submits a dossier (dossier, event, audit row, print job in one
 * transaction), a clerk accepts it; the WAL is checkpointed (as SQLite does
 * by itself every 1000 pages) so that the next submission starts the WAL
 * over, writing a new header over old frames; the store closes
 * (checkpoint, WAL removed). Only what returned PK_OK goes on the list. */
static void scenario(const char *db_path, ack_list *acks)
{
    store *s = NULL;
    if (store_open(db_path, &s, NULL, 0) != PK_OK)
        return;
    dossier d = fx_dossier("1.001193", "Nguyễn Thị Hoa");
    int64_t job = 0;
    if (store_dossier_create(s, &d, "RA", "kiosk", &job) == PK_OK) {
        ack(acks, d.ref, ST_REGISTERED);
        transition_data td = {.seal_no = "NP-2026-0042", .fee_collected = 8000};
        if (store_dossier_transition(s, d.ref, ST_ACCEPTED, "nv01", "", &td) == PK_OK)
            ack(acks, d.ref, ST_ACCEPTED);
        if (sqlite3_wal_checkpoint_v2(s->conn, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) ==
            SQLITE_OK) {
            dossier d2 = fx_dossier("1.000656", "Hoàng Văn Nam");
            if (store_dossier_create(s, &d2, "RA", "kiosk", &job) == PK_OK)
                ack(acks, d2.ref, ST_REGISTERED);
        }
    }
    store_close(s);
}

/* Problems found after the cut, 0 when the database kept its promises. */
static int check_after(const char *db_path, const ack_list *acks, char *why, size_t whysz)
{
    store *s = NULL;
    char msg[256] = "";
    if (store_open(db_path, &s, msg, sizeof msg) != PK_OK) {
        snprintf(why, whysz, "does not open: %s", msg);
        return 1;
    }
    int bad = 0;
    if (store_check(s, true, msg, sizeof msg) != PK_OK) {
        snprintf(why, whysz, "integrity: %s", msg);
        bad++;
    }
    for (int i = 0; i < acks->n; i++) {
        dossier d;
        if (store_dossier_get(s, acks->a[i].ref, &d) != PK_OK) {
            snprintf(why, whysz, "acknowledged dossier %s lost", acks->a[i].ref);
            bad++;
        } else if (d.status != acks->a[i].status) {
            snprintf(why, whysz, "%s: acknowledged status %s lost", acks->a[i].ref,
                     dossier_status_code(acks->a[i].status));
            bad++;
        }
    }
    /* every dossier has its print job, and only those */
    enum { MAXJ = 16 };
    print_job jobs[MAXJ];
    int njobs = 0;
    if (store_jobs_list(s, JOB_PENDING, jobs, MAXJ, &njobs) != PK_OK ||
        njobs != store_dossier_count(s, -1)) {
        snprintf(why, whysz, "%d print jobs for %lld dossiers", njobs,
                 (long long)store_dossier_count(s, -1));
        bad++;
    }
    audit_check ac;
    memset(&ac, 0, sizeof ac);
    if (store_audit_verify(s, &ac) != PK_OK || ac.fault != AUDIT_OK) {
        snprintf(why, whysz, "audit verify: fault %d at seq %lld", (int)ac.fault,
                 (long long)ac.bad_seq);
        bad++;
    }
    store_close(s);
    return bad;
}

static bool copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    bool ok = in && out;
    char buf[65536];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    return ok;
}

static void remove_db(const char *db_path)
{
    char p[256];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
}

/* A database with the catalog and one dossier already accepted, closed
 * cleanly (no WAL left): the starting point of every run. */
static void prepare(const char *tmpl, ack_list *base)
{
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(tmpl, &s, NULL, 0), PK_OK);
    cx_catalog(s);
    char ref[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(s, "1.001193", "Trần Văn Bình", "020095001234",
                                     "0912345678", FORM_BOTH, "2026-03-02", "2026-03-12", ref),
                          PK_OK);
    transition_data td = {.seal_no = "NP-2026-0001", .fee_collected = 8000};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(s, ref, ST_ACCEPTED, "nv01", "", &td), PK_OK);
    store_close(s);
    base->n = 0;
    ack(base, ref, ST_ACCEPTED);
    char wal[256];
    snprintf(wal, sizeof wal, "%s-wal", tmpl);
    CU_ASSERT_EQUAL(access(wal, F_OK), -1);
}

/* One run: a fresh copy, the power goes at sync point cut_at (0 = after
 * the scenario), the disk as the mode leaves it, then the checks. */
static int run_once(const char *tmpl, const char *db_path, const ack_list *base, int cut_at,
                    cut_mode mode, bool lying, char *why, size_t whysz)
{
    remove_db(db_path);
    CU_ASSERT_FATAL(copy_file(tmpl, db_path));
    ack_list acks = *base;
    shim_on(cut_at, lying);
    scenario(db_path, &acks);
    shim_off();
    power_cut(mode);
    return check_after(db_path, &acks, why, whysz);
}

TEST(store_powerloss, every_sync_point, "power cut at every sync point: nothing acknowledged is lost")
{
    fx_dir fx;
    fx_init(&fx);
    char tmpl[128];
    snprintf(tmpl, sizeof tmpl, "%s/template.db", fx.dir);
    ack_list base;
    prepare(tmpl, &base);

    /* count the sync points of an undisturbed run */
    char why[300] = "";
    CU_ASSERT_EQUAL(run_once(tmpl, fx.db_path, &base, 0, CUT_DROP, false, why, sizeof why), 0);
    int points = pl.syncs;
    /* the submissions and the transition each commit (a WAL sync), the
     * checkpoints sync the WAL and the database */
    CU_ASSERT_TRUE(points >= 7);

    int runs = 0, failures = 0;
    for (int cut = 1; cut <= points + 1; cut++)
        for (int mode = 0; mode < CUT__COUNT; mode++) {
            int bad = run_once(tmpl, fx.db_path, &base, cut <= points ? cut : 0, (cut_mode)mode,
                               false, why, sizeof why);
            runs++;
            if (bad) {
                failures++;
                fprintf(stderr, "\n  power cut at sync %d/%d (%s): %s\n", cut, points,
                        cut_names[mode], why);
            }
        }
    CU_ASSERT_EQUAL(failures, 0);
    CU_ASSERT_EQUAL(runs, (points + 1) * CUT__COUNT);

    /* the check can fail: a disk that lies about syncs loses what was
     * acknowledged when the power goes after the scenario */
    CU_ASSERT_TRUE(run_once(tmpl, fx.db_path, &base, 0, CUT_DROP, true, why, sizeof why) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "lost"));
    shim_forget();
    fx_cleanup(&fx);
}

SUITE(store_powerloss, NULL, NULL);
