/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's queue search (store_queue.c): paging, name spellings, and
 * the two probe tables (digits of the phone and ID, keys of the name)
 * checked against the whole table and the full-text index they replaced,
 * paged both ways. */
#include <ctype.h>

#include "clerk_fixture.h"
#include "store_internal.h"
#include "text.h"
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


static int page(const char *q, int status, int64_t after, bool back, dossier_row *rows)
{
    dossier_filter f = {.status = status, .query = q};
    int n = -1;
    CU_ASSERT_EQUAL(store_queue_page(db, &f, after, back, rows, 20, &n), PK_OK);
    return n;
}

TEST(store_queue, queue_search, "queue search and paging")
{
    setup();
    char r1[PK_REF_MAX], r2[PK_REF_MAX], r3[PK_REF_MAX], r4[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234", "0912345678",
                                     FORM_BOTH, "2026-03-02", "2026-03-12", r1), PK_OK);
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.000656", "Đặng Thị Hoa", "020185005678", "0387654321",
                                     FORM_BOTH, "2026-03-03", "2026-03-13", r2), PK_OK);
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "4.000001", "Nguyễn Thị Ánh", "001190009999", "0912000111",
                                     FORM_SEND, "2026-03-04", "2026-03-14", r3), PK_OK);
    dossier d = fx_dossier("1.001193", "Trần Mẫu");
    d.sample = true;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "demo", NULL), PK_OK);
    str_copy(r4, sizeof r4, d.ref);
    dossier_row rows[20];
    CU_ASSERT_EQUAL(page(NULL, -1, 0, false, rows), 3);   /* the sample stays out */
    CU_ASSERT_STRING_EQUAL(rows[0].ref, r1);             /* oldest first */
    CU_ASSERT_STRING_EQUAL(rows[2].ref, r3);
    /* names typed without marks, any case, đ as d, word prefixes */
    CU_ASSERT_EQUAL(page("nguyen", -1, 0, false, rows), 2);
    CU_ASSERT_EQUAL(page("NGUYEN thi", -1, 0, false, rows), 1);
    CU_ASSERT_STRING_EQUAL(rows[0].ref, r3);
    CU_ASSERT_EQUAL(page("dang hoa", -1, 0, false, rows), 1);
    CU_ASSERT_STRING_EQUAL(rows[0].name, "Đặng Thị Hoa");
    CU_ASSERT_EQUAL(page("Đặng", -1, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("ngu an", -1, 0, false, rows), 2);   /* an*: An and Ánh */
    CU_ASSERT_EQUAL(page("ngu anh", -1, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("tran", -1, 0, false, rows), 0);
    /* phone start, last four ID digits, whole ID, +84 */
    CU_ASSERT_EQUAL(page("0912", -1, 0, false, rows), 2);
    CU_ASSERT_EQUAL(page("+84387654321", -1, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("5678", -1, 0, false, rows), 1);
    CU_ASSERT_STRING_EQUAL(rows[0].ref, r2);
    CU_ASSERT_EQUAL(page("001190009999", -1, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("999", -1, 0, false, rows), 0);       /* too short to mean anything */
    /* reference, whole or its start, any case */
    CU_ASSERT_EQUAL(page(r2, -1, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("ls01-", -1, 0, false, rows), 3);
    /* SQL metacharacters are just text */
    CU_ASSERT_EQUAL(page("'; DROP TABLE dossiers; --", -1, 0, false, rows), 0);
    CU_ASSERT_EQUAL(page("\" OR * NEAR", -1, 0, false, rows), 0);
    CU_ASSERT_EQUAL(store_dossier_count(db, -1), 4);
    /* status filter and counts */
    transition_data td = {.at = cx_at("2026-03-05", 0), .seal_no = "NP-7", .fee_collected = 0};
    CU_ASSERT_EQUAL(store_dossier_transition(db, r2, ST_ACCEPTED, "nv01", "", &td), PK_OK);
    CU_ASSERT_EQUAL(page(NULL, ST_ACCEPTED, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("nguyen", ST_ACCEPTED, 0, false, rows), 0);
    CU_ASSERT_EQUAL(page(NULL, -2, 0, false, rows), 3);   /* open */
    int64_t counts[ST__COUNT];
    CU_ASSERT_EQUAL(store_status_counts(db, counts), PK_OK);
    CU_ASSERT_EQUAL(counts[ST_REGISTERED], 2);
    CU_ASSERT_EQUAL(counts[ST_ACCEPTED], 1);
    /* filters: agency, procedure, dates */
    dossier_filter f = {.status = -1, .agency = "Công an tỉnh Lạng Sơn"};
    int n = 0;
    CU_ASSERT_EQUAL(store_queue_page(db, &f, 0, false, rows, 20, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    dossier_filter g = {.status = -1, .from_date = "2026-03-03", .to_date = "2026-03-03"};
    CU_ASSERT_EQUAL(store_queue_page(db, &g, 0, false, rows, 20, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    dossier_filter h = {.status = -1, .proc_code = "1.001193", .include_sample = true};
    CU_ASSERT_EQUAL(store_queue_page(db, &h, 0, false, rows, 20, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    /* keyset paging, both ways */
    dossier_filter all = {.status = -1};
    CU_ASSERT_EQUAL(store_queue_page(db, &all, 0, false, rows, 2, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    int64_t last = rows[1].id, first = rows[0].id;
    CU_ASSERT_EQUAL(store_queue_page(db, &all, last, false, rows, 2, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(rows[0].ref, r3);
    CU_ASSERT_EQUAL(store_queue_page(db, &all, rows[0].id, true, rows, 2, &n), PK_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(rows[0].id, first);
    CU_ASSERT_EQUAL(rows[1].id, last);
    /* bad input */
    dossier_filter bad = {.status = 99};
    CU_ASSERT_EQUAL(store_queue_page(db, &bad, 0, false, rows, 20, &n), PK_EINVAL);
    dossier_filter badq = {.status = -1, .query = "\xff\xfe"};
    CU_ASSERT_EQUAL(store_queue_page(db, &badq, 0, false, rows, 20, &n), PK_EINVAL);
    teardown();
}

/* Names the way people write them: tone place, i/y and case are equal in
 * the clerk's name search (issue 16). */
TEST(store_queue, name_search_spellings, "name search: tone place, i/y, case")
{
    setup();
    char r1[PK_REF_MAX], r2[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Lý Thị Thủy", "020095001234", "0912345678",
                                     FORM_BOTH, "2026-03-02", "2026-03-12", r1), PK_OK);
    CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Kì Văn Hoà", "020095004321", "0912345679",
                                     FORM_BOTH, "2026-03-02", "2026-03-12", r2), PK_OK);
    dossier_row rows[20];
    CU_ASSERT_EQUAL(page("Lí Thị Thuỷ", -1, 0, false, rows), 1);
    CU_ASSERT_STRING_EQUAL(rows[0].ref, r1);
    CU_ASSERT_EQUAL(page("LÝ THUỶ", -1, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("ly", -1, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("Kỳ Văn Hòa", -1, 0, false, rows), 1);
    CU_ASSERT_STRING_EQUAL(rows[0].ref, r2);
    CU_ASSERT_EQUAL(page("ky hoa", -1, 0, false, rows), 1);
    CU_ASSERT_EQUAL(page("huy", -1, 0, false, rows), 0);
    teardown();
}

/* The ids a search should give, from another way of finding them: the
 * status filter, not a sample, after `after`, oldest first (newest first
 * when back), at most max; -1 when it cannot answer. */
typedef int (*oracle_fn)(const char *q, int status, int64_t after, bool back, int max,
                         int64_t *ids);

/* store_queue_page against the oracle for query q: the first page of 20,
 * pages of 2 forward to the end, then one back. Returns how many rows the
 * pages of 2 gave (at most nd for nd dossiers). */
static int same_pages(const char *q, int status, oracle_fn oracle, int nd)
{
    dossier_filter f = {.status = status, .query = q};
    dossier_row rows[20];
    int64_t want[20];
    int n = -1;
    CU_ASSERT_EQUAL(store_queue_page(db, &f, 0, false, rows, 20, &n), PK_OK);
    int w = oracle(q, status, 0, false, 20, want);
    CU_ASSERT_TRUE_FATAL(w >= 0);
    CU_ASSERT_EQUAL(n, w);
    if (n != w)
        fprintf(stderr, "search \"%s\" status %d: %d rows, the oracle gave %d\n", q, status, n, w);
    for (int j = 0; j < n && j < w; j++)
        CU_ASSERT_EQUAL(rows[j].id, want[j]);
    int64_t after = 0;
    int seen = 0;
    for (int guard = 0; guard <= nd; guard++) {
        CU_ASSERT_EQUAL(store_queue_page(db, &f, after, false, rows, 2, &n), PK_OK);
        w = oracle(q, status, after, false, 2, want);
        CU_ASSERT_EQUAL_FATAL(n, w);
        for (int j = 0; j < n; j++)
            CU_ASSERT_EQUAL_FATAL(rows[j].id, want[j]);
        if (n == 0)
            break;
        seen += n;
        after = rows[n - 1].id;
    }
    if (after > 0) {
        CU_ASSERT_EQUAL(store_queue_page(db, &f, after, true, rows, 2, &n), PK_OK);
        w = oracle(q, status, after, true, 2, want);
        CU_ASSERT_EQUAL(n, w);
        /* the backward page is given oldest first */
        for (int j = 0; j < n && j < w; j++)
            CU_ASSERT_EQUAL(rows[j].id, want[w - 1 - j]);
    }
    return seen;
}

/* The ids the digit search must give for q, oldest first (newest first
 * when back), from the whole table: the ID ends with q or the phone
 * starts with q, not a sample, after `after`. */
static int digits_oracle(const char *q, int status, int64_t after, bool back, int max, int64_t *ids)
{
    sqlite3_stmt *stmt = NULL;
    char sql[640];
    snprintf(sql, sizeof sql,
             "SELECT id FROM dossiers WHERE (substr(id_number, -length(?1)) = ?1"
             " OR substr(phone, 1, length(?1)) = ?1) AND sample = 0"
             " AND (?2 = -1 OR (?2 = -2 AND closed_day = '') OR status = ?3)"
             " AND (?4 = 0 OR id %s ?4) ORDER BY id %s LIMIT ?5",
             back ? "<" : ">", back ? "DESC" : "ASC");
    if (sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(stmt, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, status);
    sqlite3_bind_text(stmt, 3, status >= 0 ? store_status_code((dossier_status)status) : "",
                      -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, after);
    sqlite3_bind_int(stmt, 5, max);
    int n = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

TEST(store_queue, digit_search_probe, "phone start and last ID digits: the same dossiers as the whole table, paged both ways")
{
    setup();
    /* IDs and phones that share digits in every way the search looks at */
    static const char *const idn[] = {"020095001234", "020095091234", "001234567890",
                                      "020095000912", "079123456789", "020091234567"};
    static const char *const phone[] = {"0912345678", "0912349999", "0981234567",
                                        "0912000000", "0391234567", "0123400000"};
    int nd = 0;
    for (int i = 0; i < 18; i++) {
        char ymd[16];
        snprintf(ymd, sizeof ymd, "2026-02-%02d", 1 + i);
        CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", idn[i % 6],
                                         phone[(i / 6 + i) % 6], FORM_BOTH, ymd, "2026-03-20",
                                         NULL), PK_OK);
        nd++;
    }
    /* a correction of the phone and a purge move the keys (triggers) */
    CU_ASSERT_EQUAL(sqlite3_exec(db->conn, "UPDATE dossiers SET phone = '0977777777' WHERE id = 3;"
                                           "UPDATE dossiers SET id_number = '', phone = ''"
                                           " WHERE id = 4", NULL, NULL, NULL), SQLITE_OK);
    /* the oldest dossiers closed and one accepted: under a status filter
     * the walk starts at the first dossier of that status */
    CU_ASSERT_EQUAL(sqlite3_exec(db->conn, "UPDATE dossiers SET status = 'delivered',"
                                           " closed_day = '2026-03-01' WHERE id IN (1, 2, 5, 7);"
                                           "UPDATE dossiers SET status = 'accepted' WHERE id = 9",
                                 NULL, NULL, NULL), SQLITE_OK);
    static const char *const qs[] = {"1234", "0912", "09123", "091234", "0912345", "0912345678",
                                     "95001234", "001234567890", "1234567", "0977", "9999",
                                     "0000", "12340", "5678"};
    static const int statuses[] = {-2, -1, ST_ACCEPTED, ST_DELIVERED, ST_REGISTERED};
    for (size_t i = 0; i < PK_ARRAY_LEN(qs); i++)
        for (size_t si = 0; si < PK_ARRAY_LEN(statuses); si++)
            CU_ASSERT_TRUE(same_pages(qs[i], statuses[si], digits_oracle, nd) <= nd);
    /* the probe holds only what the filter needs: 4 and 6 digits of the
     * ID, 4 and 6 of the phone; the purged dossier has no key left */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_digits WHERE id = 4"), 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_digits WHERE id = 3"), 4);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_digits WHERE id = 3 AND k = 2097777"),
                    1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_digits WHERE k >= 5000000 OR k < 10000"),
                    0);
    teardown();
}

/* The ids the name search gave before its probe (issue 18): the full-text
 * index it replaced, rebuilt here in a temporary table (fts5 over the
 * folded names, every folded word of the query a prefix term "w"*), the
 * status filter, not a sample, after `after`, oldest first (newest first
 * when back). -1 when the query has no word the old search kept. */
static int names_oracle(const char *q, int status, int64_t after, bool back, int max, int64_t *ids)
{
    char *fold = text_fold(q);
    sbuf m = {0};
    for (char *w = strtok(fold, " "); w; w = strtok(NULL, " ")) {
        bool alnum = true;
        for (char *c = w; *c; c++)
            alnum = alnum && isalnum((unsigned char)*c);
        if (alnum && *w)
            sbuf_addf(&m, "%s\"%s\"*", m.len ? " AND " : "", w);
    }
    free(fold);
    if (!m.len)
        return -1;
    char sql[640];
    snprintf(sql, sizeof sql,
             "SELECT d.id FROM temp.old_names f JOIN dossiers d ON d.id = f.rowid"
             " WHERE old_names MATCH ?1 AND d.sample = 0"
             " AND (?2 = -1 OR (?2 = -2 AND d.closed_day = '') OR d.status = ?3)"
             " AND (?4 = 0 OR d.id %s ?4) ORDER BY d.id %s LIMIT ?5",
             back ? "<" : ">", back ? "DESC" : "ASC");
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL) != SQLITE_OK) {
        sbuf_free(&m);
        return -2;
    }
    sqlite3_bind_text(stmt, 1, m.data, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(stmt, 2, status);
    sqlite3_bind_text(stmt, 3, status >= 0 ? store_status_code((dossier_status)status) : "",
                      -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, after);
    sqlite3_bind_int(stmt, 5, max);
    int n = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sbuf_free(&m);
    return n;
}

TEST(store_queue, name_search_probe, "name search: the same dossiers as the full-text index it replaced, Vietnamese and English, marks or none, paged both ways")
{
    setup();
    static const char *const names[] = {
        "Nguyễn Văn An", "Nguyen Van Anh", "John Smith", "Đặng Thị Hoa", "Lý Thị Thủy",
        "Anna Nguyen-Smith", "Patrick O'Brien", "Trần Ngọc Ánh", "Ngô Bảo Châu", "Nguyên Văn Ân",
        "Mary-Jane Watson", "Hà An", "A Sáng", "Kì Văn Hoà", "Nguyễn Thị Ngọc Ánh", "Ann Ngo",
        "Vũ Anh Tuấn", "Smithson Jones", "Đỗ Văn Đạt", "Phạm Thị Ý Nhi",
    };
    enum { ND = 40 };
    for (int i = 0; i < ND; i++) {
        char ymd[16], idn[16], phone[16];
        snprintf(ymd, sizeof ymd, "2026-02-%02d", 1 + i % 28);
        snprintf(idn, sizeof idn, "0200950%05d", i);
        snprintf(phone, sizeof phone, "09123%05d", i);
        CU_ASSERT_EQUAL_FATAL(cx_dossier(db, "1.001193", names[(i * 7) % PK_ARRAY_LEN(names)],
                                         idn, phone, FORM_BOTH, ymd, "2026-03-20", NULL), PK_OK);
    }
    /* closed, accepted, a sample, a corrected name, a purged one: the
     * triggers move the keys */
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(db->conn,
        "UPDATE dossiers SET status = 'cancelled', closed_day = '2026-03-01' WHERE id % 3 = 0;"
        "UPDATE dossiers SET status = 'accepted' WHERE id % 5 = 1;"
        "UPDATE dossiers SET sample = 1 WHERE id = 7;"
        "UPDATE dossiers SET name = 'Bùi Thị Xuân', name_fold = 'bui thi xuan' WHERE id = 2;"
        "UPDATE dossiers SET name = '', name_fold = '' WHERE id = 4;"
        "CREATE VIRTUAL TABLE temp.old_names USING fts5(name_fold, detail='none',"
        "  prefix='1 2 3 4 5 6 7');"
        "INSERT INTO temp.old_names(rowid, name_fold) SELECT id, name_fold FROM dossiers",
        NULL, NULL, NULL), SQLITE_OK);
    static const char *const qs[] = {
        "nguyen", "nguyễn", "NGUYEN VAN", "ng an", "an", "a", "a s", "van a", "smith", "smi",
        "nguyen smith", "o brien", "O'Brien", "hoa", "hoà", "ha", "h", "thuy", "thuỷ", "ly", "lí",
        "chau", "châu", "ngo", "anh", "ánh", "j", "jo", "john smith", "tran ngoc", "xyz", "nguy",
        "nguye", "ngoc anh", "mary jane", "watson mary", "đặng", "dang", "an an", "ann", "y nhi",
        "ý", "bui xuan", "dat", "đạt do", "ky hoa", "kì", "tuan anh vu", "jones smithson"};
    const int statuses[] = {-1, -2, ST_ACCEPTED};
    for (size_t i = 0; i < PK_ARRAY_LEN(qs); i++)
        for (size_t si = 0; si < PK_ARRAY_LEN(statuses); si++)
            CU_ASSERT_TRUE(same_pages(qs[i], statuses[si], names_oracle, ND) <= ND);
    /* the probe: the first 2 and 3 letters of each word with the folded name;
     * nothing left of the purged name; the corrected name's keys only */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_name_keys WHERE id = 4"), 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_name_keys WHERE id = 2"), 6);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_name_keys WHERE id = 2 AND"
                              " k IN ('bu', 'bui', 'th', 'thi', 'xu', 'xua') AND name = 'bui thi xuan'"), 6);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_name_keys WHERE length(k) NOT IN (2, 3)"), 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM dossier_name_keys p JOIN dossiers d"
                              " ON d.id = p.id WHERE p.name <> d.name_fold"), 0);
    teardown();
}

SUITE(store_queue, NULL, NULL);
