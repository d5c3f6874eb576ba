/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk backup [DIR]` and `postkiosk restore FILE` (issue 17 item 7).
 * A backup is an online copy of the live database (the kiosk may keep
 * running), checked (integrity_check, the audit chain) under a temporary
 * name before it is published and the oldest beyond [backup] keep are
 * removed. A restore refuses while a kiosk, clerk workstation or
 * demonstration holds the run lock, checks the file the same way on a
 * copy beside the database, keeps the old database under a dated name and
 * swaps the copy in with rename(2). Keys are not in backups. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_start.h"
#include "i18n.h"
#include "progress.h"
#include "store_audit.h"
#include "store_backup.h"
#include "store_sync.h"
#include "sync_config.h"
#include "util.h"

static const char PREFIX[] = "postkiosk-";   /* postkiosk-YYYYMMDD-HHMMSS-NN.db */
enum { STAMP_LEN = 8 + 1 + 6 + 1 + 2 };

int cli_run_lock(const char *db_path, bool exclusive)
{
    char path[600];
    if (snprintf(path, sizeof path, "%s.lock", db_path) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return -1;
    if (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

static bool is_backup_name(const char *name)
{
    size_t n = strlen(PREFIX);
    if (strncmp(name, PREFIX, n) != 0 || strlen(name) != n + STAMP_LEN + 3 ||
        strcmp(name + n + STAMP_LEN, ".db") != 0)
        return false;
    for (size_t i = 0; i < STAMP_LEN; i++) {
        char ch = name[n + i];
        bool dash = i == 8 || i == 15;
        if (dash ? ch != '-' : (ch < '0' || ch > '9'))
            return false;
    }
    return true;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes the oldest backups of dir beyond keep; returns how many remain. */
static int prune(const char *dir, int keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!is_backup_name(de->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        if (n - i > (size_t)keep) {
            char path[1200];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            if (unlink(path) == 0)
                log_info("backup: removed the old backup %s", path);
        }
        free(names[i]);
    }
    free(names);
    return (int)(n < (size_t)keep ? n : (size_t)keep);
}

static int backup_usage(FILE *out)
{
    fprintf(out, "%s\n", _("usage: postkiosk backup [DIR]"));
    return out == stdout ? 0 : 2;
}

int cli_backup(cli_ctx *ctx, int argc, char **argv)
{
    if (argc == 1 && strcmp(argv[0], "--help") == 0)
        return backup_usage(stdout);
    if (argc > 1 || (argc == 1 && argv[0][0] == '-'))
        return backup_usage(stderr);
    char dir[600];
    if (argc == 1)
        snprintf(dir, sizeof dir, "%s", argv[0]);
    else if (ctx->cfg.backup_dir[0])
        snprintf(dir, sizeof dir, "%s", ctx->cfg.backup_dir);
    else
        snprintf(dir, sizeof dir, "%.580s/backups", ctx->cfg.home);
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        cli_fail(_("postkiosk: backup: cannot create the folder %s: %s\n"), dir, strerror(errno));
        return 1;
    }
    char stamp[32], name[800], tmp[820], msg[1200];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    int k = 0;
    do   /* two backups in one second get the next number */
        snprintf(name, sizeof name, "%s/%s%s-%02d.db", dir, PREFIX, stamp, k);
    while (access(name, F_OK) == 0 && ++k < 100);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp%ld", dir, strrchr(name, '/') + 1, (long)getpid());
    unlink(tmp);
    log_info("backup: started, %s to %s", ctx->cfg.db_path, dir);
    progress pr;
    progress_begin(&pr, _("backup"), 0);
    pk_err e = store_backup(db, tmp, progress_cb, &pr, msg, sizeof msg);
    if (pr.shown)
        progress_end(&pr, pr.total);
    int64_t dossiers = 0;
    audit_check r;
    if (e == PK_OK)
        e = store_copy_verify(tmp, &dossiers, &r, msg, sizeof msg);
    if (e == PK_OK && rename(tmp, name) != 0) {
        snprintf(msg, sizeof msg, "%s: %s", name, strerror(errno));
        e = PK_EIO;
    }
    if (e != PK_OK) {
        unlink(tmp);
        cli_fail(_("postkiosk: backup failed, nothing was kept: %s\n"), msg);
        return 1;
    }
    config_fsync_dir(dir);
    int kept = prune(dir, ctx->cfg.backup_keep);
    log_info("backup: %s written and checked: %" PRId64 " dossiers, audit head %" PRId64
             " %s; %d backups kept",
             name, dossiers, r.head_seq, r.head_code, kept);
    printf(_("backup: %s (%" PRId64 " dossiers, audit chain intact, head %s)\n"), name, dossiers,
           r.head_code);
    return 0;
}

/* The database files at path (the file, its -wal; -shm holds no data) as
 * kept: renamed with the suffix, so that SQLite finds the kept -wal with
 * the kept file. */
static bool keep_old(const char *db_path, char *kept, size_t keptsz)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(kept, keptsz, "%s.before-restore-%s", db_path, stamp);
    if (rename(db_path, kept) != 0)
        return errno == ENOENT;   /* a lost database: nothing to keep */
    char from[700], to[900];
    snprintf(from, sizeof from, "%s-wal", db_path);
    snprintf(to, sizeof to, "%s-wal", kept);
    if (rename(from, to) != 0 && errno != ENOENT)
        return false;
    snprintf(from, sizeof from, "%s-shm", db_path);
    unlink(from);
    return true;
}

static int restore_usage(FILE *out)
{
    fprintf(out, "%s\n", _("usage: postkiosk restore FILE"));
    return out == stdout ? 0 : 2;
}

/* The restore in the restored chain. A kiosk that syncs is marked too:
 * the references and S10 numbers after the backup's may be the
 * province's already, so no dossier is registered until a sync has moved
 * the counters past them (kiosk/sync/sync_restore.h). */
static int restore_audit(cli_ctx *ctx)
{
    sync_config sc;
    char why[800];
    if (!sync_config_load(&sc, ctx->config_path, why, sizeof why)) {
        cli_fail("postkiosk: configuration: %s\n", why);
        return 2;
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    int64_t now = (int64_t)time(NULL);
    pk_err e = sc.conninfo[0] ? store_sync_restore_mark(db, now)
                              : store_audit_append(db, now, "restore", "restore", "backup", "");
    if (e != PK_OK) {
        cli_fail(_("postkiosk: restore: the restore cannot be recorded: %s\n"), _(pk_err_msg(e)));
        return 1;
    }
    if (sc.conninfo[0])
        printf("%s\n", _("restore: new dossiers wait until this kiosk has synced with the province "
                         "(postkiosk sync --once)"));
    return 0;
}

int cli_restore(cli_ctx *ctx, int argc, char **argv)
{
    if (argc == 1 && strcmp(argv[0], "--help") == 0)
        return restore_usage(stdout);
    if (argc != 1 || argv[0][0] == '-')
        return restore_usage(stderr);
    const char *src = argv[0];
    const char *db_path = ctx->cfg.db_path;
    if (!cli_audit_key(&ctx->cfg))
        return 1;   /* the chain of the backup is checked with it */
    int lock = cli_run_lock(db_path, true);
    if (lock < 0) {
        if (errno == EWOULDBLOCK)
            cli_fail(_("postkiosk: restore refused: a kiosk, clerk workstation or demonstration "
                       "is using %s. Stop it first; nothing was changed.\n"),
                     db_path);
        else
            cli_fail(_("postkiosk: restore: cannot lock %s: %s\n"), db_path, strerror(errno));
        return 1;
    }
    char tmp[700], msg[1200], kept[800] = "";
    snprintf(tmp, sizeof tmp, "%s.restore-%ld", db_path, (long)getpid());
    const char *const tails[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < PK_ARRAY_LEN(tails); i++) {
        char f[720];
        snprintf(f, sizeof f, "%s%s", tmp, tails[i]);
        unlink(f);
    }
    log_info("restore: started, %s from %s", db_path, src);
    int64_t dossiers = 0;
    audit_check r;
    pk_err e = store_copy_file(src, tmp, msg, sizeof msg);
    if (e == PK_OK)
        e = store_copy_verify(tmp, &dossiers, &r, msg, sizeof msg);
    char wal[720];
    snprintf(wal, sizeof wal, "%s-wal", tmp);
    if (e == PK_OK && access(wal, F_OK) == 0) {
        snprintf(msg, sizeof msg, "%s was not folded into the copy", wal);
        e = PK_EIO;
    }
    if (e == PK_OK && !keep_old(db_path, kept, sizeof kept)) {
        snprintf(msg, sizeof msg, "cannot keep the old database as %s: %s", kept, strerror(errno));
        e = PK_EIO;
    }
    if (e == PK_OK && rename(tmp, db_path) != 0) {
        snprintf(msg, sizeof msg, "%s: %s", db_path, strerror(errno));
        e = PK_EIO;
    }
    if (e != PK_OK) {
        for (size_t i = 0; i < PK_ARRAY_LEN(tails); i++) {
            char f[720];
            snprintf(f, sizeof f, "%s%s", tmp, tails[i]);
            unlink(f);
        }
        close(lock);
        cli_fail(_("postkiosk: restore refused: %s. The database was not changed.\n"), msg);
        return 1;
    }
    char dir[600];
    if (ready_dir_of(db_path, dir, sizeof dir))
        config_fsync_dir(dir);
    close(lock);
    bool had_old = access(kept, F_OK) == 0;
    log_info("restore: %s restored from %s: %" PRId64 " dossiers, audit head %" PRId64
             " %s; previous database %s",
             db_path, src, dossiers, r.head_seq, r.head_code, had_old ? kept : "(none)");
    printf(_("restore: %s restored from %s (%" PRId64 " dossiers, audit chain intact, head %s)\n"),
           db_path, src, dossiers, r.head_code);
    if (had_old)
        printf(_("restore: the previous database is kept as %s\n"), kept);
    return restore_audit(ctx);
}
