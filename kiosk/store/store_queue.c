/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's queue: counts per status, pages oldest first with keyset
 * paging, filters and search (reference, folded name, phone, last digits of
 * the ID), built to stay fast at a million dossiers. */
#include "store_filter.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "dossier.h"
#include "ids.h"
#include "store_clerk.h"
#include "text.h"
#include "util.h"
#include "workdays.h"

pk_err store_status_counts(store *s, int64_t counts[ST__COUNT])
{
    memset(counts, 0, sizeof(int64_t) * ST__COUNT);
    sqlite3_stmt *stmt = store_stmt(s, "SELECT status, n FROM status_counts WHERE sample = 0");
    if (!stmt)
        return PK_EIO;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int k = dossier_status_parse((const char *)sqlite3_column_text(stmt, 0));
        if (k >= 0)
            counts[k] += sqlite3_column_int64(stmt, 1);
    }
    pk_err e = rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}

typedef enum { Q_NONE, Q_REF, Q_DIGITS, Q_SEQ, Q_NAME, Q_EMPTY } query_kind;

/* Upper bound of a prefix range: the prefix with its last byte raised. */
static void prefix_hi(const char *lo, char *hi, size_t hisz)
{
    str_copy(hi, hisz, lo);
    size_t n = strlen(hi);
    if (n)
        hi[n - 1]++;
}

static query_kind classify(const char *q, char *norm, size_t normsz)
{
    norm[0] = '\0';
    if (!q)
        return Q_NONE;
    char t[128];
    if (!str_copy(t, sizeof t, q))
        return Q_EMPTY;
    text_squeeze(t);
    if (!t[0])
        return Q_NONE;
    const char *p = t;
    if (strncmp(p, "+84", 3) == 0 && strlen(p) > 3) {   /* phone in +84 form */
        snprintf(norm, normsz, "0%s", p + 3);
        p = norm;
    }
    bool digits = true, refchars = true, letter = false, digit = false;
    for (const char *c = p; *c; c++) {
        unsigned char u = (unsigned char)*c;
        digits = digits && isdigit(u);
        refchars = refchars && (isalnum(u) || u == '-');
        letter = letter || isalpha(u);
        digit = digit || isdigit(u);
    }
    if (digits) {
        if (p != norm)
            str_copy(norm, normsz, p);
        /* 1-3 digits can only be this kiosk's dossier number ("42") */
        return strlen(norm) >= 4 ? Q_DIGITS : Q_SEQ;
    }
    if (refchars && letter && digit) {
        size_t i = 0;
        for (; p[i] && i + 1 < normsz; i++)
            norm[i] = (char)toupper((unsigned char)p[i]);
        norm[i] = '\0';
        return Q_REF;
    }
    /* a name: the folded words, each the start of a word of the name */
    char *fold = text_fold(p);
    sbuf m = {0};
    for (char *w = strtok(fold, " "); w; w = strtok(NULL, " ")) {
        bool alnum = true;
        for (char *c = w; *c; c++)
            alnum = alnum && isalnum((unsigned char)*c);
        if (!alnum || !*w)
            continue;
        sbuf_addf(&m, "%s%s", m.len ? " " : "", w);
    }
    free(fold);
    query_kind k = m.len ? Q_NAME : Q_EMPTY;
    if (m.len)
        str_copy(norm, normsz, m.data);
    sbuf_free(&m);
    return k;
}

/* One walk of the digit probe (dossier_digits, key k) in dossier order,
 * stopped after max rows that pass the filter and the check of the digits
 * the key leaves open (what kind 'i' or 'p' says: the ID's last digits,
 * the phone's first). */
static pk_err digits_walk(store *s, const dossier_filter *f, int64_t k, char kind,
                          const char *q, const char *hi, bool exact, int64_t floor,
                          int64_t after, bool backward, dossier_row *rows, int max, int *n)
{
    sqlq sql = {0};
    sqlq_add(&sql, "SELECT " DOSSIER_ROW_COLS " FROM dossier_digits p CROSS JOIN dossiers d"
                   " ON d.id = p.id WHERE p.k = ?%d", sqlq_int(&sql, k));
    sqlq_dossier_filter(&sql, f);
    if (!exact && kind == 'i') {
        int qp = sqlq_text(&sql, q);
        sqlq_add(&sql, " AND substr(d.id_number, -length(?%d)) = ?%d", qp, qp);
    } else if (!exact) {
        int lo_p = sqlq_text(&sql, q), hi_p = sqlq_text(&sql, hi);
        sqlq_add(&sql, " AND d.phone >= ?%d AND d.phone < ?%d", lo_p, hi_p);
    }
    if (floor > 0)
        sqlq_add(&sql, " AND p.id >= ?%d", sqlq_int(&sql, floor));
    if (after > 0)
        sqlq_add(&sql, " AND p.id %s ?%d", backward ? "<" : ">", sqlq_int(&sql, after));
    sqlq_add(&sql, " ORDER BY p.id %s LIMIT ?%d", backward ? "DESC" : "ASC", sqlq_int(&sql, max));
    sqlite3_stmt *stmt = sqlq_prepare(s, &sql);
    if (!stmt)
        return PK_EIO;
    pk_err e = store_read_rows(s, stmt, rows, max, n);
    store_done(stmt);
    return e;
}

/* Digits (4 or more): dossiers whose ID ends with them or whose phone
 * starts with them. Two walks of the probe, each a page at most, merged
 * in dossier order without duplicates: the time does not grow with the
 * number of dossiers (issue 18). */
static pk_err digits_page(store *s, const dossier_filter *f, const char *q, int64_t floor,
                          int64_t after, bool backward, dossier_row *rows, int max, int *n)
{
    *n = 0;
    size_t len = strlen(q);
    char hi[512];
    prefix_hi(q, hi, sizeof hi);
    /* the longest key the digits give (4 or 6 of them); more digits are
     * checked on the rows of that key (schema_digits, store_schema.c) */
    size_t klen = len >= 6 ? 6 : 4;
    char part[8];
    memcpy(part, q + len - klen, klen);
    part[klen] = '\0';
    int64_t kid = (klen == 6 ? 4000000 : 10000) + atoll(part);
    memcpy(part, q, klen);
    part[klen] = '\0';
    int64_t kphone = (klen == 6 ? 2000000 : 3000000) + atoll(part);
    dossier_row *a = xcalloc((size_t)max, sizeof *a), *b = xcalloc((size_t)max, sizeof *b);
    int na = 0, nb = 0;
    pk_err e = digits_walk(s, f, kid, 'i', q, hi, len == klen, floor, after, backward, a, max,
                           &na);
    if (e == PK_OK)
        e = digits_walk(s, f, kphone, 'p', q, hi, len == klen, floor, after, backward, b, max,
                        &nb);
    int i = 0, j = 0;
    while (e == PK_OK && *n < max && (i < na || j < nb)) {
        if (i < na && j < nb && a[i].id == b[j].id)
            j++;                       /* in both: once */
        bool take_a = j >= nb || (i < na && (backward ? a[i].id > b[j].id : a[i].id < b[j].id));
        rows[(*n)++] = take_a ? a[i++] : b[j++];
    }
    free(a);
    free(b);
    if (e != PK_OK)
        *n = 0;
    return e;
}

enum { NAME_WORDS_MAX = 8, NAME_SPAN_ROWS = 48 };

/* How rare a name key is where the page will look: the span of dossier
 * ids its first NAME_SPAN_ROWS rows from `floor` on cover (a key with
 * fewer rows than that is rarer than any: INT64_MAX). A few dozen rows of
 * the probe read, whatever the number of dossiers. */
static int64_t key_span(store *s, const char *k, int64_t floor)
{
    sqlite3_stmt *stmt = store_stmt(s, "SELECT id FROM dossier_name_keys WHERE k = ?1 AND id >= ?2"
                                       " ORDER BY id LIMIT 1 OFFSET ?3");
    if (!stmt)
        return -1;
    store_bind_text(stmt, 1, k);
    sqlite3_bind_int64(stmt, 2, floor);
    sqlite3_bind_int(stmt, 3, NAME_SPAN_ROWS - 1);
    int rc = sqlite3_step(stmt);
    int64_t span = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) - floor
                 : rc == SQLITE_DONE ? INT64_MAX : -1;
    store_done(stmt);
    return span;
}

/* A name (words: folded, single spaces): dossiers where every word starts
 * a word of the folded name. One walk of the name probe (dossier_name_keys,
 * migration 19) in dossier order, on the rarest key of the typed words
 * (a word's first 3 letters, or its 2), from the first dossier the status filter can take;
 * every word is checked on the name the probe holds, and only the
 * dossiers that match are read; stopped after a page. The time follows
 * how rare the name is, not the number of dossiers (issue 18). Words of
 * one letter have no key: alone, they are checked walking the dossiers. */
static pk_err name_page(store *s, const dossier_filter *f, const char *words, int64_t floor,
                        int64_t after, bool backward, dossier_row *rows, int max, int *n)
{
    char buf[512], pre[NAME_WORDS_MAX][520], key[NAME_WORDS_MAX][4];
    str_copy(buf, sizeof buf, words);
    int nw = 0;
    for (char *w = strtok(buf, " "); w && nw < NAME_WORDS_MAX; w = strtok(NULL, " ")) {
        snprintf(pre[nw], sizeof pre[nw], " %s", w);      /* " w": the start of a word */
        snprintf(key[nw], sizeof key[nw], "%.3s", w);
        nw++;
    }
    int drive = -1;
    int64_t best = 0;
    for (int i = 0; i < nw; i++) {
        if (strlen(key[i]) < 2)
            continue;
        int64_t span = key_span(s, key[i], floor);
        if (span < 0)
            return PK_EIO;
        if (drive < 0 || span > best) {
            drive = i;
            best = span;
        }
    }
    sqlq sql = {0};
    const char *id = drive >= 0 ? "p.id" : "d.id", *name = drive >= 0 ? "p.name" : "d.name_fold";
    if (drive >= 0)
        sqlq_add(&sql, "SELECT " DOSSIER_ROW_COLS " FROM dossier_name_keys p CROSS JOIN dossiers d"
                       " ON d.id = p.id WHERE p.k = ?%d", sqlq_text(&sql, key[drive]));
    else
        sqlq_add(&sql, "SELECT " DOSSIER_ROW_COLS " FROM dossiers d WHERE 1");
    for (int i = 0; i < nw; i++)
        sqlq_add(&sql, " AND instr(' ' || %s, ?%d) > 0", name, sqlq_text(&sql, pre[i]));
    sqlq_dossier_filter(&sql, f);
    if (floor > 0)
        sqlq_add(&sql, " AND %s >= ?%d", id, sqlq_int(&sql, floor));
    if (after > 0)
        sqlq_add(&sql, " AND %s %s ?%d", id, backward ? "<" : ">", sqlq_int(&sql, after));
    sqlq_add(&sql, " ORDER BY %s %s LIMIT ?%d", id, backward ? "DESC" : "ASC",
             sqlq_int(&sql, max));
    sqlite3_stmt *stmt = sqlq_prepare(s, &sql);
    if (!stmt)
        return PK_EIO;
    pk_err e = store_read_rows(s, stmt, rows, max, n);
    store_done(stmt);
    return e;
}

/* Digits that are also this kiosk's dossier number without its prefix
 * ("000042" -> LS01-000042): that dossier joins the page of the digit
 * search, in id order, when the filters and the page window let it. */
static pk_err with_seqref(store *s, const dossier_filter *f, const char *seqref, int64_t after,
                          bool backward, dossier_row *rows, int max, int *n)
{
    sqlq sql = {0};
    sqlq_add(&sql, "SELECT " DOSSIER_ROW_COLS " FROM dossiers d WHERE 1");
    sqlq_dossier_filter(&sql, f);
    sqlq_add(&sql, " AND d.ref = ?%d", sqlq_text(&sql, seqref));
    if (after > 0)
        sqlq_add(&sql, " AND d.id %s ?%d", backward ? "<" : ">", sqlq_int(&sql, after));
    sqlite3_stmt *stmt = sqlq_prepare(s, &sql);
    if (!stmt)
        return PK_EIO;
    dossier_row r;
    int got = 0;
    pk_err e = store_read_rows(s, stmt, &r, 1, &got);
    store_done(stmt);
    if (e != PK_OK || got == 0)
        return e;
    int at = 0;   /* rows are in walk order: ascending ids, or descending backward */
    while (at < *n && (backward ? rows[at].id > r.id : rows[at].id < r.id))
        at++;
    if (at < *n && rows[at].id == r.id)
        return PK_OK;                       /* found by its digits too */
    if (at >= max)
        return PK_OK;                       /* beyond this page */
    int keep = *n < max ? *n : max - 1;
    memmove(&rows[at + 1], &rows[at], (size_t)(keep - at) * sizeof *rows);
    rows[at] = r;
    *n = keep + 1;
    return PK_OK;
}

pk_err store_queue_page(store *s, const dossier_filter *f, int64_t after, bool backward,
                        dossier_row *rows, int max, int *n)
{
    *n = 0;
    dossier_filter any = {.status = -1};
    if (!f)
        f = &any;
    if (!store_filter_ok(f, 512) || max <= 0 || max > 1000 || after < 0)
        return PK_EINVAL;
    char q[512], hi[512] = "";
    query_kind k = classify(f->query, q, sizeof q);
    if (k == Q_EMPTY)
        return PK_OK;
    /* a number typed without the kiosk's prefix is also a reference:
     * "42" or "000042" -> "LS01-000042" */
    char seqref[PK_REF_MAX] = "", kiosk[16] = "";
    if ((k == Q_SEQ || k == Q_DIGITS) && strlen(q) <= 8 &&
        store_setting_get(s, "kiosk_code", kiosk, sizeof kiosk) == PK_OK)
        ids_reference(kiosk, strtoll(q, NULL, 10), seqref, sizeof seqref);
    if (k == Q_SEQ && !seqref[0])
        return PK_OK;
    /* A name or digit search walks its probe in id order and stops after
     * a page; under a status filter it starts at the oldest dossier of
     * that status (open dossiers are mostly recent, so this skips most of
     * the probe's rows). */
    int64_t floor_id = 0;
    if ((k == Q_NAME || k == Q_DIGITS) && f->status != -1) {
        sqlite3_stmt *m = store_stmt(s, f->status == -2
            ? "SELECT min(id) FROM dossiers WHERE closed_day = ''"
            : "SELECT min(id) FROM dossiers WHERE status = ?1");
        if (!m)
            return PK_EIO;
        if (f->status >= 0)
            store_bind_text(m, 1, dossier_status_code((dossier_status)f->status));
        if (sqlite3_step(m) == SQLITE_ROW)
            floor_id = sqlite3_column_int64(m, 0);
        store_done(m);
    }
    pk_err e;
    if (k == Q_DIGITS) {
        e = digits_page(s, f, q, floor_id, after, backward, rows, max, n);
        if (e == PK_OK && seqref[0])
            e = with_seqref(s, f, seqref, after, backward, rows, max, n);
        goto done;
    }
    if (k == Q_NAME) {
        e = name_page(s, f, q, floor_id, after, backward, rows, max, n);
        goto done;
    }
    sqlq sql = {0};
    sqlq_add(&sql, "SELECT " DOSSIER_ROW_COLS " FROM dossiers d WHERE 1");
    sqlq_dossier_filter(&sql, f);
    if (k == Q_REF) {
        /* a reference or an S10 number (a scanned envelope), or their start */
        prefix_hi(q, hi, sizeof hi);
        int lo_p = sqlq_text(&sql, q), hi_p = sqlq_text(&sql, hi);
        sqlq_add(&sql, " AND d.id IN (SELECT id FROM dossiers WHERE ref >= ?%d AND ref < ?%d"
                       " UNION ALL SELECT id FROM dossiers WHERE s10 >= ?%d AND s10 < ?%d)",
                 lo_p, hi_p, lo_p, hi_p);
    } else if (k == Q_SEQ) {
        sqlq_add(&sql, " AND d.ref = ?%d", sqlq_text(&sql, seqref));
    }
    if (after > 0)
        sqlq_add(&sql, " AND d.id %s ?%d", backward ? "<" : ">", sqlq_int(&sql, after));
    sqlq_add(&sql, " ORDER BY d.id %s LIMIT ?%d", backward ? "DESC" : "ASC", sqlq_int(&sql, max));
    sqlite3_stmt *stmt = sqlq_prepare(s, &sql);
    if (!stmt)
        return PK_EIO;
    e = store_read_rows(s, stmt, rows, max, n);
    store_done(stmt);
done:
    if (backward)   /* fetched newest first: give the page oldest first */
        for (int i = 0, j = *n - 1; i < j; i++, j--) {
            dossier_row t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
    return e;
}

/* ---- the clerk's day ------------------------------------------------------ */

/* [lo, hi) of a local day, unix seconds. */
static bool day_bounds(const char *day, int64_t *lo, int64_t *hi)
{
    int d;
    if (!day || !date_parse(day, &d))
        return false;
    char a[24], next[PK_DATE_MAX];
    snprintf(a, sizeof a, "%.10sT00:00", day);
    *lo = date_parse_local_minute(a);
    date_format(d + 1, next);
    snprintf(a, sizeof a, "%.10sT00:00", next);
    *hi = date_parse_local_minute(a);
    return *lo && *hi > *lo;
}

static const char *const day_where[DAY__COUNT] = {
    [DAY_ACCEPTED] = "accepted_at >= ?1 AND accepted_at < ?2",
    [DAY_HANDOVER] = "status IN ('accepted', 'in_transit') AND form <> 2",
    /* past the agency's appointment date when it gave one (a result ready
     * there but not collected too), else past the expected date */
    [DAY_AGENCY_LATE] = ("status IN ('handed', 'processing', 'supplement', 'result_ready') AND"
                         " CASE WHEN appointment_date <> '' THEN appointment_date < ?3"
                         " ELSE status <> 'result_ready' AND expected_date <> ''"
                         " AND expected_date < ?3 END"),
    [DAY_DELIVERY] = "(status = 'result_collected' OR (status = 'delivery_failed'"
                     " AND delivery_attempts < 2))",
    [DAY_RETURN] = "status = 'delivery_failed' AND delivery_attempts >= 2",
};

/* Working days from due to today (0 when today is not after it). */
static int days_late(const workcal *c, int due, int today)
{
    int n = 0;
    for (int d = due; d < today && n < 10000; n++)
        d = workcal_add(c, d, 1);
    return n;
}

pk_err store_day_list(store *s, day_list list, const char *today, bool newest, day_row *out,
                      int max, int *n)
{
    *n = 0;
    int64_t lo, hi;
    int tday;
    if ((unsigned)list >= DAY__COUNT || max <= 0 || max > 1000 || !day_bounds(today, &lo, &hi) ||
        !date_parse(today, &tday))
        return PK_EINVAL;
    char sql[640];
    snprintf(sql, sizeof sql,
             "SELECT ref, s10, status, name, agency, accepted_at, expected_date, updated_at,"
             " last_attempt, appointment_date FROM dossiers WHERE sample = 0 AND %s ORDER BY id %s LIMIT ?4",
             day_where[list], newest ? "DESC" : "ASC");
    sqlite3_stmt *stmt = store_stmt(s, sql);
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, lo);
    sqlite3_bind_int64(stmt, 2, hi);
    store_bind_text(stmt, 3, today);
    /* second attempts not yet due are read and skipped */
    sqlite3_bind_int(stmt, 4, list == DAY_DELIVERY ? 4 * max : max);
    holiday *h = NULL;
    int nh = 0;
    if (store_holidays(s, &h, &nh) != PK_OK)
        nh = 0;
    workcal cal;
    workcal_init(&cal, h, nh);
    free(h);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && *n < max) {
        day_row *r = &out[*n];
        memset(r, 0, sizeof *r);
        store_col_text(stmt, 0, r->ref, sizeof r->ref);
        store_col_text(stmt, 1, r->s10, sizeof r->s10);
        char code[24], expected[PK_DATE_MAX], last[PK_DATE_MAX];
        store_col_text(stmt, 2, code, sizeof code);
        int st = dossier_status_parse(code);
        r->status = st < 0 ? ST_REGISTERED : (dossier_status)st;
        store_col_text(stmt, 3, r->name, sizeof r->name);
        store_col_text(stmt, 4, r->agency, sizeof r->agency);
        store_col_text(stmt, 6, expected, sizeof expected);
        store_col_text(stmt, 8, last, sizeof last);
        store_col_text(stmt, 9, r->appointment, sizeof r->appointment);
        int due = tday, d;
        bool at_agency = r->status == ST_HANDED || r->status == ST_PROCESSING ||
                         r->status == ST_SUPPLEMENT || r->status == ST_RESULT_READY;
        r->overdue = at_agency && date_parse(r->appointment, &d) && d < tday;
        switch (list) {
        case DAY_ACCEPTED:
            break;
        case DAY_HANDOVER:
            due = workcal_add(&cal, date_local_day(sqlite3_column_int64(stmt, 5)), 1);
            break;
        case DAY_AGENCY_LATE:
            if (date_parse(r->appointment[0] ? r->appointment : expected, &d))
                due = d;
            break;
        case DAY_DELIVERY:
            if (r->status == ST_DELIVERY_FAILED && date_parse(last, &d))
                due = workcal_add(&cal, d, DOSSIER_ATTEMPT_GAP_DAYS);
            else
                due = date_local_day(sqlite3_column_int64(stmt, 7));
            break;
        case DAY_RETURN:
            if (date_parse(last, &d))
                due = d;
            break;
        default:
            break;
        }
        if (due > tday && list == DAY_DELIVERY)
            continue;   /* a second attempt not yet due */
        date_format(due, r->due);
        r->late = days_late(&cal, due, tday);
        (*n)++;
    }
    workcal_free(&cal);
    pk_err e = rc == SQLITE_ROW || rc == SQLITE_DONE ? PK_OK : store_rc(s, rc);
    store_done(stmt);
    return e;
}
