/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Store: schema, catalog tables, search, dossiers, jobs, settings, and
 * bad input. Durability tests are in test_store_durability.c. */
#include <CUnit/CUnit.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_audit.h"
#include "store_fixture.h"
#include "store_internal.h"
#include "text.h"
#include "unit.h"

static fx_dir fx;
static store *db;

static void setup(void)
{
    fx_init(&fx);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
}

static void teardown(void)
{
    store_close(db);
    db = NULL;
    fx_cleanup(&fx);
}

static void load_catalog(void)
{
    procedure p[] = {
        fx_proc("1.001193", "Đăng ký khai sinh", "Birth registration", "Hộ tịch", true),
        fx_proc("1.000894", "Đăng ký kết hôn", "Marriage registration", "Hộ tịch", false),
        fx_proc("2.000635", "Cấp bản sao trích lục hộ tịch đã đăng ký", "Copy of civil status extract",
                "Hộ tịch", true),
        fx_proc("1.000656", "Đăng ký khai tử", "Death registration", "Hộ tịch", true),
        fx_proc("3.000001", "Thay đổi, cải chính, bổ sung thông tin hộ tịch", "Civil status correction",
                "Hộ tịch", true),
        fx_proc("4.000001", "Cấp phiếu lý lịch tư pháp", "Criminal record certificate", "Tư pháp", true),
        fx_proc("5.000001", "Ân giảm", "Amnesty", "An ninh", true),
    };
    CU_ASSERT_EQUAL_FATAL(store_procedures_replace(db, p, (int)PK_ARRAY_LEN(p)), PK_OK);
}

TEST(store, opens_new, "opens a new database")
{
    setup();
    CU_ASSERT_EQUAL(store_schema_version(db), store_migrations[store_migrations_count - 1].version);
    CU_ASSERT_TRUE(store_is_empty(db));
    char msg[128];
    CU_ASSERT_EQUAL(store_check(db, true, msg, sizeof msg), PK_OK);
    CU_ASSERT_STRING_EQUAL(msg, "ok");
    /* WAL: the -wal file exists while the connection is open */
    char wal[128];
    snprintf(wal, sizeof wal, "%s-wal", fx.db_path);
    CU_ASSERT_EQUAL(access(wal, F_OK), 0);
    teardown();
    store *x = NULL;
    CU_ASSERT_NOT_EQUAL(store_open("/nonexistent-dir/x.db", &x, msg, sizeof msg), PK_OK);
    CU_ASSERT_PTR_NULL(x);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "/nonexistent-dir/x.db"));
}

TEST(store, procedures_roundtrip, "procedures round trip, bad lists change nothing")
{
    setup();
    load_catalog();
    CU_ASSERT_FALSE(store_is_empty(db));
    CU_ASSERT_EQUAL(store_procedure_count(db), 7);
    procedure p;
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "1.001193", &p), PK_OK);
    CU_ASSERT_STRING_EQUAL(p.name_vi, "Đăng ký khai sinh");
    CU_ASSERT_STRING_EQUAL(p.name_en, "Birth registration");
    CU_ASSERT_EQUAL(p.ndocs, 2);
    CU_ASSERT_EQUAL(p.docs[1].kind, DOC_COPY);
    CU_ASSERT_FALSE(p.docs[1].required);
    CU_ASSERT_EQUAL(p.docs[0].seq, 1);
    CU_ASSERT_EQUAL(p.fee_vnd, 8000);
    CU_ASSERT_TRUE(p.bcci_submit);
    CU_ASSERT_EQUAL(store_procedure_get(db, "nope", &p), PK_ENOTFOUND);
    /* a bad procedure in the list replaces nothing */
    procedure bad[2] = {fx_proc("X1", "Tên", "", "F", true), fx_proc("X2", "Tên\x01", "", "F", true)};
    CU_ASSERT_EQUAL(store_procedures_replace(db, bad, 2), PK_EINVAL);
    bad[1] = fx_proc("X1", "Trùng mã", "", "F", true);   /* duplicate code */
    CU_ASSERT_EQUAL(store_procedures_replace(db, bad, 2), PK_EEXISTS);
    CU_ASSERT_EQUAL(store_procedure_count(db), 7);
    CU_ASSERT_EQUAL(store_procedure_get(db, "1.001193", &p), PK_OK);
    /* fields and agencies in Vietnamese order */
    char fields[8][96];
    int n;
    CU_ASSERT_EQUAL(store_fields(db, fields, 8, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_STRING_EQUAL(fields[0], "An ninh");
    CU_ASSERT_STRING_EQUAL(fields[1], "Hộ tịch");
    CU_ASSERT_STRING_EQUAL(fields[2], "Tư pháp");
    proc_row rows[10];
    CU_ASSERT_EQUAL(store_procedures_by(db, "Hộ tịch", NULL, rows, 10, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT_STRING_EQUAL(rows[0].name_vi, "Cấp bản sao trích lục hộ tịch đã đăng ký");
    char ag[4][PK_TEXT_MAX];
    CU_ASSERT_EQUAL(store_agencies(db, ag, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    teardown();
}

static int search(const char *q, proc_row *rows, int max)
{
    int n = -1;
    CU_ASSERT_EQUAL(store_procedure_search(db, q, rows, max, &n), PK_OK);
    return n;
}

TEST(store, search_folds_and_ranks, "search folds diacritics and đ, ranks, Vietnamese order")
{
    setup();
    load_catalog();
    proc_row r[10];
    const char *qs[] = {"dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "Đăng ký khai sinh",
                        "dang ky khai sinh", "khai sinh", "DANG KY KHAI"};
    for (size_t i = 0; i < PK_ARRAY_LEN(qs); i++) {
        int n = search(qs[i], r, 10);
        CU_ASSERT_TRUE_FATAL(n >= 1);
        CU_ASSERT_STRING_EQUAL(r[0].name_vi, "Đăng ký khai sinh");
    }
    /* "dang ky": the names starting with it first, in Vietnamese order
     * (kết hôn < khai sinh < khai tử), then names with the words inside */
    int n = search("ĐĂNG KÝ", r, 10);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_STRING_EQUAL(r[0].name_vi, "Đăng ký kết hôn");
    CU_ASSERT_STRING_EQUAL(r[1].name_vi, "Đăng ký khai sinh");
    CU_ASSERT_STRING_EQUAL(r[2].name_vi, "Đăng ký khai tử");
    CU_ASSERT_STRING_EQUAL(r[3].name_vi, "Cấp bản sao trích lục hộ tịch đã đăng ký");
    CU_ASSERT_EQUAL(search("dang ky", r, 10), 4);
    /* word prefixes beat substrings: "ho tich" starts words in two names */
    n = search("tich ho", r, 10);
    CU_ASSERT_EQUAL(n, 2);
    /* a piece inside a word, when no word starts with it: shorter names first */
    n = search("ang", r, 10);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_STRING_EQUAL(r[0].name_vi, "Đăng ký kết hôn");
    CU_ASSERT_STRING_EQUAL(r[3].name_vi, "Cấp bản sao trích lục hộ tịch đã đăng ký");
    /* the max is honoured */
    CU_ASSERT_EQUAL(search("dang ky", r, 2), 2);
    CU_ASSERT_EQUAL(search("dang ky", r, 0), 0);
    /* English names, the national code */
    n = search("birth", r, 10);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(r[0].code, "1.001193");
    n = search("1.000894", r, 10);
    CU_ASSERT_TRUE_FATAL(n >= 1);
    CU_ASSERT_STRING_EQUAL(r[0].code, "1.000894");
    CU_ASSERT_FALSE(r[0].bcci_submit);
    /* empty query: everything in Vietnamese alphabetical order */
    n = search("", r, 10);
    CU_ASSERT_EQUAL_FATAL(n, 7);
    CU_ASSERT_STRING_EQUAL(r[0].name_vi, "Ân giảm");
    CU_ASSERT_STRING_EQUAL(r[1].name_vi, "Cấp bản sao trích lục hộ tịch đã đăng ký");
    CU_ASSERT_STRING_EQUAL(r[2].name_vi, "Cấp phiếu lý lịch tư pháp");
    CU_ASSERT_STRING_EQUAL(r[6].name_vi, "Thay đổi, cải chính, bổ sung thông tin hộ tịch");
    /* nothing found; metacharacters are plain text */
    CU_ASSERT_EQUAL(search("xyzxyz", r, 10), 0);
    CU_ASSERT_EQUAL(search("%", r, 10), 7);   /* folds to nothing: everything */
    CU_ASSERT_EQUAL(search("'; DROP TABLE procedures; --", r, 10), 0);
    CU_ASSERT_EQUAL(search("x_y%z", r, 10), 0);
    CU_ASSERT_EQUAL(store_procedure_count(db), 7);
    CU_ASSERT_EQUAL(store_procedure_search(db, "dang\xff", r, 10, &n), PK_EINVAL);
    CU_ASSERT_EQUAL(n, 0);
    teardown();
}

TEST(store, search_sees_other_connection, "search sees another connection's import")
{
    setup();
    load_catalog();
    proc_row r[10];
    CU_ASSERT_EQUAL(search("giam", r, 10), 1);
    store *other = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &other, NULL, 0), PK_OK);
    procedure p = fx_proc("9.9", "Giám định", "Assessment", "Y tế", true);
    CU_ASSERT_EQUAL(store_procedures_replace(other, &p, 1), PK_OK);
    store_close(other);
    CU_ASSERT_EQUAL_FATAL(search("giam", r, 10), 1);
    CU_ASSERT_STRING_EQUAL(r[0].name_vi, "Giám định");
    CU_ASSERT_EQUAL(search("dang ky", r, 10), 0);
    teardown();
}

TEST(store, units, "administrative units")
{
    setup();
    admin_unit u[3];
    memset(u, 0, sizeof u);
    const char *names[] = {"Đông Kinh", "Lương Văn Tri", "Đồng Đăng"};
    const char *types[] = {"phường", "phường", "xã"};
    for (int i = 0; i < 3; i++) {
        str_copy(u[i].province, sizeof u[i].province, "Lạng Sơn");
        str_copy(u[i].type, sizeof u[i].type, types[i]);
        str_copy(u[i].name, sizeof u[i].name, names[i]);
    }
    CU_ASSERT_EQUAL_FATAL(store_units_replace(db, u, 3), PK_OK);
    admin_unit out[4];
    int n;
    CU_ASSERT_EQUAL(store_unit_search(db, "Lạng Sơn", "dong", out, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(out[0].name, "Đồng Đăng");   /* đ before k */
    CU_ASSERT_STRING_EQUAL(out[1].name, "Đông Kinh");
    int id_dk = out[1].id;
    CU_ASSERT_EQUAL(store_unit_search(db, NULL, "tri", out, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(store_unit_search(db, "Hà Nội", "", out, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 0);
    /* replacing keeps the id of a unit that stays, drops the others */
    CU_ASSERT_EQUAL(store_units_replace(db, u, 1), PK_OK);
    admin_unit one;
    CU_ASSERT_EQUAL(store_unit_get(db, id_dk, &one), PK_OK);
    CU_ASSERT_STRING_EQUAL(one.name, "Đông Kinh");
    CU_ASSERT_EQUAL(store_unit_search(db, NULL, "", out, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    /* duplicates and unknown types change nothing */
    admin_unit dup[2] = {u[1], u[1]};
    CU_ASSERT_EQUAL(store_units_replace(db, dup, 2), PK_EEXISTS);
    str_copy(dup[0].type, sizeof dup[0].type, "huyện");
    CU_ASSERT_EQUAL(store_units_replace(db, dup, 1), PK_EINVAL);
    CU_ASSERT_EQUAL(store_unit_search(db, NULL, "", out, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(out[0].id, id_dk);
    char prov[4][64];
    CU_ASSERT_EQUAL(store_provinces(db, prov, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(prov[0], "Lạng Sơn");
    teardown();
}

TEST(store, holidays_tariffs, "holidays and tariffs")
{
    setup();
    holiday h[2] = {{"2026-02-16", 'H', "Tết"}, {"2026-01-03", 'W', "Làm bù"}};
    CU_ASSERT_EQUAL(store_holidays_replace(db, h, 2), PK_OK);
    holiday *out = NULL;
    int n = 0;
    CU_ASSERT_EQUAL(store_holidays(db, &out, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(out[0].date, "2026-01-03");   /* in date order */
    CU_ASSERT_EQUAL(out[0].kind, 'W');
    CU_ASSERT_STRING_EQUAL(out[1].name, "Tết");
    free(out);
    holiday bad[1] = {{"2026-13-01", 'H', "x"}};
    CU_ASSERT_EQUAL(store_holidays_replace(db, bad, 1), PK_EINVAL);
    holiday dup[2] = {h[0], h[0]};
    CU_ASSERT_EQUAL(store_holidays_replace(db, dup, 2), PK_EEXISTS);
    CU_ASSERT_EQUAL(store_holidays(db, &out, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    free(out);

    tariff t[2] = {{FORM_SEND, "province", 25000, 2}, {FORM_BOTH, "national", 60000, 3}};
    CU_ASSERT_EQUAL(store_tariffs_replace(db, t, 2), PK_OK);
    tariff g;
    CU_ASSERT_EQUAL(store_tariff_get(db, FORM_BOTH, "national", &g), PK_OK);
    CU_ASSERT_EQUAL(g.charge_vnd, 60000);
    CU_ASSERT_EQUAL(g.transit_days, 3);
    CU_ASSERT_EQUAL(store_tariff_get(db, FORM_RETURN, "national", &g), PK_ENOTFOUND);
    tariff tb = {FORM_SEND, "moon", 1, 1};
    CU_ASSERT_EQUAL(store_tariffs_replace(db, &tb, 1), PK_EINVAL);
    CU_ASSERT_EQUAL(store_tariff_get(db, FORM_SEND, "province", &g), PK_OK);
    teardown();
}

TEST(store, settings, "settings")
{
    setup();
    char v[64];
    CU_ASSERT_EQUAL(store_setting_get(db, "kiosk_code", v, sizeof v), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(store_setting_set(db, "kiosk_code", "LS01"), PK_OK);
    CU_ASSERT_EQUAL(store_setting_set(db, "post_office", "Bưu điện '; DROP TABLE settings; --"), PK_OK);
    CU_ASSERT_EQUAL(store_setting_get(db, "kiosk_code", v, sizeof v), PK_OK);
    CU_ASSERT_STRING_EQUAL(v, "LS01");
    CU_ASSERT_EQUAL(store_setting_get(db, "post_office", v, sizeof v), PK_OK);
    CU_ASSERT_STRING_EQUAL(v, "Bưu điện '; DROP TABLE settings; --");
    CU_ASSERT_EQUAL(store_setting_set(db, "x", "bad\xc3"), PK_EINVAL);
    CU_ASSERT_EQUAL(store_setting_set(db, "", "v"), PK_EINVAL);
    teardown();
}

TEST(store, dossier_lifecycle, "dossier create, get, events, jobs, list")
{
    setup();
    load_catalog();
    dossier d = fx_dossier("1.001193", "Nguyễn Văn A");
    int64_t job = 0;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", &job), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.ref, "LS01-000001");
    CU_ASSERT_STRING_EQUAL(d.s10, "RA000000014VN");   /* serial 1: 11 - 7 = 4 */
    CU_ASSERT_EQUAL(d.status, ST_REGISTERED);
    CU_ASSERT_TRUE(d.id > 0);
    CU_ASSERT_TRUE(d.created_at > 0);
    CU_ASSERT_TRUE(job > 0);
    dossier g;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(db, "LS01-000001", &g), PK_OK);
    CU_ASSERT_STRING_EQUAL(g.name, "Nguyễn Văn A");
    CU_ASSERT_STRING_EQUAL(g.id_number, "020095001234");
    CU_ASSERT_STRING_EQUAL(g.s10, d.s10);
    CU_ASSERT_EQUAL(g.form, FORM_BOTH);
    CU_ASSERT_EQUAL(g.fee_total, 33000);
    CU_ASSERT_EQUAL(g.ndocs, 1);
    CU_ASSERT_TRUE(g.docs[0].handed);
    CU_ASSERT_TRUE(g.consent_process);
    dossier_event ev[4];
    int n;
    CU_ASSERT_EQUAL(store_dossier_events(db, d.ref, ev, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(ev[0].to, "registered");
    CU_ASSERT_STRING_EQUAL(ev[0].from, "");
    CU_ASSERT_STRING_EQUAL(ev[0].actor, "kiosk");
    print_job jobs[4];
    CU_ASSERT_EQUAL(store_jobs_list(db, JOB_PENDING, jobs, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(jobs[0].ref, d.ref);
    CU_ASSERT_STRING_EQUAL(jobs[0].kind, "receipt");
    CU_ASSERT_EQUAL(store_job_set(db, job, JOB_FAILED, "paper out"), PK_OK);
    CU_ASSERT_EQUAL(store_job_set(db, job, JOB_PRINTED, NULL), PK_OK);
    CU_ASSERT_EQUAL(store_jobs_list(db, -1, jobs, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(jobs[0].status, JOB_PRINTED);
    CU_ASSERT_EQUAL(jobs[0].attempts, 2);
    CU_ASSERT_EQUAL(store_job_set(db, 999, JOB_PRINTED, NULL), PK_ENOTFOUND);

    /* a second dossier: the sequence moves on; the name keeps its quotes */
    dossier d2 = fx_dossier("1.000656", "O'Brien \"; DROP TABLE dossiers; --");
    d2.sample = true;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d2, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(d2.ref, "LS01-000002");
    CU_ASSERT_EQUAL(store_dossier_get(db, d2.ref, &g), PK_OK);
    CU_ASSERT_STRING_EQUAL(g.name, "O'Brien \"; DROP TABLE dossiers; --");
    CU_ASSERT_TRUE(g.sample);
    CU_ASSERT_EQUAL(store_dossier_count(db, -1), 2);
    CU_ASSERT_EQUAL(store_dossier_count(db, ST_REGISTERED), 2);
    CU_ASSERT_EQUAL(store_dossier_count(db, ST_DELIVERED), 0);

    dossier_row rows[4];
    dossier_filter f = {.status = ST_REGISTERED};
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);   /* the sample is left out */
    CU_ASSERT_STRING_EQUAL(rows[0].proc_name_vi, "Đăng ký khai sinh");
    f.include_sample = true;
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 1, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(rows[0].ref, "LS01-000002");
    f.query = "nguyen van";
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    f.query = "ls01-000002";
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    f.query = "1234";   /* last digits of the ID */
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    f.query = "%";
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 0);
    f.query = NULL;
    f.proc_code = "1.000656";
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    f.proc_code = NULL;
    f.from_date = "2999-01-01";
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(store_dossier_get(db, "LS01-999999", &g), PK_ENOTFOUND);
    /* a new catalog without the procedure: the dossier keeps what it was */
    procedure other = fx_proc("7.7", "Thủ tục khác", "Other", "Khác", true);
    CU_ASSERT_EQUAL(store_procedures_replace(db, &other, 1), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_get(db, "LS01-000001", &g), PK_OK);
    CU_ASSERT_STRING_EQUAL(g.proc_code, "1.001193");
    f = (dossier_filter){.status = -1, .include_sample = true};
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 4, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(rows[0].proc_name_vi, "Đăng ký khai sinh");
    teardown();
}

TEST(store, dossier_bad_input_changes_nothing, "bad dossier input changes nothing")
{
    setup();
    load_catalog();
    dossier d = fx_dossier("no-such-proc", "Nguyễn Văn A");
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(d.ref, "");
    d = fx_dossier("1.000894", "Nguyễn Văn A");   /* marriage: not by post at all */
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_ESTATE);
    d.form = FORM_RETURN;
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);   /* fx: returnable */
    CU_ASSERT_EQUAL(store_dossier_count(db, -1), 1);
    d = fx_dossier("1.001193", "Nguyễn \xff");
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_EINVAL);
    d = fx_dossier("1.001193", "Nguyễn\x1b[2J");
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_EINVAL);
    d = fx_dossier("1.001193", "Nguyễn Văn A");
    d.consent_process = false;
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_EINVAL);
    d = fx_dossier("1.001193", "Nguyễn Văn A");
    memset(d.street, 'x', sizeof d.street);   /* not terminated */
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_EINVAL);
    d = fx_dossier("1.001193", "Nguyễn Văn A");
    str_copy(d.kiosk_code, sizeof d.kiosk_code, "bad code");
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "R", "kiosk", NULL), PK_EINVAL);
    CU_ASSERT_EQUAL(store_dossier_count(db, -1), 1);
    int n;
    print_job jobs[4];
    CU_ASSERT_EQUAL(store_jobs_list(db, -1, jobs, 4, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    /* no sequence number was spent; the kiosk code comes from settings */
    d = fx_dossier("1.001193", "Nguyễn Văn A");
    d.kiosk_code[0] = '\0';
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_EINVAL);
    CU_ASSERT_EQUAL(store_setting_set(db, "kiosk_code", "LS02"), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.ref, "LS02-000001");
    /* the refused attempts spent no number: LS01 went on from 1 */
    d = fx_dossier("1.001193", "Nguyễn Văn A");
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.ref, "LS01-000002");
    teardown();
}

/* S10 serials stay in the range the postal operator gave the kiosk. */
TEST(store, s10_range, "S10 serials stay in the kiosk's range")
{
    setup();
    load_catalog();
    CU_ASSERT_EQUAL(store_setting_set(db, "s10_first", "20000000"), PK_OK);
    CU_ASSERT_EQUAL(store_setting_set(db, "s10_last", "20000001"), PK_OK);
    dossier d = fx_dossier("1.001193", "Nguyễn Văn A");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_EQUAL(strncmp(d.s10, "RA20000000", 10), 0);
    d = fx_dossier("1.001193", "Nguyễn Văn A");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_EQUAL(strncmp(d.s10, "RA20000001", 10), 0);
    d = fx_dossier("1.001193", "Nguyễn Văn A");
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_EFULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(store_last_error(db), "used up"));
    CU_ASSERT_EQUAL(store_dossier_count(db, -1), 2);
    /* a new range: numbering goes on from its start */
    CU_ASSERT_EQUAL(store_setting_set(db, "s10_first", "30000000"), PK_OK);
    CU_ASSERT_EQUAL(store_setting_set(db, "s10_last", "39999999"), PK_OK);
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_EQUAL(strncmp(d.s10, "RA30000000", 10), 0);
    CU_ASSERT_STRING_EQUAL(d.ref, "LS01-000003");
    teardown();
}

TEST(store, events_append_only, "events are append-only")
{
    setup();
    load_catalog();
    dossier d = fx_dossier("1.001193", "Nguyễn Văn A");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    sqlite3 *conn;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &conn), SQLITE_OK);
    sqlite3_busy_timeout(conn, 5000);
    CU_ASSERT_NOT_EQUAL(sqlite3_exec(conn, "UPDATE events SET note = 'x'", NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_NOT_EQUAL(sqlite3_exec(conn, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(conn);
    dossier_event ev[2];
    int n;
    CU_ASSERT_EQUAL(store_dossier_events(db, d.ref, ev, 2, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(ev[0].note, "");
    teardown();
}

/* Every text input of the store: invalid UTF-8 and control characters are
 * refused with PK_EINVAL and change nothing; SQL metacharacters are plain
 * text, stored and read back verbatim. */
TEST(store, every_text_input, "every text input: bad text refused, SQL metacharacters verbatim")
{
    setup();
    load_catalog();
    const char *bad[] = {"x\xff", "\xc0\xaf", "a\x1b[2J", "a\nb"};
    const char *meta = "'; DROP TABLE dossiers; -- %_\" \\";
    for (size_t i = 0; i < PK_ARRAY_LEN(bad); i++) {
        procedure p = fx_proc("9.1", "Tên", "", "F", true);
        str_copy(p.agency, sizeof p.agency, bad[i]);
        CU_ASSERT_EQUAL(store_procedures_replace(db, &p, 1), PK_EINVAL);
        p = fx_proc("9.1", "Tên", "", "F", true);
        str_copy(p.docs[1].name_en, sizeof p.docs[1].name_en, bad[i]);
        CU_ASSERT_EQUAL(store_procedures_replace(db, &p, 1), PK_EINVAL);
        admin_unit u = {0, "Lạng Sơn", "xã", ""};
        str_copy(u.name, sizeof u.name, bad[i]);
        CU_ASSERT_EQUAL(store_units_replace(db, &u, 1), PK_EINVAL);
        holiday h = {"2026-01-01", 'H', ""};
        str_copy(h.name, sizeof h.name, bad[i]);
        CU_ASSERT_EQUAL(store_holidays_replace(db, &h, 1), PK_EINVAL);
        tariff t = {FORM_SEND, "", 1, 1};
        str_copy(t.scope, sizeof t.scope, bad[i]);
        CU_ASSERT_EQUAL(store_tariffs_replace(db, &t, 1), PK_EINVAL);
        int n;
        admin_unit out[2];
        CU_ASSERT_EQUAL(store_unit_search(db, NULL, bad[i], out, 2, &n), PK_EINVAL);
        dossier_row rows[2];
        dossier_filter f = {.status = -1, .query = bad[i]};
        CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 2, &n), PK_EINVAL);
        CU_ASSERT_EQUAL(store_job_create(db, "LS01-000001", bad[i], NULL), PK_EINVAL);
        CU_ASSERT_EQUAL(store_setting_set(db, bad[i], "v"), PK_EINVAL);
        dossier d = fx_dossier("1.001193", "Nguyễn Văn A");
        CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", bad[i], NULL), PK_EINVAL);
        str_copy(d.docs[0].name_vi, sizeof d.docs[0].name_vi, bad[i]);
        CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_EINVAL);
    }
    CU_ASSERT_EQUAL(store_procedure_count(db), 7);
    CU_ASSERT_EQUAL(store_dossier_count(db, -1), 0);
    /* metacharacters everywhere are just text */
    procedure p = fx_proc("9.1", meta, meta, meta, true);
    str_copy(p.agency, sizeof p.agency, meta);
    CU_ASSERT_EQUAL_FATAL(store_procedures_replace(db, &p, 1), PK_OK);
    procedure g;
    CU_ASSERT_EQUAL(store_procedure_get(db, "9.1", &g), PK_OK);
    CU_ASSERT_STRING_EQUAL(g.name_vi, meta);
    CU_ASSERT_STRING_EQUAL(g.agency, meta);
    proc_row r[2];
    int n;
    CU_ASSERT_EQUAL(store_procedure_search(db, meta, r, 2, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    admin_unit u = {0, "Lạng Sơn", "xã", ""};
    str_copy(u.name, sizeof u.name, meta);
    CU_ASSERT_EQUAL(store_units_replace(db, &u, 1), PK_OK);
    admin_unit out[2];
    CU_ASSERT_EQUAL(store_unit_search(db, "Lạng Sơn", "drop table", out, 2, &n), PK_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(out[0].name, meta);
    dossier d = fx_dossier("9.1", meta);
    str_copy(d.street, sizeof d.street, meta);
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", meta, NULL), PK_OK);
    dossier back;
    CU_ASSERT_EQUAL(store_dossier_get(db, d.ref, &back), PK_OK);
    CU_ASSERT_STRING_EQUAL(back.name, meta);
    CU_ASSERT_STRING_EQUAL(back.street, meta);
    dossier_event ev[2];
    CU_ASSERT_EQUAL(store_dossier_events(db, d.ref, ev, 2, &n), PK_OK);
    CU_ASSERT_STRING_EQUAL(ev[0].actor, meta);
    dossier_filter f = {.status = -1, .query = meta};
    dossier_row rows[2];
    CU_ASSERT_EQUAL(store_dossier_list(db, &f, 0, rows, 2, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    char msg[64];
    CU_ASSERT_EQUAL(store_check(db, true, msg, sizeof msg), PK_OK);
    teardown();
}

/* ---- migrations ------------------------------------------------------- */

static void exec_raw(const char *path, const char *sql)
{
    sqlite3 *conn;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &conn), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(conn, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(conn);
}

TEST(store, migrates_old_schema, "migrates an older schema, refuses a newer")
{
    fx_init(&fx);
    /* version 0: a database made by hand with an unrelated table */
    exec_raw(fx.db_path, "CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES('kept');");
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_schema_version(db), store_migrations[store_migrations_count - 1].version);
    CU_ASSERT_EQUAL(store_procedure_count(db), 0);
    load_catalog();
    store_close(db);

    /* a later version: one more array entry, applied on top of v1 data */
    store_migration list[32];   /* the real list and two more: room to spare */
    int n = store_migrations_count;
    CU_ASSERT_FATAL(n + 2 <= (int)PK_ARRAY_LEN(list));
    memcpy(list, store_migrations, (size_t)n * sizeof list[0]);
    int next = list[n - 1].version + 1;
    list[n] = (store_migration){next, "ALTER TABLE procedures ADD COLUMN popular INTEGER NOT NULL DEFAULT 0;"
                                      "CREATE TABLE extra(a TEXT);", NULL};
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_migrate(db, list, n + 1, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_schema_version(db), next);
    CU_ASSERT_EQUAL(store_procedure_count(db), 7);
    /* a broken step rolls back completely and leaves the version */
    list[n + 1] = (store_migration){next + 1, "CREATE TABLE half(a); SELECT no_such_function();", NULL};
    CU_ASSERT_NOT_EQUAL(store_migrate(db, list, n + 2, msg, sizeof msg), PK_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "no_such_function"));
    CU_ASSERT_EQUAL(store_schema_version(db), next);
    store_close(db);
    db = NULL;

    /* the program refuses a database newer than it knows */
    CU_ASSERT_NOT_EQUAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_PTR_NULL(db);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "schema version"));
    sqlite3 *conn;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &conn), SQLITE_OK);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'half'", -1, &q, NULL);
    CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_ROW);
    CU_ASSERT_EQUAL(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    sqlite3_prepare_v2(conn, "SELECT x FROM notes", -1, &q, NULL);
    CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_ROW);
    CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(q, 0), "kept");
    sqlite3_finalize(q);
    sqlite3_close(conn);
    fx_cleanup(&fx);
}

/* A database made by version 1 of the program (by hand: the first
 * migration only) opens with every later migration applied, its data kept. */
TEST(store, migrates_v1_with_data, "a version 1 database with data migrates to the latest")
{
    fx_init(&fx);
    sqlite3 *conn;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &conn), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_migrations[0].version, 1);
    CU_ASSERT_EQUAL(sqlite3_exec(conn, "PRAGMA journal_mode=WAL", NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(conn, store_migrations[0].sql, NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(conn,
        "INSERT INTO procedures(code, name_vi, bcci_submit, bcci_return, in_person, days, fee_vnd,"
        " name_fold, name_en_fold, name_key, field_key, agency_key)"
        " VALUES('1.001193', 'Đăng ký khai sinh', 1, 1, 0, 0, 0, 'dang ky khai sinh', '', 'k', '', '');"
        "INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency,"
        " form, status, name, name_fold, id_number, phone, fee_proc, fee_post, fee_total,"
        " created_at, created_day, updated_at, consent_process, consent_sms, sample)"
        " VALUES('LS01-000001', 'RA000000014VN', 'LS01', '1.001193', 'Đăng ký khai sinh', '', '',"
        " 3, 'registered', 'Nguyễn Văn A', 'nguyen van a', '020095001234', '0912345678', 0, 0, 0,"
        " 1767225600, '2026-01-01', 1767225600, 1, 0, 0);"
        "INSERT INTO events(dossier_id, at, actor, to_status) VALUES(1, 1767225600, 'kiosk', 'registered');"
        /* a name the later fold changes (ky -> ki): sealed by one migration,
         * refolded by a later one */
        "INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency,"
        " form, status, name, name_fold, id_number, phone, fee_proc, fee_post, fee_total,"
        " created_at, created_day, updated_at, consent_process, consent_sms, sample)"
        " VALUES('LS01-000002', 'RA000000028VN', 'LS01', '1.001193', 'Đăng ký khai sinh', '', '',"
        " 3, 'registered', 'Lý Thị Kỳ', 'ly thi ky', '020095001235', '0912345679', 0, 0, 0,"
        " 1767225600, '2026-01-01', 1767225600, 1, 0, 0);"
        "INSERT INTO events(dossier_id, at, actor, to_status) VALUES(2, 1767225600, 'kiosk', 'registered');"
        "INSERT INTO sequences(name, value) VALUES('ref:LS01', 2), ('s10:RA', 2);"
        "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(conn);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_schema_version(db), store_migrations[store_migrations_count - 1].version);
    dossier d;
    CU_ASSERT_EQUAL(store_dossier_get(db, "LS01-000001", &d), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.name, "Nguyễn Văn A");
    CU_ASSERT_EQUAL(store_dossier_count(db, ST_REGISTERED), 2);
    /* every migration that changed a row sealed it again: the upgraded
     * history verifies (the refold of names used to leave stale seals) */
    audit_check ac;
    CU_ASSERT_EQUAL(store_audit_verify(db, &ac), PK_OK);
    /* and it works on: the sequences go on */
    d = fx_dossier("1.001193", "Trần Văn B");
    CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(d.ref, "LS01-000003");
    CU_ASSERT_EQUAL(store_check(db, true, msg, sizeof msg), PK_OK);
    store_close(db);
    db = NULL;
    /* version 4 folded the stored names again: "ky" is "ki" (Lý = Lí) */
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &conn), SQLITE_OK);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(conn, "SELECT name_fold FROM procedures WHERE code = '1.001193'", -1, &q, NULL);
    CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_ROW);
    CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(q, 0), "dang ki khai sinh");
    sqlite3_finalize(q);
    sqlite3_close(conn);
    fx_cleanup(&fx);
}

TEST(store, refuses_non_database, "refuses a file that is no database")
{
    fx_init(&fx);
    FILE *f = fopen(fx.db_path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("this is not a database, just some text that is long enough to matter\n", f);
    for (int i = 0; i < 100; i++)
        fputs("garbage garbage garbage garbage garbage garbage\n", f);
    fclose(f);
    char msg[256] = "";
    CU_ASSERT_EQUAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_EIO);
    CU_ASSERT_PTR_NULL(db);
    CU_ASSERT_NOT_EQUAL(msg[0], '\0');
    fx_cleanup(&fx);
}

SUITE(store, NULL, NULL);
