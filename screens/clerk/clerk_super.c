/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Supervisor work in the workstation (issue 13 item 7): the clerk accounts
 * (unlock and re-enable, reset a PIN), the audit log page by page, the
 * reports, and the approval of a retention purge. Only a supervisor's
 * session opens these screens (the menu hides them from clerks, and each
 * screen checks the role again); every change is audited by the store with
 * the supervisor as actor. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "dates.h"
#include "i18n.h"
#include "report.h"
#include "store_audit.h"
#include "text.h"
#include "util.h"

enum { CLERKS_MAX = 100, AUDIT_PAGE = 200, AUDIT_DEPTH = 64 };

static bool is_supervisor(const app *a)
{
    const clerk_ui *ui = clerk_of(a);
    return ui->sess.active && ui->sess.role == ROLE_SUPERVISOR;
}

/* Drawn instead of the screen when a clerk somehow got here. */
static bool refuse_draw(const app *a, frame *f, int y)
{
    if (is_supervisor(a))
        return false;
    w_banner_wrapped(f, y, CLERK_FLASH_LINES, _("Only a supervisor may do this."), ROLE_ERROR);
    w_hint(f, ACT_BACK, NULL);
    return true;
}

/* ---- the clerk accounts ------------------------------------------------- */

typedef struct {
    clerk_account c[CLERKS_MAX];
    int n;
    wlist list;
    bool pin_open;                 /* typing a new PIN for the chosen clerk */
    tfield pin;
    const char *pin_err;           /* msgid */
} super_state;

static void super_load(super_state *s, app *a)
{
    int sel = s->list.sel;
    if (store_clerk_list(a->db, s->c, CLERKS_MAX, &s->n) != PK_OK)
        s->n = 0;
    for (int i = 0; i < s->n; i++)
        mem_wipe(s->c[i].pin_hash, sizeof s->c[i].pin_hash);   /* never kept on screen */
    wlist_set(&s->list, s->n);
    if (sel >= 0 && sel < s->n)
        s->list.sel = sel;
}

static void super_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    super_state *s = state;
    tf_init(&s->pin, TF_SECRET, 12);
    if (is_supervisor(a))
        super_load(s, a);
}

static void super_leave(void *state, app *a)
{
    (void)a;
    super_state *s = state;
    tf_wipe(&s->pin);
}

static void super_resume(void *state, app *a)
{
    if (is_supervisor(a))
        super_load(state, a);
}

static int super_rows(const frame *f)
{
    return f->height - 14 > 1 ? f->height - 14 : 1;
}

static void super_draw(const void *state, const app *a, frame *f)
{
    const super_state *s = state;
    int y = clerk_header(a, f, _("Supervisor tasks"));
    if (refuse_draw(a, f, y))
        return;
    int flash = clerk_flash_draw(a, f, y - 1);   /* more rows when it wraps */
    if (flash > 1)
        y += flash - 1;
    int x = f->left + 1, w = f->width - 2;
    term_put(y++, x, w, _("Clerk accounts:"), ROLE_TITLE);
    int64_t now = app_now(a);
    for (int i = s->list.top; i < s->n && i < s->list.top + super_rows(f); i++, y++) {
        const clerk_account *c = &s->c[i];
        int64_t left = 0;
        char state_text[96], buf[400];
        if (c->disabled)
            snprintf(state_text, sizeof state_text, "%s", _("disabled"));
        else if (auth_locked(&c->lock, now, &left))
            snprintf(state_text, sizeof state_text, _("locked, %lld min left"),
                     (long long)((left + 59) / 60));
        else
            snprintf(state_text, sizeof state_text, "%s", _("active"));
        const char *cols[] = {c->id, c->name, _(auth_role_label(c->role)), state_text};
        static const int widths[] = {12, 24, 15, 0};
        buf[0] = '\0';
        for (int k = 0; k < 4; k++) {   /* padded by columns: Vietnamese letters are wider in bytes */
            size_t len = strlen(buf);
            int pad = widths[k] - text_width(cols[k]);
            snprintf(buf + len, sizeof buf - len, "%s%*s", cols[k], widths[k] && pad > 0 ? pad + 1 : 1,
                     "");
        }
        wlist_row(f, &s->list, i, y, x, w, buf, NULL, true);
    }
    y++;
    static const char *const acts[] = {N_("Unlock or re-enable the chosen clerk"),
                                       N_("Reset the chosen clerk's PIN"), N_("Audit log"),
                                       N_("Reports"), N_("Approve a retention purge")};
    for (int i = 0; i < 5 && y < f->top + f->height - 1; i++, y++)
        w_choice(f, y, x, w < 60 ? w : 60, i + 1, _(acts[i]), false);
    if (s->pin_open && s->list.sel >= 0 && s->list.sel < s->n) {
        char label[160];
        snprintf(label, sizeof label, _("New PIN for %s (6-12 digits), then Enter:"),
                 s->c[s->list.sel].id);
        int fy = f->top + f->height - 5;
        term_fill(fy, f->left, 4, f->width, ROLE_NORMAL);
        tf_draw_labeled(f, &s->pin, fy, x + 1, w - 2 < 60 ? w - 2 : 60, label,
                        s->pin_err ? _(s->pin_err) : NULL, s->pin_err != NULL, true, 0);
        w_hint(f, ACT_NEXT, N_("Save the PIN"));
        w_hint(f, ACT_BACK, N_("Cancel"));
        return;
    }
    w_hint(f, ACT_CHOOSE, NULL);
    w_hint(f, ACT_BACK, NULL);
}

static screen_result save_pin(super_state *s, app *a)
{
    clerk_ui *ui = clerk_of(a);
    const clerk_account *c = &s->c[s->list.sel];
    pin_check pc = auth_pin_check(s->pin.buf);
    if (pc != PIN_OK) {
        s->pin_err = auth_pin_msg(pc);
        return SR_(SR_REDRAW);
    }
    char hash[AUTH_HASH_MAX];
    pk_err e = ui->auth_ok ? auth_pin_hash_for(&ui->auth, c->id, s->pin.buf, hash) : PK_EPERM;
    if (e == PK_OK)
        e = store_clerk_set_pin(a->db, c->id, hash, ui->sess.id, app_now(a));
    mem_wipe(hash, sizeof hash);
    tf_set(&s->pin, "");
    s->pin_open = false;
    s->pin_err = NULL;
    if (e == PK_OK)
        clerk_flashf(a, false, _("The PIN of %s was reset. Give it to them in person."), c->id);
    else
        clerk_flash(a, true, pk_err_msg(e));
    super_load(s, a);
    return SR_(SR_REDRAW);
}

static screen_result super_handle(void *state, app *a, const event *ev)
{
    super_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    if (ev->act == ACT_BACK && !s->pin_open) {
        clerk_of(a)->flash[0] = '\0';
        return SR_(SR_POP);
    }
    if (!is_supervisor(a))
        return SR_(SR_NONE);
    if (s->pin_open) {
        if (ev->act == ACT_BACK) {
            tf_set(&s->pin, "");
            s->pin_open = false;
            s->pin_err = NULL;
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_NEXT)
            return save_pin(s, a);
        if (tf_handle(&s->pin, ev, IME_OFF)) {
            s->pin_err = NULL;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    }
    bool chosen = s->list.sel >= 0 && s->list.sel < s->n;
    switch (ev->act) {
    case ACT_TICK:
        return SR_(SR_NONE);
    case ACT_CHOOSE:
        clerk_of(a)->flash[0] = '\0';
        switch (ev->value) {
        case 1: {
            if (!chosen)
                return SR_(SR_NONE);
            const char *id = s->c[s->list.sel].id;
            pk_err e = store_clerk_enable(a->db, id, clerk_of(a)->sess.id, app_now(a));
            if (e == PK_OK)
                clerk_flashf(a, false, _("%s can sign in again."), id);
            else
                clerk_flash(a, true, pk_err_msg(e));
            super_load(s, a);
            return SR_(SR_REDRAW);
        }
        case 2:
            if (!chosen)
                return SR_(SR_NONE);
            s->pin_open = true;
            return SR_(SR_REDRAW);
        case 3: return SR_TO(SR_PUSH, &screen_clerk_audit, NULL);
        case 4: return SR_TO(SR_PUSH, &screen_clerk_reports, NULL);
        case 5: return SR_TO(SR_PUSH, &screen_clerk_purge, NULL);
        default: return SR_(SR_NONE);
        }
    default: {
        frame f = w_frame_now();
        return wlist_handle(&s->list, ev, super_rows(&f)) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    }
    }
}

const screen_ops screen_clerk_super = {
    .name = "clerk_super",
    .state_size = sizeof(super_state),
    .help = N_("Supervisors only. Up and down choose a clerk; 1 lifts a lock or re-enables a "
               "disabled account; 2 sets a new PIN for them (give it in person); 3 shows the "
               "audit log; 4 the reports; 5 approves the purge of personal data past the legal "
               "retention. Every change is written to the audit log with your ID."),
    .enter = super_enter,
    .leave = super_leave,
    .resume = super_resume,
    .draw = super_draw,
    .handle = super_handle,
};

/* ---- the audit log, page by page ------------------------------------------- */

typedef struct {
    audit_row rows[AUDIT_PAGE];
    int n, top;                    /* rows read; first row shown */
    int64_t starts[AUDIT_DEPTH];   /* the `before` of each page read so far */
    int page;
} audit_state;

static void audit_load(audit_state *s, app *a)
{
    if (store_audit_list(a->db, s->starts[s->page], s->rows, AUDIT_PAGE, &s->n) != PK_OK)
        s->n = 0;
    s->top = 0;
}

static void audit_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    audit_state *s = state;
    if (is_supervisor(a))
        audit_load(s, a);
}

/* Lines for the entries: below the header and the page line, one blank
 * line above the hints. */
static int audit_rows(const frame *f)
{
    return f->height - 4 > 1 ? f->height - 4 : 1;
}

/* One entry: sequence, time, actor and action in columns, then the object
 * and the detail wrapped beside them (a digest is long): nothing cut. */
enum { AUDIT_PREFIX = 48, AUDIT_LINES = 8 };

static void audit_tail(const audit_row *r, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s %s", r->object, r->detail);
}

static int audit_tail_w(int w)
{
    return w - AUDIT_PREFIX > 16 ? w - AUDIT_PREFIX : 16;
}

static int audit_height(const audit_row *r, int w)
{
    char tail[sizeof r->object + sizeof r->detail + 2];
    audit_tail(r, tail, sizeof tail);
    int h = w_text_lines(tail, audit_tail_w(w), AUDIT_LINES);
    return h > 0 ? h : 1;
}

/* The first entry of the last full screen: paging down stops there. */
static int audit_last_top(const audit_state *s, int w, int rows)
{
    int used = 0, top = s->n;
    while (top > 0 && used + audit_height(&s->rows[top - 1], w) <= rows)
        used += audit_height(&s->rows[--top], w);
    return top < s->n ? top : (s->n > 0 ? s->n - 1 : 0);
}

/* Entries from `from` that fit whole in `rows` lines (at least one). */
static int audit_fit(const audit_state *s, int from, int w, int rows)
{
    int used = 0, n = 0;
    for (int i = from; i < s->n; i++) {
        int h = audit_height(&s->rows[i], w);
        if (used + h > rows && n > 0)
            break;
        used += h;
        n++;
    }
    return n > 0 ? n : 1;
}

static void audit_draw(const void *state, const app *a, frame *f)
{
    const audit_state *s = state;
    int y = clerk_header(a, f, _("Audit log"));
    if (refuse_draw(a, f, y))
        return;
    int x = f->left + 1, w = f->width - 2;
    char buf[512], t[40];
    snprintf(buf, sizeof buf, _("Newest first. Page %d."), s->page + 1);
    term_put(y++, x, w, buf, ROLE_DIM);
    if (s->n == 0)
        term_put(y, x, w, _("No more entries."), ROLE_DIM);
    int shown = audit_fit(s, s->top, w, audit_rows(f));
    for (int i = s->top; i < s->top + shown && i < s->n; i++) {
        const audit_row *r = &s->rows[i];
        char tail[sizeof r->object + sizeof r->detail + 2];
        clerk_time(r->at, t, sizeof t);
        snprintf(buf, sizeof buf, "%6lld %s %-8s %-14s", (long long)r->seq, t, r->actor,
                 r->action);
        term_put(y, x, AUDIT_PREFIX, buf, ROLE_NORMAL);
        audit_tail(r, tail, sizeof tail);
        int h = w_text(f, y, x + w - audit_tail_w(w), audit_tail_w(w), AUDIT_LINES, tail,
                       ROLE_NORMAL);
        y += h > 0 ? h : 1;
    }
    w_hint(f, ACT_PGDN, N_("Older"));
    w_hint(f, ACT_PGUP, N_("Newer"));
    w_hint(f, ACT_BACK, NULL);
}

static screen_result audit_handle(void *state, app *a, const event *ev)
{
    audit_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    if (ev->act == ACT_BACK)
        return SR_(SR_POP);
    if (!is_supervisor(a))
        return SR_(SR_NONE);
    frame f = w_frame_now();
    /* the entries on screen now: a page moves by as many as were seen */
    int vis = audit_fit(s, s->top, f.width - 2, audit_rows(&f));
    switch (ev->act) {
    case ACT_DOWN:
        if (s->top + vis < s->n)
            s->top++;
        return SR_(SR_REDRAW);
    case ACT_UP:
        if (s->top > 0)
            s->top--;
        return SR_(SR_REDRAW);
    case ACT_PGDN:
        if (s->top + vis < s->n) {
            int last = audit_last_top(s, f.width - 2, audit_rows(&f));
            s->top = s->top + vis < last ? s->top + vis : last;
        } else if (s->n == AUDIT_PAGE && s->page + 1 < AUDIT_DEPTH) {
            s->starts[s->page + 1] = s->rows[s->n - 1].seq;   /* older than the last shown */
            s->page++;
            audit_load(s, a);
        }
        return SR_(SR_REDRAW);
    case ACT_PGUP:
        if (s->top > 0) {
            s->top = s->top > vis ? s->top - vis : 0;
        } else if (s->page > 0) {
            s->page--;
            audit_load(s, a);
        }
        return SR_(SR_REDRAW);
    default:
        return SR_(SR_NONE);
    }
}

const screen_ops screen_clerk_audit = {
    .name = "clerk_audit",
    .state_size = sizeof(audit_state),
    .help = N_("Every sign-in, lookup, step, print and change, newest first: number, time, who, "
               "what, on which dossier or account. PgDn shows older entries, PgUp newer ones. "
               "Personal data is never written here."),
    .enter = audit_enter,
    .draw = audit_draw,
    .handle = audit_handle,
};

/* ---- approving a retention purge ------------------------------------------- */

typedef struct {
    char before[PK_DATE_MAX];      /* closed before this day: past the legal retention */
    int years;
    int64_t count;
    bool done;
    int64_t erased;
    pk_err err;
} purge_state;

static void purge_load(purge_state *s, app *a)
{
    s->years = a->cfg && a->cfg->purge_min_years > 0 ? a->cfg->purge_min_years : 5;
    char age[16];
    int days = 0;
    snprintf(age, sizeof age, "%dy", s->years);
    if (!report_parse_age(age, &days))
        days = 1827;
    date_format(date_local_day(app_now(a)) - days, s->before);
    s->err = store_purge(a->db, s->before, true, clerk_of(a)->sess.id, app_now(a), &s->count);
}

static void purge_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    if (is_supervisor(a))
        purge_load(state, a);
}

static void purge_draw(const void *state, const app *a, frame *f)
{
    const purge_state *s = state;
    int y = clerk_header(a, f, _("Approve a retention purge"));
    if (refuse_draw(a, f, y))
        return;
    int x = f->left + 2, w = f->width - 4;
    char buf[512], day[32];
    clerk_date(s->before, day, sizeof day);
    snprintf(buf, sizeof buf,
             _("Records are kept %d years (TT 17/2017 Art. 14.3). Dossiers closed before %s may "
               "lose their personal data; the anonymous facts stay for the reports."),
             s->years, day);
    y += w_text(f, y, x, w, 4, buf, ROLE_NORMAL) + 1;
    if (s->err != PK_OK) {
        w_banner_wrapped(f, y, CLERK_FLASH_LINES, _(pk_err_msg(s->err)), ROLE_ERROR);
        w_hint(f, ACT_BACK, NULL);
        return;
    }
    if (s->done) {
        snprintf(buf, sizeof buf,
                 ngettext("Done: the personal data of %lld dossier was erased.",
                          "Done: the personal data of %lld dossiers was erased.",
                          (unsigned long)s->erased),
                 (long long)s->erased);
        term_put(y, x, w, buf, ROLE_OK);
        w_hint(f, ACT_BACK, NULL);
        return;
    }
    snprintf(buf, sizeof buf, _("Dossiers to purge: %lld"), (long long)s->count);
    term_put(y, x, w, buf, ROLE_TITLE);
    y += 2;
    if (s->count > 0)
        w_choice(f, y, x, w < 60 ? w : 60, 1, _("Approve: erase their personal data now"), false);
    w_hint(f, ACT_CHOOSE, NULL);
    w_hint(f, ACT_BACK, NULL);
}

static screen_result purge_handle(void *state, app *a, const event *ev)
{
    purge_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    if (ev->act == ACT_BACK)
        return SR_(SR_POP);
    if (!is_supervisor(a) || s->done || s->err != PK_OK || s->count <= 0)
        return SR_(SR_NONE);
    if (ev->act != ACT_CHOOSE || ev->value != 1)
        return SR_(SR_NONE);
    s->err = store_purge(a->db, s->before, false, clerk_of(a)->sess.id, app_now(a), &s->erased);
    s->done = s->err == PK_OK;
    return SR_(SR_REDRAW);
}

const screen_ops screen_clerk_purge = {
    .name = "clerk_purge",
    .state_size = sizeof(purge_state),
    .help = N_("The legal retention period and how many closed dossiers are past it. Press 1 "
               "to approve: their names, ID numbers, phones and addresses are erased for good; "
               "the counts in the reports stay. The purge is written to the audit log with "
               "your ID."),
    .enter = purge_enter,
    .draw = purge_draw,
    .handle = purge_handle,
};
