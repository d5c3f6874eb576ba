/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Return address: province, then commune or ward with type-ahead from the
 * unit list, then house and street; and who will receive the result. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"
#include "util.h"

enum { PROV_MAX = 70, F_PROVINCE = 0, F_UNIT, F_STREET, F_WHO, F_RECIPIENT, NF,
       PICK_PROVINCE = -2, PICK_FIELD = 100, NEXT_BUTTON = 1, MATCH_ROWS = 5, KEYPAD_ROWS = 9, GROUPS = 8 };

typedef struct {
    int focus;
    bool tried;
    char provinces[PROV_MAX][64];
    int nprov;
    admin_unit matches[CZ_UNITS_MAX];
    int nmatch;
    wlist ml;
    pk_err err;
    /* by numbers (a keypad): with the commune field empty, the province's
     * units in up to 8 groups in alphabetical order (1-8), then a unit of
     * the group (1-8, 9 = more); -1 = choosing a group */
    int group;
    int page;
} addr_state;

/* Units per group (ceil(n / GROUPS)), and how many groups. */
static int group_size(int n)
{
    int g = (n + GROUPS - 1) / GROUPS;
    return g > 0 ? g : 1;
}

static int group_count(int n)
{
    return n > 0 ? (n + group_size(n) - 1) / group_size(n) : 0;
}

/* Units of group g: first index and count. */
static void group_span(const addr_state *s, int g, int *first, int *count)
{
    int size = group_size(s->nmatch);
    *first = g * size;
    *count = s->nmatch - *first < size ? s->nmatch - *first : size;
    if (*count < 0)
        *count = 0;
}

/* Within a group, rows on a page: all when they fit the nine digits, else
 * 8 and 9 = more. */
static int group_per_page(int count, bool *more)
{
    *more = count > 9;
    return *more ? 8 : count;
}

static bool by_numbers(const addr_state *s, const citizen *c)
{
    return s->focus == F_UNIT && c->unit_query.len == 0 && !c->have_unit && s->nmatch > 0;
}

static void search(addr_state *s, app *a)
{
    citizen *c = cz(a);
    int n = 0;
    s->err = store_unit_search(a->db, c->province, c->unit_query.buf, s->matches, CZ_UNITS_MAX, &n);
    s->nmatch = s->err == PK_OK ? n : 0;
    s->ml.sel = 0;
    s->ml.top = 0;
    wlist_set(&s->ml, s->nmatch);
    s->group = -1;
    s->page = 0;
}

static void addr_enter(void *state, app *a, const void *arg)
{
    (void)arg;
    addr_state *s = state;
    citizen *c = cz(a);
    if (store_provinces(a->db, s->provinces, PROV_MAX, &s->nprov) != PK_OK)
        s->nprov = 0;
    if (!c->province[0] && s->nprov > 0)
        str_copy(c->province, sizeof c->province, s->provinces[0]);
    s->focus = c->have_unit ? F_STREET : F_UNIT;
    search(s, a);
}

void citizen_unit_label(const admin_unit *u, char *out, size_t n)
{
    snprintf(out, n, "%s %s", u->type, u->name);
    /* "xã Cao Lộc" -> "Xã Cao Lộc" (the type is stored in lower case) */
    if ((unsigned char)out[0] < 0x80 && out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
    else if ((unsigned char)out[0] == 0xC3 && (unsigned char)out[1] >= 0xA0 &&
             (unsigned char)out[1] <= 0xBE)
        out[1] = (char)(out[1] - 0x20);   /* Latin-1 lower -> upper */
}

static val_result check_street(const citizen *c)
{
    char out[PK_STREET_MAX];
    val_result v = dossier_check_street(c->street.buf, out, sizeof out);
    mem_wipe(out, sizeof out);
    return v;
}

static val_result check_recipient(const citizen *c)
{
    if (!c->other_recipient)
        return VAL_OK;
    char out[PK_NAME_MAX];
    val_result v = dossier_check_name(c->recipient.buf, out, sizeof out);
    mem_wipe(out, sizeof out);
    return v;
}

/* The keypad's list: groups "1  Bắc Sơn – Cao Lộc", or a group's units.
 * Returns the rows used (KEYPAD_ROWS). */
static int draw_numbers(const addr_state *s, frame *f, int y, int x, int w)
{
    char buf[512], a1[200], a2[200];
    if (s->group < 0) {
        int ng = group_count(s->nmatch);
        for (int g = 0; g < ng; g++) {
            int first, count;
            group_span(s, g, &first, &count);
            citizen_unit_label(&s->matches[first], a1, sizeof a1);
            citizen_unit_label(&s->matches[first + count - 1], a2, sizeof a2);
            if (count > 1)
                snprintf(buf, sizeof buf, "%d  %s \xe2\x80\x93 %s", g + 1, a1, a2);
            else
                snprintf(buf, sizeof buf, "%d  %s", g + 1, a1);
            term_put(y + g, x + 1, w - 2, buf, ROLE_NORMAL);
            w_region(f, y + g, x, 1, w, ACT_CHOOSE, g + 1);
        }
        return KEYPAD_ROWS;
    }
    int first, count;
    group_span(s, s->group, &first, &count);
    bool more;
    int per = group_per_page(count, &more);
    int start = s->page * per;
    for (int i = 0; i < per && start + i < count; i++) {
        citizen_unit_label(&s->matches[first + start + i], a1, sizeof a1);
        snprintf(buf, sizeof buf, "%d  %s", i + 1, a1);
        term_put(y + i, x + 1, w - 2, buf, ROLE_NORMAL);
        w_region(f, y + i, x, 1, w, ACT_CHOOSE, i + 1);
    }
    if (more) {
        snprintf(buf, sizeof buf, "9  %s", _("More"));
        term_put(y + per, x + 1, w - 2, buf, ROLE_TITLE);
        w_region(f, y + per, x, 1, w, ACT_CHOOSE, 9);
    }
    return KEYPAD_ROWS;
}

/* A digit while choosing by numbers: a group, a unit, or 9 = more. */
static screen_result number_pick(addr_state *s, app *a, int d);

static void addr_draw(const void *state, const app *a, frame *f)
{
    const addr_state *s = state;
    const citizen *c = cz(a);
    int n, m;
    citizen_step(a, &screen_address, &n, &m);
    w_progress(f, f->top, n, m, _("Where to send the result"));
    int w = f->width - 4 < 70 ? f->width - 4 : 70;
    int x = f->left + (f->width - w) / 2;
    int y = f->top + 3;
    char buf[512];
    snprintf(buf, sizeof buf, "%s \xe2\x97\x82 %s \xe2\x96\xb8", _("Province:"), c->province);
    term_fill(y, x, 1, w, s->focus == F_PROVINCE ? ROLE_BUTTON_FOCUS : ROLE_NORMAL);
    term_put(y, x, w, buf, s->focus == F_PROVINCE ? ROLE_BUTTON_FOCUS : ROLE_NORMAL);
    w_region(f, y, x, 1, w, ACT_PICK, PICK_PROVINCE);
    y++;

    const char *msg = _("Type the first letters, then choose with the arrow keys and Enter");
    bool err = false;
    int used = 3;
    if (c->have_unit) {
        citizen_unit_label(&c->unit, buf, sizeof buf);
        char ok[600];
        snprintf(ok, sizeof ok, "\xe2\x9c\x93 %s, %s%s%s", buf, c->unit.province,
                 c->from_card ? " \xe2\x80\x94 " : "",
                 c->from_card ? _("from your ID card: please check it") : "");
        msg = ok;
        used = tf_draw_labeled(f, &c->unit_query, y, x, w, _("Commune or ward"), msg, false,
                               s->focus == F_UNIT, PICK_FIELD + F_UNIT);
    } else {
        if (s->tried) {
            msg = _("Please choose your commune or ward from the list.");
            err = true;
        } else if (s->nmatch == 0) {
            msg = _("No commune or ward starts like this. Try fewer letters.");
            err = true;
        } else if (c->card_unit[0] && by_numbers(s, c) && s->group < 0) {
            /* an address from before the 2025 merger, or a typo on the card */
            snprintf(buf, sizeof buf,
                     _("Your ID card names %s, which is not in the list (communes and wards "
                       "changed in 2025). Please choose yours below."), c->card_unit);
            msg = buf;
        } else if (by_numbers(s, c)) {
            msg = s->group < 0 ? _("Type the first letters, or press the number of the group")
                               : _("Press the number of your commune or ward; Esc: the groups");
        }
        used = tf_draw_labeled(f, &c->unit_query, y, x, w, _("Commune or ward"), msg, err,
                               s->focus == F_UNIT, PICK_FIELD + F_UNIT);
    }
    y += used;
    if (by_numbers(s, c)) {
        y += draw_numbers(s, f, y, x, w);
    } else if (s->focus == F_UNIT) {
        wlist lst = s->ml;
        wlist_fix(&lst, MATCH_ROWS);
        wlist_position(f, &lst, MATCH_ROWS, y - used, x, w);
        for (int i = lst.top; i < s->nmatch && i < lst.top + MATCH_ROWS; i++) {
            citizen_unit_label(&s->matches[i], buf, sizeof buf);
            wlist_row(f, &lst, i, y + (i - lst.top), x, w, buf, NULL, true);
        }
        y += MATCH_ROWS;
    } else {
        y += 1;
    }
    val_result v = check_street(c);
    bool show = (c->street.touched && c->street.len > 0) || s->tried;
    y += tf_draw_labeled(f, &c->street, y, x, w, _("House number, street or village"),
                    show && v != VAL_OK ? _(dossier_val_msg(v))
                                        : show ? "\xe2\x9c\x93" : _("For example: 12 Tran Dang Ninh street, or Ban Van village"),
                    show && v != VAL_OK, s->focus == F_STREET, PICK_FIELD + F_STREET);
    term_put(y, x, w / 2, _("Who will receive the result?"),
             s->focus == F_WHO ? ROLE_TITLE : ROLE_NORMAL);
    int bw = (w / 2 - 2) / 2;
    w_button(f, y, x + w / 2, bw, "1", _("Me"), !c->other_recipient && s->focus == F_WHO,
             ACT_CHOOSE, 1);
    w_button(f, y, x + w / 2 + bw + 1, bw + 2, "2", _("Someone else"),
             c->other_recipient && s->focus == F_WHO, ACT_CHOOSE, 2);
    y++;
    if (c->other_recipient) {
        v = check_recipient(c);
        show = (c->recipient.touched && c->recipient.len > 0) || s->tried;
        tf_draw_labeled(f, &c->recipient, y, x, w, _("Name of the person who will receive it"),
                        show && v != VAL_OK ? _(dossier_val_msg(v))
                                            : _("They must show their ID card to the postman"),
                        show && v != VAL_OK, s->focus == F_RECIPIENT, PICK_FIELD + F_RECIPIENT);
    }
    w_button(f, f->top + f->height - 1, x, w / 2, "Enter", _("Next"), false, ACT_NEXT,
             NEXT_BUTTON);
    w_hint(f, ACT_NEXT, NULL);
    w_hint(f, ACT_TAB, NULL);
    w_hint(f, ACT_BACK, NULL);
}

static void pick_unit(addr_state *s, app *a, int i)
{
    citizen *c = cz(a);
    if (i < 0 || i >= s->nmatch)
        return;
    c->unit = s->matches[i];
    c->have_unit = dossier_check_unit(&c->unit) == VAL_OK;
    char buf[200];
    citizen_unit_label(&c->unit, buf, sizeof buf);
    tf_set(&c->unit_query, buf);
    s->focus = F_STREET;
}

static screen_result number_pick(addr_state *s, app *a, int d)
{
    if (s->group < 0) {
        if (d < 1 || d > group_count(s->nmatch))
            return SR_(SR_NONE);
        s->group = d - 1;
        s->page = 0;
        int first, count;
        group_span(s, s->group, &first, &count);
        if (count == 1)
            pick_unit(s, a, first);
        return SR_(SR_REDRAW);
    }
    int first, count;
    group_span(s, s->group, &first, &count);
    bool more;
    int per = group_per_page(count, &more);
    if (more && d == 9) {
        s->page = (s->page + 1) * per < count ? s->page + 1 : 0;
        return SR_(SR_REDRAW);
    }
    int i = s->page * per + d - 1;
    if (d < 1 || d > per || i >= count)
        return SR_(SR_NONE);
    pick_unit(s, a, first + i);
    return SR_(SR_REDRAW);
}

static int last_field(const citizen *c)
{
    return c->other_recipient ? F_RECIPIENT : F_WHO;
}

static screen_result next_or_done(addr_state *s, app *a)
{
    citizen *c = cz(a);
    if (!c->have_unit) {
        s->focus = F_UNIT;
        s->tried = true;
        return SR_(SR_REDRAW);
    }
    if (check_street(c) != VAL_OK) {
        s->focus = F_STREET;
        s->tried = true;
        return SR_(SR_REDRAW);
    }
    if (check_recipient(c) != VAL_OK) {
        s->focus = F_RECIPIENT;
        s->tried = true;
        return SR_(SR_REDRAW);
    }
    return citizen_advance(a, &screen_address);
}

static screen_result addr_handle(void *state, app *a, const event *ev)
{
    addr_state *s = state;
    citizen *c = cz(a);
    int last = last_field(c);
    if (ev->act == ACT_PICK) {
        if (ev->value == PICK_PROVINCE) {
            s->focus = F_PROVINCE;
        } else if (ev->value >= PICK_FIELD) {
            /* a touch on a field: there, with the on-screen keyboard */
            s->focus = ev->value - PICK_FIELD;
            if (s->focus == F_UNIT) {
                c->have_unit = false;      /* a commune is being typed again */
                return citizen_keyboard(a, &c->unit_query, N_("Commune or ward"));
            }
            if (s->focus == F_STREET)
                return citizen_keyboard(a, &c->street, N_("House number, street or village"));
            if (s->focus == F_RECIPIENT)
                return citizen_keyboard(a, &c->recipient,
                                        N_("Name of the person who will receive it"));
        } else if (s->focus == F_UNIT) {
            pick_unit(s, a, ev->value);
        }
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_NEXT && ev->value == NEXT_BUTTON) {
        /* a touch on Next means the whole screen, wherever the focus is:
         * one tap goes on, or goes to what is missing (Enter on the
         * keyboard still moves field by field) */
        c->street.touched = true;
        if (c->other_recipient)
            c->recipient.touched = true;
        return next_or_done(s, a);
    }
    if (ev->act == ACT_TAB || (ev->act == ACT_DOWN && s->focus != F_UNIT)) {
        s->focus = s->focus >= last ? F_PROVINCE : s->focus + 1;
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_BACKTAB || (ev->act == ACT_UP && s->focus != F_UNIT)) {
        s->focus = s->focus <= F_PROVINCE ? last : s->focus - 1;
        return SR_(SR_REDRAW);
    }
    if (s->focus == F_PROVINCE && ev->act == ACT_CHAR)
        s->focus = F_UNIT;            /* typing means the commune: go there */
    /* a touch on "1 Me" / "2 Someone else" (a click, not a typed digit)
     * answers wherever the focus is */
    if (ev->act == ACT_CHOOSE && ev->ch == 0 && (ev->value == 1 || ev->value == 2) &&
        !by_numbers(s, c) && s->focus != F_WHO)
        s->focus = F_WHO;
    switch (s->focus) {
    case F_PROVINCE:
        if ((ev->act == ACT_LEFT || ev->act == ACT_RIGHT) && s->nprov > 1) {
            int i = 0;
            while (i < s->nprov && strcmp(s->provinces[i], c->province) != 0)
                i++;
            i = (i + (ev->act == ACT_RIGHT ? 1 : s->nprov - 1)) % s->nprov;
            str_copy(c->province, sizeof c->province, s->provinces[i]);
            c->have_unit = false;
            tf_wipe(&c->unit_query);
            search(s, a);
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_NEXT) {
            s->focus = F_UNIT;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    case F_UNIT:
        if (ev->act == ACT_CHOOSE && by_numbers(s, c))
            return number_pick(s, a, ev->value);
        if (ev->act == ACT_BACK && by_numbers(s, c) && s->group >= 0) {
            s->group = -1;                /* back to the groups, not off the screen */
            s->page = 0;
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_UP || ev->act == ACT_DOWN || ev->act == ACT_PGUP || ev->act == ACT_PGDN)
            return wlist_handle(&s->ml, ev, MATCH_ROWS) ? SR_(SR_REDRAW) : SR_(SR_NONE);
        if (ev->act == ACT_NEXT) {
            if (by_numbers(s, c))
                s->tried = true;          /* no row is shown selected: none is taken */
            else if (s->nmatch > 0 && s->ml.sel >= 0)
                pick_unit(s, a, s->ml.sel);
            else if (c->have_unit)
                s->focus = F_STREET;
            else
                s->tried = true;
            return SR_(SR_REDRAW);
        }
        if (tf_handle(&c->unit_query, ev, a->ime)) {
            c->have_unit = false;
            search(s, a);
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    case F_WHO:
        if (ev->act == ACT_CHOOSE && (ev->value == 1 || ev->value == 2)) {
            c->other_recipient = ev->value == 2;
            s->focus = c->other_recipient ? F_RECIPIENT : F_WHO;
            if (!c->other_recipient)
                tf_wipe(&c->recipient);
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_LEFT || ev->act == ACT_RIGHT) {
            c->other_recipient = !c->other_recipient;
            return SR_(SR_REDRAW);
        }
        if (ev->act == ACT_NEXT)
            return c->other_recipient ? (s->focus = F_RECIPIENT, SR_(SR_REDRAW)) : next_or_done(s, a);
        return SR_(SR_NONE);
    default: {
        tfield *t = s->focus == F_STREET ? &c->street : &c->recipient;
        if (ev->act == ACT_NEXT) {
            if (s->focus == F_STREET) {
                t->touched = true;
                if (check_street(c) != VAL_OK)
                    return SR_(SR_REDRAW);
                s->focus = F_WHO;
                return SR_(SR_REDRAW);
            }
            t->touched = true;
            return next_or_done(s, a);
        }
        return tf_handle(t, ev, a->ime) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    }
    }
}

/* Back from the on-screen keyboard: the commune typed there is searched. */
static void addr_resume(void *state, app *a)
{
    addr_state *s = state;
    if (s->focus == F_UNIT && !cz(a)->have_unit)
        search(s, a);
}

const screen_ops screen_address = {
    .name = "address",
    .state_size = sizeof(addr_state),
    .help = N_("Type the first letters of your commune or ward and choose it from the list. "
               "Then type your house number and street or village. Choose 1 if you will "
               "receive the result yourself, or 2 for someone else."),
    .enter = addr_enter,
    .resume = addr_resume,
    .draw = addr_draw,
    .handle = addr_handle,
};
