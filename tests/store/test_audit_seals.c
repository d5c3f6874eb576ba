/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit chain covers what matters (issue 11 item 6): a dossier or clerk
 * row changed, deleted or added behind the program's back is caught and
 * named; the chain is keyed (re-hashing it with plain SHA-256 after an edit
 * is caught); rows deleted from the end are caught given an anchor; an
 * anchor stays valid while rows are appended after it; the upgrade of an
 * older database seals its rows once. Every edit here goes through a
 * separate raw connection, as an attacker with the file would. */
#include "clerk_fixture.h"
#include "store_internal.h"
#include "unit.h"

/* The row of seal_bytes_kept since schema 25 (one more column, agency_en,
 * ""): its digest was c0d34aab...8946b before; the migration that added
 * the column sealed every row again. */
#define SEAL_GOLDEN "a92363535a96c33eaedf1f2ed670336f42fecc1caefbf27f3c3d677bb6d80147"

static fx_dir fx;
static store *db;
static char refs[3][PK_REF_MAX];

/* Three dossiers, one accepted, one rejected, then a lookup and a clerk. */
static void setup(void)
{
    db = cx_open(&fx);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234",
                                         "0912345678", FORM_BOTH, "2026-03-02", "2026-03-12",
                                         refs[i]), PK_OK);
    transition_data td = {.at = cx_at("2026-03-03", 0), .seal_no = "NP-0001", .fee_collected = 8000};
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[0], ST_ACCEPTED, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[1], ST_COUNTER_REJECTED, "nv01",
                                             "Thiếu giấy chứng sinh", &td), PK_OK);
    auth_ctx ax;
    cx_auth(&ax);
    const char *ids[] = {"nv01", "sup1"};
    for (int i = 0; i < 2; i++) {
        clerk_account c;
        memset(&c, 0, sizeof c);
        str_copy(c.id, sizeof c.id, ids[i]);
        str_copy(c.name, sizeof c.name, "Hoàng Thị Lan");
        c.role = i ? ROLE_SUPERVISOR : ROLE_CLERK;
        CU_ASSERT_EQUAL_FATAL(auth_pin_hash_for(&ax, ids[i], i ? "480215" : "735102", c.pin_hash),
                              PK_OK);
        CU_ASSERT_EQUAL_FATAL(store_clerk_add(db, &c, "install", td.at), PK_OK);
    }
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_lookup(db, refs[2], "nv01", td.at, &d), PK_OK);
}

static void teardown(void)
{
    cx_close(&db, &fx);
}

static int64_t one_int(const char *sql)
{
    return cx_int(db, sql);
}

/* The seq of the last seal of a row ("dossier:2", "clerk:nv01"). */
static int64_t last_seal(const char *object)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT max(seq) FROM audit WHERE action = 'seal' AND object = '%s'",
             object);
    return one_int(sql);
}

static void expect_row_fault(const char *tamper_sql, audit_fault fault, int64_t seq,
                             const char *named)
{
    setup();
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, tamper_sql), SQLITE_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, fault);
    CU_ASSERT_EQUAL(r.bad_seq, seq);
    CU_ASSERT_STRING_EQUAL(r.bad_object, named);
    teardown();
}

TEST(audit_seals, intact_and_sealed, "every row sealed, no personal data in clear")
{
    setup();
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    /* 3 dossiers, 2 clerks, the settings */
    CU_ASSERT_EQUAL(r.seals, 5 + one_int("SELECT count(*) FROM settings"));
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE keyed = 0"), 0);
    /* personal data is in the digests only */
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE detail LIKE '%020095001234%'"
                            " OR detail LIKE '%0912345678%' OR detail LIKE '%Nguy%'"
                            " OR detail LIKE '%argon%' OR detail LIKE '%Lan%'"), 0);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE action = 'seal'"
                            " AND detail NOT GLOB 'digest=[0-9a-f]*'"), 0);
    /* the readable list leaves the seals out */
    audit_row rows[40];
    int n = 0;
    CU_ASSERT_EQUAL(store_audit_list(db, 0, rows, 40, &n), PK_OK);
    for (int i = 0; i < n; i++)
        CU_ASSERT_STRING_NOT_EQUAL(rows[i].action, "seal");
    CU_ASSERT_EQUAL(n, one_int("SELECT count(*) FROM audit WHERE action <> 'seal'"));
    teardown();
}

TEST(audit_seals, dossier_status_edited, "dossier status edited behind the store")
{
    /* dossier 2 was rejected at the counter; someone makes it "accepted" */
    setup();
    int64_t seal = last_seal("dossier:2");
    teardown();
    expect_row_fault("UPDATE dossiers SET status = 'accepted' WHERE id = 2", AUDIT_ROW_CHANGED,
                     seal, "dossier LS01-000002");
}

TEST(audit_seals, dossier_fee_edited, "dossier fee edited behind the store")
{
    setup();
    int64_t seal = last_seal("dossier:1");
    teardown();
    expect_row_fault("UPDATE dossiers SET fee_collected = 0 WHERE id = 1", AUDIT_ROW_CHANGED, seal,
                     "dossier LS01-000001");
    expect_row_fault("UPDATE dossiers SET fee_total = 3000 WHERE id = 1", AUDIT_ROW_CHANGED, seal,
                     "dossier LS01-000001");
}

TEST(audit_seals, dossier_name_edited, "dossier name edited behind the store")
{
    setup();
    int64_t seal = last_seal("dossier:3");
    teardown();
    expect_row_fault("UPDATE dossiers SET name = 'Nguyễn Văn Ân' WHERE id = 3", AUDIT_ROW_CHANGED,
                     seal, "dossier LS01-000003");
}

TEST(audit_seals, edit_not_laundered, "an edit is not laundered by a later change")
{
    /* the fee is lowered directly, then the clerk moves the dossier on:
     * the program's own change does not make the edit legitimate */
    setup();
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE dossiers SET fee_collected = 0 WHERE id = 1"),
                    SQLITE_OK);
    transition_data td = {.at = cx_at("2026-03-04", 0), .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[0], ST_IN_TRANSIT, "nv01", "", &td), PK_OK);
    int64_t seal = last_seal("dossier:1");
    transition_data td2 = {.at = cx_at("2026-03-05", 0), .handover_no = "BB-1", .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[0], ST_HANDED, "nv01", "", &td2), PK_OK);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_ROW_CHANGED);
    CU_ASSERT_EQUAL(r.bad_seq, seal);
    CU_ASSERT_STRING_EQUAL(r.bad_object, "dossier LS01-000001");
    teardown();
    /* the same for a clerk whose hash was swapped, then who signed in */
    setup();
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE clerks SET pin_hash = (SELECT pin_hash FROM clerks"
                                      " WHERE id = 'sup1') WHERE id = 'nv01'"), SQLITE_OK);
    CU_ASSERT_EQUAL(store_clerk_disable(db, "nv01", "sup1", 90), PK_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_ROW_CHANGED);
    CU_ASSERT_STRING_EQUAL(r.bad_object, "clerk #nv01");
    teardown();
    /* and the honest path stays clean */
    setup();
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[0], ST_IN_TRANSIT, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_disable(db, "nv01", "sup1", 90), PK_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    teardown();
}

TEST(audit_seals, setting_edited, "a setting edited behind the store")
{
    /* the kiosk code changed, or an S10 range or staff PIN hash slipped
     * into the settings table */
    setup();
    int64_t seal = last_seal("setting:kiosk_code");
    teardown();
    expect_row_fault("UPDATE settings SET value = 'HN99' WHERE key = 'kiosk_code'",
                     AUDIT_ROW_CHANGED, seal, "setting #kiosk_code");
    expect_row_fault("INSERT INTO settings(key, value) VALUES('staff_pin_hash',"
                     " '$argon2id$v=19$m=8,t=1,p=1$a$b')", AUDIT_ROW_UNSEALED, 0,
                     "setting #staff_pin_hash");
    expect_row_fault("DELETE FROM settings WHERE key = 'kiosk_code'", AUDIT_ROW_DELETED, seal,
                     "setting #kiosk_code");
}

TEST(audit_seals, dossier_deleted, "dossier deleted behind the store")
{
    setup();
    int64_t seal = last_seal("dossier:3");
    teardown();
    expect_row_fault("DELETE FROM dossier_docs WHERE dossier_id = 3;"
                     "DELETE FROM dossiers WHERE id = 3;", AUDIT_ROW_DELETED, seal, "dossier #3");
}

TEST(audit_seals, dossier_added, "dossier added behind the store")
{
    expect_row_fault("INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi,"
                     " proc_name_en, agency, form, status, name, name_fold, id_number, phone,"
                     " fee_proc, fee_post, fee_total, created_at, created_day, updated_at,"
                     " consent_process, consent_sms, sample) SELECT 'LS01-000099', 'RA9', kiosk_code,"
                     " proc_code, proc_name_vi, proc_name_en, agency, form, 'delivered', name,"
                     " name_fold, id_number, phone, 0, 0, 0, created_at, created_day, updated_at,"
                     " 1, 0, 0 FROM dossiers WHERE id = 1", AUDIT_ROW_UNSEALED, 0,
                     "dossier LS01-000099");
}

TEST(audit_seals, clerk_hash_copied, "clerk hash or role copied behind the store")
{
    /* the clerk takes the supervisor's PIN hash, or the supervisor role */
    setup();
    int64_t seal = last_seal("clerk:nv01");
    teardown();
    expect_row_fault("UPDATE clerks SET pin_hash = (SELECT pin_hash FROM clerks WHERE id = 'sup1')"
                     " WHERE id = 'nv01'", AUDIT_ROW_CHANGED, seal, "clerk #nv01");
    expect_row_fault("UPDATE clerks SET role = 'supervisor' WHERE id = 'nv01'", AUDIT_ROW_CHANGED,
                     seal, "clerk #nv01");
}

/* Rewrites every audit row with plain SHA-256 links (what an attacker
 * without the key can compute) after editing row `edit`. */
static void rehash_plain(int64_t edit, bool keep_keyed_flag)
{
    sqlite3 *h = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &h), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(h, "DROP TRIGGER audit_no_update", NULL, NULL, NULL), SQLITE_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE audit SET actor = 'nv99' WHERE seq = %lld", (long long)edit);
    CU_ASSERT_EQUAL(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *q = NULL, *u = NULL;
    sqlite3_prepare_v2(h, "SELECT seq, at, actor, action, object, detail FROM audit ORDER BY seq",
                       -1, &q, NULL);
    sqlite3_prepare_v2(h, "UPDATE audit SET prev_hash = ?2, hash = ?3, keyed = ?4 WHERE seq = ?1",
                       -1, &u, NULL);
    unsigned char prev[AUDIT_HASH_BYTES] = {0}, hash[AUDIT_HASH_BYTES];
    CU_ASSERT_EQUAL(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW) {
        audit_link(prev, sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
                   (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
                   (const char *)sqlite3_column_text(q, 4), (const char *)sqlite3_column_text(q, 5),
                   hash);
        sqlite3_bind_int64(u, 1, sqlite3_column_int64(q, 0));
        sqlite3_bind_blob(u, 2, prev, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
        sqlite3_bind_blob(u, 3, hash, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
        sqlite3_bind_int(u, 4, keep_keyed_flag);
        CU_ASSERT_EQUAL(sqlite3_step(u), SQLITE_DONE);
        sqlite3_reset(u);
        memcpy(prev, hash, sizeof prev);
    }
    CU_ASSERT_EQUAL(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_finalize(q);
    sqlite3_finalize(u);
    sqlite3_close(h);
}

TEST(audit_seals, rehashed_without_key, "chain re-hashed with plain SHA-256")
{
    setup();
    audit_check r;
    rehash_plain(5, false);   /* every row "legacy": no keyed row left */
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_UNKEYED);
    teardown();
    setup();
    rehash_plain(5, true);    /* still marked keyed: the first MAC fails */
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_HASH);
    CU_ASSERT_EQUAL(r.bad_seq, 1);
    teardown();
}

TEST(audit_seals, anchor_and_trailing_rows, "anchor survives later appends")
{
    setup();
    audit_check r;
    CU_ASSERT_EQUAL_FATAL(store_audit_verify(db, &r), PK_OK);
    audit_anchor a;
    CU_ASSERT_TRUE_FATAL(audit_anchor_parse(r.head_code, &a));
    CU_ASSERT_EQUAL(a.seq, r.head_seq);
    /* work goes on after the anchor: still fine */
    CU_ASSERT_EQUAL(store_audit_append(db, 50, "nv01", "login", "nv01", ""), PK_OK);
    CU_ASSERT_EQUAL(store_audit_append(db, 60, "nv01", "logout", "nv01", ""), PK_OK);
    CU_ASSERT_EQUAL(store_audit_verify_anchor(db, &a, &r), PK_OK);
    /* the full head (older reports) works as an anchor too */
    audit_anchor full;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_TRUE_FATAL(audit_anchor_parse(r.head_hex, &full));
    CU_ASSERT_EQUAL(store_audit_verify_anchor(db, &full, &r), PK_OK);
    teardown();
}

TEST(audit_seals, trailing_rows_deleted, "trailing rows deleted: caught given the anchor")
{
    setup();
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_append(db, 50, "nv01", "login", "nv01", ""), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_audit_verify(db, &r), PK_OK);
    audit_anchor a;
    CU_ASSERT_TRUE_FATAL(audit_anchor_parse(r.head_code, &a));
    /* the login and the lookup before it vanish */
    char sql[128];
    snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= %lld",
             (long long)(r.head_seq - 1));
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);   /* the limit, documented */
    CU_ASSERT_EQUAL(store_audit_verify_anchor(db, &a, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_HEAD);
    CU_ASSERT_EQUAL(r.bad_seq, a.seq);
    teardown();
    /* when the lost rows held a row's last seal, no anchor is needed */
    setup();
    int64_t seal = last_seal("clerk:sup1");
    snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= %lld",
             (long long)seal);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_ROW_UNSEALED);
    CU_ASSERT_STRING_EQUAL(r.bad_object, "clerk #sup1");
    teardown();
}

TEST(audit_seals, anchored_row_rewritten, "anchored row rewritten with the key")
{
    /* someone holding the key rebuilds the history from the anchor on:
     * the chain is consistent again, the anchor is not */
    setup();
    audit_check r;
    CU_ASSERT_EQUAL_FATAL(store_audit_verify(db, &r), PK_OK);
    audit_anchor a;
    CU_ASSERT_TRUE_FATAL(audit_anchor_parse(r.head_code, &a));
    char sql[128];
    snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= %lld",
             (long long)a.seq);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    CU_ASSERT_EQUAL(store_audit_append(db, 70, "nv01", "lookup", refs[1], ""), PK_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_EQUAL(r.head_seq, a.seq);
    CU_ASSERT_EQUAL(store_audit_verify_anchor(db, &a, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_HEAD);
    CU_ASSERT_EQUAL(r.bad_seq, a.seq);
    teardown();
}

/* A database from schema version 2 (before the key): its rows are sealed
 * once by the upgrade, its old rows keep their SHA-256 links. */
TEST(audit_seals, upgrade_seals_existing_rows, "upgrade seals existing rows once")
{
    fx_init(&fx);
    store *old = xcalloc(1, sizeof *old);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &old->conn), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_migrate(old, store_migrations, 2, msg, sizeof msg), PK_OK);
    /* the procedure as version 2 stored it (today's catalog code writes
     * columns added later, such as keywords) */
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(old->conn,
        "INSERT INTO procedures(code, name_vi, name_en, agency, level, field_vi, field_en,"
        " bcci_submit, bcci_return, in_person, days, fee_vnd, name_fold, name_en_fold, name_key,"
        " field_key, agency_key) VALUES('1.001193', 'Đăng ký khai sinh', 'Birth registration',"
        " 'UBND cấp xã', 'commune', 'Hộ tịch', '', 1, 1, 0, 0, 0, 'dang ky khai sinh',"
        " 'birth registration', 'dang ky khai sinh', 'ho tich', 'ubnd')", NULL, NULL, NULL),
        SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_setting_set(old, "kiosk_code", "LS01"), PK_OK);
    CU_ASSERT_EQUAL(cx_dossier(old, "1.001193", "Nguyễn Văn An", "020095001234", "0912345678",
                               FORM_BOTH, "2026-03-02", "2026-03-12", refs[0]), PK_OK);
    CU_ASSERT_EQUAL(store_audit_append(old, 5, "nv01", "lookup", refs[0], ""), PK_OK);
    store_close(old);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE keyed = 0"), 2);
    /* sealed by the upgrade to schema 4, and again by each later one that
     * adds a dossier column (post_collected, consent_email, agency_en): the
     * row's digest covers them */
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE action = 'seal'"
                            " AND object LIKE 'dossier:%' AND detail NOT LIKE '%prior=%'"), 4);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_EQUAL(r.seals, 1 + one_int("SELECT count(*) FROM settings"));   /* rows checked */
    CU_ASSERT_EQUAL(r.events, 1);
    /* an old row edited and its legacy link recomputed: the first keyed
     * row (the key marker) no longer follows it */
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "DROP TRIGGER audit_no_update;"
                                      "UPDATE audit SET actor = 'nv02' WHERE seq = 2"), SQLITE_OK);
    sqlite3_stmt *q = NULL;
    unsigned char h[AUDIT_HASH_BYTES];
    sqlite3_prepare_v2(db->conn, "SELECT prev_hash, at, object FROM audit WHERE seq = 2", -1, &q, NULL);
    CU_ASSERT_EQUAL_FATAL(sqlite3_step(q), SQLITE_ROW);
    audit_link(sqlite3_column_blob(q, 0), 2, sqlite3_column_int64(q, 1), "nv02", "lookup",
               (const char *)sqlite3_column_text(q, 2), "", h);
    sqlite3_finalize(q);
    char sql[200], hex[AUDIT_HEX_MAX];
    audit_hex(h, sizeof h, hex, sizeof hex);
    snprintf(sql, sizeof sql, "UPDATE audit SET hash = x'%s' WHERE seq = 2", hex);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_PREV);
    CU_ASSERT_EQUAL(r.bad_seq, 3);
    teardown();
}

/* Full-table steps one statement took, its triggers included (they run in
 * the same virtual machine). */
static int full_scan_steps(sqlite3_stmt *q)
{
    return sqlite3_stmt_status(q, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
}

TEST(audit_seals, marks_indexed, "many rows changed in one transaction: no mark scans the earlier ones")
{
    /* each row's seal mark (and its copy of the prior state) looked for
     * the marks made before it in the same transaction by reading them
     * all: quadratic, 100k dossiers took over 20 minutes (issue 18) */
    setup();
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(db), PK_OK);
    sqlite3_stmt *ins = NULL, *upd = NULL, *del = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn,
        "INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency,"
        " form, status, name, name_fold, id_number, phone, fee_proc, fee_post, fee_total,"
        " created_at, created_day, updated_at, consent_process, consent_sms, sample)"
        " SELECT 'LS01-9' || ?1, 'RZ' || ?1, kiosk_code, proc_code, proc_name_vi, proc_name_en,"
        " agency, form, status, name, name_fold, id_number, phone, fee_proc, fee_post, fee_total,"
        " created_at, created_day, updated_at, 1, 0, 0 FROM dossiers WHERE id = 1", -1, &ins, NULL),
        SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn, "UPDATE dossiers SET updated_at = updated_at + 1"
                                             " WHERE ref = 'LS01-9' || ?1", -1, &upd, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn, "DELETE FROM dossiers WHERE ref = 'LS01-9' || ?1"
                                             " AND ?1 % 3 = 0", -1, &del, NULL), SQLITE_OK);
    int scans = 0;
    sqlite3_stmt *steps[] = {ins, upd, del};
    for (int k = 0; k < 3; k++)
        for (int i = 100; i < 300; i++) {
            sqlite3_bind_int(steps[k], 1, i);
            CU_ASSERT_EQUAL(sqlite3_step(steps[k]), SQLITE_DONE);
            sqlite3_reset(steps[k]);
            scans += full_scan_steps(steps[k]);
        }
    CU_ASSERT_EQUAL(scans, 0);
    for (int k = 0; k < 3; k++)
        sqlite3_finalize(steps[k]);
    /* the copies of the prior states are found by id when sealing */
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn, "EXPLAIN QUERY PLAN SELECT * FROM"
                                             " temp.audit_old_dossier WHERE id = 5", -1, &q, NULL),
                          SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_step(q), SQLITE_ROW);
    CU_ASSERT_PTR_NOT_NULL(strstr((const char *)sqlite3_column_text(q, 3), "INDEX"));
    sqlite3_finalize(q);
    /* every row still sealed once, deleted ones as deleted */
    CU_ASSERT_EQUAL(store_tx_commit(db), PK_OK);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE action = 'seal'"
                            " AND object GLOB 'dossier:*' AND detail = 'deleted'"), 66);
    CU_ASSERT_EQUAL(one_int("SELECT count(DISTINCT object) FROM audit WHERE action = 'seal'"
                            " AND object GLOB 'dossier:*'"), 203);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    /* and a row changed behind the store is still caught after it */
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE dossiers SET fee_total = 1 WHERE ref = 'LS01-9101'"),
                    SQLITE_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_ROW_CHANGED);
    CU_ASSERT_STRING_EQUAL(r.bad_object, "dossier LS01-9101");
    teardown();
}

TEST(audit_seals, marks_in_batches, "a transaction of 700 rows: each sealed once, an earlier edit still named")
{
    /* the marks are sealed a batch of 256 at a time (issue 18); rows
     * inserted and rows changed mix in them, and an edit made behind the
     * store before the transaction is still reported at its seal */
    setup();
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE dossiers SET fee_total = 1 WHERE id = 3"), SQLITE_OK);
    int64_t seals = one_int("SELECT count(*) FROM audit WHERE action = 'seal'");
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(db), PK_OK);
    for (int i = 0; i < 700; i++) {
        dossier d = fx_dossier("1.001193", "Trần Thị Bình");
        CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    }
    transition_data td = {.at = cx_at("2026-03-04", 0), .seal_no = "NP-0002", .fee_collected = 8000};
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[0], ST_IN_TRANSIT, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[2], ST_ACCEPTED, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_tx_commit(db), PK_OK);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE action = 'seal'"), seals + 702);
    CU_ASSERT_EQUAL(one_int("SELECT count(DISTINCT object) FROM audit WHERE action = 'seal'"
                            " AND seq > (SELECT max(seq) FROM audit WHERE action = 'event'"
                            " AND seq < (SELECT min(seq) FROM audit WHERE object = 'dossier:4'"
                            " AND action = 'seal'))"), 702);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE detail LIKE '% prior=changed'"), 1);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE detail LIKE '% prior=changed'"
                            " AND object = 'dossier:3'"), 1);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM temp.audit_dirty"), 0);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM temp.audit_old_dossier"), 0);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_ROW_CHANGED);
    CU_ASSERT_STRING_EQUAL(r.bad_object, "dossier LS01-000003");
    /* the next change of a row changed in it takes a fresh copy of its
     * prior state: no new report */
    td.at = cx_at("2026-03-05", 0);
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[0], ST_HANDED, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE detail LIKE '% prior=changed'"), 1);
    teardown();
}

TEST(audit_seals, fresh_row_changed, "a row inserted and changed in one transaction is not \"changed outside\"")
{
    /* a dossier with e-mail consent is inserted, then its consent column
     * set, in one transaction: its prior state is its own insert, not an
     * edit behind the program's back */
    setup();
    dossier d = fx_dossier("1.001193", "Trần Thị Bình");
    str_copy(d.email, sizeof d.email, "binh@example.vn");
    d.consent_email = true;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_EQUAL(one_int("SELECT count(*) FROM audit WHERE detail LIKE '%prior=changed%'"), 0);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    teardown();
}

TEST(audit_seals, seal_bytes_kept, "a dossier's seal digest is the one earlier versions wrote")
{
    /* the canonical form of a row is hashed into its seal: a change to its
     * bytes (the encoding of names, numbers or texts) would make every seal
     * written before it read as an edit behind the program's back. The
     * digest below was written by the store of issue 18 before its seal
     * encoder was rewritten (the row fixed in time: 2026-03-02 12:00 UTC,
     * the same local day in any time zone the kiosks use). */
    db = cx_open(&fx);
    dossier d = fx_dossier("1.001193", "Nguyễn Văn An");
    d.created_at = 1772452800;
    d.unit_id = 7;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'seal' AND object ="
             " 'dossier:%lld' AND detail = 'digest=%s'", (long long)d.id, SEAL_GOLDEN);
    CU_ASSERT_EQUAL(one_int(sql), 1);
    if (one_int(sql) != 1) {
        char *detail = NULL;
        sqlite3 *raw = NULL;
        sqlite3_stmt *q = NULL;
        if (sqlite3_open(fx.db_path, &raw) == SQLITE_OK &&
            sqlite3_prepare_v2(raw, "SELECT detail FROM audit WHERE action = 'seal' ORDER BY seq"
                               " DESC LIMIT 1", -1, &q, NULL) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
            detail = xstrdup((const char *)sqlite3_column_text(q, 0));
        fprintf(stderr, "seal now: %s\n", detail ? detail : "?");
        free(detail);
        sqlite3_finalize(q);
        sqlite3_close(raw);
    }
    cx_close(&db, &fx);
}

SUITE(audit_seals, NULL, NULL);
