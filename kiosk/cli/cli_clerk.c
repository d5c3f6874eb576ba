/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk clerk [add|passwd|disable|list]`: clerk accounts from the
 * shell. The first supervisor is created without signing in, only while no
 * supervisor exists ("created at install time"); afterwards add, passwd
 * and disable need a supervisor's ID and PIN (--as ID). A clerk may change
 * their own PIN with their old one. PINs are asked twice on the terminal
 * with echo off, or read one per line from standard input when it is not
 * a terminal. With no subcommand it starts the clerk workstation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "cli.h"
#include "cli_clerk.h"
#include "i18n.h"
#include "store_clerk.h"
#include "util.h"

/* One line from stdin, or from the terminal with echo off. false at EOF. */
bool cli_read_secret(const char *prompt, char *out, size_t outsz)
{
    out[0] = '\0';
    bool tty = isatty(STDIN_FILENO);
    FILE *in = stdin;
    struct termios old, quiet;
    if (tty) {
        /* echo off first, dropping what was typed before the question,
         * then the question: a PIN typed as soon as it shows is kept (the
         * other order lost it when the flush came after the keys) */
        if (tcgetattr(STDIN_FILENO, &old) == 0) {
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        fprintf(stderr, "%s", prompt);
        fflush(stderr);
    }
    bool ok = fgets(out, (int)outsz, in) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    size_t n = strlen(out);
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
        out[--n] = '\0';
    return ok;
}

pk_err cli_auth_load(cli_ctx *ctx, auth_ctx *a)
{
    memset(a, 0, sizeof *a);
    a->cost = AUTH_COST_INTERACTIVE;
    char msg[512];
    pk_err e = auth_load_pepper(a, ctx->cfg.pepper_file, msg, sizeof msg);
    if (e != PK_OK)
        fprintf(stderr, "postkiosk: %s\n", msg);
    return e;
}

static int usage(void)
{
    fprintf(stderr, "%s",
            _("usage: postkiosk clerk                       start the clerk workstation\n"
            "       postkiosk clerk add ID --role clerk|supervisor [--name NAME] [--as SUPERVISOR]\n"
            "       postkiosk clerk passwd ID [--as SUPERVISOR]\n"
            "       postkiosk clerk disable ID --as SUPERVISOR\n"
            "       postkiosk clerk enable ID --as SUPERVISOR   (also lifts a lock)\n"
            "       postkiosk clerk role ID --role clerk|supervisor --as SUPERVISOR\n"
            "       postkiosk clerk list\n"));
    return 2;
}

/* Signs in `who` with a PIN read from the user; prints why not. */
static bool sign_in(store *db, const auth_ctx *a, const char *who, const char *prompt,
                    clerk_session *sess)
{
    char pin[64];
    if (!cli_read_secret(prompt, pin, sizeof pin)) {
        fprintf(stderr, "postkiosk: %s\n", _("no PIN given"));
        return false;
    }
    int64_t left = 0;
    pk_err e = store_clerk_sign_in(db, a, who, pin, (int64_t)time(NULL), 0, sess, &left);
    mem_wipe(pin, sizeof pin);
    if (e == PK_OK)
        return true;
    if (left > 0)
        fprintf(stderr, _("postkiosk: %s is locked after repeated failures; try again in %lld s\n"),
                who, (long long)left);
    else if (e == PK_EPERM)
        fprintf(stderr, "postkiosk: %s\n", _("wrong clerk ID or PIN, or the account is disabled"));
    else
        fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(e)));
    return false;
}

bool cli_supervisor(store *db, const auth_ctx *a, const char *as, clerk_session *sess)
{
    if (!as) {
        fprintf(stderr, "postkiosk: %s\n", _("a supervisor must sign in: add --as SUPERVISOR_ID"));
        return false;
    }
    if (!sign_in(db, a, as, _("Supervisor PIN: "), sess))
        return false;
    if (sess->role != ROLE_SUPERVISOR) {
        fprintf(stderr, _("postkiosk: %s is not a supervisor\n"), as);
        auth_session_end(sess);
        return false;
    }
    return true;
}

static bool supervisor(store *db, const auth_ctx *a, const char *as, clerk_session *sess)
{
    return cli_supervisor(db, a, as, sess);
}

/* New PIN: twice on a terminal, once from a pipe; checked and hashed. */
static bool new_pin(const auth_ctx *a, const char *id, char hash[AUTH_HASH_MAX])
{
    char p1[64], p2[64];
    bool ok = cli_read_secret(_("New PIN (6-12 digits): "), p1, sizeof p1);
    if (ok && isatty(STDIN_FILENO)) {
        ok = cli_read_secret(_("Repeat the new PIN: "), p2, sizeof p2);
        if (ok && strcmp(p1, p2) != 0) {
            fprintf(stderr, "postkiosk: %s\n", _("the two PINs differ"));
            ok = false;
        }
    } else if (!ok) {
        fprintf(stderr, "postkiosk: %s\n", _("no PIN given"));
    }
    pin_check pc = ok ? auth_pin_check(p1) : PIN_OK;
    if (ok && pc != PIN_OK) {
        fprintf(stderr, "postkiosk: %s\n", _(auth_pin_msg(pc)));
        ok = false;
    }
    if (ok && auth_pin_hash_for(a, id, p1, hash) != PK_OK) {
        fprintf(stderr, "postkiosk: %s\n", _("the PIN could not be hashed (memory?)"));
        ok = false;
    }
    mem_wipe(p1, sizeof p1);
    mem_wipe(p2, sizeof p2);
    return ok;
}

static int report_err(pk_err e, const char *what)
{
    if (e == PK_OK)
        return 0;
    if (e == PK_EEXISTS)
        fprintf(stderr, _("postkiosk: %s: this clerk ID already exists\n"), what);
    else if (e == PK_ENOTFOUND)
        fprintf(stderr, _("postkiosk: %s: no such clerk\n"), what);
    else if (e == PK_EPERM)
        fprintf(stderr, _("postkiosk: %s: refused (the last supervisor stays active)\n"), what);
    else
        fprintf(stderr, "postkiosk: %s: %s\n", what, _(pk_err_msg(e)));
    return 1;
}

/* Any supervisor account, active or disabled: the install-time path (no
 * sign-in) is open only on a database that never had one. */
static bool any_supervisor(store *db)
{
    clerk_account *all = xcalloc(1000, sizeof *all);
    int n = 0;
    bool found = store_clerk_list(db, all, 1000, &n) != PK_OK;   /* unsure: ask */
    for (int i = 0; i < n && !found; i++)
        found = all[i].role == ROLE_SUPERVISOR;
    mem_wipe(all, 1000 * sizeof *all);
    free(all);
    return found;
}

static int cmd_add(cli_ctx *ctx, store *db, const auth_ctx *a, const char *id, const char *role,
                   const char *name, const char *as)
{
    int r = role ? auth_role_parse(role) : -1;
    if (!auth_id_valid(id) || r < 0) {
        fprintf(stderr, "postkiosk: %s\n",
                _("clerk add needs an ID (2-31 of A-Z a-z 0-9 . _ -) and --role clerk|supervisor"));
        return 2;
    }
    (void)ctx;
    clerk_account c;
    memset(&c, 0, sizeof c);
    str_copy(c.id, sizeof c.id, id);
    if (name && !str_copy(c.name, sizeof c.name, name)) {
        fprintf(stderr, "postkiosk: %s\n", _("the name is too long"));
        return 2;
    }
    c.role = (clerk_role)r;
    clerk_session sess = {0};
    const char *actor = "install";
    if (any_supervisor(db)) {
        if (!supervisor(db, a, as, &sess))
            return 1;
        actor = sess.id;
    } else if (c.role != ROLE_SUPERVISOR) {
        fprintf(stderr, "postkiosk: %s\n",
                _("create the first supervisor first (postkiosk clerk add ID --role supervisor)"));
        return 1;
    }
    if (!new_pin(a, c.id, c.pin_hash))
        return 1;
    pk_err e = store_clerk_add(db, &c, actor, (int64_t)time(NULL));
    mem_wipe(&c, sizeof c);
    if (e == PK_OK)
        printf(_("clerk %s added (%s)\n"), id, role);
    return report_err(e, id);
}

static int cmd_passwd(store *db, const auth_ctx *a, const char *id, const char *as)
{
    clerk_session sess = {0};
    clerk_account c;
    if (store_clerk_get(db, id, &c) != PK_OK)
        return report_err(PK_ENOTFOUND, id);
    mem_wipe(&c, sizeof c);
    if (as && strcmp(as, id) != 0) {
        if (!supervisor(db, a, as, &sess))
            return 1;
    } else if (!sign_in(db, a, id, _("Current PIN: "), &sess)) {
        return 1;
    }
    char hash[AUTH_HASH_MAX];
    if (!new_pin(a, id, hash))
        return 1;
    pk_err e = store_clerk_set_pin(db, id, hash, sess.id, (int64_t)time(NULL));
    if (e == PK_OK)
        printf(_("PIN of %s changed\n"), id);
    return report_err(e, id);
}

static int cmd_disable(store *db, const auth_ctx *a, const char *id, const char *as)
{
    clerk_session sess = {0};
    if (!supervisor(db, a, as, &sess))
        return 1;
    pk_err e = store_clerk_disable(db, id, sess.id, (int64_t)time(NULL));
    if (e == PK_OK)
        printf(_("clerk %s disabled\n"), id);
    return report_err(e, id);
}

/* enable, or a new role (role not NULL): a supervisor signs in; the store
 * audits who did it and what changed. */
static int cmd_admin(store *db, const auth_ctx *a, const char *id, const char *role,
                     const char *as)
{
    int r = role ? auth_role_parse(role) : 0;
    if (r < 0)
        return usage();
    clerk_session sess = {0};
    if (!supervisor(db, a, as, &sess))
        return 1;
    int64_t now = (int64_t)time(NULL);
    pk_err e = role ? store_clerk_set_role(db, id, (clerk_role)r, sess.id, now)
                    : store_clerk_enable(db, id, sess.id, now);
    if (e == PK_OK && role)
        printf(_("clerk %s is now %s\n"), id, auth_role_code((clerk_role)r));
    else if (e == PK_OK)
        printf(_("clerk %s enabled\n"), id);
    return report_err(e, id);
}

static int cmd_list(store *db)
{
    clerk_account *all = xcalloc(1000, sizeof *all);
    int n = 0;
    pk_err e = store_clerk_list(db, all, 1000, &n);
    for (int i = 0; i < n && e == PK_OK; i++)
        printf("%s\t%s\t%s\t%s\n", all[i].id, auth_role_code(all[i].role),
               all[i].disabled ? "disabled" : "active", all[i].name);
    mem_wipe(all, 1000 * sizeof *all);
    free(all);
    return report_err(e, "list");
}

int cli_clerk(cli_ctx *ctx, int argc, char **argv)
{
    /* argv[0] is the first word after "clerk" */
    if (argc < 1)
        return cli_clerk_ui(ctx);
    const char *sub = argv[0], *id = NULL, *role = NULL, *name = NULL, *as = NULL;
    for (int i = 1; i < argc; i++) {
        const char **opt = NULL;
        if (strcmp(argv[i], "--role") == 0)
            opt = &role;
        else if (strcmp(argv[i], "--name") == 0)
            opt = &name;
        else if (strcmp(argv[i], "--as") == 0)
            opt = &as;
        if (opt) {
            if (i + 1 >= argc)
                return usage();
            *opt = argv[++i];
        } else if (!id && argv[i][0] != '-') {
            id = argv[i];
        } else {
            return usage();
        }
    }
    bool known = strcmp(sub, "add") == 0 || strcmp(sub, "passwd") == 0 ||
                 strcmp(sub, "disable") == 0 || strcmp(sub, "list") == 0 ||
                 strcmp(sub, "enable") == 0 || strcmp(sub, "role") == 0;
    if (!known || (strcmp(sub, "list") != 0 && !id) || (strcmp(sub, "role") == 0 && !role))
        return usage();
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    if (strcmp(sub, "list") == 0)
        return cmd_list(db);
    auth_ctx a;
    if (cli_auth_load(ctx, &a) != PK_OK)
        return 1;
    int rc;
    if (strcmp(sub, "add") == 0)
        rc = cmd_add(ctx, db, &a, id, role, name, as);
    else if (strcmp(sub, "passwd") == 0)
        rc = cmd_passwd(db, &a, id, as);
    else if (strcmp(sub, "enable") == 0 || strcmp(sub, "role") == 0)
        rc = cmd_admin(db, &a, id, strcmp(sub, "role") == 0 ? role : NULL, as);
    else
        rc = cmd_disable(db, &a, id, as);
    auth_wipe(&a);
    return rc;
}
