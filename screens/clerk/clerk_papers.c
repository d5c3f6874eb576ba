/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The papers a recorded step hands out (printers/papers/): the acceptance
 * slip and the envelope label at the counter, the refusal slip, the
 * record of a result collected from the agency, the result's label when
 * it goes out for delivery, the proof of delivery, the record of a result
 * returned to the agency. Printed right after the step is committed; the
 * flash says which printer took them (A4, or the receipt printer) or why
 * none did. A paper that cannot be made never undoes the step: the
 * clerk reprints it with `postkiosk paper`. */
#include <stdio.h>

#include "clerk.h"
#include "i18n.h"
#include "paper.h"
#include "util.h"

/* The papers of a step, at most two; returns how many. */
static int papers_of(dossier_status to, service_form form, paper_kind out[2])
{
    switch (to) {
    case ST_ACCEPTED:
        out[0] = PAPER_SLIP;
        if (form == FORM_RETURN)
            return 1;          /* nothing travels to the agency */
        out[1] = PAPER_LABEL;
        return 2;
    case ST_COUNTER_REJECTED: out[0] = PAPER_REFUSED; return 1;
    case ST_RESULT_COLLECTED: out[0] = PAPER_COLLECTED; return 1;
    case ST_OUT_FOR_DELIVERY: out[0] = PAPER_LABEL; return 1;
    case ST_DELIVERED: out[0] = PAPER_DELIVERED; return 1;
    case ST_RETURNED: out[0] = PAPER_RETURNED; return 1;
    default: return 0;
    }
}

void clerk_papers_after(app *a, const char *ref, dossier_status to)
{
    clerk_papers_after_checked(a, ref, to, NULL, 0);
}

void clerk_papers_after_checked(app *a, const char *ref, dossier_status to,
                                const paper_check *checks, int nchecks)
{
    clerk_ui *ui = clerk_of(a);
    dossier d;
    if (store_dossier_get(a->db, ref, &d) != PK_OK)
        return;
    service_form form = d.form;
    mem_wipe(&d, sizeof d);
    paper_kind kinds[2];
    int n = papers_of(to, form, kinds);
    if (n == 0 || !a->cfg)
        return;
    paper_result r = {0};
    for (int i = 0; i < n; i++) {
        paper_request rq = {.kind = kinds[i], .key = ref, .actor = ui->sess.id};
        if (kinds[i] == PAPER_SLIP && checks && nchecks > 0) {   /* as counted */
            rq.checks = checks;
            rq.nchecks = nchecks;
        }
        pk_err e = paper_issue(a->db, a->pr, a->cfg, &rq, &r);
        if (e != PK_OK) {
            /* TRANSLATORS: the reason the paper could not be made */
            clerk_flashf(a, true, _("Recorded, but the paper could not be made: %s Reprint it with "
                                    "postkiosk paper."),
                         r.detail[0] ? r.detail : _(pk_err_msg(e)));
            return;
        }
    }
    clerk_flashf(a, r.route == PAPER_TO_FILE, "%s %s", _("Recorded."), _(paper_route_msg(&r)));
}
