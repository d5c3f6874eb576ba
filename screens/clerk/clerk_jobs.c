/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Print jobs that did not print (paper out, printer unplugged, ...) and
 * those still pending: retry one with Enter. A receipt is printed again
 * from the committed dossier; a handover record from its stored lines.
 * Every retry is logged. Reprints of any receipt are on the dossier
 * screen. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "handover.h"
#include "i18n.h"
#include "receipt.h"
#include "util.h"

enum { JOBS_MAX = 200 };

typedef struct {
    print_job jobs[JOBS_MAX];
    int n;
    wlist list;
} jobs_state;

static void load(jobs_state *s, app *a)
{
    int nf = 0, np = 0;
    if (store_jobs_list(a->db, JOB_FAILED, s->jobs, JOBS_MAX, &nf) != PK_OK)
        nf = 0;
    if (store_jobs_list(a->db, JOB_PENDING, s->jobs + nf, JOBS_MAX - nf, &np) != PK_OK)
        np = 0;
    int sel = s->list.sel;
    s->n = nf + np;
    wlist_set(&s->list, s->n);
    if (sel >= 0 && sel < s->n)
        s->list.sel = sel;
}

static void jobs_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    load(state, a);
}

static int visible(const frame *f)
{
    return f->height - 5 > 1 ? f->height - 5 : 1;
}

static void jobs_draw(const void *state, const app *a, frame *f)
{
    const jobs_state *s = state;
    int y = clerk_header(a, f, _("Print jobs"));
    int flash = clerk_flash_draw(a, f, y - 1);   /* more rows when it wraps */
    if (flash > 1)
        y += flash - 1;
    int x = f->left + 1, w = f->width - 2;
    if (s->n == 0) {
        term_put(y + 1, x, w, _("Every print job has printed."), ROLE_OK);
        w_hint(f, ACT_BACK, NULL);
        return;
    }
    term_put(y++, x, w, _("Not printed yet:"), ROLE_NORMAL);
    for (int i = s->list.top; i < s->n && i < s->list.top + visible(f); i++, y++) {
        const print_job *j = &s->jobs[i];
        char buf[600];
        snprintf(buf, sizeof buf, "%-22s %-10s %-9s %d  %s", j->ref,
                 strcmp(j->kind, "handover") == 0 ? _("handover") : _("receipt"),
                 j->status == JOB_FAILED ? _("failed") : _("pending"), j->attempts,
                 j->reason[0] ? _(j->reason) : "");
        wlist_row(f, &s->list, i, y, x, w, buf, NULL, true);
    }
    w_hint(f, ACT_NEXT, N_("Print again"));
    w_hint(f, ACT_BACK, NULL);
}

static screen_result retry(jobs_state *s, app *a)
{
    clerk_ui *ui = clerk_of(a);
    const print_job *j = &s->jobs[s->list.sel];
    char msg[PK_TEXT_MAX] = "";
    pk_err e = store_audit_append(a->db, app_now(a), ui->sess.id, "print_retry", j->ref, j->kind);
    if (e == PK_OK && !a->pr)
        e = PK_EPRINTER;
    if (e == PK_OK && strcmp(j->kind, "handover") == 0) {
        e = handover_print(a->db, a->pr, a->cfg, j->ref, j->id, msg, sizeof msg);
    } else if (e == PK_OK) {
        dossier d;
        e = store_dossier_get(a->db, j->ref, &d);
        if (e == PK_OK)
            e = receipt_print(a->pr, a->db, a->cfg, &d, j->id, msg, sizeof msg);
        mem_wipe(&d, sizeof d);
    }
    if (e == PK_OK)
        clerk_flashf(a, false, "%s %s", j->ref, _("printed."));
    else if (e == PK_EUNCONFIRMED)   /* sent: check the printer before another try */
        clerk_flashf(a, true, "%s %s %s", j->ref, _("The printer did not confirm the print:"),
                     _(msg));
    else
        clerk_flashf(a, true, "%s %s %s", j->ref, _("not printed:"),
                     msg[0] ? _(msg) : _(pk_err_msg(e)));
    load(s, a);
    return SR_(SR_REDRAW);
}

static screen_result jobs_handle(void *state, app *a, const event *ev)
{
    jobs_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    frame f = w_frame_now();
    switch (ev->act) {
    case ACT_TICK:
        load(s, a);
        return SR_(SR_REDRAW);
    case ACT_BACK:
        clerk_of(a)->flash[0] = '\0';
        return SR_(SR_POP);
    case ACT_NEXT:
        if (s->list.sel < 0 || s->list.sel >= s->n)
            return SR_(SR_NONE);
        return retry(s, a);
    default:
        return wlist_handle(&s->list, ev, visible(&f)) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    }
}

const screen_ops screen_clerk_jobs = {
    .name = "clerk_jobs",
    .state_size = sizeof(jobs_state),
    .help = N_("Receipts and handover records that did not print. Fix the printer (paper, "
               "cable), choose a job and press Enter to print it again."),
    .enter = jobs_enter,
    .draw = jobs_draw,
    .handle = jobs_handle,
};
