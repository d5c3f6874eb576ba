/* SPDX-License-Identifier: GPL-3.0-or-later */
/* file:DIR — the job as NAME.escpos (the exact bytes), NAME.png (the exact
 * canvas) and NAME.txt (plain text). Each file is written atomically:
 * temporary file, fsync, rename, fsync of the folder. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.h"
#include "i18n.h"
#include "util.h"

static bool mkdirs(const char *path)
{
    char buf[512];
    if (!str_copy(buf, sizeof buf, path))
        return false;
    for (char *s = buf + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return false;
        *s = '/';
    }
    return mkdir(buf, 0700) == 0 || errno == EEXIST;
}

static pk_err file_open(printer *p, const char *target, char *msg, size_t msgsz)
{
    if (!str_copy(p->target, sizeof p->target, target))
        return backend_fail(PK_EINVAL, N_("The printer folder name is too long."), msg, msgsz);
    if (!mkdirs(target))
        return backend_fail(PK_EIO, N_("The printer folder cannot be created."), msg, msgsz);
    return PK_OK;
}

static printer_state file_status(printer *p)
{
    struct stat sb;
    if (stat(p->target, &sb) != 0 || !S_ISDIR(sb.st_mode) || access(p->target, W_OK) != 0)
        return PST_OFFLINE;
    return PST_OK;
}

typedef pk_err (*writer_fn)(FILE *fp, const backend_job *job);

static pk_err write_bytes(FILE *fp, const backend_job *job)
{
    if (job->len && fwrite(job->bytes, 1, job->len, fp) != job->len)
        return PK_EIO;
    return PK_OK;
}

static pk_err write_png(FILE *fp, const backend_job *job)
{
    return canvas_write_png(job->img, fp);
}

static pk_err write_text(FILE *fp, const backend_job *job)
{
    size_t n = strlen(job->text);
    if (n && fwrite(job->text, 1, n, fp) != n)
        return PK_EIO;
    return PK_OK;
}

/* Writes DIR/NAME.EXT through a temporary file; errno-based error. */
static pk_err write_atomic(const printer *p, const backend_job *job, const char *ext,
                           writer_fn fn)
{
    char *path = xasprintf("%s/%s.%s", p->target, job->name, ext);
    /* mkstemp() template: the last six characters become 'X'. */
    char *tmp = xasprintf("%s/.%s.%s.tmp123456", p->target, job->name, ext);
    memset(tmp + strlen(tmp) - 6, 'X', 6);
    pk_err err = PK_OK;
    int fd = mkstemp(tmp);
    FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!fp) {
        err = errno == ENOSPC || errno == EDQUOT ? PK_EFULL : PK_EIO;
        if (fd >= 0)
            close(fd);
    } else {
        fchmod(fd, 0600);
        errno = 0;
        err = fn(fp, job);
        if (err == PK_OK && (fflush(fp) != 0 || fsync(fileno(fp)) != 0))
            err = PK_EIO;
        if (err != PK_OK && (errno == ENOSPC || errno == EDQUOT))
            err = PK_EFULL;
        if (fclose(fp) != 0 && err == PK_OK)
            err = errno == ENOSPC || errno == EDQUOT ? PK_EFULL : PK_EIO;
        if (err == PK_OK && rename(tmp, path) != 0)
            err = PK_EIO;
    }
    if (err != PK_OK)
        unlink(tmp);
    free(path);
    free(tmp);
    return err;
}

static pk_err file_send(printer *p, const backend_job *job, char *msg, size_t msgsz)
{
    mkdirs(p->target);                   /* a folder removed since start-up comes back */
    if (file_status(p) != PST_OK)
        return backend_fail(PK_EPRINTER, N_("The printer folder cannot be written."), msg,
                            msgsz);
    pk_err err = write_atomic(p, job, "escpos", write_bytes);
    if (err == PK_OK && job->img)
        err = write_atomic(p, job, "png", write_png);
    if (err == PK_OK && job->text)
        err = write_atomic(p, job, "txt", write_text);
    if (err == PK_OK) {
        int dfd = open(p->target, O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        return PK_OK;
    }
    if (err == PK_EFULL)
        return backend_fail(err, N_("The receipt could not be saved: the disk is full."), msg,
                            msgsz);
    return backend_fail(err, N_("The receipt could not be saved."), msg, msgsz);
}

const backend_ops backend_file_ops = {"file", file_open, file_status, file_send};
