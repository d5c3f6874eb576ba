/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printer test page (postkiosk print-test): the profile, a Vietnamese
 * text with every letter and tone in both cases, rules, and a QR code that
 * also proves the receipt key works. On a profile with TCVN-3 the same
 * text follows in text mode so staff can compare the code page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "escpos.h"
#include "i18n.h"
#include "layout.h"
#include "receipt.h"

static const char pangram[] =
    "Bưu điện Lạng Sơn kính chào quý khách: hồ sơ được niêm phong, gửi đi an toàn.";
static const char letters_lower[] =
    "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ đ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị "
    "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ";
static const char letters_upper[] =
    "A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ Đ E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ I Ì Í Ỉ Ĩ Ị "
    "O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự Y Ỳ Ý Ỷ Ỹ Ỵ";

static const char *yes_no(bool b)
{
    return b ? _("yes") : _("no");
}

pk_err receipt_test_page(printer *p, const config *cfg, const char *spec, char *msg,
                         size_t msgsz)
{
    const printer_profile *prof = printer_get_profile(p);
    layout *l = layout_new(printer_fonts(p), prof->width_dots);
    char line[640];
    layout_text(l, LAY_LARGE, LAY_CENTER | LAY_BOLD, _("PRINTER TEST"));
    time_t now = time(NULL);
    date_local_format((int64_t)now, "%d/%m/%Y %H:%M:%S", line, sizeof line);
    layout_text(l, LAY_SMALL, LAY_CENTER, line);
    layout_rule(l, false);
    layout_field(l, _("Printer"), spec && *spec ? spec : "—");
    layout_field(l, _("Profile"), prof->name);
    snprintf(line, sizeof line, "%d", prof->width_dots);
    layout_field(l, _("Width in dots"), line);
    layout_field(l, _("Cutter"), yes_no(prof->cutter));
    layout_field(l, _("Native QR"), yes_no(prof->native_qr));
    layout_field(l, _("TCVN-3 text"), yes_no(prof->tcvn3));
    if (cfg->kiosk_code[0])
        layout_field(l, _("Kiosk"), cfg->kiosk_code);
    layout_rule(l, true);
    layout_text(l, LAY_NORMAL, LAY_BOLD, pangram);
    layout_text(l, LAY_NORMAL, 0, letters_lower);
    layout_text(l, LAY_NORMAL, 0, letters_upper);
    layout_text(l, LAY_SMALL, 0, "0123456789 .,:;!?()/-+*%&@#");
    layout_rule(l, true);
    /* Ruler: a tick every 8 dots, longer every 64, so a cut-off edge shows. */
    canvas *c = layout_canvas(l);
    int y = layout_y(l);
    for (int x = 0; x < c->width; x += 8)
        canvas_fill(c, x, y, 1, x % 64 == 0 ? 24 : 10);
    canvas_fill(c, c->width - 1, y, 1, 24);
    layout_gap(l, 32);
    char qr[400];
    pk_err kerr = receipt_qr_text(cfg, "TEST", (int64_t)now, qr, sizeof qr);
    layout_field(l, _("Receipt key"), kerr == PK_OK ? _("ready") : _("missing or unreadable"));
    pk_err err = layout_qr(l, kerr == PK_OK ? qr : "POSTKIOSK-TEST", 0);
    if (err == PK_OK)
        layout_text(l, LAY_SMALL, LAY_CENTER, _("A scanner should read this code."));
    char *txt = NULL;
    c = layout_finish(l, &txt);
    if (err != PK_OK) {
        free(txt);
        canvas_free(c);
        str_copy(msg, msgsz, pk_err_msg(err));
        return err;
    }
    sbuf b = {0};
    snprintf(line, sizeof line, "%s\n%s\n%s", pangram, letters_lower, letters_upper);
    escpos_document_text(&b, c, prof, line);
    char name[64];
    snprintf(name, sizeof name, "test-%lld", (long long)now);
    err = printer_send(p, name, b.data, b.len, c, txt, msg, msgsz);
    sbuf_free(&b);
    free(txt);
    canvas_free(c);
    return err;
}
