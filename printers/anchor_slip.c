/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit anchor slip (postkiosk audit anchor --print): the head of the
 * audit chain as a short code a supervisor keeps in the day book, with the
 * kiosk, the time and how to check it later. No personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "anchor_slip.h"
#include "dates.h"
#include "escpos.h"
#include "i18n.h"
#include "layout.h"

pk_err anchor_slip_print(printer *p, const config *cfg, const char *code, int64_t seq,
                         int64_t now, char *msg, size_t msgsz)
{
    const printer_profile *prof = printer_get_profile(p);
    layout *l = layout_new(printer_fonts(p), prof->width_dots);
    char line[128];
    layout_text(l, LAY_LARGE, LAY_CENTER | LAY_BOLD, _("AUDIT ANCHOR"));
    date_local_format(now, "%d/%m/%Y %H:%M", line, sizeof line);
    layout_text(l, LAY_SMALL, LAY_CENTER, line);
    layout_rule(l, false);
    layout_field(l, _("Kiosk"), cfg->kiosk_code);
    snprintf(line, sizeof line, "%lld", (long long)seq);
    layout_field(l, _("Audit entry"), line);
    layout_gap(l, 16);
    layout_text_fit(l, LAY_HUGE, LAY_CENTER | LAY_BOLD, code);
    layout_gap(l, 16);
    layout_rule(l, true);
    layout_text(l, LAY_SMALL, 0,
                _("Write this code in the day book and keep this slip. To check later that "
                  "the audit log still holds this entry unchanged:"));
    layout_text(l, LAY_SMALL, 0, "postkiosk audit verify --expect-head CODE");
    char *txt = NULL;
    canvas *c = layout_finish(l, &txt);
    char name[64];
    snprintf(name, sizeof name, "anchor-%lld", (long long)seq);
    pk_err err = printer_print(p, name, c, txt, msg, msgsz);
    free(txt);
    canvas_free(c);
    return err;
}
