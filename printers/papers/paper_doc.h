/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A paper as data: blocks from top to bottom (the national motto and the
 * issuer, a title, fields, a table, paragraphs, two signature blocks, a
 * barcode), written once by the content code and drawn by two renderers:
 * the A4 PDF (paper_pdf.c, cairo + pango) and the receipt printer
 * (paper_thermal.c, the printers' layout). Text is NFC UTF-8. */
#ifndef PK_PAPER_DOC_H
#define PK_PAPER_DOC_H

#include <stdbool.h>

#include "log.h"
#include "model.h"

enum { PD_COLS_MAX = 6, PD_COPIES_MAX = 2 };

typedef enum {
    PD_MAST,      /* cell[0] the issuer (left), cell[1] the motto (right) */
    PD_TITLE,     /* cell[0] */
    PD_SUB,       /* cell[0], centred italic under the title */
    PD_TEXT,      /* cell[0], a paragraph */
    PD_FIELD,     /* cell[0] label, cell[1] value */
    PD_HEAD,      /* a table's header row: cells */
    PD_ROW,       /* a table row: cells */
    PD_SIGN,      /* cell[0..2] left: role, hint, name; cell[3..5] right */
    PD_GAP,       /* flags = millimetres */
    PD_BARCODE,   /* cell[0] the data (Code 128), cell[1] the text under it */
    PD_BREAK,     /* the next block starts a new page (flags PD_SAME_COUNT: and
                     keeps counting "Trang i/n" over the whole document) */
    PD_CHART,     /* cell[0] the label under the chart; bars: counts as columns
                     on the left scale, rates as a line on the right (0-100 %) */
} pd_kind;

enum { PD_BOLD = 1, PD_CENTER = 2, PD_SMALL = 4, PD_SAME_COUNT = 8 };

typedef struct {
    char label[16];                /* under the column: "03/2026" */
    long long count;
    int permille;                  /* 0..1000, -1 when there is no rate */
} pd_bar;

typedef struct {
    pd_kind kind;
    int flags;
    int ncells;
    char *cell[PD_COLS_MAX];
    pd_bar *bars;                  /* PD_CHART */
    int nbars;
} pd_block;

typedef struct paper_doc {
    char name[64];                 /* file and job name: letters, digits, '-', '_' */
    char title[128];               /* the CUPS job title */
    double page_w, page_h;         /* points (A4: 595.28 x 841.89) */
    int ncols;                     /* the table's columns */
    double colw[PD_COLS_MAX];      /* relative widths */
    int copies;                    /* 1 or 2: each copy repeats every page */
    char copy_label[PD_COPIES_MAX][64];   /* "Bản lưu tại bưu cục", ... */
    pd_block *b;
    int n, cap;
} paper_doc;

paper_doc *pd_new(const char *name, double page_w, double page_h);
void pd_free(paper_doc *d);
/* Adds a block; cells are copied (NULL = ""). */
void pd_add(paper_doc *d, pd_kind kind, int flags, int ncells, const char *const *cells);
void pd_mast(paper_doc *d, const char *issuer);
void pd_title(paper_doc *d, const char *title, const char *sub);
void pd_text(paper_doc *d, int flags, const char *fmt, ...) PK_PRINTF(3, 4);
void pd_field(paper_doc *d, const char *label, const char *value);
void pd_gap(paper_doc *d, int mm);
/* Column widths of the table that follows (relative, n <= PD_COLS_MAX). */
void pd_table(paper_doc *d, int n, const double *widths);
void pd_sign(paper_doc *d, const char *left_role, const char *left_name,
             const char *right_role, const char *right_name);
/* A chart: n bars (copied); count_label and rate_label name the two
 * scales in the legend, caption goes under the chart. */
void pd_chart(paper_doc *d, const char *caption, const char *count_label, const char *rate_label,
              int n, const pd_bar *bars);

#endif
