/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk reprint` (issue 11, item 11): the argument is read by the same
 * parser as Track (any case, reference, S10 or QR payload); every reprint
 * and every refused argument (forged, unknown, malformed) is in the audit
 * log, with no personal data and never the typed text of a malformed one. */
#include <CUnit/CUnit.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pkt_helpers.h"
#include "receipt.h"
#include "store_clerk.h"
#include "unit.h"

static char *dir;
static store *db;
static config cfg;

static int setup(void)
{
    return pkt_receipt_home(&dir, &cfg, &db) ? 0 : 1;
}

static int teardown(void)
{
    pkt_receipt_home_close(dir, db);
    return 0;
}

static dossier *new_dossier(void)
{
    dossier *d = xcalloc(1, sizeof *d);
    str_copy(d->proc_code, sizeof d->proc_code, "1.001193");
    d->form = FORM_BOTH;
    str_copy(d->name, sizeof d->name, "Nguyễn Văn An");
    str_copy(d->id_number, sizeof d->id_number, "020195001234");
    str_copy(d->phone, sizeof d->phone, "0912345678");
    d->fee_post = 25000;
    d->fee_total = 25000;
    str_copy(d->lang, sizeof d->lang, "vi");
    d->consent_process = true;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, d, "RA", "kiosk", NULL), PK_OK);
    return d;
}

/* How many audit rows of action; with object when not NULL. */
static int audited(const char *action, const char *object, const char *detail_part)
{
    audit_row rows[256];
    int n = 0, k = 0;
    store_audit_list(db, 0, rows, 256, &n);
    for (int i = 0; i < n; i++)
        if (!strcmp(rows[i].action, action) && (!object || !strcmp(rows[i].object, object)) &&
            (!detail_part || strstr(rows[i].detail, detail_part)))
            k++;
    return k;
}

static bool audit_mentions(const char *needle)
{
    audit_row rows[256];
    int n = 0;
    store_audit_list(db, 0, rows, 256, &n);
    for (int i = 0; i < n; i++)
        if (strstr(rows[i].object, needle) || strstr(rows[i].detail, needle) ||
            strstr(rows[i].actor, needle))
            return true;
    return false;
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

TEST(reprint, test_reprint_audited_any_case, "reprint: any case, S10, every try audited")
{
    dossier *d = new_dossier();
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.cfg = cfg;
    ctx.db = db;
    char payload[128], arg[128];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&cfg, d->ref, d->created_at, payload, sizeof payload),
                          PK_OK);
    char *args[1] = {arg};
    /* the receipt's QR payload, typed in lower case: accepted as Track does */
    str_copy(arg, sizeof arg, payload);
    lower(arg);
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 0);
    /* the reference in lower case with a space, and the S10 number */
    snprintf(arg, sizeof arg, " %s", d->ref);
    lower(arg);
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 0);
    str_copy(arg, sizeof arg, d->s10);
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 0);
    CU_ASSERT_EQUAL(audited("reprint", d->ref, "printed"), 3);
    /* a forged payload: refused and logged */
    str_copy(arg, sizeof arg, payload);
    arg[strlen(arg) - 1] = arg[strlen(arg) - 1] == 'A' ? 'B' : 'A';
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 1);
    CU_ASSERT_EQUAL(audited("reprint_refused", "", "bad_mac"), 1);
    /* a well-formed reference of no dossier: refused, the reference logged */
    str_copy(arg, sizeof arg, "LS01-999999");
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 1);
    CU_ASSERT_EQUAL(audited("reprint_refused", "LS01-999999", "unknown"), 1);
    /* something else (here the citizen's phone number): refused, not kept */
    str_copy(arg, sizeof arg, "0912345678");
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 1);
    CU_ASSERT_EQUAL(audited("reprint_refused", "", "malformed"), 1);
    CU_ASSERT_EQUAL(audited("reprint", NULL, NULL), 3);
    CU_ASSERT_FALSE(audit_mentions("0912345678"));
    CU_ASSERT_FALSE(audit_mentions("5001234"));
    CU_ASSERT_FALSE(audit_mentions("Nguy"));
    audit_check chk;
    CU_ASSERT_EQUAL(store_audit_verify(db, &chk), PK_OK);
    free(d);
}

SUITE(reprint, setup, teardown);
