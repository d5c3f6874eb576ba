/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Readiness: what the citizen's path needs, tested before anyone starts
 * (issue 11 item 4) — `postkiosk check` reports each, the kiosk refuses to
 * start on any. Reasons are translated and name the file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "auth.h"
#include "cli_start.h"
#include "escpos.h"
#include "i18n.h"
#include "receipt.h"
#include "util.h"

enum { STALE_TMP_SECONDS = 3600 };

static const char *key_problem(pk_err e)
{
    switch (e) {
    case PK_ENOTFOUND: return _("it is missing");
    case PK_EPERM: return _("others may read it (chmod 0400)");
    case PK_EINVAL: return _("it is not a key (32 bytes, or 64 hex digits)");
    default: return _("it cannot be read");
    }
}

bool ready_keys(const config *c, char *why, size_t whysz)
{
    char payload[128];
    pk_err e = receipt_payload(c, "CHECK-1", 1, payload, sizeof payload);
    if (e != PK_OK) {
        snprintf(why, whysz, _("the receipt key %s: %s"), c->key_file, key_problem(e));
        return false;
    }
    auth_ctx a;
    memset(&a, 0, sizeof a);
    e = auth_load_pepper(&a, c->pepper_file, NULL, 0);
    auth_wipe(&a);
    if (e != PK_OK) {
        snprintf(why, whysz, _("the PIN pepper %s: %s"), c->pepper_file, key_problem(e));
        return false;
    }
    memset(&a, 0, sizeof a);
    e = auth_load_pepper(&a, c->audit_key_file, NULL, 0);   /* same format */
    auth_wipe(&a);
    if (e != PK_OK) {
        snprintf(why, whysz, _("the audit key %s: %s"), c->audit_key_file, key_problem(e));
        return false;
    }
    return true;
}

bool ready_profile(const char *profile, char *why, size_t whysz)
{
    printer_profile prof;
    if (escpos_profile_parse(profile, &prof))
        return true;
    snprintf(why, whysz, _("unknown printer profile \"%s\" (58mm, 80mm, with options)"), profile);
    return false;
}

bool ready_write(store *db, char *why, size_t whysz)
{
    char stamp[32], msg[600];
    snprintf(stamp, sizeof stamp, "%lld", (long long)time(NULL));
    pk_err e = store_write_check(db, stamp, msg, sizeof msg);
    if (e == PK_OK)
        return true;
    snprintf(why, whysz, _("the database cannot be written: %s"), msg);
    return false;
}

bool ready_dir_of(const char *file, char *out, size_t outsz)
{
    if (!str_copy(out, outsz, file))
        return false;
    char *slash = strrchr(out, '/');
    if (!slash)
        return str_copy(out, outsz, ".");
    slash[slash == out ? 1 : 0] = '\0';
    return true;
}

bool ready_space(const char *dir, char *why, size_t whysz)
{
    struct statvfs vfs;
    if (statvfs(dir, &vfs) != 0) {
        snprintf(why, whysz, _("cannot see the free space of %s: %s"), dir, strerror(errno));
        return false;
    }
    unsigned long long avail = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
    if (avail >= READY_MIN_FREE)
        return true;
    snprintf(why, whysz, _("the disk of %s is full (%llu KiB free, %d KiB needed)"), dir,
             avail / 1024, READY_MIN_FREE / 1024);
    return false;
}

/* ".NAME.EXT.tmp" followed by six mkstemp characters. */
static bool is_receipt_tmp(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' && n > 10 && strncmp(name + n - 10, ".tmp", 4) == 0;
}

int ready_sweep_receipts(const char *dir, time_t now)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!is_receipt_tmp(de->d_name))
            continue;
        struct stat sb;
        if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode) ||
            now - sb.st_mtime < STALE_TMP_SECONDS)
            continue;
        if (unlinkat(dirfd(d), de->d_name, 0) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}
