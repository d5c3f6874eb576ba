/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The life cycle of a dossier on the clerk side: one transaction per
 * change, checked against the one table (dossier_transition_allowed), with
 * the data each step needs and the delivery rule of TT 17 Đ.5.2.h. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "dossier.h"
#include "i18n.h"
#include "notify_text.h"
#include "store_clerk.h"
#include "store_notify.h"
#include "text.h"
#include "util.h"
#include "workdays.h"

static bool seal_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 31)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '-' || c == '/' || c == '.'))
            return false;
    }
    return true;
}

static bool digits4(const char *s)
{
    if (!s || strlen(s) != 4)
        return false;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* NFC, squeezed copy of a free text (note, missing documents); false when
 * it is not clean UTF-8 text or too long. Empty is fine here. */
static bool clean_text(const char *in, char *out, size_t outsz)
{
    out[0] = '\0';
    if (!in)
        return true;
    size_t n = strnlen(in, outsz * 4);
    if (!text_valid_utf8(in, n) || text_has_control(in) || !text_nfc_buf(in, out, outsz))
        return false;
    text_squeeze(out);
    return true;
}

typedef struct {
    int64_t id;
    dossier_status status;
    service_form form;
    int attempts;
    char first_attempt[PK_DATE_MAX], last_attempt[PK_DATE_MAX];
    bool incident;                 /* recorded lost or damaged */
} cycle_row;

/* PK_EEXISTS when another dossier already carries this seal number (a
 * seal is used once: the same number twice means a typing mistake or a
 * reused envelope); compared without case, as clerks type it. */
static pk_err seal_unused(store *s, int64_t id, const char *seal)
{
    /* through the index dossiers_by_seal (schema 14): its WHERE is repeated
     * here so that SQLite may use it (a seal checked is never empty) */
    sqlite3_stmt *stmt = store_stmt(s, "SELECT count(*) FROM dossiers WHERE id <> ?1"
                                       " AND seal_no = ?2 COLLATE NOCASE AND seal_no <> ''");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, id);
    store_bind_text(stmt, 2, seal);
    int rc = sqlite3_step(stmt);
    pk_err e = rc == SQLITE_ROW ? (sqlite3_column_int64(stmt, 0) ? PK_EEXISTS : PK_OK)
                                : store_rc(s, rc);
    store_done(stmt);
    return e;
}

static pk_err read_cycle(store *s, const char *ref, cycle_row *c)
{
    memset(c, 0, sizeof *c);
    if (!ref || !store_text_ok(ref, PK_REF_MAX))
        return PK_EINVAL;
    pk_err e;
    sqlite3_stmt *stmt = store_row(s, "SELECT id, status, form, delivery_attempts, first_attempt,"
                                      " last_attempt, incident <> '' FROM dossiers WHERE ref = ?1",
                                      ref, &e);
    if (e == PK_OK) {
        c->id = sqlite3_column_int64(stmt, 0);
        int stt = dossier_status_parse((const char *)sqlite3_column_text(stmt, 1));
        c->status = stt < 0 ? ST_REGISTERED : (dossier_status)stt;
        c->form = (service_form)sqlite3_column_int(stmt, 2);
        c->attempts = sqlite3_column_int(stmt, 3);
        store_col_text(stmt, 4, c->first_attempt, sizeof c->first_attempt);
        store_col_text(stmt, 5, c->last_attempt, sizeof c->last_attempt);
        c->incident = sqlite3_column_int(stmt, 6) != 0;
        if (stt < 0)
            e = PK_EIO;    /* a status this build does not know: touch nothing */
    }
    store_done(stmt);
    return e;
}

/* Two notices at least two working days apart (TT 17 Đ.5.2.h). */
static bool delivery_tries_done(store *s, const cycle_row *c)
{
    int first, last;
    if (c->attempts < DOSSIER_DELIVERY_ATTEMPTS || !date_parse(c->first_attempt, &first) ||
        !date_parse(c->last_attempt, &last))
        return false;
    holiday *h = NULL;
    int nh = 0;
    if (store_holidays(s, &h, &nh) != PK_OK)
        nh = 0;
    workcal cal;
    workcal_init(&cal, h, nh);
    free(h);
    bool ok = last >= workcal_add(&cal, first, DOSSIER_ATTEMPT_GAP_DAYS);
    workcal_free(&cal);
    return ok;
}

/* The next delivery attempt after one on day: the working-day gap of
 * TT 17 Đ.5.2.h (the date the citizen is told). */
static void next_attempt(store *s, const char *day, char out[PK_DATE_MAX])
{
    int d;
    out[0] = '\0';
    if (!date_parse(day, &d))
        return;
    holiday *h = NULL;
    int nh = 0;
    if (store_holidays(s, &h, &nh) != PK_OK)
        nh = 0;
    workcal cal;
    workcal_init(&cal, h, nh);
    free(h);
    date_format(workcal_add(&cal, d, DOSSIER_ATTEMPT_GAP_DAYS), out);
    workcal_free(&cal);
}

static const char *blocker(store *s, const cycle_row *c, dossier_status to)
{
    if (!dossier_transition_allowed(c->status, to))
        return N_("This step is not allowed from the current status.");
    if (!dossier_transition_allowed_form(c->status, to, c->form))
        return N_("This step does not apply to the service this dossier uses.");
    /* a lost or damaged item is not in the envelope any more: it goes into
     * no handover (the compensation case of QĐ 45 Đ.14 follows it instead) */
    if (c->incident && (to == ST_IN_TRANSIT || to == ST_HANDED))
        return N_("This item was recorded as lost or damaged: it cannot be handed over.");
    if (to == ST_RETURNED && c->status == ST_DELIVERY_FAILED && !delivery_tries_done(s, c))
        return N_("Return to the agency only after two delivery attempts two working days apart.");
    return NULL;
}

const char *store_transition_blocker(store *s, const char *ref, dossier_status to, int64_t now)
{
    (void)now;
    cycle_row c;
    pk_err e = read_cycle(s, ref, &c);
    if (e != PK_OK)
        return pk_err_msg(e);
    return blocker(s, &c, to);
}

pk_err store_dossier_transition(store *s, const char *ref, dossier_status to,
                                const char *actor, const char *note,
                                const transition_data *td)
{
    transition_data none = {.fee_collected = -1};
    if (!td)
        td = &none;
    if ((unsigned)to >= ST__COUNT || !actor || !*actor || !store_text_ok(actor, 64))
        return PK_EINVAL;
    int64_t at = td->at ? td->at : (int64_t)time(NULL);
    char clean_note[PK_TEXT_MAX], missing[PK_TEXT_MAX], recipient[PK_NAME_MAX] = "";
    if (!clean_text(note, clean_note, sizeof clean_note) ||
        !clean_text(td->missing_docs, missing, sizeof missing))
        return PK_EINVAL;
    /* what the step needs comes from the one table; the status itself is
     * checked again inside the transaction */
    const dossier_transition *tr = NULL;
    {
        cycle_row pre;
        pk_err pe = read_cycle(s, ref, &pre);
        if (pe != PK_OK)
            return pe;
        tr = dossier_transition_find(pre.status, to);
    }
    unsigned flags = tr ? tr->flags : 0;
    if ((flags & TR_NOTE) && !clean_note[0] && !(to == ST_SUPPLEMENT && missing[0]))
        return PK_EINVAL;
    if ((flags & TR_SEAL) && (!seal_ok(td->seal_no) || td->fee_collected > 1000000000LL ||
                              td->post_collected < 0 || td->post_collected > 1000000000LL))
        return PK_EINVAL;
    /* the agency's appointment is a day to come: a past one is a typing
     * mistake (and would tell the citizen a date already gone) */
    int apday;
    if (td->appointment_date && td->appointment_date[0] &&
        (!date_parse(td->appointment_date, &apday) || apday < date_local_day(at)))
        return PK_EINVAL;
    if (td->handover_no && (!seal_ok(td->handover_no)))
        return PK_EINVAL;
    if ((flags & TR_RECIPIENT) &&
        (!td->recipient_name || !digits4(td->recipient_id_last) ||
         dossier_check_name(td->recipient_name, recipient, sizeof recipient) != VAL_OK))
        return PK_EINVAL;

    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    cycle_row c;
    e = read_cycle(s, ref, &c);
    if (e == PK_OK && (blocker(s, &c, to) || dossier_transition_find(c.status, to) != tr))
        e = PK_ESTATE;
    if (e == PK_OK && (flags & TR_SEAL))
        e = seal_unused(s, c.id, td->seal_no);
    if (e != PK_OK) {
        store_rollback(s);
        return e;
    }
    char day[PK_DATE_MAX];
    date_local_iso(at, day);
    int attempts = c.attempts;
    const char *first = c.first_attempt, *last = c.last_attempt;
    if (to == ST_DELIVERY_FAILED) {
        attempts++;
        if (!first[0])
            first = day;
        last = day;
    }
    bool completed = to == ST_DELIVERED || (to == ST_RESULT_READY && c.form == FORM_SEND);
    bool closed = dossier_status_closed_form(to, c.form);
    sqlite3_stmt *stmt = store_stmt(s,
        "UPDATE dossiers SET status = ?2, updated_at = ?3,"
        " seal_no = CASE WHEN ?4 <> '' THEN ?4 ELSE seal_no END,"
        " missing_docs = CASE WHEN ?5 <> '' THEN ?5 ELSE missing_docs END,"
        " fee_collected = CASE WHEN ?6 >= 0 THEN ?6 ELSE fee_collected END,"
        " appointment_date = CASE WHEN ?7 <> '' THEN ?7 ELSE appointment_date END,"
        " handover_no = CASE WHEN ?8 <> '' THEN ?8 ELSE handover_no END,"
        " delivery_attempts = ?9, first_attempt = ?10, last_attempt = ?11,"
        " recipient_name = CASE WHEN ?12 <> '' THEN ?12 ELSE recipient_name END,"
        " recipient_id_last = CASE WHEN ?13 <> '' THEN ?13 ELSE recipient_id_last END,"
        " accepted_at = CASE WHEN ?2 = 'accepted' THEN ?3 ELSE accepted_at END,"
        " handed_at = CASE WHEN ?2 = 'handed' THEN ?3 ELSE handed_at END,"
        " completed_at = CASE WHEN ?14 AND completed_at = 0 THEN ?3 ELSE completed_at END,"
        " completed_day = CASE WHEN ?14 AND completed_day = '' THEN ?15 ELSE completed_day END,"
        " closed_at = CASE WHEN ?16 THEN ?3 ELSE 0 END,"
        " closed_day = CASE WHEN ?16 THEN ?15 ELSE '' END,"
        " post_collected = CASE WHEN ?17 >= 0 THEN ?17 ELSE post_collected END"
        " WHERE id = ?1");
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    sqlite3_bind_int64(stmt, 1, c.id);
    store_bind_text(stmt, 2, dossier_status_code(to));
    sqlite3_bind_int64(stmt, 3, at);
    store_bind_text(stmt, 4, (flags & TR_SEAL) ? td->seal_no : "");
    store_bind_text(stmt, 5, missing);
    sqlite3_bind_int64(stmt, 6, (flags & TR_SEAL) ? td->fee_collected : -1);
    store_bind_text(stmt, 7, td->appointment_date ? td->appointment_date : "");
    store_bind_text(stmt, 8, td->handover_no ? td->handover_no : "");
    sqlite3_bind_int(stmt, 9, attempts);
    store_bind_text(stmt, 10, first);
    store_bind_text(stmt, 11, last);
    store_bind_text(stmt, 12, recipient);
    store_bind_text(stmt, 13, (flags & TR_RECIPIENT) ? td->recipient_id_last : "");
    sqlite3_bind_int(stmt, 14, completed);
    store_bind_text(stmt, 15, day);
    sqlite3_bind_int(stmt, 16, closed);
    sqlite3_bind_int64(stmt, 17, (flags & TR_SEAL) ? td->post_collected : -1);
    e = store_step_done(s, stmt);
    if (e == PK_OK)
        e = store_event_add(s, c.id, at, actor, dossier_status_code(c.status),
                            dossier_status_code(to), clean_note[0] ? clean_note : missing);
    const char *event = notify_event_for(to);
    if (e == PK_OK && event) {
        char next[PK_DATE_MAX] = "";
        if (to == ST_DELIVERY_FAILED)
            next_attempt(s, day, next);
        else if (to == ST_HANDED && td->appointment_date)   /* the agency's slip says when */
            str_copy(next, sizeof next, td->appointment_date);
        e = store_notify_queue(s, c.id, event, next, at);
    }
    return store_end(s, e);
}

pk_err store_dossier_incident(store *s, const char *ref, const char *kind,
                              const char *actor, const char *note, int64_t at)
{
    char clean[PK_TEXT_MAX];
    if (!kind || (strcmp(kind, "lost") != 0 && strcmp(kind, "damaged") != 0) || !actor ||
        !*actor || !store_text_ok(actor, 64) || !clean_text(note, clean, sizeof clean) ||
        !clean[0])   /* the compensation case starts from what happened */
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    cycle_row c;
    e = read_cycle(s, ref, &c);
    if (e == PK_OK && c.incident)
        e = PK_ESTATE;       /* one case per item */
    if (e == PK_OK) {
        sqlite3_stmt *stmt = store_stmt(s, "UPDATE dossiers SET incident = ?2, updated_at = ?3"
                                         " WHERE id = ?1");
        if (!stmt) {
            e = PK_EIO;
        } else {
            sqlite3_bind_int64(stmt, 1, c.id);
            store_bind_text(stmt, 2, kind);
            sqlite3_bind_int64(stmt, 3, at);
            e = store_step_done(s, stmt);
        }
    }
    if (e == PK_OK) {
        char text[PK_TEXT_MAX];
        snprintf(text, sizeof text, "%s%s%.200s", kind, clean[0] ? ": " : "", clean);
        const char *code = dossier_status_code(c.status);
        e = store_event_add(s, c.id, at, actor, code, code, text);
    }
    /* recorded in the audit chain (who, which item, lost or damaged; the
     * description stays with the dossier's history) */
    if (e == PK_OK)
        e = store_audit_append(s, at, actor, "incident", ref, kind);
    if (e == PK_OK)
        e = store_notify_queue(s, c.id, "incident", NULL, at);
    return store_end(s, e);
}

pk_err store_dossier_extra(store *s, const char *ref, dossier_extra *out)
{
    memset(out, 0, sizeof *out);
    if (!ref || !store_text_ok(ref, PK_REF_MAX))
        return PK_EINVAL;
    pk_err e;
    sqlite3_stmt *stmt = store_row(s,
        "SELECT seal_no, missing_docs, fee_collected, appointment_date, handover_no,"
        " delivery_attempts, first_attempt, last_attempt, recipient_name, recipient_id_last,"
        " incident, accepted_at, handed_at, completed_at, closed_at, purged_at, agency, proc_name_vi,"
        " post_collected, agency_en"
        " FROM dossiers WHERE ref = ?1",
        ref, &e);
    if (e == PK_OK) {
        store_col_text(stmt, 0, out->seal_no, sizeof out->seal_no);
        store_col_text(stmt, 1, out->missing_docs, sizeof out->missing_docs);
        out->fee_collected = sqlite3_column_int64(stmt, 2);
        store_col_text(stmt, 3, out->appointment_date, sizeof out->appointment_date);
        store_col_text(stmt, 4, out->handover_no, sizeof out->handover_no);
        out->delivery_attempts = sqlite3_column_int(stmt, 5);
        store_col_text(stmt, 6, out->first_attempt, sizeof out->first_attempt);
        store_col_text(stmt, 7, out->last_attempt, sizeof out->last_attempt);
        store_col_text(stmt, 8, out->recipient_name, sizeof out->recipient_name);
        store_col_text(stmt, 9, out->recipient_id_last, sizeof out->recipient_id_last);
        store_col_text(stmt, 10, out->incident, sizeof out->incident);
        out->accepted_at = sqlite3_column_int64(stmt, 11);
        out->handed_at = sqlite3_column_int64(stmt, 12);
        out->completed_at = sqlite3_column_int64(stmt, 13);
        out->closed_at = sqlite3_column_int64(stmt, 14);
        out->purged_at = sqlite3_column_int64(stmt, 15);
        store_col_text(stmt, 16, out->agency, sizeof out->agency);
        store_col_text(stmt, 17, out->proc_name_vi, sizeof out->proc_name_vi);
        out->post_collected = sqlite3_column_int64(stmt, 18);
        store_col_text(stmt, 19, out->agency_en, sizeof out->agency_en);
    }
    store_done(stmt);
    return e;
}

pk_err store_dossier_lookup(store *s, const char *ref, const char *actor, int64_t at,
                            dossier *out)
{
    pk_err e = store_dossier_get(s, ref, out);
    if (e != PK_OK)
        return e;
    e = store_audit_append(s, at, actor, "lookup", out->ref, "");
    if (e != PK_OK)
        mem_wipe(out, sizeof *out);   /* no unlogged look at personal data */
    return e;
}

/* ---- batches by scanning -------------------------------------------------- */

/* The steps that take a dossier of this status and form to where the batch
 * puts it: the result collected from the agency (via "result ready" when
 * the agency had not said so yet), or out for delivery. 0 steps: it cannot
 * join. */
static int batch_path(batch_kind kind, dossier_status from, service_form form,
                      dossier_status path[2])
{
    dossier_status to = kind == BATCH_RECEIVE ? ST_RESULT_COLLECTED : ST_OUT_FOR_DELIVERY;
    if (dossier_transition_allowed_form(from, to, form)) {
        path[0] = to;
        return 1;
    }
    if (kind == BATCH_RECEIVE && dossier_transition_allowed_form(from, ST_RESULT_READY, form) &&
        dossier_transition_allowed_form(ST_RESULT_READY, to, form)) {
        path[0] = ST_RESULT_READY;
        path[1] = to;
        return 2;
    }
    return 0;
}

const char *store_batch_check(store *s, batch_kind kind, const char *ref, char *agency,
                              size_t agencysz)
{
    if (agency && agencysz)
        agency[0] = '\0';
    if (kind != BATCH_RECEIVE && kind != BATCH_DELIVERY)
        return pk_err_msg(PK_EINVAL);
    cycle_row c;
    pk_err e = read_cycle(s, ref, &c);
    if (e != PK_OK)
        return pk_err_msg(e);
    dossier_status path[2];
    if (batch_path(kind, c.status, c.form, path) == 0)
        return kind == BATCH_RECEIVE
                   ? N_("This dossier has no result to collect from an agency now.")
                   : N_("This dossier has no result to send out for delivery now.");
    if (agency && agencysz) {
        sqlite3_stmt *stmt = store_row(s, "SELECT agency FROM dossiers WHERE ref = ?1", ref, &e);
        if (e == PK_OK)
            store_col_text(stmt, 0, agency, agencysz);
        store_done(stmt);
        if (e != PK_OK)
            return pk_err_msg(e);
    }
    return NULL;
}

/* Idempotent (IF NOT EXISTS): a migration after it may be run again over it. */
const char store_schema_batches[] =
    "CREATE TABLE IF NOT EXISTS batches("
    "  id INTEGER PRIMARY KEY,"
    "  no TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK(kind IN ('receive', 'delivery')),"
    "  agency TEXT NOT NULL DEFAULT '',"
    "  actor TEXT NOT NULL CHECK(length(actor) > 0),"
    "  at INTEGER NOT NULL,"
    "  ndossiers INTEGER NOT NULL CHECK(ndossiers > 0)"
    ");"
    "CREATE TABLE IF NOT EXISTS batch_items("
    "  batch_id INTEGER NOT NULL REFERENCES batches(id),"
    "  seq INTEGER NOT NULL,"
    "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
    "  PRIMARY KEY(batch_id, seq)"
    ") WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS batch_items_by_dossier ON batch_items(dossier_id);";

pk_err store_batch_create(store *s, batch_kind kind, const char *const *refs, int nrefs,
                          const char *actor, const char *kiosk_code, int64_t at, char *no,
                          size_t nosz, int *bad)
{
    if (bad)
        *bad = -1;
    if ((kind != BATCH_RECEIVE && kind != BATCH_DELIVERY) || nrefs <= 0 || nrefs > 10000 ||
        !actor || !*actor || !store_text_ok(actor, AUTH_ID_MAX) || !kiosk_code ||
        !store_text_ok(kiosk_code, 16) || !no || nosz < 32)
        return PK_EINVAL;
    if (!store_refs_ok(refs, nrefs))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    char day[16], seqname[48], agency[PK_TEXT_MAX] = "";
    if (!date_local_format(at, "%Y%m%d", day, sizeof day))
        str_copy(day, sizeof day, "19700101");
    snprintf(seqname, sizeof seqname, "batch:%s", day);
    int64_t seq = 0;
    e = store_sequence_next(s, seqname, &seq);
    snprintf(no, nosz, "%s-%.8s-%s-%03lld", kind == BATCH_RECEIVE ? "NKQ" : "PH", kiosk_code, day,
             (long long)seq);
    /* every dossier checked and moved inside the one transaction: a
     * dossier another clerk changed meanwhile stops the whole batch */
    for (int i = 0; i < nrefs && e == PK_OK; i++) {
        char ag[PK_TEXT_MAX];
        if (store_batch_check(s, kind, refs[i], ag, sizeof ag) ||
            (kind == BATCH_RECEIVE && i > 0 && strcmp(ag, agency) != 0)) {
            e = PK_ESTATE;
            if (bad)
                *bad = i;
            break;
        }
        if (i == 0)
            str_copy(agency, sizeof agency, ag);
    }
    int64_t bid = 0;
    if (e == PK_OK) {
        sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO batches(no, kind, agency, actor, at,"
                                           " ndossiers) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        if (!stmt) {
            e = PK_EIO;
        } else {
            store_bind_text(stmt, 1, no);
            store_bind_text(stmt, 2, kind == BATCH_RECEIVE ? "receive" : "delivery");
            store_bind_text(stmt, 3, kind == BATCH_RECEIVE ? agency : "");
            store_bind_text(stmt, 4, actor);
            sqlite3_bind_int64(stmt, 5, at);
            sqlite3_bind_int(stmt, 6, nrefs);
            e = store_step_done(s, stmt);
            bid = sqlite3_last_insert_rowid(s->conn);
        }
    }
    char note[64];
    snprintf(note, sizeof note, "%s", no);
    for (int i = 0; i < nrefs && e == PK_OK; i++) {
        cycle_row c;
        e = read_cycle(s, refs[i], &c);
        dossier_status path[2];
        int steps = e == PK_OK ? batch_path(kind, c.status, c.form, path) : 0;
        transition_data td = {.at = at, .fee_collected = -1};
        for (int k = 0; k < steps && e == PK_OK; k++)
            e = store_dossier_transition(s, refs[i], path[k], actor, note, &td);
        if (e == PK_OK) {
            sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO batch_items(batch_id, seq, dossier_id)"
                                               " VALUES(?1, ?2, ?3)");
            if (!stmt) {
                e = PK_EIO;
            } else {
                sqlite3_bind_int64(stmt, 1, bid);
                sqlite3_bind_int(stmt, 2, i + 1);
                sqlite3_bind_int64(stmt, 3, c.id);
                e = store_step_done(s, stmt);
            }
        }
        if (e != PK_OK && bad)
            *bad = i;
    }
    if (e == PK_OK) {
        char detail[64];
        snprintf(detail, sizeof detail, "%s dossiers=%d",
                 kind == BATCH_RECEIVE ? "receive" : "delivery", nrefs);
        e = store_audit_append(s, at, actor, "batch", no, detail);
    }
    return store_end(s, e);
}
