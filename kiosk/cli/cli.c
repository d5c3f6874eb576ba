/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CLI helpers shared by the subcommands (the store: cli_home.c). */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "store_import.h"
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

void cli_close(cli_ctx *ctx)
{
    store_close(ctx->db);
    ctx->db = NULL;
}

void cli_fail(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fputs(line, stderr);
    size_t n = strlen(line);
    while (n && line[n - 1] == '\n')
        line[--n] = '\0';
    const char *msg = strncmp(line, "postkiosk: ", 11) == 0 ? line + 11 : line;
    log_err("%s", msg);
}
