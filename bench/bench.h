/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every benchmark shares (header-only: each bench_*.c is a program of
 * its own): clocks, percentiles, the table row `make bench` collects
 * (scripts/bench.sh), and the generated database of N dossiers kept in
 * $BUILD so that a second run does not generate it again.
 *
 * A row is one line "@row<TAB>figure<TAB>measured<TAB>target<TAB>ratio<TAB>
 * met": ratio is to the peer or limit measured in the same run ("" when
 * there is none), met is "met", "MISSED" or "-" (nothing to meet). */
#ifndef PK_BENCH_H
#define PK_BENCH_H

#include <sqlite3.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dossier.h"
#include "store.h"
#include "store_clerk.h"
#include "store_internal.h"
#include "text.h"
#include "util.h"

static inline double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of this thread: what a call costs, without the time the
 * scheduler gave other processes meanwhile. On a shared machine (the
 * development box: 8 builds on 2 cores) a wall-clock p99 of a 0.1 ms call
 * measures the neighbours' time slices (4 ms each); the store and search
 * figures are judged on the CPU p99 and print the wall p99 beside it. */
static inline double bench_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The p-th percentile of n values (sorted in place); 0 when n is 0. */
static inline double bench_pct(double *v, int n, double p)
{
    if (n <= 0)
        return 0;
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    int i = (int)(p / 100.0 * (n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

static int bench_missed;

/* One row of the table; met < 0: nothing to meet (a reference figure). */
static inline void bench_row(const char *figure, const char *measured, const char *target,
                             double ratio, const char *peer, int met)
{
    char r[96] = "";
    if (ratio > 0)
        snprintf(r, sizeof r, "%.2fx %s", ratio, peer ? peer : "");
    printf("@row\t%s\t%s\t%s\t%s\t%s\n", figure, measured, target, r,
           met < 0 ? "-" : met ? "met" : "MISSED");
    bench_missed += met == 0;
    fflush(stdout);
}

/* snprintf into a fresh static-free buffer the caller owns. */
static inline const char *bench_fmt(char *buf, size_t sz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline const char *bench_fmt(char *buf, size_t sz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sz, fmt, ap);
    va_end(ap);
    return buf;
}

/* "1M", "100k", "10k", "0": the size in a figure's name. */
static inline const char *bench_size(char *buf, size_t sz, long long n)
{
    if (n >= 1000000 && n % 1000000 == 0)
        snprintf(buf, sz, "%lldM", n / 1000000);
    else if (n >= 1000 && n % 1000 == 0)
        snprintf(buf, sz, "%lldk", n / 1000);
    else
        snprintf(buf, sz, "%lld", n);
    return buf;
}

/* A new folder of the bench's own, /tmp/pk-bench-NAME. plus six letters
 * that mkdtemp(3) chooses (it requires the template to end in six X);
 * dies when it cannot be made. */
static inline void bench_tmpdir(const char *name, char *dir, size_t dirsz)
{
    snprintf(dir, dirsz, "/tmp/pk-bench-%s.XXXXXX", name);
    if (!mkdtemp(dir))
        die("mkdtemp %s: %s", dir, strerror(errno));
}

/* The size argument (argv[1]), dflt when absent; refuses junk. */
static inline long long bench_arg(int argc, char **argv, long long dflt)
{
    if (argc < 2)
        return dflt;
    char *end;
    long long n = strtoll(argv[1], &end, 10);
    if (*argv[1] == '\0' || *end != '\0' || n < 0)
        die("usage: %s [N >= 0]", argv[0]);
    return n;
}

/* A fixed audit key: the databases are throwaway, and a cached one must
 * verify in the next run too. */
static inline void bench_audit_key_bytes(unsigned char key[32])
{
    for (int i = 0; i < 32; i++)
        key[i] = (unsigned char)(0xb0 + i);
}

static inline void bench_audit_key(void)
{
    unsigned char key[32];
    bench_audit_key_bytes(key);
    store_use_audit_key(key);
}

/* The same key as home/keys/audit.key, for the real binary. */
static inline void bench_audit_key_file(const char *home)
{
    char path[600];
    snprintf(path, sizeof path, "%s/keys", home);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/keys/audit.key", home);
    unsigned char key[32];
    bench_audit_key_bytes(key);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(key, 1, sizeof key, f) != sizeof key || fclose(f) != 0)
        die("cannot write %s", path);
    chmod(path, 0400);
}

static uint64_t bench_rng = 88172645463325252ULL;
static inline uint32_t bench_rnd(uint32_t n)
{
    bench_rng ^= bench_rng << 13;
    bench_rng ^= bench_rng >> 7;
    bench_rng ^= bench_rng << 17;
    return (uint32_t)(bench_rng % n);
}

static const char *const bench_surnames[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng",
    "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông",
    "Lương", "Hà", "Lăng", "Chu", "Triệu", "Vi", "Hứa", "Mã",
};
static const char *const bench_middles[] = {
    "Văn", "Thị", "Văn", "Thị", "Đức", "Minh", "Ngọc", "Thu", "Hữu", "Quang", "Thanh", "Hồng",
    "Kim", "Xuân", "Công", "Bảo",
};
static const char *const bench_givens[] = {
    "An", "Anh", "Bình", "Cường", "Dũng", "Dung", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu",
    "Hoa", "Hòa", "Hùng", "Hương", "Huy", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam",
    "Nga", "Ngọc", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo",
    "Thắng", "Thủy", "Tiến", "Trang", "Trung", "Tú", "Tuấn", "Vân", "Việt", "Xuân", "Yến",
    "Bích", "Chiến", "Duyên", "Lộc", "Sáng", "Thoa", "Vinh", "Khoa", "Lợi", "Nghĩa",
};
static const char *const bench_agencies[] = {
    "UBND cấp xã", "Công an tỉnh Lạng Sơn", "Sở Tư pháp tỉnh Lạng Sơn",
    "Sở Nội vụ tỉnh Lạng Sơn", "Bảo hiểm xã hội tỉnh Lạng Sơn",
};

/* A registration as the benches write it: procedure proc, the citizen
 * named, sent and returned by post, consent to processing only, the first
 * ndocs (at most 2) of a form and a copy. */
static inline void bench_dossier(dossier *d, const char *proc, const char *name, const char *id,
                                 const char *phone, int ndocs)
{
    static const char *const papers[] = {"Tờ khai", "Bản sao"};
    memset(d, 0, sizeof *d);
    str_copy(d->proc_code, sizeof d->proc_code, proc);
    str_copy(d->name, sizeof d->name, name);
    str_copy(d->id_number, sizeof d->id_number, id);
    str_copy(d->phone, sizeof d->phone, phone);
    str_copy(d->kiosk_code, sizeof d->kiosk_code, "LS01");
    d->form = FORM_BOTH;
    d->consent_process = true;
    d->ndocs = ndocs < 2 ? ndocs : 2;
    for (int i = 0; i < d->ndocs; i++)
        str_copy(d->docs[i].name_vi, sizeof d->docs[i].name_vi, papers[i]);
}

/* 5,000 procedures with names from real Vietnamese words (codes 1.000000
 * to 1.004999). */
static inline void bench_gen_procedures(store *s)
{
    static const char *const verbs[] = {
        "Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Thay đổi", "Điều chỉnh", "Xác nhận",
        "Gia hạn", "Chứng thực", "Công nhận", "Thu hồi", "Hỗ trợ", "Giải quyết", "Trích lục",
        "Thẩm định"};
    static const char *const objects[] = {
        "khai sinh", "kết hôn", "khai tử", "giấy phép lái xe", "hộ chiếu phổ thông",
        "thường trú", "tạm trú", "giấy chứng nhận quyền sử dụng đất", "hộ kinh doanh",
        "bản sao từ sổ gốc", "chữ ký", "trợ cấp xã hội", "bảo hiểm y tế", "giấy phép xây dựng",
        "lý lịch tư pháp", "thẻ căn cước", "chế độ thai sản", "học bổng", "nhà ở", "giám hộ"};
    static const char *const tails[] = {
        "", " cho người nước ngoài", " có yếu tố nước ngoài", " tại cấp xã", " lần đầu",
        " trong trường hợp bị mất", " cho trẻ em dưới 6 tuổi", " theo yêu cầu",
        " đối với hộ nghèo", " qua dịch vụ bưu chính"};
    static const char *const fields[] = {"Hộ tịch", "Cư trú", "Đất đai", "Giao thông",
                                         "Chứng thực", "Bảo trợ xã hội", "Y tế", "Giáo dục",
                                         "Xây dựng"};
    enum { N = 5000 };
    procedure *ps = xcalloc(N, sizeof *ps);
    for (int i = 0; i < N; i++) {
        procedure *p = &ps[i];
        snprintf(p->code, sizeof p->code, "1.%06d", i);
        snprintf(p->name_vi, sizeof p->name_vi, "%s %s%s", verbs[bench_rnd(15)],
                 objects[bench_rnd(20)], tails[bench_rnd(10)]);
        snprintf(p->name_en, sizeof p->name_en, "Procedure number %d", i);
        /* keywords as staff write them: an everyday name and a made-up
         * abbreviation each, so the vocabulary grows with the catalog */
        /* (from i, not bench_rnd: the draws of the other fields, and so the
         * generated databases, stay what they were) */
        snprintf(p->keywords, sizeof p->keywords, "giấy %s, làm %s, %c%c%c%c%d",
                 objects[i % 20], objects[(i * 7 + 3) % 20], 'a' + i % 26, 'a' + (i / 26) % 26,
                 'a' + (i * 11) % 26, 'a' + (i * 17 + 5) % 26, i);
        p->keywords_set = true;
        str_copy(p->agency, sizeof p->agency, bench_agencies[bench_rnd(5)]);
        str_copy(p->level, sizeof p->level, "commune");
        str_copy(p->field_vi, sizeof p->field_vi, fields[bench_rnd(9)]);
        p->bcci_submit = bench_rnd(4) != 0 || i == 0;   /* the insert bench sends 1.000000 */
        p->bcci_return = true;
        str_copy(p->reason_vi, sizeof p->reason_vi, p->bcci_submit ? "" : "Phải có mặt.");
        p->days = (int)bench_rnd(20);
        p->ndocs = 2;
        str_copy(p->docs[0].name_vi, sizeof p->docs[0].name_vi, "Tờ khai");
        p->docs[0].required = true;
        str_copy(p->docs[1].name_vi, sizeof p->docs[1].name_vi, "Bản sao giấy tờ tùy thân");
        p->docs[1].kind = DOC_COPY;
    }
    if (store_procedures_replace(s, ps, N) != PK_OK)
        die("procedures: %s", store_last_error(s));
    free(ps);
}

/* n dossiers straight into the table of the file at path, in one
 * transaction on a connection of its own (a million durable
 * store_dossier_create calls would measure the disk; the store's
 * connection would also seal each row at commit, which the measured reads
 * never look at): names, IDs and phones drawn at random, six years of
 * history, the last ~2% still being worked. */
static inline void bench_gen_dossiers(const char *path, long long n)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA cache_size=-262144; PRAGMA synchronous=OFF; BEGIN IMMEDIATE",
                     NULL, NULL, NULL) != SQLITE_OK)
        die("begin: %s", sqlite3_errmsg(db));
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db,
            "INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en,"
            " agency, form, status, name, name_fold, id_number, phone, unit_id, province,"
            " unit_name, fee_proc, fee_post, fee_total, expected_date, created_at, created_day,"
            " updated_at, consent_process, consent_sms, sample, closed_day, closed_at)"
            " VALUES(?1, ?2, 'LS01', ?3, 'Đăng ký khai sinh', 'Birth registration', ?4, 3, ?5,"
            " ?6, ?7, ?8, ?9, ?10, 'Lạng Sơn', 'Xã', 8000, 25000, 33000, ?11, ?12, ?13, ?12,"
            " 1, 0, 0, CASE WHEN ?14 THEN ?11 ELSE '' END, CASE WHEN ?14 THEN ?12 ELSE 0 END)",
            -1, &q, NULL) != SQLITE_OK)
        die("prepare: %s", sqlite3_errmsg(db));
    int64_t t = 1577836800;   /* 2020-01-01 */
    int64_t step = n > 0 ? (int64_t)6 * 365 * 86400 / n : 0;
    for (long long i = 1; i <= n; i++) {
        char ref[32], s10[16], proc[24], name[128], idn[16], phone[16], day[16], exp[16];
        snprintf(ref, sizeof ref, "LS01-%07lld", i);
        snprintf(s10, sizeof s10, "RZ%08lld0VN", i % 100000000);
        snprintf(proc, sizeof proc, "1.%06u", bench_rnd(5000));
        snprintf(name, sizeof name, "%s %s %s",
                 bench_surnames[bench_rnd(PK_ARRAY_LEN(bench_surnames))],
                 bench_middles[bench_rnd(PK_ARRAY_LEN(bench_middles))],
                 bench_givens[bench_rnd(PK_ARRAY_LEN(bench_givens))]);
        char *fold = text_fold(name);
        snprintf(idn, sizeof idn, "020%09u", bench_rnd(1000000000));
        snprintf(phone, sizeof phone, "09%08u", bench_rnd(100000000));
        t += step > 2 ? step - 1 + (int64_t)bench_rnd(3) : 1 + (int64_t)bench_rnd(60);
        time_t tt = (time_t)t;
        struct tm tm;
        gmtime_r(&tt, &tm);
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        tt += 12 * 86400;
        gmtime_r(&tt, &tm);
        strftime(exp, sizeof exp, "%Y-%m-%d", &tm);
        dossier_status stt = i < n - n / 50 ? (bench_rnd(20) ? ST_DELIVERED : ST_CANCELLED)
                                            : (dossier_status)bench_rnd(ST_RESULT_READY + 1);
        sqlite3_bind_text(q, 1, ref, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, s10, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 3, proc, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 4, bench_agencies[bench_rnd(PK_ARRAY_LEN(bench_agencies))], -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(q, 5, dossier_status_code(stt), -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 7, fold, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 8, idn, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 9, phone, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(q, 10, 1 + (int)bench_rnd(65));
        sqlite3_bind_text(q, 11, exp, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 12, t);
        sqlite3_bind_text(q, 13, day, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(q, 14, dossier_status_closed(stt));
        if (sqlite3_step(q) != SQLITE_DONE)
            die("insert: %s", sqlite3_errmsg(db));
        sqlite3_reset(q);
        free(fold);
    }
    sqlite3_finalize(q);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        die("commit: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
}

/* The database of n dossiers and 5,000 procedures: $BUILD/bench-vS-N.db
 * (S the schema version: a new migration generates it again), generated
 * once under a temporary name and renamed when complete. Benchmarks that
 * write copy it (bench_db_copy). */
static inline void bench_db(long long n, char *path, size_t pathsz)
{
    const char *bd = getenv("BUILD");
    char sz[32];
    snprintf(path, pathsz, "%s/bench-v%d-%s.db", bd && *bd ? bd : "build",
             store_migrations_count, bench_size(sz, sizeof sz, n));
    struct stat have;
    if (stat(path, &have) == 0 && have.st_size > 0)
        return;
    char tmp[600], aux[620], msg[256];
    snprintf(tmp, sizeof tmp, "%s.part", path);
    const char *sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(aux, sizeof aux, "%s%s", tmp, sfx[i]);
        unlink(aux);
    }
    fprintf(stderr, "generating %s (5,000 procedures, %lld dossiers) ...\n", path, n);
    double t0 = bench_now_ms();
    bench_rng = 88172645463325252ULL;
    store *s;
    if (store_open(tmp, &s, msg, sizeof msg) != PK_OK)
        die("%s: %s", tmp, msg);
    bench_gen_procedures(s);
    if (store_setting_set(s, "kiosk_code", "LS01") != PK_OK)
        die("setting: %s", store_last_error(s));
    store_close(s);
    bench_gen_dossiers(tmp, n);
    if (store_open(tmp, &s, msg, sizeof msg) != PK_OK)
        die("%s: %s", tmp, msg);
    if (sqlite3_exec(s->conn, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) !=
        SQLITE_OK)
        die("analyze: %s", sqlite3_errmsg(s->conn));
    store_close(s);
    if (rename(tmp, path) != 0)
        die("rename %s: %s", tmp, strerror(errno));
    fprintf(stderr, "  generated in %.1f s\n", (bench_now_ms() - t0) / 1e3);
}

/* A writable copy of a generated database at dst (its folder exists). */
static inline void bench_db_copy(const char *src, const char *dst)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "cp --reflink=auto '%s' '%s'", src, dst);
    if (system(cmd) != 0)
        die("cannot copy %s", src);
}

#endif
