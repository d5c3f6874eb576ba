/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The records of several dossiers handed between the post office and an
 * agency: the handover record (biên bản giao nhận, QĐ 45/2016 Đ.7.4: its
 * signing time is the legal filing time), the record of results collected
 * from an agency, and the record of results returned to it after two
 * failed deliveries (TT 17/2017 Đ.5.2.h). One record per real receiving
 * agency: dossiers of a commune-level procedure go to their own commune's
 * People's Committee, so a batch that spans several is split into
 * sections, each with its parties, list, signatures and page numbers.
 * Vietnamese only, personal data masked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "dossier.h"
#include "paper_content.h"
#include "text.h"
#include "util.h"

enum { ITEMS_MAX = 500 };

typedef struct {
    paper_kind kind;
    const config *cfg;
    handover h;                     /* PAPER_HANDOVER */
    paper_dossier *it;
    int n, cap;
    int64_t at;
    char clerk[PK_NAME_MAX], clerk_id[64];
} batch;

static pk_err load(store *s, const paper_request *rq, batch *b)
{
    const char *one[1] = {rq->key};
    const char *const *refs = rq->refs ? rq->refs : one;
    int nrefs = rq->refs ? rq->nrefs : 1;
    handover_line *lines = NULL;
    if (b->kind == PAPER_HANDOVER) {
        lines = xcalloc(ITEMS_MAX, sizeof *lines);
        pk_err e = store_handover_lines(s, rq->key, &b->h, lines, ITEMS_MAX, &nrefs);
        if (e != PK_OK) {
            free(lines);
            return e;
        }
        b->at = b->h.at;
        str_copy(b->clerk_id, sizeof b->clerk_id, rq->actor ? rq->actor : b->h.actor);
    }
    if (nrefs <= 0 || nrefs > ITEMS_MAX) {
        free(lines);
        return PK_EINVAL;
    }
    b->it = xcalloc((size_t)nrefs, sizeof *b->it);
    b->cap = nrefs;
    pk_err e = PK_OK;
    for (int i = 0; i < nrefs && e == PK_OK; i++) {
        const char *ref = lines ? lines[i].ref : refs[i];
        if (!ref) {
            e = PK_EINVAL;
            break;
        }
        e = paper_dossier_load(s, ref, &b->it[b->n]);
        if (e != PK_OK)
            break;
        dossier_status st = b->it[b->n].d.status;
        if (b->kind == PAPER_COLLECTED && !paper_result_stage(st))
            e = PK_ESTATE;
        if (b->kind == PAPER_RETURNED && st != ST_RETURNED)
            e = PK_ESTATE;
        if (b->kind != PAPER_HANDOVER) {
            int64_t at = 0;
            char actor[64], note[8];
            paper_event(s, ref, b->kind == PAPER_COLLECTED ? ST_RESULT_COLLECTED : ST_RETURNED, &at,
                        actor, sizeof actor, note, sizeof note);
            if (at > b->at) {
                b->at = at;
                if (!rq->actor)
                    str_copy(b->clerk_id, sizeof b->clerk_id, actor);
            }
        }
        b->n++;
    }
    if (rq->actor && b->kind != PAPER_HANDOVER)
        str_copy(b->clerk_id, sizeof b->clerk_id, rq->actor);
    free(lines);
    if (e == PK_OK)
        paper_clerk_name(s, b->clerk_id, b->clerk, sizeof b->clerk);
    return e;
}

static void parties(paper_doc *d, const batch *b, const char *agency)
{
    char when[96];
    paper_time(b->at, when, sizeof when);
    bool post_gives = b->kind != PAPER_COLLECTED;
    pd_text(d, 0, "Hôm nay, lúc %s, chúng tôi gồm:", when);
    const char *post = b->cfg->post_office;
    pd_text(d, PD_BOLD, "BÊN GIAO: %s", post_gives ? post : agency);
    if (post_gives) {
        pd_field(d, "Nhân viên bưu điện", b->clerk[0] ? b->clerk : PAPER_BLANK);
    } else {
        pd_field(d, "Họ và tên cán bộ", PAPER_BLANK);
        pd_field(d, "Chức vụ", PAPER_BLANK);
    }
    pd_text(d, PD_BOLD, "BÊN NHẬN: %s", post_gives ? agency : post);
    if (post_gives) {
        pd_field(d, "Họ và tên cán bộ tiếp nhận", PAPER_BLANK);
        pd_field(d, "Chức vụ", PAPER_BLANK);
    } else {
        pd_field(d, "Nhân viên bưu điện", b->clerk[0] ? b->clerk : PAPER_BLANK);
    }
}

/* The list of one agency's dossiers; returns how many. */
static int list(paper_doc *d, const batch *b, const char *agency, int *ndocs, int *norig)
{
    static const double w_hand[] = {0.8, 2.6, 2.0, 2.2, 1.5, 2.6};
    static const double w_col[] = {0.8, 2.8, 2.6, 2.2, 1.5, 1.7};
    static const double w_ret[] = {0.8, 2.9, 2.4, 1.8, 1.7, 1.7};
    pd_table(d, 6, b->kind == PAPER_HANDOVER ? w_hand : b->kind == PAPER_COLLECTED ? w_col : w_ret);
    const char *h_hand[] = {"STT", "Số phiếu / số hiệu", "Thủ tục", "Người nộp", "Niêm phong",
                            "Giấy tờ giao"};
    const char *h_col[] = {"STT", "Số phiếu / số hiệu", "Thủ tục", "Người nhận kết quả",
                           "Niêm phong", "Ngày hẹn trả"};
    const char *h_ret[] = {"STT", "Số phiếu / số hiệu", "Thủ tục", "Người nhận kết quả",
                           "Phát lần 1", "Phát lần 2"};
    pd_add(d, PD_HEAD, 0, 6,
           b->kind == PAPER_HANDOVER ? h_hand : b->kind == PAPER_COLLECTED ? h_col : h_ret);
    int n = 0;
    *ndocs = *norig = 0;
    for (int i = 0; i < b->n; i++) {
        const paper_dossier *pd = &b->it[i];
        if (strcmp(pd->agency, agency) != 0)
            continue;
        int docs = 0, orig = 0;
        for (int k = 0; k < pd->d.ndocs; k++)
            if (pd->d.docs[k].handed) {
                docs++;
                orig += pd->d.docs[k].kind == DOC_ORIGINAL;
            }
        *ndocs += docs;
        *norig += orig;
        char no[16], id[64], c5[48], c6[48];
        sbuf papers = {0};
        snprintf(no, sizeof no, "%d", ++n);
        snprintf(id, sizeof id, "%s\n%s", pd->d.ref, pd->d.s10);
        const char *c4 = pd->name_masked;
        char who[PK_NAME_MAX];
        if (b->kind != PAPER_HANDOVER && pd->d.recipient[0]) {
            dossier_mask_name(pd->d.recipient, who, sizeof who);
            c4 = who;
        }
        str_copy(c6, sizeof c6, "—");
        if (b->kind == PAPER_HANDOVER) {
            str_copy(c5, sizeof c5, pd->x.seal_no[0] ? pd->x.seal_no : "—");
            /* each paper, originals marked, for both sides to count */
            for (int k = 0; k < pd->d.ndocs; k++) {
                if (!pd->d.docs[k].handed)
                    continue;
                /* the kind once: "Bản sao giấy khai sinh" needs no "(bản sao)" */
                const char *kind = pd->d.docs[k].kind == DOC_ORIGINAL ? "bản chính" : "bản sao";
                bool said = text_starts_with_words(pd->d.docs[k].name_vi, kind);
                sbuf_addf(&papers, "%s%s%s%s%s", papers.len ? "\n" : "", pd->d.docs[k].name_vi,
                          said ? "" : " (", said ? "" : kind, said ? "" : ")");
            }
        } else if (b->kind == PAPER_COLLECTED) {
            str_copy(c5, sizeof c5, pd->x.seal_no[0] ? pd->x.seal_no : "—");
            paper_date(pd->x.appointment_date[0] ? pd->x.appointment_date : pd->d.expected_date,
                       c6, sizeof c6);
        } else {
            paper_date(pd->x.first_attempt, c5, sizeof c5);
            paper_date(pd->x.last_attempt, c6, sizeof c6);
        }
        const char *row[] = {no, id, pd->x.proc_name_vi[0] ? pd->x.proc_name_vi : pd->d.proc_code,
                             c4, c5, papers.data ? papers.data : c6};
        pd_add(d, PD_ROW, 0, 6, row);
        sbuf_free(&papers);
    }
    return n;
}

static void incidents(paper_doc *d, const batch *b, const char *agency)
{
    pd_text(d, PD_BOLD, "SỰ CỐ, GIẤY TỜ CÒN THIẾU");
    int n = 0;
    for (int i = 0; i < b->n; i++) {
        const paper_dossier *pd = &b->it[i];
        if (strcmp(pd->agency, agency) != 0)
            continue;
        if (pd->x.missing_docs[0]) {
            pd_text(d, PD_SMALL, "- %s: còn thiếu %s", pd->d.ref, pd->x.missing_docs);
            n++;
        }
        if (pd->x.incident[0]) {
            pd_text(d, PD_SMALL, "- %s: %s", pd->d.ref,
                    !strcmp(pd->x.incident, "lost") ? "bị mất (Điều 14 QĐ 45/2016/QĐ-TTg)"
                                                    : "bị hư hỏng (Điều 14 QĐ 45/2016/QĐ-TTg)");
            n++;
        }
    }
    if (n == 0)
        pd_text(d, PD_SMALL, "Không có.");
}

static void section(paper_doc *d, const batch *b, const char *agency, int k, int nsec)
{
    static const char *const titles[] = {
        [PAPER_HANDOVER] = "BIÊN BẢN GIAO NHẬN HỒ SƠ",
        [PAPER_COLLECTED] = "BIÊN BẢN GIAO NHẬN KẾT QUẢ",
        [PAPER_RETURNED] = "BIÊN BẢN TRẢ LẠI KẾT QUẢ",
    };
    static const char *const subs[] = {
        [PAPER_HANDOVER] = "(Hồ sơ thủ tục hành chính gửi qua dịch vụ bưu chính công ích)",
        [PAPER_COLLECTED] = "(Kết quả giải quyết thủ tục hành chính nhận để phát qua bưu chính công ích)",
        [PAPER_RETURNED] = "(Kết quả không phát được sau hai lần phát, trả lại cơ quan giải quyết)",
    };
    pd_mast(d, b->cfg->post_office);
    pd_title(d, titles[b->kind], subs[b->kind]);
    char no[96];
    if (b->kind == PAPER_HANDOVER)
        snprintf(no, sizeof no, nsec > 1 ? "%s/%d" : "%s", b->h.no, k + 1);
    else
        snprintf(no, sizeof no, "%s", b->it[0].d.ref);
    pd_field(d, b->kind == PAPER_HANDOVER ? "Số biên bản" : "Số phiếu đầu tiên", no);
    parties(d, b, agency);
    pd_text(d, 0, b->kind == PAPER_HANDOVER
                      ? "Hai bên cùng kiểm đếm và giao nhận các hồ sơ sau (niêm phong còn nguyên vẹn):"
                      : b->kind == PAPER_COLLECTED
                            ? "Hai bên cùng kiểm đếm và giao nhận các kết quả sau:"
                            : "Bưu điện đã phát hai lần, cách nhau ít nhất hai ngày làm việc, "
                              "không phát được và trả lại các kết quả sau:");
    int ndocs = 0, norig = 0;
    int n = list(d, b, agency, &ndocs, &norig);
    pd_gap(d, 2);
    char buf[64];
    snprintf(buf, sizeof buf, "%d", n);
    pd_field(d, "Tổng số hồ sơ", buf);
    if (b->kind == PAPER_HANDOVER) {
        snprintf(buf, sizeof buf, "%d, trong đó %d bản chính", ndocs, norig);
        pd_field(d, "Tổng số giấy tờ", buf);
        /* the one date the agency gave with this record, when it gave one:
         * every dossier of the section carries it, set on or after the day */
        const char *appt = NULL;
        bool same = true;
        char today[PK_DATE_MAX];
        date_local_iso(b->at, today);
        for (int i = 0; i < b->n && same; i++) {
            const paper_dossier *pd = &b->it[i];
            if (strcmp(pd->agency, agency) != 0)
                continue;
            if (!appt)
                appt = pd->x.appointment_date;
            same = strcmp(appt, pd->x.appointment_date) == 0;
        }
        if (same && appt && appt[0] && strcmp(appt, today) >= 0) {
            paper_date(appt, buf, sizeof buf);
            pd_field(d, "Ngày hẹn trả kết quả", buf);
        }
    }
    incidents(d, b, agency);
    if (b->kind == PAPER_HANDOVER)
        pd_text(d, PD_SMALL,
                "Thời điểm ký biên bản này là thời điểm cơ quan tiếp nhận hồ sơ (khoản 4 Điều 7 "
                "Quyết định 45/2016/QĐ-TTg).");
    pd_text(d, PD_SMALL, "Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản.");
    bool post_gives = b->kind != PAPER_COLLECTED;
    pd_sign(d, "ĐẠI DIỆN BÊN GIAO", post_gives ? b->clerk : "", "ĐẠI DIỆN BÊN NHẬN",
            post_gives ? "" : b->clerk);
}

pk_err paper_build_batch(store *s, const config *cfg, const paper_request *rq, int64_t now,
                         paper_doc **out)
{
    batch *b = xcalloc(1, sizeof *b);
    b->kind = rq->kind;
    b->cfg = cfg;
    pk_err e = load(s, rq, b);
    if (e == PK_OK && b->n == 0)
        e = PK_ENOTFOUND;
    if (e == PK_OK) {
        if (b->at <= 0)
            b->at = now;
        static const char *const suffix[] = {[PAPER_HANDOVER] = "", [PAPER_COLLECTED] = "-collected",
                                             [PAPER_RETURNED] = "-returned"};
        char name[64];
        snprintf(name, sizeof name, "%s%s", b->kind == PAPER_HANDOVER ? b->h.no : b->it[0].d.ref,
                 suffix[b->kind]);
        paper_doc *d = pd_new(name, PAPER_A4_W, PAPER_A4_H);
        /* the real agencies, in the order of the list */
        const char **ag = xcalloc((size_t)b->n, sizeof *ag);
        int nag = 0;
        for (int i = 0; i < b->n; i++) {
            int k = 0;
            while (k < nag && strcmp(ag[k], b->it[i].agency) != 0)
                k++;
            if (k == nag)
                ag[nag++] = b->it[i].agency;
        }
        for (int k = 0; k < nag; k++) {
            if (k > 0)
                pd_add(d, PD_BREAK, 0, 0, NULL);
            section(d, b, ag[k], k, nag);
        }
        snprintf(d->title, sizeof d->title, "%s %s", b->kind == PAPER_HANDOVER ? "Biên bản giao nhận"
                                                    : b->kind == PAPER_COLLECTED ? "Biên bản nhận kết quả"
                                                                                  : "Biên bản trả lại kết quả",
                 name);
        d->copies = 2;
        str_copy(d->copy_label[0], sizeof d->copy_label[0], "Bản lưu tại bưu cục");
        str_copy(d->copy_label[1], sizeof d->copy_label[1], "Bản giao cơ quan");
        free(ag);
        *out = d;
    }
    if (b->it) {
        mem_wipe(b->it, (size_t)b->cap * sizeof *b->it);
        free(b->it);
    }
    free(b);
    return e;
}
