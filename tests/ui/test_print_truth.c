/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the done screen says about the receipt is what happened to it: a
 * printer that takes the job and never confirms it (tcp and pty, deaf or
 * silent) is "did not confirm, ask staff", never "take your receipt"; a
 * database too busy to record a printed receipt still says "take your
 * receipt", and the job is recorded at a later tick. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citizen_steps.h"
#include "pkt_helpers.h"
#include "receipt.h"
#include "unit.h"

/* Welcome to done, through the real screens (khai sinh, English). */
static void register_one(snap_env *e)
{
    to_procedure(e, 1, "khai sinh");
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
    snap_act(e, ACT_CHOOSE, 1);
    fill_applicant(e);
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(e), "done");
}

/* A printer that answers gets long timeouts (it answers well before, even
 * under valgrind: no timing in the outcome); one that never answers, short
 * ones (the outcome is the same however long we wait). */
static void use_printer(snap_env *e, const char *spec, bool answers)
{
    printer_close(e->pr);
    char msg[160];
    e->pr = NULL;
    CU_ASSERT_EQUAL(printer_open(spec, "58mm", &e->pr, msg, sizeof msg), PK_OK);
    if (e->pr && answers)
        printer_set_timeouts(e->pr, 10000, 60000, 60000);
    else if (e->pr)
        printer_set_timeouts(e->pr, 100, 300, 300);
    e->a.pr = e->pr;
}

/* Like snap_has, without printing the screen when absent. */
static bool on_screen(const char *needle)
{
    char *t = snap_text();
    bool found = t && strstr(t, needle);
    free(t);
    return found;
}

static int jobs_with(snap_env *e, job_status status)
{
    print_job jobs[8];
    int n = 0;
    CU_ASSERT_EQUAL(store_jobs_list(e->db, (int)status, jobs, 8, &n), PK_OK);
    return n;
}

static void check_not_confirmed(bool tcp, bool deaf)
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    pkt_vprinter v;
    unsigned char silent[5] = {0};
    CU_ASSERT_TRUE_FATAL(deaf ? pkt_vprinter_start_deaf(&v, tcp)
                              : tcp ? pkt_vprinter_start_tcp(&v, silent)
                                    : pkt_vprinter_start_pty(&v, silent));
    char *spec = tcp ? xasprintf("tcp:127.0.0.1:%d", v.port) : xasprintf("device:%s", v.path);
    use_printer(&e, spec, false);
    register_one(&e);
    CU_ASSERT_EQUAL(e.cz.print_err, PK_EUNCONFIRMED);
    CU_ASSERT(snap_has("The printer did not confirm your receipt"));
    CU_ASSERT(snap_has("Please ask staff for your receipt"));
    CU_ASSERT(snap_has("LS01-000001."));
    CU_ASSERT_FALSE(on_screen("Please take your receipt"));
    CU_ASSERT_EQUAL(jobs_with(&e, JOB_PENDING), 1);       /* for the clerk */
    CU_ASSERT_EQUAL(jobs_with(&e, JOB_PRINTED), 0);
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), 1);
    pkt_vprinter_stop(&v);
    pkt_vprinter_free(&v);
    free(spec);
    snap_close(&e);
}

TEST(print_truth, printer_never_confirms, "printer never confirms: 'did not confirm, ask staff', job pending")
{
    check_not_confirmed(true, true);     /* tcp: accepts, never reads */
    check_not_confirmed(true, false);    /* tcp: reads, never answers */
    check_not_confirmed(false, true);    /* pty: never read */
    check_not_confirmed(false, false);   /* pty: read, never answered */
}

TEST(print_truth, printer_confirms, "printer confirms: 'take your receipt', job printed")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    unsigned char r[5];
    pkt_replies_ok(r);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, r));
    char *spec = xasprintf("tcp:127.0.0.1:%d", v.port);
    use_printer(&e, spec, true);
    register_one(&e);
    CU_ASSERT_EQUAL(e.cz.print_err, PK_OK);
    CU_ASSERT(snap_has("Please take your receipt"));
    CU_ASSERT_EQUAL(jobs_with(&e, JOB_PRINTED), 1);
    pkt_vprinter_stop(&v);
    CU_ASSERT_EQUAL(v.confirms, 1);
    pkt_vprinter_free(&v);
    free(spec);
    snap_close(&e);
}

/* The printer thread takes the database's write lock when the job is
 * done, just before it confirms: the kiosk then cannot record it. */
typedef struct {
    char db_path[128];
    store *holder;
} lock_taker;

static void take_lock(void *arg)
{
    lock_taker *t = arg;
    if (t->holder)
        return;
    if (store_open(t->db_path, &t->holder, NULL, 0) == PK_OK && store_tx_begin(t->holder) != PK_OK) {
        store_close(t->holder);
        t->holder = NULL;
    }
}

TEST(print_truth, busy_database_after_print, "busy database after printing: 'take your receipt', recorded later")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    unsigned char r[5];
    pkt_replies_ok(r);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_tcp(&v, r));
    lock_taker t = {.holder = NULL};
    snprintf(t.db_path, sizeof t.db_path, "%s/t.db", e.dir);   /* snap_open's database */
    v.on_confirm = take_lock;
    v.on_confirm_arg = &t;
    char *spec = xasprintf("tcp:127.0.0.1:%d", v.port);
    use_printer(&e, spec, true);
    store_set_busy_timeout(e.db, 20);
    register_one(&e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.holder);
    /* It printed: the screen says so, although nothing is recorded yet. */
    CU_ASSERT_EQUAL(e.cz.print_err, PK_OK);
    CU_ASSERT(snap_has("Please take your receipt"));
    CU_ASSERT_FALSE(on_screen("could not be printed"));
    CU_ASSERT_EQUAL(store_jobs_unrecorded(e.db), 1);
    snap_wait(&e, 1500);                   /* ticks while the lock is held */
    CU_ASSERT_EQUAL(jobs_with(&e, JOB_PRINTED), 0);
    CU_ASSERT_EQUAL(store_jobs_unrecorded(e.db), 1);
    store_tx_rollback(t.holder);
    store_close(t.holder);
    snap_wait(&e, 1500);                   /* the next tick records it */
    CU_ASSERT_EQUAL(store_jobs_unrecorded(e.db), 0);
    CU_ASSERT_EQUAL(jobs_with(&e, JOB_PRINTED), 1);
    CU_ASSERT_EQUAL(jobs_with(&e, JOB_PENDING), 0);
    pkt_vprinter_stop(&v);
    pkt_vprinter_free(&v);
    free(spec);
    snap_close(&e);
}

SUITE(print_truth, NULL, NULL);
