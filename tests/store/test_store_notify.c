/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The notification outbox: queued in the event's transaction only for
 * consenting citizens, one row per contact; claimed before sending, in
 * order per dossier and channel; failures back off and are given up; a
 * crashed sender's row is claimed again, and its late record refused;
 * destinations cleared once done and by purge. */
#include "clerk_fixture.h"
#include "dossier.h"
#include "store_internal.h"
#include "store_notify.h"
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


/* A dossier registered on 2026-03-02 (expected 2026-03-12). */
static void make(bool consent, bool sample, const char *email, const char *lang, char ref[PK_REF_MAX])
{
    dossier d = fx_dossier("1.001193", "Nguyễn Văn An");
    d.consent_sms = d.consent_email = consent;   /* both boxes ticked */
    d.sample = sample;
    str_copy(d.email, sizeof d.email, email);
    str_copy(d.lang, sizeof d.lang, lang);
    d.created_at = cx_at("2026-03-02", 0);
    str_copy(d.expected_date, sizeof d.expected_date, "2026-03-12");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    str_copy(ref, PK_REF_MAX, d.ref);
}

static void step(const char *ref, dossier_status to, const char *ymd)
{
    transition_data td = {.at = cx_at(ymd, 0), .seal_no = "NP-1", .fee_collected = 8000,
                          .recipient_name = "Nguyễn Văn An", .recipient_id_last = "1234"};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(db, ref, to, "c1", "ghi chú", &td), PK_OK);
}

TEST(store_notify, queued_with_consent_only, "queued with consent only, one row per contact")
{
    setup();
    char a[PK_REF_MAX], b[PK_REF_MAX], c[PK_REF_MAX];
    make(true, false, "an.nguyen+hs@example.vn", "en", a);
    make(false, false, "x@example.vn", "vi", b);   /* no consent: nothing */
    make(true, true, "x@example.vn", "vi", c);     /* practice dossier: nothing */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox"), 2);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE channel = 'sms'"
                              " AND destination = '0912345678' AND event = 'registered'"
                              " AND date = '2026-03-12' AND lang = 'en'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE channel = 'email'"
                              " AND destination = 'an.nguyen+hs@example.vn'"), 1);
    /* no e-mail given: SMS only */
    char d[PK_REF_MAX];
    make(true, false, "", "vi", d);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox"), 3);
    teardown();
}

TEST(store_notify, every_step_in_its_transaction, "every step queues its message, in order")
{
    setup();
    char ref[PK_REF_MAX];
    make(true, false, "", "vi", ref);
    step(ref, ST_ACCEPTED, "2026-03-02");
    step(ref, ST_IN_TRANSIT, "2026-03-02");
    transition_data td = {.at = cx_at("2026-03-03", 0), .appointment_date = "2026-03-16",
                          .fee_collected = -1};
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(db, ref, ST_HANDED, "c1", "", &td), PK_OK);
    step(ref, ST_PROCESSING, "2026-03-04");
    step(ref, ST_RESULT_READY, "2026-03-13");
    step(ref, ST_RESULT_COLLECTED, "2026-03-13");
    step(ref, ST_OUT_FOR_DELIVERY, "2026-03-13");   /* a Friday */
    step(ref, ST_DELIVERY_FAILED, "2026-03-13");
    /* a refused step writes no message either */
    transition_data bad = {.at = cx_at("2026-03-13", 1), .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_RETURNED, "c1", "x", &bad), PK_ESTATE);
    step(ref, ST_OUT_FOR_DELIVERY, "2026-03-17");
    step(ref, ST_DELIVERED, "2026-03-17");
    CU_ASSERT_EQUAL(store_dossier_incident(db, ref, "damaged", "c1", "ướt", cx_at("2026-03-17", 1)),
                    PK_OK);
    const char *want[][2] = {{"registered", "2026-03-12"}, {"handed", "2026-03-16"},
                             {"result_ready", ""}, {"out_for_delivery", ""},
                             {"delivery_failed", "2026-03-17"},   /* two working days on */
                             {"out_for_delivery", ""}, {"delivered", ""}, {"incident", ""}};
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn, "SELECT event, date FROM notify_outbox"
                                             " ORDER BY id", -1, &q, NULL), SQLITE_OK);
    size_t i = 0;
    while (sqlite3_step(q) == SQLITE_ROW && i < PK_ARRAY_LEN(want)) {
        CU_ASSERT_STRING_EQUAL(sqlite3_column_text(q, 0), want[i][0]);
        CU_ASSERT_STRING_EQUAL(sqlite3_column_text(q, 1), want[i][1]);
        i++;
    }
    sqlite3_finalize(q);
    CU_ASSERT_EQUAL(i, PK_ARRAY_LEN(want));
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox"), (int64_t)PK_ARRAY_LEN(want));
    teardown();
}

/* The outbox insert fails: the life-cycle step is rolled back with it. */
TEST(store_notify, outbox_failure_rolls_back_step, "outbox failure rolls the step back")
{
    setup();
    char ref[PK_REF_MAX];
    make(true, false, "", "vi", ref);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(db->conn, "CREATE TEMP TRIGGER no_outbox BEFORE INSERT ON"
                                       " notify_outbox BEGIN SELECT RAISE(ABORT, 'x'); END;",
                                       NULL, NULL, NULL), SQLITE_OK);
    transition_data td = {.at = cx_at("2026-03-02", 0), .seal_no = "NP-1", .fee_collected = 0};
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "c1", "", &td), PK_OK);
    step(ref, ST_IN_TRANSIT, "2026-03-02");
    CU_ASSERT_NOT_EQUAL(store_dossier_transition(db, ref, ST_HANDED, "c1", "", &td), PK_OK);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_get(db, ref, &d), PK_OK);
    CU_ASSERT_EQUAL(d.status, ST_IN_TRANSIT);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox"), 1);
    teardown();
}

TEST(store_notify, claim_send_retry, "claim, fail, back off, crash, take over")
{
    setup();
    char a[PK_REF_MAX], b[PK_REF_MAX];
    make(true, false, "", "vi", a);
    make(true, false, "", "vi", b);
    step(a, ST_ACCEPTED, "2026-03-02");
    step(a, ST_IN_TRANSIT, "2026-03-02");
    step(a, ST_HANDED, "2026-03-03");
    int64_t now = 1000000;
    notify_msg m, m2;
    /* a's registration first */
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, "sms", "w1", now, 30, &m), PK_OK);
    CU_ASSERT_STRING_EQUAL(m.ref, a);
    CU_ASSERT_STRING_EQUAL(m.event, "registered");
    CU_ASSERT_STRING_EQUAL(m.destination, "0912345678");
    CU_ASSERT_EQUAL(m.attempts, 1);
    CU_ASSERT_EQUAL(store_notify_claim(db, "email", "w1", now, 30, &m2), PK_ENOTFOUND);
    /* a's "handed" waits for its registration: b's comes next */
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, "sms", "w1", now, 30, &m2), PK_OK);
    CU_ASSERT_STRING_EQUAL(m2.ref, b);
    int64_t bid = m2.id;
    CU_ASSERT_EQUAL(store_notify_claim(db, NULL, "w1", now, 30, &m2), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(store_notify_record(db, bid, "w1", NOTIFY_SENT, NULL, now + 1), PK_OK);
    /* a fails: back-off, then retried */
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w1", NOTIFY_FAILED, "gateway: HTTP 500", now), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE status = 'failed'"
                              " AND reason = 'gateway: HTTP 500' AND next_at = 1000060"), 1);
    CU_ASSERT_EQUAL(store_notify_claim(db, NULL, "w1", now + 59, 30, &m2), PK_ENOTFOUND);
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, NULL, "w1", now + 60, 30, &m2), PK_OK);
    CU_ASSERT_EQUAL(m2.id, m.id);
    CU_ASSERT_EQUAL(m2.attempts, 2);
    /* the sender crashes: after the lease another takes it over */
    CU_ASSERT_EQUAL(store_notify_claim(db, NULL, "w2", now + 60 + 30, 30, &m2), PK_ENOTFOUND);
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, NULL, "w2", now + 91, 30, &m2), PK_OK);
    CU_ASSERT_EQUAL(m2.id, m.id);
    CU_ASSERT_EQUAL(m2.attempts, 3);
    /* the old sender's late word is refused, the new one's kept */
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w1", NOTIFY_SENT, NULL, now + 92), PK_ESTATE);
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w2", NOTIFY_SENT, NULL, now + 92), PK_OK);
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w2", NOTIFY_SENT, NULL, now + 93), PK_ESTATE);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE status = 'sent'"
                              " AND destination = '' AND done_at = 1000092"), 1);
    /* now a's "handed" is due */
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, NULL, "w2", now + 93, 30, &m2), PK_OK);
    CU_ASSERT_STRING_EQUAL(m2.event, "handed");
    CU_ASSERT_STRING_EQUAL(m2.date, "2026-03-12");
    /* a bad destination is given up at once */
    CU_ASSERT_EQUAL(store_notify_record(db, m2.id, "w2", NOTIFY_FATAL, "not a mobile number", now + 94),
                    PK_OK);
    notify_backlog bl;
    CU_ASSERT_EQUAL(store_notify_backlog(db, &bl), PK_OK);
    CU_ASSERT_EQUAL(bl.sent, 2);
    CU_ASSERT_EQUAL(bl.given_up, 1);
    CU_ASSERT_EQUAL(bl.pending, 0);
    CU_ASSERT_EQUAL(bl.last_sent_at, now + 92);
    /* the clerk menu's line: the same waiting figures, without the sent */
    notify_backlog w;
    CU_ASSERT_EQUAL(store_notify_waiting(db, &w), PK_OK);
    CU_ASSERT_EQUAL(w.pending, 0);
    CU_ASSERT_EQUAL(w.failed, 0);
    CU_ASSERT_EQUAL(w.given_up, 1);
    CU_ASSERT_EQUAL(w.sent, 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE destination <> ''"), 0);
    teardown();
}

/* Called every second by the clerk menu: its counts must come through
 * indexes that hold only the waiting and given-up rows, not by reading the
 * sent messages, which only grow. */
TEST(store_notify, waiting_through_indexes, "waiting counts: indexed, right in every status")
{
    setup();
    char a[PK_REF_MAX], b[PK_REF_MAX];
    make(true, false, "an@example.org", "vi", a);   /* an SMS and an e-mail */
    make(true, false, "", "vi", b);                 /* an SMS */
    int64_t now = 1000000;
    notify_msg m;
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, "sms", "w", now, 30, &m), PK_OK);
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w", NOTIFY_FAILED, "down", now), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, "email", "w", now, 30, &m), PK_OK);
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w", NOTIFY_FATAL, "no such mailbox", now), PK_OK);
    notify_backlog w;
    CU_ASSERT_EQUAL_FATAL(store_notify_waiting(db, &w), PK_OK);
    CU_ASSERT_EQUAL(w.pending, 2);    /* one failed (to retry), one not tried */
    CU_ASSERT_EQUAL(w.failed, 1);
    CU_ASSERT_EQUAL(w.given_up, 1);
    const char *plans[] = {
        "EXPLAIN QUERY PLAN SELECT count(*) FROM notify_outbox WHERE status = 'given_up'",
        "EXPLAIN QUERY PLAN SELECT count(*) FROM notify_outbox WHERE status NOT IN ('sent', 'given_up')",
    };
    for (size_t i = 0; i < 2; i++) {
        sqlite3_stmt *q = NULL;
        CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn, plans[i], -1, &q, NULL), SQLITE_OK);
        bool indexed = false;
        while (sqlite3_step(q) == SQLITE_ROW) {
            const char *d = (const char *)sqlite3_column_text(q, 3);
            indexed |= d && strstr(d, "INDEX notify_outbox_") != NULL;
        }
        sqlite3_finalize(q);
        CU_ASSERT(indexed);
    }
    teardown();
}

TEST(store_notify, given_up_by_age, "a failing message is retried for days, then given up; a crashing one after 8 tries")
{
    setup();
    char a[PK_REF_MAX];
    make(true, false, "", "vi", a);
    int64_t queued = cx_int(db, "SELECT max(created_at) FROM notify_outbox");
    int64_t now = queued;
    notify_msg m;
    /* a gateway down for a whole afternoon and night: twenty failures, the
     * back-off growing to its 6 h ceiling; nothing is given up (it once was
     * after 8 attempts, about 4 hours) */
    for (int i = 1; i <= 20; i++) {
        now += i < 8 ? 60 << i : NOTIFY_BACKOFF_MAX;
        if (now - queued >= NOTIFY_GIVE_UP_AGE)
            break;
        CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, NULL, "w", now, 30, &m), PK_OK);
        CU_ASSERT_EQUAL(m.attempts, i);
        CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w", NOTIFY_FAILED, "down", now), PK_OK);
        CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE status = 'failed'"), 1);
    }
    CU_ASSERT(cx_int(db, "SELECT attempts FROM notify_outbox") > 8);
    /* the line comes back within the days allowed: the message goes */
    char b[PK_REF_MAX];
    make(true, false, "", "vi", b);
    /* the first one's last failure past the age: given up, its address wiped */
    now = queued + NOTIFY_GIVE_UP_AGE + NOTIFY_BACKOFF_MAX;
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, NULL, "w", now, 30, &m), PK_OK);
    CU_ASSERT_STRING_EQUAL(m.ref, a);
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w", NOTIFY_FAILED, "down", now), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE status = 'given_up'"
                              " AND destination = '' AND reason = 'down'"), 1);
    CU_ASSERT_TRUE(notify_expired(queued, now));
    CU_ASSERT_FALSE(notify_expired(queued, queued + NOTIFY_GIVE_UP_AGE - 1));
    /* the second, queued later, is still sent */
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, NULL, "w", now, 30, &m), PK_OK);
    CU_ASSERT_STRING_EQUAL(m.ref, b);
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w", NOTIFY_SENT, NULL, now), PK_OK);
    CU_ASSERT_EQUAL(store_notify_claim(db, NULL, "w", now + 1000000, 30, &m), PK_ENOTFOUND);
    /* a row whose sender keeps crashing is given up after 8 tries: one
     * poisonous message must not hold its dossier's later ones for days */
    char c[PK_REF_MAX];
    make(true, false, "", "vi", c);
    now = cx_int(db, "SELECT max(created_at) FROM notify_outbox");
    for (int i = 1; i <= NOTIFY_MAX_CRASHES; i++) {
        now += 31;
        CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, NULL, "w", now, 30, &m), PK_OK);
    }
    CU_ASSERT_EQUAL(store_notify_claim(db, NULL, "w", now + 31, 30, &m), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE status = 'given_up'"), 2);
    teardown();
}

TEST(store_notify, handed_then_spooled, "handed to a spool, then its outcome")
{
    setup();
    char a[PK_REF_MAX];
    make(true, false, "", "vi", a);
    notify_msg m, h[4];
    int n = 0;
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, "sms", "w", 100, 30, &m), PK_OK);
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w", NOTIFY_HANDED, NULL, 101), PK_OK);
    /* handed: not claimed again, even after the lease */
    CU_ASSERT_EQUAL(store_notify_claim(db, "sms", "w", 1000, 30, &m), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(store_notify_handed(db, h, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(h[0].ref, a);
    CU_ASSERT_EQUAL(store_notify_spooled(db, h[0].id, NOTIFY_FAILED, "modem: no signal", 1001), PK_OK);
    CU_ASSERT_EQUAL(store_notify_spooled(db, h[0].id, NOTIFY_SENT, NULL, 1002), PK_ESTATE);
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, "sms", "w", 1001 + 60, 30, &m), PK_OK);
    CU_ASSERT_EQUAL(store_notify_record(db, m.id, "w", NOTIFY_HANDED, NULL, 1062), PK_OK);
    CU_ASSERT_EQUAL(store_notify_spooled(db, m.id, NOTIFY_SENT, NULL, 1063), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE status = 'sent'"
                              " AND destination = ''"), 1);
    teardown();
}

TEST(store_notify, purge_clears_destination, "purge clears destinations")
{
    setup();
    char a[PK_REF_MAX];
    make(true, false, "an@example.vn", "vi", a);
    step(a, ST_COUNTER_REJECTED, "2026-03-02");
    int64_t n = 0;
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE destination <> ''"), 2);
    CU_ASSERT_EQUAL(store_purge(db, "2026-04-01", false, "c1", cx_at("2026-04-02", 0), &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE destination <> ''"), 0);
    teardown();
}

SUITE(store_notify, NULL, NULL);
