/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Batches by scanning: the results collected from one agency, or the
 * results sent out for delivery, by scanning each receipt or S10 envelope
 * label (or typing its reference); one record for the whole batch, made in
 * one transaction, then its sheet saved and printed (for a delivery: the
 * round sheet, then each result's S10 envelope label). Handing over goes to the handover screen, which scans too:
 * handing over exists in one place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "dayclose.h"
#include "dossier.h"
#include "i18n.h"
#include "paper.h"
#include "text.h"
#include "util.h"

enum { BATCH_MAX = 200 };
typedef enum { BS_CHOOSE, BS_SCAN, BS_DONE } bstep;

typedef struct {
    bstep step;
    batch_kind kind;
    day_row items[BATCH_MAX];      /* ref, s10, status, agency of each scanned dossier */
    int n;
    char agency[PK_TEXT_MAX];      /* receive: the one agency of the batch */
    wlist list;
    tfield typed;                  /* a reference or S10 number typed by hand */
    const char *err;               /* msgid */
    bool leaving;                  /* Esc once with scanned work: Esc again leaves */
    char errref[PK_REF_MAX];
    char no[32];
    char path[600];
    pk_err print_err;
    char print_msg[PK_TEXT_MAX];
} batch_state;

static void batch_enter(void *state, app *a, const void *arg)
{
    (void)a;
    batch_state *s = state;
    tf_init(&s->typed, TF_ASCII, 60);
    if (arg) {   /* opened for one kind (from the menu of a list) */
        s->kind = *(const batch_kind *)arg;
        s->step = BS_SCAN;
    }
}

static void batch_leave(void *state, app *a)
{
    (void)a;
    batch_state *s = state;
    tf_wipe(&s->typed);
}

static int visible(const frame *f)
{
    return f->height - 9 > 1 ? f->height - 9 : 1;
}

static const char *kind_title(batch_kind k)
{
    return k == BATCH_RECEIVE ? N_("Receive results from one agency")
                              : N_("Send results out for delivery");
}

static void batch_draw(const void *state, const app *a, frame *f)
{
    const batch_state *s = state;
    int y = clerk_header(a, f, s->step == BS_CHOOSE ? _("Scan a batch") : _(kind_title(s->kind)));
    int x = f->left + 1, w = f->width - 2;
    char buf[768];
    if (s->step == BS_CHOOSE) {
        int flash = clerk_flash_draw(a, f, y);
        y += (flash > 1 ? flash : 1) + 1;
        int cw = w - 4 < 60 ? w - 4 : 60, cx = f->left + (f->width - cw) / 2;
        w_choice(f, y, cx, cw, 1, _("Hand over to an agency"), false);
        w_choice(f, y + 2, cx, cw, 2, _(kind_title(BATCH_RECEIVE)), false);
        w_choice(f, y + 4, cx, cw, 3, _(kind_title(BATCH_DELIVERY)), false);
        w_hint(f, ACT_CHOOSE, NULL);
        w_hint(f, ACT_BACK, NULL);
        return;
    }
    if (s->step == BS_DONE) {
        snprintf(buf, sizeof buf, "%s %s", _("Batch record"), s->no);
        term_put(y++, x, w, buf, ROLE_TITLE);
        snprintf(buf, sizeof buf, ngettext("%d dossier recorded.", "%d dossiers recorded.",
                                           (unsigned long)s->n), s->n);
        term_put(y++, x, w, buf, ROLE_OK);
        const char *shown = s->path;   /* relative to the data directory */
        size_t hl = a->cfg ? strlen(a->cfg->home) : 0;
        if (hl && strncmp(shown, a->cfg->home, hl) == 0 && shown[hl] == '/')
            shown += hl + 1;
        snprintf(buf, sizeof buf, "%s %s", _("Saved as"), shown);
        y += w_text(f, y, x, w, 3, buf, ROLE_DIM);
        if (s->print_err == PK_OK) {
            /* where the papers went, whole: "No A4 printer is configured: printed on ..." */
            w_text(f, y + 1, x, w, 4, s->print_msg[0] ? s->print_msg : _("Printed."), ROLE_OK);
        } else {
            snprintf(buf, sizeof buf, "%s %s", _("Not printed:"),
                     s->print_msg[0] ? s->print_msg : _(pk_err_msg(s->print_err)));
            w_text(f, y + 1, x, w, 3, buf, ROLE_ERROR);
        }
        w_hint(f, ACT_NEXT, N_("Done"));
        return;
    }
    if (s->kind == BATCH_RECEIVE) {
        snprintf(buf, sizeof buf, "%s: %s", _("Agency"), s->agency[0] ? s->agency : _("the first scan decides"));
        term_put(y++, x, w, buf, ROLE_NORMAL);
    }
    snprintf(buf, sizeof buf, ngettext("%d dossier scanned", "%d dossiers scanned",
                                       (unsigned long)s->n), s->n);
    term_put(y++, x, w, buf, ROLE_TITLE);
    if (s->err) {
        if (s->errref[0])
            snprintf(buf, sizeof buf, "%s: %s", s->errref, _(s->err));
        else
            snprintf(buf, sizeof buf, "%s", _(s->err));
        y += w_banner_wrapped(f, y, CLERK_FLASH_LINES, buf, ROLE_ERROR);
    } else {
        y += w_text(f, y, x, w, 3, _("Scan each receipt or envelope label, or type a number and "
                                     "press Enter. Enter with nothing typed records the batch."),
                    ROLE_DIM);
    }
    y++;
    int vis = visible(f), fy = f->top + f->height - 3;
    /* rows stop above the field when a long message took their room */
    for (int i = s->list.top; i < s->n && i < s->list.top + vis && y < fy; i++, y++) {
        const day_row *r = &s->items[i];
        char status[64];
        text_truncate(_(clerk_status_short((int)r->status)), 18, status, sizeof status);
        snprintf(buf, sizeof buf, "%3d  %-12s %-13s  %s", i + 1, r->ref, r->s10, status);
        wlist_row(f, &s->list, i, y, x, w, buf, NULL, true);
    }
    tf_draw_labeled(f, &s->typed, fy, x, w < 40 ? w : 40, _("Reference or S10 number"), NULL, false,
                    true, 0);
    w_hint(f, ACT_NEXT, s->typed.buf[0] ? N_("Add") : N_("Record the batch"));
    w_hint(f, ACT_DELETE, N_("Remove the selected"));
    w_hint(f, ACT_BACK, NULL);
}

/* One scanned or typed dossier into the batch, or why not. */
static void add(batch_state *s, app *a, const char *payload)
{
    s->err = NULL;
    s->errref[0] = '\0';
    char ref[PK_REF_MAX];
    pk_err e = clerk_resolve(a, payload, ref);
    if (e != PK_OK) {
        s->err = e == PK_ETAMPER ? N_("WARNING: this receipt failed its security check. It may be "
                                      "forged. Keep it and call the supervisor.")
                 : e == PK_ENOTFOUND
                     ? N_("WARNING: this receipt is genuine but its dossier is not in this "
                          "database. Keep the receipt and call the supervisor.")
                     : N_("No dossier here has this number.");
        term_beep();
        return;
    }
    str_copy(s->errref, sizeof s->errref, ref);
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->items[i].ref, ref) == 0) {
            s->err = N_("Already in this batch.");
            term_beep();
            return;
        }
    if (s->n >= BATCH_MAX) {
        s->err = N_("The batch is full: record it and start another.");
        term_beep();
        return;
    }
    day_row r;
    memset(&r, 0, sizeof r);
    const char *why = store_batch_check(a->db, s->kind, ref, r.agency, sizeof r.agency);
    if (!why && s->kind == BATCH_RECEIVE && s->agency[0] && strcmp(s->agency, r.agency) != 0)
        why = N_("This dossier is from another agency: a batch holds one agency's results.");
    if (why) {
        s->err = why;
        term_beep();
        return;
    }
    dossier d;
    if (store_dossier_get(a->db, ref, &d) == PK_OK) {
        str_copy(r.s10, sizeof r.s10, d.s10);
        r.status = d.status;
        if (s->kind == BATCH_DELIVERY) {
            /* the round sheet names where it goes (the street stays on the label) */
            char masked[PK_NAME_MAX];
            dossier_mask_name(d.recipient[0] ? d.recipient : d.name, masked, sizeof masked);
            snprintf(r.agency, sizeof r.agency, "%s%s%s", masked, d.unit_name[0] ? ", " : "",
                     d.unit_name);
        }
    }
    mem_wipe(&d, sizeof d);
    str_copy(r.ref, sizeof r.ref, ref);
    if (s->kind == BATCH_RECEIVE && !s->agency[0])
        str_copy(s->agency, sizeof s->agency, r.agency);
    s->items[s->n++] = r;
    wlist_set(&s->list, s->n);
    s->list.sel = s->n - 1;
    s->errref[0] = '\0';
    mem_wipe(&r, sizeof r);
}

static screen_result record(batch_state *s, app *a)
{
    if (s->n == 0) {
        s->err = N_("Scan at least one dossier.");
        term_beep();
        return SR_(SR_REDRAW);
    }
    clerk_ui *ui = clerk_of(a);
    const char *refs[BATCH_MAX];
    for (int i = 0; i < s->n; i++)
        refs[i] = s->items[i].ref;
    const char *kiosk = a->cfg && a->cfg->kiosk_code[0] ? a->cfg->kiosk_code : "PK";
    int bad = -1;
    int64_t now = app_now(a);
    pk_err e = store_batch_create(a->db, s->kind, refs, s->n, ui->sess.id, kiosk, now, s->no,
                                  sizeof s->no, &bad);
    if (e != PK_OK) {
        s->err = e == PK_ESTATE ? N_("This dossier changed meanwhile: remove it and record again.")
                                : pk_err_msg(e);
        if (bad >= 0 && bad < s->n) {
            str_copy(s->errref, sizeof s->errref, s->items[bad].ref);
            s->list.sel = bad;
        }
        term_beep();
        return SR_(SR_REDRAW);
    }
    bool labels = false;   /* a delivery: every envelope label printed */
    /* committed: now the paper, saved then printed. Results collected from
     * the agency: the signed record of printers/papers/ (A4, else the
     * receipt printer); a delivery: the round sheet */
    if (s->kind == BATCH_RECEIVE) {
        paper_request rq = {.kind = PAPER_COLLECTED, .key = refs[0], .refs = refs,
                            .nrefs = s->n, .actor = ui->sess.id, .now = now};
        paper_result pr;
        memset(&pr, 0, sizeof pr);
        s->print_err = paper_issue(a->db, a->pr, a->cfg, &rq, &pr);
        str_copy(s->path, sizeof s->path, pr.path);
        /* where it went, in words (already translated) */
        const char *route = paper_route_msg(&pr);
        str_copy(s->print_msg, sizeof s->print_msg, route ? _(route) : "");
        if (s->print_err == PK_OK && pr.route == PAPER_TO_FILE)
            s->print_err = PK_EPRINTER;
    } else {
        s->print_err = batch_sheet_output(a->pr, a->cfg, false, s->no, ui->sess.id, now, "",
                                          s->items, s->n, s->path, sizeof s->path, s->print_msg,
                                          sizeof s->print_msg);
        char said[PK_TEXT_MAX];   /* the printer's msgid, shown translated */
        str_copy(said, sizeof said, s->print_msg[0] ? _(s->print_msg) : "");
        str_copy(s->print_msg, sizeof s->print_msg, said);
        /* each result's envelope label, as the single "out for delivery"
         * step prints it: the round sheet names the envelopes, the label
         * goes on each */
        for (int i = 0; i < s->n && s->print_err == PK_OK; i++) {
            paper_request rq = {.kind = PAPER_LABEL, .key = refs[i], .actor = ui->sess.id,
                                .now = now};
            paper_result pr;
            memset(&pr, 0, sizeof pr);
            pk_err le = paper_issue(a->db, a->pr, a->cfg, &rq, &pr);
            if (le == PK_OK && pr.route == PAPER_TO_FILE)
                le = PK_EPRINTER;
            if (le != PK_OK) {
                s->print_err = le;
                const char *route = le == PK_EPRINTER ? paper_route_msg(&pr) : pk_err_msg(le);
                snprintf(s->print_msg, sizeof s->print_msg, "%s: %s", refs[i], _(route));
            }
        }
        labels = s->print_err == PK_OK;
    }
    s->err = NULL;
    if (s->print_err == PK_OK && labels) {
        clerk_flashf(a, false, ngettext("Batch %s recorded: %d dossier, its envelope label printed. %s",
                                        "Batch %s recorded: %d dossiers, their envelope labels printed. %s",
                                        (unsigned long)s->n),
                     s->no, s->n, s->print_msg[0] ? s->print_msg : _("Printed."));
        return SR_(SR_POP);
    }
    if (s->print_err == PK_OK) {
        /* all done: back to the menu, which says so (one key less a batch) */
        clerk_flashf(a, false, ngettext("Batch %s recorded: %d dossier. %s",
                                        "Batch %s recorded: %d dossiers. %s", (unsigned long)s->n),
                     s->no, s->n, s->print_msg[0] ? s->print_msg : _("Printed."));
        return SR_(SR_POP);
    }
    s->step = BS_DONE;   /* the paper did not print: said until Enter */
    return SR_(SR_REDRAW);
}

static screen_result batch_handle(void *state, app *a, const event *ev)
{
    batch_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    frame f = w_frame_now();
    if (ev->act == ACT_TICK)
        return SR_(SR_NONE);
    if (ev->act == ACT_BACK) {
        if (s->step == BS_SCAN && s->n > 0 && !s->leaving) {
            /* scanned work is not dropped by one stray Esc */
            s->leaving = true;
            s->err = N_("Press Esc again to leave without recording this batch.");
            s->errref[0] = '\0';
            return SR_(SR_REDRAW);
        }
        return SR_(SR_POP);
    }
    s->leaving = false;
    switch (s->step) {
    case BS_CHOOSE:
        if (ev->act == ACT_SCAN)
            return clerk_scan(a, ev->text);
        if (ev->act != ACT_CHOOSE)
            return SR_(SR_NONE);
        if (ev->value == 1)
            return SR_TO(SR_REPLACE, &screen_clerk_handover, NULL);
        if (ev->value == 2 || ev->value == 3) {
            s->kind = ev->value == 2 ? BATCH_RECEIVE : BATCH_DELIVERY;
            s->step = BS_SCAN;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    case BS_DONE:
        return ev->act == ACT_NEXT ? SR_(SR_POP) : SR_(SR_NONE);
    case BS_SCAN:
        break;
    }
    switch (ev->act) {
    case ACT_SCAN:
        add(s, a, ev->text);
        return SR_(SR_REDRAW);
    case ACT_NEXT:
        if (!s->typed.buf[0])
            return record(s, a);   /* nothing typed: the batch is complete */
        add(s, a, s->typed.buf);
        tf_wipe(&s->typed);
        return SR_(SR_REDRAW);
    case ACT_DELETE:
        if (s->list.sel >= 0 && s->list.sel < s->n) {
            memmove(&s->items[s->list.sel], &s->items[s->list.sel + 1],
                    (size_t)(s->n - s->list.sel - 1) * sizeof s->items[0]);
            s->n--;
            int sel = s->list.sel;
            wlist_set(&s->list, s->n);
            s->list.sel = sel < s->n ? sel : s->n - 1;
            s->err = NULL;
        }
        return SR_(SR_REDRAW);
    default:
        break;
    }
    if (wlist_handle(&s->list, ev, visible(&f)))
        return SR_(SR_REDRAW);
    if (tf_handle(&s->typed, ev, IME_OFF)) {
        s->err = NULL;
        return SR_(SR_REDRAW);
    }
    return SR_(SR_NONE);
}

const screen_ops screen_clerk_batch = {
    .name = "clerk_batch",
    .state_size = sizeof(batch_state),
    .help = N_("Scan the receipt or the envelope label of each dossier (or type its number and "
               "press Enter). A dossier that cannot join says why. Enter with nothing typed records "
               "the whole batch in one record and prints its sheet."),
    .enter = batch_enter,
    .leave = batch_leave,
    .draw = batch_draw,
    .handle = batch_handle,
};
