/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The citizen flow: session set-up and wipe, step order, and the checks
 * that turn the session into a dossier. */
#include "citizen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "store_clerk.h"
#include "util.h"
#include "workdays.h"

citizen *cz(const app *a)
{
    return (citizen *)a->session;
}

static void cz_init(app *a)
{
    citizen *c = cz(a);
    memset(c, 0, sizeof *c);
    tf_init(&c->name, TF_TEXT, PK_NAME_MAX - 1);
    /* no longer than a valid number: after a failed Enter the digits a
     * citizen types next (meant for the next field) cannot pile up here */
    tf_init(&c->id, TF_DIGITS, 12);
    tf_init(&c->phone, TF_DIGITS, 14);   /* 0084 + 10 digits */
    tf_init(&c->email, TF_ASCII, PK_EMAIL_MAX - 1);
    tf_init(&c->unit_query, TF_TEXT, 64);
    tf_init(&c->street, TF_TEXT, PK_STREET_MAX - 1);
    tf_init(&c->recipient, TF_TEXT, PK_NAME_MAX - 1);
    tf_init(&c->search, TF_TEXT, 80);
}

static bool cz_active(const app *a)
{
    const citizen *c = cz(a);
    return c->form != 0 || c->search.len > 0 || c->name.len > 0;
}

void citizen_attach(app *a, citizen *c)
{
    a->session = c;
    a->session_size = sizeof *c;
    a->session_init = cz_init;
    a->session_active = cz_active;
    a->help = &screen_help;
    a->track = &screen_track;
    a->enlarge = &screen_enlarge;
    a->staff_alerts = true;   /* F4 reaches the clerks (app.c call_staff) */
    a->idle_check = true;     /* the full database check in idle time (app.c) */
    app_ime_by_lang(a);
}

/* ---- the order of the steps ------------------------------------------------ */

static int flow(service_form form, const screen_ops **out)
{
    int n = 0;
    out[n++] = &screen_procedures;
    out[n++] = &screen_procedure;
    if (form != FORM_RETURN)
        out[n++] = &screen_documents;   /* nothing to hand over for a return only */
    out[n++] = &screen_consent;         /* before the first personal field */
    out[n++] = &screen_applicant;
    if (form != FORM_SEND)
        out[n++] = &screen_address;     /* only when the result comes by post */
    out[n++] = &screen_review;
    return n;
}

void citizen_step(const app *a, const screen_ops *s, int *n, int *m)
{
    const screen_ops *steps[8];
    int k = flow(cz(a)->form, steps);
    *m = k;
    *n = 0;
    for (int i = 0; i < k; i++)
        if (steps[i] == s)
            *n = i + 1;
}

screen_result citizen_advance(app *a, const screen_ops *s)
{
    citizen *c = cz(a);
    const screen_ops *steps[8];
    int k = flow(c->form, steps);
    int i = 0;
    while (i < k && steps[i] != s)
        i++;
    if (c->editing && !app_on_stack(a, &screen_review))
        c->editing = false;
    if (c->editing) {
        /* a new procedure means new documents to tick before the review */
        bool docs_next = i + 1 < k && steps[i + 1] == &screen_documents;
        if (!(s == &screen_procedure && docs_next) && s != &screen_procedures) {
            c->editing = false;
            return SR_TO(SR_BACK_TO, &screen_review, NULL);
        }
    }
    if (i + 1 >= k)
        return SR_(SR_NONE);
    return SR_TO(SR_PUSH, steps[i + 1], NULL);
}

/* ---- the procedure and what it means today ------------------------------- */

int citizen_year(const app *a)
{
    int y, m, d;
    date_to_ymd(date_local_day(app_now(a)), &y, &m, &d);
    return y;
}

pk_err citizen_choose(app *a, const char *code)
{
    citizen *c = cz(a);
    procedure p;
    pk_err e = store_procedure_get(a->db, code, &p);
    if (e != PK_OK)
        return e;
    if (!c->have_proc || strcmp(c->proc.code, p.code) != 0) {
        memset(c->handed, 0, sizeof c->handed);
        c->docs_seen = false;
    }
    c->proc = p;
    c->have_proc = true;

    tariff t;
    memset(&t, 0, sizeof t);
    const char *scope = a->cfg && a->cfg->scope[0] ? a->cfg->scope : "province";
    c->have_tariff = store_tariff_get(a->db, c->form ? c->form : FORM_BOTH, scope, &t) == PK_OK;
    c->fee_post = c->have_tariff ? t.charge_vnd : 0;
    c->transit_days = c->have_tariff ? t.transit_days : 0;

    int64_t now = app_now(a);
    int today = date_local_day(now);
    holiday *h = NULL;
    int nh = 0;
    if (store_holidays(a->db, &h, &nh) != PK_OK) {
        h = NULL;
        nh = 0;
    }
    workcal cal;
    workcal_init(&cal, h, nh);
    int day = dossier_expected_day(&cal, today, date_local_hour(now), &c->proc, c->transit_days,
                                   c->form ? c->form : FORM_BOTH);
    date_format(day, c->expected_date);
    workcal_free(&cal);
    free(h);
    return PK_OK;
}

int citizen_missing_docs(const citizen *c)
{
    int n = 0;
    for (int i = 0; i < c->proc.ndocs && i < PK_MAX_DOCS; i++)
        if (c->proc.docs[i].required && !c->handed[i])
            n++;
    return n;
}

bool citizen_typed(const citizen *c)
{
    return c->name.len || c->id.len || c->phone.len || c->email.len || c->unit_query.len ||
           c->have_unit || c->street.len || c->recipient.len;
}

/* ---- checks ---------------------------------------------------------------- */

const screen_ops *citizen_problem(const app *a, const char **msg)
{
    const citizen *c = cz(a);
    char out[PK_TEXT_MAX];
    val_result v;
    *msg = NULL;
    if (!c->have_proc || !dossier_eligible(&c->proc, c->form)) {
        *msg = N_("Please choose a procedure that can be done by post.");
        return &screen_procedures;
    }
    if (!c->consent) {
        *msg = N_("Please read and accept how your personal data is used.");
        return &screen_consent;
    }
    if ((v = dossier_check_name(c->name.buf, out, sizeof out)) != VAL_OK ||
        (v = dossier_check_id(c->id.buf, citizen_year(a), out, sizeof out)) != VAL_OK ||
        (v = dossier_check_phone(c->phone.buf, out, sizeof out)) != VAL_OK ||
        (v = dossier_check_email(c->email.buf, out, sizeof out)) != VAL_OK) {
        *msg = dossier_val_msg(v);
        mem_wipe(out, sizeof out);
        return &screen_applicant;
    }
    if (c->form != FORM_SEND) {
        if (!c->have_unit) {
            *msg = N_("Please choose your commune or ward.");
            return &screen_address;
        }
        if ((v = dossier_check_street(c->street.buf, out, sizeof out)) != VAL_OK ||
            (c->other_recipient &&
             (v = dossier_check_name(c->recipient.buf, out, sizeof out)) != VAL_OK)) {
            *msg = dossier_val_msg(v);
            mem_wipe(out, sizeof out);
            return &screen_address;
        }
    }
    mem_wipe(out, sizeof out);
    return NULL;
}

bool citizen_build(const app *a, dossier *d)
{
    const citizen *c = cz(a);
    const char *msg;
    if (citizen_problem(a, &msg))
        return false;
    memset(d, 0, sizeof *d);
    str_copy(d->proc_code, sizeof d->proc_code, c->proc.code);
    d->form = c->form;
    dossier_check_name(c->name.buf, d->name, sizeof d->name);
    dossier_check_id(c->id.buf, citizen_year(a), d->id_number, sizeof d->id_number);
    dossier_check_phone(c->phone.buf, d->phone, sizeof d->phone);
    dossier_check_email(c->email.buf, d->email, sizeof d->email);
    if (c->form != FORM_SEND) {
        d->unit_id = c->unit.id;
        str_copy(d->province, sizeof d->province, c->unit.province);
        char unit[sizeof c->unit.type + sizeof c->unit.name + 2];
        snprintf(unit, sizeof unit, "%s %s", c->unit.type, c->unit.name);
        str_copy(d->unit_name, sizeof d->unit_name, unit);
        dossier_check_street(c->street.buf, d->street, sizeof d->street);
        if (c->other_recipient)
            dossier_check_name(c->recipient.buf, d->recipient, sizeof d->recipient);
    }
    int nd = 0;
    for (int i = 0; i < c->proc.ndocs && i < PK_MAX_DOCS && c->form != FORM_RETURN; i++) {
        const proc_doc *pd = &c->proc.docs[i];
        dossier_doc *dd = &d->docs[nd++];
        str_copy(dd->name_vi, sizeof dd->name_vi, pd->name_vi);
        str_copy(dd->name_en, sizeof dd->name_en, pd->name_en);
        dd->kind = pd->kind;
        dd->required = pd->required;
        dd->handed = c->handed[i];
    }
    d->ndocs = nd;
    tariff t;
    memset(&t, 0, sizeof t);
    t.form = c->form;
    t.charge_vnd = c->fee_post;
    t.transit_days = c->transit_days;
    dossier_fees(&c->proc, &t, d);
    str_copy(d->expected_date, sizeof d->expected_date, c->expected_date);
    d->created_at = app_now(a);
    str_copy(d->lang, sizeof d->lang, i18n_lang());
    d->sample = a->practice;          /* demo practice: a sample, never a real dossier */
    d->consent_process = c->consent;
    d->consent_sms = c->consent_sms;
    d->consent_email = c->consent_email;
    if (a->cfg)
        str_copy(d->kiosk_code, sizeof d->kiosk_code, a->cfg->kiosk_code);
    return true;
}

/* The dossier and its consent evidence (RELIABILITY §3.4: notice version
 * and choices) in one transaction: either both are stored or neither. The
 * actor is the clerk who typed it at the counter, else "kiosk". */
pk_err citizen_commit(app *a, dossier *d, int64_t *job)
{
    const citizen *c = cz(a);
    const char *actor = c->actor[0] ? c->actor : "kiosk";
    const char *prefix = a->cfg && a->cfg->s10_prefix[0] ? a->cfg->s10_prefix : "RA";
    pk_err e = store_tx_begin(a->db);
    if (e != PK_OK)
        return e;
    e = store_dossier_create(a->db, d, prefix, actor, job);
    if (e == PK_OK) {
        char detail[96];
        snprintf(detail, sizeof detail, "notice=%s process=1 sms=%d email=%d lang=%s",
                 CITIZEN_NOTICE_VERSION, c->consent_sms ? 1 : 0, c->consent_email ? 1 : 0, d->lang);
        e = store_audit_append(a->db, d->created_at, actor, "consent", d->ref, detail);
    }
    if (e != PK_OK) {
        store_tx_rollback(a->db);
        return e;
    }
    return store_tx_commit(a->db);
}

/* ---- small text helpers ---------------------------------------------------- */

const char *citizen_pick(const char *vi, const char *en)
{
    /* only English has glosses; Tày, Nùng... read the Vietnamese names */
    if (strcmp(i18n_lang(), "en") == 0 && en && *en)
        return en;
    return vi;
}

void citizen_legal(const char *vi, const char *en, char *out, size_t outsz)
{
    if (strcmp(i18n_lang(), "en") == 0 && en && *en && strcmp(vi, en) != 0)
        snprintf(out, outsz, "%s (%s)", vi, en);
    else
        snprintf(out, outsz, "%s", vi);
}

void citizen_dashed(const char *vi, const char *en, char *out, size_t outsz)
{
    if (strcmp(i18n_lang(), "en") == 0 && en && *en && strcmp(vi, en) != 0)
        snprintf(out, outsz, "%s \xe2\x80\x94 %s", vi, en);
    else
        snprintf(out, outsz, "%s", vi);
}

void citizen_date(const char *iso, char *out, size_t outsz)
{
    int y, m, d;
    if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
        snprintf(out, outsz, "%02d/%02d/%04d", d, m, y);
    else
        snprintf(out, outsz, "%s", iso ? iso : "");
}

const char *citizen_form_name(service_form f)
{
    switch (f) {
    case FORM_SEND: return N_("Send a dossier by post");
    case FORM_RETURN: return N_("Receive a result by post");
    case FORM_BOTH: return N_("Send a dossier and receive the result by post");
    }
    return "";
}
