/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The queue's filters: status, registration dates, procedure, agency and
 * commune. Up/Down choose a line, Left/Right change a choice, dates are
 * typed (DD/MM/YYYY), Delete clears a line, Enter applies, Esc keeps the
 * filters as they were. */
#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "dates.h"
#include "i18n.h"
#include "util.h"

enum { F_STATUS, F_FROM, F_TO, F_PROC, F_AGENCY, F_UNIT, F__COUNT };
enum { PROCS_MAX = 200, AGENCIES_MAX = 64, UNITS_MAX = 200 };

typedef struct {
    int focus;
    int status;
    tfield from, to;
    const char *err;                       /* msgid */
    proc_row procs[PROCS_MAX];
    int nprocs, proc;                      /* -1 = any */
    char agencies[AGENCIES_MAX][PK_TEXT_MAX];
    int nagencies, agency;
    admin_unit units[UNITS_MAX];
    int nunits, unit;
} filters_state;

static void date_to_field(tfield *t, const char *ymd)
{
    char d[32];
    if (ymd[0]) {
        clerk_date(ymd, d, sizeof d);
        tf_set(t, d);
    }
}

static void filters_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    filters_state *s = state;
    const clerk_ui *ui = clerk_of(a);
    s->status = ui->status_filter;
    tf_init(&s->from, TF_ASCII, 10);
    tf_init(&s->to, TF_ASCII, 10);
    date_to_field(&s->from, ui->from);
    date_to_field(&s->to, ui->to);
    if (store_procedure_search(a->db, "", s->procs, PROCS_MAX, &s->nprocs) != PK_OK)
        s->nprocs = 0;
    if (store_agencies(a->db, s->agencies, AGENCIES_MAX, &s->nagencies) != PK_OK)
        s->nagencies = 0;
    char provinces[8][64];
    int np = 0;
    s->nunits = 0;
    if (store_provinces(a->db, provinces, 8, &np) == PK_OK)
        for (int i = 0; i < np && s->nunits < UNITS_MAX; i++) {
            int n = 0;
            if (store_unit_search(a->db, provinces[i], "", s->units + s->nunits,
                                  UNITS_MAX - s->nunits, &n) == PK_OK)
                s->nunits += n;
        }
    s->proc = s->agency = s->unit = -1;
    for (int i = 0; i < s->nprocs; i++)
        if (strcmp(s->procs[i].code, ui->proc_code) == 0)
            s->proc = i;
    for (int i = 0; i < s->nagencies; i++)
        if (strcmp(s->agencies[i], ui->agency) == 0)
            s->agency = i;
    for (int i = 0; i < s->nunits; i++)
        if (s->units[i].id == ui->unit_id)
            s->unit = i;
}

static const char *choice_text(const filters_state *s, int line, char *buf, size_t bufsz)
{
    switch (line) {
    case F_STATUS: return _(clerk_filter_label(s->status));
    case F_PROC:
        if (s->proc < 0)
            return _("Any");
        snprintf(buf, bufsz, "%s %s", s->procs[s->proc].code, s->procs[s->proc].name_vi);
        return buf;
    case F_AGENCY: return s->agency < 0 ? _("Any") : s->agencies[s->agency];
    case F_UNIT:
        if (s->unit < 0)
            return _("Any");
        snprintf(buf, bufsz, "%s %s", s->units[s->unit].type, s->units[s->unit].name);
        return buf;
    }
    return "";
}

static void filters_draw(const void *state, const app *a, frame *f)
{
    const filters_state *s = state;
    int y = clerk_header(a, f, _("Queue filters"));
    static const char *const labels[F__COUNT] = {
        N_("Status"), N_("Registered from (DD/MM/YYYY)"), N_("Registered until (DD/MM/YYYY)"),
        N_("Procedure"), N_("Agency"), N_("Commune or ward"),
    };
    int x = f->left + 2, lw = 32, w = f->width - 4;
    if (s->err) {
        int n = w_banner_wrapped(f, y - 1, CLERK_FLASH_LINES, _(s->err), ROLE_ERROR);
        if (n > 1)
            y += n - 1;
    }
    for (int i = 0; i < F__COUNT && y < f->top + f->height; i++, y += 2) {
        term_put(y, x, lw, _(labels[i]), i == s->focus ? ROLE_TITLE : ROLE_NORMAL);
        w_region(f, y, x, 1, w, ACT_PICK, i);
        if (i == F_FROM || i == F_TO) {
            /* ten characters, the cursor after them and the two edges: all
             * that was typed stays in view */
            tf_draw(f, i == F_FROM ? &s->from : &s->to, y, x + lw, 14, i == s->focus);
        } else {
            char buf[PK_TEXT_MAX + 64], line[PK_TEXT_MAX + 80];
            snprintf(line, sizeof line, "\xe2\x97\x82 %s \xe2\x96\xb8", choice_text(s, i, buf, sizeof buf));
            term_put(y, x + lw, w - lw, line, i == s->focus ? ROLE_SELECTED : ROLE_NORMAL);
        }
    }
    w_hint(f, ACT_NEXT, N_("Apply"));
    w_hint(f, ACT_RIGHT, N_("Change"));
    w_hint(f, ACT_DELETE, N_("Any"));
    w_hint(f, ACT_BACK, N_("Cancel"));
}

/* DD/MM/YYYY (or YYYY-MM-DD, or empty) -> YYYY-MM-DD / "". */
static bool field_date(const tfield *t, char out[PK_DATE_MAX])
{
    out[0] = '\0';
    return !t->buf[0] || date_parse_typed(t->buf, out);
}

static screen_result apply(filters_state *s, app *a)
{
    clerk_ui *ui = clerk_of(a);
    char from[PK_DATE_MAX], to[PK_DATE_MAX];
    if (!field_date(&s->from, from) || !field_date(&s->to, to)) {
        s->err = N_("Please type a real date as DD/MM/YYYY.");
        s->focus = field_date(&s->from, from) ? F_TO : F_FROM;
        return SR_(SR_REDRAW);
    }
    if (from[0] && to[0] && strcmp(from, to) > 0) {
        s->err = N_("The first date is after the second.");
        s->focus = F_TO;
        return SR_(SR_REDRAW);
    }
    ui->status_filter = s->status;
    str_copy(ui->from, sizeof ui->from, from);
    str_copy(ui->to, sizeof ui->to, to);
    str_copy(ui->proc_code, sizeof ui->proc_code, s->proc < 0 ? "" : s->procs[s->proc].code);
    str_copy(ui->proc_name, sizeof ui->proc_name, s->proc < 0 ? "" : s->procs[s->proc].name_vi);
    str_copy(ui->agency, sizeof ui->agency, s->agency < 0 ? "" : s->agencies[s->agency]);
    ui->unit_id = s->unit < 0 ? 0 : s->units[s->unit].id;
    str_copy(ui->unit_name, sizeof ui->unit_name, s->unit < 0 ? "" : s->units[s->unit].name);
    clerk_queue_refresh(a);
    return SR_(SR_POP);
}

/* Left/Right through "any" and the list. */
static void step(int *v, int n, int dir)
{
    int i = (*v + 1 + dir) % (n + 1);
    *v = (i < 0 ? i + n + 1 : i) - 1;
}

static screen_result filters_handle(void *state, app *a, const event *ev)
{
    filters_state *s = state;
    screen_result out;
    if (clerk_guard(a, ev, &out))
        return out;
    int dir = ev->act == ACT_RIGHT ? 1 : ev->act == ACT_LEFT ? -1 : 0;
    switch (ev->act) {
    case ACT_TICK:
    case ACT_SCAN:
        return SR_(SR_NONE);
    case ACT_BACK:
        return SR_(SR_POP);
    case ACT_NEXT:
        return apply(s, a);
    case ACT_UP:
    case ACT_BACKTAB:
        s->focus = (s->focus + F__COUNT - 1) % F__COUNT;
        return SR_(SR_REDRAW);
    case ACT_DOWN:
    case ACT_TAB:
        s->focus = (s->focus + 1) % F__COUNT;
        return SR_(SR_REDRAW);
    case ACT_PICK:
        if (ev->value >= 0 && ev->value < F__COUNT)
            s->focus = ev->value;
        return SR_(SR_REDRAW);
    default:
        break;
    }
    s->err = NULL;
    if (s->focus == F_FROM || s->focus == F_TO) {
        tfield *t = s->focus == F_FROM ? &s->from : &s->to;
        if (ev->act == ACT_DELETE && t->cur == t->len) {
            tf_set(t, "");
            return SR_(SR_REDRAW);
        }
        return tf_handle(t, ev, IME_OFF) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    }
    if (ev->act == ACT_DELETE || ev->act == ACT_BACKSPACE) {
        if (s->focus == F_STATUS)
            s->status = -2;
        else
            *(s->focus == F_PROC ? &s->proc : s->focus == F_AGENCY ? &s->agency : &s->unit) = -1;
        return SR_(SR_REDRAW);
    }
    if (!dir)
        return SR_(SR_NONE);
    switch (s->focus) {
    case F_STATUS: s->status = clerk_filter_next(s->status, dir); break;
    case F_PROC: step(&s->proc, s->nprocs, dir); break;
    case F_AGENCY: step(&s->agency, s->nagencies, dir); break;
    case F_UNIT: step(&s->unit, s->nunits, dir); break;
    default: break;
    }
    return SR_(SR_REDRAW);
}

const screen_ops screen_clerk_filters = {
    .name = "clerk_filters",
    .state_size = sizeof(filters_state),
    .help = N_("Up and down choose a line; left and right change it; type dates as DD/MM/YYYY; "
               "Delete sets a line back to any. Enter applies the filters, Esc leaves them as "
               "they were."),
    .enter = filters_enter,
    .draw = filters_draw,
    .handle = filters_handle,
};
