/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data directory and the live database (issue 11 item 3). Only a first
 * start — no database and no keys yet — creates a database; a database
 * that is missing or empty afterwards is refused with the way out
 * (restore the backup), because a new empty one would restart references
 * and S10 numbers at 1 and old receipts would open other people's
 * dossiers. A first start publishes the seeded database whole (built
 * under a temporary name, then link(2)), then creates the keys. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "cli.h"
#include "cli_start.h"
#include "i18n.h"
#include "store_clerk.h"
#include "util.h"

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* Kiosk identity from the configuration, kept in the database so that the
 * clerk side and reports see the same kiosk. Written only when it changed. */
static pk_err sync_identity(store *db, const config *c)
{
    char first[16], last[16];
    snprintf(first, sizeof first, "%d", c->s10_first);
    snprintf(last, sizeof last, "%d", c->s10_last);
    const struct { const char *key, *val; } kv[] = {
        {"kiosk_code", c->kiosk_code},
        {"post_office", c->post_office},
        {"s10_prefix", c->s10_prefix},
        {"s10_first", first},
        {"s10_last", last},
    };
    for (size_t i = 0; i < PK_ARRAY_LEN(kv); i++) {
        char cur[256];
        pk_err e = store_setting_get(db, kv[i].key, cur, sizeof cur);
        if (e == PK_OK && strcmp(cur, kv[i].val) == 0)
            continue;
        if (e != PK_OK && e != PK_ENOTFOUND)
            return e;
        e = store_setting_set(db, kv[i].key, kv[i].val);
        if (e != PK_OK)
            return e;
    }
    return PK_OK;
}

static void remove_db_files(const char *path)
{
    static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < PK_ARRAY_LEN(tails); i++) {
        char f[1100];
        snprintf(f, sizeof f, "%s%s", path, tails[i]);
        unlink(f);
    }
}

/* Temporary databases of first starts that crashed ("<db>.new-PID" whose
 * process is gone): removed before a new first start. */
static void sweep_first_tmp(const char *db_path)
{
    char dir[600], name[300];
    const char *slash = strrchr(db_path, '/');
    if (!ready_dir_of(db_path, dir, sizeof dir) ||
        snprintf(name, sizeof name, "%s.new-", slash ? slash + 1 : db_path) >= (int)sizeof name)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    size_t n = strlen(name);
    while ((de = readdir(d)) != NULL) {
        char *end;
        if (strncmp(de->d_name, name, n) != 0)
            continue;
        long pid = strtol(de->d_name + n, &end, 10);
        if (end == de->d_name + n || *end || pid <= 0 || pid == (long)getpid() ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char path[1000];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        remove_db_files(path);
    }
    closedir(d);
}

/* First start: the database is created and seeded under a temporary name,
 * closed (its WAL folded in), then published with link(2), which fails
 * when the name exists: of two first starts one publishes, the other
 * opens the winner's. A crash leaves only the temporary file. */
static bool create_first(cli_ctx *ctx)
{
    char tmp[700], msg[800], dir[600];
    sweep_first_tmp(ctx->cfg.db_path);
    snprintf(tmp, sizeof tmp, "%s.new-%ld", ctx->cfg.db_path, (long)getpid());
    remove_db_files(tmp);
    store *db = NULL;
    pk_err e = store_open(tmp, &db, msg, sizeof msg);
    if (e != PK_OK) {
        cli_fail("postkiosk: %s (%s)\n", msg, _(pk_err_msg(e)));
        return false;
    }
    e = cli_seed(db, ctx->cfg.data_dir, msg, sizeof msg);
    store_close(db);
    char wal[720];
    snprintf(wal, sizeof wal, "%s-wal", tmp);
    if (e == PK_OK && exists(wal)) {
        e = PK_EIO;
        snprintf(msg, sizeof msg, "%s was not folded into the database", wal);
    }
    if (e != PK_OK) {
        cli_fail(_("postkiosk: cannot load the catalog from %s: %s\n"),
                ctx->cfg.data_dir, msg);
        remove_db_files(tmp);
        return false;
    }
    bool ok = link(tmp, ctx->cfg.db_path) == 0 || errno == EEXIST;
    int saved = errno;
    remove_db_files(tmp);
    if (!ok) {
        cli_fail("postkiosk: %s: %s\n", ctx->cfg.db_path, strerror(saved));
        return false;
    }
    if (ready_dir_of(ctx->cfg.db_path, dir, sizeof dir))
        config_fsync_dir(dir);
    return true;
}

/* Why a missing database is not created: printed with the way out. */
static void refuse_missing(const config *c, const char *key)
{
    cli_fail(
            _("postkiosk: the database %s does not exist, but this kiosk was set up before "
              "(%s exists). A new empty database would start the references and S10 numbers "
              "again at 1. Restore the database from the latest backup, then start again.\n"),
            c->db_path, key);
}

/* Opening a read-only database would leave a read-only -shm behind that
 * keeps blocking writes after the file is fixed: refused before opening,
 * with the file or folder named. */
static bool writable(const char *db_path)
{
    char dir[600];
    const char *bad = access(db_path, W_OK) != 0 ? db_path
                      : ready_dir_of(db_path, dir, sizeof dir) && access(dir, W_OK) != 0 ? dir
                                                                                    : NULL;
    if (!bad)
        return true;
    cli_fail(
            _("postkiosk: %s cannot be written (%s): a dossier could not be stored. Give it "
              "the kiosk's owner and mode (see the README, Data directory).\n"),
            bad, strerror(errno));
    return false;
}

/* The database file as it is before opening: present (true), or refused
 * with a message (false); *first is set for a first start. */
static bool classify(const config *c, bool *first)
{
    *first = false;
    struct stat sb;
    if (stat(c->db_path, &sb) == 0) {
        if (sb.st_size == 0) {
            cli_fail(
                    _("postkiosk: the database %s is empty (0 bytes). postkiosk does not start "
                      "a new database over it: restore it from the latest backup.\n"),
                    c->db_path);
            return false;
        }
        return writable(c->db_path);
    }
    if (errno != ENOENT) {
        cli_fail(_("postkiosk: cannot use the database %s: %s\n"), c->db_path,
                strerror(errno));
        return false;
    }
    if (exists(c->key_file) || exists(c->pepper_file)) {
        refuse_missing(c, exists(c->key_file) ? c->key_file : c->pepper_file);
        return false;
    }
    char dir[600];
    struct stat ds;
    if (ready_dir_of(c->db_path, dir, sizeof dir) && strcmp(dir, c->home) != 0 &&
        (stat(dir, &ds) != 0 || !S_ISDIR(ds.st_mode))) {
        cli_fail(
                _("postkiosk: the folder %s of the database does not exist. Check the path "
                  "(--db or [paths] db); postkiosk does not create it.\n"),
                dir);
        return false;
    }
    *first = true;
    return true;
}

/* A missing key or pepper is created only while nothing depends on it:
 * no dossier (receipts are signed with the key) and no clerk account
 * (PINs are hashed with the pepper). */
static bool keys_ready(store *db, const config *c)
{
    const char *const files[] = {c->key_file, c->pepper_file};
    for (size_t i = 0; i < PK_ARRAY_LEN(files); i++) {
        if (exists(files[i]))
            continue;
        if (store_dossier_count(db, -1) != 0 || store_clerk_count(db, -1) != 0) {
            cli_fail(
                    _("postkiosk: %s is missing, but the database already holds dossiers or "
                      "clerk accounts that depend on it. Put the kept copy back (keys are not "
                      "in the database backups); postkiosk does not make a new one.\n"),
                    files[i]);
            return false;
        }
    }
    /* an existing but damaged file is for `check` and the kiosk's start-up
     * to report (ready_keys): commands that do not sign or hash go on */
    char msg[600];
    for (size_t i = 0; i < PK_ARRAY_LEN(files); i++)
        if (!exists(files[i]) && !config_make_secret(files[i], msg, sizeof msg)) {
            cli_fail(_("postkiosk: cannot prepare the data directory: %s\n"), msg);
            return false;
        }
    return true;
}

bool cli_audit_key(const config *cfg)
{
    /* read like the PIN pepper: 32 bytes (or 64 hex digits), owner-only */
    auth_ctx key;
    memset(&key, 0, sizeof key);
    pk_err e = auth_load_pepper(&key, cfg->audit_key_file, NULL, 0);
    if (e != PK_OK) {
        cli_fail(_("postkiosk: the audit key %s cannot be used: %s\n"), cfg->audit_key_file,
                _(pk_err_msg(e)));
        return false;
    }
    store_use_audit_key(key.pepper);
    auth_wipe(&key);
    return true;
}

/* The audit key is made with a first start, or for a database whose chain
 * is not keyed yet (an older version: the upgrade keys it). Once the chain
 * is keyed, every row depends on it: a missing key is refused. */
static bool audit_key_ready(const config *c, bool first)
{
    if (!exists(c->audit_key_file)) {
        bool keyed = false;
        if (!first && store_file_keyed(c->db_path, &keyed) != PK_OK) {
            cli_fail(_("postkiosk: cannot use the database %s: %s\n"), c->db_path,
                    _(pk_err_msg(PK_EIO)));
            return false;
        }
        if (keyed) {
            cli_fail(
                    _("postkiosk: %s is missing, but the database already holds dossiers or "
                      "clerk accounts that depend on it. Put the kept copy back (keys are not "
                      "in the database backups); postkiosk does not make a new one.\n"),
                    c->audit_key_file);
            return false;
        }
        char msg[600];
        if (!config_make_secret(c->audit_key_file, msg, sizeof msg)) {
            cli_fail(_("postkiosk: cannot prepare the data directory: %s\n"), msg);
            return false;
        }
    }
    return cli_audit_key(c);
}

store *cli_store(cli_ctx *ctx)
{
    if (ctx->db)
        return ctx->db;
    char msg[600];
    bool first;
    if (!classify(&ctx->cfg, &first))
        return NULL;     /* refused: nothing is created */
    if (!config_make_home(&ctx->cfg, msg, sizeof msg)) {
        cli_fail(_("postkiosk: cannot prepare the data directory: %s\n"), msg);
        return NULL;
    }
    if (!audit_key_ready(&ctx->cfg, first))
        return NULL;    /* before any store opens: the chain is keyed from its first row */
    if (first && !create_first(ctx))
        return NULL;
    store *db = NULL;
    pk_err e = store_open_existing(ctx->cfg.db_path, &db, msg, sizeof msg);
    if (e != PK_OK) {
        cli_fail("postkiosk: %s (%s)\n", msg, _(pk_err_msg(e)));
        return NULL;
    }
    if (!keys_ready(db, &ctx->cfg)) {
        store_close(db);
        return NULL;
    }
    if (store_is_empty(db)) {   /* an interrupted seed of an older version */
        e = cli_seed(db, ctx->cfg.data_dir, msg, sizeof msg);
        if (e != PK_OK) {
            cli_fail(_("postkiosk: cannot load the catalog from %s: %s\n"),
                    ctx->cfg.data_dir, msg);
            store_close(db);
            return NULL;
        }
    }
    e = sync_identity(db, &ctx->cfg);
    if (e != PK_OK) {
        cli_fail("postkiosk: %s: %s\n", _(pk_err_msg(e)), store_last_error(db));
        store_close(db);
        return NULL;
    }
    ctx->db = db;
    return db;
}

bool cli_home(cli_ctx *ctx)
{
    char msg[600];
    if (!config_make_home(&ctx->cfg, msg, sizeof msg)) {
        cli_fail(_("postkiosk: cannot prepare the data directory: %s\n"), msg);
        return false;
    }
    if (exists(ctx->cfg.db_path) || exists(ctx->cfg.key_file) || exists(ctx->cfg.pepper_file))
        return true;
    return cli_store(ctx) != NULL;   /* first start: database, then keys */
}
