/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Another kiosk's receipt (tracking anywhere, issue 12): verified with
 * that kiosk's key distributed by the province ("<peer_keys>/<KIOSK>.<v>"),
 * never with this kiosk's own key; refused (PK_ETAMPER) without that key,
 * with the wrong version, or when it was signed by anyone else. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pkt_helpers.h"
#include "receipt.h"
#include "unit.h"

static char *dir;
static config a, b;   /* kiosk LS01 (issuer), kiosk LS02 (tracker) */

static int setup(void)
{
    dir = pkt_tmpdir();
    if (!dir)
        return 1;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    str_copy(a.kiosk_code, sizeof a.kiosk_code, "LS01");
    str_copy(b.kiosk_code, sizeof b.kiosk_code, "LS02");
    snprintf(a.key_file, sizeof a.key_file, "%s/a.key", dir);
    snprintf(b.key_file, sizeof b.key_file, "%s/b.key", dir);
    snprintf(b.peer_keys_dir, sizeof b.peer_keys_dir, "%s/peers", dir);
    snprintf(a.peer_keys_dir, sizeof a.peer_keys_dir, "%s/none", dir);
    pkt_write_key(a.key_file, 0x11, 2);   /* LS01 signs with its version 2 */
    pkt_write_key(b.key_file, 0x22, 1);
    return mkdir(b.peer_keys_dir, 0700) == 0 ? 0 : 1;
}

static int teardown(void)
{
    pkt_rmtree(dir);
    free(dir);
    return 0;
}

static void peer_file(const char *name, unsigned char fill, int version)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", b.peer_keys_dir, name);
    remove(path);
    if (fill)
        pkt_write_key(path, fill, version);
}

TEST(peer_keys, foreign_receipt, "another kiosk's receipt: verified with its key only")
{
    char payload[128], ref[PK_REF_MAX];
    int64_t at = 0;
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&a, "LS01-000007", 1764057600, payload, sizeof payload),
                          PK_OK);
    CU_ASSERT_EQUAL(strncmp(payload, "VNK2.", 5), 0);
    /* LS02 has no key of LS01: cannot verify, so nothing is shown */
    CU_ASSERT_EQUAL(receipt_verify(&b, payload, ref, sizeof ref, &at), PK_ETAMPER);
    CU_ASSERT_STRING_EQUAL(ref, "");
    /* the province's copy of LS01's version 2 */
    peer_file("LS01.2", 0x11, 2);
    CU_ASSERT_EQUAL(receipt_verify(&b, payload, ref, sizeof ref, &at), PK_OK);
    CU_ASSERT_STRING_EQUAL(ref, "LS01-000007");
    CU_ASSERT_EQUAL(at, 1764057600);
    /* a payload changed by one character fails */
    char bad[128];
    str_copy(bad, sizeof bad, payload);
    bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'A' ? 'B' : 'A';
    CU_ASSERT_EQUAL(receipt_verify(&b, bad, ref, sizeof ref, &at), PK_ETAMPER);
    /* LS02 signing a receipt in LS01's name with its own key: refused */
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&b, "LS01-000007", 1764057600, bad, sizeof bad), PK_OK);
    CU_ASSERT_EQUAL(receipt_verify(&b, bad, ref, sizeof ref, &at), PK_ETAMPER);
    /* its own receipts still verify with its own key */
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&b, "LS02-000001", 1764057600, bad, sizeof bad), PK_OK);
    CU_ASSERT_EQUAL(receipt_verify(&b, bad, ref, sizeof ref, &at), PK_OK);
    CU_ASSERT_STRING_EQUAL(ref, "LS02-000001");
    /* a wrong key under the right name, or another version only: refused */
    peer_file("LS01.2", 0x33, 2);
    CU_ASSERT_EQUAL(receipt_verify(&b, payload, ref, sizeof ref, &at), PK_ETAMPER);
    peer_file("LS01.2", 0, 0);
    peer_file("LS01.1", 0x11, 1);
    CU_ASSERT_EQUAL(receipt_verify(&b, payload, ref, sizeof ref, &at), PK_ETAMPER);
    /* a file that says another version than its name */
    peer_file("LS01.2", 0x11, 3);
    CU_ASSERT_EQUAL(receipt_verify(&b, payload, ref, sizeof ref, &at), PK_EINVAL);
    /* a key file others may read is refused, as the kiosk's own */
    peer_file("LS01.2", 0x11, 2);
    char path[700];
    snprintf(path, sizeof path, "%s/LS01.2", b.peer_keys_dir);
    CU_ASSERT_EQUAL_FATAL(chmod(path, 0644), 0);
    CU_ASSERT_EQUAL(receipt_verify(&b, payload, ref, sizeof ref, &at), PK_EPERM);
    CU_ASSERT_EQUAL_FATAL(chmod(path, 0600), 0);
    CU_ASSERT_EQUAL(receipt_verify(&b, payload, ref, sizeof ref, &at), PK_OK);
    /* and LS01 itself, with no peer keys at all, verifies its own */
    CU_ASSERT_EQUAL(receipt_verify(&a, payload, ref, sizeof ref, &at), PK_OK);
}

SUITE(peer_keys, setup, teardown);
