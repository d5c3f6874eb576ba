/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Configuration: embedded defaults, then an INI file read with inih.
 * Every value is checked (UTF-8, no control characters, fits, in range)
 * and normalised to NFC; a bad file is reported as "file:line: reason". */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

#define DEFAULT_CONFIG "/etc/postkiosk/postkiosk.ini"

/* Which home-relative paths the file set explicitly. */
enum { SET_DB = 1, SET_PRINTER = 2, SET_KEY = 4, SET_PEPPER = 8, SET_DATA = 16, SET_LOCALE = 32,
       SET_AUDIT_KEY = 64, SET_PEER_KEYS = 128 };

typedef struct {
    config *c;
    const char *file;
    int line;          /* line being parsed (counted by the reader) */
    int err_line;
    char reason[160];
    FILE *fp;
    unsigned set;
    bool long_line;
    int nul_line;      /* first line holding a NUL byte */
} parse_ctx;

static bool dir_exists(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Directory of the running program, from /proc/self/exe. */
static bool exe_dir(char *out, size_t outsz)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return str_copy(out, outsz, buf[0] ? buf : "/");
}

/* Shipped data and translations: the source tree (program in build/ or
 * build-X/, data in ../data, .mo files in locale/ next to the program) or
 * the installed layout
 * (PREFIX/bin -> PREFIX/share/postkiosk, PREFIX/share/locale). */
static void find_data(config *c)
{
    char exe[PATH_MAX - 64], p[PATH_MAX];
    if (!exe_dir(exe, sizeof exe)) {
        str_copy(c->data_dir, sizeof c->data_dir, "/usr/local/share/postkiosk");
        str_copy(c->locale_dir, sizeof c->locale_dir, "/usr/local/share/locale");
        return;
    }
    snprintf(p, sizeof p, "%s/../data", exe);
    if (dir_exists(p)) {
        char *r = realpath(p, NULL);
        str_copy(c->data_dir, sizeof c->data_dir, r ? r : p);
        free(r);
        snprintf(p, sizeof p, "%s/locale", exe);
        str_copy(c->locale_dir, sizeof c->locale_dir, p);
        return;
    }
    snprintf(p, sizeof p, "%s/../share/postkiosk", exe);
    char *r = realpath(p, NULL);
    str_copy(c->data_dir, sizeof c->data_dir, r ? r : p);
    free(r);
    snprintf(p, sizeof p, "%s/../share/locale", exe);
    r = realpath(p, NULL);
    str_copy(c->locale_dir, sizeof c->locale_dir, r ? r : p);
    free(r);
}

static void home_paths(config *c, unsigned set)
{
    if (!(set & SET_DB))
        snprintf(c->db_path, sizeof c->db_path, "%.480s/postkiosk.db", c->home);
    if (!(set & SET_PRINTER))
        snprintf(c->printer, sizeof c->printer, "file:%.480s/receipts", c->home);
    if (!(set & SET_KEY))
        snprintf(c->key_file, sizeof c->key_file, "%.480s/keys/receipt.key", c->home);
    if (!(set & SET_PEPPER))
        snprintf(c->pepper_file, sizeof c->pepper_file, "%.480s/keys/pin.pepper", c->home);
    if (!(set & SET_AUDIT_KEY))
        snprintf(c->audit_key_file, sizeof c->audit_key_file, "%.480s/keys/audit.key", c->home);
    if (!(set & SET_PEER_KEYS))
        snprintf(c->peer_keys_dir, sizeof c->peer_keys_dir, "%.480s/keys/peers", c->home);
}

void config_defaults(config *c)
{
    memset(c, 0, sizeof *c);
    const char *h = getenv("POSTKIOSK_HOME");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *user = getenv("HOME");
    if (h && *h)
        str_copy(c->home, sizeof c->home, h);
    else if (xdg && *xdg == '/')
        snprintf(c->home, sizeof c->home, "%.480s/postkiosk", xdg);
    else if (user && *user)
        snprintf(c->home, sizeof c->home, "%.480s/.local/share/postkiosk", user);
    else
        str_copy(c->home, sizeof c->home, "/var/lib/postkiosk");
    home_paths(c, 0);
    find_data(c);
    const char *dd = getenv("POSTKIOSK_DATADIR");
    if (dd && *dd)
        str_copy(c->data_dir, sizeof c->data_dir, dd);
    str_copy(c->printer_profile, sizeof c->printer_profile, "58mm");
    str_copy(c->kiosk_code, sizeof c->kiosk_code, "LS01");
    str_copy(c->post_office, sizeof c->post_office, "Bưu điện tỉnh Lạng Sơn");
    str_copy(c->s10_prefix, sizeof c->s10_prefix, "RA");
    str_copy(c->language, sizeof c->language, "vi");
    str_copy(c->scope, sizeof c->scope, "province");
    c->s10_first = 1;
    c->s10_last = 99999999;
    c->idle_timeout = 90;
    c->idle_warning = 20;
    c->clerk_timeout = 120;
    c->backup_keep = 7;
    c->purge_min_years = 5;
}

/* ---- value checks ------------------------------------------------------ */

static int fail(parse_ctx *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(parse_ctx *p, const char *fmt, ...)
{
    if (!p->err_line) {
        p->err_line = p->line;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->reason, sizeof p->reason, fmt, ap);
        va_end(ap);
    }
    return 0;
}

static int set_text(parse_ctx *p, const char *name, const char *v, char *dst, size_t dstsz)
{
    if (!text_valid_utf8(v, strlen(v)))
        return fail(p, _("%s: not valid UTF-8"), name);
    if (text_has_control(v))
        return fail(p, _("%s: control characters are not allowed"), name);
    if (!text_nfc_buf(v, dst, dstsz))
        return fail(p, _("%s: too long"), name);
    return 1;
}

static int set_int(parse_ctx *p, const char *name, const char *v, int lo, int hi, int *dst)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi)
        return fail(p, _("%s must be a whole number from %d to %d"), name, lo, hi);
    *dst = (int)x;
    return 1;
}

static bool all_of(const char *s, const char *chars, size_t lo, size_t hi)
{
    size_t n = strlen(s);
    return n >= lo && n <= hi && strspn(s, chars) == n;
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"

static int handler(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *p = user;
    config *c = p->c;
    if (p->long_line)
        return fail(p, "%s", _("line too long (at most 200 bytes)"));
#define IS(sec, key) (strcmp(section, sec) == 0 && strcmp(name, key) == 0)
#define TEXT(field) set_text(p, name, value, c->field, sizeof c->field)
    if (IS("kiosk", "code")) {
        if (!all_of(value, UPPER DIGITS, 2, 8))
            return fail(p, "%s", _("code must be 2 to 8 capital letters or digits, e.g. LS01"));
        if (strcmp(value, PK_PRACTICE_KIOSK_CODE) == 0)
            return fail(p, _("code %s is kept for practice and guided tours"), value);
        return TEXT(kiosk_code);
    }
    if (IS("kiosk", "post_office"))
        return TEXT(post_office);
    if (IS("kiosk", "hotline"))
        return TEXT(hotline);
    if (IS("kiosk", "language")) {
        if (!all_of(value, "abcdefghijklmnopqrstuvwxyz_", 2, 7))
            return fail(p, "%s", _("language must be a code such as vi or en"));
        c->language_set = true;
        return TEXT(language);
    }
    if (IS("kiosk", "s10_prefix")) {
        if (!all_of(value, UPPER, 2, 2))
            return fail(p, "%s", _("s10_prefix must be two capital letters, e.g. RA"));
        if (strcmp(value, PK_PRACTICE_S10_PREFIX) == 0)
            return fail(p, _("s10_prefix %s is kept for practice and guided tours"), value);
        return TEXT(s10_prefix);
    }
    if (IS("kiosk", "scope")) {
        if (strcmp(value, "commune") && strcmp(value, "province") && strcmp(value, "national"))
            return fail(p, "%s", _("scope must be commune, province or national"));
        return TEXT(scope);
    }
    if (IS("kiosk", "tone_style")) {
        /* where the typed tone mark goes: traditional "hòa, thủy" (Unikey's
         * default) or new "hoà, thuỷ"; names compare equal either way */
        if (strcmp(value, "traditional") && strcmp(value, "new"))
            return fail(p, "%s", _("tone_style must be traditional or new"));
        c->tone_new = strcmp(value, "new") == 0;
        return true;
    }
    if (IS("kiosk", "track_url")) {
        /* the QR sends a phone there: never in clear text (issue 11 item 14) */
        if (*value && (strncasecmp(value, "https://", 8) != 0 || !value[8]))
            return fail(p, "%s", _("track_url must be an https:// address (or empty)"));
        return TEXT(track_url);
    }
    if (IS("kiosk", "info_url"))
        return TEXT(info_url);
    if (IS("kiosk", "staff_pin")) {
        /* it was kept in clear text; now stored hashed (store_staff_pin_set) */
        if (*value)
            return fail(p, "%s", _("staff_pin is no longer accepted: remove it and run "
                                   "`postkiosk staff-pin set`"));
        return true;
    }
    if (IS("kiosk", "s10_first"))
        return set_int(p, name, value, 1, 99999999, &c->s10_first);
    if (IS("kiosk", "s10_last"))
        return set_int(p, name, value, 1, 99999999, &c->s10_last);
    if (IS("kiosk", "idle_timeout"))
        return set_int(p, name, value, 15, 3600, &c->idle_timeout);
    if (IS("kiosk", "idle_warning"))
        return set_int(p, name, value, 5, 600, &c->idle_warning);
    if (IS("clerk", "timeout"))
        return set_int(p, name, value, 30, 3600, &c->clerk_timeout);
    if (IS("purge", "min_years"))
        return set_int(p, name, value, 1, 100, &c->purge_min_years);
    if (IS("backup", "keep"))
        return set_int(p, name, value, 1, 1000, &c->backup_keep);
    if (IS("backup", "dir")) {
        if (value[0] != '/')
            return fail(p, _("%s must be an absolute path"), name);
        return TEXT(backup_dir);
    }
    if (IS("papers", "printer")) {
        /* a CUPS queue name: what lpadmin -p accepts, without spaces */
        if (*value && !all_of(value, UPPER DIGITS "abcdefghijklmnopqrstuvwxyz_-.@", 1, 127))
            return fail(p, "%s", _("printer must be a CUPS queue name (letters, digits, - _ . @) or empty"));
        return TEXT(papers_printer);
    }
    if (IS("papers", "cups_server")) {
        if (*value && (strchr(value, ' ') || (value[0] != '/' && strchr(value, '/'))))
            return fail(p, "%s", _("cups_server must be a socket path or host[:port] (or empty)"));
        return TEXT(papers_server);
    }
    if (IS("printer", "spec")) {
        if (strncmp(value, "file:", 5) && strncmp(value, "device:", 7) && strncmp(value, "tcp:", 4))
            return fail(p, "%s", _("printer spec must start with file:, device: or tcp:"));
        p->set |= SET_PRINTER;
        return TEXT(printer);
    }
    if (IS("printer", "profile")) {
        if (!*value)
            return fail(p, "%s", _("profile must not be empty"));
        return TEXT(printer_profile);
    }
    struct { const char *key; char *dst; size_t sz; unsigned flag; } paths[] = {
        {"home", c->home, sizeof c->home, 0},
        {"db", c->db_path, sizeof c->db_path, SET_DB},
        {"data_dir", c->data_dir, sizeof c->data_dir, SET_DATA},
        {"locale_dir", c->locale_dir, sizeof c->locale_dir, SET_LOCALE},
        {"key_file", c->key_file, sizeof c->key_file, SET_KEY},
        {"pepper_file", c->pepper_file, sizeof c->pepper_file, SET_PEPPER},
        {"audit_key_file", c->audit_key_file, sizeof c->audit_key_file, SET_AUDIT_KEY},
        {"peer_keys", c->peer_keys_dir, sizeof c->peer_keys_dir, SET_PEER_KEYS},
    };
    if (strcmp(section, "paths") == 0) {
        for (size_t i = 0; i < PK_ARRAY_LEN(paths); i++) {
            if (strcmp(name, paths[i].key))
                continue;
            if (value[0] != '/')
                return fail(p, _("%s must be an absolute path"), name);
            p->set |= paths[i].flag;
            return set_text(p, name, value, paths[i].dst, paths[i].sz);
        }
    }
    if (!strcmp(section, "kiosk") || !strcmp(section, "paths") || !strcmp(section, "printer") ||
        !strcmp(section, "clerk") || !strcmp(section, "backup") || !strcmp(section, "papers") ||
        !strcmp(section, "purge"))
        return fail(p, _("unknown setting \"%s\""), name);
    /* other sections ([profile.X], ...) belong to other modules */
    return 1;
#undef IS
#undef TEXT
}

/* Line reader for inih that counts lines, notices overlong ones and NUL
 * bytes (fgets would silently cut the line at a NUL). */
static char *reader(char *str, int num, void *stream)
{
    parse_ctx *p = stream;
    int n = 0, ch = EOF;
    bool nul = false;
    while (n < num - 1 && (ch = getc(p->fp)) != EOF) {
        if (ch == '\0') {
            nul = true;
            ch = ' ';
        }
        str[n++] = (char)ch;
        if (ch == '\n')
            break;
    }
    if (n == 0)
        return NULL;
    str[n] = '\0';
    p->line++;
    p->long_line = false;
    if (str[n - 1] != '\n' && (ch = getc(p->fp)) != EOF && ch != '\n') {
        p->long_line = true;   /* skip the rest of the line */
        while (ch != EOF && ch != '\n') {
            nul |= ch == '\0';
            ch = getc(p->fp);
        }
    }
    if (nul && !p->nul_line)
        p->nul_line = p->line;
    return str;
}

bool config_load(config *c, const char *path, char *err, size_t errsz)
{
    config_defaults(c);
    if (errsz)
        err[0] = '\0';
    if (!path) {
        if (access(DEFAULT_CONFIG, F_OK) != 0)
            return true;
        path = DEFAULT_CONFIG;
    }
    parse_ctx p = {.c = c, .file = path};
    p.fp = fopen(path, "r");
    if (!p.fp) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        return false;
    }
    char old_home[sizeof c->home];
    memcpy(old_home, c->home, sizeof old_home);
    int r = ini_parse_stream(reader, &p, handler, &p);
    fclose(p.fp);
    int first = p.err_line ? p.err_line : r;
    if (p.nul_line && (first <= 0 || p.nul_line <= first)) {
        snprintf(err, errsz, "%s:%d: %s", path, p.nul_line, _("NUL byte"));
        return false;
    }
    if (p.err_line && (r <= 0 || p.err_line <= r)) {
        snprintf(err, errsz, "%s:%d: %s", path, p.err_line, p.reason);
        return false;
    }
    if (r != 0) {
        if (r > 0)
            snprintf(err, errsz, "%s:%d: %s", path, r,
                     p.long_line ? _("line too long (at most 200 bytes)")
                                 : _("expected [section] or name = value"));
        else
            snprintf(err, errsz, _("%s: cannot read the file"), path);
        return false;
    }
    if (c->s10_first > c->s10_last) {
        snprintf(err, errsz, _("%s: s10_first must not be above s10_last"), path);
        return false;
    }
    if (c->idle_warning >= c->idle_timeout) {
        snprintf(err, errsz, _("%s: idle_warning must be shorter than idle_timeout"), path);
        return false;
    }
    if (strcmp(old_home, c->home) != 0)
        home_paths(c, p.set);
    const char *dd = getenv("POSTKIOSK_DATADIR");
    if (dd && *dd)
        str_copy(c->data_dir, sizeof c->data_dir, dd);
    return true;
}

/* ---- home directory ---------------------------------------------------- */

static bool mkdirs(const char *path, mode_t mode, char *err, size_t errsz)
{
    char buf[PATH_MAX];
    if (!str_copy(buf, sizeof buf, path)) {
        snprintf(err, errsz, _("%s: path too long"), path);
        return false;
    }
    for (char *s = buf + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char saved = *s;
        *s = '\0';
        if (mkdir(buf, mode) != 0 && errno != EEXIST) {
            snprintf(err, errsz, "%s: %s", buf, strerror(errno));
            return false;
        }
        *s = saved;
        if (!saved)
            break;
    }
    if (!dir_exists(path)) {
        snprintf(err, errsz, _("%s: not a directory"), path);
        return false;
    }
    return true;
}

static bool parent_dir(const char *file, char *out, size_t outsz)
{
    if (!str_copy(out, outsz, file))
        return false;
    char *slash = strrchr(out, '/');
    if (!slash || slash == out)
        return false;
    *slash = '\0';
    return true;
}

bool config_fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* Writes 32 random bytes to a new temporary file next to `file` (mkstemp:
 * O_EXCL), 0400, fsynced. The caller publishes it. */
static bool write_secret_tmp(const char *file, char *tmp, size_t tmpsz, char *err, size_t errsz)
{
    if (snprintf(tmp, tmpsz, "%s.tmpXXXXXX", file) >= (int)tmpsz) {
        snprintf(err, errsz, _("%s: path too long"), file);
        return false;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errsz, "%s: %s", tmp, strerror(errno));
        return false;
    }
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    bool ok = fchmod(fd, 0400) == 0 && write(fd, key, sizeof key) == (ssize_t)sizeof key &&
              fsync(fd) == 0;
    int saved = errno;
    sodium_memzero(key, sizeof key);
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp);
        snprintf(err, errsz, "%s: %s", file, strerror(saved));
    }
    return ok;
}

bool config_make_secret(const char *file, char *err, size_t errsz)
{
    struct stat sb;
    if (lstat(file, &sb) == 0) {
        /* published only whole, so a short file is damage (or an older
         * version's crash): an error to report, never a key */
        if (S_ISREG(sb.st_mode) && sb.st_size < 32) {
            snprintf(err, errsz,
                     ngettext("%s holds %lld byte, not a key: restore it from the backup",
                              "%s holds %lld bytes, not a key: restore it from the backup",
                              (unsigned long)sb.st_size),
                     file, (long long)sb.st_size);
            return false;
        }
        return true;
    }
    char dir[PATH_MAX], tmp[PATH_MAX];
    if (parent_dir(file, dir, sizeof dir) && !mkdirs(dir, 0700, err, errsz))
        return false;
    if (!write_secret_tmp(file, tmp, sizeof tmp, err, errsz))
        return false;
    /* link(2) publishes the complete file and fails when the name exists:
     * of two first starts, one publishes, the other keeps the winner's
     * file (never a half-written one; rename would replace it). */
    bool ok = link(tmp, file) == 0 || errno == EEXIST;
    int saved = errno;
    unlink(tmp);
    if (!ok) {
        snprintf(err, errsz, "%s: %s", file, strerror(saved));
        return false;
    }
    if (parent_dir(file, dir, sizeof dir) && !config_fsync_dir(dir)) {
        snprintf(err, errsz, "%s: %s", dir, strerror(errno));
        return false;
    }
    return true;
}

bool config_make_home(const config *c, char *err, size_t errsz)
{
    if (sodium_init() < 0) {
        snprintf(err, errsz, _("libsodium could not start"));
        return false;
    }
    return mkdirs(c->home, 0700, err, errsz);
}

bool config_prepare_home(const config *c, char *err, size_t errsz)
{
    return config_make_home(c, err, errsz) && config_make_secret(c->key_file, err, errsz) &&
           config_make_secret(c->pepper_file, err, errsz) &&
           config_make_secret(c->audit_key_file, err, errsz);
}

bool config_read_secret(const char *path, char *out, size_t outsz, char *why, size_t whysz)
{
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        snprintf(why, whysz, _("%s: cannot read the file"), path);
        if (f)
            fclose(f);
        return false;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        fclose(f);
        snprintf(why, whysz, _("%s: others may read it (make it 0400 or 0600)"), path);
        return false;
    }
    bool ok = fgets(out, (int)outsz, f) != NULL;
    fclose(f);
    size_t n = ok ? strlen(out) : 0;
    if (n > 0 && out[n - 1] == '\n')
        out[--n] = '\0';
    else if (n + 1 >= outsz)
        ok = false;   /* cut: too long */
    if (n > 0 && out[n - 1] == '\r')
        out[--n] = '\0';
    if (!ok || n == 0) {
        mem_wipe(out, outsz);
        snprintf(why, whysz, _("%s: empty or too long"), path);
        return false;
    }
    return true;
}
