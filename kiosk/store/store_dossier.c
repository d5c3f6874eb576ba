/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dossiers, their documents and events; print jobs. */
#include "store_internal.h"
#include "store_filter.h"
#include "store_clerk.h"
#include "store_notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "dates.h"
#include "dossier.h"
#include "ids.h"
#include "text.h"
#include "util.h"

/* Status codes as stored: the life-cycle table's (dossier_status_code). */
const char *store_status_code(dossier_status status)
{
    const char *c = dossier_status_code(status);
    return c ? c : "";
}

static int status_parse(const char *code)
{
    return code ? dossier_status_parse(code) : -1;
}

static bool dossier_ok(const dossier *d)
{
    if (!STORE_FIELD_OK(d->proc_code) || !d->proc_code[0] || !STORE_FIELD_OK(d->name) ||
        !d->name[0] || !STORE_FIELD_OK(d->id_number) || !STORE_FIELD_OK(d->phone) ||
        !STORE_FIELD_OK(d->email) || !STORE_FIELD_OK(d->province) ||
        !STORE_FIELD_OK(d->unit_name) || !STORE_FIELD_OK(d->street) ||
        !STORE_FIELD_OK(d->recipient) || !STORE_FIELD_OK(d->expected_date) ||
        !STORE_FIELD_OK(d->lang) || !STORE_FIELD_OK(d->kiosk_code))
        return false;
    if (d->form < FORM_SEND || d->form > FORM_BOTH || !d->consent_process)
        return false;
    if (d->fee_proc < 0 || d->fee_post < 0 || d->fee_total < 0 || d->ndocs < 0 ||
        d->ndocs > PK_MAX_DOCS || d->unit_id < 0)
        return false;
    for (int i = 0; i < d->ndocs; i++)
        if (!STORE_FIELD_OK(d->docs[i].name_vi) || !d->docs[i].name_vi[0] ||
            !STORE_FIELD_OK(d->docs[i].name_en))
            return false;
    return true;
}

static pk_err insert_dossier(store *s, dossier *d, const procedure_snap *p);

static int64_t setting_int(store *s, const char *key, int64_t dflt)
{
    char v[32];
    if (store_setting_get(s, key, v, sizeof v) != PK_OK)
        return dflt;
    char *end;
    long long x = strtoll(v, &end, 10);
    return *end || end == v ? dflt : (int64_t)x;
}

/* The S10 serial range given to this kiosk (settings s10_first, s10_last):
 * a serial below it jumps to its start; past its end nothing more can be
 * numbered (PK_EFULL: staff must ask for a new range). */
static pk_err s10_in_range(store *s, const char *seqname, int64_t *serial)
{
    int64_t first = setting_int(s, "s10_first", 1), last = setting_int(s, "s10_last", 99999999);
    if (*serial < first) {
        sqlite3_stmt *stmt = store_stmt(s, "UPDATE sequences SET value = ?2 WHERE name = ?1");
        if (!stmt)
            return PK_EIO;
        store_bind_text(stmt, 1, seqname);
        sqlite3_bind_int64(stmt, 2, first);
        pk_err e = store_step_done(s, stmt);
        if (e != PK_OK)
            return e;
        *serial = first;
    }
    if (*serial > last || *serial > 99999999) {
        snprintf(s->err, sizeof s->err, "the S10 serial range %lld-%lld is used up",
                 (long long)first, (long long)last);
        return PK_EFULL;
    }
    return PK_OK;
}

pk_err store_dossier_create(store *s, dossier *d, const char *s10_prefix,
                            const char *actor, int64_t *job_id)
{
    if (!d || !dossier_ok(d) || !actor || !*actor || !store_text_ok(actor, 64) ||
        !s10_prefix || strlen(s10_prefix) != 2)
        return PK_EINVAL;
    /* samples (practice, tours) are numbered in the practice series and
     * nothing else is: a practice receipt never shows a live S10 number */
    /* a file the idle check found damaged takes no new dossier: a receipt
     * must never promise one that a restore would lose */
    if (s->damaged)
        return PK_ETAMPER;
    if (d->sample)
        s10_prefix = PK_PRACTICE_S10_PREFIX;
    else if (strcmp(s10_prefix, PK_PRACTICE_S10_PREFIX) == 0)
        return PK_EINVAL;
    if (d->created_at == 0)
        d->created_at = (int64_t)time(NULL);
    char kiosk[16];
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    /* restored from a backup (store_sync.h): the references and S10
     * numbers after the backup's may be the province's already, samples
     * included (they share the reference counter) */
    char restored[32];
    if (store_setting_get(s, "sync_restored", restored, sizeof restored) == PK_OK) {
        store_end(s, PK_ERESTORED);
        return PK_ERESTORED;
    }
    /* the procedure as it is now: the dossier keeps its names */
    procedure_snap snap;
    e = store_procedure_snap(s, d->proc_code, &snap);
    /* the service form must be possible for this procedure (QĐ 45 Đ.1.2),
     * also when the catalog changed while the citizen was typing */
    if (e == PK_OK && ((d->form != FORM_RETURN && !snap.bcci_submit) ||
                       (d->form != FORM_SEND && !snap.bcci_return)))
        e = PK_ESTATE;
    if (e == PK_OK && d->kiosk_code[0] == '\0') {
        e = store_setting_get(s, "kiosk_code", kiosk, sizeof kiosk);
        if (e == PK_OK)
            str_copy(d->kiosk_code, sizeof d->kiosk_code, kiosk);
        else if (e == PK_ENOTFOUND)
            e = PK_EINVAL;
    }
    char seqname[40];
    int64_t seq = 0, serial = 0;
    if (e == PK_OK) {
        snprintf(seqname, sizeof seqname, "ref:%s", d->kiosk_code);
        e = store_sequence_next(s, seqname, &seq);
    }
    if (e == PK_OK) {
        snprintf(seqname, sizeof seqname, "s10:%s", s10_prefix);
        e = store_sequence_next(s, seqname, &serial);
    }
    if (e == PK_OK)
        e = s10_in_range(s, seqname, &serial);
    if (e == PK_OK && (!ids_reference(d->kiosk_code, seq, d->ref, sizeof d->ref) ||
                       !ids_s10_make(s10_prefix, (uint32_t)serial, "VN", d->s10, sizeof d->s10)))
        e = PK_EINVAL;
    if (e == PK_OK) {
        d->status = ST_REGISTERED;
        e = insert_dossier(s, d, &snap);
    }
    if (e == PK_OK)
        e = store_event_add(s, d->id, d->created_at, actor, "", store_status_code(ST_REGISTERED), "");
    if (e == PK_OK) {
        /* the row just written, from what it was written with: the
         * messages need not read it back */
        store_notify_to to = {
            .dossier_id = d->id, .ref = d->ref, .phone = d->phone, .email = d->email,
            .lang = d->lang[0] ? d->lang : "vi", .expected = d->expected_date,
            .consent_sms = d->consent_sms, .consent_email = d->consent_email, .sample = d->sample,
        };
        e = store_notify_queue_to(s, &to, "registered", d->expected_date, d->created_at);
    }
    if (e == PK_OK)
        e = store_job_create(s, d->ref, "receipt", job_id);
    e = store_end(s, e);
    if (e != PK_OK) {
        d->id = 0;
        d->ref[0] = d->s10[0] = '\0';
    }
    return e;
}

/* The e-mail consent is a later column (migration 17), named only when
 * given (its default is 0): a store at an older schema version (tests of
 * the upgrades) still takes a dossier without it. In the INSERT itself,
 * not a second statement: an UPDATE of the row just written ran the
 * dossier triggers again. */
#define INSERT_DOSSIER(col, val) \
    "INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency," \
    " form, status, name, name_fold, id_number, phone, email, unit_id, province, unit_name," \
    " street, recipient, fee_proc, fee_post, fee_total, expected_date, created_at," \
    " created_day, updated_at, lang, consent_process, consent_sms, sample" col ")" \
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22," \
    "?23,?24,?25,?24,?26,1,?27,?28" val ")"

static pk_err insert_dossier(store *s, dossier *d, const procedure_snap *p)
{
    /* the agency's English name likewise (migration 25), when the schema
     * has it and the catalog gave one */
    bool en = s->agency_en && p->agency_en[0];
    sqlite3_stmt *stmt = store_stmt(
        s, d->consent_email ? (en ? INSERT_DOSSIER(", consent_email, agency_en", ", 1, ?29")
                                  : INSERT_DOSSIER(", consent_email", ", 1"))
                            : (en ? INSERT_DOSSIER(", agency_en", ", ?29") : INSERT_DOSSIER("", "")));
    if (!stmt)
        return PK_EIO;
    char day[PK_DATE_MAX];
    date_local_iso(d->created_at, day);
    char *fold = text_fold(d->name);
    store_bind_text(stmt, 1, d->ref);
    store_bind_text(stmt, 2, d->s10);
    store_bind_text(stmt, 3, d->kiosk_code);
    store_bind_text(stmt, 4, d->proc_code);
    store_bind_text(stmt, 5, p->name_vi);
    store_bind_text(stmt, 6, p->name_en);
    store_bind_text(stmt, 7, p->agency);
    sqlite3_bind_int(stmt, 8, (int)d->form);
    store_bind_text(stmt, 9, store_status_code(d->status));
    store_bind_text(stmt, 10, d->name);
    store_bind_text(stmt, 11, fold);
    store_bind_text(stmt, 12, d->id_number);
    store_bind_text(stmt, 13, d->phone);
    store_bind_text(stmt, 14, d->email);
    sqlite3_bind_int(stmt, 15, d->unit_id);
    store_bind_text(stmt, 16, d->province);
    store_bind_text(stmt, 17, d->unit_name);
    store_bind_text(stmt, 18, d->street);
    store_bind_text(stmt, 19, d->recipient);
    sqlite3_bind_int64(stmt, 20, d->fee_proc);
    sqlite3_bind_int64(stmt, 21, d->fee_post);
    sqlite3_bind_int64(stmt, 22, d->fee_total);
    store_bind_text(stmt, 23, d->expected_date);
    sqlite3_bind_int64(stmt, 24, d->created_at);
    store_bind_text(stmt, 25, day);
    store_bind_text(stmt, 26, d->lang[0] ? d->lang : "vi");
    sqlite3_bind_int(stmt, 27, d->consent_sms);
    sqlite3_bind_int(stmt, 28, d->sample);
    if (en)
        store_bind_text(stmt, 29, p->agency_en);
    pk_err e = store_step_done(s, stmt);
    free(fold);
    if (e != PK_OK)
        return e;
    d->id = sqlite3_last_insert_rowid(s->conn);
    for (int i = 0; e == PK_OK && i < d->ndocs; i++) {
        const dossier_doc *doc = &d->docs[i];
        stmt = store_stmt(s, "INSERT INTO dossier_docs(dossier_id, seq, name_vi, name_en, kind,"
                           " required, handed) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!stmt)
            return PK_EIO;
        sqlite3_bind_int64(stmt, 1, d->id);
        sqlite3_bind_int(stmt, 2, i + 1);
        store_bind_text(stmt, 3, doc->name_vi);
        store_bind_text(stmt, 4, doc->name_en);
        sqlite3_bind_int(stmt, 5, doc->kind == DOC_COPY);
        sqlite3_bind_int(stmt, 6, doc->required);
        sqlite3_bind_int(stmt, 7, doc->handed);
        e = store_step_done(s, stmt);
    }
    return e;
}

pk_err store_event_add(store *s, int64_t dossier_id, int64_t at, const char *actor,
                       const char *from, const char *to, const char *note)
{
    if (!store_text_ok(actor, 64) || !*actor || !store_text_ok(from, 24) ||
        !store_text_ok(to, 24) || !store_text_ok(note, PK_TEXT_MAX))
        return PK_EINVAL;
    sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO events(dossier_id, at, actor, from_status,"
                                     " to_status, note) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, dossier_id);
    sqlite3_bind_int64(stmt, 2, at);
    store_bind_text(stmt, 3, actor);
    store_bind_text(stmt, 4, from);
    store_bind_text(stmt, 5, to);
    store_bind_text(stmt, 6, note);
    pk_err e = store_step_done(s, stmt);
    if (e == PK_OK)   /* chain it into the audit log in the same transaction */
        e = store_audit_event(s, sqlite3_last_insert_rowid(s->conn));
    return e;
}

pk_err store_procedure_snap(store *s, const char *code, procedure_snap *out)
{
    memset(out, 0, sizeof *out);
    pk_err e;
    /* agency_en only once the schema has it (a test may migrate part of the way) */
    sqlite3_stmt *stmt = store_row(s, s->agency_en
                                          ? "SELECT name_vi, name_en, agency, bcci_submit, bcci_return,"
                                            " agency_en FROM procedures WHERE code = ?1"
                                          : "SELECT name_vi, name_en, agency, bcci_submit, bcci_return,"
                                            " '' FROM procedures WHERE code = ?1",
                                   code, &e);
    if (e == PK_OK) {
        store_col_text(stmt, 0, out->name_vi, sizeof out->name_vi);
        store_col_text(stmt, 1, out->name_en, sizeof out->name_en);
        store_col_text(stmt, 2, out->agency, sizeof out->agency);
        out->bcci_submit = sqlite3_column_int(stmt, 3) != 0;
        out->bcci_return = sqlite3_column_int(stmt, 4) != 0;
        store_col_text(stmt, 5, out->agency_en, sizeof out->agency_en);
    }
    store_done(stmt);
    return e;
}

/* ---- reading ----------------------------------------------------------- */

#define DOSSIER_COLS \
    "id, ref, s10, proc_code, form, status, name, id_number, phone, email, unit_id, province," \
    " unit_name, street, recipient, fee_proc, fee_post, fee_total, expected_date, created_at," \
    " lang, consent_process, consent_sms, sample, kiosk_code, consent_email"

static void read_dossier(sqlite3_stmt *stmt, dossier *d)
{
    d->id = sqlite3_column_int64(stmt, 0);
    store_col_text(stmt, 1, d->ref, sizeof d->ref);
    store_col_text(stmt, 2, d->s10, sizeof d->s10);
    store_col_text(stmt, 3, d->proc_code, sizeof d->proc_code);
    d->form = (service_form)sqlite3_column_int(stmt, 4);
    int status = status_parse((const char *)sqlite3_column_text(stmt, 5));
    d->status = status < 0 ? ST_REGISTERED : (dossier_status)status;
    store_col_text(stmt, 6, d->name, sizeof d->name);
    store_col_text(stmt, 7, d->id_number, sizeof d->id_number);
    store_col_text(stmt, 8, d->phone, sizeof d->phone);
    store_col_text(stmt, 9, d->email, sizeof d->email);
    d->unit_id = sqlite3_column_int(stmt, 10);
    store_col_text(stmt, 11, d->province, sizeof d->province);
    store_col_text(stmt, 12, d->unit_name, sizeof d->unit_name);
    store_col_text(stmt, 13, d->street, sizeof d->street);
    store_col_text(stmt, 14, d->recipient, sizeof d->recipient);
    d->fee_proc = sqlite3_column_int64(stmt, 15);
    d->fee_post = sqlite3_column_int64(stmt, 16);
    d->fee_total = sqlite3_column_int64(stmt, 17);
    store_col_text(stmt, 18, d->expected_date, sizeof d->expected_date);
    d->created_at = sqlite3_column_int64(stmt, 19);
    store_col_text(stmt, 20, d->lang, sizeof d->lang);
    d->consent_process = sqlite3_column_int(stmt, 21) != 0;
    d->consent_sms = sqlite3_column_int(stmt, 22) != 0;
    d->sample = sqlite3_column_int(stmt, 23) != 0;
    store_col_text(stmt, 24, d->kiosk_code, sizeof d->kiosk_code);
    d->consent_email = sqlite3_column_int(stmt, 25) != 0;
}

pk_err store_dossier_get(store *s, const char *ref, dossier *out)
{
    memset(out, 0, sizeof *out);
    pk_err e;
    sqlite3_stmt *stmt = store_row(s, "SELECT " DOSSIER_COLS " FROM dossiers WHERE ref = ?1",
                                      ref, &e);
    if (e == PK_OK)
        read_dossier(stmt, out);
    store_done(stmt);
    if (e != PK_OK)
        return e;
    stmt = store_stmt(s, "SELECT name_vi, name_en, kind, required, handed FROM dossier_docs"
                       " WHERE dossier_id = ?1 ORDER BY seq");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, out->id);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && out->ndocs < PK_MAX_DOCS) {
        dossier_doc *doc = &out->docs[out->ndocs++];
        store_col_text(stmt, 0, doc->name_vi, sizeof doc->name_vi);
        store_col_text(stmt, 1, doc->name_en, sizeof doc->name_en);
        doc->kind = sqlite3_column_int(stmt, 2) ? DOC_COPY : DOC_ORIGINAL;
        doc->required = sqlite3_column_int(stmt, 3) != 0;
        doc->handed = sqlite3_column_int(stmt, 4) != 0;
    }
    e = rc == SQLITE_DONE || rc == SQLITE_ROW ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

pk_err store_dossier_events(store *s, const char *ref, dossier_event *ev, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT e.seq, e.at, e.actor, e.from_status, e.to_status, e.note"
        " FROM events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.ref = ?1 ORDER BY e.seq");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, ref);
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e)) {
        dossier_event *x = &ev[(*n)++];
        memset(x, 0, sizeof *x);
        x->seq = sqlite3_column_int64(stmt, 0);
        x->at = sqlite3_column_int64(stmt, 1);
        store_col_text(stmt, 2, x->actor, sizeof x->actor);
        store_col_text(stmt, 3, x->from, sizeof x->from);
        store_col_text(stmt, 4, x->to, sizeof x->to);
        store_col_text(stmt, 5, x->note, sizeof x->note);
    }
    store_done(stmt);
    return e;
}

int64_t store_dossier_count(store *s, int status)
{
    sqlite3_stmt *stmt = status < 0
        ? store_stmt(s, "SELECT count(*) FROM dossiers")
        : store_stmt(s, "SELECT count(*) FROM dossiers WHERE status = ?1");
    if (!stmt)
        return -1;
    if (status >= 0)
        store_bind_text(stmt, 1, store_status_code((dossier_status)status));
    int64_t n = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    store_done(stmt);
    return n;
}

/* The WHERE clause is assembled from constant fragments only; every value
 * is bound (store_filter.h). */
pk_err store_dossier_list(store *s, const dossier_filter *f, int offset,
                          dossier_row *rows, int max, int *n)
{
    *n = 0;
    dossier_filter none = {.status = -1};
    if (!f)
        f = &none;
    if (!store_filter_ok(f, 1024) || offset < 0 || max < 0)
        return PK_EINVAL;
    char *fold = NULL;
    sqlq sql = {0};
    sqlq_add(&sql, "SELECT " DOSSIER_ROW_COLS " FROM dossiers d WHERE 1");
    sqlq_dossier_filter(&sql, f);
    if (f->query && *f->query) {
        fold = text_fold(f->query);
        int raw = sqlq_text(&sql, f->query), folded = sqlq_text(&sql, fold);
        /* ref, folded name, phone, or the last digits of the ID number */
        sqlq_add(&sql, " AND (d.ref = upper(?%d)"
                       " OR (length(?%d) > 0 AND instr(d.name_fold, ?%d) > 0) OR d.phone = ?%d"
                       " OR (length(?%d) >= 4 AND substr(d.id_number, -length(?%d)) = ?%d))",
                 raw, folded, folded, raw, raw, raw, raw);
    }
    int limit_p = sqlq_int(&sql, max), offset_p = sqlq_int(&sql, offset);
    sqlq_add(&sql, " ORDER BY d.id LIMIT ?%d OFFSET ?%d", limit_p, offset_p);
    sqlite3_stmt *stmt = sqlq_prepare(s, &sql);
    pk_err e = stmt ? store_read_rows(s, stmt, rows, max, n) : PK_EIO;
    if (stmt)
        store_done(stmt);
    free(fold);
    return e;
}

/* ---- print jobs -------------------------------------------------------- */

pk_err store_job_create(store *s, const char *ref, const char *kind, int64_t *job_id)
{
    if (!ref || !store_text_ok(ref, PK_REF_MAX) || !kind || !*kind || !store_text_ok(kind, 16))
        return PK_EINVAL;
    pk_err e;
    sqlite3_stmt *stmt = store_begin_stmt(s, "INSERT INTO print_jobs(ref, kind, status, created_at,"
                                             " updated_at) VALUES(?1, ?2, 0, ?3, ?3)", &e);
    if (!stmt)
        return e;
    store_bind_text(stmt, 1, ref);
    store_bind_text(stmt, 2, kind);
    sqlite3_bind_int64(stmt, 3, (int64_t)time(NULL));
    e = store_step_done(s, stmt);
    if (e == PK_OK && job_id)
        *job_id = sqlite3_last_insert_rowid(s->conn);
    return store_end(s, e);
}

pk_err store_job_set(store *s, int64_t job_id, job_status js, const char *reason)
{
    if (js < JOB_PENDING || js > JOB_FAILED || (reason && !store_text_ok(reason, PK_TEXT_MAX)))
        return PK_EINVAL;
    pk_err e;
    sqlite3_stmt *stmt = store_begin_stmt(s,
        "UPDATE print_jobs SET status = ?2, reason = ?3, updated_at = ?4,"
        " attempts = attempts + (?2 <> 0), claimed_by = '', claimed_until = 0 WHERE id = ?1", &e);
    if (!stmt)
        return e;
    sqlite3_bind_int64(stmt, 1, job_id);
    sqlite3_bind_int(stmt, 2, (int)js);
    store_bind_text(stmt, 3, reason ? reason : "");
    sqlite3_bind_int64(stmt, 4, (int64_t)time(NULL));
    e = store_step_done(s, stmt);
    if (e == PK_OK && sqlite3_changes(s->conn) == 0)
        e = PK_ENOTFOUND;
    return store_end(s, e);
}

pk_err store_job_claim(store *s, int64_t job_id, const char *who, int64_t now, int lease_s)
{
    if (!who || !*who || !store_text_ok(who, 64) || lease_s <= 0)
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    /* One statement decides: the row is taken only when free. */
    sqlite3_stmt *stmt = store_stmt(s,
        "UPDATE print_jobs SET claimed_by = ?2, claimed_until = ?3 + ?4"
        " WHERE id = ?1 AND status <> 1 AND (claimed_until <= ?3 OR claimed_by = ?2)");
    e = stmt ? PK_OK : PK_EIO;
    if (e == PK_OK) {
        sqlite3_bind_int64(stmt, 1, job_id);
        store_bind_text(stmt, 2, who);
        sqlite3_bind_int64(stmt, 3, now);
        sqlite3_bind_int(stmt, 4, lease_s);
        e = store_step_done(s, stmt);
    }
    if (e == PK_OK && sqlite3_changes(s->conn) == 0) {
        /* Why not: gone, printed, or someone else's. */
        stmt = store_stmt(s, "SELECT status FROM print_jobs WHERE id = ?1");
        e = stmt ? PK_ENOTFOUND : PK_EIO;
        if (stmt) {
            sqlite3_bind_int64(stmt, 1, job_id);
            if (sqlite3_step(stmt) == SQLITE_ROW)
                e = sqlite3_column_int(stmt, 0) == JOB_PRINTED ? PK_EEXISTS : PK_ESTATE;
            store_done(stmt);
        }
    }
    if (e == PK_OK)
        return store_commit(s);
    store_rollback(s);
    return e;
}

pk_err store_jobs_list(store *s, int status, print_job *jobs, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT id, ref, kind, status, reason, created_at, updated_at, attempts FROM print_jobs"
        " WHERE ?1 < 0 OR status = ?1 ORDER BY id");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int(stmt, 1, status);
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e)) {
        print_job *j = &jobs[(*n)++];
        memset(j, 0, sizeof *j);
        j->id = sqlite3_column_int64(stmt, 0);
        store_col_text(stmt, 1, j->ref, sizeof j->ref);
        store_col_text(stmt, 2, j->kind, sizeof j->kind);
        j->status = (job_status)sqlite3_column_int(stmt, 3);
        store_col_text(stmt, 4, j->reason, sizeof j->reason);
        j->created_at = sqlite3_column_int64(stmt, 5);
        j->updated_at = sqlite3_column_int64(stmt, 6);
        j->attempts = sqlite3_column_int(stmt, 7);
    }
    store_done(stmt);
    return e;
}
