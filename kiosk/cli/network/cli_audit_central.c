/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk audit verify --central` (issue 12 item 5): every audit head the
 * province keeps for this kiosk (each sync records the local head) must
 * still be in the local chain, with the same hash. A chain cut back and
 * written again — even with the audit key, even intact by itself — no
 * longer contains a head the province already has. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_network.h"
#include "i18n.h"
#include "store_audit.h"
#include "sync_config.h"
#include "sync_conn.h"
#include "sync_restore.h"

int cli_audit_central(cli_ctx *ctx, store *db)
{
    sync_config sc;
    char why[800], kiosk[16];
    if (!sync_config_load(&sc, ctx->config_path, why, sizeof why)) {
        cli_fail("postkiosk: configuration: %s\n", why);
        return 2;
    }
    pgc *c = NULL;
    if (sync_open(&sc, &c, kiosk, sizeof kiosk, why, sizeof why) != PK_OK) {
        cli_fail("postkiosk: audit verify --central: %s\n", why);
        return 1;
    }
    sync_head *heads = NULL;
    sync_restore_row *restores = NULL;
    int n = 0, nr = 0;
    bool ok = sync_central_heads(c, &heads, &n, why, sizeof why) &&
              sync_central_restores(c, &restores, &nr, why, sizeof why);
    pgc_close(c);
    if (!ok) {
        free(heads);
        cli_fail("postkiosk: audit verify --central: %s\n", why);
        return 1;
    }
    /* a restore from a backup is a known break: said, not failed */
    for (int i = 0; i < nr; i++) {
        const sync_restore_row *r = &restores[i];
        if (r->lost > 0)
            printf(ngettext("audit: kiosk %s was restored from a backup (recorded %s): %d head "
                            "the province had (seq %" PRId64 " to %" PRId64 ") was lost with it\n",
                            "audit: kiosk %s was restored from a backup (recorded %s): %d heads "
                            "the province had (seq %" PRId64 " to %" PRId64 ") were lost with it\n",
                            (unsigned long)r->lost),
                   kiosk, r->recorded_at, r->lost, r->lost_from, r->lost_to);
        else
            printf(_("audit: kiosk %s was restored from a backup (recorded %s): no head the "
                     "province had was lost with it\n"),
                   kiosk, r->recorded_at);
    }
    free(restores);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        char hex[AUDIT_HEX_MAX];
        pk_err e = store_audit_hash_at(db, heads[i].seq, hex);
        if (e != PK_OK) {
            cli_fail("postkiosk: audit verify --central: %s\n", _(pk_err_msg(e)));
            rc = 1;
            break;
        }
        if (strcmp(hex, heads[i].head) != 0) {
            printf(_("audit: FAILED: the province has the head of seq %" PRId64 " (seen %s), "
                     "which the local chain no longer contains: its history was rewritten\n"),
                   heads[i].seq, heads[i].seen_at);
            rc = 3;
        }
    }
    if (rc == 0)
        printf(_("audit: kiosk %s: the %d heads the province has are all in the local chain\n"),
               kiosk, n);
    free(heads);
    return rc;
}
