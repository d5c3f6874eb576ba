/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync outbox: one row per change the province needs, in the change's
 * own transaction (a rolled-back registration leaves none); append-only
 * except marking sent once; no personal data; read in batches, marked
 * sent, the lag; an upgraded database queues its history. */
#include "clerk_fixture.h"
#include "dossier.h"
#include "store_internal.h"
#include "store_sync.h"
#include "unit.h"

static fx_dir fx;
static store *db;

static void setup(void)
{
    db = cx_open(&fx);
}

static void teardown(void)
{
    cx_close(&db, &fx);
}

static void make(bool sample, char ref[PK_REF_MAX])
{
    dossier d = fx_dossier("1.001193", "Nguyễn Văn An");
    d.sample = sample;
    d.created_at = cx_at("2026-03-02", 0);
    str_copy(d.expected_date, sizeof d.expected_date, "2026-03-12");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    str_copy(ref, PK_REF_MAX, d.ref);
}

static void step(const char *ref, dossier_status to, const char *ymd)
{
    transition_data td = {.at = cx_at(ymd, 0), .seal_no = "NP-1", .fee_collected = 8000,
                          .recipient_name = "Nguyễn Văn An", .recipient_id_last = "1234"};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(db, ref, to, "c1", "gọi 0912345678", &td),
                          PK_OK);
}

static int64_t rows(const char *kind)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sync_outbox WHERE kind = '%s'", kind);
    return cx_int(db, sql);
}

static int exec(const char *sql)
{
    return sqlite3_exec(db->conn, sql, NULL, NULL, NULL) & 0xff;   /* primary code */
}

TEST(store_sync, registration_queues_once, "a registration queues its dossier and the audit head")
{
    setup();
    char ref[PK_REF_MAX];
    make(false, ref);
    CU_ASSERT_EQUAL(rows("dossier"), 1);
    CU_ASSERT_EQUAL(rows("event"), 0);
    CU_ASSERT_EQUAL(rows("audit"), 1);
    sync_row r[4];
    int n = 0;
    CU_ASSERT_EQUAL_FATAL(store_sync_pending(db, 0, r, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(r[0].kind, "dossier");
    CU_ASSERT_STRING_EQUAL(r[0].kiosk_code, "LS01");
    CU_ASSERT_STRING_EQUAL(r[0].ref, ref);
    CU_ASSERT_EQUAL(strlen(r[0].s10), 13);
    CU_ASSERT_STRING_EQUAL(r[0].proc_code, "1.001193");
    CU_ASSERT_STRING_EQUAL(r[0].proc_name, "Đăng ký khai sinh");
    CU_ASSERT_STRING_EQUAL(r[0].agency, "UBND cấp xã");
    CU_ASSERT_STRING_EQUAL(r[0].unit_name, "Đông Kinh");
    CU_ASSERT_STRING_EQUAL(r[0].status, "registered");
    CU_ASSERT_STRING_EQUAL(r[0].from_status, "");
    CU_ASSERT_STRING_EQUAL(r[0].created_day, "2026-03-02");
    CU_ASSERT_STRING_EQUAL(r[0].expected_date, "2026-03-12");
    CU_ASSERT_EQUAL(r[0].at, cx_at("2026-03-02", 0));
    CU_ASSERT_EQUAL(r[0].key_version, 1);
    CU_ASSERT_EQUAL(r[0].fee_post, 25000);
    /* the head: the chain's last row after the seals, as stored */
    CU_ASSERT_STRING_EQUAL(r[1].kind, "audit");
    CU_ASSERT_EQUAL(r[1].audit_seq, cx_int(db, "SELECT max(seq) FROM audit"));
    CU_ASSERT_EQUAL(strlen(r[1].audit_hash), 64);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit a, sync_outbox o WHERE o.kind = 'audit'"
                               " AND a.seq = o.audit_seq AND lower(hex(a.hash)) = o.audit_hash"), 1);
    CU_ASSERT(r[0].seq < r[1].seq);
    /* a practice dossier stays on the kiosk */
    char sref[PK_REF_MAX];
    make(true, sref);
    CU_ASSERT_EQUAL(rows("dossier"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE ref = (SELECT ref FROM"
                               " dossiers WHERE sample = 1)"), 0);
    teardown();
}

/* The print jobs insert fails after the dossier, its event and their
 * outbox row were written: the whole registration rolls back. */
TEST(store_sync, rolled_back_registration, "a registration that rolls back leaves no outbox row")
{
    setup();
    CU_ASSERT_EQUAL_FATAL(cx_raw(fx.db_path, "CREATE TRIGGER no_jobs BEFORE INSERT ON print_jobs"
                                             " BEGIN SELECT RAISE(ABORT, 'no'); END;"), SQLITE_OK);
    dossier d = fx_dossier("1.001193", "Nguyễn Văn An");
    d.created_at = cx_at("2026-03-02", 0);
    CU_ASSERT_NOT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossiers"), 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox"), 0);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "DROP TRIGGER no_jobs"), SQLITE_OK);
    char ref[PK_REF_MAX];
    make(false, ref);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE kind = 'dossier'"), 1);
    teardown();
}

TEST(store_sync, every_transition_once, "every transition and incident adds exactly one event row")
{
    setup();
    char ref[PK_REF_MAX];
    make(false, ref);
    const dossier_status path[] = {ST_ACCEPTED, ST_IN_TRANSIT, ST_HANDED, ST_PROCESSING,
                                   ST_RESULT_READY, ST_RESULT_COLLECTED, ST_OUT_FOR_DELIVERY,
                                   ST_DELIVERED};
    const char *days[] = {"2026-03-02", "2026-03-02", "2026-03-03", "2026-03-04",
                          "2026-03-11", "2026-03-11", "2026-03-12", "2026-03-12"};
    for (size_t i = 0; i < PK_ARRAY_LEN(path); i++) {
        int64_t before = rows("event"), heads = rows("audit");
        step(ref, path[i], days[i]);
        CU_ASSERT_EQUAL(rows("event"), before + 1);
        CU_ASSERT_EQUAL(rows("audit"), heads + 1);   /* and its head */
    }
    /* a refused step queues nothing */
    int64_t all = cx_int(db, "SELECT count(*) FROM sync_outbox");
    transition_data bad = {.at = cx_at("2026-03-13", 1), .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "c1", "x", &bad), PK_ESTATE);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox"), all);
    CU_ASSERT_EQUAL(store_dossier_incident(db, ref, "damaged", "c1", "ướt", cx_at("2026-03-12", 1)),
                    PK_OK);
    CU_ASSERT_EQUAL(rows("event"), (int64_t)PK_ARRAY_LEN(path) + 1);
    /* the last rows carry the dossier as it is after each change */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE kind = 'event'"
                               " AND from_status = 'out_for_delivery' AND status = 'delivered'"
                               " AND completed_day = '2026-03-12' AND closed_day = '2026-03-12'"
                               " AND accepted_at > 0 AND fee_collected = 8000 AND incident = ''"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE kind = 'event'"
                               " AND from_status = 'delivered' AND status = 'delivered'"
                               " AND incident = 'damaged'"), 1);
    /* events and outbox agree one for one */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM events"),
                    cx_int(db, "SELECT count(*) FROM sync_outbox WHERE kind IN ('dossier', 'event')"));
    teardown();
}

TEST(store_sync, print_outcomes, "a print job done or failed queues its outcome once")
{
    setup();
    dossier d = fx_dossier("1.001193", "Nguyễn Văn An");
    d.created_at = cx_at("2026-03-02", 0);
    int64_t job = 0;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", &job), PK_OK);
    CU_ASSERT_EQUAL(rows("print"), 0);   /* created is not an outcome */
    CU_ASSERT_EQUAL(store_job_set(db, job, JOB_FAILED, "paper out"), PK_OK);
    CU_ASSERT_EQUAL(store_job_set(db, job, JOB_FAILED, "paper out"), PK_OK);   /* no change */
    CU_ASSERT_EQUAL(store_job_set(db, job, JOB_PRINTED, ""), PK_OK);
    CU_ASSERT_EQUAL(rows("print"), 2);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE kind = 'print'"
                               " AND status = 'print_failed' AND detail = 'receipt'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE kind = 'print'"
                               " AND status = 'printed' AND detail = 'receipt'"), 1);
    /* nor does the reason ("paper out", free text) travel */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE detail LIKE '%paper%'"), 0);
    teardown();
}

TEST(store_sync, append_only, "UPDATE and DELETE refused, except marking sent once")
{
    setup();
    char ref[PK_REF_MAX];
    make(false, ref);
    CU_ASSERT_EQUAL(exec("UPDATE sync_outbox SET status = 'returned'"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(exec("UPDATE sync_outbox SET ref = 'LS01-999999' WHERE kind = 'dossier'"),
                    SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(exec("UPDATE sync_outbox SET seq = seq + 100"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(exec("UPDATE sync_outbox SET sent = 1, at = 5"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(exec("DELETE FROM sync_outbox"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(exec("UPDATE sync_outbox SET sent_at = 7 WHERE sent = 0"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE sent = 0"), 2);
    /* marking sent is the one change allowed, once */
    CU_ASSERT_EQUAL(exec("UPDATE sync_outbox SET sent = 1, sent_at = 9"), SQLITE_OK);
    CU_ASSERT_EQUAL(exec("UPDATE sync_outbox SET sent = 0"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(exec("UPDATE sync_outbox SET sent = 1, sent_at = 10"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE sent = 1 AND sent_at = 9"), 2);
    teardown();
}

TEST(store_sync, no_personal_data, "no name, ID number, phone, street or clerk note leaves")
{
    setup();
    char ref[PK_REF_MAX];
    make(false, ref);
    step(ref, ST_ACCEPTED, "2026-03-02");   /* its note holds a phone number */
    step(ref, ST_IN_TRANSIT, "2026-03-02");
    const char *secrets[] = {"Nguyễn", "020095001234", "1234", "0912345678", "Trần Đăng Ninh",
                             "gọi", "c1"};
    for (size_t i = 0; i < PK_ARRAY_LEN(secrets); i++) {
        sqlite3_stmt *q = NULL;
        CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn, "SELECT * FROM sync_outbox", -1, &q,
                                                 NULL), SQLITE_OK);
        int hits = 0;
        while (sqlite3_step(q) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(q); c++) {
                const char *t = (const char *)sqlite3_column_text(q, c);
                /* the audit hash is hex: digits may occur there by chance */
                if (t && strstr(t, secrets[i]) &&
                    strcmp(sqlite3_column_name(q, c), "audit_hash") != 0)
                    hits++;
            }
        sqlite3_finalize(q);
        CU_ASSERT_EQUAL(hits, 0);
    }
    teardown();
}

TEST(store_sync, pending_batches_and_lag, "pending in batches after a seq, marked sent, the lag")
{
    setup();
    sync_lag lag;
    CU_ASSERT_EQUAL_FATAL(store_sync_lag(db, &lag), PK_OK);
    CU_ASSERT_EQUAL(lag.pending, 0);
    CU_ASSERT_EQUAL(lag.last_ok_at, 0);   /* never */
    CU_ASSERT_EQUAL(lag.last_try_at, 0);
    char ref[PK_REF_MAX];
    for (int i = 0; i < 3; i++)
        make(false, ref);   /* 3 x (dossier + head) */
    sync_row r[4];
    int n = 0;
    CU_ASSERT_EQUAL_FATAL(store_sync_pending(db, 0, r, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    int64_t fourth = r[3].seq;
    CU_ASSERT_EQUAL(store_sync_pending(db, fourth, r, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT(r[0].seq > fourth);
    CU_ASSERT_EQUAL(store_sync_pending(db, 0, r, 0, &n), PK_EINVAL);
    CU_ASSERT_EQUAL(store_sync_pending(db, -1, r, 4, &n), PK_EINVAL);
    CU_ASSERT_EQUAL(store_sync_failed(db, 1000, "could not connect to server: No such file\n"
                                                "\tIs the server running locally?"), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_sync_lag(db, &lag), PK_OK);
    CU_ASSERT_EQUAL(lag.pending, 6);
    CU_ASSERT_EQUAL(lag.oldest_pending_at, cx_at("2026-03-02", 0));
    CU_ASSERT_EQUAL(lag.last_ok_at, 0);
    CU_ASSERT_EQUAL(lag.last_try_at, 1000);
    CU_ASSERT_STRING_EQUAL(lag.last_error, "could not connect to server: No such file");
    /* the first batch sent */
    CU_ASSERT_EQUAL(store_sync_mark_sent(db, fourth, 2000), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_sync_lag(db, &lag), PK_OK);
    CU_ASSERT_EQUAL(lag.pending, 2);
    CU_ASSERT_EQUAL(lag.last_ok_at, 2000);
    CU_ASSERT_STRING_EQUAL(lag.last_error, "");
    CU_ASSERT_EQUAL(store_sync_pending(db, 0, r, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(r[0].seq, fourth + 1);
    /* marking again what is sent changes nothing and is no error */
    CU_ASSERT_EQUAL(store_sync_mark_sent(db, fourth, 3000), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT max(sent_at) FROM sync_outbox"), 2000);
    CU_ASSERT_EQUAL(store_sync_mark_sent(db, -1, 3000), PK_EINVAL);
    CU_ASSERT_EQUAL(store_sync_mark_sent(db, lag.last_seq, 4000), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_sync_lag(db, &lag), PK_OK);
    CU_ASSERT_EQUAL(lag.pending, 0);
    CU_ASSERT_EQUAL(lag.oldest_pending_at, 0);
    CU_ASSERT_EQUAL(lag.last_seq, cx_int(db, "SELECT max(seq) FROM sync_outbox"));
    /* the key version recorded at start is stamped on later rows */
    CU_ASSERT_EQUAL(store_sync_key_version(db, 3), PK_OK);
    CU_ASSERT_EQUAL(store_sync_key_version(db, 0), PK_EINVAL);
    make(false, ref);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT key_version FROM sync_outbox WHERE kind = 'dossier'"
                               " ORDER BY seq DESC LIMIT 1"), 3);
    teardown();
}

/* A database of schema version 8 with history: the migration queues it. */
TEST(store_sync, upgrade_queues_history, "an upgraded kiosk queues its dossiers and events")
{
    setup();
    char a[PK_REF_MAX], b[PK_REF_MAX], c[PK_REF_MAX];
    make(false, a);
    make(false, b);
    make(true, c);
    step(a, ST_ACCEPTED, "2026-03-02");
    store_close(db);
    db = NULL;
    /* back to the version before the sync outbox (later migrations are
     * idempotent and run again) */
    int last = store_migrations[store_migrations_count - 1].version, sync = last;
    for (int i = 0; i < store_migrations_count; i++)
        if (store_migrations[i].sql == store_schema_sync)
            sync = store_migrations[i].version;
    char undo[400];
    snprintf(undo, sizeof undo, "DROP TRIGGER sync_on_event; DROP TRIGGER sync_on_print;"
                                "DROP TABLE sync_outbox; DROP TABLE sync_status;"
                                "DELETE FROM sqlite_sequence WHERE name = 'sync_outbox';"
                                "PRAGMA user_version = %d;", sync - 1);
    CU_ASSERT_EQUAL_FATAL(cx_raw(fx.db_path, undo), SQLITE_OK);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "PRAGMA user_version"), last);
    CU_ASSERT_EQUAL(rows("dossier"), 2);
    CU_ASSERT_EQUAL(rows("event"), 1);
    CU_ASSERT_EQUAL(rows("audit"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sync_outbox WHERE kind = 'audit' AND audit_seq ="
                               " (SELECT max(seq) FROM audit) AND seq = (SELECT max(seq) FROM"
                               " sync_outbox)"), 1);
    /* dossiers before their events */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT max(seq) FROM sync_outbox WHERE kind = 'dossier'") <
                    cx_int(db, "SELECT min(seq) FROM sync_outbox WHERE kind = 'event'"), 1);
    teardown();
}
/* The VM steps the head check of the last commit took (the cached
 * statement that queues the head). */
static int head_steps(void)
{
    for (sqlite3_stmt *q = sqlite3_next_stmt(db->conn, NULL); q; q = sqlite3_next_stmt(db->conn, q))
        if (strstr(sqlite3_sql(q), "SELECT kind <> 'audit' FROM sync_outbox"))
            return sqlite3_stmt_status(q, SQLITE_STMTSTATUS_VM_STEP, 1);
    return -1;
}

TEST(store_sync, heads_read_last_row, "the head check reads the outbox's last row, with no index to write")
{
    /* an index over every row's kind, then one of the heads alone, made
     * each dossier's transaction write a page of it (issue 18: WAL pages
     * per insert); the head check needs the outbox's last row only, so its
     * work does not grow with the outbox */
    setup();
    char ref[PK_REF_MAX];
    make(false, ref);
    make(false, ref);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM pragma_index_list('sync_outbox')"
                               " WHERE partial = 0"), 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                               " AND tbl_name = 'sync_outbox' AND sql IS NOT NULL"
                               " AND name <> 'sync_outbox_pending'"), 0);
    /* nothing looks print jobs up by reference: no index to write */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM pragma_index_info('print_jobs_by_ref')"), 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM print_jobs"), 2);
    /* one head per registration, as before */
    CU_ASSERT_EQUAL(rows("audit"), 2);
    CU_ASSERT_EQUAL(rows("dossier"), 2);
    head_steps();
    make(false, ref);
    int small = head_steps();
    CU_ASSERT(small > 0);
    for (int i = 0; i < 60; i++)
        make(false, ref);
    head_steps();
    make(false, ref);
    CU_ASSERT_EQUAL(head_steps(), small);   /* 3 rows or 130 before it: the same work */
    CU_ASSERT_EQUAL(rows("audit"), 64);
    /* a transaction that queues nothing adds no head */
    CU_ASSERT_EQUAL(store_setting_set(db, "some_setting", "1"), PK_OK);
    CU_ASSERT_EQUAL(rows("audit"), 64);
    teardown();
}

SUITE(store_sync, NULL, NULL);
