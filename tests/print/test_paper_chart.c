/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chart block of a paper (pd_chart, drawn by paper_pdf.c for the
 * province's report, `central report --pdf`): read back with pdftotext
 * (poppler-utils): the months under the columns, the figures over them,
 * both scales, the legend and the label under the chart; a chart never
 * split across pages; PD_SAME_COUNT keeps "Trang i/n" over the file. */
#include <CUnit/CUnit.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_central_pdf.h"
#include "paper_content.h"
#include "paper_doc.h"
#include "paper_render.h"
#include "pkt_helpers.h"
#include "unit.h"

static char *text_of(const char *path, int page)
{
    char opts[48];
    snprintf(opts, sizeof opts, "-layout -f %d -l %d", page, page);
    return pkt_pdf_text(path, opts);
}

static const pd_bar four[4] = {
    {"01/2026", 3, 1000}, {"02/2026", 0, -1}, {"03/2026", 12, 500}, {"04/2026", 7, 0}};

static void add_chart(paper_doc *d)
{
    pd_chart(d, "Biểu đồ thử: bưu cục ZZ01", "Hồ sơ tiếp nhận (cột)", "Tỉ lệ đúng hạn (đường)", 4,
             four);
}

TEST(paper_chart, labels_figures_scales, "a chart: months, figures, both scales, legend, label under it")
{
    char *dir = pkt_tmpdir(), path[512];
    snprintf(path, sizeof path, "%s/chart.pdf", dir);
    paper_doc *d = pd_new("chart", PAPER_A4_W, PAPER_A4_H);
    pd_title(d, "Bưu cục ZZ01", NULL);
    add_chart(d);
    int pages = 0;
    CU_ASSERT_EQUAL(paper_pdf_write(d, path, &pages), PK_OK);
    CU_ASSERT_EQUAL(pages, 1);
    char *t = text_of(path, 1);
    for (int i = 0; i < 4; i++)
        CU_ASSERT_PTR_NOT_NULL(strstr(t, four[i].label));
    /* the figures over the columns (none over the empty month) and the
     * left scale up to 20, the first round step above the highest (12) */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "12"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "20"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "100%"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "25%"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Hồ sơ tiếp nhận (cột)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tỉ lệ đúng hạn (đường)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Biểu đồ thử: bưu cục ZZ01"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Trang 1/1"));
    /* the label under the chart comes after the months */
    const char *months = strstr(t, "04/2026"), *label = strstr(t, "Biểu đồ thử");
    CU_ASSERT(months && label && label > months);
    free(t);
    pd_free(d);
    pkt_rmtree(dir);
    free(dir);
}

TEST(paper_chart, long_path, "a paper is written under a path longer than any fixed buffer")
{
    char *dir = pkt_tmpdir();
    /* seven folders of 100 letters: 700+ bytes, far within PATH_MAX; the
     * temporary name was once cut at 640 bytes and the write failed */
    char path[1024], name[101];
    memset(name, 'd', 100);
    name[100] = '\0';
    snprintf(path, sizeof path, "%s", dir);
    for (int i = 0; i < 7; i++) {
        size_t n = strlen(path);
        snprintf(path + n, sizeof path - n, "/%s", name);
        CU_ASSERT_EQUAL_FATAL(mkdir(path, 0700), 0);
    }
    size_t n = strlen(path);
    snprintf(path + n, sizeof path - n, "/chart.pdf");
    CU_ASSERT_FATAL(strlen(path) > 700);
    /* what the cut name was: a folder there made the write fail, and any
     * file there would have been overwritten */
    char cut[640];
    snprintf(cut, sizeof cut, "%s.tmp", path);
    CU_ASSERT_EQUAL_FATAL(mkdir(cut, 0700), 0);
    paper_doc *d = pd_new("chart", PAPER_A4_W, PAPER_A4_H);
    pd_title(d, "Bưu cục ZZ01", NULL);
    add_chart(d);
    int pages = 0;
    CU_ASSERT_EQUAL(paper_pdf_write(d, path, &pages), PK_OK);
    CU_ASSERT_EQUAL(pages, 1);
    CU_ASSERT_EQUAL(access(path, R_OK), 0);
    char *t = text_of(path, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "01/2026"));
    free(t);
    /* no temporary file left beside it */
    strcat(path, ".tmp");
    CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
    pd_free(d);
    pkt_rmtree(dir);
    free(dir);
}

TEST(paper_chart, never_split, "a chart that does not fit under the text moves whole to the next page")
{
    char *dir = pkt_tmpdir(), path[512];
    snprintf(path, sizeof path, "%s/split.pdf", dir);
    paper_doc *d = pd_new("split", PAPER_A4_W, PAPER_A4_H);
    for (int i = 0; i < 30; i++)
        pd_text(d, 0, "Dòng %d của phần chữ trước biểu đồ", i + 1);
    add_chart(d);
    int pages = 0;
    CU_ASSERT_EQUAL(paper_pdf_write(d, path, &pages), PK_OK);
    CU_ASSERT_EQUAL(pages, 2);
    char *p1 = text_of(path, 1), *p2 = text_of(path, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(p1, "Dòng 30 của"));
    CU_ASSERT_PTR_NULL(strstr(p1, "01/2026"));
    CU_ASSERT_PTR_NULL(strstr(p1, "Biểu đồ thử"));
    CU_ASSERT_PTR_NOT_NULL(strstr(p2, "01/2026"));
    CU_ASSERT_PTR_NOT_NULL(strstr(p2, "Biểu đồ thử"));
    CU_ASSERT_PTR_NOT_NULL(strstr(p2, "Trang 2/2"));
    free(p1);
    free(p2);
    pd_free(d);
    pkt_rmtree(dir);
    free(dir);
}

TEST(paper_chart, same_count_break, "PD_SAME_COUNT: a new page counted over the file; a plain break restarts the count")
{
    char *dir = pkt_tmpdir(), path[512];
    snprintf(path, sizeof path, "%s/count.pdf", dir);
    for (int same = 0; same < 2; same++) {
        paper_doc *d = pd_new("count", PAPER_A4_W, PAPER_A4_H);
        pd_text(d, 0, "Trang tổng hợp");
        pd_add(d, PD_BREAK, same ? PD_SAME_COUNT : 0, 0, NULL);
        pd_text(d, 0, "Trang biểu đồ");
        int pages = 0;
        CU_ASSERT_EQUAL(paper_pdf_write(d, path, &pages), PK_OK);
        char *p1 = text_of(path, 1), *p2 = text_of(path, 2);
        CU_ASSERT_PTR_NOT_NULL(strstr(p1, same ? "Trang 1/2" : "Trang 1/1"));
        CU_ASSERT_PTR_NOT_NULL(strstr(p2, same ? "Trang 2/2" : "Trang 1/1"));
        CU_ASSERT_PTR_NOT_NULL(strstr(p2, "Trang biểu đồ"));
        free(p1);
        free(p2);
        pd_free(d);
    }
    pkt_rmtree(dir);
    free(dir);
}

TEST(paper_chart, unwritable, "a PDF that cannot be written: an error, no file, no leftover")
{
    char *dir = pkt_tmpdir(), path[512];
    snprintf(path, sizeof path, "%s/missing/x.pdf", dir);
    paper_doc *d = pd_new("x", PAPER_A4_W, PAPER_A4_H);
    add_chart(d);
    int pages = 0;
    CU_ASSERT_EQUAL(paper_pdf_write(d, path, &pages), PK_EIO);
    CU_ASSERT_EQUAL(pkt_count_files(dir), 0);
    pd_free(d);
    pkt_rmtree(dir);
    free(dir);
}

SUITE(paper_chart, NULL, NULL);

/* Month labels never overlap or wrap: with more months than fit, every
 * n-th is labelled, each whole; the first month always is. */
static int whole_labels(const char *t, int *broken)
{
    int n = 0;
    *broken = 0;
    for (const char *p = t; (p = strstr(p, "/20")) != NULL; p++) {
        /* MM/YYYY with no digit stuck to either side (labels run together) */
        bool whole = p - t >= 2 && isdigit((unsigned char)p[-1]) &&
                     isdigit((unsigned char)p[-2]) && isdigit((unsigned char)p[3]) &&
                     isdigit((unsigned char)p[4]) && !isdigit((unsigned char)p[5]) &&
                     (p - t == 2 || !isdigit((unsigned char)p[-3]));
        if (whole)
            n++;
        else
            (*broken)++;
    }
    return n;
}

static void months_chart(const char *path, int nmonths, pd_bar *bars)
{
    for (int i = 0; i < nmonths; i++) {
        snprintf(bars[i].label, sizeof bars[i].label, "%02d/%04d", i % 12 + 1, 2021 + i / 12);
        bars[i].count = 100 + i;
        bars[i].permille = 900;
    }
    paper_doc *d = pd_new("months", PAPER_A4_W, PAPER_A4_H);
    pd_chart(d, "Biểu đồ dài", "Hồ sơ tiếp nhận (cột)", "Tỉ lệ đúng hạn (đường)", nmonths, bars);
    int pages = 0;
    CU_ASSERT_EQUAL(paper_pdf_write(d, path, &pages), PK_OK);
    CU_ASSERT_EQUAL(pages, 1);
    pd_free(d);
}

TEST(paper_chart, many_months, "12, 24, 60 months: every n-th month labelled, whole, none overlapping")
{
    char *dir = pkt_tmpdir(), path[512];
    snprintf(path, sizeof path, "%s/months.pdf", dir);
    static pd_bar bars[60];
    const int sizes[3] = {12, 24, 60};
    for (int k = 0; k < 3; k++) {
        months_chart(path, sizes[k], bars);
        char *t = text_of(path, 1);
        int broken = 0, n = whole_labels(t, &broken);
        CU_ASSERT_EQUAL(broken, 0);
        CU_ASSERT(n >= 4);
        CU_ASSERT(n <= sizes[k]);
        CU_ASSERT_PTR_NOT_NULL(strstr(t, "01/2021"));
        /* all on the line of the first: none pushed onto a line of its own */
        const char *first = strstr(t, "01/2021");
        if (first) {
            const char *bol = first, *eol = strchr(first, '\n');
            while (bol > t && bol[-1] != '\n')
                bol--;
            char *line = xstrdup(bol);
            if (eol)
                line[eol - bol] = '\0';
            int b2 = 0;
            CU_ASSERT_EQUAL(whole_labels(line, &b2), n);
            free(line);
        }
        free(t);
    }
    pkt_rmtree(dir);
    free(dir);
}

/* The province's report over long periods: months up to three years,
 * quarters up to nine, years beyond; the chart reaches the period's end. */
static char *office_page(const char *dir, const char *from, const char *to)
{
    int y0, m0, ye, me;
    sscanf(from, "%4d-%2d", &y0, &m0);
    sscanf(to, "%4d-%2d", &ye, &me);
    int n = (ye - y0) * 12 + me - m0 + 1;
    central_month *months = xcalloc((size_t)n, sizeof *months);
    for (int i = 0; i < n; i++) {
        unsigned y = (unsigned)(y0 + (m0 - 1 + i) / 12) % 10000u;
        unsigned m = (unsigned)((m0 - 1 + i) % 12 + 1) % 100u;
        snprintf(months[i].month, sizeof months[i].month, "%04u-%02u", y, m);
        months[i].dossiers = 10;
        months[i].on_time = 9;
        months[i].late = 1;
    }
    central_office o;
    memset(&o, 0, sizeof o);
    str_copy(o.kiosk, sizeof o.kiosk, "ZZ01");
    o.months = months;
    o.nmonths = n;
    central_report cr;
    memset(&cr, 0, sizeof cr);
    cr.offices = &o;
    cr.n = 1;
    str_copy(cr.total.from, sizeof cr.total.from, from);
    str_copy(cr.total.to, sizeof cr.total.to, to);
    char path[512];
    snprintf(path, sizeof path, "%s/long.pdf", dir);
    int pages = 0;
    CU_ASSERT_EQUAL(central_report_pdf(&cr, path, &pages), PK_OK);
    CU_ASSERT_EQUAL(pages, 2);
    free(months);
    return text_of(path, 2);
}

TEST(paper_chart, long_ranges, "central report --pdf: months, then quarters, then years, to the period's end")
{
    char *dir = pkt_tmpdir();
    char *t = office_page(dir, "2024-01-01", "2026-12-31");   /* 36 months */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "hồ sơ theo tháng"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "01/2024"));
    free(t);
    t = office_page(dir, "2022-02-01", "2025-12-31");   /* 47 months: 16 quarters */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "hồ sơ theo quý"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Q1/2022"));
    CU_ASSERT_PTR_NULL(strstr(t, "06/2022"));   /* no month (the title has 01/02/2022) */
    free(t);
    t = office_page(dir, "2016-01-01", "2029-12-31");   /* 14 years */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "hồ sơ theo năm"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "2016"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "2029"));
    /* each year's 120 dossiers, the figure over its column */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "120"));
    free(t);
    pkt_rmtree(dir);
    free(dir);
}
