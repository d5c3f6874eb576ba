/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Applicant: full name, ID number, phone, optional e-mail. Every field is
 * checked as it is typed, with a plain message; invalid input never
 * advances. A scan of the ID card's QR code fills the name, the ID and the
 * address (card_scan.c). The ID and the phone number go on to the next
 * field by themselves once complete and valid; Backspace in that next
 * field while it is empty goes back. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"
#include "util.h"

/* An Enter within this time of a number moving on by itself is the
 * typist's Enter for that number; a later one was pressed looking at the
 * field that has the focus (see appl_state.advanced). */
enum { NFIELDS = 4, HABIT_MS = 1500 };

typedef struct {
    int focus;
    bool tried;        /* Enter was pressed: show every problem */
    /* After a failed Enter on a number the citizen often types on as if
     * the next field had the focus: the digits that overflow the rule's
     * length are stray, the number goes back to what Enter checked and
     * takes no more digits until it is edited (Backspace, Delete). */
    bool failed;       /* the focused number failed its Enter */
    bool stray;        /* ... and digits overflowed it: they were removed */
    char checked[32];  /* the number as Enter checked it */
    /* the focus moved on by itself from a complete number: an Enter out
     * of habit in the empty next field confirms that number, nothing more
     * (a second Enter goes on from there, as every typist's habit expects,
     * and never lands unseen on the next screen). When the field may be
     * left empty (the e-mail), an Enter after HABIT_MS was pressed looking
     * at it: it is that field's Enter, so it is not lost. */
    bool advanced;
    int64_t advanced_ms;    /* a->now_ms when it moved on */
    const char *scan_msg;   /* msgid: what the last scan did */
    bool scan_err;          /* ... it filled nothing */
} appl_state;

static tfield *field(citizen *c, int i)
{
    tfield *f[NFIELDS] = {&c->name, &c->id, &c->phone, &c->email};
    return f[i];
}

static const char *label_id(int i)
{
    static const char *const l[NFIELDS] = {
        N_("Full name"), N_("ID card number"), N_("Mobile phone"), N_("E-mail (optional)")};
    return l[i];
}

static const char *label(int i)
{
    return _(label_id(i));
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
    if (s->scan_err) {
        /* what went wrong with the scan, over the typing tip until a key */
        char buf[512];
        snprintf(buf, sizeof buf, "\xe2\x9c\x97 %s", _(s->scan_msg));
        w_text(f, f->top + 2, x, w, 2, buf, ROLE_ERROR);
    } else {
        w_text(f, f->top + 2, x, w, 1,
               s->scan_msg ? _(s->scan_msg)
                           : _("Scan the QR code on your ID card, or type your details below."),
               s->scan_msg ? ROLE_WARN : ROLE_TITLE);
        term_put(f->top + 3, x, w, tip, ROLE_DIM);
    }
    int y = f->top + 4;
    int gap = f->height >= 4 + NFIELDS * 4 + 2 ? 4 : 3;
    for (int i = 0; i < NFIELDS; i++, y += gap) {
        tfield *t = field(c, i);
        val_result v = check(a, i);
        bool show = (t->touched && t->len > 0) || s->tried;
        const char *msg = hint_of(i);
        char ex[512];
        if (i == 0 && s->focus == 0 && a->ime != IME_OFF) {
            /* a worked example helps a first-time typist more than rules */
            snprintf(ex, sizeof ex, "%s. %s %s \xe2\x86\x92 Nguy\xe1\xbb\x85n V\xc4\x83n An", msg,
                     _("Example:"), a->ime == IME_TELEX ? "Nguyeenx Vawn An" : "Nguye6n4 Va8n An");
            msg = ex;
        }
        bool err = false;
        char count[64];
        const char *typing = s->tried ? NULL : progress(i, t, count, sizeof count);
        if (s->stray && s->focus == i) {
            msg = _("Too many digits: the ones typed after Enter were removed. Check the "
                    "number, correct it with Backspace, then press Enter.");
            err = true;
        } else if (typing) {
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

static void focus_on(appl_state *s, int i)
{
    s->advanced = false;
    if (s->focus != i) {
        s->failed = s->stray = false;
        mem_wipe(s->checked, sizeof s->checked);
    }
    s->focus = i;
}

/* The first field before `upto` that does not pass, or -1. */
static int first_error(const app *a, int upto)
{
    for (int i = 0; i < upto; i++)
        if (check(a, i) != VAL_OK)
            return i;
    return -1;
}

/* Enter failed on field i: the focus goes there, and a number remembers
 * what was checked (see appl_state). */
static screen_result failed_on(appl_state *s, app *a, int i)
{
    citizen *c = cz(a);
    focus_on(s, i);
    field(c, i)->touched = true;
    s->tried = true;
    if (field(c, i)->kind == TF_DIGITS) {
        s->failed = true;
        str_copy(s->checked, sizeof s->checked, field(c, i)->buf);
    }
    return SR_(SR_REDRAW);
}

static bool is_digit_key(const event *ev)
{
    return (ev->act == ACT_CHAR || ev->act == ACT_CHOOSE) && ev->ch >= '0' && ev->ch <= '9';
}

/* Typing into the focused field, with the stray-digit rule for numbers. */
static screen_result type_into(appl_state *s, app *a, const event *ev)
{
    tfield *t = field(cz(a), s->focus);
    if (t->kind == TF_DIGITS && s->failed && is_digit_key(ev)) {
        if (s->stray)
            return SR_(SR_NONE);          /* refused until the number is edited */
        if (t->len >= t->max) {
            tf_set(t, s->checked);
            t->touched = true;
            s->stray = true;
            return SR_(SR_REDRAW);
        }
    } else if (ev->act == ACT_BACKSPACE && s->advanced && t->len == 0) {
        /* back into the number that moved on (only right after it did: a
         * held Backspace clearing this field must not run into the one before) */
        focus_on(s, s->focus - 1);
        return SR_(SR_REDRAW);
    } else if (ev->act == ACT_BACKSPACE || ev->act == ACT_DELETE) {
        s->failed = s->stray = false;    /* the citizen corrects it by hand */
    }
    if (!tf_handle(t, ev, a->ime))
        return SR_(SR_NONE);
    s->advanced = false;
    /* a complete, valid ID (12 digits) or phone (10) goes on by itself */
    size_t full = s->focus == 1 ? 12 : s->focus == 2 ? 10 : 0;
    /* not after a failed Enter: the digits typed then are often meant for
     * the next field already (the stray-digit rule above) */
    if (full && !s->failed && is_digit_key(ev) && t->len == full && t->cur == t->len &&
        check(a, s->focus) == VAL_OK) {
        t->touched = true;
        focus_on(s, s->focus + 1);
        s->advanced = true;
        s->advanced_ms = a->now_ms;
    }
    return SR_(SR_REDRAW);
}

/* A scanned code: an ID card fills the fields (or says why not); a
 * receipt is left to the app (it opens Track). */
static screen_result scanned(appl_state *s, app *a, const char *payload)
{
    if (!idcard_like(payload))
        return SR_(SR_NONE);
    idcard_status st = citizen_scan_card(a, payload);
    s->scan_msg = idcard_msg(st);
    s->scan_err = st != IDCARD_OK;
    if (st == IDCARD_OK) {
        s->tried = false;
        int next = 0;
        while (next < NFIELDS - 1 && field(cz(a), next)->len > 0 && check(a, next) == VAL_OK)
            next++;
        focus_on(s, next);
    }
    return SR_(SR_REDRAW);
}

static screen_result appl_handle(void *state, app *a, const event *ev)
{
    appl_state *s = state;
    citizen *c = cz(a);
    if (ev->act == ACT_SCAN)
        return scanned(s, a, ev->text);
    if (ev->act != ACT_TICK)
        s->scan_err = false;            /* the tip comes back after the next key */
    switch (ev->act) {
    case ACT_NEXT: {
        bool looked = a->now_ms - s->advanced_ms >= HABIT_MS && check(a, s->focus) == VAL_OK;
        if (s->advanced && field(c, s->focus)->len == 0 && !looked) {
            /* the Enter meant the number before: it is checked, with the
             * fields before it, as Enter there would have */
            s->advanced = false;
            int bad = first_error(a, s->focus);
            return bad >= 0 ? failed_on(s, a, bad) : SR_(SR_REDRAW);
        }
        if (check(a, s->focus) != VAL_OK)
            return failed_on(s, a, s->focus);
        /* a field passed over with Tab is still to correct: go there */
        int bad = first_error(a, s->focus);
        if (bad >= 0)
            return failed_on(s, a, bad);
        if (s->focus < NFIELDS - 1) {
            focus_on(s, s->focus + 1);
            return SR_(SR_REDRAW);
        }
        bad = first_error(a, NFIELDS);
        if (bad >= 0)
            return failed_on(s, a, bad);
        return citizen_advance(a, &screen_applicant);
    }
    case ACT_TAB: case ACT_DOWN:
        field(c, s->focus)->touched = true;
        focus_on(s, (s->focus + 1) % NFIELDS);
        return SR_(SR_REDRAW);
    case ACT_BACKTAB: case ACT_UP:
        focus_on(s, (s->focus + NFIELDS - 1) % NFIELDS);
        return SR_(SR_REDRAW);
    case ACT_PICK:
        /* a touch on a field: there, with the on-screen keyboard */
        if (ev->value < 0 || ev->value >= NFIELDS)
            return SR_(SR_NONE);
        focus_on(s, ev->value);
        return citizen_keyboard(a, field(c, ev->value), label_id(ev->value));
    default:
        return type_into(s, a, ev);
    }
}

const screen_ops screen_applicant = {
    .name = "applicant",
    .state_size = sizeof(appl_state),
    .help = N_("Scan the QR code on the front of your ID card to fill in your name, ID card "
               "number and address, or type them: your name with its accents (the line at the "
               "top shows how), then your ID card number and your mobile number, pressing Enter "
               "after each one. A red line says what to correct."),
    .draw = appl_draw,
    .handle = appl_handle,
};
