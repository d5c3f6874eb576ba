/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk staff-pin set [--as SUPERVISOR]`: the PIN that leaves citizen
 * mode (F10). Stored like a clerk PIN, Argon2id of HMAC(pepper, PIN), in
 * the database, never in the configuration (issue 11 item 9). Asked twice
 * on a terminal with echo off, or read from one line of standard input.
 * Once a supervisor account exists, a supervisor must sign in (--as). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "cli.h"
#include "cli_clerk.h"
#include "i18n.h"
#include "store_clerk.h"
#include "store_lookup.h"
#include "util.h"

static int usage(void)
{
    fprintf(stderr, "%s\n", _("usage: postkiosk staff-pin set [--as SUPERVISOR]"));
    return 2;
}

/* A supervisor signs in when one exists; the actor of the audit row. */
static bool authorised(store *db, const auth_ctx *a, const char *as, char *actor, size_t actorsz)
{
    cli_actor(actor, actorsz);
    if (store_clerk_count(db, ROLE_SUPERVISOR) <= 0)
        return true;               /* install time: nobody to ask yet */
    if (!as) {
        fprintf(stderr, "postkiosk: %s\n", _("a supervisor must sign in: add --as SUPERVISOR_ID"));
        return false;
    }
    char pin[64];
    if (!cli_read_secret(_("Supervisor PIN: "), pin, sizeof pin)) {
        fprintf(stderr, "postkiosk: %s\n", _("no PIN given"));
        return false;
    }
    clerk_session sess;
    int64_t left = 0;
    pk_err e = store_clerk_sign_in(db, a, as, pin, (int64_t)time(NULL), 0, &sess, &left);
    mem_wipe(pin, sizeof pin);
    if (e != PK_OK || sess.role != ROLE_SUPERVISOR) {
        fprintf(stderr, "postkiosk: %s\n",
                _("wrong supervisor ID or PIN, the account is locked, or it is not a supervisor"));
        return false;
    }
    str_copy(actor, actorsz, sess.id);
    auth_session_end(&sess);
    return true;
}

/* The new PIN, twice on a terminal; checked against the clerk PIN policy. */
static bool read_new_pin(char *p1, size_t n)
{
    char p2[64] = "";
    bool ok = cli_read_secret(_("New staff PIN (6-12 digits): "), p1, n);
    if (!ok) {
        fprintf(stderr, "postkiosk: %s\n", _("no PIN given"));
    } else if (isatty(STDIN_FILENO)) {
        ok = cli_read_secret(_("Repeat the new staff PIN: "), p2, sizeof p2);
        if (!ok || strcmp(p1, p2) != 0) {
            fprintf(stderr, "postkiosk: %s\n", _("the two PINs differ"));
            ok = false;
        }
    }
    pin_check pc = ok ? auth_pin_check(p1) : PIN_OK;
    if (ok && pc != PIN_OK) {
        fprintf(stderr, "postkiosk: %s\n", _(auth_pin_msg(pc)));
        ok = false;
    }
    mem_wipe(p2, sizeof p2);
    return ok;
}

int cli_staff_pin(cli_ctx *ctx, int argc, char **argv)
{
    const char *as = NULL;
    if (argc < 1 || strcmp(argv[0], "set") != 0)
        return usage();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--as") == 0 && i + 1 < argc)
            as = argv[++i];
        else
            return usage();
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    auth_ctx a;
    if (cli_auth_load(ctx, &a) != PK_OK)
        return 1;
    char actor[64], pin[64], hash[AUTH_HASH_MAX];
    int rc = 1;
    if (authorised(db, &a, as, actor, sizeof actor) && read_new_pin(pin, sizeof pin)) {
        pk_err e = auth_pin_hash(&a, pin, hash);
        if (e == PK_OK)
            e = store_staff_pin_set(db, hash, actor, (int64_t)time(NULL));
        if (e == PK_OK) {
            printf("%s\n", _("The staff PIN is set. F10 and this PIN leave citizen mode."));
            rc = 0;
        } else {
            fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(e)));
        }
    }
    mem_wipe(pin, sizeof pin);
    auth_wipe(&a);
    return rc;
}
