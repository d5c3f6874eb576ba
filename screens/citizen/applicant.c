/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Applicant: full name, ID number, phone, optional e-mail. Every field is
 * checked as it is typed, with a plain message; invalid input never
 * advances. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"
#include "util.h"

enum { NFIELDS = 4 };

typedef struct {
    int focus;
    bool tried;        /* Enter was pressed: show every problem */
} appl_state;

static tfield *field(citizen *c, int i)
{
    tfield *f[NFIELDS] = {&c->name, &c->id, &c->phone, &c->email};
    return f[i];
}

static const char *label(int i)
{
    static const char *const l[NFIELDS] = {
        N_("Full name"), N_("ID card number"), N_("Mobile phone"), N_("E-mail (optional)")};
    return _(l[i]);
}

static const char *hint_of(int i)
{
    static const char *const h[NFIELDS] = {
        N_("As written on your ID card"), N_("12 digits (or the 9 digits of an old card)"),
        N_("10 digits, starting with 0"), N_("You may leave this empty")};
    return _(h[i]);
}

static val_result check(const app *a, int i)
{
    citizen *c = cz(a);
    char out[PK_TEXT_MAX];
    val_result v;
    switch (i) {
    case 0: v = dossier_check_name(c->name.buf, out, sizeof out); break;
    case 1: v = dossier_check_id(c->id.buf, citizen_year(a), out, sizeof out); break;
    case 2: v = dossier_check_phone(c->phone.buf, out, sizeof out); break;
    default: v = dossier_check_email(c->email.buf, out, sizeof out); break;
    }
    mem_wipe(out, sizeof out);
    return v;
}

/* How to type the letters with marks: the key sequences are the same in
 * every language, only the word "tones" is translated. */
static void ime_tip(ime_method m, char *out, size_t n)
{
    switch (m) {
    case IME_TELEX:
        snprintf(out, n, "Telex: aa=\xc3\xa2 aw=\xc4\x83 ee=\xc3\xaa oo=\xc3\xb4 ow=\xc6\xa1 uw=\xc6\xb0 dd=\xc4\x91  %s: s f r x j",
                 _("tones"));
        break;
    case IME_VNI:
        snprintf(out, n, "VNI: a6=\xc3\xa2 a8=\xc4\x83 e6=\xc3\xaa o6=\xc3\xb4 o7=\xc6\xa1 u7=\xc6\xb0 d9=\xc4\x91  %s: 1 2 3 4 5",
                 _("tones"));
        break;
    default:
        snprintf(out, n, "%s", _("Vietnamese typing is off: press F3 to turn it on."));
        break;
    }
}

/* While digits are still being typed, count them instead of scolding:
 * "5 of 12 digits". NULL when the field should be checked for real. */
static const char *progress(int i, const tfield *t, char *buf, size_t n)
{
    int want = i == 1 ? 12 : i == 2 ? 10 : 0;
    if (!want || t->len == 0 || (int)t->len >= want)
        return NULL;
    for (size_t k = 0; k < t->len; k++)
        if (t->buf[k] < '0' || t->buf[k] > '9')
            return NULL;
    if (i == 2 && t->buf[0] != '0')
        return NULL;
    snprintf(buf, n, ngettext("%d of %d digit", "%d of %d digits", (unsigned long)want), (int)t->len, want);
    return buf;
}

static void appl_draw(const void *state, const app *a, frame *f)
{
    const appl_state *s = state;
    citizen *c = cz(a);
    int n, m;
    citizen_step(a, &screen_applicant, &n, &m);
    w_progress(f, f->top, n, m, _("Your details"));
    int w = f->width - 4 < 70 ? f->width - 4 : 70;
    int x = f->left + (f->width - w) / 2;
    char tip[256];
    ime_tip(a->ime, tip, sizeof tip);
    term_put(f->top + 2, x, w, tip, ROLE_DIM);
    if (s->focus == 0 && a->ime != IME_OFF) {
        /* a worked example helps a first-time typist more than rules */
        char ex[256];
        snprintf(ex, sizeof ex, "%s %s \xe2\x86\x92 Nguy\xe1\xbb\x85n V\xc4\x83n An", _("Example:"),
                 a->ime == IME_TELEX ? "Nguyeenx Vawn An" : "Nguye6n4 Va8n An");
        term_put(f->top + 3, x, w, ex, ROLE_DIM);
    }
    int y = f->top + 4;
    int gap = f->height >= 4 + NFIELDS * 4 + 2 ? 4 : 3;
    for (int i = 0; i < NFIELDS; i++, y += gap) {
        tfield *t = field(c, i);
        val_result v = check(a, i);
        bool show = (t->touched && t->len > 0) || s->tried;
        const char *msg = hint_of(i);
        bool err = false;
        char count[64];
        const char *typing = s->tried ? NULL : progress(i, t, count, sizeof count);
        if (typing) {
            msg = typing;
        } else if (show && v != VAL_OK) {
            msg = _(dossier_val_msg(v));
            err = true;
        } else if (show && t->len > 0) {
            msg = "\xe2\x9c\x93";
        }
        tf_draw_labeled(f, t, y, x, w, label(i), msg, err, s->focus == i, i);
    }
    w_button(f, f->top + f->height - 1, x, w / 2, "Enter", _("Next"), false, ACT_NEXT, 0);
    w_hint(f, ACT_NEXT, NULL);
    w_hint(f, ACT_TAB, NULL);
    w_hint(f, ACT_BACK, NULL);
}

static screen_result appl_handle(void *state, app *a, const event *ev)
{
    appl_state *s = state;
    citizen *c = cz(a);
    switch (ev->act) {
    case ACT_NEXT:
        if (check(a, s->focus) != VAL_OK) {
            field(c, s->focus)->touched = true;
            s->tried = true;
            return SR_(SR_REDRAW);
        }
        if (s->focus < NFIELDS - 1) {
            s->focus++;
            return SR_(SR_REDRAW);
        }
        for (int i = 0; i < NFIELDS; i++)
            if (check(a, i) != VAL_OK) {
                s->focus = i;
                s->tried = true;
                return SR_(SR_REDRAW);
            }
        return citizen_advance(a, &screen_applicant);
    case ACT_TAB: case ACT_DOWN:
        field(c, s->focus)->touched = true;
        s->focus = (s->focus + 1) % NFIELDS;
        return SR_(SR_REDRAW);
    case ACT_BACKTAB: case ACT_UP:
        s->focus = (s->focus + NFIELDS - 1) % NFIELDS;
        return SR_(SR_REDRAW);
    case ACT_PICK:
        if (ev->value >= 0 && ev->value < NFIELDS)
            s->focus = ev->value;
        return SR_(SR_REDRAW);
    default:
        return tf_handle(field(c, s->focus), ev, a->ime) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    }
}

const screen_ops screen_applicant = {
    .name = "applicant",
    .state_size = sizeof(appl_state),
    .help = N_("Type your name with its accents (the line at the top shows how), then your "
               "ID card number and your mobile number. Press Enter after each one. A red "
               "line says what to correct."),
    .draw = appl_draw,
    .handle = appl_handle,
};
