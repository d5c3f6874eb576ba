/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Handover records (biên bản giao nhận), reports and retention. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "dates.h"
#include "dossier.h"
#include "store_clerk.h"
#include "util.h"

/* ---- handover ---------------------------------------------------------- */

/* Statuses from which a handover may move a dossier to "handed", directly
 * or through "in transit" (both steps recorded). Asks the one table. */
static bool handover_from(dossier_status status, bool *via_transit)
{
    *via_transit = false;
    if (dossier_transition_allowed(status, ST_HANDED))
        return true;
    if (dossier_transition_allowed(status, ST_IN_TRANSIT) &&
        dossier_transition_allowed(ST_IN_TRANSIT, ST_HANDED)) {
        *via_transit = true;
        return true;
    }
    return false;
}

static void handover_statuses(sbuf *sql)
{
    sbuf_add(sql, "(");
    bool first = true, via;
    for (int i = 0; i < ST__COUNT; i++) {
        if (!handover_from((dossier_status)i, &via))
            continue;
        sbuf_addf(sql, "%s'%s'", first ? "" : ",", dossier_status_code((dossier_status)i));
        first = false;
    }
    if (first)
        sbuf_add(sql, "''");
    sbuf_add(sql, ")");
}

#define LINE_COLS "d.ref, d.s10, d.proc_name_vi, d.seal_no," \
    " (SELECT count(*) FROM dossier_docs x WHERE x.dossier_id = d.id AND x.handed = 1)," \
    " (SELECT count(*) FROM dossier_docs x WHERE x.dossier_id = d.id AND x.handed = 1" \
    "  AND x.kind = 0)"

static void read_line(sqlite3_stmt *stmt, handover_line *l)
{
    memset(l, 0, sizeof *l);
    store_col_text(stmt, 0, l->ref, sizeof l->ref);
    store_col_text(stmt, 1, l->s10, sizeof l->s10);
    store_col_text(stmt, 2, l->proc_name_vi, sizeof l->proc_name_vi);
    store_col_text(stmt, 3, l->seal_no, sizeof l->seal_no);
    l->ndocs = sqlite3_column_int(stmt, 4);
    l->noriginals = sqlite3_column_int(stmt, 5);
}

pk_err store_handover_candidates(store *s, const char *agency, handover_line *out,
                                 int max, int *n)
{
    *n = 0;
    if (!agency || !store_text_ok(agency, PK_TEXT_MAX))
        return PK_EINVAL;
    sbuf sql = {0};
    sbuf_add(&sql, "SELECT " LINE_COLS " FROM dossiers d WHERE d.agency = ?1 AND d.sample = 0"
                   " AND d.incident = '' AND d.form IN (1, 3) AND d.status IN ");
    handover_statuses(&sql);
    sbuf_add(&sql, " ORDER BY d.id LIMIT ?2");
    sqlite3_stmt *stmt = store_stmt(s, sql.data);
    sbuf_free(&sql);
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, agency);
    sqlite3_bind_int(stmt, 2, max);
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e))
        read_line(stmt, &out[(*n)++]);
    store_done(stmt);
    return e;
}

pk_err store_handover_agencies(store *s, char (*agencies)[PK_TEXT_MAX], int *counts,
                               int max, int *n)
{
    *n = 0;
    sbuf sql = {0};
    sbuf_add(&sql, "SELECT agency, count(*) FROM dossiers WHERE sample = 0 AND incident = ''"
                   " AND form IN (1, 3) AND status IN ");
    handover_statuses(&sql);
    sbuf_add(&sql, " GROUP BY agency ORDER BY agency");
    sqlite3_stmt *stmt = store_stmt(s, sql.data);
    sbuf_free(&sql);
    if (!stmt)
        return PK_EIO;
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e)) {
        store_col_text(stmt, 0, agencies[*n], PK_TEXT_MAX);
        counts[*n] = sqlite3_column_int(stmt, 1);
        (*n)++;
    }
    store_done(stmt);
    return e;
}

static pk_err read_handover(store *s, const char *no, handover *h, int64_t *id)
{
    memset(h, 0, sizeof *h);
    pk_err e;
    sqlite3_stmt *stmt = store_row(s, "SELECT id, no, agency, actor, at, ndossiers, ndocs,"
                                      " noriginals, receiver FROM handovers WHERE no = ?1",
                                      no, &e);
    if (e == PK_OK) {
        *id = sqlite3_column_int64(stmt, 0);
        store_col_text(stmt, 1, h->no, sizeof h->no);
        store_col_text(stmt, 2, h->agency, sizeof h->agency);
        store_col_text(stmt, 3, h->actor, sizeof h->actor);
        h->at = sqlite3_column_int64(stmt, 4);
        h->ndossiers = sqlite3_column_int(stmt, 5);
        h->ndocs = sqlite3_column_int(stmt, 6);
        h->noriginals = sqlite3_column_int(stmt, 7);
        store_col_text(stmt, 8, h->receiver, sizeof h->receiver);
        if (!h->receiver[0])   /* made before the split by commune */
            str_copy(h->receiver, sizeof h->receiver, h->agency);
    }
    store_done(stmt);
    return e;
}

pk_err store_handover_lines(store *s, const char *no, handover *h, handover_line *out,
                            int max, int *n)
{
    *n = 0;
    int64_t id = 0;
    if (!no || !store_text_ok(no, 32))
        return PK_EINVAL;
    pk_err e = read_handover(s, no, h, &id);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT " LINE_COLS " FROM handover_items i"
                                     " JOIN dossiers d ON d.id = i.dossier_id"
                                     " WHERE i.handover_id = ?1 ORDER BY i.pos");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, id);
    while (store_next_row(s, stmt, *n, max, &e))
        read_line(stmt, &out[(*n)++]);
    store_done(stmt);
    return e;
}

static pk_err handover_item(store *s, int64_t hid, int pos, const char *ref,
                            const char *agency, const char *no, const char *actor,
                            const char *appointment, int64_t at, int *ndocs, int *norig)
{
    pk_err e;
    sqlite3_stmt *stmt = store_row(s, "SELECT " LINE_COLS ", d.id, d.agency, d.status"
                                      " FROM dossiers d WHERE d.ref = ?1",
                                      ref, &e);
    if (e != PK_OK) {
        store_done(stmt);
        return e;
    }
    handover_line l;
    read_line(stmt, &l);
    int64_t did = sqlite3_column_int64(stmt, 6);
    bool same = strcmp((const char *)sqlite3_column_text(stmt, 7), agency) == 0;
    int stt = dossier_status_parse((const char *)sqlite3_column_text(stmt, 8));
    store_done(stmt);
    bool via = false;
    if (!same)
        return PK_EINVAL;
    if (stt < 0 || !handover_from((dossier_status)stt, &via))
        return PK_ESTATE;
    transition_data td = {.at = at, .fee_collected = -1, .handover_no = no};
    if (via)
        e = store_dossier_transition(s, ref, ST_IN_TRANSIT, actor, no, &td);
    td.appointment_date = appointment;   /* the agency's date belongs to the handing over */
    if (e == PK_OK)
        e = store_dossier_transition(s, ref, ST_HANDED, actor, no, &td);
    if (e != PK_OK)
        return e;
    stmt = store_stmt(s, "INSERT INTO handover_items(handover_id, pos, dossier_id)"
                       " VALUES(?1, ?2, ?3)");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, hid);
    sqlite3_bind_int(stmt, 2, pos);
    sqlite3_bind_int64(stmt, 3, did);
    *ndocs += l.ndocs;
    *norig += l.noriginals;
    return store_step_done(s, stmt);
}

/* The real receiving agency of a dossier (catalog_real_agency), as the
 * papers name it: the commune of its unit row, else the name the kiosk
 * stored. */
static pk_err receiver_of(store *s, const char *ref, char *out, size_t outsz)
{
    pk_err e;
    sqlite3_stmt *stmt = store_row(s, "SELECT d.agency, coalesce(p.level, ''),"
                                      " coalesce(u.type, ''), coalesce(u.name, d.unit_name),"
                                      " coalesce(u.province, d.province)"
                                      " FROM dossiers d LEFT JOIN procedures p ON p.code = d.proc_code"
                                      " LEFT JOIN units u ON u.id = d.unit_id AND d.unit_id > 0"
                                      " WHERE d.ref = ?1",
                                      ref, &e);
    if (e == PK_OK) {
        char agency[PK_TEXT_MAX], level[16];
        admin_unit u;
        memset(&u, 0, sizeof u);
        store_col_text(stmt, 0, agency, sizeof agency);
        store_col_text(stmt, 1, level, sizeof level);
        store_col_text(stmt, 2, u.type, sizeof u.type);
        store_col_text(stmt, 3, u.name, sizeof u.name);
        store_col_text(stmt, 4, u.province, sizeof u.province);
        catalog_real_agency(agency, level, &u, out, outsz);
    }
    store_done(stmt);
    return e;
}

/* One record: its number, its row, its dossiers moved, its audit entry. */
static pk_err handover_record(store *s, const char *agency, const char *const *refs,
                              const int *group, int nrefs, int g, const char *actor,
                              const char *kiosk_code, const char *appointment_date, int64_t at,
                              handover *out)
{
    char day[16], seqname[48];
    if (!date_local_format(at, "%Y%m%d", day, sizeof day))
        str_copy(day, sizeof day, "19700101");
    snprintf(seqname, sizeof seqname, "handover:%s", day);
    int64_t seq = 0;
    pk_err e = store_sequence_next(s, seqname, &seq);
    snprintf(out->no, sizeof out->no, "BB-%.8s-%s-%03lld", kiosk_code, day, (long long)seq);
    str_copy(out->agency, sizeof out->agency, agency);
    str_copy(out->actor, sizeof out->actor, actor);
    out->at = at;
    for (int i = 0; i < nrefs; i++)
        out->ndossiers += group[i] == g;
    int64_t hid = 0;
    if (e == PK_OK) {
        sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO handovers(no, agency, actor, at,"
                                         " ndossiers, ndocs, noriginals, receiver) VALUES(?1, ?2,"
                                         " ?3, ?4, ?5, 0, 0, ?6)");
        if (!stmt) {
            e = PK_EIO;
        } else {
            store_bind_text(stmt, 1, out->no);
            store_bind_text(stmt, 2, agency);
            store_bind_text(stmt, 3, actor);
            sqlite3_bind_int64(stmt, 4, at);
            sqlite3_bind_int(stmt, 5, out->ndossiers);
            store_bind_text(stmt, 6, out->receiver);
            e = store_step_done(s, stmt);
            hid = sqlite3_last_insert_rowid(s->conn);
        }
    }
    for (int i = 0, pos = 0; i < nrefs && e == PK_OK; i++)
        if (group[i] == g)
            e = handover_item(s, hid, ++pos, refs[i], agency, out->no, actor, appointment_date, at,
                              &out->ndocs, &out->noriginals);
    if (e == PK_OK) {
        sqlite3_stmt *stmt = store_stmt(s, "UPDATE handovers SET ndocs = ?2, noriginals = ?3"
                                         " WHERE id = ?1");
        if (!stmt) {
            e = PK_EIO;
        } else {
            sqlite3_bind_int64(stmt, 1, hid);
            sqlite3_bind_int(stmt, 2, out->ndocs);
            sqlite3_bind_int(stmt, 3, out->noriginals);
            e = store_step_done(s, stmt);
        }
    }
    if (e == PK_OK) {
        char detail[96];
        snprintf(detail, sizeof detail, "dossiers=%d docs=%d originals=%d", out->ndossiers,
                 out->ndocs, out->noriginals);
        e = store_audit_append(s, at, actor, "handover", out->no, detail);
    }
    return e;
}

pk_err store_handover_create(store *s, const char *agency, const char *const *refs,
                             int nrefs, const char *actor, const char *kiosk_code,
                             const char *appointment_date, int64_t at, handover *out, int max,
                             int *nout)
{
    *nout = 0;
    int apday;
    if (!agency || !*agency || !store_text_ok(agency, PK_TEXT_MAX) || nrefs <= 0 ||
        nrefs > 10000 || !actor || !store_text_ok(actor, AUTH_ID_MAX) || !kiosk_code ||
        !store_text_ok(kiosk_code, 16) || !out || max <= 0)
        return PK_EINVAL;
    memset(out, 0, (size_t)max * sizeof *out);
    if (appointment_date && appointment_date[0] &&   /* a day to come, as for one dossier */
        (!date_parse(appointment_date, &apday) || apday < date_local_day(at)))
        return PK_EINVAL;
    if (!store_refs_ok(refs, nrefs))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    /* one group per real receiving agency, in the order of its first
     * dossier: each commune's People's Committee signs its own record */
    int *group = xcalloc((size_t)nrefs, sizeof *group);
    int ng = 0;
    for (int i = 0; i < nrefs && e == PK_OK; i++) {
        char receiver[PK_TEXT_MAX];
        e = receiver_of(s, refs[i], receiver, sizeof receiver);
        if (e == PK_ENOTFOUND)
            e = PK_EINVAL;   /* as handover_item says of a dossier it cannot hand over */
        int g = 0;
        while (e == PK_OK && g < ng && strcmp(out[g].receiver, receiver) != 0)
            g++;
        if (e == PK_OK && g == ng) {
            if (ng == max)
                e = PK_EINVAL;
            else
                str_copy(out[ng++].receiver, sizeof out->receiver, receiver);
        }
        group[i] = g;
    }
    for (int g = 0; g < ng && e == PK_OK; g++)
        e = handover_record(s, agency, refs, group, nrefs, g, actor, kiosk_code, appointment_date,
                            at, &out[g]);
    free(group);
    e = store_end(s, e);
    if (e == PK_OK)
        *nout = ng;
    else
        memset(out, 0, (size_t)max * sizeof *out);
    return e;
}

/* Version 20: each record is one real receiving agency's (the commune's
 * People's Committee for a commune-level agency). Records made before
 * keep an empty receiver and are read as their agency. May run again: a
 * test rolls user_version back past it. */
pk_err store_handover_receiver_upgrade(store *s)
{
    return store_column_add(s, "handovers", "receiver", "TEXT NOT NULL DEFAULT ''");
}

pk_err store_handover_set_file(store *s, const char *no, const char *path)
{
    if (!no || !path || !store_text_ok(no, 32) || !store_text_ok(path, 1024))
        return PK_EINVAL;
    sqlite3_stmt *stmt = store_stmt(s, "UPDATE handovers SET file = ?2 WHERE no = ?1");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, no);
    store_bind_text(stmt, 2, path);
    pk_err e = store_step_done(s, stmt);
    if (e == PK_OK && sqlite3_changes(s->conn) == 0)
        e = PK_ENOTFOUND;
    return e;
}

/* ---- reports ----------------------------------------------------------- */

static pk_err group_items(store *s, const char *sql, const char *from, const char *to,
                          report_item **out, int *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s, sql);
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, from);
    store_bind_text(stmt, 2, to);
    int rc, cap = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, (size_t)cap * sizeof **out);
        }
        report_item *it = &(*out)[(*n)++];
        memset(it, 0, sizeof *it);
        store_col_text(stmt, 0, it->key, sizeof it->key);
        store_col_text(stmt, 1, it->label, sizeof it->label);
        it->count = sqlite3_column_int64(stmt, 2);
    }
    pk_err e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

#define IN_PERIOD " FROM dossiers WHERE sample = 0 AND created_day BETWEEN ?1 AND ?2"

pk_err store_report(store *s, const char *from, const char *to, const char *today,
                    report *r)
{
    memset(r, 0, sizeof *r);
    if (!from || !to || !today || !store_text_ok(from, PK_DATE_MAX) ||
        !store_text_ok(to, PK_DATE_MAX) || !store_text_ok(today, PK_DATE_MAX) ||
        strlen(from) != 10 || strlen(to) != 10 || strcmp(from, to) > 0)
        return PK_EINVAL;
    str_copy(r->from, sizeof r->from, from);
    str_copy(r->to, sizeof r->to, to);
    /* one read transaction: every figure from the same snapshot */
    if (sqlite3_exec(s->conn, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_rc(s, sqlite3_errcode(s->conn));
    pk_err e = PK_OK;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT status, count(*)" IN_PERIOD " GROUP BY status");
    if (!stmt)
        e = PK_EIO;
    else {
        store_bind_text(stmt, 1, from);
        store_bind_text(stmt, 2, to);
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            int k = dossier_status_parse((const char *)sqlite3_column_text(stmt, 0));
            int64_t c = sqlite3_column_int64(stmt, 1);
            if (k >= 0)
                r->by_status[k] += c;
            r->total += c;
        }
        e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
        store_done(stmt);
    }
    if (e == PK_OK)
        e = group_items(s, "SELECT proc_code, max(proc_name_vi), count(*)" IN_PERIOD
                           " GROUP BY proc_code ORDER BY count(*) DESC, proc_code",
                        from, to, &r->procs, &r->nprocs);
    if (e == PK_OK)
        e = group_items(s, "SELECT agency, '', count(*)" IN_PERIOD
                           " GROUP BY agency ORDER BY count(*) DESC, agency",
                        from, to, &r->agencies, &r->nagencies);
    if (e == PK_OK)
        e = group_items(s, "SELECT CASE WHEN unit_name = '' THEN '-' ELSE unit_name END,"
                           " '', count(*)" IN_PERIOD
                           " GROUP BY unit_name ORDER BY count(*) DESC, unit_name",
                        from, to, &r->communes, &r->ncommunes);
    if (e == PK_OK) {
        stmt = store_stmt(s,
            "SELECT coalesce(sum(completed_day <> '' AND expected_date <> ''"
            "   AND completed_day <= expected_date), 0),"
            " coalesce(sum(completed_day <> '' AND expected_date <> ''"
            "   AND completed_day > expected_date), 0),"
            " coalesce(sum(completed_day = '' AND closed_day = '' AND expected_date <> ''"
            "   AND expected_date < ?3), 0),"
            " coalesce(sum(incident = 'lost'), 0), coalesce(sum(incident = 'damaged'), 0),"
            " coalesce(sum(CASE WHEN accepted_at > 0 THEN fee_collected ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN accepted_at > 0 THEN fee_post ELSE 0 END), 0),"
            " coalesce(sum(purged_at > 0), 0)" IN_PERIOD);
        if (!stmt)
            e = PK_EIO;
        else {
            store_bind_text(stmt, 1, from);
            store_bind_text(stmt, 2, to);
            store_bind_text(stmt, 3, today);
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW) {
                r->on_time = sqlite3_column_int64(stmt, 0);
                r->late = sqlite3_column_int64(stmt, 1);
                r->completed = r->on_time + r->late;
                r->overdue = sqlite3_column_int64(stmt, 2);
                r->lost = sqlite3_column_int64(stmt, 3);
                r->damaged = sqlite3_column_int64(stmt, 4);
                r->fees_collected = sqlite3_column_int64(stmt, 5);
                r->postal_charges = sqlite3_column_int64(stmt, 6);
                r->purged = sqlite3_column_int64(stmt, 7);
            } else {
                e = store_rc(s, rc);
            }
            store_done(stmt);
        }
    }
    sqlite3_exec(s->conn, "COMMIT", NULL, NULL, NULL);
    if (e != PK_OK)
        report_free(r);
    return e;
}

/* ---- retention --------------------------------------------------------- */

#define PURGEABLE " FROM dossiers WHERE closed_day <> '' AND closed_day < ?1 AND purged_at = 0"

pk_err store_purge(store *s, const char *before, bool dry_run, const char *actor,
                   int64_t at, int64_t *count)
{
    *count = 0;
    if (!before || strlen(before) != 10 || !store_text_ok(before, PK_DATE_MAX) || !actor ||
        !*actor || !store_text_ok(actor, 64))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT count(*)" PURGEABLE);
    if (!stmt)
        e = PK_EIO;
    else {
        store_bind_text(stmt, 1, before);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            *count = sqlite3_column_int64(stmt, 0);
        store_done(stmt);
    }
    if (e == PK_OK && !dry_run && *count > 0) {
        stmt = store_stmt(s, "UPDATE dossiers SET name = '', name_fold = '', id_number = '',"
                           " phone = '', email = '', street = '', recipient = '',"
                           " recipient_name = '', recipient_id_last = '', purged_at = ?2"
                           " WHERE closed_day <> '' AND closed_day < ?1 AND purged_at = 0");
        if (!stmt)
            e = PK_EIO;
        else {
            store_bind_text(stmt, 1, before);
            sqlite3_bind_int64(stmt, 2, at);
            e = store_step_done(s, stmt);
        }
        /* the outbox forgets where the purged dossiers' messages went */
        stmt = e == PK_OK ? store_stmt(s, "UPDATE notify_outbox SET destination = ''"
                                          " WHERE destination <> '' AND dossier_id IN"
                                          " (SELECT id FROM dossiers WHERE purged_at = ?1)") : NULL;
        if (e == PK_OK && !stmt)
            e = PK_EIO;
        else if (e == PK_OK) {
            sqlite3_bind_int64(stmt, 1, at);
            e = store_step_done(s, stmt);
        }
    }
    if (e == PK_OK && !dry_run) {
        char detail[96];
        snprintf(detail, sizeof detail, "closed_before=%s count=%lld", before,
                 (long long)*count);
        e = store_audit_append(s, at, actor, "purge", "", detail);
    }
    return store_end(s, e);
}

pk_err store_daily_close(store *s, const char *day, close_row *out, int max, int *n)
{
    *n = 0;
    int d;
    if (!day || !date_parse(day, &d) || max <= 0)
        return PK_EINVAL;
    char a[24], next[PK_DATE_MAX];
    snprintf(a, sizeof a, "%.10sT00:00", day);
    int64_t lo = date_parse_local_minute(a);
    date_format(d + 1, next);
    snprintf(a, sizeof a, "%.10sT00:00", next);
    int64_t hi = date_parse_local_minute(a);
    /* the acceptance events of the day, by who accepted: what was taken is
     * on the dossier (fee_collected, post_collected, seal_no) */
    sqlite3_stmt *stmt = store_stmt(s,
        "SELECT e.actor, count(*), coalesce(sum(d.fee_collected), 0),"
        " coalesce(sum(d.post_collected), 0), count(DISTINCT nullif(d.seal_no, '')),"
        " coalesce(min(nullif(d.seal_no, '')), ''), coalesce(max(nullif(d.seal_no, '')), '')"
        " FROM events e JOIN dossiers d ON d.id = e.dossier_id"
        " WHERE e.to_status = 'accepted' AND e.at >= ?1 AND e.at < ?2 AND d.sample = 0"
        " GROUP BY e.actor ORDER BY e.actor");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, lo);
    sqlite3_bind_int64(stmt, 2, hi);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && *n < max) {
        close_row *r = &out[(*n)++];
        memset(r, 0, sizeof *r);
        store_col_text(stmt, 0, r->clerk, sizeof r->clerk);
        r->accepted = sqlite3_column_int(stmt, 1);
        r->fees = sqlite3_column_int64(stmt, 2);
        r->postage = sqlite3_column_int64(stmt, 3);
        r->seals = sqlite3_column_int(stmt, 4);
        store_col_text(stmt, 5, r->first_seal, sizeof r->first_seal);
        store_col_text(stmt, 6, r->last_seal, sizeof r->last_seal);
    }
    pk_err e = rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}
