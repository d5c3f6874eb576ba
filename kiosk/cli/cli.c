/* CLI helpers shared by the subcommands: opening (and seeding) the store. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "catalog.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

bool cli_set_path(char *dst, size_t dstsz, const char *val, const char *opt)
{
    if (!*val || text_has_control(val) || !text_nfc_buf(val, dst, dstsz)) {
        fprintf(stderr, _("postkiosk: %s: the value is empty, too long or not valid text\n"), opt);
        return false;
    }
    return true;
}

pk_err cli_seed(store *db, const char *data_dir, char *msg, size_t msgsz)
{
    return catalog_import_dir(db, data_dir, msg, msgsz);
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

/* The audit chain's key, read like the PIN pepper (32 bytes, owner-only). */
bool cli_audit_key(const config *cfg)
{
    auth_ctx key;
    memset(&key, 0, sizeof key);
    char msg[600];
    pk_err e = auth_load_pepper(&key, cfg->audit_key_file, msg, sizeof msg);
    if (e != PK_OK) {
        fprintf(stderr, _("postkiosk: the audit key %s cannot be used: %s\n"), cfg->audit_key_file,
                _(pk_err_msg(e)));
        return false;
    }
    store_use_audit_key(key.pepper);
    auth_wipe(&key);
    return true;
}

store *cli_store(cli_ctx *ctx)
{
    if (ctx->db)
        return ctx->db;
    char msg[600];
    if (!config_prepare_home(&ctx->cfg, msg, sizeof msg)) {
        fprintf(stderr, _("postkiosk: cannot prepare the data directory: %s\n"), msg);
        return NULL;
    }
    if (!cli_audit_key(&ctx->cfg))
        return NULL;
    store *db = NULL;
    pk_err e = store_open(ctx->cfg.db_path, &db, msg, sizeof msg);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: %s (%s)\n", msg, _(pk_err_msg(e)));
        return NULL;
    }
    if (store_is_empty(db)) {
        e = cli_seed(db, ctx->cfg.data_dir, msg, sizeof msg);
        if (e != PK_OK) {
            fprintf(stderr, _("postkiosk: cannot load the catalog from %s: %s\n"),
                    ctx->cfg.data_dir, msg);
            store_close(db);
            return NULL;
        }
    }
    e = sync_identity(db, &ctx->cfg);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: %s: %s\n", _(pk_err_msg(e)), store_last_error(db));
        store_close(db);
        return NULL;
    }
    ctx->db = db;
    return db;
}

void cli_close(cli_ctx *ctx)
{
    store_close(ctx->db);
    ctx->db = NULL;
}
