/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk workstation: the session every clerk screen shares (the app's
 * session, wiped on sign-out), the screens, and small shared helpers.
 * Sign-in is the root; the menu, queue, dossier, action form, handover,
 * print jobs and reports are pushed on top of it. Inactivity signs the
 * clerk out (cfg.clerk_timeout) with a logged "logout". */
#ifndef PK_CLERK_H
#define PK_CLERK_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "auth.h"
#include "citizen.h"
#include "paper.h"
#include "store_clerk.h"
#include "store_notify.h"
#include "widgets.h"

typedef struct {
    auth_ctx auth;                /* the PIN pepper (reloaded after every wipe) */
    bool auth_ok;
    char auth_msg[160];           /* why the pepper could not be read */
    clerk_session sess;
    /* queue state kept while the clerk opens dossiers */
    int status_filter;            /* -2 open, -1 all, else a status */
    tfield search;
    char from[PK_DATE_MAX], to[PK_DATE_MAX];   /* registered between, "" = open */
    char proc_code[PK_CODE_MAX], proc_name[PK_TEXT_MAX];
    char agency[PK_TEXT_MAX];
    int unit_id;
    char unit_name[96];
    /* last outcome shown on the next screen (already translated) */
    char flash[PK_TEXT_MAX];
    bool flash_error;
    char scanned_ref[PK_REF_MAX];  /* the argument of the dossier screen a scan opens */
    staff_alert alert;            /* a kiosk's call for staff not yet seen (id 0: none) */
    citizen counter;              /* a citizen's dossier typed at the counter (clerk_counter.c) */
} clerk_ui;

/* What the dossier screen hands to the action form. */
enum { CLERK_STEP_LOST = 1000, CLERK_STEP_DAMAGED };
typedef struct {
    char ref[PK_REF_MAX];
    dossier_status from;
    int to;                       /* a status, or CLERK_STEP_LOST / _DAMAGED */
    int64_t fee_proc;             /* suggested fee to collect at acceptance */
    int64_t fee_post;             /* suggested postage to collect at acceptance */
    char recipient[PK_NAME_MAX];  /* who should receive the result (the form's suggestion) */
} clerk_step;

extern const screen_ops screen_clerk_signin, screen_clerk_menu, screen_clerk_queue,
    screen_clerk_dossier, screen_clerk_action, screen_clerk_filters, screen_clerk_handover, screen_clerk_jobs,
    screen_clerk_reports, screen_clerk_today, screen_clerk_batch;
/* F1 on any clerk screen (clerk_help.c); supervisors only (clerk_super.c):
 * accounts, the audit log, approving a purge. */
extern const screen_ops screen_clerk_help, screen_clerk_super, screen_clerk_audit,
    screen_clerk_purge;

/* Installs the clerk session on the app (session_init, no app idle timer:
 * the clerk screens sign out themselves). */
void clerk_attach(app *a, clerk_ui *ui);
clerk_ui *clerk_of(const app *a);

/* Every clerk screen calls this first in handle(): marks activity, and on
 * ACT_TICK signs out after inactivity. true (with *out = SR_HOME) when the
 * clerk was signed out. */
bool clerk_guard(app *a, const event *ev, screen_result *out);
/* Signs out now (why: "idle", "user"), logged. */
screen_result clerk_sign_out(app *a, const char *why);

/* Top line of every clerk screen: title, clerk id and role, and the
 * sign-out countdown when it is near. Returns the next free row. */
int clerk_header(const app *a, frame *f, const char *title);
/* The flash message, wrapped over at most CLERK_FLASH_LINES rows from y
 * (clears nothing: draw is pure). Returns the rows used (0: none). */
enum { CLERK_FLASH_LINES = 4 };
int clerk_flash_draw(const app *a, frame *f, int y);
/* The rows clerk_flash_draw takes in f, without drawing (for handle). */
int clerk_flash_rows(const app *a, const frame *f);
void clerk_flash(app *a, bool error, const char *msgid);
/* Prints the papers the step just recorded hands out (clerk_papers.c) and
 * says in the flash where they went. */
void clerk_papers_after(app *a, const char *ref, dossier_status to);
/* As clerk_papers_after(); the acceptance slip gets the checklist the clerk
 * counted (NULL = the documents ticked, with blank sheets). */
void clerk_papers_after_checked(app *a, const char *ref, dossier_status to,
                                const paper_check *checks, int nchecks);
void clerk_flashf(app *a, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Registers a dossier for a citizen at the counter on the kiosk's screens
 * (clerk_counter.c); back on the menu when done or left. */
screen_result clerk_counter_start(app *a);

/* Reloads the dossier screen under the top one (after a step was recorded
 * on the form above it), without logging another lookup. */
void clerk_dossier_refresh(app *a);

/* Reloads the queue screen under the top one (filters changed). */
void clerk_queue_refresh(app *a);

/* A scanned receipt (its HMAC verified), envelope label (S10 number) or a
 * typed reference: the dossier's reference. PK_ETAMPER for a receipt that
 * fails its check, PK_ENOTFOUND for a genuine receipt whose dossier is not
 * here, PK_EINVAL for a number no dossier here has, PK_ESTATE for a
 * practice or tour receipt (no dossier, no forgery); all logged as
 * rejected scans (no payload kept). */
pk_err clerk_resolve(app *a, const char *payload, char ref[PK_REF_MAX]);
/* A scan on a clerk screen: opens the dossier, or warns loudly (beep, red
 * line) about a forged or unknown receipt. */
screen_result clerk_scan(app *a, const char *payload);

/* The counts per status under a screen's title (clerk_counts.c): "Total:
 * n" then every status with dossiers, over at most rows rows from y; what
 * does not fit is one "Other statuses: n", so the numbers shown add up to
 * the total. Returns the rows used. clerk_counts_rows: the rows to give it
 * in a frame of this size. */
int clerk_counts_draw(frame *f, int y, int rows, const int64_t counts[ST__COUNT]);
int clerk_counts_rows(const frame *f);

/* Short status names for clerks (msgid), e.g. "Accepted". */
const char *clerk_status_short(int status);
/* The queue's status filters in order: open, all, every status, then the
 * items recorded lost or damaged. */
const char *clerk_filter_label(int filter);   /* msgid */
int clerk_filter_next(int filter, int dir);

/* The queue's filter from the session. */
dossier_filter clerk_queue_filter(const clerk_ui *ui);
/* One line describing the filters other than the status ("" when none). */
void clerk_filters_text(const clerk_ui *ui, char *out, size_t outsz);


/* "17/02/2026 08:30" in local time. */
void clerk_time(int64_t t, char *out, size_t outsz);
/* "17/02/2026" from YYYY-MM-DD (copied as is when malformed). */
void clerk_date(const char *ymd, char *out, size_t outsz);

#endif
