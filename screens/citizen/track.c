/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Track: type the dossier number (or S10 number) or scan the receipt's QR
 * code (a scanner types the payload and Enter; the app turns that into
 * ACT_SCAN). References are sequential, so a typed number must come with
 * the last 4 digits of the ID or phone number on the dossier (issue 11
 * item 10); a correctly signed QR code needs nothing more. Digits and
 * Enter are enough (a numeric keypad): "42" is this kiosk's LS01-000042.
 * Shows the status and history in plain words; no personal data beyond a
 * masked name. A signed receipt of another kiosk (verified with that
 * kiosk's key from the province) is asked of the central server, at most
 * TRACK_REMOTE_WAIT_S seconds: its status, and from when the information
 * is; offline, the screen says plainly that it cannot check now. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "dates.h"
#include "guard.h"
#include "i18n.h"
#include "receipt_key.h"
#include "store_clerk.h"
#include "store_lookup.h"
#include "track_remote.h"
#include "util.h"

enum { EV_MAX = 24 };

typedef struct {
    tfield ref;
    tfield last4;                /* the second factor of a typed number */
    int step;                    /* 0: the number; 1: the 4 digits */
    receipt_key key;             /* step 1: what was typed (REF or S10) */
    bool found;
    const char *msg;             /* msgid of the last problem */
    int64_t wait_until;          /* app_now(): lookups refused until then */
    char shown_ref[PK_REF_MAX];
    char masked[PK_NAME_MAX];
    char proc_name[PK_TEXT_MAX];
    char proc_en[PK_TEXT_MAX];
    dossier_status status;
    service_form form;
    char expected[PK_DATE_MAX];
    dossier_event ev[EV_MAX];
    int nev;
    bool remote;                 /* from the central server, not this kiosk */
    char remote_kiosk[16];
    int64_t remote_at;           /* the last change the server has */
} track_state;

/* Fills the screen from a dossier the citizen has proven to hold. */
static void show(track_state *s, app *a, const dossier *d)
{
    s->found = true;
    s->remote = false;
    s->step = 0;
    str_copy(s->shown_ref, sizeof s->shown_ref, d->ref);
    dossier_mask_name(d->name, s->masked, sizeof s->masked);
    s->status = d->status;
    s->form = d->form;
    str_copy(s->expected, sizeof s->expected, d->expected_date);
    procedure p;
    if (store_procedure_get(a->db, d->proc_code, &p) == PK_OK) {
        str_copy(s->proc_name, sizeof s->proc_name, p.name_vi);
        str_copy(s->proc_en, sizeof s->proc_en, p.name_en);
    } else {
        str_copy(s->proc_name, sizeof s->proc_name, d->proc_code);
        s->proc_en[0] = '\0';
    }
    if (store_dossier_events(a->db, d->ref, s->ev, EV_MAX, &s->nev) != PK_OK)
        s->nev = 0;
    for (int i = 0; i < s->nev; i++)
        s->ev[i].note[0] = '\0';     /* clerk notes may name people: never shown here */
    store_audit_append(a->db, app_now(a), "kiosk", "kiosk_lookup", d->ref, "masked");
    tf_set(&s->ref, s->shown_ref);
    tf_wipe(&s->last4);
}

/* Another kiosk's dossier, as the central server has it: no name, no
 * history (they stay at its kiosk), the time of the last change. */
static void show_remote(track_state *s, app *a, const remote_dossier *r)
{
    int st = dossier_status_parse(r->status);
    if (st < 0) {
        s->msg = N_("The provincial server cannot be reached now, so a dossier from another "
                    "post office cannot be checked here. Please try again later, or ask staff.");
        return;
    }
    s->found = true;
    s->remote = true;
    s->step = 0;
    s->status = (dossier_status)st;
    str_copy(s->shown_ref, sizeof s->shown_ref, r->ref);
    s->masked[0] = '\0';
    str_copy(s->expected, sizeof s->expected, r->closed_day[0] ? "" : r->expected_date);
    str_copy(s->remote_kiosk, sizeof s->remote_kiosk, r->kiosk);
    s->remote_at = r->updated_at;
    procedure p;
    if (store_procedure_get(a->db, r->proc_code, &p) == PK_OK) {
        str_copy(s->proc_name, sizeof s->proc_name, p.name_vi);
        str_copy(s->proc_en, sizeof s->proc_en, p.name_en);
    } else {
        str_copy(s->proc_name, sizeof s->proc_name, r->proc_code);
        s->proc_en[0] = '\0';
    }
    s->nev = 0;
    tf_set(&s->ref, s->shown_ref);
    tf_wipe(&s->last4);
}

/* A verified receipt of another kiosk: one short question to the central
 * server; recorded (reference and outcome only). */
static void lookup_remote(track_state *s, app *a, const char *ref)
{
    remote_dossier r;
    pk_err e = track_remote(a->sync, ref, &r, NULL, 0);
    store_audit_append(a->db, app_now(a), "kiosk", "remote_lookup", ref,
                       e == PK_OK ? "found" : e == PK_ENOTFOUND ? "unknown" : "offline");
    if (e == PK_OK)
        show_remote(s, a, &r);
    else if (e == PK_ENOTFOUND)
        s->msg = N_("The provincial server has no news of this dossier yet: its post office may "
                    "not have sent it. Please try again later, or ask staff.");
    else
        s->msg = N_("The provincial server cannot be reached now, so a dossier from another "
                    "post office cannot be checked here. Please try again later, or ask staff.");
}

/* A scanned (or typed) receipt QR payload: its signature is the proof. */
static void lookup_qr(track_state *s, app *a, const receipt_key *k, pk_err e)
{
    if (e == PK_ETAMPER) {
        /* a forged or foreign receipt: recorded (no payload kept) */
        store_audit_append(a->db, app_now(a), "kiosk", "scan_rejected", "", "bad_mac");
        s->msg = N_("This receipt could not be verified. Please show it to staff.");
        return;
    }
    if (e != PK_OK) {
        s->msg = N_("This code is not a receipt of this service.");
        return;
    }
    dossier d;
    e = store_dossier_get(a->db, k->ref, &d);
    if (e == PK_ENOTFOUND && track_remote_foreign(a->cfg->kiosk_code, k->ref)) {
        lookup_remote(s, a, k->ref);
        return;
    }
    if (e == PK_OK)
        show(s, a, &d);
    else if (e == PK_ENOTFOUND)
        /* a genuine receipt whose dossier is not here: restored backup? */
        store_audit_append(a->db, app_now(a), "kiosk", "scan_rejected", k->ref, "unknown");
    if (e != PK_OK)
        s->msg = e == PK_ENOTFOUND ? N_("No dossier has this number. Please check it, or ask staff.")
                                   : pk_err_msg(e);
    mem_wipe(&d, sizeof d);
}

/* Step 0: what was typed or scanned. A typed number asks for the second
 * factor; a signed QR payload shows the dossier at once. */
static void lookup(track_state *s, app *a, const char *input)
{
    s->found = false;
    s->msg = NULL;
    receipt_key k;
    pk_err e = receipt_parse_key(a->cfg, input, &k);
    if (k.kind == IDS_KEY_QR) {
        lookup_qr(s, a, &k, e);
    } else if (e == PK_ENOTFOUND) {
        s->msg = N_("Please type the number printed on your receipt.");
    } else if (e != PK_OK) {
        s->msg = N_("No dossier has this number. Please check it, or ask staff.");
    } else if (k.kind == IDS_KEY_REF && track_remote_foreign(a->cfg->kiosk_code, k.ref)) {
        /* the second factor is on the other kiosk only: its QR code is the proof */
        s->msg = N_("This number is from another post office. Please hold the QR code of your "
                    "receipt under the scanner.");
    } else {
        /* the number alone proves nothing (they are sequential) */
        s->key = k;
        s->step = 1;
        tf_set(&s->ref, k.kind == IDS_KEY_S10 ? k.s10 : k.ref);
        tf_wipe(&s->last4);
    }
    mem_wipe(&k, sizeof k);
}

/* Step 1: the last 4 digits of the ID or phone number on the dossier,
 * compared in constant time; failures are counted per kiosk in the
 * database (a restart does not reset them) and logged without personal
 * data. */
static void check_second_factor(track_state *s, app *a)
{
    int64_t now = app_now(a), wait = 0;
    s->msg = NULL;
    if (s->last4.len != 4 || strspn(s->last4.buf, "0123456789") != 4) {
        s->msg = N_("Please type 4 digits.");
        return;
    }
    guard_state g;
    pk_err e = store_guard_get(a->db, "track", &guard_track, now, &g);
    if (e == PK_OK && (wait = guard_wait(&guard_track, &g, now)) > 0) {
        s->wait_until = now + wait;
        s->msg = N_("Too many wrong tries. Please ask staff.");
        return;
    }
    const char *object = s->key.kind == IDS_KEY_S10 ? s->key.s10 : s->key.ref;
    char ref[PK_REF_MAX];
    str_copy(ref, sizeof ref, s->key.ref);
    if (e == PK_OK && s->key.kind == IDS_KEY_S10)
        e = store_dossier_ref_by_s10(a->db, s->key.s10, ref);
    dossier d;
    memset(&d, 0, sizeof d);
    if (e == PK_OK)
        e = store_dossier_get(a->db, ref, &d);
    bool ok = e == PK_OK && guard_last4_ok(d.id_number, d.phone, s->last4.buf);
    tf_wipe(&s->last4);
    if (ok) {
        show(s, a, &d);
    } else if (e == PK_OK || e == PK_ENOTFOUND) {
        /* one message for both: a number that exists is not revealed */
        e = store_guard_update(a->db, "track", &guard_track, GUARD_FAIL, now, &wait, NULL,
                               "kiosk", "track_failed", object,
                               e == PK_OK ? "second_factor" : "unknown");
        s->wait_until = wait > 0 ? now + wait : 0;
        s->msg = e == PK_OK ? N_("The number and the 4 digits do not match. Please check them.")
                            : pk_err_msg(e);
    } else {
        s->msg = pk_err_msg(e);
    }
    mem_wipe(&d, sizeof d);
}

static void track_enter(void *state, app *a, const void *arg)
{
    track_state *s = state;
    tf_init(&s->ref, TF_ASCII, 200);   /* a typed QR payload with a URL is long */
    tf_init(&s->last4, TF_DIGITS, 4);
    if (arg)
        lookup(s, a, arg);
}

static void track_leave(void *state, app *a)
{
    (void)a;
    track_state *s = state;
    tf_wipe(&s->ref);
    tf_wipe(&s->last4);
}

/* The action as a button, as on every other screen: a touch user need
 * not find "Enter" in the hint bar. */
static void look_up_button(frame *f, int x, int w)
{
    w_button(f, f->top + f->height - 1, x, w / 2, "Enter", _("Look up"), true, ACT_NEXT, 0);
}

static void track_draw(const void *state, const app *a, frame *f)
{
    const track_state *s = state;
    int w = f->width - 4 < 90 ? f->width - 4 : 90;
    int x = f->left + (f->width - w) / 2;
    int y = f->top + 1;
    term_put(y, x, w, _("Track my dossier"), ROLE_TITLE);
    y += 2;
    char msg[256] = "";
    int64_t wait = s->wait_until - app_now(a);
    if (s->msg && wait > 0)
        snprintf(msg, sizeof msg,
                 ngettext("Too many wrong tries. Please wait %d second, or ask staff.",
                          "Too many wrong tries. Please wait %d seconds, or ask staff.",
                          (unsigned long)wait),
                 (int)wait);
    else if (s->msg)
        str_copy(msg, sizeof msg, _(s->msg));
    tf_draw_labeled(f, &s->ref, y, x, w,
                    _("Number on your receipt (or hold its QR code under the scanner)"),
                    s->step == 0 && msg[0] ? msg : _("For example: LS01-000042"),
                    s->step == 0 && msg[0], s->step == 0, 0);
    y += 4;
    if (s->step == 1) {
        tf_draw_labeled(f, &s->last4, y, x, w,
                        _("Last 4 digits of the ID number or phone number on your dossier"),
                        msg[0] ? msg : _("This keeps your dossier private."), msg[0] != '\0',
                        true, 1);
        look_up_button(f, x, w);
        w_hint(f, ACT_NEXT, N_("Look up"));
        w_hint(f, ACT_BACK, NULL);
        return;
    }
    if (!s->found)
        goto hints;
    char buf[768], date[32];
    if (s->remote)
        snprintf(buf, sizeof buf, _("Dossier %s (registered at post office %s)"), s->shown_ref,
                 s->remote_kiosk);
    else
        snprintf(buf, sizeof buf, "%s %s   \xc2\xb7   %s", _("Dossier"), s->shown_ref, s->masked);
    term_put(y++, x, w, buf, ROLE_NORMAL);
    y += w_text(f, y, x, w, 2, citizen_pick(s->proc_name, s->proc_en), ROLE_NORMAL);
    snprintf(buf, sizeof buf, "%s %s", _("Now:"), _(dossier_status_label(s->status)));
    y += w_text(f, y + 1, x, w, 2, buf, ROLE_TITLE) + 1;
    if (s->expected[0] && !dossier_status_closed(s->status)) {
        citizen_date(s->expected, date, sizeof date);
        snprintf(buf, sizeof buf, _("Expected result: around %s"), date);
        term_put(y++, x, w, buf, ROLE_NORMAL);
    }
    y++;
    if (s->remote) {
        char when[32];
        if (!date_local_format(s->remote_at, "%d/%m/%Y %H:%M", when, sizeof when))
            str_copy(when, sizeof when, "-");
        snprintf(buf, sizeof buf,
                 _("From the provincial server: the last change it has is of %s. The full "
                   "history is at the post office where you registered."), when);
        w_text(f, y, x, w, 3, buf, ROLE_NORMAL);
        goto hints;
    }
    term_put(y++, x, w, _("What has happened so far:"), ROLE_TITLE);
    int bottom = f->top + f->height - 2;   /* the button's row and a gap */
    int first = s->nev - (bottom - y);     /* newest events when they do not all fit */
    for (int i = first > 0 ? first : 0; i < s->nev && y < bottom; i++) {
        char when[32];
        date_local_format(s->ev[i].at, "%d/%m/%Y %H:%M", when, sizeof when);
        int st_code = dossier_status_parse(s->ev[i].to);
        snprintf(buf, sizeof buf, "%s   %s", when,
                 st_code >= 0 ? _(dossier_status_label((dossier_status)st_code)) : s->ev[i].to);
        term_put(y++, x + 2, w - 2, buf, ROLE_NORMAL);
    }
hints:
    look_up_button(f, x, w);
    w_hint(f, ACT_NEXT, N_("Look up"));
    w_hint(f, ACT_BACK, NULL);
}

static screen_result track_handle(void *state, app *a, const event *ev)
{
    track_state *s = state;
    switch (ev->act) {
    case ACT_TICK:
        /* the wait counts down on screen */
        return s->wait_until && s->wait_until + 1 >= app_now(a) ? SR_(SR_REDRAW) : SR_(SR_NONE);
    case ACT_SCAN:
        s->step = 0;
        tf_wipe(&s->last4);
        lookup(s, a, ev->text);
        return SR_(SR_REDRAW);
    case ACT_NEXT:
        if (s->step == 1) {
            check_second_factor(s, a);
        } else {
            char q[TF_MAX];
            memcpy(q, s->ref.buf, sizeof q);
            lookup(s, a, q);
            mem_wipe(q, sizeof q);
        }
        return SR_(SR_REDRAW);
    case ACT_BACK:
        if (s->step == 1) {          /* back to the number, to correct it */
            s->step = 0;
            s->msg = NULL;
            tf_wipe(&s->last4);
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    case ACT_PICK:
        /* a touch on a field: the on-screen keyboard for it */
        if (ev->value == 1 && s->step == 1)
            return citizen_keyboard(a, &s->last4,
                                    N_("Last 4 digits of the ID number or phone number on your dossier"));
        if (ev->value == 0 && s->step == 0) {
            s->found = false;
            s->msg = NULL;
            return citizen_keyboard(a, &s->ref,
                                    N_("Number on your receipt (or hold its QR code under the scanner)"));
        }
        return SR_(SR_NONE);
    default:
        if (tf_handle(s->step == 1 ? &s->last4 : &s->ref, ev, IME_OFF)) {
            if (s->step == 0)
                s->found = false;
            s->msg = NULL;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    }
}

const screen_ops screen_track = {
    .name = "track",
    .state_size = sizeof(track_state),
    .help = N_("Type the dossier number printed on your receipt, for example LS01-000042 (or "
               "only its last digits, 42), and press Enter. Then type the last 4 digits of the ID "
               "number or phone number you gave, and press Enter. If your receipt has a QR code, "
               "hold it under the scanner instead."),
    .enter = track_enter,
    .leave = track_leave,
    .draw = track_draw,
    .handle = track_handle,
};
