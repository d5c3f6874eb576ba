/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Handover to an agency (biên bản giao nhận): choose the agency, tick the
 * dossiers that go (all by default), create the record. In one
 * transaction the dossiers become "handed to agency" and the record is
 * numbered; then it is written as a text file and printed. Scanning a
 * receipt or envelope label picks its agency and ticks it (the others
 * unticked until scanned); the dossier screen's "hand over" opens here
 * with that dossier: handing over exists in this one place and always
 * makes a record. The store makes one record per real receiving agency
 * (a commune-level agency: each commune's People's Committee), each with
 * its own number and paper; the last step says how many and prints each.
 * Tab opens the appointment date the agency's officer
 * writes on the record (one date for all; empty keeps each dossier's
 * expected date), Enter there creates the record. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "dates.h"
#include "handover.h"
#include "i18n.h"
#include "keys.h"
#include "text.h"
#include "util.h"

/* REC_MAX: the records one handover can make, one per real receiving
 * agency (Lạng Sơn has 65 communes and wards) */
enum { AG_MAX = 64, CAND_MAX = 200, REC_MAX = 72 };
typedef enum { HS_AGENCY, HS_PICK, HS_DONE } hstep;

typedef struct {
    hstep step;
    char agencies[AG_MAX][PK_TEXT_MAX];
    int counts[AG_MAX], nag;
    wlist list;
    char agency[PK_TEXT_MAX];
    handover_line cand[CAND_MAX];
    bool tick[CAND_MAX];
    int ncand;
    handover done[REC_MAX];        /* the records made, one per real receiving agency */
    int ndone;
    char path[600];                /* the first record's file */
    char print_msg[PK_TEXT_MAX];   /* where they went, or why the first that failed did not */
    pk_err print_err;              /* PK_OK when every record printed */
    const char *err;
    char errref[PK_REF_MAX];       /* the dossier err is about */
    tfield date;                   /* the agency's appointment, DD/MM/YYYY */
    bool in_date;                  /* typing goes to the date */
    char appointment[PK_DATE_MAX]; /* YYYY-MM-DD given with the record made */
} hand_state;

static void load_agencies(hand_state *s, app *a)
{
    s->err = NULL;
    if (store_handover_agencies(a->db, s->agencies, s->counts, AG_MAX, &s->nag) != PK_OK) {
        s->nag = 0;
        s->err = N_("The list could not be read. Please try again.");
    }
    wlist_set(&s->list, s->nag);
}

static void load_candidates(hand_state *s, app *a);
static void scanned(hand_state *s, app *a, const char *ref);

static void hand_enter(void *state, app *a, const void *arg)
{
    hand_state *s = state;
    tf_init(&s->date, TF_ASCII, 10);
    load_agencies(state, a);
    if (arg)   /* a dossier's "hand over": its agency, only it ticked */
        scanned(state, a, arg);
}

static int visible(const frame *f)
{
    return f->height - 6 > 1 ? f->height - 6 : 1;
}

static int ticked(const hand_state *s, int *docs, int *orig)
{
    int n = 0;
    *docs = *orig = 0;
    for (int i = 0; i < s->ncand; i++)
        if (s->tick[i]) {
            n++;
            *docs += s->cand[i].ndocs;
            *orig += s->cand[i].noriginals;
        }
    return n;
}

/* "3 dossiers", "5 documents", "1 original": each count with its own
 * plural, for the two summary lines below. */
typedef struct {
    char dossiers[48], docs[48], originals[48];
} counts;

static counts count_words(int dossiers, int docs, int originals)
{
    counts c;
    snprintf(c.dossiers, sizeof c.dossiers, ngettext("%d dossier", "%d dossiers", (unsigned long)dossiers),
             dossiers);
    snprintf(c.docs, sizeof c.docs, ngettext("%d document", "%d documents", (unsigned long)docs), docs);
    snprintf(c.originals, sizeof c.originals, ngettext("%d original", "%d originals", (unsigned long)originals),
             originals);
    return c;
}

/* The agency's appointment date given with the records, when one was. */
static int draw_appointment(const hand_state *s, int y, int x, int w)
{
    if (!s->appointment[0])
        return y;
    char day[32], buf[160];
    clerk_date(s->appointment, day, sizeof day);
    snprintf(buf, sizeof buf, "%s: %s", _("Appointment / return date"), day);
    term_put(y++, x, w, buf, ROLE_NORMAL);
    return y;
}

static void hand_draw(const void *state, const app *a, frame *f)
{
    const hand_state *s = state;
    int y = clerk_header(a, f, _("Handover to an agency"));
    int x = f->left + 1, w = f->width - 2, vis = visible(f);
    char buf[1024];
    if (s->err) {
        if (s->errref[0])
            snprintf(buf, sizeof buf, "%s: %s", s->errref, _(s->err));
        else
            snprintf(buf, sizeof buf, "%s", _(s->err));
        w_banner(f, y - 1, buf, ROLE_ERROR);
    }
    if (s->step == HS_AGENCY) {
        term_put(y++, x, w, _("Choose the agency that receives the dossiers, or scan one:"),
                 ROLE_NORMAL);
        if (s->nag == 0)
            term_put(y + 1, x, w, _("No dossier is waiting for a handover."), ROLE_DIM);
        for (int i = s->list.top; i < s->nag && i < s->list.top + vis; i++, y++) {
            snprintf(buf, sizeof buf, "%s (%d)", s->agencies[i], s->counts[i]);
            wlist_row(f, &s->list, i, y, x, w, buf, NULL, true);
        }
        w_hint(f, ACT_NEXT, N_("Choose"));
    } else if (s->step == HS_PICK) {
        int docs, orig, n = ticked(s, &docs, &orig);
        snprintf(buf, sizeof buf, "%s: %s", _("Agency"), s->agency);
        term_put(y++, x, w, buf, ROLE_TITLE);
        counts words = count_words(n, docs, orig);
        /* TRANSLATORS: "%d dossiers", "%d documents", "%d originals" */
        snprintf(buf, sizeof buf, _("%s ticked, %s, %s"), words.dossiers, words.docs, words.originals);
        term_put(y++, x, w, buf, ROLE_NORMAL);
        term_put(y++, x, w, _("Scan or Enter ticks; 1 creates the record; 2 ticks all or none."),
                 ROLE_DIM);
        /* one line: the key, the label, then the field */
        snprintf(buf, sizeof buf, "%s  %s:", keys_binding(ACT_TAB)->keyname,
                 _("Appointment / return date (DD/MM/YYYY, optional)"));
        int lw = text_width(buf) + 1 < w - 14 ? text_width(buf) + 1 : w - 14;
        term_put(y, x, lw, buf, s->in_date ? ROLE_TITLE : ROLE_NORMAL);
        tf_draw(f, &s->date, y++, x + lw, 14, s->in_date);
        for (int i = s->list.top; i < s->ncand && i < s->list.top + vis - 3; i++, y++) {
            const handover_line *c = &s->cand[i];
            char name[PK_TEXT_MAX];
            text_truncate(c->proc_name_vi, w - 40 > 10 ? w - 40 : 10, name, sizeof name);
            snprintf(buf, sizeof buf, "[%s] %s  %-8s %2d/%-2d  %s", s->tick[i] ? "x" : " ", c->ref,
                     c->seal_no, c->ndocs, c->noriginals, name);
            wlist_row(f, &s->list, i, y, x, w, buf, NULL, true);
        }
        if (s->in_date) {
            w_hint(f, ACT_NEXT, N_("Record"));
        } else {
            w_hint(f, ACT_CHOOSE, N_("1 Create the record"));
            w_hint(f, ACT_NEXT, N_("Tick / untick"));
        }
        w_hint(f, ACT_TAB, N_("Appointment / return date"));
    } else if (s->ndone == 1) {
        const handover *h = &s->done[0];
        snprintf(buf, sizeof buf, "%s %s", _("Handover record"), h->no);
        term_put(y++, x, w, buf, ROLE_TITLE);
        counts words = count_words(h->ndossiers, h->ndocs, h->noriginals);
        /* TRANSLATORS: "%d dossiers", "%d documents", "%d originals", the agency */
        snprintf(buf, sizeof buf, _("%s, %s, %s, handed to %s"), words.dossiers, words.docs,
                 words.originals, h->receiver);
        y += w_text(f, y, x, w, 3, buf, ROLE_NORMAL);
        y = draw_appointment(s, y, x, w);
        const char *shown = s->path;   /* relative to the data directory */
        size_t hl = a->cfg ? strlen(a->cfg->home) : 0;
        if (hl && strncmp(shown, a->cfg->home, hl) == 0 && shown[hl] == '/')
            shown += hl + 1;
        snprintf(buf, sizeof buf, "%s %s", _("Saved as"), shown);
        y += w_text(f, y, x, w, 3, buf, ROLE_DIM);
    } else {
        /* several records: one per receiving agency, each its own paper */
        snprintf(buf, sizeof buf,
                 ngettext("%d handover record, one per receiving agency:",
                          "%d handover records, one per receiving agency:", (unsigned long)s->ndone),
                 s->ndone);
        term_put(y++, x, w, buf, ROLE_TITLE);
        /* two lines a record: its number and agency, then its counts; the
         * lines below stay on the screen */
        int room = (f->height - 11) / 2 > 1 ? (f->height - 11) / 2 : 1;
        for (int i = 0; i < s->ndone && i < room; i++) {
            const handover *h = &s->done[i];
            if (i == room - 1 && s->ndone > room) {
                snprintf(buf, sizeof buf, ngettext("... and %d more record", "... and %d more records",
                                                   (unsigned long)(s->ndone - i)),
                         s->ndone - i);
                term_put(y++, x, w, buf, ROLE_NORMAL);
                break;
            }
            snprintf(buf, sizeof buf, "%s  %s", h->no, h->receiver);
            term_put(y++, x, w, buf, ROLE_NORMAL);
            counts words = count_words(h->ndossiers, h->ndocs, h->noriginals);
            snprintf(buf, sizeof buf, "%s, %s, %s", words.dossiers, words.docs, words.originals);
            term_put(y++, x + 2, w - 2, buf, ROLE_DIM);
        }
        y = draw_appointment(s, y, x, w);
        snprintf(buf, sizeof buf, _("Saved in %s, one file each."), "papers/");
        term_put(y++, x, w, buf, ROLE_DIM);
    }
    if (s->step == HS_DONE) {
        if (s->print_err == PK_OK) {
            term_put(y + 1, x, w,
                     s->ndone > 1 ? _("Each record printed on its own. Both sides sign each; keep one copy each.")
                                  : _("Printed. Both sides sign it; keep one copy each."),
                     ROLE_OK);
            if (s->print_msg[0])       /* which printer: A4, or the receipt printer instead */
                w_text(f, y + 2, x, w, 2, _(s->print_msg), ROLE_DIM);
        } else {
            snprintf(buf, sizeof buf, "%s %s", _("Not printed:"),
                     _(s->print_msg[0] ? s->print_msg : pk_err_msg(s->print_err)));
            w_text(f, y + 1, x, w, 3, buf, ROLE_ERROR);
            term_put(y + 4, x, w, _("Retry from the print jobs screen."), ROLE_NORMAL);
        }
        w_hint(f, ACT_NEXT, N_("Done"));
    }
    w_hint(f, ACT_BACK, NULL);
}

static screen_result create(hand_state *s, app *a)
{
    clerk_ui *ui = clerk_of(a);
    const char *refs[CAND_MAX];
    int n = 0;
    for (int i = 0; i < s->ncand; i++)
        if (s->tick[i])
            refs[n++] = s->cand[i].ref;
    if (n == 0) {
        s->err = N_("Tick at least one dossier.");
        return SR_(SR_REDRAW);
    }
    /* the date as the action form checks it; the store refuses a past one too */
    char date[PK_DATE_MAX] = "";
    int day;
    const char *bad = NULL;
    if (s->date.buf[0] && !date_parse_typed(s->date.buf, date))
        bad = N_("Please type a real date as DD/MM/YYYY.");
    else if (date[0] && date_parse(date, &day) && day < date_local_day(app_now(a)))
        bad = N_("This date is in the past. Please type the date the agency gave.");
    if (bad) {
        s->err = bad;
        s->errref[0] = '\0';
        s->in_date = true;
        term_beep();
        return SR_(SR_REDRAW);
    }
    const char *kiosk = a->cfg && a->cfg->kiosk_code[0] ? a->cfg->kiosk_code : "PK";
    pk_err e = store_handover_create(a->db, s->agency, refs, n, ui->sess.id, kiosk, date,
                                     app_now(a), s->done, REC_MAX, &s->ndone);
    if (e != PK_OK) {
        s->err = e == PK_ESTATE ? N_("A dossier changed meanwhile. The list was read again.")
                                : pk_err_msg(e);
        term_beep();
        return SR_(SR_REDRAW);
    }
    /* committed: each record saved and printed on its own */
    s->print_err = PK_OK;
    s->print_msg[0] = '\0';
    for (int i = 0; i < s->ndone; i++) {
        char path[600], msg[PK_TEXT_MAX];
        pk_err pe = handover_output(a->db, a->pr, a->cfg, s->done[i].no, path, sizeof path, msg,
                                    sizeof msg);
        if (i == 0)
            str_copy(s->path, sizeof s->path, path);
        if (s->print_err == PK_OK) {   /* the first failure is what the clerk reads */
            s->print_err = pe;
            str_copy(s->print_msg, sizeof s->print_msg, msg);
        }
    }
    s->step = HS_DONE;
    s->err = NULL;
    s->in_date = false;
    str_copy(s->appointment, sizeof s->appointment, date);
    tf_wipe(&s->date);
    return SR_(SR_REDRAW);
}

static void load_candidates(hand_state *s, app *a)
{
    if (store_handover_candidates(a->db, s->agency, s->cand, CAND_MAX, &s->ncand) != PK_OK)
        s->ncand = 0;
    for (int i = 0; i < s->ncand; i++)
        s->tick[i] = true;
    wlist_set(&s->list, s->ncand);
}

/* A dossier scanned (or handed over from its screen): its agency is
 * chosen on the first one, and it is ticked. */
static void scanned(hand_state *s, app *a, const char *ref)
{
    s->err = NULL;
    str_copy(s->errref, sizeof s->errref, ref);
    dossier_extra x;
    if (store_dossier_extra(a->db, ref, &x) != PK_OK) {
        s->err = N_("No dossier here has this number.");
        term_beep();
        return;
    }
    if (s->step == HS_PICK && strcmp(x.agency, s->agency) != 0) {
        s->err = N_("This dossier goes to another agency: one record per agency.");
        term_beep();
        return;
    }
    if (s->step != HS_PICK) {
        str_copy(s->agency, sizeof s->agency, x.agency);
        load_candidates(s, a);
        for (int i = 0; i < s->ncand; i++)
            s->tick[i] = false;   /* only what is scanned goes */
        s->step = HS_PICK;
    }
    for (int i = 0; i < s->ncand; i++)
        if (strcmp(s->cand[i].ref, ref) == 0) {
            s->tick[i] = true;
            s->list.sel = i;
            s->errref[0] = '\0';
            return;
        }
    s->err = N_("This dossier is not waiting for a handover.");
    term_beep();
}

static screen_result hand_handle(void *state, app *a, const event *ev)
{
    hand_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    frame f = w_frame_now();
    if (ev->act == ACT_TICK)
        return SR_(SR_NONE);
    if (ev->act == ACT_SCAN) {
        if (s->step == HS_DONE)
            return SR_(SR_NONE);
        char ref[PK_REF_MAX];
        pk_err e = clerk_resolve(a, ev->text, ref);
        if (e == PK_OK) {
            scanned(s, a, ref);
        } else {
            s->errref[0] = '\0';
            s->err = e == PK_EINVAL ? N_("No dossier here has this number.")
                                    : N_("WARNING: this receipt failed its security check. It may be "
                                         "forged. Keep it and call the supervisor.");
            term_beep();
        }
        return SR_(SR_REDRAW);
    }
    if (s->step == HS_PICK && s->in_date) {   /* typing the date */
        if (ev->act == ACT_BACK || ev->act == ACT_TAB || ev->act == ACT_BACKTAB) {
            s->in_date = false;
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_NEXT) {
            screen_result r = create(s, a);
            if (s->step == HS_PICK && !s->in_date)
                load_candidates(s, a);
            return r;
        }
        if (tf_handle(&s->date, ev, IME_OFF)) {
            s->err = NULL;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    }
    if (s->step == HS_PICK && (ev->act == ACT_TAB || ev->act == ACT_BACKTAB)) {
        s->in_date = true;
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_BACK) {
        if (s->step == HS_PICK) {
            s->step = HS_AGENCY;
            load_agencies(s, a);
            return SR_(SR_REDRAW);
        }
        return SR_(SR_POP);
    }
    if (s->step == HS_DONE)
        return ev->act == ACT_NEXT ? SR_(SR_POP) : SR_(SR_NONE);
    if (wlist_handle(&s->list, ev, visible(&f) - (s->step == HS_PICK ? 3 : 0)))
        return SR_(SR_REDRAW);
    if (s->step == HS_AGENCY) {
        if (ev->act != ACT_NEXT || s->list.sel < 0 || s->list.sel >= s->nag)
            return SR_(SR_NONE);
        str_copy(s->agency, sizeof s->agency, s->agencies[s->list.sel]);
        load_candidates(s, a);
        s->step = HS_PICK;
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_NEXT && s->list.sel >= 0 && s->list.sel < s->ncand) {
        s->tick[s->list.sel] = !s->tick[s->list.sel];
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_CHOOSE && ev->value == 1) {
        screen_result r = create(s, a);
        if (s->step == HS_PICK && !s->in_date)
            load_candidates(s, a);
        return r;
    }
    if (ev->act == ACT_CHOOSE && ev->value == 2) {
        int docs, orig;
        bool all = ticked(s, &docs, &orig) == s->ncand;
        for (int i = 0; i < s->ncand; i++)
            s->tick[i] = !all;
        return SR_(SR_REDRAW);
    }
    return SR_(SR_NONE);
}

const screen_ops screen_clerk_handover = {
    .name = "clerk_handover",
    .state_size = sizeof(hand_state),
    .help = N_("Choose the agency, untick any dossier that does not go, then press 1 to create "
               "the handover record. Tab: the appointment date the agency gives (optional). It is printed and saved; both sides sign it. Scanning a "
               "receipt or an envelope label chooses its agency and ticks it."),
    .enter = hand_enter,
    .draw = hand_draw,
    .handle = hand_handle,
};
