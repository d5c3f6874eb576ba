/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form for one life-cycle step: exactly the fields the table's flags
 * ask for (seal number and fee at the counter, a reason, the appointment
 * date, who received the result), checked here for a clear message and
 * again by the store, which makes the change in one transaction. Also
 * records a lost or damaged item. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "dates.h"
#include "dossier.h"
#include "i18n.h"
#include "money.h"
#include "paper.h"
#include "util.h"

enum { F_SEAL, F_FEE, F_POST, F_MISSING, F_NOTE, F_DATE, F_RECIPIENT, F_IDLAST, F__COUNT };

typedef struct {
    clerk_step step;
    unsigned flags;
    tfield f[F__COUNT];
    bool used[F__COUNT];
    int order[F__COUNT], nfields, focus;
    const char *err[F__COUNT];     /* msgid per field */
    const char *fail;              /* msgid from the store */
    bool confirming;               /* an incident: the clerk is asked once more */
    /* acceptance: the papers counted, one row each, after the fields
     * (focus == nfields); the documents ticked, 1 sheet each, by default */
    paper_check checks[PK_MAX_DOCS];
    int nchecks, csel;
    bool ctyped;                   /* a digit typed on this row: the next adds to it */
} action_state;

/* Places Tab and the arrows go: the fields, then the checklist. */
static int targets(const action_state *s)
{
    return s->nfields + (s->nchecks > 0);
}

static bool on_checks(const action_state *s)
{
    return s->nchecks > 0 && s->focus == s->nfields;
}

static void load_checks(action_state *s, app *a)
{
    dossier d;
    if (store_dossier_get(a->db, s->step.ref, &d) != PK_OK)
        return;
    for (int k = 0; k < d.ndocs && s->nchecks < PK_MAX_DOCS; k++)
        if (d.docs[k].handed) {
            paper_check *c = &s->checks[s->nchecks++];
            str_copy(c->name, sizeof c->name, d.docs[k].name_vi);
            c->kind = d.docs[k].kind;
            c->pages = 1;
            c->count = 1;
        }
    mem_wipe(&d, sizeof d);
}

/* An amount's label without its unit, for when the amount is shown in
 * money beside it ("Postage collected: 48,000 VND", not "(VND): … VND"). */
static const char *amount_label(int k)
{
    return k == F_FEE ? N_("Procedure fee collected") : N_("Postage collected");
}

static const char *field_label(const action_state *s, int k)
{
    switch (k) {
    case F_SEAL: return N_("Seal number on the envelope");
    case F_FEE: return N_("Procedure fee collected (VND)");
    case F_POST: return N_("Postage collected (VND)");
    case F_MISSING: return N_("Missing documents (if any)");
    case F_NOTE:
        if (s->step.to == ST_SUPPLEMENT)
            return N_("Documents the agency asks for");
        if (s->step.to >= CLERK_STEP_LOST)
            return N_("What happened");
        return N_("Reason");
    case F_DATE: return N_("Appointment / return date (DD/MM/YYYY, optional)");
    case F_RECIPIENT: return N_("Full name of the person who received it");
    case F_IDLAST: return N_("Last 4 digits of their ID number");
    }
    return "";
}

static void use(action_state *s, int k, tf_kind kind, size_t max)
{
    tf_init(&s->f[k], kind, max);
    s->used[k] = true;
    s->order[s->nfields++] = k;
}

static void action_enter(void *state, app *a, const void *arg)
{
    (void)a;
    action_state *s = state;
    s->step = *(const clerk_step *)arg;
    if (s->step.to >= CLERK_STEP_LOST) {
        use(s, F_NOTE, TF_TEXT, PK_TEXT_MAX / 2);
        return;
    }
    const dossier_transition *t = dossier_transition_find(s->step.from, (dossier_status)s->step.to);
    s->flags = t ? t->flags : 0;
    if (s->flags & TR_SEAL) {
        use(s, F_SEAL, TF_ASCII, 31);
        use(s, F_FEE, TF_AMOUNT, 9);
        use(s, F_POST, TF_AMOUNT, 9);
        char fee[32];
        snprintf(fee, sizeof fee, "%lld", (long long)s->step.fee_proc);
        tf_set(&s->f[F_FEE], fee);
        snprintf(fee, sizeof fee, "%lld", (long long)s->step.fee_post);
        tf_set(&s->f[F_POST], fee);
        use(s, F_MISSING, TF_TEXT, PK_TEXT_MAX / 2);
        if (s->step.to == ST_ACCEPTED)
            load_checks(s, a);
    }
    if ((s->flags & TR_NOTE) || s->step.to == ST_SUPPLEMENT)
        use(s, F_NOTE, TF_TEXT, PK_TEXT_MAX / 2);
    if (s->flags & TR_APPOINTMENT)
        use(s, F_DATE, TF_ASCII, 10);
    if (s->flags & TR_RECIPIENT) {
        use(s, F_RECIPIENT, TF_TEXT, PK_NAME_MAX / 2);
        /* the person the result is for, as registered: the clerk checks the
         * ID card and types over it only when someone else signs */
        tf_set(&s->f[F_RECIPIENT], s->step.recipient);
        use(s, F_IDLAST, TF_DIGITS, 4);
    }
}

static void action_leave(void *state, app *a)
{
    (void)a;
    action_state *s = state;
    for (int k = 0; k < F__COUNT; k++)
        tf_wipe(&s->f[k]);
}

static const char *title_of(const action_state *s)
{
    if (s->step.to == CLERK_STEP_LOST)
        return N_("Record the item as lost");
    if (s->step.to == CLERK_STEP_DAMAGED)
        return N_("Record the item as damaged");
    const dossier_transition *t = dossier_transition_find(s->step.from, (dossier_status)s->step.to);
    return t ? t->action : N_("Change the status");
}

/* ---- the checklist of papers counted ---------------------------------------
 * As many rows as the screen has room for, each paper's name wrapped whole;
 * a long list is shown a screenful at a time, the one holding the focused
 * row, with "more above / below" signs: every paper is reachable. Pure:
 * the screenful follows from the focused row and the room. */
enum { CHECK_PREFIX = 7, CHECK_LINES = 3, CHECK_PICK = 100 };

static void check_text(const paper_check *c, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s (%s)", c->name, _(c->kind == DOC_ORIGINAL ? "original" : "copy"));
}

static int check_height(const paper_check *c, int w)
{
    char text[PK_TEXT_MAX + 64];
    check_text(c, text, sizeof text);
    int h = w_text_lines(text, w - CHECK_PREFIX, CHECK_LINES);
    return h > 0 ? h : 1;
}

/* The rows [*first, *last) shown in `room` lines with the focus on sel. */
static void check_window(const action_state *s, int w, int room, int sel, int *first, int *last)
{
    int total = 0;
    for (int i = 0; i < s->nchecks; i++)
        total += check_height(&s->checks[i], w);
    *first = 0;
    *last = s->nchecks;
    if (total <= room)
        return;
    room -= 2;                     /* a line for each sign */
    /* screenfuls from the top: the one that holds sel */
    int start = 0;
    for (;;) {
        int used = 0, i = start;
        while (i < s->nchecks && (i == start || used + check_height(&s->checks[i], w) <= room))
            used += check_height(&s->checks[i++], w);
        if (sel < i || i >= s->nchecks) {
            *first = start;
            *last = i;
            return;
        }
        start = i;
    }
}

static int draw_checks(const action_state *s, frame *f, int y, int x, int w)
{
    int bottom = f->top + f->height;
    bool cf = on_checks(s);
    y += w_text(f, y, x, w, 2, _("Papers counted (Tab): sheets as digits, Space for original / copy"),
                cf ? ROLE_TITLE : ROLE_NORMAL);
    int first, last;
    check_window(s, w, bottom - y, cf ? s->csel : 0, &first, &last);
    char sign[128];
    if (first > 0 || last < s->nchecks) {
        /* TRANSLATORS: over a list of papers that continues above */
        snprintf(sign, sizeof sign, "\xe2\x96\xb2 %s", _("More papers above"));
        if (first > 0)
            term_put(y, x, w, sign, ROLE_WARN);
        y++;
    }
    for (int i = first; i < last; i++) {
        const paper_check *c = &s->checks[i];
        bool sel = cf && i == s->csel;
        char num[32], text[PK_TEXT_MAX + 64];
        snprintf(num, sizeof num, "%s %3d  ", sel ? "\xe2\x96\xb8" : " ", c->pages);
        check_text(c, text, sizeof text);
        term_role r = sel ? ROLE_SELECTED : ROLE_NORMAL;
        term_put(y, x, CHECK_PREFIX, num, r);
        int h = w_text(f, y, x + CHECK_PREFIX, w - CHECK_PREFIX, CHECK_LINES, text, r);
        h = h > 0 ? h : 1;
        w_region(f, y, x, h, w, ACT_PICK, CHECK_PICK + i);
        y += h;
    }
    if (last < s->nchecks) {
        /* TRANSLATORS: under a list of papers that continues below */
        snprintf(sign, sizeof sign, "\xe2\x96\xbc %s", _("More papers below"));
        term_put(y, x, w, sign, ROLE_WARN);
    }
    return y;
}

static void action_draw(const void *state, const app *a, frame *f)
{
    const action_state *s = state;
    int y = clerk_header(a, f, _(title_of(s)));
    int w = f->width - 4 < 70 ? f->width - 4 : 70, x = f->left + 2;
    char buf[256];
    if (s->step.to < CLERK_STEP_LOST)
        snprintf(buf, sizeof buf, "%s: %s -> %s", s->step.ref, _(clerk_status_short((int)s->step.from)),
                 _(clerk_status_short(s->step.to)));
    else
        snprintf(buf, sizeof buf, "%s", s->step.ref);
    term_put(y++, x, w, buf, ROLE_NORMAL);
    int fail = s->fail ? w_banner_wrapped(f, y, CLERK_FLASH_LINES, _(s->fail), ROLE_ERROR) : 0;
    y += (fail > 1 ? fail : 1) + 1;
    if (s->nfields == 0)
        y += w_text(f, y, x, w, 2, _("Press Enter to record this step."), ROLE_NORMAL) + 1;
    bool compact = on_checks(s);   /* counting papers: the fields one line each */
    for (int i = 0; i < s->nfields && y + 3 <= f->top + f->height; i++) {
        int k = s->order[i];
        const char *label = _(field_label(s, k));
        if (compact) {
            char line[TF_MAX + 200];
            if (s->f[k].kind == TF_AMOUNT && s->f[k].buf[0]) {
                char m[48];
                money_format(atoll(s->f[k].buf), NULL, m, sizeof m);
                snprintf(line, sizeof line, "%s: %s", _(amount_label(k)), m);
            } else {
                snprintf(line, sizeof line, "%s: %s", label, s->f[k].buf);
            }
            int h = w_text(f, y, x, w, 2, line, ROLE_DIM);
            w_region(f, y, x, h, w, ACT_PICK, i);
            y += h;
            if (i == s->nfields - 1)
                y++;
            continue;
        }
        char money[160];
        if (s->f[k].kind == TF_AMOUNT && s->f[k].buf[0]) {
            /* the amount as money beside its label: 200000 reads 200.000 đ */
            char m[48];
            money_format(atoll(s->f[k].buf), NULL, m, sizeof m);
            snprintf(money, sizeof money, "%s: %s", _(amount_label(k)), m);
            label = money;
        }
        y += tf_draw_labeled(f, &s->f[k], y, x, w, label,
                             s->err[k] ? _(s->err[k]) : NULL, s->err[k] != NULL, i == s->focus, i);
    }
    if (s->nchecks > 0 && y + 3 <= f->top + f->height)
        draw_checks(s, f, y, x, w);
    w_hint(f, ACT_NEXT, s->focus >= s->nfields - 1 ? N_("Record") : N_("Next"));
    w_hint(f, ACT_TAB, N_("Next field"));
    w_hint(f, ACT_BACK, N_("Cancel"));
    if (s->confirming) {
        /* a lost or damaged item opens a compensation case: asked once more */
        w_dlg_button b[2] = {{"1", _("Yes, record it"), ACT_CHOOSE, 1},
                             {"Esc", _("No, go back"), ACT_BACK, 0}};
        char body[512];
        snprintf(body, sizeof body,
                 s->step.to == CLERK_STEP_LOST
                     ? _("Record %s as LOST? It leaves every handover and opens a compensation "
                         "case (Decision 45/2016 Art. 14): the citizen is told and the case is "
                         "reported. This cannot be undone.")
                     : _("Record %s as DAMAGED? It leaves every handover and opens a compensation "
                         "case (Decision 45/2016 Art. 14): the citizen is told and the case is "
                         "reported. This cannot be undone."),
                 s->step.ref);
        w_dialog(f, _("Please confirm"), body, b, 2, ROLE_DIALOG);
    }
}

static int first_error(action_state *s, int64_t now)
{
    memset(s->err, 0, sizeof s->err);
    char tmp[PK_NAME_MAX];
    int day;
    for (int i = 0; i < s->nfields; i++) {
        int k = s->order[i];
        const char *v = s->f[k].buf;
        switch (k) {
        case F_SEAL:
            if (!v[0])
                s->err[k] = N_("Please type the seal number.");
            break;
        case F_FEE:
        case F_POST:
            if (!v[0] || strlen(v) > 9 || strspn(v, "0123456789") != strlen(v))
                s->err[k] = N_("Please type the amount in dong, digits only.");
            break;
        case F_NOTE:
            if (!v[0] && s->step.to < CLERK_STEP_LOST)
                s->err[k] = N_("Please write the reason.");
            else if (!v[0])
                s->err[k] = N_("Please describe what happened: where, when and what is missing "
                               "or damaged.");
            break;
        case F_DATE:
            if (v[0] && !date_parse_typed(v, tmp))
                s->err[k] = N_("Please type a real date as DD/MM/YYYY.");
            else if (v[0] && date_parse(tmp, &day) && day < date_local_day(now))
                s->err[k] = N_("This date is in the past. Please type the date the agency gave.");
            break;
        case F_RECIPIENT:
            if (dossier_check_name(v, tmp, sizeof tmp) != VAL_OK)
                s->err[k] = N_("Please type the full name as on their ID card.");
            break;
        case F_IDLAST:
            if (strlen(v) != 4)
                s->err[k] = N_("Please type exactly 4 digits.");
            break;
        default:
            break;
        }
        if (s->err[k])
            return i;
    }
    return -1;
}

static screen_result record(action_state *s, app *a)
{
    clerk_ui *ui = clerk_of(a);
    int bad = first_error(s, app_now(a));
    if (bad >= 0) {
        s->focus = bad;
        return SR_(SR_REDRAW);
    }
    if (s->step.to >= CLERK_STEP_LOST && !s->confirming) {
        s->confirming = true;
        return SR_(SR_REDRAW);
    }
    s->confirming = false;
    pk_err e;
    const char *note = s->used[F_NOTE] ? s->f[F_NOTE].buf : "";
    if (s->step.to >= CLERK_STEP_LOST) {
        e = store_dossier_incident(a->db, s->step.ref,
                                   s->step.to == CLERK_STEP_LOST ? "lost" : "damaged",
                                   ui->sess.id, note, app_now(a));
    } else {
        char date[PK_DATE_MAX] = "";
        if (s->used[F_DATE] && s->f[F_DATE].buf[0])
            date_parse_typed(s->f[F_DATE].buf, date);
        transition_data td = {
            .at = app_now(a),
            .seal_no = s->used[F_SEAL] ? s->f[F_SEAL].buf : NULL,
            .missing_docs = s->used[F_MISSING] ? s->f[F_MISSING].buf : NULL,
            .fee_collected = s->used[F_FEE] ? atoll(s->f[F_FEE].buf) : -1,
            .post_collected = s->used[F_POST] ? atoll(s->f[F_POST].buf) : 0,
            .appointment_date = date,
            .recipient_name = s->used[F_RECIPIENT] ? s->f[F_RECIPIENT].buf : NULL,
            .recipient_id_last = s->used[F_IDLAST] ? s->f[F_IDLAST].buf : NULL,
        };
        e = store_dossier_transition(a->db, s->step.ref, (dossier_status)s->step.to, ui->sess.id,
                                     note, &td);
    }
    if (e == PK_OK) {
        clerk_flash(a, false, N_("Recorded."));
        if (s->step.to < CLERK_STEP_LOST)
            clerk_papers_after_checked(a, s->step.ref, (dossier_status)s->step.to, s->checks,
                                       s->nchecks);
        clerk_dossier_refresh(a);
        return SR_(SR_POP);
    }
    if (e == PK_EEXISTS && s->used[F_SEAL]) {
        s->err[F_SEAL] = N_("This seal number was already used on another dossier. Check the "
                            "seal on the envelope.");
        for (int i = 0; i < s->nfields; i++)
            if (s->order[i] == F_SEAL)
                s->focus = i;
        term_beep();
        return SR_(SR_REDRAW);
    }
    s->fail = e == PK_ESTATE ? N_("This step is no longer possible: the dossier was changed "
                                  "meanwhile. Press Esc and look again.")
                             : pk_err_msg(e);
    term_beep();
    return SR_(SR_REDRAW);
}

static screen_result action_handle(void *state, app *a, const event *ev)
{
    action_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    if (s->confirming) {           /* 1 records, Esc goes back to the form */
        if (ev->act == ACT_CHOOSE && ev->value == 1)
            return record(s, a);
        if (ev->act == ACT_BACK) {
            s->confirming = false;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    }
    if (on_checks(s)) {            /* the checklist: rows, sheets, original / copy */
        paper_check *c = &s->checks[s->csel];
        if (ev->act == ACT_UP && s->csel > 0) {
            s->csel--;
            s->ctyped = false;
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_DOWN && s->csel < s->nchecks - 1) {
            s->csel++;
            s->ctyped = false;
            return SR_(SR_REDRAW);
        }
        if ((ev->act == ACT_CHOOSE || ev->act == ACT_CHAR) && ev->ch >= '0' && ev->ch <= '9') {
            int d = (int)(ev->ch - '0');
            c->pages = s->ctyped && c->pages < 100 ? c->pages * 10 + d : d;
            s->ctyped = true;
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_CHAR && ev->ch == ' ') {
            c->kind = c->kind == DOC_ORIGINAL ? DOC_COPY : DOC_ORIGINAL;
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_BACKSPACE) {
            c->pages /= 10;
            s->ctyped = true;
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_NEXT)
            return record(s, a);
        if (ev->act != ACT_TAB && ev->act != ACT_BACKTAB && ev->act != ACT_UP &&
            ev->act != ACT_DOWN && ev->act != ACT_BACK && ev->act != ACT_PICK)
            return SR_(SR_NONE);
    }
    switch (ev->act) {
    case ACT_TICK:
    case ACT_SCAN:
        return SR_(SR_NONE);
    case ACT_BACK:
        return SR_(SR_POP);
    case ACT_TAB:
    case ACT_DOWN:
        if (targets(s))
            s->focus = (s->focus + 1) % targets(s);
        return SR_(SR_REDRAW);
    case ACT_BACKTAB:
    case ACT_UP:
        if (targets(s))
            s->focus = (s->focus + targets(s) - 1) % targets(s);
        return SR_(SR_REDRAW);
    case ACT_PICK:
        if (ev->value >= 0 && ev->value < s->nfields)
            s->focus = ev->value;
        if (ev->value >= CHECK_PICK && ev->value < CHECK_PICK + s->nchecks) {
            s->focus = s->nfields;          /* a click on a paper's row */
            s->csel = ev->value - CHECK_PICK;
            s->ctyped = false;
        }
        return SR_(SR_REDRAW);
    case ACT_NEXT:
        if (s->focus < s->nfields - 1) {
            s->focus++;
            return SR_(SR_REDRAW);
        }
        return record(s, a);
    default:
        break;
    }
    if (s->nfields && tf_handle(&s->f[s->order[s->focus]], ev, a->ime)) {
        int kf = s->order[s->focus];
        /* a refused letter stays said while the clerk types the digits after it */
        if (s->f[kf].kind != TF_AMOUNT || ev->act == ACT_BACKSPACE || ev->act == ACT_DELETE)
            s->err[kf] = NULL;
        s->fail = NULL;
        return SR_(SR_REDRAW);
    }
    int k = s->nfields ? s->order[s->focus] : -1;
    if (k >= 0 && s->f[k].kind == TF_AMOUNT && (ev->act == ACT_CHAR || ev->act == ACT_CHOOSE)) {
        /* a letter in an amount (O for 0) is refused out loud */
        s->err[k] = N_("Please type the amount in dong, digits only.");
        term_beep();
        return SR_(SR_REDRAW);
    }
    return SR_(SR_NONE);
}

const screen_ops screen_clerk_action = {
    .name = "clerk_action",
    .state_size = sizeof(action_state),
    .help = N_("Fill in what this step needs and press Enter on the last field to record it. "
               "Esc cancels without changing anything."),
    .enter = action_enter,
    .leave = action_leave,
    .draw = action_draw,
    .handle = action_handle,
};
