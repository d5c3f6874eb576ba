/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The consent evidence is part of the dossier (issue 11 item 5): the
 * dossier, its print job and the consent row are one transaction. A
 * failing consent write (a trigger in the test database refuses it)
 * stores no dossier, the citizen sees the error and keeps every answer;
 * once the write works again the same Enter stores both. */
#include <CUnit/CUnit.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "citizen_steps.h"
#include "store_clerk.h"
#include "store_internal.h"
#include "unit.h"

static int raw_sql(const char *db_path, const char *sql)
{
    sqlite3 *conn = NULL;
    int rc = sqlite3_open(db_path, &conn);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(conn, 5000);
        rc = sqlite3_exec(conn, sql, NULL, NULL, NULL);
    }
    sqlite3_close(conn);
    return rc;
}

static int consent_rows(store *db)
{
    audit_row rows[16];
    int n = 0, found = 0;
    CU_ASSERT_EQUAL(store_audit_list(db, 0, rows, 16, &n), PK_OK);
    for (int i = 0; i < n; i++)
        found += strcmp(rows[i].action, "consent") == 0;
    return found;
}

TEST(citizen_consent, consent_failure_stores_no_dossier, "a failing consent write stores no dossier")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    char db_path[128];
    snprintf(db_path, sizeof db_path, "%s/t.db", e.dir);
    CU_ASSERT_EQUAL_FATAL(raw_sql(db_path,
                                  "CREATE TRIGGER test_no_consent BEFORE INSERT ON audit "
                                  "WHEN NEW.action = 'consent' "
                                  "BEGIN SELECT RAISE(ABORT, 'consent refused by the test'); END;"),
                          SQLITE_OK);
    to_applicant(&e);
    fill_applicant(&e);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(&e), "review");
    snap_key(&e, TK_ENTER);
    /* refused as a whole: no dossier, no print job, no consent row */
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "review");
    CU_ASSERT(snap_has("Nothing was lost"));
    CU_ASSERT_FALSE(e.cz.committed);
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), 0);
    print_job jobs[4];
    int n = -1;
    CU_ASSERT_EQUAL(store_jobs_list(e.db, -1, jobs, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(consent_rows(e.db), 0);
    CU_ASSERT(snap_has("Nguyễn Văn An"));          /* the answers are kept */
    /* the write works again: the same Enter stores the dossier and its consent */
    CU_ASSERT_EQUAL_FATAL(raw_sql(db_path, "DROP TRIGGER test_no_consent"), SQLITE_OK);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "done");
    CU_ASSERT_EQUAL(store_dossier_count(e.db, -1), 1);
    CU_ASSERT_EQUAL(consent_rows(e.db), 1);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_get(e.db, "LS01-000001", &d), PK_OK);
    snap_close(&e);
}

static int64_t outbox(store *db, const char *channel)
{
    sqlite3_stmt *q = NULL;
    int64_t n = -1;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM notify_outbox WHERE channel = '%s'", channel);
    if (sqlite3_prepare_v2(db->conn, sql, -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* Consent, then the applicant with an e-mail, then the dossier stored. */
static void register_with(snap_env *e, bool sms, bool email)
{
    to_procedure(e, 1, "khai sinh");
    snap_key(e, TK_ENTER);
    snap_key(e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(e), "consent");
    if (sms)
        snap_act(e, ACT_CHOOSE, 3);
    if (email)
        snap_act(e, ACT_CHOOSE, 4);
    snap_act(e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(e), "applicant");
    fill_applicant(e);
    snap_type(e, "an@example.vn");
    snap_key(e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(e), "review");
    snap_key(e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL_FATAL(snap_top(e), "done");
}

/* Issue 14: messages "only to the channel they chose". The box that said
 * "text messages" also sent e-mails to the address given. */
TEST(citizen_consent, sms_box_is_not_email, "the text-message box sends no e-mail; the e-mail box its own")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    register_with(&e, true, false);
    CU_ASSERT_EQUAL(outbox(e.db, "sms"), 1);
    CU_ASSERT_EQUAL(outbox(e.db, "email"), 0);
    snap_close(&e);

    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    register_with(&e, false, true);
    CU_ASSERT_EQUAL(outbox(e.db, "sms"), 0);
    CU_ASSERT_EQUAL(outbox(e.db, "email"), 1);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_get(e.db, "LS01-000001", &d), PK_OK);
    CU_ASSERT_FALSE(d.consent_sms);
    CU_ASSERT_TRUE(d.consent_email);
    snap_close(&e);

    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    register_with(&e, false, false);
    CU_ASSERT_EQUAL(outbox(e.db, "sms") + outbox(e.db, "email"), 0);
    snap_close(&e);
}

SUITE(citizen_consent, NULL, NULL);
