/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every clerk screen shares: the session, inactivity sign-out, the
 * header line, flash messages and scanned receipts. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clerk.h"
#include "dates.h"
#include "i18n.h"
#include "config.h"
#include "dossier.h"
#include "ids.h"
#include "store_lookup.h"
#include "receipt.h"
#include "text.h"
#include "track_remote.h"
#include "util.h"

enum { WARN_SECONDS = 20 };

static void session_init(app *a)
{
    clerk_ui *ui = a->session;
    ui->status_filter = -2;
    tf_init(&ui->search, TF_TEXT, 60);
    ui->auth_ok = a->cfg && auth_load_pepper(&ui->auth, a->cfg->pepper_file, ui->auth_msg,
                                             sizeof ui->auth_msg) == PK_OK;
}

static bool session_active(const app *a)
{
    const clerk_ui *ui = a->session;
    return ui->sess.active;
}

/* Drawn by the app instead of the screen while the terminal is smaller
 * than 80x24 (keys do nothing meanwhile). */
static void small_draw(const void *state, const app *a, frame *f)
{
    (void)state;
    char buf[160];
    snprintf(buf, sizeof buf, _("Please make the window larger: at least %d x %d."), a->min_cols,
             a->min_rows);
    w_text(f, 0, 0, f->cols, f->rows, buf, ROLE_WARN);
}

static screen_result small_handle(void *state, app *a, const event *ev)
{
    (void)state;
    (void)a;
    (void)ev;
    return SR_(SR_NONE);
}

static const screen_ops screen_clerk_small = {
    .name = "clerk_small",
    .draw = small_draw,
    .handle = small_handle,
};

void clerk_attach(app *a, clerk_ui *ui)
{
    a->enlarge = &screen_clerk_small;
    a->session = ui;
    a->session_size = sizeof *ui;
    a->session_init = session_init;
    a->session_active = session_active;
    a->idle_timeout = 0;          /* the clerk screens sign out themselves */
    a->title = N_("Clerk workstation");
    a->help = &screen_clerk_help;   /* F1 on every clerk screen: its own help */
}

clerk_ui *clerk_of(const app *a)
{
    return a->session;
}

screen_result clerk_sign_out(app *a, const char *why)
{
    clerk_ui *ui = a->session;
    if (ui->sess.active)
        store_clerk_sign_out(a->db, &ui->sess, why, app_now(a));
    auth_session_end(&ui->sess);
    return SR_(SR_HOME);   /* the app wipes every screen and the session */
}

/* A kiosk's call for staff shows at once on every clerk screen (read on
 * every event, the tick each second included) until a clerk presses F8. */
static bool alerts(app *a, clerk_ui *ui, const event *ev)
{
    staff_alert al;
    if (store_staff_alert_open(a->db, &al) != PK_OK)
        memset(&al, 0, sizeof al);
    if (al.id != ui->alert.id) {
        ui->alert = al;
        a->dirty = true;
        if (al.id)
            term_beep();
    }
    if (ev->act != ACT_SEEN || !ui->alert.id || !ui->sess.active)
        return false;
    pk_err e = store_staff_alert_seen(a->db, ui->alert.id, ui->sess.id, app_now(a));
    if (e != PK_OK && e != PK_ENOTFOUND)
        clerk_flash(a, true, pk_err_msg(e));
    if (store_staff_alert_open(a->db, &ui->alert) != PK_OK)
        memset(&ui->alert, 0, sizeof ui->alert);
    a->dirty = true;
    return true;
}

bool clerk_guard(app *a, const event *ev, screen_result *out)
{
    clerk_ui *ui = a->session;
    if (alerts(a, ui, ev)) {
        auth_session_touch(&ui->sess, app_now(a));
        *out = SR_(SR_REDRAW);
        return true;
    }
    if (!ui->sess.active)
        return false;
    int64_t now = app_now(a);
    if (ev->act == ACT_TICK) {
        if (auth_session_expired(&ui->sess, now)) {
            *out = clerk_sign_out(a, "idle");
            return true;
        }
        if (auth_session_left(&ui->sess, now) <= WARN_SECONDS)
            a->dirty = true;   /* the countdown in the header moves */
        return false;
    }
    auth_session_touch(&ui->sess, now);
    return false;
}

int clerk_header(const app *a, frame *f, const char *title)
{
    const clerk_ui *ui = a->session;
    int y = f->top;
    term_put(y, f->left + 1, f->width / 2, title, ROLE_TITLE);
    if (ui->sess.active) {
        char who[160];
        snprintf(who, sizeof who, "%s: %s (%s)", _("Signed in"), ui->sess.id,
                 _(auth_role_label(ui->sess.role)));
        int64_t left = auth_session_left(&ui->sess, app_now(a));
        if (left <= WARN_SECONDS) {
            snprintf(who, sizeof who, _("Signing out in %d s: press any key to stay"), (int)left);
            int w = text_width(who);
            term_put(y, f->left + f->width - w - 1, w, who, ROLE_WARN);
        } else {
            int w = text_width(who);
            if (w < f->width / 2)
                term_put(y, f->left + f->width - w - 1, w, who, ROLE_DIM);
        }
    }
    if (ui->alert.id) {   /* on the blank line under the title: nothing moves */
        char when[8], line[256];
        time_t t = (time_t)ui->alert.at;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(when, sizeof when, "%H:%M", &tm);
        if (strcmp(ui->alert.screen, "integrity") == 0)   /* the kiosk's idle check (app.c) */
            snprintf(line, sizeof line,
                     _("! %s Kiosk %s: its database failed the integrity check and it takes no "
                       "new dossiers; restore the last backup. F8: seen"),
                     when, ui->alert.kiosk);
        else
            snprintf(line, sizeof line,
                     _("! %s Kiosk %s: a citizen asks for help (screen: %s). F8: seen"), when,
                     ui->alert.kiosk, ui->alert.screen);
        w_banner(f, y + 1, line, ROLE_WARN);   /* says its key: the hint bar stays as it is */
    }
    return y + 2;
}

int clerk_flash_draw(const app *a, frame *f, int y)
{
    const clerk_ui *ui = a->session;
    if (!ui->flash[0])
        return 0;
    /* wrapped, never cut: a batch's "done" says where its papers went */
    if (ui->flash_error)
        return w_banner_wrapped(f, y, CLERK_FLASH_LINES, ui->flash, ROLE_ERROR);
    return w_text(f, y, f->left + 1, f->width - 2, CLERK_FLASH_LINES, ui->flash, ROLE_OK);
}

int clerk_flash_rows(const app *a, const frame *f)
{
    const clerk_ui *ui = a->session;
    if (!ui->flash[0])
        return 0;
    /* the widths clerk_flash_draw wraps at: a banner spans the terminal */
    return w_text_lines(ui->flash, ui->flash_error ? f->cols - 2 : f->width - 2,
                        CLERK_FLASH_LINES);
}

void clerk_flash(app *a, bool error, const char *msgid)
{
    clerk_ui *ui = a->session;
    str_copy(ui->flash, sizeof ui->flash, msgid ? _(msgid) : "");
    ui->flash_error = error;
    if (error)
        term_beep();
}

void clerk_flashf(app *a, bool error, const char *fmt, ...)
{
    clerk_ui *ui = a->session;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ui->flash, sizeof ui->flash, fmt, ap);
    va_end(ap);
    ui->flash_error = error;
    if (error)
        term_beep();
}

/* A verified receipt of another kiosk (receipt_verify used its key from
 * the province): one short question to the central server. */
static screen_result scan_remote(app *a, const char *ref)
{
    clerk_ui *ui = a->session;
    remote_dossier r;
    pk_err e = track_remote(a->sync, ref, &r, NULL, 0);
    int st = e == PK_OK ? dossier_status_parse(r.status) : -1;
    store_audit_append(a->db, app_now(a), ui->sess.active ? ui->sess.id : "?", "remote_lookup",
                       ref, st >= 0 ? "found" : e == PK_ENOTFOUND ? "unknown" : "offline");
    if (st >= 0) {
        char when[32];
        clerk_time(r.updated_at, when, sizeof when);
        clerk_flashf(a, false,
                     _("%s (post office %s): %s; from the provincial server, last change %s"),
                     r.ref, r.kiosk, _(clerk_status_short(st)), when);
    } else if (e == PK_ENOTFOUND) {
        clerk_flashf(a, true,
                     _("%s is a genuine receipt of another post office, but the provincial "
                       "server has no news of it yet."),
                     ref);
    } else {
        clerk_flashf(a, true, _("%s is a receipt of another post office, and the provincial "
                                "server cannot be reached now: its status cannot be checked here."),
                     ref);
    }
    return SR_(SR_REDRAW);
}

pk_err clerk_resolve(app *a, const char *payload, char ref[PK_REF_MAX])
{
    clerk_ui *ui = a->session;
    char text[EV_TEXT_MAX], key[IDS_KEY_MAX];
    size_t n = 0;
    for (const char *p = payload; *p && n < sizeof text - 1; p++)
        if (!isspace((unsigned char)*p))
            text[n++] = (char)toupper((unsigned char)*p);
    text[n] = '\0';
    ref[0] = '\0';
    pk_err e;
    ids_key_kind k = ids_parse_key(text, a->cfg ? a->cfg->kiosk_code : NULL, key, sizeof key);
    if (k == IDS_KEY_S10) {
        e = store_dossier_ref_by_s10(a->db, key, ref);   /* an envelope label */
    } else if (k == IDS_KEY_REF) {
        str_copy(ref, PK_REF_MAX, key);
        e = PK_OK;
    } else {
        int64_t issued = 0;
        e = receipt_verify(a->cfg, text, ref, PK_REF_MAX, &issued);
    }
    /* a receipt from practice or a guided tour (its reference or its S10
     * number in the practice series): not a dossier, and not a forgery */
    bool practice = (e == PK_OK && strncmp(ref, PK_PRACTICE_KIOSK_CODE "-",
                                           strlen(PK_PRACTICE_KIOSK_CODE) + 1) == 0) ||
                    (ids_s10_valid(text) && strncmp(text, PK_PRACTICE_S10_PREFIX, 2) == 0);
    if (practice) {
        store_audit_append(a->db, app_now(a), ui->sess.active ? ui->sess.id : "?",
                           "scan_rejected", "", "practice");
        ref[0] = '\0';
        return PK_ESTATE;
    }
    dossier d;
    if (e == PK_OK)
        e = store_dossier_get(a->db, ref, &d) == PK_OK ? PK_OK : PK_ENOTFOUND;
    mem_wipe(&d, sizeof d);
    if (e == PK_OK)
        return PK_OK;
    bool number = k == IDS_KEY_S10 || k == IDS_KEY_REF;
    bool genuine = !number && e == PK_ENOTFOUND;
    /* a genuine receipt of another kiosk is no rejected scan: the caller
     * may ask the central server (track_remote) */
    if (genuine && a->cfg && track_remote_foreign(a->cfg->kiosk_code, ref))
        return PK_ENOTFOUND;
    /* forged, from another system, or restored from an old backup: the
     * attempt is logged (no payload kept) */
    store_audit_append(a->db, app_now(a), ui->sess.active ? ui->sess.id : "?", "scan_rejected",
                       genuine ? ref : "", number ? "unknown_number" : genuine ? "unknown" : "bad_mac");
    if (!genuine)
        ref[0] = '\0';
    return number ? PK_EINVAL : genuine ? PK_ENOTFOUND : PK_ETAMPER;
}

screen_result clerk_scan(app *a, const char *payload)
{
    clerk_ui *ui = a->session;
    char ref[PK_REF_MAX];
    pk_err e = clerk_resolve(a, payload, ref);
    if (e == PK_OK) {
        /* the screen's argument must outlive this call */
        str_copy(ui->scanned_ref, sizeof ui->scanned_ref, ref);
        return SR_TO(SR_PUSH, &screen_clerk_dossier, ui->scanned_ref);
    }
    /* a genuine receipt of another kiosk: its status from the central
     * server, saying from when; offline, said plainly */
    if (e == PK_ENOTFOUND && ref[0] && track_remote_foreign(a->cfg->kiosk_code, ref))
        return scan_remote(a, ref);
    if (e == PK_ESTATE) {
        clerk_flash(a, true, N_("This is a practice receipt from a demonstration: there is no "
                                "dossier behind it. Nothing to do."));
        return SR_(SR_REDRAW);
    }
    clerk_flash(a, true, e == PK_EINVAL ? N_("No dossier here has this number.")
                         : e == PK_ENOTFOUND
                             ? N_("WARNING: this receipt is genuine but its dossier is not in this "
                                  "database. Keep the receipt and call the supervisor.")
                             : N_("WARNING: this receipt failed its security check. It may be "
                                  "forged. Keep it and call the supervisor."));
    return SR_(SR_REDRAW);
}

void clerk_time(int64_t t, char *out, size_t outsz)
{
    if (t <= 0 || !date_local_format(t, "%d/%m/%Y %H:%M", out, outsz))
        str_copy(out, outsz, "-");
}

void clerk_date(const char *ymd, char *out, size_t outsz)
{
    if (!date_iso_to_dmy(ymd, out, outsz))
        str_copy(out, outsz, ymd && ymd[0] ? ymd : "-");
}

const char *clerk_status_short(int status)
{
    return dossier_status_name(status);
}

const char *clerk_filter_label(int filter)
{
    if (filter == -2)
        return N_("Open dossiers");
    if (filter == -1)
        return N_("All dossiers");
    if (filter == DOSSIER_FILTER_INCIDENTS)   /* the compensation cases (QĐ 45 Đ.14) */
        return N_("Lost or damaged");
    return clerk_status_short(filter);
}

int clerk_filter_next(int filter, int dir)
{
    /* -2 open, -1 all, 0 .. ST__COUNT-1, then -3 lost or damaged, around */
    int pos = filter == DOSSIER_FILTER_INCIDENTS ? ST__COUNT + 2 : filter + 2;
    int n = ST__COUNT + 3, i = ((pos + dir) % n + n) % n;
    return i == ST__COUNT + 2 ? DOSSIER_FILTER_INCIDENTS : i - 2;
}

dossier_filter clerk_queue_filter(const clerk_ui *ui)
{
    dossier_filter f = {
        .status = ui->status_filter,
        .query = ui->search.buf[0] ? ui->search.buf : NULL,
        .from_date = ui->from[0] ? ui->from : NULL,
        .to_date = ui->to[0] ? ui->to : NULL,
        .proc_code = ui->proc_code[0] ? ui->proc_code : NULL,
        .agency = ui->agency[0] ? ui->agency : NULL,
        .unit_id = ui->unit_id,
    };
    return f;
}

void clerk_filters_text(const clerk_ui *ui, char *out, size_t outsz)
{
    sbuf b = {0};
    char d1[32], d2[32];
    if (ui->from[0] || ui->to[0]) {
        clerk_date(ui->from, d1, sizeof d1);
        clerk_date(ui->to, d2, sizeof d2);
        sbuf_addf(&b, "%s %s - %s", _("Registered"), ui->from[0] ? d1 : "...",
                  ui->to[0] ? d2 : "...");
    }
    if (ui->proc_code[0])
        sbuf_addf(&b, "%s%s", b.len ? " \xc2\xb7 " : "", ui->proc_name);
    if (ui->agency[0])
        sbuf_addf(&b, "%s%s", b.len ? " \xc2\xb7 " : "", ui->agency);
    if (ui->unit_id)
        sbuf_addf(&b, "%s%s", b.len ? " \xc2\xb7 " : "", ui->unit_name);
    str_copy(out, outsz, b.data ? b.data : "");
    sbuf_free(&b);
}
