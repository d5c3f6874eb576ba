/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk audit verify [--expect-head CODE]`: walks the keyed audit
 * chain from seq 1, every dossier event and every dossier and clerk row
 * against its last seal. Exit 0 when intact (prints the head to anchor off
 * the box), 3 with the first bad seq when not, 1 on errors.
 * `postkiosk audit anchor [--print]`: the head as a short code a supervisor
 * writes down (--print: also on a slip from the configured printer); `--expect-head CODE` later checks that this row is still in the
 * chain, unchanged (rows appended after it are fine). */
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "anchor_slip.h"
#include "cli_clerk.h"
#include "cli_network.h"
#include "i18n.h"
#include "store_clerk.h"
#include "util.h"

void cli_actor(char *out, size_t outsz)
{
    struct passwd *pw = getpwuid(getuid());
    snprintf(out, outsz, "cli:%.40s", pw && pw->pw_name ? pw->pw_name : "?");
}

static int usage(void)
{
    fprintf(stderr, "%s", _("usage: postkiosk audit verify [--expect-head CODE] [--central]\n"
                            "       postkiosk audit anchor [--print]\n"));
    return 2;
}

static int report_fault(pk_err e, const audit_check *r, const char *what)
{
    if (e != PK_ETAMPER) {
        fprintf(stderr, "postkiosk: audit %s: %s\n", what, _(pk_err_msg(e)));
        return 1;
    }
    printf(_("audit: FAILED at seq %lld"), (long long)r->bad_seq);
    if (r->bad_event)
        printf(_(" (event %lld)"), (long long)r->bad_event);
    if (r->bad_object[0])
        printf(" (%s)", r->bad_object);
    printf(": %s\n", _(audit_fault_msg(r->fault)));
    return 3;
}

static int print_anchor(cli_ctx *ctx, const audit_check *r)
{
    printer *p = NULL;
    char msg[256] = "";
    pk_err e = printer_open(ctx->cfg.printer, ctx->cfg.printer_profile, &p, msg, sizeof msg);
    if (e == PK_OK)
        e = anchor_slip_print(p, &ctx->cfg, r->head_code, r->head_seq, (int64_t)time(NULL), msg,
                              sizeof msg);
    printer_close(p);
    if (e == PK_OK)
        return 0;
    fprintf(stderr, _("postkiosk: the anchor slip was not printed: %s\n"), _(msg));
    return 1;
}

int cli_audit(cli_ctx *ctx, int argc, char **argv)
{
    const char *expect = NULL;
    bool print = false, central = false;
    if (argc < 1 || (strcmp(argv[0], "verify") != 0 && strcmp(argv[0], "anchor") != 0))
        return usage();
    bool anchor = strcmp(argv[0], "anchor") == 0;
    for (int i = 1; i < argc; i++) {
        if (!anchor && strcmp(argv[i], "--expect-head") == 0 && i + 1 < argc)
            expect = argv[++i];
        else if (!anchor && strcmp(argv[i], "--central") == 0)
            central = true;
        else if (anchor && strcmp(argv[i], "--print") == 0)
            print = true;
        else
            return usage();
    }
    audit_anchor a;
    if (expect && !audit_anchor_parse(expect, &a)) {
        fprintf(stderr, _("postkiosk: %s is not an audit anchor (as audit anchor prints it, "
                          "e.g. 21-FDDC-DA4C-146D-2A8E-7, or 64 hex digits); check the digits\n"), expect);
        return 1;
    }
    store *db = cli_store(ctx);
    if (!db)
        return 1;
    audit_check r;
    pk_err e = expect ? store_audit_verify_anchor(db, &a, &r) : store_audit_verify(db, &r);
    if (e != PK_OK)
        return report_fault(e, &r, argv[0]);
    if (anchor) {
        /* only an intact chain is worth anchoring */
        printf("%s\n", r.head_code);
        return print ? print_anchor(ctx, &r) : 0;
    }
    printf(_("audit: intact, %lld entries, %lld events, %lld rows sealed, head %lld %s anchor %s\n"),
           (long long)r.count, (long long)r.events, (long long)r.seals, (long long)r.head_seq,
           r.head_hex, r.head_code);
    return central ? cli_audit_central(ctx, db) : 0;
}
