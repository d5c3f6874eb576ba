/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `make bench`: the store against the targets of issue 2.
 *   - catalog search, 5,000 procedures: p99 < 1 ms
 *   - a page of the dossier list filtered by status, 1,000,000 dossiers:
 *     p99 < 5 ms
 *   - a durable dossier insert (store_dossier_create: one BEGIN IMMEDIATE
 *     transaction with the documents, the first event and its audit entry,
 *     the print job; synchronous=FULL) within 1.5x of a bare SQLite insert
 *     of the same dossier row into the same table with the same PRAGMAs
 *     (autocommit, no store), measured interleaved in the same run; a
 *     1-row-table insert is printed for reference.
 * The generators write straight to SQLite in one transaction (fast); the
 * measurements use the store API. BENCH_DOSSIERS overrides the 1,000,000. */
#include <inttypes.h>
#include <sqlite3.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)(p / 100.0 * (n - 1) + 0.5);
    return v[i];
}

static int failures;

static void report(const char *what, double *v, int n, double target_p99)
{
    double p50 = pct(v, n, 50), p99 = pct(v, n, 99);
    bool ok = p99 < target_p99;
    printf("%-44s p50 %8.3f ms  p99 %8.3f ms  (target p99 < %.0f ms) %s\n", what, p50, p99,
           target_p99, ok ? "OK" : "MISSED");
    failures += !ok;
}

static uint64_t rng = 88172645463325252ULL;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static const char *const verbs[] = {
    "Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Thay đổi", "Điều chỉnh", "Xác nhận", "Gia hạn",
    "Chứng thực", "Công nhận", "Thu hồi", "Hỗ trợ", "Giải quyết", "Trích lục", "Thẩm định"};
static const char *const objects[] = {
    "khai sinh", "kết hôn", "khai tử", "giấy phép lái xe", "hộ chiếu phổ thông", "thường trú",
    "tạm trú", "giấy chứng nhận quyền sử dụng đất", "hộ kinh doanh", "bản sao từ sổ gốc",
    "chữ ký", "trợ cấp xã hội", "bảo hiểm y tế", "giấy phép xây dựng", "lý lịch tư pháp",
    "thẻ căn cước", "chế độ thai sản", "học bổng", "nhà ở", "giám hộ"};
static const char *const tails[] = {
    "", " cho người nước ngoài", " có yếu tố nước ngoài", " tại cấp xã", " lần đầu",
    " trong trường hợp bị mất", " cho trẻ em dưới 6 tuổi", " theo yêu cầu", " đối với hộ nghèo",
    " qua dịch vụ bưu chính"};
static const char *const fields[] = {"Hộ tịch", "Cư trú", "Đất đai", "Giao thông", "Chứng thực",
                                     "Bảo trợ xã hội", "Y tế", "Giáo dục", "Xây dựng"};

static procedure *gen_procedures(int n)
{
    procedure *ps = xcalloc((size_t)n, sizeof *ps);
    for (int i = 0; i < n; i++) {
        procedure *p = &ps[i];
        snprintf(p->code, sizeof p->code, "%d.%06d", 1 + i % 3, i);
        snprintf(p->name_vi, sizeof p->name_vi, "%s %s%s", verbs[rnd(15)], objects[rnd(20)],
                 tails[rnd(10)]);
        snprintf(p->name_en, sizeof p->name_en, "Procedure number %d", i);
        /* keywords as staff write them: an everyday name and a made-up
         * abbreviation each, so the vocabulary grows with the catalog */
        snprintf(p->keywords, sizeof p->keywords, "giấy %s, làm %s, %c%c%c%c%d",
                 objects[rnd(20)], objects[rnd(20)], 'a' + (int)rnd(26), 'a' + (int)rnd(26),
                 'a' + (int)rnd(26), 'a' + (int)rnd(26), i);
        p->keywords_set = true;
        str_copy(p->agency, sizeof p->agency, "UBND cấp xã");
        str_copy(p->level, sizeof p->level, "commune");
        str_copy(p->field_vi, sizeof p->field_vi, fields[rnd(9)]);
        p->bcci_submit = rnd(4) != 0;
        p->bcci_return = true;
        str_copy(p->reason_vi, sizeof p->reason_vi, p->bcci_submit ? "" : "Phải có mặt.");
        p->days = (int)rnd(20);
        p->ndocs = 2;
        str_copy(p->docs[0].name_vi, sizeof p->docs[0].name_vi, "Tờ khai");
        str_copy(p->docs[1].name_vi, sizeof p->docs[1].name_vi, "Bản sao giấy tờ tùy thân");
        p->docs[1].kind = DOC_COPY;
    }
    return ps;
}

static void must(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        die("%s: %s", what, sqlite3_errmsg(db));
}

/* 1,000,000 dossiers straight into the table, one transaction. */
static void gen_dossiers(const char *path, int n)
{
    static const char *const statuses[] = {"delivered", "delivered", "delivered", "delivered",
                                           "delivered", "delivered", "processing", "registered",
                                           "accepted", "in_transit", "handed", "result_ready",
                                           "cancelled", "out_for_delivery", "supplement"};
    sqlite3 *db;
    must(sqlite3_open(path, &db), db, "open");
    /* a bulk load: a big page cache keeps the index b-trees in memory */
    /* and no journal: the pages go straight to the file, once (WAL again after) */
    must(sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                          "PRAGMA cache_size=-1048576; BEGIN", NULL, NULL, NULL), db, "begin");
    sqlite3_stmt *stmt;
    must(sqlite3_prepare_v2(db,
        "INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency,"
        " form, status, name, name_fold, id_number, phone, unit_id, province, unit_name, street,"
        " fee_proc, fee_post, fee_total, expected_date, created_at, created_day, updated_at,"
        " consent_process, consent_sms, sample) VALUES(?1, ?2, 'BK01', ?3, 'Đăng ký khai sinh',"
        " 'Birth registration', 'UBND cấp xã', 3, ?4, 'Nguyễn Văn An', 'nguyen van an',"
        " ?5, '0912345678', 1, 'Lạng Sơn', 'Đông Kinh', 'Số 1', 0, 45000, 45000, '2026-03-02',"
        " ?6, ?7, ?6, 1, 0, 0)", -1, &stmt, NULL), db, "prepare");
    int64_t t0 = 1735689600;   /* 2025-01-01 */
    for (int i = 1; i <= n; i++) {
        char ref[32], s10[32], code[32], idn[16], day[16];
        snprintf(ref, sizeof ref, "BK01-%07d", i);
        snprintf(s10, sizeof s10, "RZ%08dVN", i);
        snprintf(code, sizeof code, "1.%06u", rnd(5000));
        snprintf(idn, sizeof idn, "020%09u", rnd(1000000000));
        int64_t t = t0 + (int64_t)i * 30;
        time_t tt = (time_t)t;
        struct tm tm;
        gmtime_r(&tt, &tm);
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        sqlite3_bind_text(stmt, 1, ref, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, s10, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 3, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 4, statuses[rnd(15)], -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 5, idn, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(stmt, 6, t);
        sqlite3_bind_text(stmt, 7, day, -1, SQLITE_TRANSIENT);
        must(sqlite3_step(stmt), db, "insert dossier");
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    must(sqlite3_exec(db, "COMMIT; PRAGMA journal_mode=WAL; ANALYZE", NULL, NULL, NULL), db,
         "commit");
    sqlite3_close(db);
}

static void bench_search(store *s)
{
    static const char *const queries[] = {
        "dang ky", "khai sinh", "ĐĂNG KÝ KẾT HÔN", "cap giay phep lai xe", "ho chieu", "c",
        "thuong tru", "giay chung nhan quyen su dung", "xyz", "", "tro cap", "bao hiem y te",
        "nuoc ngoai", "cap lai", "dat",
        /* the forgiving kind (issue 15 item 14): typos, a missing space,
         * everyday words, spellings, nothing found (a full forgiving scan) */
        "khia sinh", "ly lihc tu phap", "khaisinh", "lam giay khai sinh", "dang ki ket hon",
        "bao hiem xa hoi", "hộ chếu", "zzzqx", "giay phep lai xe cho toi"};
    enum { N = 3000 };
    double *t = xmalloc(N * sizeof *t);
    proc_row rows[20];
    int n;
    double t0 = now_ms();
    if (store_procedure_search(s, "dang ky", rows, 20, &n) != PK_OK)
        die("search failed");
    printf("%-44s %8.3f ms (once, then cached)\n", "search index build, 5,000 procedures",
           now_ms() - t0);
    double slowest[PK_ARRAY_LEN(queries)] = {0};
    for (int i = 0; i < N; i++) {
        size_t k = rnd(PK_ARRAY_LEN(queries));
        const char *q = queries[k];
        double a = now_ms();
        if (store_procedure_search(s, q, rows, 20, &n) != PK_OK)
            die("search failed");
        t[i] = now_ms() - a;
        if (t[i] > slowest[k])
            slowest[k] = t[i];
    }
    report("catalog search, 5,000 procedures, 20 rows", t, N, 1.0);
    size_t worst = 0;
    for (size_t k = 1; k < PK_ARRAY_LEN(queries); k++)
        if (slowest[k] > slowest[worst])
            worst = k;
    printf("  slowest query: \"%s\" %.3f ms (once)\n", queries[worst], slowest[worst]);
    free(t);
}

static void bench_list(store *s)
{
    enum { N = 2000 };
    double *t = xmalloc(N * sizeof *t);
    dossier_row rows[20];
    int n;
    for (int i = 0; i < N; i++) {
        dossier_filter f = {.status = (int)rnd(ST__COUNT)};
        int offset = (int)rnd(10) * 20;   /* the first ten pages */
        double a = now_ms();
        if (store_dossier_list(s, &f, offset, rows, 20, &n) != PK_OK)
            die("list failed: %s", store_last_error(s));
        t[i] = now_ms() - a;
    }
    char what[64];
    snprintf(what, sizeof what, "dossier list page by status, %lld dossiers",
             (long long)store_dossier_count(s, -1));
    report(what, t, N, 5.0);
    free(t);
}

/* The same dossier row straight into the same table (same indexes,
 * triggers and PRAGMAs), autocommit: what SQLite itself costs. */
static const char bare_row_sql[] =
    "INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency,"
    " form, status, name, name_fold, id_number, phone, unit_id, province, unit_name, street,"
    " fee_proc, fee_post, fee_total, expected_date, created_at, created_day, updated_at,"
    " consent_process, consent_sms, sample) VALUES(?1, ?2, 'BR01', '1.000000',"
    " 'Đăng ký khai sinh', 'Birth registration', 'UBND cấp xã', 3, 'registered',"
    " 'Nguyễn Văn An', 'nguyen van an', '020095001234', '0912345678', 1, 'Lạng Sơn',"
    " 'Đông Kinh', 'Số 1', 0, 45000, 45000, '2026-03-02', ?3, '2026-01-01', ?3, 1, 0, 0)";

static sqlite3 *bare_open(const char *path)
{
    sqlite3 *db;
    must(sqlite3_open(path, &db), db, "open bare");
    sqlite3_busy_timeout(db, 5000);
    must(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                          "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"
                          "PRAGMA trusted_schema=OFF; PRAGMA cell_size_check=ON;",
                      NULL, NULL, NULL), db, "bare pragmas");
    return db;
}

static void bench_insert(store *s, const char *path, const char *tiny_path)
{
    sqlite3 *db = bare_open(path), *tiny = bare_open(tiny_path);
    must(sqlite3_exec(tiny, "CREATE TABLE t(id INTEGER PRIMARY KEY, ref TEXT, name TEXT, at INTEGER)",
                      NULL, NULL, NULL), tiny, "tiny schema");
    sqlite3_stmt *row, *one;
    must(sqlite3_prepare_v2(db, bare_row_sql, -1, &row, NULL), db, "bare prepare");
    must(sqlite3_prepare_v2(tiny, "INSERT INTO t(ref, name, at) VALUES(?1, 'Nguyễn Văn An', ?2)",
                            -1, &one, NULL), tiny, "tiny prepare");
    enum { N = 300 };
    double *ts = xmalloc(N * sizeof *ts), *tb = xmalloc(N * sizeof *tb), *tt = xmalloc(N * sizeof *tt);
    for (int i = 0; i < N; i++) {
        dossier d;
        memset(&d, 0, sizeof d);
        str_copy(d.proc_code, sizeof d.proc_code, "1.000000");
        str_copy(d.name, sizeof d.name, "Nguyễn Văn An");
        str_copy(d.id_number, sizeof d.id_number, "020095001234");
        str_copy(d.phone, sizeof d.phone, "0912345678");
        str_copy(d.kiosk_code, sizeof d.kiosk_code, "LS01");
        d.form = FORM_BOTH;
        d.consent_process = true;
        d.ndocs = 2;
        str_copy(d.docs[0].name_vi, sizeof d.docs[0].name_vi, "Tờ khai");
        str_copy(d.docs[1].name_vi, sizeof d.docs[1].name_vi, "Bản sao");
        double a = now_ms();
        pk_err e = store_dossier_create(s, &d, "RA", "kiosk", NULL);
        ts[i] = now_ms() - a;
        if (e != PK_OK)
            die("insert failed: %s (%s)", pk_err_msg(e), store_last_error(s));
        char ref[32], s10[32];
        snprintf(ref, sizeof ref, "BR01-%07d", i + 1);
        snprintf(s10, sizeof s10, "RB%08dVN", i + 1);
        a = now_ms();
        sqlite3_bind_text(row, 1, ref, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(row, 2, s10, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(row, 3, 1767225600 + i);
        must(sqlite3_step(row), db, "bare insert");
        sqlite3_reset(row);
        tb[i] = now_ms() - a;
        a = now_ms();
        sqlite3_bind_text(one, 1, ref, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(one, 2, i);
        must(sqlite3_step(one), tiny, "tiny insert");
        sqlite3_reset(one);
        tt[i] = now_ms() - a;
    }
    sqlite3_finalize(row);
    sqlite3_finalize(one);
    sqlite3_close(db);
    sqlite3_close(tiny);
    double s50 = pct(ts, N, 50), s99 = pct(ts, N, 99), b50 = pct(tb, N, 50), b99 = pct(tb, N, 99);
    bool ok = s50 <= 1.5 * b50;
    printf("%-44s p50 %8.3f ms  p99 %8.3f ms\n", "durable dossier insert (store, 1 txn)", s50, s99);
    printf("%-44s p50 %8.3f ms  p99 %8.3f ms\n", "bare SQLite insert of the same row", b50, b99);
    printf("%-44s p50 %8.3f ms  p99 %8.3f ms\n", "  (reference: 1-row table, same PRAGMAs)",
           pct(tt, N, 50), pct(tt, N, 99));
    printf("%-44s %.2fx at p50 (target <= 1.5x) %s\n", "store insert / bare insert", s50 / b50,
           ok ? "OK" : "MISSED");
    failures += !ok;
    free(ts);
    free(tb);
    free(tt);
}

int main(void)
{
    unsigned char audit_key[32];
    randombytes_buf(audit_key, sizeof audit_key);   /* throwaway databases */
    store_use_audit_key(audit_key);
    char dir[] = "/tmp/pkbench.XXXXXX";
    if (!mkdtemp(dir))
        die("mkdtemp");
    char path[128], bare[128];
    snprintf(path, sizeof path, "%s/bench.db", dir);
    snprintf(bare, sizeof bare, "%s/bare.db", dir);
    int ndossiers = getenv("BENCH_DOSSIERS") ? atoi(getenv("BENCH_DOSSIERS")) : 1000000;
    double t0 = now_ms();
    store *s;
    char msg[256];
    if (store_open(path, &s, msg, sizeof msg) != PK_OK)
        die("%s", msg);
    procedure *ps = gen_procedures(5000);
    if (store_procedures_replace(s, ps, 5000) != PK_OK)
        die("procedures: %s", store_last_error(s));
    free(ps);
    store_close(s);
    gen_dossiers(path, ndossiers);
    printf("generated 5,000 procedures and %d dossiers in %.1f s\n", ndossiers,
           (now_ms() - t0) / 1000);
    if (store_open(path, &s, msg, sizeof msg) != PK_OK)
        die("%s", msg);
    double q0 = now_ms();
    if (store_check(s, false, msg, sizeof msg) != PK_OK)
        die("quick_check: %s", msg);
    printf("%-44s %8.1f ms (kiosk start-up)\n", "PRAGMA quick_check", now_ms() - q0);
    bench_search(s);
    bench_list(s);
    bench_insert(s, path, bare);
    store_close(s);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    printf("bench_store: %s (total %.1f s)\n", failures ? "some targets MISSED" : "all targets met",
           (now_ms() - t0) / 1000);
    return failures ? 1 : 0;
}
