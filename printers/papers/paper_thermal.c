/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A paper_doc on the receipt printer (the fallback when no A4 printer
 * takes it): the same blocks through the printers' layout, a table row as
 * one paragraph, the barcode as dots. Thermal paper fades: the paper says
 * so at its foot, and the PDF stays in the data directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "layout.h"
#include "paper_barcode.h"
#include "paper_render.h"
#include "util.h"

static void put_row(layout *l, const pd_block *b)
{
    sbuf s = {0};
    for (int i = 0; i < b->ncells; i++) {
        if (!b->cell[i][0])
            continue;
        sbuf_addf(&s, "%s%s", s.len ? " · " : "", b->cell[i]);
    }
    layout_text(l, LAY_SMALL, b->kind == PD_HEAD ? LAY_BOLD : LAY_INDENT, s.data ? s.data : "");
    sbuf_free(&s);
}

static pk_err build(const paper_doc *d, int copy, canvas_fonts *f, int width, canvas **out,
                    char **text)
{
    layout *l = layout_new(f, width);
    pk_err e = PK_OK;
    if (d->copy_label[copy][0])
        layout_text(l, LAY_SMALL, LAY_RIGHT, d->copy_label[copy]);
    for (int i = 0; i < d->n; i++) {
        const pd_block *b = &d->b[i];
        switch (b->kind) {
        case PD_MAST:
            layout_text(l, LAY_SMALL, LAY_CENTER | LAY_BOLD, b->cell[0]);
            layout_text(l, LAY_SMALL, LAY_CENTER, b->cell[1]);
            layout_rule(l, false);
            break;
        case PD_TITLE:
            layout_text(l, LAY_LARGE, LAY_CENTER | LAY_BOLD, b->cell[0]);
            break;
        case PD_SUB:
            layout_text(l, LAY_SMALL, LAY_CENTER, b->cell[0]);
            layout_rule(l, false);
            break;
        case PD_TEXT:
            layout_text(l, b->flags & PD_SMALL ? LAY_SMALL : LAY_NORMAL,
                        (b->flags & PD_BOLD ? LAY_BOLD : 0) | (b->flags & PD_CENTER ? LAY_CENTER : 0),
                        b->cell[0]);
            break;
        case PD_FIELD:
            layout_field(l, b->cell[0], b->cell[1]);
            break;
        case PD_HEAD:
            layout_rule(l, true);
            put_row(l, b);
            break;
        case PD_ROW:
            put_row(l, b);
            break;
        case PD_SIGN:
            for (int side = 0; side < 2; side++) {
                layout_rule(l, true);
                layout_text(l, LAY_NORMAL, LAY_BOLD, b->cell[side * 3]);
                layout_text(l, LAY_SMALL, 0, b->cell[side * 3 + 1]);
                layout_gap(l, 96);
                layout_text_break(l);
                layout_text_break(l);
                if (b->cell[side * 3 + 2][0])
                    layout_text(l, LAY_NORMAL, LAY_BOLD, b->cell[side * 3 + 2]);
            }
            layout_rule(l, true);
            break;
        case PD_GAP:
            layout_gap(l, b->flags * 8);
            break;
        case PD_BREAK:
            layout_gap(l, 32);
            layout_rule(l, false);
            break;
        case PD_BARCODE: {
            int used = 0;
            layout_gap(l, 8);
            e = paper_barcode_canvas(layout_canvas(l), b->cell[0], layout_y(l), 2, 96, &used);
            layout_gap(l, used + 4);
            layout_text(l, LAY_LARGE, LAY_CENTER | LAY_BOLD, b->cell[1]);
            break;
        }
        }
    }
    layout_text(l, LAY_SMALL, 0,
                "Bản in trên máy in nhiệt; bản PDF khổ A4 được lưu tại bưu cục.");
    *out = layout_finish(l, text);
    return e;
}

pk_err paper_thermal_print(const paper_doc *d, printer *p, char *msg, size_t msgsz)
{
    if (msg && msgsz)
        msg[0] = '\0';
    if (!p)
        return PK_EPRINTER;
    int copies = d->copies < 1 ? 1 : d->copies > PD_COPIES_MAX ? PD_COPIES_MAX : d->copies;
    pk_err e = PK_OK;
    for (int c = 0; c < copies && (e == PK_OK || e == PK_EUNCONFIRMED); c++) {
        canvas *cv = NULL;
        char *text = NULL;
        e = build(d, c, printer_fonts(p), printer_width_dots(p), &cv, &text);
        char name[96];
        snprintf(name, sizeof name, copies > 1 ? "%s-%d" : "%s", d->name, c + 1);
        if (e == PK_OK)
            e = printer_print(p, name, cv, text, msg, msgsz);
        else
            str_copy(msg, msgsz, pk_err_msg(e));
        canvas_free(cv);
        free(text);
    }
    return e;
}
