/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chart block of a paper (pd_chart, drawn by paper_pdf.c for the
 * province's report, `central report --pdf`): read back with pdftotext
 * (poppler-utils): the months under the columns, the figures over them,
 * both scales, the legend and the label under the chart; a chart never
 * split across pages; PD_SAME_COUNT keeps "Trang i/n" over the file. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paper_content.h"
#include "paper_doc.h"
#include "paper_render.h"
#include "pkt_helpers.h"
#include "unit.h"

static char *text_of(const char *path, int page)
{
    char *cmd = xasprintf("pdftotext -layout -f %d -l %d '%s' - 2>/dev/null", page, page, path);
    FILE *p = popen(cmd, "r");
    free(cmd);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    sbuf s = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        sbuf_addn(&s, buf, n);
    pclose(p);
    return s.data ? s.data : xstrdup("");
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
