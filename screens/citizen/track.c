/* Track: type the dossier number or scan the receipt's QR code (a scanner
 * types the payload and Enter; the app turns that into ACT_SCAN). Shows
 * the status and history in plain words; no personal data beyond a
 * masked name. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "dates.h"
#include "i18n.h"
#include "receipt.h"
#include "store_clerk.h"
#include "util.h"

enum { EV_MAX = 24 };

typedef struct {
    tfield ref;
    bool found;
    const char *msg;             /* msgid of the last problem */
    char shown_ref[PK_REF_MAX];
    char masked[PK_NAME_MAX];
    char proc_name[PK_TEXT_MAX];
    char proc_en[PK_TEXT_MAX];
    dossier_status status;
    service_form form;
    char expected[PK_DATE_MAX];
    dossier_event ev[EV_MAX];
    int nev;
} track_state;

static void lookup(track_state *s, app *a, const char *input)
{
    char text[EV_TEXT_MAX], ref[PK_REF_MAX];
    size_t n = 0;
    for (const char *p = input; *p && n < sizeof text - 1; p++)
        if (!isspace((unsigned char)*p))
            text[n++] = (char)toupper((unsigned char)*p);
    text[n] = '\0';
    s->found = false;
    s->msg = NULL;
    if (n == 0) {
        s->msg = N_("Please type the number printed on your receipt.");
        return;
    }
    if (strstr(text, "VNK")) {
        int64_t issued;
        pk_err e = receipt_verify(a->cfg, text, ref, sizeof ref, &issued);
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
    } else if (!str_copy(ref, sizeof ref, text)) {
        s->msg = N_("No dossier has this number. Please check it, or ask staff.");
        return;
    }
    dossier d;
    pk_err e = store_dossier_get(a->db, ref, &d);
    if (e == PK_ENOTFOUND && strstr(text, "VNK"))
        /* a genuine receipt whose dossier is not here: restored backup? */
        store_audit_append(a->db, app_now(a), "kiosk", "scan_rejected", ref, "unknown");
    else if (e == PK_OK)
        store_audit_append(a->db, app_now(a), "kiosk", "kiosk_lookup", ref, "masked");
    if (e != PK_OK) {
        s->msg = e == PK_ENOTFOUND ? N_("No dossier has this number. Please check it, or ask staff.")
                                   : pk_err_msg(e);
        mem_wipe(&d, sizeof d);
        return;
    }
    s->found = true;
    str_copy(s->shown_ref, sizeof s->shown_ref, d.ref);
    dossier_mask_name(d.name, s->masked, sizeof s->masked);
    s->status = d.status;
    s->form = d.form;
    str_copy(s->expected, sizeof s->expected, d.expected_date);
    procedure p;
    if (store_procedure_get(a->db, d.proc_code, &p) == PK_OK) {
        str_copy(s->proc_name, sizeof s->proc_name, p.name_vi);
        str_copy(s->proc_en, sizeof s->proc_en, p.name_en);
    } else {
        str_copy(s->proc_name, sizeof s->proc_name, d.proc_code);
        s->proc_en[0] = '\0';
    }
    if (store_dossier_events(a->db, ref, s->ev, EV_MAX, &s->nev) != PK_OK)
        s->nev = 0;
    for (int i = 0; i < s->nev; i++)
        s->ev[i].note[0] = '\0';     /* clerk notes may name people: never shown here */
    mem_wipe(&d, sizeof d);
    tf_set(&s->ref, s->shown_ref);
}

static void track_enter(void *state, app *a, const void *arg)
{
    track_state *s = state;
    tf_init(&s->ref, TF_ASCII, 200);   /* a typed QR payload with a URL is long */
    if (arg)
        lookup(s, a, arg);
}

static void track_leave(void *state, app *a)
{
    (void)a;
    track_state *s = state;
    tf_wipe(&s->ref);
}

static void track_draw(const void *state, const app *a, frame *f)
{
    (void)a;
    const track_state *s = state;
    int w = f->width - 4 < 90 ? f->width - 4 : 90;
    int x = f->left + (f->width - w) / 2;
    int y = f->top + 1;
    term_put(y, x, w, _("Track my dossier"), ROLE_TITLE);
    y += 2;
    tf_draw_labeled(f, &s->ref, y, x, w,
                    _("Number on your receipt (or hold its QR code under the scanner)"),
                    s->msg ? _(s->msg) : _("For example: LS01-000042"), s->msg != NULL, true, 0);
    y += 4;
    if (!s->found)
        goto hints;
    char buf[768], date[32];
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
    term_put(y++, x, w, _("What has happened so far:"), ROLE_TITLE);
    int bottom = f->top + f->height;
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
    w_hint(f, ACT_NEXT, N_("Look up"));
    w_hint(f, ACT_BACK, NULL);
}

static screen_result track_handle(void *state, app *a, const event *ev)
{
    track_state *s = state;
    switch (ev->act) {
    case ACT_SCAN:
        lookup(s, a, ev->text);
        return SR_(SR_REDRAW);
    case ACT_NEXT: {
        char q[TF_MAX];
        memcpy(q, s->ref.buf, sizeof q);
        lookup(s, a, q);
        return SR_(SR_REDRAW);
    }
    default:
        if (tf_handle(&s->ref, ev, IME_OFF)) {
            s->msg = NULL;
            return SR_(SR_REDRAW);
        }
        return SR_(SR_NONE);
    }
}

const screen_ops screen_track = {
    .name = "track",
    .state_size = sizeof(track_state),
    .help = N_("Type the dossier number printed on your receipt, for example LS01-000042, and "
               "press Enter. If your receipt has a QR code, hold it under the scanner."),
    .enter = track_enter,
    .leave = track_leave,
    .draw = track_draw,
    .handle = track_handle,
};
