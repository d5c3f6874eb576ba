/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The citizen flow: the draft dossier every citizen screen shares (the
 * app's session, wiped with mem_wipe on timeout, cancel and finish) and
 * the order of the steps, which depends on the service form. */
#ifndef PK_CITIZEN_H
#define PK_CITIZEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "app.h"
#include "dossier.h"
#include "idcard.h"
#include "model.h"
#include "screen.h"
#include "widgets.h"

enum { CZ_UNITS_MAX = 128 };

/* The procedure list before anything is typed leads with at most this
 * many of the most requested procedures (one keypad page). */
enum { CZ_FIRST_MOST = 8 };

/* Version of the personal-data notice on the consent screen; recorded with
 * the citizen's choices in the audit log. Change it when the text changes. */
#define CITIZEN_NOTICE_VERSION "2026-12-1"   /* SMS and e-mail asked apart */

typedef struct {
    service_form form;            /* 0 until chosen on the welcome screen */
    service_form asked_form;      /* what the welcome screen chose: an alternative
                                   * accepted for one procedure ends with it */

    /* chosen procedure, and what it means today */
    bool have_proc;
    procedure proc;
    char expected_date[PK_DATE_MAX];
    int64_t fee_post;             /* postal charge from the tariff */
    bool have_tariff;             /* false: no tariff row, the counter says */
    int transit_days;

    /* documents ticked (index = proc.docs index) */
    bool handed[PK_MAX_DOCS];
    bool docs_seen;               /* the documents step was visited */

    bool consent;                 /* required: processing of this dossier */
    bool consent_sms;             /* optional: status messages by phone */
    bool consent_email;           /* optional: ... by e-mail (its own box) */

    /* applicant */
    tfield name, id, phone, email;
    /* the ID card's QR code filled the name, ID and address: the screens
     * ask the citizen to check them; card_unit is the commune or ward the
     * card names when it is not in the unit list ("Xã Hợp Thành") */
    bool from_card;
    char card_unit[160];
    /* return address */
    char province[64];
    bool have_unit;
    admin_unit unit;
    tfield unit_query;
    tfield street;
    bool other_recipient;
    tfield recipient;

    /* search text of the procedure list, kept when going back */
    tfield search;

    /* who registers it: "" at the kiosk (the citizen), else the clerk's id
     * at the counter or "cli" (postkiosk dossier add), set after each wipe */
    char actor[64];

    /* the on-screen keyboard types into this field (a touch on a field
     * opens it); osk_label is the field's label, a msgid */
    tfield *osk_field;
    const char *osk_label;

    /* opened from the review screen: the next step returns there */
    bool editing;

    /* after the commit */
    bool committed;
    dossier done;
    int64_t job_id;
    pk_err print_err;
    char print_msg[PK_TEXT_MAX];
} citizen;

extern const screen_ops screen_welcome, screen_procedures, screen_procedure,
    screen_documents, screen_consent, screen_applicant, screen_address, screen_review,
    screen_done, screen_track, screen_help, screen_enlarge, screen_keyboard;

/* Opens the on-screen keyboard for field t (in the session or in the
 * state of a screen below it), titled label (msgid). */
screen_result citizen_keyboard(app *a, tfield *t, const char *label);

/* Installs c as the app's session and the citizen screens as home, help,
 * track and enlarge; then app_start(a, &screen_welcome) starts. */
void citizen_attach(app *a, citizen *c);
citizen *cz(const app *a);

/* Step n of m for screen s (0 when s is no numbered step). */
void citizen_step(const app *a, const screen_ops *s, int *n, int *m);
/* Goes on from screen s: the next step, or back to the review screen
 * when the citizen came from there to change something. */
screen_result citizen_advance(app *a, const screen_ops *s);

/* A scanned code on the identity step: when it is an ID card's QR code
 * (idcard.h), fills the name, the ID number, the street and, when the
 * forgiving search finds it in the unit list, the commune or ward.
 * Returns the status; anything but IDCARD_OK fills nothing. Nothing of it
 * is logged. */
idcard_status citizen_scan_card(app *a, const char *payload);
/* "Xã Cao Lộc" */
void citizen_unit_label(const admin_unit *u, char *out, size_t n);

/* Chooses procedure code: loads it, computes fee and expected date. */
pk_err citizen_choose(app *a, const char *code);
/* Which documents are required but not ticked. */
int citizen_missing_docs(const citizen *c);
/* Something personal was typed or scanned (name, numbers, address):
 * leaving for the welcome screen must ask, then erase it. */
bool citizen_typed(const citizen *c);
/* Validates every field; on the first problem returns the field's screen
 * and sets *msg (msgid). NULL when all is well. */
const screen_ops *citizen_problem(const app *a, const char **msg);
/* Fills d from the session (normalised, validated). */
bool citizen_build(const app *a, dossier *d);
/* Stores d and the consent evidence in one transaction (the kiosk's review
 * screen, the counter, `dossier add`); *job the receipt's print job. */
pk_err citizen_commit(app *a, dossier *d, int64_t *job);

/* `postkiosk dossier add`: fills the session of a (citizen_attach'ed and
 * initialised) from "key = value" lines read from in, with the checks and
 * messages of the screens. false on the first problem: *msg (msgid), the
 * key ("" for a line that is no "key = value") and the line number. */
bool citizen_from_keys(app *a, FILE *in, const char **msg, char *key, size_t keysz, int *line);

/* Text in the current language: the English gloss in English, else the
 * Vietnamese legal name (also for Tày, Nùng and other added languages). */
const char *citizen_pick(const char *vi, const char *en);
/* A legal name with its gloss: Vietnamese alone, or "Tờ khai (Form)" when
 * another language is shown (the papers themselves are in Vietnamese). */
void citizen_legal(const char *vi, const char *en, char *out, size_t outsz);
/* A name that is itself in parentheses (an agency: "UBND cấp xã (Tư pháp
 * - hộ tịch)") with its English name after a dash, as the procedure's on
 * the review screen; Vietnamese alone when not in English or when the
 * catalog has no English name. */
void citizen_dashed(const char *vi, const char *en, char *out, size_t outsz);
/* "25/11/2026" from "2026-11-25". */
void citizen_date(const char *iso, char *out, size_t outsz);
/* Name of a service form in plain words (msgid). */
const char *citizen_form_name(service_form f);
/* Current year (for ID checks). */
int citizen_year(const app *a);

#endif
