/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk store: accounts, sign-in and lockout, the audit chain catching
 * edited and deleted events, handover records (the queue search:
 * test_store_queue.c). */
#include <sys/wait.h>
#include <unistd.h>

#include "clerk_fixture.h"
#include "store_internal.h"
#include "text.h"
#include "unit.h"

static fx_dir fx;
static store *db;
static auth_ctx ax;

static void setup(void)
{
    db = cx_open(&fx);
    cx_auth(&ax);
}

static void teardown(void)
{
    cx_close(&db, &fx);
}

static void add_clerk(const char *id, clerk_role role, const char *pin)
{
    clerk_account c;
    memset(&c, 0, sizeof c);
    str_copy(c.id, sizeof c.id, id);
    str_copy(c.name, sizeof c.name, "Hoàng Thị Lan");
    c.role = role;
    CU_ASSERT_EQUAL_FATAL(auth_pin_hash_for(&ax, id, pin, c.pin_hash), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_clerk_add(db, &c, "install", 1000), PK_OK);
}


TEST(store_clerk, schema_v2, "schema v2, append-only tables")
{
    setup();
    CU_ASSERT_EQUAL(store_schema_version(db), store_migrations[store_migrations_count - 1].version);
    /* the audit log and the events refuse change through the store's own connection */
    CU_ASSERT_EQUAL(store_audit_append(db, 5, "nv01", "test", "", "x=1"), PK_OK);
    CU_ASSERT_NOT_EQUAL(sqlite3_exec(db->conn, "UPDATE audit SET detail = 'y'", NULL, NULL, NULL),
                        SQLITE_OK);
    CU_ASSERT_NOT_EQUAL(sqlite3_exec(db->conn, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
    char ref[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Lê Văn Bình", "020095004321", "0987654321",
                                     FORM_BOTH, "2026-03-02", "2026-03-12", ref), PK_OK);
    CU_ASSERT_NOT_EQUAL(sqlite3_exec(db->conn, "UPDATE events SET note = 'x'", NULL, NULL, NULL),
                        SQLITE_OK);
    CU_ASSERT_NOT_EQUAL(sqlite3_exec(db->conn, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
    /* the kiosk's creation event went into the chain in its own transaction */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'event'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE detail LIKE '%Bình%'"
                              " OR detail LIKE '%020095004321%'"), 0);
    teardown();
}

TEST(store_clerk, accounts, "accounts")
{
    setup();
    CU_ASSERT_EQUAL(store_clerk_count(db, ROLE_SUPERVISOR), 0);
    add_clerk("sup1", ROLE_SUPERVISOR, "480215");
    add_clerk("nv01", ROLE_CLERK, "735102");
    CU_ASSERT_EQUAL(store_clerk_count(db, ROLE_SUPERVISOR), 1);
    CU_ASSERT_EQUAL(store_clerk_count(db, -1), 2);
    clerk_account c, dup;
    CU_ASSERT_EQUAL(store_clerk_get(db, "nv01", &c), PK_OK);
    CU_ASSERT_EQUAL(c.role, ROLE_CLERK);
    CU_ASSERT_STRING_EQUAL(c.name, "Hoàng Thị Lan");
    CU_ASSERT_TRUE(auth_pin_verify_for(&ax, "nv01", c.pin_hash, "735102"));
    dup = c;
    CU_ASSERT_EQUAL(store_clerk_add(db, &dup, "sup1", 1001), PK_EEXISTS);
    str_copy(dup.id, sizeof dup.id, "x'; DROP TABLE clerks;--");
    CU_ASSERT_EQUAL(store_clerk_add(db, &dup, "sup1", 1001), PK_EINVAL);
    str_copy(dup.id, sizeof dup.id, "nv02");
    str_copy(dup.pin_hash, sizeof dup.pin_hash, "480215");   /* never a plain PIN */
    CU_ASSERT_EQUAL(store_clerk_add(db, &dup, "sup1", 1001), PK_EINVAL);
    CU_ASSERT_EQUAL(store_clerk_get(db, "nobody", &c), PK_ENOTFOUND);
    /* new PIN */
    char h[AUTH_HASH_MAX];
    CU_ASSERT_EQUAL(auth_pin_hash_for(&ax, "nv01", "902817", h), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_set_pin(db, "nv01", h, "sup1", 1002), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_get(db, "nv01", &c), PK_OK);
    CU_ASSERT_TRUE(auth_pin_verify_for(&ax, "nv01", c.pin_hash, "902817"));
    CU_ASSERT_EQUAL(store_clerk_set_pin(db, "ghost", h, "sup1", 1002), PK_ENOTFOUND);
    /* the last supervisor cannot be disabled; a clerk can */
    CU_ASSERT_EQUAL(store_clerk_disable(db, "sup1", "sup1", 1003), PK_EPERM);
    CU_ASSERT_EQUAL(store_clerk_disable(db, "nv01", "sup1", 1003), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_get(db, "nv01", &c), PK_OK);
    CU_ASSERT_TRUE(c.disabled);
    CU_ASSERT_EQUAL(store_clerk_count(db, -1), 1);
    clerk_account all[4];
    int n = 0;
    CU_ASSERT_EQUAL(store_clerk_list(db, all, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action LIKE 'clerk_%'"), 4);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE detail LIKE '%902817%'"), 0);
    teardown();
}

TEST(store_clerk, sign_in_and_lockout, "sign-in, lockout, expiry, restart")
{
    setup();
    add_clerk("nv01", ROLE_CLERK, "735102");
    clerk_session s;
    int64_t left = -1, t0 = 1767225600;
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "735102", t0, 120, &s, &left), PK_OK);
    CU_ASSERT_TRUE(s.active);
    CU_ASSERT_STRING_EQUAL(s.id, "nv01");
    CU_ASSERT_EQUAL(s.role, ROLE_CLERK);
    CU_ASSERT_EQUAL(left, 0);
    CU_ASSERT_EQUAL(store_clerk_sign_out(db, &s, "idle", t0 + 5), PK_OK);
    /* four wrong PINs: not locked yet */
    for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++) {
        CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "111112", t0 + 10 + i, 120, &s, &left),
                        PK_EPERM);
        CU_ASSERT_EQUAL(left, 0);
    }
    /* the fifth locks for five minutes */
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "111112", t0 + 20, 120, &s, &left), PK_EPERM);
    CU_ASSERT_EQUAL(left, AUTH_LOCK_SECONDS);
    /* the lock survives a restart of the program */
    store_close(db);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    /* even the right PIN is refused while locked */
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "735102", t0 + 100, 120, &s, &left),
                    PK_EPERM);
    CU_ASSERT_EQUAL(left, AUTH_LOCK_SECONDS - 80);
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "735102", t0 + 20 + AUTH_LOCK_SECONDS - 1,
                                        120, &s, &left), PK_EPERM);
    CU_ASSERT_EQUAL(left, 1);
    /* expired: the right PIN works and the count starts over */
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "735102", t0 + 20 + AUTH_LOCK_SECONDS,
                                        120, &s, &left), PK_OK);
    clerk_account c;
    CU_ASSERT_EQUAL(store_clerk_get(db, "nv01", &c), PK_OK);
    CU_ASSERT_EQUAL(c.lock.failures, 0);
    CU_ASSERT_EQUAL(c.lock.locked_until, 0);
    CU_ASSERT_EQUAL(c.last_login, t0 + 20 + AUTH_LOCK_SECONDS);
    /* unknown id and a wrong pepper: refused, logged */
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "ghost", "735102", t0 + 900, 120, &s, &left),
                    PK_EPERM);
    auth_ctx other;
    cx_auth(&other);
    other.pepper[0] ^= 1;
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &other, "nv01", "735102", t0 + 901, 120, &s, &left),
                    PK_EPERM);
    /* a disabled account is refused with its right PIN */
    add_clerk("sup1", ROLE_SUPERVISOR, "480215");
    CU_ASSERT_EQUAL(store_clerk_disable(db, "nv01", "sup1", t0 + 902), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "735102", t0 + 903, 120, &s, &left),
                    PK_EPERM);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'login'"), 2);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'login_failed'"), 7);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'login_locked'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'login_refused_locked'"), 2);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'logout'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE detail LIKE '%735102%'"
                              " OR object LIKE '%735102%' OR detail LIKE '%111112%'"), 0);
    teardown();
}

enum { RACE_T0 = 1767225600 };

/* One wrong PIN for nv01: 0 when it is refused as it should be. */
static int sign_in_wrong(store *mine, int i, void *arg)
{
    (void)i;
    (void)arg;
    clerk_session sess;
    int64_t left = 0;
    pk_err e = store_clerk_sign_in(mine, &ax, "nv01", "111112", RACE_T0 + 1, 120, &sess, &left);
    return e == PK_EPERM ? 0 : 20 + (int)e;
}

/* Item 8 of issue 11: twenty processes sign in at once with wrong PINs.
 * The lock must hold across processes: at most AUTH_MAX_FAILURES PINs are
 * checked (one audit row each), every other attempt is refused unchecked,
 * and afterwards the right PIN is refused while the lock lasts. */
TEST(store_clerk, parallel_sign_ins_respect_the_lock, "parallel sign-ins respect the lock")
{
    setup();
    add_clerk("nv01", ROLE_CLERK, "735102");
    enum { N = 20 };
    int codes[N];
    fx_race(fx.db_path, N, sign_in_wrong, NULL, codes);
    int bad = 0;
    for (int i = 0; i < N; i++)
        bad += codes[i] != 0;
    CU_ASSERT_EQUAL(bad, 0);
    int64_t checked = cx_int(db, "SELECT count(*) FROM audit WHERE action IN ('login_failed',"
                                " 'login_locked')");
    CU_ASSERT_EQUAL(checked, AUTH_MAX_FAILURES);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'login_locked'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'login_refused_locked'"),
                    N - AUTH_MAX_FAILURES);
    clerk_session s;
    memset(&s, 0, sizeof s);
    int64_t left = 0;
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "735102", RACE_T0 + 2, 120, &s, &left),
                    PK_EPERM);
    CU_ASSERT_FALSE(s.active && strcmp(s.id, "nv01") == 0);
    CU_ASSERT_EQUAL(left, AUTH_LOCK_SECONDS - 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'login'"), 0);
    teardown();
}

/* A crash between the reservation and the answer leaves the attempt
 * counted: the count is written before the PIN is checked. */
TEST(store_clerk, attempt_is_counted_before_the_check, "an attempt is counted before the PIN check")
{
    setup();
    add_clerk("nv01", ROLE_CLERK, "735102");
    clerk_session s;
    int64_t left = 0, t0 = 1767225600;
    for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++)
        CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "111112", t0 + i, 120, &s, &left),
                        PK_EPERM);
    /* the fifth try is the right PIN: it is checked (the reservation set
     * the lock) and a success clears it */
    CU_ASSERT_EQUAL(store_clerk_sign_in(db, &ax, "nv01", "735102", t0 + 10, 120, &s, &left),
                    PK_OK);
    clerk_account c;
    CU_ASSERT_EQUAL(store_clerk_get(db, "nv01", &c), PK_OK);
    CU_ASSERT_EQUAL(c.lock.failures, 0);
    CU_ASSERT_EQUAL(c.lock.locked_until, 0);
    teardown();
}

/* A clerk works: accept, reject, lookup. Then the file is edited behind
 * the store's back through a raw connection with the triggers dropped. */
static void work_some(char refs[3][PK_REF_MAX])
{
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234",
                                         "0912345678", FORM_BOTH, "2026-03-02", "2026-03-12",
                                         refs[i]), PK_OK);
    transition_data td = {.at = cx_at("2026-03-03", 0), .seal_no = "NP-0001", .fee_collected = 8000};
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[0], ST_ACCEPTED, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[1], ST_COUNTER_REJECTED, "nv01",
                                             "Thiếu giấy chứng sinh", &td), PK_OK);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_lookup(db, refs[2], "nv01", td.at, &d), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.id_number, "020095001234");
}

TEST(store_clerk, audit_intact, "audit chain intact")
{
    setup();
    char refs[3][PK_REF_MAX];
    work_some(refs);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_EQUAL(r.fault, AUDIT_OK);
    CU_ASSERT_EQUAL(r.events, 5);   /* 3 created, 1 accepted, 1 rejected */
    /* the 3 dossiers and the settings, each against its last seal */
    CU_ASSERT_EQUAL(r.seals, 3 + cx_int(db, "SELECT count(*) FROM settings"));
    /* the key marker, the settings' seals, each event and the seal of its
     * dossier, the lookup: every row walked */
    CU_ASSERT_EQUAL(r.count, cx_int(db, "SELECT count(*) FROM audit"));
    CU_ASSERT_EQUAL(r.head_seq, r.count);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action <> 'seal'"), 7);
    CU_ASSERT_EQUAL(strlen(r.head_hex), 64);
    teardown();
}

/* A fresh store with work_some done, then sql run behind the store's back
 * (dropping the trigger in its way): the audit must call it tampering.
 * Returns what the audit found (the store is closed again). */
static audit_check tampered(const char *sql)
{
    setup();
    char refs[3][PK_REF_MAX];
    work_some(refs);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    teardown();
    return r;
}

TEST(store_clerk, audit_catches_edited_event, "audit catches an edited event")
{
    audit_check r = tampered("DROP TRIGGER events_no_update;"
                             "UPDATE events SET note = 'Đủ giấy tờ' WHERE seq = 5;");
    CU_ASSERT_EQUAL(r.fault, AUDIT_EVENT_EDITED);
    CU_ASSERT_EQUAL(r.bad_event, 5);
    CU_ASSERT_TRUE(r.bad_seq >= 5);
    /* the actor changed, nothing else */
    r = tampered("DROP TRIGGER events_no_update; UPDATE events SET actor = 'nv99' WHERE seq = 4;");
    CU_ASSERT_EQUAL(r.fault, AUDIT_EVENT_EDITED);
    CU_ASSERT_EQUAL(r.bad_event, 4);
}

TEST(store_clerk, audit_catches_deleted_event, "audit catches a deleted event")
{
    setup();
    char refs[3][PK_REF_MAX];
    work_some(refs);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "DROP TRIGGER events_no_delete;"
                                  "DELETE FROM events WHERE seq = 2;"), SQLITE_OK);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_EVENT_MISSING);
    CU_ASSERT_EQUAL(r.bad_event, 2);
    CU_ASSERT_EQUAL(r.bad_seq, cx_int(db, "SELECT seq FROM audit WHERE event_seq = 2"));
    teardown();
}

TEST(store_clerk, audit_catches_edited_and_deleted_rows, "audit catches edited and deleted rows")
{
    audit_check r = tampered("DROP TRIGGER audit_no_update;"
                             "UPDATE audit SET actor = 'nv02' WHERE seq = 6;");
    CU_ASSERT_EQUAL(r.fault, AUDIT_HASH);
    CU_ASSERT_EQUAL(r.bad_seq, 6);
    r = tampered("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3;");
    CU_ASSERT_EQUAL(r.fault, AUDIT_GAP);
    CU_ASSERT_EQUAL(r.bad_seq, 3);
    /* a mirror row turned into something else */
    r = tampered("DROP TRIGGER audit_no_update;"
                 "UPDATE audit SET event_seq = NULL, action = 'x' WHERE seq = 1;");
    CU_ASSERT_EQUAL(r.bad_seq, 1);
}

TEST(store_clerk, audit_catches_inserted_event, "audit catches an event written behind its back")
{
    setup();
    char refs[3][PK_REF_MAX];
    work_some(refs);
    /* a forged event written behind the store's back ... */
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "INSERT INTO events(dossier_id, at, actor, from_status, to_status,"
                                  " note) VALUES(1, 5, 'nv01', 'accepted', 'handed', '')"), SQLITE_OK);
    /* ... is not legitimised by the next honest write */
    transition_data td = {.at = cx_at("2026-03-04", 0), .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, refs[2], ST_CANCELLED, "nv01", "Không đến", &td),
                    PK_OK);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(r.fault, AUDIT_EVENT_UNCHAINED);
    CU_ASSERT_EQUAL(r.bad_event, 6);
    teardown();
    /* the upgrade path: events that existed before the audit log are
     * chained once, then everything verifies */
    setup();
    work_some(refs);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "INSERT INTO events(dossier_id, at, actor, from_status, to_status,"
                                  " note) VALUES(2, 5, 'kiosk', '', 'registered', '')"), SQLITE_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_ETAMPER);
    CU_ASSERT_EQUAL(store_audit_chain_pending(db), PK_OK);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_EQUAL(r.events, 6);
    teardown();
}

TEST(store_clerk, handover_record, "handover record")
{
    setup();
    char r[4][PK_REF_MAX], other[PK_REF_MAX], reg[PK_REF_MAX];
    transition_data td = {.at = cx_at("2026-03-03", 0), .seal_no = "NP-1", .fee_collected = 8000};
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Phạm Văn Tú", "020095001234", "0912345678",
                                         i == 3 ? FORM_RETURN : FORM_BOTH, "2026-03-02",
                                         "2026-03-12", r[i]), PK_OK);
        char seal[16];   /* a seal is used once */
        snprintf(seal, sizeof seal, "NP-%d", i + 1);
        td.seal_no = seal;
        CU_ASSERT_EQUAL(store_dossier_transition(db, r[i], ST_ACCEPTED, "nv01", "", &td), PK_OK);
    }
    td.seal_no = "NP-5";
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "4.000001", "Phạm Văn Tú", "020095001234", "0912345678",
                                     FORM_BOTH, "2026-03-02", "2026-03-12", other), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_transition(db, other, ST_ACCEPTED, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Phạm Văn Tú", "020095001234", "0912345678",
                                     FORM_BOTH, "2026-03-02", "2026-03-12", reg), PK_OK);
    char ag[4][PK_TEXT_MAX];
    int counts[4], n = 0;
    CU_ASSERT_EQUAL(store_handover_agencies(db, ag, counts, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    handover_line lines[8];
    CU_ASSERT_EQUAL(store_handover_candidates(db, "UBND cấp xã", lines, 8, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 3);   /* the return-only dossier never goes to the agency by post */
    CU_ASSERT_EQUAL(lines[0].ndocs, 1);
    CU_ASSERT_EQUAL(lines[0].noriginals, 1);
    CU_ASSERT_STRING_EQUAL(lines[0].seal_no, "NP-1");
    handover h;
    int nh = 0;
    /* one foreign dossier spoils the whole record: nothing changes */
    const char *mixed[] = {r[0], other};
    CU_ASSERT_EQUAL(store_handover_create(db, "UBND cấp xã", mixed, 2, "nv01", "LS01", NULL,
                                          cx_at("2026-03-04", 0), &h, 1, &nh), PK_EINVAL);
    const char *notyet[] = {r[0], reg};
    CU_ASSERT_EQUAL(store_handover_create(db, "UBND cấp xã", notyet, 2, "nv01", "LS01", NULL,
                                          cx_at("2026-03-04", 0), &h, 1, &nh), PK_ESTATE);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_get(db, r[0], &d), PK_OK);
    CU_ASSERT_EQUAL(d.status, ST_ACCEPTED);
    const char *two[] = {r[0], r[1]};
    CU_ASSERT_EQUAL_FATAL(store_handover_create(db, "UBND cấp xã", two, 2, "nv01", "LS01", NULL,
                                                cx_at("2026-03-04", 0), &h, 1, &nh), PK_OK);
    CU_ASSERT_EQUAL(nh, 1);   /* one commune: one record */
    CU_ASSERT_STRING_EQUAL(h.no, "BB-LS01-20260304-001");
    CU_ASSERT_EQUAL(h.ndossiers, 2);
    CU_ASSERT_EQUAL(h.ndocs, 2);
    CU_ASSERT_EQUAL(h.noriginals, 2);
    CU_ASSERT_EQUAL(store_dossier_get(db, r[1], &d), PK_OK);
    CU_ASSERT_EQUAL(d.status, ST_HANDED);
    dossier_extra x;
    CU_ASSERT_EQUAL(store_dossier_extra(db, r[1], &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.handover_no, h.no);
    CU_ASSERT_EQUAL(x.handed_at, cx_at("2026-03-04", 0));
    handover h2;
    CU_ASSERT_EQUAL(store_handover_lines(db, h.no, &h2, lines, 8, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_STRING_EQUAL(lines[0].ref, r[0]);
    CU_ASSERT_STRING_EQUAL(h2.agency, "UBND cấp xã");
    CU_ASSERT_EQUAL(store_handover_set_file(db, h.no, "/tmp/x.txt"), PK_OK);
    CU_ASSERT_EQUAL(store_handover_set_file(db, "BB-NONE", "/tmp/x.txt"), PK_ENOTFOUND);
    /* the second record of the day gets the next number */
    const char *one[] = {r[2]};
    CU_ASSERT_EQUAL(store_handover_create(db, "UBND cấp xã", one, 1, "nv01", "LS01", NULL,
                                          cx_at("2026-03-04", 1), &h, 1, &nh), PK_OK);
    CU_ASSERT_STRING_EQUAL(h.no, "BB-LS01-20260304-002");
    audit_check ac;
    CU_ASSERT_EQUAL(store_audit_verify(db, &ac), PK_OK);
    teardown();
}

/* A dossier of proc in the commune named unit (no unit row: the name the
 * kiosk stored), accepted with its own seal. */
static void accepted_in(const char *proc, const char *unit, const char *seal, char ref[PK_REF_MAX])
{
    dossier d = fx_dossier(proc, "Phạm Văn Tú");
    str_copy(d.unit_name, sizeof d.unit_name, unit);
    d.created_at = cx_at("2026-03-02", 0);
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    str_copy(ref, PK_REF_MAX, d.ref);
    transition_data td = {.at = cx_at("2026-03-03", 0), .seal_no = seal, .fee_collected = 8000};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", &td), PK_OK);
}

TEST(store_clerk, handover_split_by_commune, "a commune-level agency: one stored record per commune, each its own number and dossiers; another agency: one record")
{
    setup();
    char a1[PK_REF_MAX], b1[PK_REF_MAX], a2[PK_REF_MAX], p1[PK_REF_MAX], p2[PK_REF_MAX];
    accepted_in("1.001193", "Đông Kinh", "NP-11", a1);
    accepted_in("1.001193", "Yên Trạch", "NP-12", b1);
    accepted_in("1.001193", "Đông Kinh", "NP-13", a2);
    accepted_in("4.000001", "Đông Kinh", "NP-14", p1);
    accepted_in("4.000001", "Yên Trạch", "NP-15", p2);
    handover h[4];
    int nh = -1;
    const char *three[] = {a1, b1, a2};
    /* room for one record only: two are needed, nothing is made */
    CU_ASSERT_EQUAL(store_handover_create(db, "UBND cấp xã", three, 3, "nv01", "LS01", NULL,
                                          cx_at("2026-03-04", 0), h, 1, &nh), PK_EINVAL);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_get(db, a1, &d), PK_OK);
    CU_ASSERT_EQUAL(d.status, ST_ACCEPTED);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM handovers"), 0);
    CU_ASSERT_EQUAL_FATAL(store_handover_create(db, "UBND cấp xã", three, 3, "nv01", "LS01", NULL,
                                                cx_at("2026-03-04", 0), h, 4, &nh), PK_OK);
    CU_ASSERT_EQUAL_FATAL(nh, 2);
    CU_ASSERT_STRING_EQUAL(h[0].no, "BB-LS01-20260304-001");
    CU_ASSERT_STRING_EQUAL(h[1].no, "BB-LS01-20260304-002");
    CU_ASSERT_STRING_EQUAL(h[0].receiver, "UBND Đông Kinh");
    CU_ASSERT_STRING_EQUAL(h[1].receiver, "UBND Yên Trạch");
    CU_ASSERT_STRING_EQUAL(h[0].agency, "UBND cấp xã");
    CU_ASSERT_EQUAL(h[0].ndossiers, 2);
    CU_ASSERT_EQUAL(h[1].ndossiers, 1);
    CU_ASSERT_EQUAL(h[0].ndocs, 2);
    /* each stored record lists only its own dossiers */
    handover_line lines[8];
    handover back;
    int n = 0;
    CU_ASSERT_EQUAL(store_handover_lines(db, h[0].no, &back, lines, 8, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(lines[0].ref, a1);
    CU_ASSERT_STRING_EQUAL(lines[1].ref, a2);
    CU_ASSERT_STRING_EQUAL(back.receiver, "UBND Đông Kinh");
    CU_ASSERT_EQUAL(back.ndossiers, 2);
    CU_ASSERT_EQUAL(store_handover_lines(db, h[1].no, &back, lines, 8, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(lines[0].ref, b1);
    CU_ASSERT_STRING_EQUAL(back.receiver, "UBND Yên Trạch");
    dossier_extra x;
    CU_ASSERT_EQUAL(store_dossier_extra(db, b1, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.handover_no, h[1].no);
    CU_ASSERT_EQUAL(store_dossier_extra(db, a2, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.handover_no, h[0].no);
    /* a province agency gets one record whatever the communes */
    const char *prov[] = {p1, p2};
    CU_ASSERT_EQUAL_FATAL(store_handover_create(db, "Công an tỉnh Lạng Sơn", prov, 2, "nv01", "LS01",
                                                NULL, cx_at("2026-03-04", 1), h, 4, &nh), PK_OK);
    CU_ASSERT_EQUAL(nh, 1);
    CU_ASSERT_STRING_EQUAL(h[0].no, "BB-LS01-20260304-003");
    CU_ASSERT_EQUAL(h[0].ndossiers, 2);
    CU_ASSERT_STRING_EQUAL(h[0].receiver, "Công an tỉnh Lạng Sơn");
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM handovers"), 3);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'handover'"), 3);
    teardown();
}

/* A record stored before the split (no receiver column) stays readable
 * after the migration, named by its agency; the migration runs twice. */
TEST(store_clerk, handover_migration_keeps_old_records, "handover records made before the commune split stay readable")
{
    setup();
    char a1[PK_REF_MAX];
    accepted_in("1.001193", "Đông Kinh", "NP-21", a1);
    handover h;
    int nh = 0;
    const char *one[] = {a1};
    CU_ASSERT_EQUAL_FATAL(store_handover_create(db, "UBND cấp xã", one, 1, "nv01", "LS01", NULL,
                                                cx_at("2026-03-04", 0), &h, 1, &nh), PK_OK);
    store_close(db);
    db = NULL;
    /* as an older kiosk left it: no receiver column, at the version before */
    /* the version before the receiver column, wherever later migrations
     * put it in the list */
    int before = 0;
    for (int i = 0; i < store_migrations_count; i++)
        if (store_migrations[i].fn == store_handover_receiver_upgrade)
            before = store_migrations[i].version - 1;
    CU_ASSERT_FATAL(before > 0);
    char sql[96];
    snprintf(sql, sizeof sql, "ALTER TABLE handovers DROP COLUMN receiver; PRAGMA user_version = %d;",
             before);
    CU_ASSERT_EQUAL_FATAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    handover back;
    handover_line lines[2];
    int n = 0;
    CU_ASSERT_EQUAL(store_handover_lines(db, h.no, &back, lines, 2, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(back.receiver, "UBND cấp xã");   /* the agency, as it was written */
    store_close(db);
    db = NULL;
    /* once more from the version before: the column is there already */
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", before);
    CU_ASSERT_EQUAL_FATAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(store_handover_lines(db, h.no, &back, lines, 2, &n), PK_OK);
    teardown();
}

SUITE(store_clerk, NULL, NULL);
