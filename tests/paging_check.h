/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checks a scrolled page on screen the way a person pages through it (the
 * clerk's and the citizen's screens share wpage_scroll): PgDn from the top
 * to the end and PgUp back. Header-only (static functions), for the UI
 * suites. */
#ifndef PK_PAGING_CHECK_H
#define PK_PAGING_CHECK_H

#include <CUnit/CUnit.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snap.h"

enum { PAGE_ROWS_MAX = 64, PAGE_COLS = 512 };

typedef struct {
    char row[PAGE_ROWS_MAX][PAGE_COLS];
    int n;        /* rows of the page area */
    bool more;    /* its last row is the "more below" sign */
} page_view;

/* The screen rows [top, bottom) (bottom < 0: up to the first row that
 * starts with a horizontal line, the dossier's actions below it). */
static inline void read_page(page_view *v, int top, int bottom)
{
    char *t = snap_text();
    memset(v, 0, sizeof *v);
    int i = 0;
    for (char *line = t; line && *line; i++) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (i >= top && (bottom < 0 ? strncmp(line, "\xe2\x94\x80", 3) != 0 : i < bottom) &&
            v->n < PAGE_ROWS_MAX)
            snprintf(v->row[v->n++], PAGE_COLS, "%s", line);
        else if (i >= top)
            break;
        line = end ? end + 1 : NULL;
    }
    free(t);
    v->more = v->n > 0 && strstr(v->row[v->n - 1], "\xe2\x96\xbc") != NULL;
}

static inline bool blank(const char *s)
{
    return strspn(s, " ") == strlen(s);
}

/* PgDn from the top to the end and PgUp back on the page in rows
 * [top, bottom): each page starts on the last line the one before showed
 * (one line seen again, the sign's row not counted), the sign is there
 * exactly while more follows, the last page is full, PgDn there changes
 * nothing; PgUp walks back the same way to the first page. */
static inline void check_paging(snap_env *e, int top, int bottom)
{
    page_view *a = malloc(sizeof *a), *b = malloc(sizeof *b), *first = malloc(sizeof *first);
    CU_ASSERT_FATAL(a && b && first);
    read_page(first, top, bottom);
    CU_ASSERT_FATAL(first->n > 3);
    if (!first->more) {
        char *t = snap_text();
        fprintf(stderr, "paging: no more below at first:\n%s", t);
        free(t);
    }
    CU_ASSERT_FATAL(first->more);                /* the page is longer than the screen */
    *a = *first;
    int downs = 0;
    while (a->more && downs < 40) {
        snap_key(e, TK_PGDN);
        read_page(b, top, bottom);
        CU_ASSERT_EQUAL(b->n, a->n);
        /* one line of overlap; the last page may start earlier (it
         * ends on the last line), but never after that line */
        int at = -1;
        for (int i = 0; i < b->n && at < 0; i++)
            if (strcmp(b->row[i], a->row[a->n - 2]) == 0)
                at = i;
        CU_ASSERT(b->more ? at == 0 : at >= 0);
        if (b->n != a->n || (b->more ? at != 0 : at < 0)) {
            fprintf(stderr, "paging: before PgDn (%d rows):\n", a->n);
            for (int i = 0; i < a->n; i++)
                fprintf(stderr, "|%s\n", a->row[i]);
            fprintf(stderr, "after (%d rows):\n", b->n);
            for (int i = 0; i < b->n; i++)
                fprintf(stderr, "|%s\n", b->row[i]);
        }
        *a = *b;
        downs++;
    }
    CU_ASSERT(downs >= 1 && downs < 40);
    CU_ASSERT_FALSE(a->more);
    CU_ASSERT_FALSE(blank(a->row[a->n - 1]));  /* the last page is full, no blank space */
    snap_key(e, TK_PGDN);                       /* at the end: nothing moves */
    read_page(b, top, bottom);
    CU_ASSERT_EQUAL(memcmp(a, b, sizeof *a), 0);
    int ups = 0;
    while (strcmp(a->row[0], first->row[0]) != 0 && ups < 40) {
        snap_key(e, TK_PGUP);
        read_page(b, top, bottom);
        CU_ASSERT_TRUE(b->more);
        if (strcmp(b->row[0], first->row[0]) != 0)   /* not clamped at the top */
            CU_ASSERT_STRING_EQUAL(b->row[b->n - 2], a->row[0]);
        *a = *b;
        ups++;
    }
    CU_ASSERT_EQUAL(ups, downs);
    CU_ASSERT_EQUAL(memcmp(a, first, sizeof *a), 0);
    free(a);
    free(b);
    free(first);
}

#endif
