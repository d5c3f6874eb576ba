/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The counts per status the menu and the queue show under their titles:
 * the total first, then every status of the life cycle that has dossiers,
 * in life-cycle order. One drawing for both screens, so neither leaves a
 * status out (the menu once showed six chosen statuses and hid the
 * handed-over ones; the queue hid the closed ones) and what is shown adds
 * up to the total. Samples (practice, tours) are not in the counts
 * (store_status_counts), as in the reports. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "dossier.h"
#include "i18n.h"
#include "text.h"

enum { GAP = 3 };

typedef struct {
    char text[160];
    term_role role;
} count_item;

/* Lays the items out left to right over rows of width columns; false
 * when they need more than rows rows. With draw set they are drawn. */
static bool lay_out(const count_item *it, int n, const frame *f, int y, int rows, bool draw,
                    int *used)
{
    int x0 = f->left + 1, right = f->left + f->width - 1, x = x0, row = 0;
    for (int i = 0; i < n; i++) {
        int w = text_width(it[i].text);
        if (x > x0 && x + w > right) {
            row++;
            x = x0;
        }
        if (row >= rows || x + w > right)
            return false;
        if (draw)
            term_put(y + row, x, w, it[i].text, it[i].role);
        x += w + GAP;
    }
    *used = row + 1;
    return true;
}

int clerk_counts_rows(const frame *f)
{
    return f->height >= 28 ? 4 : 2;
}

int clerk_counts_draw(frame *f, int y, int rows, const int64_t counts[ST__COUNT])
{
    count_item it[ST__COUNT + 2];
    int64_t total = 0, rest[ST__COUNT + 2];
    int n = 1;
    for (int st = 0; st < ST__COUNT; st++) {
        total += counts[st];
        if (!counts[st])
            continue;
        snprintf(it[n].text, sizeof it[n].text, "%s: %lld", _(clerk_status_short(st)),
                 (long long)counts[st]);
        it[n].role = ROLE_NORMAL;
        rest[n++] = counts[st];
    }
    /* TRANSLATORS: clerk menu and queue: all dossiers, before the counts per status */
    snprintf(it[0].text, sizeof it[0].text, "%s: %lld", _("Total"), (long long)total);
    it[0].role = ROLE_TITLE;
    /* the most statuses that fit; the ones after them as one "Other: n",
     * so the numbers on screen still add up to the total */
    int used = 0;
    for (int k = n; k >= 1; k--) {
        int64_t other = 0;
        for (int i = k; i < n; i++)
            other += rest[i];
        count_item tail;
        int m = k;
        if (k < n) {
            tail = it[k];
            /* TRANSLATORS: clerk menu and queue: the statuses with no room of their own */
            snprintf(it[k].text, sizeof it[k].text, "%s: %lld", _("Other statuses"),
                     (long long)other);
            it[k].role = ROLE_NORMAL;
            m = k + 1;
        }
        if (lay_out(it, m, f, y, rows, false, &used)) {
            lay_out(it, m, f, y, rows, true, &used);
            return used;
        }
        if (k < n)
            it[k] = tail;
    }
    /* not even the total and "Other" fit: the total alone, cut */
    term_put(y, f->left + 1, f->width - 2, it[0].text, ROLE_TITLE);
    return 1;
}
