/* SPDX-License-Identifier: GPL-3.0-or-later */
/* [sync] and [central] configuration (sync_config.h). Parsed here, not in
 * config.c: only the sync and the province's commands need it. */
#include "sync_config.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "pgc.h"
#include "util.h"

#define DEFAULT_CONFIG "/etc/postkiosk/postkiosk.ini"

typedef struct {
    sync_config *sc;
    bool lazy;                 /* conninfo left to pgc_open (sync_config_read) */
    int err_line, line;
    char reason[400];
} parse_ctx;

static bool number(const char *v, int lo, int hi, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi)
        return false;
    *out = (int)n;
    return true;
}

static bool text(char *dst, size_t dstsz, const char *v)
{
    if (strlen(v) >= dstsz)
        return false;
    str_copy(dst, dstsz, v);
    return true;
}

static const struct {
    const char *name;
    unsigned bit;
} share_names[] = {
    {"name", SYNC_SHARE_NAME}, {"id_number", SYNC_SHARE_ID}, {"phone", SYNC_SHARE_PHONE},
    {"email", SYNC_SHARE_EMAIL}, {"address", SYNC_SHARE_ADDRESS},
};

/* "phone, id_number": the bits; false with why naming the unknown one */
static bool share_list(const char *v, unsigned *out, char *why, size_t whysz)
{
    *out = 0;
    const char *p = v;
    while (*p) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, " \t,");
        if (n == 0)
            break;
        unsigned bit = 0;
        for (size_t i = 0; i < sizeof share_names / sizeof share_names[0]; i++)
            if (strlen(share_names[i].name) == n && strncmp(p, share_names[i].name, n) == 0)
                bit = share_names[i].bit;
        if (!bit) {
            snprintf(why, whysz,
                     _("unknown field %.*s in [sync] share (known: name, id_number, phone, email, "
                       "address)"),
                     (int)(n > 40 ? 40 : n), p);
            return false;
        }
        *out |= bit;
        p += n;
    }
    return true;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *p = user;
    p->line++;
    bool sync = strcmp(section, "sync") == 0, central = strcmp(section, "central") == 0;
    if ((!sync && !central) || p->err_line)
        return 1;
    sync_config *sc = p->sc;
    bool ok;
    char why[300] = "";
    if (sync && !strcmp(name, "conninfo"))
        ok = text(sc->conninfo, sizeof sc->conninfo, value) &&
             (p->lazy || pgc_conninfo_ok(value, why, sizeof why));
    else if (central && !strcmp(name, "conninfo"))
        ok = text(sc->central_conninfo, sizeof sc->central_conninfo, value) &&
             pgc_conninfo_ok(value, why, sizeof why);
    else if (sync && !strcmp(name, "password_file"))
        ok = text(sc->password_file, sizeof sc->password_file, value);
    else if (sync && !strcmp(name, "batch"))
        ok = number(value, 1, 5000, &sc->batch);
    else if (sync && !strcmp(name, "interval"))
        ok = number(value, 1, 86400, &sc->interval);
    else if (sync && !strcmp(name, "max_backoff"))
        ok = number(value, 1, 86400, &sc->max_backoff);
    else if (sync && !strcmp(name, "share")) {
        ok = share_list(value, &sc->share, why, sizeof why);
        if (!ok) {   /* the reason names the field: no "[sync] share:" before it */
            str_copy(p->reason, sizeof p->reason, why);
            p->err_line = -1;
            return 0;
        }
    } else {
        snprintf(p->reason, sizeof p->reason, _("unknown setting %s in [%s]"), name, section);
        p->err_line = -1;
        return 0;
    }
    if (!ok) {
        if (why[0])
            snprintf(p->reason, sizeof p->reason, "[%s] %s: %s", section, name, why);
        else
            snprintf(p->reason, sizeof p->reason, _("bad value for %s in [%s]"), name, section);
        p->err_line = -1;
        return 0;
    }
    return 1;
}

static bool load(sync_config *sc, const char *path, bool lazy, char *err, size_t errsz)
{
    memset(sc, 0, sizeof *sc);
    sc->batch = SYNC_BATCH_DEFAULT;
    sc->interval = 60;
    sc->max_backoff = 900;
    if (errsz)
        err[0] = '\0';
    if (!path) {
        if (access(DEFAULT_CONFIG, F_OK) != 0)
            return true;
        path = DEFAULT_CONFIG;
    }
    parse_ctx p = {.sc = sc, .lazy = lazy};
    int r = ini_parse(path, handler, &p);
    if (p.err_line) {
        snprintf(err, errsz, "%s:%d: %s", path, r, p.reason);
        return false;
    }
    if (r != 0) {
        snprintf(err, errsz, r < 0 ? _("%s: cannot read the file") : "%s", path);
        return false;
    }
    if (sc->max_backoff < sc->interval)
        sc->max_backoff = sc->interval;
    return true;
}

bool sync_make_password(const char *path, char *out, size_t outsz, char *why, size_t whysz)
{
    unsigned char raw[18];
    randombytes_buf(raw, sizeof raw);
    if (outsz < sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)) {
        snprintf(why, whysz, "%s", "password buffer");
        return false;
    }
    sodium_bin2base64(out, outsz, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0400);
    if (fd < 0) {
        snprintf(why, whysz, "%s: %s", path, strerror(errno));
        sodium_memzero(out, outsz);
        return false;
    }
    size_t n = strlen(out);
    bool ok = write(fd, out, n) == (ssize_t)n && write(fd, "\n", 1) == 1 && fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        unlink(path);
        sodium_memzero(out, outsz);
        snprintf(why, whysz, "%s: %s", path, strerror(saved));
    }
    return ok;
}

bool sync_config_load(sync_config *sc, const char *path, char *err, size_t errsz)
{
    return load(sc, path, false, err, errsz);
}

bool sync_config_read(sync_config *sc, const char *path, char *err, size_t errsz)
{
    return load(sc, path, true, err, errsz);
}
