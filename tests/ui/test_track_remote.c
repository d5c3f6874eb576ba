/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tracking anywhere (issue 12 item 3) against a real PostgreSQL: run by
 * tests/e2e/track_anywhere.sh, which starts the server, never alone.
 *   PK_TRACK_STEP=register  kiosk DD01 registers and accepts a dossier in
 *                           its home $PK_TRACK_HOME, writes its receipt key
 *                           ($PK_TRACK_DIR/a.key) and the receipt's QR payload
 *   PK_TRACK_STEP=online    kiosk LS01 (this test's screens) with DD01's key
 *                           from the province: Track and the clerk's scanner
 *                           show the status from the server ($PK_TRACK_CONNINFO,
 *                           password in $PK_TRACK_PWFILE) and from when
 *   PK_TRACK_STEP=offline   the server is stopped: said plainly, no status */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "auth.h"
#include "clerk_fixture.h"
#include "pkt_helpers.h"
#include "receipt.h"
#include "snap.h"
#include "sync_config.h"
#include "unit.h"

static const char *step(void)
{
    const char *s = getenv("PK_TRACK_STEP");
    return s ? s : "";
}

static void path_of(const char *name, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s/%s", getenv("PK_TRACK_DIR"), name);
}

/* Kiosk DD01's receipt key: its own, and the province's copy for others. */
static void dd01_config(config *c)
{
    memset(c, 0, sizeof *c);
    str_copy(c->kiosk_code, sizeof c->kiosk_code, "DD01");
    path_of("a.key", c->key_file, sizeof c->key_file);
}

static void payload_of(const char *ref, char *out, size_t outsz)
{
    config a;
    dd01_config(&a);
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&a, ref, 1767225600, out, outsz), PK_OK);
}

TEST(track_remote, register_at_dd01, "kiosk DD01 registers and accepts a dossier")
{
    if (strcmp(step(), "register") != 0)
        return;
    /* the kiosk's own database (its home, made by `postkiosk check`), with
     * its own audit key: `postkiosk sync` then pushes it */
    char db_path[600], key_path[600], msg[256];
    snprintf(db_path, sizeof db_path, "%s/postkiosk.db", getenv("PK_TRACK_HOME"));
    snprintf(key_path, sizeof key_path, "%s/keys/audit.key", getenv("PK_TRACK_HOME"));
    auth_ctx key;
    memset(&key, 0, sizeof key);
    CU_ASSERT_EQUAL_FATAL(auth_load_pepper(&key, key_path, NULL, 0), PK_OK);
    store_use_audit_key(key.pepper);
    auth_wipe(&key);
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(db_path, &db, msg, sizeof msg), PK_OK);
    cx_catalog(db);
    CU_ASSERT_EQUAL_FATAL(store_setting_set(db, "kiosk_code", "DD01"), PK_OK);
    dossier d = fx_dossier("1.001193", "Nguyễn Văn An");
    str_copy(d.kiosk_code, sizeof d.kiosk_code, "DD01");
    d.created_at = cx_at("2026-11-20", 0);
    str_copy(d.expected_date, sizeof d.expected_date, "2026-11-30");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "DD", "kiosk", NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.ref, "DD01-000001");
    transition_data td = {.at = cx_at("2026-11-20", 1), .seal_no = "NP-1", .fee_collected = 8000};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(db, d.ref, ST_ACCEPTED, "c1", "", &td), PK_OK);
    store_close(db);
    config a;
    dd01_config(&a);
    pkt_write_key(a.key_file, 0x44, 1);
    char payload[128], path[600];
    payload_of(d.ref, payload, sizeof payload);
    path_of("payload", path, sizeof path);
    FILE *fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fprintf(fp, "%s\n", payload);
    fclose(fp);
}

/* This kiosk (LS01) connected to the server, with DD01's key from the
 * province in its peer keys folder. */
static sync_config sc;

static void connect_kiosk(snap_env *e, bool with_key)
{
    memset(&sc, 0, sizeof sc);
    str_copy(sc.conninfo, sizeof sc.conninfo, getenv("PK_TRACK_CONNINFO"));
    str_copy(sc.password_file, sizeof sc.password_file, getenv("PK_TRACK_PWFILE"));
    e->a.sync = &sc;
    mkdir(e->cfg.peer_keys_dir, 0700);
    char path[700];
    snprintf(path, sizeof path, "%s/DD01.1", e->cfg.peer_keys_dir);
    remove(path);
    if (with_key)
        pkt_write_key(path, 0x44, 1);
}

static int audited(snap_env *e, const char *object, const char *detail)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'remote_lookup'"
             " AND object = '%s' AND detail = '%s'", object, detail);
    return (int)cx_int(e->db, sql);
}

TEST(track_remote, track_screen, "Track: another kiosk's receipt from the central server")
{
    bool online = !strcmp(step(), "online");
    if (!online && strcmp(step(), "offline") != 0)
        return;
    char payload[128];
    payload_of("DD01-000001", payload, sizeof payload);
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    /* without DD01's key: not verified, so nothing is asked nor shown */
    connect_kiosk(&e, false);
    snap_scan(&e, payload);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    CU_ASSERT(snap_has("could not be verified"));
    CU_ASSERT(snap_lacks("DD01-000001"));
    CU_ASSERT_EQUAL(audited(&e, "DD01-000001", "found") + audited(&e, "DD01-000001", "offline"), 0);
    connect_kiosk(&e, true);
    snap_scan(&e, payload);
    if (online) {
        CU_ASSERT(snap_has("Dossier DD01-000001 (registered at post office DD01)"));
        CU_ASSERT(snap_has("Now: Received and sealed at the post office"));
        CU_ASSERT(snap_has("Birth registration"));   /* named from this kiosk's catalog */
        CU_ASSERT(snap_has("the last change it has is of 20/11/2026 13:00"));
        CU_ASSERT(snap_lacks("Nguy"));
        CU_ASSERT_EQUAL(audited(&e, "DD01-000001", "found"), 1);
        /* genuine but not synced yet */
        char unknown[128];
        payload_of("DD01-000099", unknown, sizeof unknown);
        snap_scan(&e, unknown);
        CU_ASSERT(snap_has("has no news of this dossier yet"));
        CU_ASSERT_EQUAL(audited(&e, "DD01-000099", "unknown"), 1);
    } else {
        CU_ASSERT(snap_has("cannot be reached now"));
        CU_ASSERT(snap_lacks("Now:"));
        CU_ASSERT_EQUAL(audited(&e, "DD01-000001", "offline"), 1);
    }
    /* a typed number of another kiosk: only its QR code proves it */
    snap_key(&e, TK_ESC);
    while (strcmp(snap_top(&e), "welcome") != 0)
        snap_key(&e, TK_ESC);
    snap_act(&e, ACT_CHOOSE, 4);
    snap_type(&e, "DD01-000001");
    snap_key(&e, TK_ENTER);
    CU_ASSERT(snap_has("from another post office"));
    snap_close(&e);
}

TEST(track_remote, clerk_scanner, "the clerk's scanner: another kiosk's receipt")
{
    bool online = !strcmp(step(), "online");
    if (!online && strcmp(step(), "offline") != 0)
        return;
    char payload[128];
    payload_of("DD01-000001", payload, sizeof payload);
    snap_env e;
    CU_ASSERT_FATAL(snap_open_clerk(&e, 30, 120, "vi"));
    connect_kiosk(&e, true);
    snap_sign_in(&e);
    snap_scan(&e, payload);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "clerk_menu");
    if (online) {
        CU_ASSERT(snap_has("DD01-000001 (bưu điện DD01): Đã tiếp nhận; theo máy chủ của tỉnh, thay"
                           " đổi gần nhất 20/11/2026 06:00"));   /* the clerk's clock is UTC */
    } else {
        CU_ASSERT(snap_has("không kết nối được"));
    }
    snap_close(&e);
}

static bool wanted(void)
{
    return getenv("PK_TRACK_STEP") && getenv("PK_TRACK_DIR") && getenv("PK_TRACK_HOME");
}

SUITE_WHEN(track_remote, NULL, NULL, wanted);
