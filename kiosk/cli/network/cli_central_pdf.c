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

/* A chart's columns: months up to three years, then quarters up to nine,
 * then years (at most 60 columns: A4 holds them, a label every few). */
enum { MONTHS_MAX = 36, QUARTERS_MAX = 36, BARS_MAX = 60 };
typedef enum { BY_MONTH, BY_QUARTER, BY_YEAR } period;

static period period_of(const char *from, const char *to)
{
    int y, m, ye, me;
    if (sscanf(from, "%4d-%2d", &y, &m) != 2 || sscanf(to, "%4d-%2d", &ye, &me) != 2)
        return BY_MONTH;
    int months = (ye - y) * 12 + me - m + 1;
    return months <= MONTHS_MAX ? BY_MONTH : months <= QUARTERS_MAX * 3 ? BY_QUARTER : BY_YEAR;
}

/* The column of year y, month m (1..12) counted from y0/m0's. */
static int column(period p, int y0, int m0, int y, int m)
{
    switch (p) {
    case BY_MONTH: return (y - y0) * 12 + m - m0;
    case BY_QUARTER: return (y * 4 + (m - 1) / 3) - (y0 * 4 + (m0 - 1) / 3);
    case BY_YEAR: return y - y0;
    }
    return -1;
}

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

/* Every month (quarter, year) of the period, those without dossiers at
 * zero: a gap in the chart is a time without work, not one left out. */
static int bars(const central_office *o, const char *from, const char *to, period p,
                pd_bar *out)
{
    int y0, m0, ye, me;
    if (sscanf(from, "%4d-%2d", &y0, &m0) != 2 || sscanf(to, "%4d-%2d", &ye, &me) != 2)
        return 0;
    int n = column(p, y0, m0, ye, me) + 1;
    if (n > BARS_MAX)
        n = BARS_MAX;
    if (n <= 0)
        return 0;
    int64_t *done = xcalloc((size_t)n, sizeof *done), *on_time = xcalloc((size_t)n, sizeof *on_time);
    for (int y = y0, m = m0, i = 0; i < n; m = m % 12 + 1, y += m == 1) {
        int c = column(p, y0, m0, y, m);
        if (c >= n)
            break;
        if (c == i) {   /* the first month of column i names it */
            pd_bar *b = &out[i++];
            memset(b, 0, sizeof *b);
            if (p == BY_MONTH)
                snprintf(b->label, sizeof b->label, "%02u/%04u", (unsigned)m % 100,
                         (unsigned)y % 10000);
            else if (p == BY_QUARTER)
                snprintf(b->label, sizeof b->label, "Q%u/%04u", (unsigned)(m - 1) / 3 % 10 + 1,
                         (unsigned)y % 10000);
            else
                snprintf(b->label, sizeof b->label, "%04u", (unsigned)y % 10000);
        }
    }
    for (int i = 0; i < o->nmonths; i++) {
        const central_month *cm = &o->months[i];
        int y, m;
        if (sscanf(cm->month, "%4d-%2d", &y, &m) != 2)
            continue;
        int c = column(p, y0, m0, y, m);
        if (c < 0 || c >= n)
            continue;
        out[c].count += cm->dossiers;
        on_time[c] += cm->on_time;
        done[c] += cm->on_time + cm->late;
    }
    for (int c = 0; c < n; c++)
        out[c].permille = done[c] > 0 ? (int)(on_time[c] * 1000 / done[c]) : -1;
    free(done);
    free(on_time);
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
    pd_bar *b = xcalloc(BARS_MAX, sizeof *b);
    period per = period_of(cr->total.from, cr->total.to);
    static const char *const per_name[] = {"tháng", "quý", "năm"};
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
        snprintf(buf, sizeof buf, "Biểu đồ %d: bưu cục %s, hồ sơ theo %s và tỉ lệ đúng hạn", i + 1,
                 o->kiosk, per_name[per]);
        pd_chart(d, buf, "Hồ sơ tiếp nhận (cột)", "Tỉ lệ đúng hạn (đường)",
                 bars(o, cr->total.from, cr->total.to, per, b), b);
    }
    free(b);
    pk_err e = paper_pdf_write(d, path, pages);
    pd_free(d);
    return e;
}
