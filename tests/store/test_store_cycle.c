/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Life cycle through the store: every valid and invalid transition for
 * every service form, the data each step needs, the delivery rule with
 * holidays, a kiosk and a clerk process writing at once, report figures on
 * a dataset with known answers, and the retention purge. */
#include <sys/wait.h>
#include <unistd.h>

#include "clerk_fixture.h"
#include "dossier.h"
#include "store_internal.h"
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


/* Puts a dossier in a status directly (test set-up only: dossiers are
 * updatable, events are not), with two delivery attempts far apart. In a
 * store transaction, so the change is sealed as the store's own. */
static void force_status(const char *ref, dossier_status s)
{
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(db), PK_OK);
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db->conn,
        "UPDATE dossiers SET status = ?1, delivery_attempts = 2, first_attempt = '2026-03-02',"
        " last_attempt = '2026-03-09' WHERE ref = ?2", -1, &q, NULL), SQLITE_OK);
    sqlite3_bind_text(q, 1, dossier_status_code(s), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, ref, -1, SQLITE_STATIC);
    CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    CU_ASSERT_EQUAL(store_tx_commit(db), PK_OK);
}

static transition_data full_data(void)
{
    transition_data td = {
        .at = cx_at("2026-03-10", 0),
        .seal_no = "NP-2026-0042",
        .fee_collected = 8000,
        .appointment_date = "2026-03-20",
        .recipient_name = "Nguyễn Văn An",
        .recipient_id_last = "1234",
    };
    return td;
}

TEST(store_cycle, every_transition, "every transition, every form")
{
    setup();
    const service_form forms[] = {FORM_SEND, FORM_RETURN, FORM_BOTH};
    int ok = 0, refused = 0;
    for (size_t f = 0; f < PK_ARRAY_LEN(forms); f++) {
        char ref[PK_REF_MAX];
        CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234",
                                         "0912345678", forms[f], "2026-03-02", "2026-03-12", ref),
                              PK_OK);
        for (int from = 0; from < ST__COUNT; from++) {
            for (int to = 0; to < ST__COUNT; to++) {
                force_status(ref, (dossier_status)from);
                int64_t before = cx_int(db, "SELECT count(*) FROM events");
                transition_data td = full_data();
                char seal[16];   /* a seal is used once: one per dossier */
                snprintf(seal, sizeof seal, "NP-%zu", f);
                td.seal_no = seal;
                pk_err e = store_dossier_transition(db, ref, (dossier_status)to, "nv01",
                                                    "Ghi chú", &td);
                bool allowed = dossier_transition_allowed_form((dossier_status)from,
                                                               (dossier_status)to, forms[f]);
                dossier d;
                CU_ASSERT_EQUAL_FATAL(store_dossier_get(db, ref, &d), PK_OK);
                if (allowed) {
                    CU_ASSERT_EQUAL(e, PK_OK);
                    CU_ASSERT_EQUAL(d.status, (dossier_status)to);
                    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM events"), before + 1);
                    ok++;
                } else {
                    CU_ASSERT_EQUAL(e, PK_ESTATE);
                    CU_ASSERT_EQUAL(d.status, (dossier_status)from);
                    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM events"), before);
                    refused++;
                }
                if ((e == PK_OK) != allowed)
                    fprintf(stderr, "form %d: %s -> %s gave %d\n", forms[f],
                            dossier_status_code(from), dossier_status_code(to), e);
            }
        }
    }
    int n = 0;
    dossier_transitions(&n);
    CU_ASSERT_TRUE(ok > n);          /* most rows apply to two forms or more */
    CU_ASSERT_EQUAL(ok + refused, 3 * ST__COUNT * ST__COUNT);
    /* the last event of an accepted dossier carries what the clerk typed */
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_EQUAL(r.events, cx_int(db, "SELECT count(*) FROM events"));
    teardown();
}

TEST(store_cycle, step_data_required, "data each step needs")
{
    setup();
    char ref[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234", "0912345678",
                                     FORM_BOTH, "2026-03-02", "2026-03-12", ref), PK_OK);
    int64_t events = cx_int(db, "SELECT count(*) FROM events");
    transition_data td = full_data();
    td.seal_no = "";
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", &td), PK_EINVAL);
    td.seal_no = "NP 1; DROP";
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", &td), PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", NULL), PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_COUNTER_REJECTED, "nv01", "", NULL),
                    PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_COUNTER_REJECTED, "nv01", "  ", NULL),
                    PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_CANCELLED, "nv01", "bad\x01note", NULL),
                    PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_CANCELLED, "nv01", "\xc3\x28", NULL),
                    PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_CANCELLED, "", "Lý do", NULL), PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_transition(db, "LS01-999999", ST_CANCELLED, "nv01", "Lý do",
                                             NULL), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, (dossier_status)99, "nv01", "x", NULL),
                    PK_EINVAL);
    td = full_data();
    td.appointment_date = "2026-02-30";
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", &td), PK_EINVAL);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM events"), events);   /* nothing stored */
    dossier_extra x;
    CU_ASSERT_EQUAL(store_dossier_extra(db, ref, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.seal_no, "");
    /* accepted: seal, fee, missing documents kept */
    td = full_data();
    td.missing_docs = "Bản sao giấy chứng sinh";
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_extra(db, ref, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.seal_no, "NP-2026-0042");
    CU_ASSERT_EQUAL(x.fee_collected, 8000);
    CU_ASSERT_STRING_EQUAL(x.missing_docs, "Bản sao giấy chứng sinh");
    CU_ASSERT_EQUAL(x.accepted_at, td.at);
    /* delivered needs the recipient and four ID digits */
    force_status(ref, ST_OUT_FOR_DELIVERY);
    td = full_data();
    td.recipient_id_last = "123";
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_DELIVERED, "nv01", "", &td), PK_EINVAL);
    td.recipient_id_last = "12a4";
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_DELIVERED, "nv01", "", &td), PK_EINVAL);
    td.recipient_id_last = "1234";
    td.recipient_name = "X1";
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_DELIVERED, "nv01", "", &td), PK_EINVAL);
    td.recipient_name = "  nguyễn   thị  hoa ";
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_DELIVERED, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_extra(db, ref, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.recipient_id_last, "1234");
    CU_ASSERT_EQUAL(strncmp(x.recipient_name, "nguyễn thị hoa", 16), 0);
    CU_ASSERT_EQUAL(x.completed_at, td.at);
    CU_ASSERT_TRUE(x.closed_at > 0);
    /* lost / damaged: an event that keeps the status */
    CU_ASSERT_EQUAL(store_dossier_incident(db, ref, "stolen", "nv01", "", td.at), PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_incident(db, ref, "damaged", "nv01", "Ướt mưa", td.at), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_extra(db, ref, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.incident, "damaged");
    dossier_event ev[16];
    int n = 0;
    CU_ASSERT_EQUAL(store_dossier_events(db, ref, ev, 16, &n), PK_OK);
    CU_ASSERT_STRING_EQUAL(ev[n - 1].from, "delivered");
    CU_ASSERT_STRING_EQUAL(ev[n - 1].to, "delivered");
    CU_ASSERT_STRING_EQUAL(ev[n - 1].note, "damaged: Ướt mưa");
    teardown();
}

/* Two notices two working days apart, counted on the holiday table:
 * Friday 24/04/2026, Monday 27/04 is the Hùng Kings holiday. */
TEST(store_cycle, delivery_rule, "delivery rule across a holiday")
{
    setup();
    holiday h[] = {{"2026-04-27", 'H', "Giỗ Tổ Hùng Vương"}};
    CU_ASSERT_EQUAL_FATAL(store_holidays_replace(db, h, 1), PK_OK);
    char ref[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234", "0912345678",
                                     FORM_BOTH, "2026-04-01", "2026-04-20", ref), PK_OK);
    force_status(ref, ST_OUT_FOR_DELIVERY);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE dossiers SET delivery_attempts = 0, first_attempt = '',"
                                  " last_attempt = ''"), SQLITE_OK);
    transition_data td = {.at = cx_at("2026-04-24", 0), .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_DELIVERY_FAILED, "bt01", "Vắng nhà", &td),
                    PK_OK);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_RETURNED, "bt01", "Hết hạn", &td), PK_ESTATE);
    CU_ASSERT_PTR_NOT_NULL(store_transition_blocker(db, ref, ST_RETURNED, td.at));
    td.at = cx_at("2026-04-28", 0);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_OUT_FOR_DELIVERY, "bt01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_DELIVERY_FAILED, "bt01", "Vắng nhà", &td),
                    PK_OK);
    /* Tuesday is only one working day after Friday across the holiday */
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_RETURNED, "bt01", "Hết hạn", &td), PK_ESTATE);
    dossier_extra x;
    CU_ASSERT_EQUAL(store_dossier_extra(db, ref, &x), PK_OK);
    CU_ASSERT_EQUAL(x.delivery_attempts, 2);
    CU_ASSERT_STRING_EQUAL(x.first_attempt, "2026-04-24");
    CU_ASSERT_STRING_EQUAL(x.last_attempt, "2026-04-28");
    td.at = cx_at("2026-04-29", 0);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_OUT_FOR_DELIVERY, "bt01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_DELIVERY_FAILED, "bt01", "Vắng nhà", &td),
                    PK_OK);
    CU_ASSERT_PTR_NULL(store_transition_blocker(db, ref, ST_RETURNED, td.at));
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_RETURNED, "bt01", "Hết hạn", &td), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_extra(db, ref, &x), PK_OK);
    CU_ASSERT_EQUAL(x.delivery_attempts, 3);
    teardown();
}

enum { CONC_N = 500 };

/* A kiosk process registers CONC_N dossiers while this (clerk) process
 * accepts CONC_N others: every write lands, nobody sees "busy". */
TEST(store_cycle, kiosk_and_clerk_at_once, "kiosk and clerk processes at once")
{
    setup();
    fx_patient(db);
    char (*refs)[PK_REF_MAX] = xcalloc(CONC_N, PK_REF_MAX);
    CU_ASSERT_EQUAL_FATAL(store_begin(db), PK_OK);
    for (int i = 0; i < CONC_N; i++)
        CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234",
                                         "0912345678", FORM_BOTH, "2026-03-02", "2026-03-12",
                                         refs[i]), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_commit(db), PK_OK);
    int pipefd[2];
    CU_ASSERT_EQUAL_FATAL(pipe(pipefd), 0);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        close(pipefd[0]);
        store *k = NULL;
        char msg[256];
        int bad = 0;
        free(refs);
        if (store_open(fx.db_path, &k, msg, sizeof msg) != PK_OK)
            _exit(3);
        fx_patient(k);
        for (int i = 0; i < CONC_N; i++) {
            char ref[PK_REF_MAX];
            pk_err e = cx_dossier(k, "1.000656", "Trần Thị Bích", "020185005678", "0387654321",
                                  FORM_BOTH, "2026-03-03", "2026-03-13", ref);
            if (e != PK_OK)
                bad++;
        }
        store_close(k);
        if (write(pipefd[1], &bad, sizeof bad) != (ssize_t)sizeof bad)
            _exit(4);
        _exit(0);
    }
    close(pipefd[1]);
    int clerk_bad = 0, busy = 0;
    transition_data td = {.at = cx_at("2026-03-03", 0), .seal_no = "NP-1", .fee_collected = 8000};
    for (int i = 0; i < CONC_N; i++) {
        char seal[16];
        snprintf(seal, sizeof seal, "NP-%d", i);
        td.seal_no = seal;
        pk_err e = store_dossier_transition(db, refs[i], ST_ACCEPTED, "nv01", "", &td);
        clerk_bad += e != PK_OK;
        busy += e == PK_EBUSY;
    }
    int kiosk_bad = -1, status = 0;
    CU_ASSERT_EQUAL(read(pipefd[0], &kiosk_bad, sizeof kiosk_bad), (ssize_t)sizeof kiosk_bad);
    close(pipefd[0]);
    waitpid(pid, &status, 0);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT_EQUAL(kiosk_bad, 0);
    CU_ASSERT_EQUAL(clerk_bad, 0);
    CU_ASSERT_EQUAL(busy, 0);
    CU_ASSERT_EQUAL(store_dossier_count(db, -1), 2 * CONC_N);
    CU_ASSERT_EQUAL(store_dossier_count(db, ST_ACCEPTED), CONC_N);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM events"), 3 * CONC_N);
    int64_t counts[ST__COUNT];
    CU_ASSERT_EQUAL(store_status_counts(db, counts), PK_OK);
    CU_ASSERT_EQUAL(counts[ST_REGISTERED], CONC_N);
    CU_ASSERT_EQUAL(counts[ST_ACCEPTED], CONC_N);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_EQUAL(r.events, 3 * CONC_N);
    free(refs);
    teardown();
}

/* Known answers. Q1 2026: 6 dossiers (+1 sample, +1 in April). */
TEST(store_cycle, report_figures, "report figures")
{
    setup();
    struct {
        const char *proc, *day, *expected;
        service_form form;
        const char *done_day;        /* delivered on, "" = still open */
    } ds[] = {
        {"1.001193", "2026-01-05", "2026-01-15", FORM_BOTH, "2026-01-14"},  /* on time */
        {"1.001193", "2026-01-20", "2026-01-30", FORM_BOTH, "2026-01-30"},  /* on time, last day */
        {"1.001193", "2026-02-02", "2026-02-12", FORM_BOTH, "2026-02-25"},  /* late */
        {"1.000656", "2026-02-10", "2026-02-20", FORM_BOTH, ""},            /* overdue */
        {"4.000001", "2026-03-30", "2026-04-20", FORM_BOTH, ""},            /* open, not due */
        {"4.000001", "2026-03-31", "2026-04-10", FORM_SEND, ""},            /* registered only */
        {"1.001193", "2026-04-01", "2026-04-10", FORM_BOTH, "2026-04-09"},  /* outside */
    };
    char refs[8][PK_REF_MAX];
    for (size_t i = 0; i < PK_ARRAY_LEN(ds); i++) {
        CU_ASSERT_EQUAL_FATAL(cx_dossier(db, ds[i].proc, "Nguyễn Văn An", "020095001234",
                                         "0912345678", ds[i].form, ds[i].day, ds[i].expected,
                                         refs[i]), PK_OK);
        if (i == 5)
            continue;
        transition_data td = full_data();
        char seal[16];
        snprintf(seal, sizeof seal, "NP-%zu", i);
        td.seal_no = seal;
        td.at = cx_at(ds[i].day, 1);
        td.appointment_date = NULL;   /* none at the counter (a past one is refused) */
        CU_ASSERT_EQUAL(store_dossier_transition(db, refs[i], ST_ACCEPTED, "nv01", "", &td), PK_OK);
        if (!ds[i].done_day[0])
            continue;
        force_status(refs[i], ST_OUT_FOR_DELIVERY);
        td.at = cx_at(ds[i].done_day, 0);
        CU_ASSERT_EQUAL(store_dossier_transition(db, refs[i], ST_DELIVERED, "bt01", "", &td), PK_OK);
    }
    dossier d = fx_dossier("1.001193", "Mẫu");
    d.sample = true;
    d.created_at = cx_at("2026-02-01", 0);
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "demo", NULL), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_incident(db, refs[1], "lost", "nv01", "Mất", cx_at("2026-03-01", 0)),
                    PK_OK);
    report r;
    CU_ASSERT_EQUAL_FATAL(store_report(db, "2026-01-01", "2026-03-31", "2026-04-01", &r), PK_OK);
    CU_ASSERT_EQUAL(r.total, 6);
    CU_ASSERT_EQUAL(r.by_status[ST_DELIVERED], 3);
    CU_ASSERT_EQUAL(r.by_status[ST_ACCEPTED], 2);
    CU_ASSERT_EQUAL(r.by_status[ST_REGISTERED], 1);
    CU_ASSERT_EQUAL(r.completed, 3);
    CU_ASSERT_EQUAL(r.on_time, 2);
    CU_ASSERT_EQUAL(r.late, 1);
    CU_ASSERT_EQUAL(r.overdue, 1);
    CU_ASSERT_EQUAL(report_on_time_permille(&r), 667);
    CU_ASSERT_EQUAL(r.lost, 1);
    CU_ASSERT_EQUAL(r.damaged, 0);
    CU_ASSERT_EQUAL(r.fees_collected, 5 * 8000);
    CU_ASSERT_EQUAL(r.postal_charges, 5 * 25000);
    CU_ASSERT_EQUAL_FATAL(r.nprocs, 3);
    CU_ASSERT_STRING_EQUAL(r.procs[0].key, "1.001193");
    CU_ASSERT_EQUAL(r.procs[0].count, 3);
    CU_ASSERT_STRING_EQUAL(r.procs[0].label, "Đăng ký khai sinh");
    CU_ASSERT_EQUAL_FATAL(r.nagencies, 2);
    CU_ASSERT_STRING_EQUAL(r.agencies[0].key, "UBND cấp xã");
    CU_ASSERT_EQUAL(r.agencies[0].count, 4);
    CU_ASSERT_EQUAL(r.agencies[1].count, 2);
    CU_ASSERT_EQUAL_FATAL(r.ncommunes, 1);
    CU_ASSERT_STRING_EQUAL(r.communes[0].key, "Đông Kinh");
    CU_ASSERT_EQUAL(r.communes[0].count, 6);
    report_free(&r);
    /* a single day, and bad periods */
    CU_ASSERT_EQUAL(store_report(db, "2026-04-01", "2026-04-01", "2026-04-01", &r), PK_OK);
    CU_ASSERT_EQUAL(r.total, 1);
    CU_ASSERT_EQUAL(r.on_time, 1);
    report_free(&r);
    CU_ASSERT_EQUAL(store_report(db, "2026-04-01", "2026-03-01", "2026-04-01", &r), PK_EINVAL);
    CU_ASSERT_EQUAL(store_report(db, "2026-4-1", "2026-04-30", "2026-04-01", &r), PK_EINVAL);
    teardown();
}

TEST(store_cycle, purge_keeps_counts, "purge keeps counts, removes personal data")
{
    setup();
    char a[PK_REF_MAX], b[PK_REF_MAX], c[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234", "0912345678",
                                     FORM_BOTH, "2020-01-06", "2020-01-16", a), PK_OK);
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Lê Thị Bưởi", "020185007777", "0387777777",
                                     FORM_BOTH, "2020-01-07", "2020-01-17", b), PK_OK);
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Hà Văn Cầu", "020095008888", "0388888888",
                                     FORM_BOTH, "2020-01-08", "2020-01-18", c), PK_OK);
    transition_data td = {.at = cx_at("2020-01-08", 0), .fee_collected = -1};
    CU_ASSERT_EQUAL(store_dossier_transition(db, a, ST_CANCELLED, "nv01", "Không đến", &td), PK_OK);
    td.at = cx_at("2025-12-01", 0);   /* closed recently: kept */
    CU_ASSERT_EQUAL(store_dossier_transition(db, b, ST_CANCELLED, "nv01", "Không đến", &td), PK_OK);
    dossier_row rows[4];
    dossier_filter f = {.status = -1, .query = "nguyen van an"};
    int n = 0;
    CU_ASSERT_EQUAL(store_queue_page(db, &f, 0, false, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    report before;
    CU_ASSERT_EQUAL_FATAL(store_report(db, "2020-01-01", "2020-12-31", "2026-01-01", &before), PK_OK);
    int64_t count = -1;
    CU_ASSERT_EQUAL(store_purge(db, "2021-01-08", true, "cli:root", cx_at("2026-01-08", 0), &count),
                    PK_OK);
    CU_ASSERT_EQUAL(count, 1);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_get(db, a, &d), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.name, "Nguyễn Văn An");   /* dry run changed nothing */
    CU_ASSERT_EQUAL(store_purge(db, "2021-01-08", false, "cli:root", cx_at("2026-01-08", 0), &count),
                    PK_OK);
    CU_ASSERT_EQUAL(count, 1);
    CU_ASSERT_EQUAL(store_dossier_get(db, a, &d), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.name, "");
    CU_ASSERT_STRING_EQUAL(d.id_number, "");
    CU_ASSERT_STRING_EQUAL(d.phone, "");
    CU_ASSERT_STRING_EQUAL(d.street, "");
    CU_ASSERT_STRING_EQUAL(d.proc_code, "1.001193");      /* anonymous facts stay */
    CU_ASSERT_STRING_EQUAL(d.unit_name, "Đông Kinh");
    CU_ASSERT_EQUAL(d.status, ST_CANCELLED);
    CU_ASSERT_EQUAL(store_dossier_get(db, b, &d), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.name, "Lê Thị Bưởi");
    CU_ASSERT_EQUAL(store_dossier_get(db, c, &d), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.id_number, "020095008888");  /* open: never purged */
    CU_ASSERT_EQUAL(store_queue_page(db, &f, 0, false, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 0);
    f.query = "1234";
    CU_ASSERT_EQUAL(store_queue_page(db, &f, 0, false, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossiers WHERE name_fold LIKE '%nguyen%'"), 0);
    report after;
    CU_ASSERT_EQUAL_FATAL(store_report(db, "2020-01-01", "2020-12-31", "2026-01-01", &after), PK_OK);
    CU_ASSERT_EQUAL(after.total, before.total);
    CU_ASSERT_EQUAL(memcmp(after.by_status, before.by_status, sizeof after.by_status), 0);
    CU_ASSERT_EQUAL(after.purged, 1);
    report_free(&before);
    report_free(&after);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'purge'"
                              " AND detail = 'closed_before=2021-01-08 count=1'"), 1);
    /* a second run finds nothing more */
    CU_ASSERT_EQUAL(store_purge(db, "2021-01-08", false, "cli:root", cx_at("2026-01-09", 0), &count),
                    PK_OK);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_EQUAL(store_purge(db, "soon", false, "cli:root", 0, &count), PK_EINVAL);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    teardown();
}

/* Another writer holds the lock beyond the busy timeout, then the disk is
 * full: clean errors, nothing half-written, the chain still intact. */
TEST(store_cycle, busy_and_full, "busy database and full disk")
{
    setup();
    char ref[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234", "0912345678",
                                     FORM_BOTH, "2026-03-02", "2026-03-12", ref), PK_OK);
    sqlite3 *other = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &other), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    store_set_busy_timeout(db, 50);
    transition_data td = full_data();
    int64_t events = cx_int(db, "SELECT count(*) FROM events");
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", &td), PK_EBUSY);
    CU_ASSERT_EQUAL(store_audit_append(db, 1, "nv01", "lookup", ref, ""), PK_EBUSY);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    store_set_busy_timeout(db, 5000);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM events"), events);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_get(db, ref, &d), PK_OK);
    CU_ASSERT_EQUAL(d.status, ST_REGISTERED);
    /* full: allow no page beyond what is used now */
    int64_t pages = cx_int(db, "PRAGMA page_count");
    CU_ASSERT_EQUAL_FATAL(store_set_max_pages(db, pages), PK_OK);
    pk_err e = PK_OK;
    char big[PK_TEXT_MAX];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (int i = 0; i < 200 && e == PK_OK; i++)
        e = store_audit_append(db, i, "nv01", "lookup", ref, big + 64);
    CU_ASSERT_EQUAL(e, PK_EFULL);
    CU_ASSERT_EQUAL(store_set_max_pages(db, 1 << 30), PK_OK);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_transition(db, ref, ST_ACCEPTED, "nv01", "", &td), PK_OK);
    teardown();
}

SUITE(store_cycle, NULL, NULL);
