/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The papers module (pk-papers.so): Code 128 of a UPU S10 number with
 * libzint, as vector bars in the PDF (cairo) and as dots on the receipt
 * printer's canvas. */
#include "paper_module.h"

#include <string.h>
#include <zint.h>

enum { QUIET_MODULES = 10 };   /* ISO/IEC 15417: at least 10 X each side */

static struct zint_symbol *encode(const char *data)
{
    struct zint_symbol *sym = ZBarcode_Create();
    if (!sym)
        return NULL;
    sym->symbology = BARCODE_CODE128;
    sym->show_hrt = 0;
    sym->whitespace_width = QUIET_MODULES;
    sym->height = 50;
    int err = ZBarcode_Encode(sym, (const unsigned char *)data, (int)strlen(data));
    if (err >= ZINT_ERROR) {
        ZBarcode_Delete(sym);
        return NULL;
    }
    return sym;
}

pk_err paper_barcode_cairo(cairo_t *cr, const char *data, double x, double y, double w,
                           double h)
{
    struct zint_symbol *sym = encode(data);
    if (!sym)
        return PK_EINVAL;
    if (ZBarcode_Buffer_Vector(sym, 0) >= ZINT_ERROR || !sym->vector || sym->vector->width <= 0 ||
        sym->vector->height <= 0) {
        ZBarcode_Delete(sym);
        return PK_EINVAL;
    }
    double fx = w / sym->vector->width, fy = h / sym->vector->height;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (const struct zint_vector_rect *r = sym->vector->rectangles; r; r = r->next)
        if (r->colour == -1 || r->colour == 7)
            cairo_rectangle(cr, x + r->x * fx, y + r->y * fy, r->width * fx, r->height * fy);
    cairo_fill(cr);
    cairo_restore(cr);
    ZBarcode_Delete(sym);
    return PK_OK;
}

pk_err papermod_barcode_canvas(canvas *c, const char *data, int y, int module, int rows, int *used)
{
    *used = 0;
    struct zint_symbol *sym = encode(data);
    if (!sym)
        return PK_EINVAL;
    int total = sym->width + 2 * QUIET_MODULES;
    if (module < 1)
        module = 1;
    while (module > 1 && total * module > c->width)
        module--;
    if (total * module > c->width) {
        ZBarcode_Delete(sym);
        return PK_EINVAL;          /* too long for this paper */
    }
    /* zint draws an X dimension of 2 pixels at scale 1 */
    sym->scale = (float)module / 2.0f;
    sym->height = (float)rows / (float)module;
    if (ZBarcode_Buffer(sym, 0) >= ZINT_ERROR || !sym->bitmap) {
        ZBarcode_Delete(sym);
        return PK_EINVAL;
    }
    int x0 = (c->width - sym->bitmap_width) / 2;
    if (x0 < 0)
        x0 = 0;
    int h = sym->bitmap_height;
    canvas_ensure(c, y + h);
    for (int r = 0; r < h; r++)
        for (int k = 0; k < sym->bitmap_width && x0 + k < c->width; k++) {
            const unsigned char *px = sym->bitmap + 3 * ((size_t)r * (size_t)sym->bitmap_width + (size_t)k);
            if (px[0] < 128)
                canvas_set(c, x0 + k, y + r);
        }
    *used = h;
    ZBarcode_Delete(sym);
    return PK_OK;
}
