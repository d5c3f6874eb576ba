/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The province's report as a paper (printers/papers/: the same page,
 * table, "Trang i/n" and PDF writer as the citizen's papers). Vietnamese
 * on paper whatever the kiosk's language, as every paper. */
#include "cli_central_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "paper_content.h"
#include "paper_doc.h"
#include "paper_render.h"
#include "util.h"

enum { MONTHS_MAX = 60 };   /* five years of columns is already a wall */

static void office_name(const central_office *o, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s%s%s%s", o->kiosk, o->province[0] ? " (" : "", o->province,
             o->province[0] ? ")" : "");
}

static void count(char *out, size_t outsz, int64_t n)
{
    snprintf(out, outsz, "%lld", (long long)n);
}

static void table_row(paper_doc *d, pd_kind kind, const char *name, const report *r)
{
    char v[5][24];
    count(v[0], sizeof v[0], r->total);
    count(v[1], sizeof v[1], r->on_time);
    count(v[2], sizeof v[2], r->late);
    count(v[3], sizeof v[3], r->overdue);
    count(v[4], sizeof v[4], r->lost);
    const char *c[6] = {name, v[0], v[1], v[2], v[3], v[4]};
    pd_add(d, kind, 0, 6, c);
}

static void rate_text(const report *r, char *out, size_t outsz)
{
    int pm = report_on_time_permille(r);
    if (pm < 0)
        str_copy(out, outsz, "chưa có hồ sơ hoàn thành");
    else
        snprintf(out, outsz, "%d,%d %% (%lld/%lld)", pm / 10, pm % 10, (long long)r->on_time,
                 (long long)r->completed);
}

/* Every month of the period, those without dossiers at zero: a gap in
 * the chart is a month without work, not a month left out. */
static int bars(const central_office *o, const char *from, const char *to, pd_bar *out)
{
    int y, m, ye, me, n = 0;
    if (sscanf(from, "%4d-%2d", &y, &m) != 2 || sscanf(to, "%4d-%2d", &ye, &me) != 2)
        return 0;
    for (; (y < ye || (y == ye && m <= me)) && n < MONTHS_MAX; n++) {
        char key[16];
        snprintf(key, sizeof key, "%04d-%02d", y, m);
        pd_bar *b = &out[n];
        memset(b, 0, sizeof *b);
        snprintf(b->label, sizeof b->label, "%02d/%04d", m, y);
        b->permille = -1;
        for (int i = 0; i < o->nmonths; i++)
            if (!strcmp(o->months[i].month, key)) {
                const central_month *cm = &o->months[i];
                int64_t done = cm->on_time + cm->late;
                b->count = cm->dossiers;
                if (done > 0)
                    b->permille = (int)(cm->on_time * 1000 / done);
            }
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    return n;
}

pk_err central_report_pdf(const central_report *cr, const char *path, int *pages)
{
    paper_doc *d = pd_new("bao-cao-tinh", PAPER_A4_W, PAPER_A4_H);
    str_copy(d->title, sizeof d->title, "Báo cáo tiếp nhận hồ sơ tại bưu cục");
    char from[PK_DATE_MAX + 8], to[PK_DATE_MAX + 8], sub[128], name[96], buf[160];
    if (!date_iso_to_dmy(cr->total.from, from, sizeof from))
        str_copy(from, sizeof from, cr->total.from);
    if (!date_iso_to_dmy(cr->total.to, to, sizeof to))
        str_copy(to, sizeof to, cr->total.to);
    snprintf(sub, sizeof sub, "Từ ngày %s đến ngày %s", from, to);
    pd_mast(d, "BƯU ĐIỆN VIỆT NAM\nTIẾP NHẬN HỒ SƠ TTHC");
    pd_title(d, "BÁO CÁO HỒ SƠ TIẾP NHẬN TẠI BƯU CỤC", sub);
    pd_text(d, PD_BOLD, "Tổng hợp theo bưu cục");
    static const double widths[6] = {2.6, 1.3, 1.1, 1.1, 1.3, 1.0};
    pd_table(d, 6, widths);
    const char *head[6] = {"Bưu cục",  "Hồ sơ tiếp nhận", "Đúng hạn",
                           "Trễ hạn", "Quá hạn chưa trả", "Thất lạc"};
    pd_add(d, PD_HEAD, 0, 6, head);
    for (int i = 0; i < cr->n; i++) {
        office_name(&cr->offices[i], name, sizeof name);
        table_row(d, PD_ROW, name, &cr->offices[i].r);
    }
    snprintf(name, sizeof name, "Tổng cộng (%d bưu cục)", cr->n);
    table_row(d, PD_ROW, name, &cr->total);
    pd_gap(d, 3);
    rate_text(&cr->total, buf, sizeof buf);
    pd_field(d, "Tỉ lệ đúng hạn", buf);
    pd_text(d, PD_SMALL,
            "Số liệu lấy từ máy chủ trung tâm, theo ngày tiếp nhận hồ sơ tại bưu cục; "
            "mỗi bưu cục có một trang biểu đồ: số hồ sơ tiếp nhận theo tháng (cột) và "
            "tỉ lệ trả kết quả đúng hạn (đường).");
    pd_bar *b = xcalloc(MONTHS_MAX, sizeof *b);
    for (int i = 0; i < cr->n; i++) {
        const central_office *o = &cr->offices[i];
        const report *r = &o->r;
        pd_add(d, PD_BREAK, PD_SAME_COUNT, 0, NULL);
        office_name(o, name, sizeof name);
        snprintf(buf, sizeof buf, "Bưu cục %s", name);
        pd_title(d, buf, sub);
        count(buf, sizeof buf, r->total);
        pd_field(d, "Hồ sơ tiếp nhận", buf);
        rate_text(r, buf, sizeof buf);
        pd_field(d, "Tỉ lệ đúng hạn", buf);
        count(buf, sizeof buf, r->overdue);
        pd_field(d, "Quá hạn chưa trả", buf);
        snprintf(buf, sizeof buf, "%lld / %lld", (long long)r->lost, (long long)r->damaged);
        pd_field(d, "Thất lạc / hư hỏng", buf);
        pd_gap(d, 6);
        snprintf(buf, sizeof buf, "Biểu đồ %d: bưu cục %s, hồ sơ theo tháng và tỉ lệ đúng hạn", i + 1,
                 o->kiosk);
        pd_chart(d, buf, "Hồ sơ tiếp nhận (cột)", "Tỉ lệ đúng hạn (đường)",
                 bars(o, cr->total.from, cr->total.to, b), b);
    }
    free(b);
    pk_err e = paper_pdf_write(d, path, pages);
    pd_free(d);
    return e;
}
