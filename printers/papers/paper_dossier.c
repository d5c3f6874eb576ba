/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The papers of one dossier: the acceptance slip (QĐ 45/2016 Đ.6: the
 * papers counted, original or copy, sealed in front of the citizen, fees
 * taken), the envelope label, the proof of delivery and the refusal slip.
 * Official documents: the text is Vietnamese whatever the screen language
 * (no msgids here), personal data masked as on the receipt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "money.h"
#include "paper_content.h"
#include "util.h"

static paper_doc *start(const config *cfg, const char *name, const char *title, const char *sub)
{
    paper_doc *d = pd_new(name, PAPER_A4_W, PAPER_A4_H);
    snprintf(d->title, sizeof d->title, "%s", title);
    pd_mast(d, cfg->post_office);
    pd_title(d, title, sub);
    return d;
}

static void dossier_fields(paper_doc *d, const paper_dossier *pd)
{
    char s10[32];
    paper_s10_text(pd->d.s10, s10, sizeof s10);
    pd_field(d, "Số phiếu", pd->d.ref);
    pd_field(d, "Số hiệu bưu gửi", s10);
    pd_field(d, "Thủ tục hành chính", pd->x.proc_name_vi[0] ? pd->x.proc_name_vi : pd->d.proc_code);
    pd_field(d, "Cơ quan giải quyết", pd->agency);
}

static void person_fields(paper_doc *d, const paper_dossier *pd)
{
    pd_field(d, "Họ và tên", pd->name_masked);
    pd_field(d, "Số định danh cá nhân", pd->id_masked);
    if (pd->phone_masked[0])
        pd_field(d, "Điện thoại", pd->phone_masked);
    pd_field(d, "Xã/phường", pd->place);
}

/* The dossier's data wiped (names, IDs) and freed. */
static void drop(paper_dossier *pd)
{
    mem_wipe(pd, sizeof *pd);
    free(pd);
}

/* A record signed by both sides: two copies with their labels (who keeps
 * which), the dossier's data dropped, the paper handed out. */
static pk_err two_copies(paper_doc *d, const char *first, const char *second, paper_dossier *pd,
                         paper_doc **out)
{
    d->copies = 2;
    str_copy(d->copy_label[0], sizeof d->copy_label[0], first);
    str_copy(d->copy_label[1], sizeof d->copy_label[1], second);
    drop(pd);
    *out = d;
    return PK_OK;
}

pk_err paper_build_slip(store *s, const config *cfg, const paper_request *rq, int64_t now,
                        paper_doc **out)
{
    paper_dossier *pd = xcalloc(1, sizeof *pd);
    pk_err e = paper_dossier_load(s, rq->key, pd);
    if (e == PK_OK && !paper_accepted(pd))
        e = PK_ESTATE;
    if (e != PK_OK) {
        drop(pd);
        return e;
    }
    char name[64], buf[256], actor[64], note[8], clerk[PK_NAME_MAX];
    snprintf(name, sizeof name, "%s-slip", pd->d.ref);
    paper_doc *d = start(cfg, name, "PHIẾU GỬI HỒ SƠ",
                         "(Biên nhận hồ sơ thủ tục hành chính qua dịch vụ bưu chính công ích)");
    int64_t at = pd->x.accepted_at;
    paper_event(s, rq->key, ST_ACCEPTED, &at, actor, sizeof actor, note, sizeof note);
    if (at <= 0)
        at = pd->x.accepted_at > 0 ? pd->x.accepted_at : now;
    paper_clerk_name(s, rq->actor ? rq->actor : actor, clerk, sizeof clerk);
    dossier_fields(d, pd);
    pd_field(d, "Hình thức", paper_form_vi(pd->d.form));
    paper_time(at, buf, sizeof buf);
    pd_field(d, "Thời điểm nhận hồ sơ", buf);
    pd_text(d, PD_BOLD, "NGƯỜI GỬI HỒ SƠ");
    person_fields(d, pd);
    pd_text(d, PD_BOLD, "GIẤY TỜ ĐÃ KIỂM ĐẾM");
    static const double widths[] = {0.9, 5, 1.7, 1.1, 1.0};
    pd_table(d, 5, widths);
    const char *head[] = {"STT", "Tên giấy tờ", "Bản chính / bản sao", "Số lượng", "Số tờ"};
    pd_add(d, PD_HEAD, 0, 5, head);
    /* the checklist as counted, else the documents ticked: one of each,
     * the sheets left blank to fill in by hand; one row maker for both */
    const paper_check *checks = rq->checks;
    int nchecks = rq->nchecks;
    paper_check *ticked = NULL;
    if (!checks) {
        ticked = xcalloc(pd->d.ndocs > 0 ? (size_t)pd->d.ndocs : 1, sizeof *ticked);
        nchecks = 0;
        for (int i = 0; i < pd->d.ndocs; i++)
            if (pd->d.docs[i].handed) {
                str_copy(ticked[nchecks].name, sizeof ticked[nchecks].name, pd->d.docs[i].name_vi);
                ticked[nchecks++].kind = pd->d.docs[i].kind;
            }
        checks = ticked;
    }
    int nrows = 0, sheets = 0;
    bool all_counted = true;
    for (int i = 0; i < nchecks; i++) {
        const paper_check *c = &checks[i];
        char no[16], cnt[16], pages[16];
        snprintf(no, sizeof no, "%d", ++nrows);
        snprintf(cnt, sizeof cnt, "%d", c->count > 0 ? c->count : 1);
        if (c->pages > 0)
            snprintf(pages, sizeof pages, "%d", c->pages);
        else
            str_copy(pages, sizeof pages, "......");
        sheets += c->pages > 0 ? c->pages : 0;
        all_counted &= c->pages > 0;
        const char *row[] = {no, c->name, paper_doc_kind_vi(c->kind), cnt, pages};
        pd_add(d, PD_ROW, 0, 5, row);
    }
    free(ticked);
    if (nrows == 0)
        pd_text(d, PD_SMALL, "(Không có giấy tờ nào được ghi nhận.)");
    if (all_counted && nrows > 0)
        pd_text(d, PD_SMALL, "Tổng số tờ: %d", sheets);
    pd_gap(d, 2);
    pd_field(d, "Giấy tờ còn thiếu", pd->x.missing_docs[0] ? pd->x.missing_docs : "Không");
    pd_field(d, "Số niêm phong", pd->x.seal_no);
    int64_t fee = pd->x.fee_collected >= 0 ? pd->x.fee_collected : pd->d.fee_proc;
    money_format(fee, "vi", buf, sizeof buf);
    pd_field(d, "Phí, lệ phí đã thu", buf);
    /* what the counter recorded as taken, not the tariff */
    money_format(pd->x.post_collected, "vi", buf, sizeof buf);
    pd_field(d, "Cước dịch vụ bưu chính đã thu", buf);
    money_format(fee + pd->x.post_collected, "vi", buf, sizeof buf);
    pd_field(d, "Tổng cộng đã thu", buf);
    paper_date(pd->x.appointment_date[0] ? pd->x.appointment_date : pd->d.expected_date, buf,
               sizeof buf);
    pd_field(d, "Ngày dự kiến trả kết quả", buf);
    pd_text(d, PD_SMALL,
            "Hồ sơ đã được hai bên kiểm đếm theo danh mục trên, đóng gói và niêm phong trước mặt "
            "người gửi. Bưu điện bồi thường nếu làm mất, hư hỏng hồ sơ theo Điều 14 Quyết định "
            "45/2016/QĐ-TTg. Tra cứu bằng số phiếu hoặc số hiệu bưu gửi ở trên.");
    pd_sign(d, "NGƯỜI GỬI HỒ SƠ", "", "NHÂN VIÊN BƯU ĐIỆN", clerk);
    return two_copies(d, "Liên 1: giao người gửi", "Liên 2: lưu tại bưu cục", pd, out);
}

pk_err paper_build_label(store *s, const config *cfg, const paper_request *rq, int64_t now,
                         paper_doc **out)
{
    (void)now;
    paper_dossier *pd = xcalloc(1, sizeof *pd);
    pk_err e = paper_dossier_load(s, rq->key, pd);
    bool result = e == PK_OK && paper_result_stage(pd->d.status);
    if (e == PK_OK && !result && !paper_accepted(pd))
        e = PK_ESTATE;
    if (e != PK_OK) {
        drop(pd);
        return e;
    }
    char name[64], s10[32];
    snprintf(name, sizeof name, "%s-label", pd->d.ref);
    paper_doc *d = pd_new(name, PAPER_LABEL_W, PAPER_LABEL_H);
    snprintf(d->title, sizeof d->title, "Nhãn bưu gửi %s", pd->d.s10);
    pd_text(d, PD_BOLD | PD_CENTER, result ? "KẾT QUẢ GIẢI QUYẾT TTHC - BƯU CHÍNH CÔNG ÍCH"
                                            : "HỒ SƠ TTHC - BƯU CHÍNH CÔNG ÍCH");
    paper_s10_text(pd->d.s10, s10, sizeof s10);
    const char *bc[2] = {pd->d.s10, s10};
    pd_add(d, PD_BARCODE, 0, 2, bc);
    if (result) {
        pd_text(d, PD_BOLD, "NGƯỜI GỬI");
        pd_text(d, 0, "%s\nqua %s", pd->agency, cfg->post_office);
        pd_text(d, PD_BOLD, "NGƯỜI NHẬN");
        char who[PK_NAME_MAX];
        if (pd->d.recipient[0])
            dossier_mask_name(pd->d.recipient, who, sizeof who);
        else
            str_copy(who, sizeof who, pd->name_masked);
        /* the street is on the delivery label only: the result cannot
         * reach the citizen without it */
        pd_text(d, 0, "%s\n%s%s%s", who, pd->d.street, pd->d.street[0] ? ", " : "", pd->place);
        if (pd->phone_masked[0])
            pd_text(d, PD_SMALL, "Điện thoại: %s", pd->phone_masked);
    } else {
        pd_text(d, PD_BOLD, "NGƯỜI GỬI");
        pd_text(d, 0, "%s\nthay mặt: %s (%s)", cfg->post_office, pd->name_masked, pd->place);
        pd_text(d, PD_BOLD, "NGƯỜI NHẬN");
        pd_text(d, 0, "%s", pd->agency);
    }
    pd_text(d, PD_SMALL, "Số phiếu: %s · Niêm phong: %s", pd->d.ref,
            pd->x.seal_no[0] ? pd->x.seal_no : "—");
    pd_text(d, PD_SMALL, "%s", pd->x.proc_name_vi[0] ? pd->x.proc_name_vi : pd->d.proc_code);
    drop(pd);
    *out = d;
    return PK_OK;
}

pk_err paper_build_delivered(store *s, const config *cfg, const paper_request *rq, int64_t now,
                             paper_doc **out)
{
    paper_dossier *pd = xcalloc(1, sizeof *pd);
    pk_err e = paper_dossier_load(s, rq->key, pd);
    if (e == PK_OK && pd->d.status != ST_DELIVERED)
        e = PK_ESTATE;
    if (e != PK_OK) {
        drop(pd);
        return e;
    }
    char name[64], buf[256], actor[64], note[8], clerk[PK_NAME_MAX], who[PK_NAME_MAX], idl[24];
    snprintf(name, sizeof name, "%s-delivered", pd->d.ref);
    paper_doc *d = start(cfg, name, "PHIẾU XÁC NHẬN ĐÃ NHẬN KẾT QUẢ",
                         "(Kết quả giải quyết thủ tục hành chính phát qua dịch vụ bưu chính công ích)");
    int64_t at = 0;
    paper_event(s, rq->key, ST_DELIVERED, &at, actor, sizeof actor, note, sizeof note);
    paper_clerk_name(s, rq->actor ? rq->actor : actor, clerk, sizeof clerk);
    dossier_fields(d, pd);
    paper_time(at > 0 ? at : now, buf, sizeof buf);
    pd_field(d, "Thời điểm phát", buf);
    pd_text(d, PD_BOLD, "NGƯỜI NHẬN KẾT QUẢ");
    dossier_mask_name(pd->x.recipient_name, who, sizeof who);
    pd_field(d, "Họ và tên", who);
    snprintf(idl, sizeof idl, "********%s", pd->x.recipient_id_last);
    pd_field(d, "Số giấy tờ tùy thân", pd->x.recipient_id_last[0] ? idl : "");
    pd_field(d, "Người nộp hồ sơ", pd->name_masked);
    pd_field(d, "Xã/phường", pd->place);
    pd_text(d, PD_SMALL,
            "Người nhận đã xuất trình giấy tờ tùy thân, kiểm tra niêm phong còn nguyên vẹn và "
            "nhận đủ kết quả nêu trên.");
    pd_sign(d, "NGƯỜI NHẬN", "", "NHÂN VIÊN BƯU ĐIỆN", clerk);
    return two_copies(d, "Liên 1: lưu tại bưu cục", "Liên 2: giao người nhận", pd, out);
}

pk_err paper_build_refused(store *s, const config *cfg, const paper_request *rq, int64_t now,
                           paper_doc **out)
{
    paper_dossier *pd = xcalloc(1, sizeof *pd);
    pk_err e = paper_dossier_load(s, rq->key, pd);
    bool counter = e == PK_OK && pd->d.status == ST_COUNTER_REJECTED;
    if (e == PK_OK && !counter && pd->d.status != ST_DELIVERY_FAILED)
        e = PK_ESTATE;
    if (e != PK_OK) {
        drop(pd);
        return e;
    }
    char name[64], buf[256], actor[64], note[PK_TEXT_MAX], clerk[PK_NAME_MAX];
    snprintf(name, sizeof name, "%s-refused", pd->d.ref);
    paper_doc *d = counter
                       ? start(cfg, name, "PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ",
                               "(Hồ sơ thủ tục hành chính qua dịch vụ bưu chính công ích)")
                       : start(cfg, name, "PHIẾU TỪ CHỐI NHẬN KẾT QUẢ",
                               "(Kết quả giải quyết thủ tục hành chính phát qua dịch vụ bưu chính công ích)");
    int64_t at = 0;
    paper_event(s, rq->key, pd->d.status, &at, actor, sizeof actor, note, sizeof note);
    paper_clerk_name(s, rq->actor ? rq->actor : actor, clerk, sizeof clerk);
    dossier_fields(d, pd);
    paper_time(at > 0 ? at : now, buf, sizeof buf);
    pd_field(d, "Thời điểm", buf);
    pd_text(d, PD_BOLD, counter ? "NGƯỜI NỘP HỒ SƠ" : "NGƯỜI NHẬN KẾT QUẢ");
    person_fields(d, pd);
    const char *why = rq->reason && rq->reason[0] ? rq->reason : note;
    pd_text(d, PD_BOLD, "LÝ DO TỪ CHỐI");
    pd_text(d, 0, "%s", why[0] ? why : PAPER_BLANK);
    if (counter)
        pd_text(d, PD_SMALL, "Hồ sơ và toàn bộ giấy tờ đã được trả lại người nộp.");
    else
        pd_text(d, PD_SMALL, "Kết quả được lưu tại bưu cục và xử lý theo Điều 5 Thông tư "
                             "17/2017/TT-BTTTT.");
    pd_sign(d, counter ? "NGƯỜI NỘP HỒ SƠ" : "NGƯỜI TỪ CHỐI NHẬN", "", "NHÂN VIÊN BƯU ĐIỆN",
            clerk);
    return two_copies(d, "Liên 1: lưu tại bưu cục", "Liên 2: giao người nộp / người nhận", pd, out);
}
