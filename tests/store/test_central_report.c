/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The province's report from the central server (issue 12 item 4) equals
 * the local reports: run by tests/e2e/central_report.sh, which starts a
 * real PostgreSQL, never alone.
 *   PK_CREPORT_STEP=make     two kiosks, AA01 and BB01, each register and
 *                            process dossiers (homes $PK_CREPORT_DIR/AA01, BB01)
 *   PK_CREPORT_STEP=compare  central_report_load (province login,
 *                            $PK_CREPORT_CONNINFO) against store_report of each
 *                            kiosk: each post office equal to its kiosk, the
 *                            total equal to their sum; writes each kiosk's
 *                            local CSV (AA01.csv, BB01.csv) for the script */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "central_report.h"
#include "clerk_fixture.h"
#include "dossier.h"
#include "pgc.h"
#include "report.h"
#include "unit.h"

static const char *cr_step(void)
{
    const char *s = getenv("PK_CREPORT_STEP");
    return s ? s : "";
}

/* The kiosk's own database (its home $PK_CREPORT_DIR/CODE, made by
 * `postkiosk check`) with its own audit key: `postkiosk sync` pushes it. */
static store *open_kiosk(const char *code)
{
    char path[600], key_path[600], msg[256];
    snprintf(path, sizeof path, "%s/%s/postkiosk.db", getenv("PK_CREPORT_DIR"), code);
    snprintf(key_path, sizeof key_path, "%s/%s/keys/audit.key", getenv("PK_CREPORT_DIR"), code);
    auth_ctx key;
    memset(&key, 0, sizeof key);
    CU_ASSERT_EQUAL_FATAL(auth_load_pepper(&key, key_path, NULL, 0), PK_OK);
    store_use_audit_key(key.pepper);
    auth_wipe(&key);
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(path, &db, msg, sizeof msg), PK_OK);
    return db;
}

static void one(store *db, const char *code, const char *proc, const char *commune, bool sample,
                const char *day, const char *expected, const dossier_status *path, int n,
                const char *done_day, const char *incident)
{
    dossier d = fx_dossier(proc, "Nguyễn Văn An");
    str_copy(d.kiosk_code, sizeof d.kiosk_code, code);
    str_copy(d.unit_name, sizeof d.unit_name, commune);
    d.sample = sample;
    d.created_at = cx_at(day, 0);
    str_copy(d.expected_date, sizeof d.expected_date, expected);
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, code[0] == 'A' ? "RA" : "RB", "kiosk", NULL),
                          PK_OK);
    char seal[PK_REF_MAX + 8];   /* a seal is used once (issue 13 item 8) */
    snprintf(seal, sizeof seal, "NP-%s", d.ref);
    for (int i = 0; i < n; i++) {
        transition_data td = {.at = cx_at(i + 1 == n ? done_day : day, i), .seal_no = seal,
                              .fee_collected = 8000, .recipient_name = "Nguyễn Văn An",
                              .recipient_id_last = "1234"};
        CU_ASSERT_EQUAL_FATAL(store_dossier_transition(db, d.ref, path[i], "c1", "", &td), PK_OK);
    }
    if (incident)
        CU_ASSERT_EQUAL_FATAL(store_dossier_incident(db, d.ref, incident, "c1", "envelope torn in transit",
                                                     cx_at(done_day, 5)), PK_OK);
}

static void kiosk(const char *code, int variant)
{
    store *db = open_kiosk(code);
    cx_catalog(db);
    CU_ASSERT_EQUAL_FATAL(store_setting_set(db, "kiosk_code", code), PK_OK);
    const dossier_status send[] = {ST_ACCEPTED, ST_IN_TRANSIT, ST_HANDED, ST_PROCESSING,
                                   ST_RESULT_READY, ST_RESULT_COLLECTED, ST_OUT_FOR_DELIVERY,
                                   ST_DELIVERED};
    const dossier_status accept[] = {ST_ACCEPTED};
    /* on time, late, open and overdue, open, lost, out of the period, practice */
    one(db, code, "1.001193", "Đông Kinh", false, "2026-03-02", "2026-03-12", send, 8,
        "2026-03-10", NULL);
    one(db, code, "1.000656", "Hoàng Văn Thụ", false, "2026-03-03", "2026-03-05", send, 8,
        "2026-03-09", variant ? "damaged" : NULL);
    one(db, code, "4.000001", "", false, "2026-03-04", "2026-03-06", accept, 1, "2026-03-04", NULL);
    one(db, code, variant ? "4.000001" : "1.001193", "Đông Kinh", false, "2026-03-05",
        "", NULL, 0, "", NULL);
    one(db, code, "1.001193", "Chi Lăng", false, "2026-03-06", "2026-03-20", accept, 1,
        "2026-03-06", "lost");
    one(db, code, "1.001193", "Đông Kinh", false, "2026-04-02", "2026-04-12", NULL, 0, "", NULL);
    one(db, code, "1.001193", "Đông Kinh", true, "2026-03-02", "2026-03-12", NULL, 0, "", NULL);
    for (int i = 0; i < variant * 3; i++)
        one(db, code, "1.000656", "Tam Thanh", false, "2026-03-31", "2026-04-10", NULL, 0, "",
            NULL);
    store_close(db);
}

TEST(central_report, make_kiosks, "two kiosks register and process dossiers")
{
    if (strcmp(cr_step(), "make") != 0)
        return;
    kiosk("AA01", 0);
    kiosk("BB01", 1);
}

static bool same_items(const report_item *a, int na, const report_item *b, int nb)
{
    if (na != nb)
        return false;
    for (int i = 0; i < na; i++)
        if (strcmp(a[i].key, b[i].key) || strcmp(a[i].label, b[i].label) || a[i].count != b[i].count)
            return false;
    return true;
}

static void expect_equal(const report *want, const report *got, const char *who)
{
    bool ok = want->total == got->total && !memcmp(want->by_status, got->by_status,
                                                   sizeof want->by_status) &&
              want->completed == got->completed && want->on_time == got->on_time &&
              want->late == got->late && want->overdue == got->overdue &&
              want->lost == got->lost && want->damaged == got->damaged &&
              want->fees_collected == got->fees_collected &&
              want->postal_charges == got->postal_charges &&
              same_items(want->procs, want->nprocs, got->procs, got->nprocs) &&
              same_items(want->agencies, want->nagencies, got->agencies, got->nagencies) &&
              same_items(want->communes, want->ncommunes, got->communes, got->ncommunes);
    if (!ok)
        fprintf(stderr, "central_report: %s differs: total %lld/%lld on time %lld/%lld late "
                "%lld/%lld overdue %lld/%lld procs %d/%d communes %d/%d\n", who,
                (long long)want->total, (long long)got->total, (long long)want->on_time,
                (long long)got->on_time, (long long)want->late, (long long)got->late,
                (long long)want->overdue, (long long)got->overdue, want->nprocs, got->nprocs,
                want->ncommunes, got->ncommunes);
    CU_ASSERT(ok);
}

/* a + b, items merged by key and ordered as the reports order them */
static void add_items(report_item **out, int *n, const report_item *in, int nin)
{
    for (int i = 0; i < nin; i++) {
        int k = 0;
        while (k < *n && strcmp((*out)[k].key, in[i].key))
            k++;
        if (k == *n) {
            *out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
            (*out)[(*n)++] = in[i];
        } else {
            (*out)[k].count += in[i].count;
            if (strcmp(in[i].label, (*out)[k].label) > 0)
                str_copy((*out)[k].label, sizeof (*out)[k].label, in[i].label);
        }
    }
}

static int by_count(const void *x, const void *y)
{
    const report_item *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->key, b->key);
}

static void sum(const report *a, const report *b, report *out)
{
    memset(out, 0, sizeof *out);
    out->total = a->total + b->total;
    for (int i = 0; i < ST__COUNT; i++)
        out->by_status[i] = a->by_status[i] + b->by_status[i];
    out->completed = a->completed + b->completed;
    out->on_time = a->on_time + b->on_time;
    out->late = a->late + b->late;
    out->overdue = a->overdue + b->overdue;
    out->lost = a->lost + b->lost;
    out->damaged = a->damaged + b->damaged;
    out->fees_collected = a->fees_collected + b->fees_collected;
    out->postal_charges = a->postal_charges + b->postal_charges;
    const report *both[2] = {a, b};
    for (int j = 0; j < 2; j++) {
        add_items(&out->procs, &out->nprocs, both[j]->procs, both[j]->nprocs);
        add_items(&out->agencies, &out->nagencies, both[j]->agencies, both[j]->nagencies);
        add_items(&out->communes, &out->ncommunes, both[j]->communes, both[j]->ncommunes);
    }
    qsort(out->procs, (size_t)out->nprocs, sizeof *out->procs, by_count);
    qsort(out->agencies, (size_t)out->nagencies, sizeof *out->agencies, by_count);
    qsort(out->communes, (size_t)out->ncommunes, sizeof *out->communes, by_count);
}

TEST(central_report, equals_local_reports, "central report = each kiosk's, total = their sum")
{
    if (strcmp(cr_step(), "compare") != 0)
        return;
    const char *from = "2026-03-01", *to = "2026-03-31", *today = "2026-03-15";
    report local[2];
    const char *codes[2] = {"AA01", "BB01"};
    for (int i = 0; i < 2; i++) {
        store *db = open_kiosk(codes[i]);
        CU_ASSERT_EQUAL_FATAL(store_report(db, from, to, today, &local[i]), PK_OK);
        store_close(db);
        sbuf b = {0};
        report_csv(&local[i], NULL, &b);
        char path[600];
        snprintf(path, sizeof path, "%s/%s.csv", getenv("PK_CREPORT_DIR"), codes[i]);
        FILE *fp = fopen(path, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
        fwrite(b.data, 1, b.len, fp);
        fclose(fp);
        sbuf_free(&b);
    }
    /* the figures are not trivial: both kiosks differ, every kind occurs */
    CU_ASSERT_EQUAL(local[0].total, 5);
    CU_ASSERT_EQUAL(local[1].total, 8);
    CU_ASSERT(local[0].on_time > 0 && local[0].late > 0 && local[0].overdue > 0 && local[0].lost > 0);
    CU_ASSERT(local[1].damaged > 0);
    pgc *c = NULL;
    char why[600];
    CU_ASSERT_EQUAL_FATAL(pgc_open(getenv("PK_CREPORT_CONNINFO"), NULL, &c, why, sizeof why), PK_OK);
    central_report cr;
    CU_ASSERT_EQUAL_FATAL(central_report_load(c, from, to, today, NULL, &cr, why, sizeof why), PK_OK);
    pgc_close(c);
    CU_ASSERT_EQUAL_FATAL(cr.n, 2);
    CU_ASSERT_STRING_EQUAL(cr.offices[0].kiosk, "AA01");
    CU_ASSERT_STRING_EQUAL(cr.offices[1].kiosk, "BB01");
    expect_equal(&local[0], &cr.offices[0].r, "AA01");
    expect_equal(&local[1], &cr.offices[1].r, "BB01");
    report total;
    sum(&local[0], &local[1], &total);
    expect_equal(&total, &cr.total, "total");
    report_free(&total);
    central_report_free(&cr);
    report_free(&local[0]);
    report_free(&local[1]);
}

static bool wanted(void)
{
    return getenv("PK_CREPORT_STEP") && getenv("PK_CREPORT_DIR");
}

SUITE_WHEN(central_report, NULL, NULL, wanted);
