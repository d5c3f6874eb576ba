/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The signed papers (issue 13 items 1-2): each paper is saved as a PDF
 * and read back with pdftotext (poppler-utils): Vietnamese text, page
 * numbers, two copies, masked personal data; the handover record split by
 * the citizen's commune; the label's Code 128 decoded by zbarimg from the
 * PDF (pdftoppm) and from the receipt printer's PNG; the papers refused
 * at the wrong step; the receipt-printer fallback said truthfully. The
 * A4 printer through a real CUPS is tests/e2e/papers.sh. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "clerk_fixture.h"
#include "paper.h"
#include "pkt_helpers.h"
#include "printer.h"
#include "unit.h"

static fx_dir fx;
static store *db;
static config cfg;
static char refs[4][PK_REF_MAX];

static char *pdf_text(const char *path)
{
    return pkt_pdf_text(path, "-layout");
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Suite set-up cannot use CU_ASSERT: a failed step fails the suite. */
#define NEED(x)                                                                                    \
    do {                                                                                           \
        if (!(x)) {                                                                                \
            fprintf(stderr, "papers set-up: %s\n", #x);                                           \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)

static bool units(void)
{
    admin_unit u[2];
    memset(u, 0, sizeof u);
    str_copy(u[0].province, sizeof u[0].province, "Lạng Sơn");
    str_copy(u[0].type, sizeof u[0].type, "phường");
    str_copy(u[0].name, sizeof u[0].name, "Đông Kinh");
    str_copy(u[1].province, sizeof u[1].province, "Lạng Sơn");
    str_copy(u[1].type, sizeof u[1].type, "xã");
    str_copy(u[1].name, sizeof u[1].name, "Yên Trạch");
    return store_units_replace(db, u, 2) == PK_OK;
}

/* Four dossiers of the commune-level birth registration: 0 and 1 in
 * phường Đông Kinh, 2 in xã Yên Trạch, all accepted; 3 refused. */
static int setup(void)
{
    fx_init(&fx);
    NEED(store_open(fx.db_path, &db, NULL, 0) == PK_OK);
    cx_catalog(db);
    config_defaults(&cfg);
    str_copy(cfg.home, sizeof cfg.home, fx.dir);
    str_copy(cfg.post_office, sizeof cfg.post_office, "Bưu điện tỉnh Lạng Sơn");
    NEED(units());
    admin_unit a, b;
    NEED(store_unit_get(db, 1, &a) == PK_OK);
    NEED(store_unit_get(db, 2, &b) == PK_OK);
    const char *names[] = {"Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung"};
    for (int i = 0; i < 4; i++) {
        dossier d = fx_dossier("1.001193", names[i]);
        str_copy(d.id_number, sizeof d.id_number, i == 0 ? "020095001234" : "020185005678");
        d.unit_id = i == 2 ? b.id : a.id;
        str_copy(d.unit_name, sizeof d.unit_name, i == 2 ? b.name : a.name);
        d.created_at = cx_at("2026-03-02", 0);
        NEED(store_dossier_create(db, &d, "RA", "kiosk", NULL) == PK_OK);
        str_copy(refs[i], sizeof refs[i], d.ref);
    }
    auth_ctx ax;
    cx_auth(&ax);
    clerk_account c;
    memset(&c, 0, sizeof c);
    str_copy(c.id, sizeof c.id, "nv01");
    str_copy(c.name, sizeof c.name, "Hoàng Thị Lan");
    c.role = ROLE_CLERK;
    NEED(auth_pin_hash_for(&ax, "nv01", "735102", c.pin_hash) == PK_OK);
    NEED(store_clerk_add(db, &c, "install", cx_at("2026-03-01", 0)) == PK_OK);
    transition_data td = {.at = cx_at("2026-03-03", 0), .seal_no = "NP-0001", .fee_collected = 8000,
                          .post_collected = 25000, .missing_docs = "Giấy chứng sinh"};
    /* a seal closes one envelope only (store_dossier_transition refuses a
     * reused one): NP-0001, NP-0002, NP-0003 */
    char seal[3][16];
    for (int i = 0; i < 3; i++) {
        snprintf(seal[i], sizeof seal[i], "NP-%04d", i + 1);
        td.seal_no = seal[i];
        NEED(store_dossier_transition(db, refs[i], ST_ACCEPTED, "nv01", "", &td) == PK_OK);
    }
    NEED(store_dossier_transition(db, refs[3], ST_COUNTER_REJECTED, "nv01", "Tờ khai chưa ký",
                                  &td) == PK_OK);
    return 0;
}

static int teardown(void)
{
    store_close(db);
    db = NULL;
    fx_cleanup(&fx);
    return 0;
}

TEST(papers, slip_in_vietnamese_masked, "the acceptance slip: checklist with pages, seal, fees, date, two signed copies, masked ID")
{
    paper_check checks[2] = {{.name = "Tờ khai đăng ký khai sinh", .kind = DOC_ORIGINAL, .pages = 2},
                             {.name = "Giấy chứng sinh", .kind = DOC_COPY, .pages = 1, .count = 2}};
    paper_request rq = {.kind = PAPER_SLIP, .key = refs[0], .checks = checks, .nchecks = 2};
    paper_result r;
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &rq, &r), PK_OK);
    CU_ASSERT_EQUAL(r.route, PAPER_TO_FILE);
    CU_ASSERT_EQUAL(r.pages, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.path, "/papers/"));
    char *t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "PHIẾU GỬI HỒ SƠ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, refs[0]));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tờ khai đăng ký khai sinh"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Bản chính"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Bản sao"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tổng số tờ: 3"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "NP-0001"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "8.000 đ"));     /* fee taken */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "25.000 đ"));    /* postage */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "33.000 đ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "02/03/2026"));     /* expected return date */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Giấy tờ còn thiếu: Giấy chứng sinh"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Hoàng Thị Lan"));  /* the clerk's full name */
    CU_ASSERT_EQUAL(count_of(t, "(Ký, ghi rõ họ tên)"), 4);   /* two blocks, two copies */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Liên 1: giao người gửi"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Liên 2: lưu tại bưu cục"));
    CU_ASSERT_EQUAL(count_of(t, "Trang 1/1"), 2);
    /* masked as on the receipt; the full ID, phone and name never */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "********1234"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Nguyễn V. A."));
    CU_ASSERT_PTR_NULL(strstr(t, "020095001234"));
    CU_ASSERT_PTR_NULL(strstr(t, "0912345678"));
    CU_ASSERT_PTR_NULL(strstr(t, "Nguyễn Văn An"));
    CU_ASSERT_PTR_NULL(strstr(t, "Trần Đăng Ninh"));
    free(t);
}

TEST(papers, slip_reprint_keeps_count, "a reprint without a checklist prints the papers and sheets counted at acceptance")
{
    paper_request rq = {.kind = PAPER_SLIP, .key = refs[0]};   /* the first test counted it */
    paper_result r;
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &rq, &r), PK_OK);
    char *t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tờ khai đăng ký khai sinh"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tổng số tờ: 3"));
    CU_ASSERT_PTR_NULL(strstr(t, "......"));
    free(t);
}

TEST(papers, slip_default_checklist, "without a checklist the ticked papers are listed with a blank for the pages")
{
    paper_request rq = {.kind = PAPER_SLIP, .key = refs[1]};
    paper_result r;
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &rq, &r), PK_OK);
    char *t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tờ khai"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "......"));
    CU_ASSERT_PTR_NULL(strstr(t, "Tổng số tờ"));
    free(t);
}

TEST(papers, wrong_step_refused, "a paper for a step the dossier has not reached is refused and nothing is written")
{
    paper_result r;
    paper_request slip = {.kind = PAPER_SLIP, .key = refs[3]};
    CU_ASSERT_EQUAL(paper_save(db, &cfg, &slip, &r), PK_ESTATE);     /* refused at the counter */
    paper_request del = {.kind = PAPER_DELIVERED, .key = refs[0]};
    CU_ASSERT_EQUAL(paper_save(db, &cfg, &del, &r), PK_ESTATE);
    paper_request ret = {.kind = PAPER_RETURNED, .key = refs[0]};
    CU_ASSERT_EQUAL(paper_save(db, &cfg, &ret, &r), PK_ESTATE);
    paper_request none = {.kind = PAPER_SLIP, .key = "LS01-2603-999999"};
    CU_ASSERT_EQUAL(paper_save(db, &cfg, &none, &r), PK_ENOTFOUND);
    paper_request bad = {.kind = PAPER_SLIP, .key = "../../etc/passwd"};
    CU_ASSERT_EQUAL(paper_save(db, &cfg, &bad, &r), PK_EINVAL);
    paper_request nokind = {.kind = PAPER__COUNT, .key = refs[0]};
    CU_ASSERT_EQUAL(paper_save(db, &cfg, &nokind, &r), PK_EINVAL);
    char path[700];
    snprintf(path, sizeof path, "%s/papers/%s-delivered.pdf", fx.dir, refs[0]);
    struct stat sb;
    CU_ASSERT_NOT_EQUAL(stat(path, &sb), 0);
}

TEST(papers, refusal_with_reason, "the counter refusal slip carries the reason recorded, or the one given")
{
    paper_request rq = {.kind = PAPER_REFUSED, .key = refs[3]};
    paper_result r;
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &rq, &r), PK_OK);
    char *t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tờ khai chưa ký"));
    free(t);
    rq.reason = "Người nộp đề nghị rút hồ sơ";
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &rq, &r), PK_OK);
    t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Người nộp đề nghị rút hồ sơ"));
    free(t);
}

TEST(papers, agency_real_name, "a commune-level agency is named as that commune's People's Committee")
{
    admin_unit u = {.id = 1, .province = "Lạng Sơn", .type = "phường", .name = "Đông Kinh"};
    char out[400];
    catalog_real_agency("UBND cấp xã (Tư pháp - hộ tịch)", "commune", &u, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "UBND phường Đông Kinh (Tư pháp - hộ tịch)");
    catalog_real_agency("Phòng Tư pháp", "commune", &u, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Phòng Tư pháp");    /* a named agency stays */
    catalog_real_agency("Hộ tịch - UBND cấp xã", "commune", &u, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Hộ tịch - UBND phường Đông Kinh");
    catalog_real_agency("Hộ tịch - UBND cấp xã", "province", &u, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Hộ tịch - UBND cấp xã");
    admin_unit bare = {.id = 9, .name = "Hữu Lũng"};     /* type unknown: no guess */
    catalog_real_agency("UBND cấp xã", "commune", &bare, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "UBND Hữu Lũng");
    catalog_real_agency("Công an tỉnh Lạng Sơn", "province", &u, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Công an tỉnh Lạng Sơn");
    catalog_real_agency("UBND cấp xã", "commune", NULL, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "UBND cấp xã");
}

/* Runs after the tests above: the handover moves the dossiers on. */
TEST(papers, handover_split_by_commune, "one handover of three dossiers from two communes: two records, each its own paper, its People's Committee and only its dossiers")
{
    const char *three[] = {refs[0], refs[1], refs[2]};
    handover h[4];
    int nh = 0;
    CU_ASSERT_EQUAL_FATAL(store_handover_create(db, "UBND cấp xã", three, 3, "nv01", "LS01", "2026-03-18",
                                                cx_at("2026-03-04", 0), h, 4, &nh), PK_OK);
    CU_ASSERT_EQUAL_FATAL(nh, 2);
    CU_ASSERT_STRING_NOT_EQUAL(h[0].no, h[1].no);
    /* refs 0 and 1 in phường Đông Kinh, ref 2 in xã Yên Trạch */
    const char *own[2][2] = {{refs[0], refs[1]}, {refs[2], NULL}};
    const char *receiver[2] = {"BÊN NHẬN: UBND phường Đông Kinh", "BÊN NHẬN: UBND xã Yên Trạch"};
    for (int k = 0; k < 2; k++) {
        paper_request rq = {.kind = PAPER_HANDOVER, .key = h[k].no};
        paper_result r;
        CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &rq, &r), PK_OK);
        CU_ASSERT_EQUAL(r.pages, 1);          /* one page, each copy */
        CU_ASSERT_PTR_NOT_NULL(strstr(r.path, h[k].no));
        char *t = pdf_text(r.path);
        CU_ASSERT_EQUAL(count_of(t, "BIÊN BẢN GIAO NHẬN HỒ SƠ"), 2);
        CU_ASSERT_EQUAL(count_of(t, receiver[k]), 2);
        CU_ASSERT_EQUAL(count_of(t, receiver[1 - k]), 0);
        CU_ASSERT_PTR_NULL(strstr(t, "UBND cấp xã"));
        char no[80];
        CU_ASSERT_EQUAL(count_of(t, h[k].no), 2);      /* its own number on each copy */
        CU_ASSERT_EQUAL(count_of(t, h[1 - k].no), 0);
        snprintf(no, sizeof no, "%s/", h[k].no);          /* not a section of one */
        CU_ASSERT_EQUAL(count_of(t, no), 0);
        /* only its own dossiers */
        for (int i = 0; i < 3; i++) {
            bool mine = three[i] == own[k][0] || three[i] == own[k][1];
            CU_ASSERT_EQUAL(count_of(t, three[i]) > 0, mine);
        }
        snprintf(no, sizeof no, "Tổng số hồ sơ: %d", k == 0 ? 2 : 1);
        CU_ASSERT_EQUAL(count_of(t, no), 2);
        CU_ASSERT_PTR_NOT_NULL(strstr(t, "Hoàng Thị Lan"));
        CU_ASSERT_PTR_NOT_NULL(strstr(t, "Chức vụ"));
        /* the agency's one appointment date, on both copies */
        CU_ASSERT_EQUAL(count_of(t, "Ngày hẹn trả kết quả: 18/03/2026"), 2);
        CU_ASSERT_EQUAL(count_of(t, "Trang 1/1"), 2);      /* 2 copies */
        CU_ASSERT_PTR_NOT_NULL(strstr(t, "Bản giao cơ quan"));
        CU_ASSERT_PTR_NULL(strstr(t, "Nguyễn Văn An"));
        if (k == 0) {
            CU_ASSERT_PTR_NOT_NULL(strstr(t, "còn thiếu Giấy chứng sinh"));
            CU_ASSERT_PTR_NOT_NULL(strstr(t, "Nguyễn V. A."));
        }
        free(t);
    }
}

TEST(papers, handover_long_list_pages, "a long handover list runs over pages: Trang 1/N .. N/N, the header row repeated")
{
    enum { N = 40 };
    char r40[N][PK_REF_MAX];
    const char *ptr[N];
    transition_data td = {.at = cx_at("2026-03-05", 0), .seal_no = "NP-0100", .fee_collected = 8000};
    for (int i = 0; i < N; i++) {
        dossier d = fx_dossier("4.000001", "Đỗ Văn Em");
        d.created_at = cx_at("2026-03-05", 0);
        CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
        char seal[16];
        snprintf(seal, sizeof seal, "NP-%04d", 100 + i);   /* one seal per envelope */
        td.seal_no = seal;
        CU_ASSERT_EQUAL_FATAL(store_dossier_transition(db, d.ref, ST_ACCEPTED, "nv01", "", &td), PK_OK);
        str_copy(r40[i], sizeof r40[i], d.ref);
        ptr[i] = r40[i];
    }
    handover h;
    int nh = 0;
    CU_ASSERT_EQUAL_FATAL(store_handover_create(db, "Công an tỉnh Lạng Sơn", ptr, N, "nv01", "LS01", NULL,
                                                cx_at("2026-03-06", 0), &h, 1, &nh), PK_OK);
    CU_ASSERT_EQUAL(nh, 1);                  /* a province agency: one record */
    paper_request rq = {.kind = PAPER_HANDOVER, .key = h.no};
    paper_result r;
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &rq, &r), PK_OK);
    CU_ASSERT_TRUE(r.pages >= 3);
    char *t = pdf_text(r.path);
    char last[32];
    snprintf(last, sizeof last, "Trang %d/%d", r.pages, r.pages);
    CU_ASSERT_EQUAL(count_of(t, last), 2);
    snprintf(last, sizeof last, "Trang 1/%d", r.pages);
    CU_ASSERT_EQUAL(count_of(t, last), 2);
    CU_ASSERT_EQUAL(count_of(t, "STT"), 2 * r.pages);   /* the header row on every page */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, r40[N - 1]));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tổng số hồ sơ: 40"));
    free(t);
}

static void step(const char *ref, dossier_status to, const char *note, const transition_data *td)
{
    CU_ASSERT_EQUAL_FATAL(store_dossier_transition(db, ref, to, "nv01", note, td), PK_OK);
}

TEST(papers, result_records, "results collected, delivered with proof, refused by the recipient, returned after two attempts")
{
    transition_data td = {.at = cx_at("2026-03-09", 0), .fee_collected = -1};
    for (int i = 0; i < 3; i++) {
        step(refs[i], ST_RESULT_READY, "", &td);
        step(refs[i], ST_RESULT_COLLECTED, "", &td);
    }
    const char *two[] = {refs[0], refs[1]};
    paper_request col = {.kind = PAPER_COLLECTED, .refs = two, .nrefs = 2};
    paper_result r;
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &col, &r), PK_OK);
    char *t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "BIÊN BẢN GIAO NHẬN KẾT QUẢ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "BÊN GIAO: UBND phường Đông Kinh"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, refs[1]));
    free(t);
    /* 0: delivered against a signature */
    step(refs[0], ST_OUT_FOR_DELIVERY, "", &td);
    transition_data got = {.at = cx_at("2026-03-10", 0), .fee_collected = -1,
                           .recipient_name = "Nguyễn Văn An", .recipient_id_last = "1234"};
    step(refs[0], ST_DELIVERED, "", &got);
    paper_request del = {.kind = PAPER_DELIVERED, .key = refs[0]};
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &del, &r), PK_OK);
    t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "PHIẾU XÁC NHẬN ĐÃ NHẬN KẾT QUẢ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "********1234"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "NGƯỜI NHẬN"));
    CU_ASSERT_PTR_NULL(strstr(t, "Nguyễn Văn An"));
    free(t);
    /* 1: refused at the door, twice, then back to the agency */
    step(refs[1], ST_OUT_FOR_DELIVERY, "", &td);
    transition_data f1 = {.at = cx_at("2026-03-10", 0), .fee_collected = -1};
    step(refs[1], ST_DELIVERY_FAILED, "Người nhận từ chối nhận", &f1);
    paper_request ref = {.kind = PAPER_REFUSED, .key = refs[1]};
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &ref, &r), PK_OK);
    t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "PHIẾU TỪ CHỐI NHẬN KẾT QUẢ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Người nhận từ chối nhận"));
    free(t);
    step(refs[1], ST_OUT_FOR_DELIVERY, "", &f1);
    transition_data f2 = {.at = cx_at("2026-03-13", 0), .fee_collected = -1};
    step(refs[1], ST_DELIVERY_FAILED, "Vắng nhà", &f2);
    step(refs[1], ST_RETURNED, "Phát hai lần không được", &f2);
    paper_request ret = {.kind = PAPER_RETURNED, .key = refs[1]};
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &ret, &r), PK_OK);
    t = pdf_text(r.path);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "BIÊN BẢN TRẢ LẠI KẾT QUẢ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "BÊN NHẬN: UBND phường Đông Kinh"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "10/03/2026"));   /* first attempt */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "13/03/2026"));   /* second attempt */
    free(t);
}

/* The S10 number zbarimg reads from a PNG (caller frees), "" when none. */
static char *decode(const char *png)
{
    char cmd[900];
    snprintf(cmd, sizeof cmd, "zbarimg --quiet --raw -Sdisable -Scode128.enable '%s' 2>/dev/null",
             png);
    char *out = pkt_run(cmd);
    out[strcspn(out, "\n")] = '\0';
    return out;
}

TEST(papers, label_barcode_decodes, "the label's Code 128 gives back the S10 number, from the PDF and from the receipt printer")
{
    dossier d;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(db, refs[2], &d), PK_OK);
    paper_request rq = {.kind = PAPER_LABEL, .key = refs[2]};
    paper_result r;
    CU_ASSERT_EQUAL_FATAL(paper_save(db, &cfg, &rq, &r), PK_OK);
    char *t = pdf_text(r.path);
    char spaced[32];
    snprintf(spaced, sizeof spaced, "%.2s %.3s %.3s %.3s %.2s", d.s10, d.s10 + 2, d.s10 + 5,
             d.s10 + 8, d.s10 + 11);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, spaced));         /* human-readable under the bars */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "NGƯỜI NHẬN"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "12 Trần Đăng Ninh"));   /* the result goes to this address */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Lê V. C."));
    CU_ASSERT_PTR_NULL(strstr(t, "Lê Văn Cường"));
    free(t);
    char cmd[900], png[700];
    snprintf(cmd, sizeof cmd, "pdftoppm -r 200 -png -singlefile '%s' '%s/label' 2>&1", r.path, fx.dir);
    free(pkt_run(cmd));
    snprintf(png, sizeof png, "%s/label.png", fx.dir);
    char *code = decode(png);
    CU_ASSERT_STRING_EQUAL(code, d.s10);
    free(code);
    /* no A4 printer: the label on the receipt printer, as dots */
    char spec[200], msg[256];
    snprintf(spec, sizeof spec, "file:%s/thermal", fx.dir);
    snprintf(cmd, sizeof cmd, "%s/thermal", fx.dir);
    mkdir(cmd, 0700);
    printer *p = NULL;
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "80mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL_FATAL(paper_issue(db, p, &cfg, &rq, &r), PK_OK);
    CU_ASSERT_EQUAL(r.route, PAPER_TO_THERMAL);
    CU_ASSERT_STRING_EQUAL(r.why, "No A4 printer is configured");
    char line[900];
    paper_result_text(&r, &cfg, line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "No A4 printer is configured: printed on the receipt printer."));
    snprintf(png, sizeof png, "%s/thermal/%s-label.png", fx.dir, refs[2]);
    code = decode(png);
    CU_ASSERT_STRING_EQUAL(code, d.s10);
    free(code);
    printer_close(p);
}

TEST(papers, a4_refused_falls_back, "a CUPS queue that cannot take the job: the receipt printer prints it and the result says why")
{
    config c2 = cfg;
    str_copy(c2.papers_printer, sizeof c2.papers_printer, "A4");
    char sock[200];
    snprintf(sock, sizeof sock, "%s/no-cups.sock", fx.dir);   /* nothing listens there */
    str_copy(c2.papers_server, sizeof c2.papers_server, sock);
    char spec[260], msg[256], dir2[200];
    snprintf(dir2, sizeof dir2, "%s/thermal2", fx.dir);
    mkdir(dir2, 0700);
    snprintf(spec, sizeof spec, "file:%s", dir2);
    printer *p = NULL;
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "58mm", &p, msg, sizeof msg), PK_OK);
    paper_request rq = {.kind = PAPER_REFUSED, .key = refs[3]};
    paper_result r;
    CU_ASSERT_EQUAL_FATAL(paper_issue(db, p, &c2, &rq, &r), PK_OK);
    CU_ASSERT_EQUAL(r.route, PAPER_TO_THERMAL);
    CU_ASSERT_STRING_EQUAL(r.why, "The A4 printer did not take the paper");
    CU_ASSERT_NOT_EQUAL(r.detail[0], '\0');          /* CUPS's own words */
    CU_ASSERT_STRING_EQUAL(paper_route_msg(&r), "The A4 printer did not take the paper: printed on "
                                                "the receipt printer.");
    char path[400];
    snprintf(path, sizeof path, "%s/%s-refused-1.txt", dir2, refs[3]);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char buf[4096] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "máy in nhiệt"));
    printer_close(p);
    /* and with no receipt printer either: saved, and said so */
    CU_ASSERT_EQUAL_FATAL(paper_issue(db, NULL, &c2, &rq, &r), PK_OK);
    CU_ASSERT_EQUAL(r.route, PAPER_TO_FILE);
    char line[900];
    paper_result_text(&r, &c2, line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "Not printed: no printer took the paper"));
}

SUITE(papers, setup, teardown);

/* Not a test: the dossier tests/e2e/papers.sh prints, made the way the
 * program makes it (store_dossier_create, then the counter's acceptance by
 * the clerk the script added), so the script's database is one the
 * program could have produced. Runs only when the script asks:
 *   PK_PAPERS_DB=<db> PK_PAPERS_AUDIT_KEY=<key file> test-runner e2e_papers */
TEST(e2e_papers, accepted_dossier, "papers.sh: one dossier accepted at the counter")
{
    auth_ctx key;
    memset(&key, 0, sizeof key);
    CU_ASSERT_EQUAL_FATAL(auth_load_pepper(&key, getenv("PK_PAPERS_AUDIT_KEY"), NULL, 0), PK_OK);
    store_use_audit_key(key.pepper);
    auth_wipe(&key);
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(getenv("PK_PAPERS_DB"), &s, NULL, 0), PK_OK);
    admin_unit u[4];
    int n = 0;
    CU_ASSERT_EQUAL_FATAL(store_unit_search(s, "Lạng Sơn", "Đông Kinh", u, 4, &n), PK_OK);
    CU_ASSERT_FATAL(n >= 1);
    dossier d = fx_dossier("1.001193", "Nguyễn Văn An");
    d.unit_id = u[0].id;
    d.created_at = (int64_t)time(NULL) - 60;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(s, &d, "RA", "kiosk", NULL), PK_OK);
    transition_data td = {.seal_no = "NP-0042", .fee_collected = 8000, .post_collected = 25000};
    CU_ASSERT_EQUAL(store_dossier_transition(s, d.ref, ST_ACCEPTED, "sup1", "", &td), PK_OK);
    store_close(s);
}

static bool papers_db_given(void)
{
    return getenv("PK_PAPERS_DB") && getenv("PK_PAPERS_AUDIT_KEY");
}

SUITE_WHEN(e2e_papers, NULL, NULL, papers_db_given);
