/* Clerk screens, headless: snapshots of every screen in both languages at
 * 80x24 and 120x40, and behaviour: wrong PIN and lockout, sign-out after
 * inactivity, only allowed steps offered, a step recorded through the
 * form, a forged receipt scanned, search as you type, handover, the too
 * small terminal. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk_snap.h"
#include "i18n.h"
#include "receipt.h"
#include "store_internal.h"

static int64_t count_sql(store *db, const char *sql)
{
    sqlite3_stmt *q = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

static void walk(const char *lang, int rows, int cols)
{
    csnap e;
    CU_ASSERT_FATAL(csnap_open(&e, rows, cols, lang));
    char name[64];
#define SNAP(screen)                                                               \
    do {                                                                           \
        snprintf(name, sizeof name, "clerk-%s-%dx%d-%s", lang, cols, rows, screen); \
        CU_ASSERT(csnap_check(name));                                              \
    } while (0)
    SNAP("signin");
    csnap_type(&e, "nv01");
    csnap_key(&e, TK_ENTER);
    csnap_type(&e, "000000");
    csnap_key(&e, TK_ENTER);
    SNAP("signin-wrong");
    csnap_type(&e, "735102");
    csnap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_menu");
    SNAP("menu");
    csnap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_queue");
    SNAP("queue");
    csnap_type(&e, "dang hoa");
    SNAP("queue-search");
    csnap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_dossier");
    SNAP("dossier");
    csnap_act(&e, ACT_CHOOSE, 1);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_action");
    SNAP("accept");
    csnap_type(&e, "NP-0042");
    csnap_key(&e, TK_ENTER);
    csnap_key(&e, TK_ENTER);
    csnap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_dossier");
    SNAP("dossier-accepted");
    csnap_key(&e, TK_ESC);
    csnap_key(&e, TK_ESC);
    csnap_act(&e, ACT_CHOOSE, 2);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_handover");
    SNAP("handover-agency");
    csnap_key(&e, TK_ENTER);
    SNAP("handover-pick");
    csnap_act(&e, ACT_CHOOSE, 1);
    SNAP("handover-done");
    csnap_key(&e, TK_ENTER);
    csnap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_jobs");
    SNAP("jobs");
    csnap_key(&e, TK_ESC);
    csnap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_reports");
    SNAP("reports");
    csnap_key(&e, TK_ESC);
    csnap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_signin");
#undef SNAP
    csnap_close(&e);
}

static void snapshots_vi_80(void) { walk("vi", 24, 80); }
static void snapshots_en_80(void) { walk("en", 24, 80); }
static void snapshots_vi_120(void) { walk("vi", 40, 120); }
static void snapshots_en_120(void) { walk("en", 40, 120); }

static void lockout_on_screen(void)
{
    csnap e;
    CU_ASSERT_FATAL(csnap_open(&e, 24, 80, "en"));
    csnap_type(&e, "nv01");
    csnap_key(&e, TK_ENTER);
    for (int i = 0; i < AUTH_MAX_FAILURES; i++) {
        csnap_type(&e, "999999");
        csnap_key(&e, TK_ENTER);
    }
    CU_ASSERT(csnap_has("wait 5 min"));
    csnap_type(&e, "735102");   /* the right PIN, still locked */
    csnap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_signin");
    CU_ASSERT(csnap_lacks("735102"));     /* never echoed */
    e.a.fixed_time += AUTH_LOCK_SECONDS;
    csnap_type(&e, "735102");
    csnap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_menu");
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM audit WHERE action = 'login_locked'"), 1);
    csnap_close(&e);
}

static void idle_sign_out(void)
{
    csnap e;
    CU_ASSERT_FATAL(csnap_open(&e, 24, 80, "en"));
    csnap_sign_in(&e);
    csnap_act(&e, ACT_CHOOSE, 1);
    csnap_wait(&e, 105);
    CU_ASSERT(csnap_has("Signing out in 15 s"));
    csnap_key(&e, TK_DOWN);               /* a key keeps the clerk in */
    csnap_wait(&e, 100);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_queue");
    csnap_wait(&e, 25);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_signin");
    CU_ASSERT(csnap_lacks("Nguyễn"));
    CU_ASSERT_FALSE(e.ui.sess.active);
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM audit WHERE action = 'logout'"
                                    " AND detail = 'idle'"), 1);
    csnap_close(&e);
}

static void only_allowed_steps(void)
{
    csnap e;
    CU_ASSERT_FATAL(csnap_open(&e, 40, 120, "en"));
    csnap_sign_in(&e);
    csnap_act(&e, ACT_CHOOSE, 1);
    csnap_key(&e, TK_ENTER);                 /* the oldest: registered */
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_dossier");
    CU_ASSERT(csnap_has("Accept at the counter"));
    CU_ASSERT(csnap_lacks("Hand over to the agency"));
    CU_ASSERT(csnap_lacks("Delivered to the recipient"));
    /* a choice beyond the list does nothing */
    csnap_act(&e, ACT_CHOOSE, 9);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_dossier");
    /* refusing needs a reason: an empty one is refused on the form */
    csnap_act(&e, ACT_CHOOSE, 2);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_action");
    csnap_key(&e, TK_ENTER);
    CU_ASSERT(csnap_has("Please write the reason."));
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM dossiers WHERE status <> 'registered'"), 0);
    csnap_type(&e, "Thieeus giaasy towf");      /* Telex */
    csnap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_dossier");
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM events WHERE to_status ="
                                    " 'counter_rejected' AND note = 'Thiếu giấy tờ'"), 1);
    CU_ASSERT(csnap_has("Refused at counter"));
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM audit WHERE action = 'lookup'"), 1);
    csnap_close(&e);
}

static void scanned_receipts(void)
{
    csnap e;
    CU_ASSERT_FATAL(csnap_open(&e, 24, 80, "en"));
    csnap_scan(&e, "VNK1.LS01-000001.1767225600.AAAAAAAAAAAAAAAAAAAAAAAAAA");
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_signin");   /* nothing before sign-in */
    csnap_sign_in(&e);
    csnap_scan(&e, "VNK1.LS01-000001.1767225600.AAAAAAAAAAAAAAAAAAAAAAAAAA");
    CU_ASSERT(csnap_has("WARNING"));
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_menu");
    char payload[128];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, "LS01-999999", 1767225600, payload,
                                          sizeof payload), PK_OK);
    csnap_scan(&e, payload);                 /* genuine, but unknown here */
    CU_ASSERT(csnap_has("not in this database"));
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, e.refs[2], 1767225600, payload,
                                          sizeof payload), PK_OK);
    csnap_scan(&e, payload);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_dossier");
    CU_ASSERT(csnap_has("Hoàng Văn Tú"));
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM audit WHERE action = 'scan_rejected'"), 2);
    csnap_close(&e);
}

static void queue_live_and_small(void)
{
    csnap e;
    CU_ASSERT_FATAL(csnap_open(&e, 24, 80, "en"));
    csnap_sign_in(&e);
    csnap_act(&e, ACT_CHOOSE, 1);
    csnap_type(&e, "5678");                   /* last 4 digits of an ID */
    CU_ASSERT(csnap_has(e.refs[1]));
    CU_ASSERT(csnap_lacks(e.refs[0]));
    csnap_key(&e, TK_BACKSPACE);
    csnap_key(&e, TK_BACKSPACE);
    csnap_key(&e, TK_BACKSPACE);
    csnap_key(&e, TK_BACKSPACE);
    CU_ASSERT(csnap_has(e.refs[0]));
    csnap_key(&e, TK_TAB);                    /* open -> all */
    CU_ASSERT(csnap_has("All dossiers"));
    csnap_resize(&e, 5, 10);
    csnap_key(&e, TK_ENTER);                  /* blind keys do nothing */
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_queue");
    csnap_resize(&e, 24, 80);
    CU_ASSERT(csnap_has("All dossiers"));
    csnap_close(&e);
}

static void queue_filters(void)
{
    csnap e;
    CU_ASSERT_FATAL(csnap_open(&e, 24, 80, "en"));
    csnap_sign_in(&e);
    csnap_act(&e, ACT_CHOOSE, 1);
    csnap_key(&e, TK_BACKTAB);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_filters");
    CU_ASSERT(csnap_check("clerk-en-80x24-filters"));
    csnap_key(&e, TK_DOWN);                   /* registered from */
    csnap_type(&e, "31/11/2026");
    csnap_key(&e, TK_ENTER);
    CU_ASSERT(csnap_has("Please type a real date"));
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_filters");
    for (int i = 0; i < 10; i++)
        csnap_key(&e, TK_BACKSPACE);
    csnap_type(&e, "21/11/2026");
    csnap_key(&e, TK_DOWN);
    csnap_key(&e, TK_DOWN);
    csnap_key(&e, TK_DOWN);                   /* agency */
    csnap_key(&e, TK_RIGHT);
    CU_ASSERT(csnap_has("Công an tỉnh Lạng Sơn"));
    csnap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_queue");
    CU_ASSERT(csnap_has(e.refs[3]));
    CU_ASSERT(csnap_lacks(e.refs[1]));
    CU_ASSERT(csnap_has("21/11/2026"));
    /* agency back to any: the dates still apply */
    csnap_key(&e, TK_BACKTAB);
    for (int i = 0; i < 4; i++)
        csnap_key(&e, TK_DOWN);
    csnap_key(&e, TK_DELETE);
    csnap_key(&e, TK_ENTER);
    CU_ASSERT(csnap_has(e.refs[1]));
    CU_ASSERT(csnap_has(e.refs[3]));
    CU_ASSERT(csnap_lacks(e.refs[0]));
    csnap_close(&e);
}

static void print_retry(void)
{
    csnap e;
    CU_ASSERT_FATAL(csnap_open(&e, 24, 80, "en"));
    csnap_sign_in(&e);
    csnap_act(&e, ACT_CHOOSE, 3);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_jobs");
    CU_ASSERT(csnap_has("LS01-000003"));      /* failed: paper ran out */
    csnap_key(&e, TK_ENTER);
    CU_ASSERT(csnap_has("LS01-000003 printed."));
    CU_ASSERT(csnap_lacks("failed"));
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM print_jobs WHERE ref = 'LS01-000003'"
                                    " AND status = 1 AND kind = 'receipt'"), 1);
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM audit WHERE action = 'print_retry'"), 1);
    /* a reprint from the dossier screen: a new job, marked as a reprint */
    csnap_key(&e, TK_ESC);
    csnap_act(&e, ACT_CHOOSE, 1);
    csnap_key(&e, TK_ENTER);
    CU_ASSERT_STRING_EQUAL(csnap_top(&e), "clerk_dossier");
    csnap_act(&e, ACT_CHOOSE, 4);
    CU_ASSERT(csnap_has("The receipt was printed again."));
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM print_jobs WHERE ref = 'LS01-000001'"),
                    2);
    CU_ASSERT_EQUAL(count_sql(e.db, "SELECT count(*) FROM audit WHERE action = 'reprint'"), 1);
    csnap_close(&e);
}

void suite_clerk_screens(void)
{
    CU_pSuite s = CU_add_suite("clerk_screens", NULL, NULL);
    CU_add_test(s, "snapshots vi 80x24", snapshots_vi_80);
    CU_add_test(s, "snapshots en 80x24", snapshots_en_80);
    CU_add_test(s, "snapshots vi 120x40", snapshots_vi_120);
    CU_add_test(s, "snapshots en 120x40", snapshots_en_120);
    CU_add_test(s, "wrong PINs lock the account", lockout_on_screen);
    CU_add_test(s, "sign-out after inactivity", idle_sign_out);
    CU_add_test(s, "only allowed steps offered", only_allowed_steps);
    CU_add_test(s, "scanned receipts", scanned_receipts);
    CU_add_test(s, "queue search, filter, small terminal", queue_live_and_small);
    CU_add_test(s, "queue filters: dates, agency", queue_filters);
    CU_add_test(s, "print retry and reprint", print_retry);
}
