/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The notification outbox: queued in the event's transaction, claimed
 * before sending, recorded after (store_notify.h). */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "notify_text.h"
#include "store_audit.h"
#include "store_notify.h"
#include "util.h"

/* Schema version 8. */
const char store_schema_v8[] =
    "CREATE TABLE notify_outbox("
    "  id INTEGER PRIMARY KEY,"
    "  dossier_id INTEGER NOT NULL,"
    "  ref TEXT NOT NULL,"
    "  event TEXT NOT NULL,"
    "  channel TEXT NOT NULL CHECK(channel IN ('sms', 'email')),"
    "  destination TEXT NOT NULL,"       /* personal data: cleared when done */
    "  lang TEXT NOT NULL,"
    "  date TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'pending' CHECK(status IN"
    "    ('pending', 'sending', 'handed', 'sent', 'failed', 'given_up')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_at INTEGER NOT NULL DEFAULT 0,"
    "  claimed_by TEXT NOT NULL DEFAULT '',"
    "  claimed_until INTEGER NOT NULL DEFAULT 0,"
    "  done_at INTEGER NOT NULL DEFAULT 0,"
    "  reason TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX notify_outbox_open ON notify_outbox(status, next_at, id)"
    "  WHERE status NOT IN ('sent', 'given_up');"
    "CREATE INDEX notify_outbox_by_dossier ON notify_outbox(dossier_id, channel, id);";

/* The clerk menu counts the given-up messages every second: without this
 * index that count reads the whole outbox, which only grows. */
const char store_schema_notify_given_up[] =
    "CREATE INDEX notify_outbox_given_up ON notify_outbox(id) WHERE status = 'given_up';";

static pk_err insert_row(store *s, int64_t dossier_id, const char *ref, const char *event,
                         const char *channel, const char *dest, const char *lang,
                         const char *date, int64_t at)
{
    sqlite3_stmt *stmt = store_stmt(s,
        "INSERT INTO notify_outbox(dossier_id, ref, event, channel, destination, lang, date,"
        " created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, dossier_id);
    store_bind_text(stmt, 2, ref);
    store_bind_text(stmt, 3, event);
    store_bind_text(stmt, 4, channel);
    store_bind_text(stmt, 5, dest);
    store_bind_text(stmt, 6, lang);
    store_bind_text(stmt, 7, date ? date : "");
    sqlite3_bind_int64(stmt, 8, at);
    return store_step_done(s, stmt);
}

static pk_err add_consent_email(store *s, const void *arg)
{
    (void)arg;
    return store_column_add(s, "dossiers", "consent_email",
                            "INTEGER NOT NULL DEFAULT 0 CHECK(consent_email IN (0, 1))");
}

/* The consent box of older kiosks said "text messages": their dossiers
 * agreed to SMS only, so they get no e-mail (consent_email 0). */
pk_err store_consent_email_upgrade(store *s)
{
    return store_reseal_dossiers(s, add_consent_email, NULL);
}

pk_err store_notify_queue_to(store *s, const store_notify_to *to, const char *event,
                             const char *date, int64_t at)
{
    if (!notify_event_known(event) || (date && !store_text_ok(date, PK_DATE_MAX)))
        return PK_EINVAL;
    if (to->sample)
        return PK_OK;
    /* a dated message without a date given tells the expected result date */
    if (notify_event_dated(event) && (!date || !*date))
        date = to->expected;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    /* each channel only with its own consent (issue 14: "only to the
     * channel they chose") */
    if (to->consent_sms && to->phone[0])
        e = insert_row(s, to->dossier_id, to->ref, event, "sms", to->phone, to->lang, date, at);
    if (e == PK_OK && to->consent_email && to->email[0])
        e = insert_row(s, to->dossier_id, to->ref, event, "email", to->email, to->lang, date, at);
    return store_end(s, e);
}

pk_err store_notify_queue(store *s, int64_t dossier_id, const char *event, const char *date,
                          int64_t at)
{
    if (!notify_event_known(event) || (date && !store_text_ok(date, PK_DATE_MAX)))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT ref, phone, email, lang, consent_sms, sample,"
                                       " expected_date, consent_email FROM dossiers WHERE id = ?1");
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    sqlite3_bind_int64(stmt, 1, dossier_id);
    e = store_step_row(s, stmt);
    char ref[PK_REF_MAX], phone[PK_PHONE_MAX], email[PK_EMAIL_MAX], lang[8],
        expected[PK_DATE_MAX];
    store_notify_to to = {.dossier_id = dossier_id, .ref = ref, .phone = phone, .email = email,
                          .lang = lang, .expected = expected, .sample = true};
    if (e == PK_OK) {
        store_col_text(stmt, 0, ref, sizeof ref);
        store_col_text(stmt, 1, phone, sizeof phone);
        store_col_text(stmt, 2, email, sizeof email);
        store_col_text(stmt, 3, lang, sizeof lang);
        to.consent_sms = sqlite3_column_int(stmt, 4) != 0;
        to.sample = sqlite3_column_int(stmt, 5) != 0;
        store_col_text(stmt, 6, expected, sizeof expected);
        to.consent_email = sqlite3_column_int(stmt, 7) != 0;
    }
    store_done(stmt);
    if (e == PK_OK)
        e = store_notify_queue_to(s, &to, event, date, at);
    mem_wipe(phone, sizeof phone);
    mem_wipe(email, sizeof email);
    return store_end(s, e);
}

#define MSG_COLS "id, dossier_id, ref, event, channel, destination, lang, date, status," \
                 " attempts, created_at"

static void read_msg(sqlite3_stmt *stmt, notify_msg *m)
{
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(stmt, 0);
    m->dossier_id = sqlite3_column_int64(stmt, 1);
    store_col_text(stmt, 2, m->ref, sizeof m->ref);
    store_col_text(stmt, 3, m->event, sizeof m->event);
    store_col_text(stmt, 4, m->channel, sizeof m->channel);
    store_col_text(stmt, 5, m->destination, sizeof m->destination);
    store_col_text(stmt, 6, m->lang, sizeof m->lang);
    store_col_text(stmt, 7, m->date, sizeof m->date);
    store_col_text(stmt, 8, m->status, sizeof m->status);
    m->attempts = sqlite3_column_int(stmt, 9);
    m->created_at = sqlite3_column_int64(stmt, 10);
}

/* A row whose sender crashed NOTIFY_MAX_CRASHES times: given up, so that
 * one poisonous message does not hold its dossier's later ones forever. */
static pk_err give_up_stale(store *s, int64_t now)
{
    sqlite3_stmt *stmt = store_stmt(s,
        "UPDATE notify_outbox SET status = 'given_up', destination = '', done_at = ?1,"
        " claimed_by = '', reason = 'interrupted too often'"
        " WHERE status = 'sending' AND claimed_until < ?1 AND attempts >= ?2");
    if (!stmt)
        return PK_EIO;
    sqlite3_bind_int64(stmt, 1, now);
    sqlite3_bind_int(stmt, 2, NOTIFY_MAX_CRASHES);
    return store_step_done(s, stmt);
}

pk_err store_notify_claim(store *s, const char *channel, const char *who, int64_t now,
                          int lease, notify_msg *out)
{
    memset(out, 0, sizeof *out);
    if (!who || !*who || !store_text_ok(who, 64) || lease < 1 ||
        (channel && strcmp(channel, "sms") != 0 && strcmp(channel, "email") != 0))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    e = give_up_stale(s, now);
    sqlite3_stmt *stmt = e == PK_OK ? store_stmt(s,
        "SELECT " MSG_COLS " FROM notify_outbox o"
        " WHERE (?2 IS NULL OR channel = ?2)"
        "   AND ((status IN ('pending', 'failed') AND next_at <= ?1)"
        "        OR (status = 'sending' AND claimed_until < ?1))"
        "   AND NOT EXISTS (SELECT 1 FROM notify_outbox p WHERE p.dossier_id = o.dossier_id"
        "        AND p.channel = o.channel AND p.id < o.id"
        "        AND p.status NOT IN ('sent', 'given_up'))"
        " ORDER BY id LIMIT 1") : NULL;
    if (e == PK_OK && !stmt)
        e = PK_EIO;
    if (e == PK_OK) {
        sqlite3_bind_int64(stmt, 1, now);
        if (channel)
            store_bind_text(stmt, 2, channel);
        e = store_step_row(s, stmt);
        if (e == PK_OK)
            read_msg(stmt, out);
        store_done(stmt);
    }
    if (e == PK_OK) {
        stmt = store_stmt(s, "UPDATE notify_outbox SET status = 'sending', claimed_by = ?2,"
                             " claimed_until = ?3, attempts = attempts + 1 WHERE id = ?1");
        if (!stmt) {
            e = PK_EIO;
        } else {
            sqlite3_bind_int64(stmt, 1, out->id);
            store_bind_text(stmt, 2, who);
            sqlite3_bind_int64(stmt, 3, now + lease);
            e = store_step_done(s, stmt);
            out->attempts++;
            str_copy(out->status, sizeof out->status, "sending");
        }
    }
    if (e == PK_ENOTFOUND) {
        /* nothing due: still keep what give_up_stale did */
        e = store_end(s, PK_OK);
        return e == PK_OK ? PK_ENOTFOUND : e;
    }
    e = store_end(s, e);
    if (e != PK_OK)
        mem_wipe(out, sizeof *out);
    return e;
}

static int64_t backoff(int attempts)
{
    int64_t d = NOTIFY_BACKOFF_FIRST;
    for (int i = 1; i < attempts && d < NOTIFY_BACKOFF_MAX; i++)
        d *= 2;
    return d < NOTIFY_BACKOFF_MAX ? d : NOTIFY_BACKOFF_MAX;
}

/* Sets a row's outcome; where (SQL) limits which rows qualify. */
static pk_err set_outcome(store *s, int64_t id, const char *who, notify_outcome outcome,
                          const char *reason, int64_t now, const char *from_status)
{
    if ((unsigned)outcome > NOTIFY_FATAL || (reason && !store_text_ok(reason, PK_TEXT_MAX)))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT attempts, created_at FROM notify_outbox WHERE id = ?1"
                                       " AND status = ?2 AND (?3 IS NULL OR claimed_by = ?3)");
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    sqlite3_bind_int64(stmt, 1, id);
    store_bind_text(stmt, 2, from_status);
    if (who)
        store_bind_text(stmt, 3, who);
    e = store_step_row(s, stmt);
    int attempts = e == PK_OK ? sqlite3_column_int(stmt, 0) : 0;
    int64_t created_at = e == PK_OK ? sqlite3_column_int64(stmt, 1) : now;
    store_done(stmt);
    if (e == PK_ENOTFOUND)
        e = PK_ESTATE;
    const char *to = "sent";
    if (outcome == NOTIFY_HANDED)
        to = "handed";
    else if (outcome == NOTIFY_FATAL ||
             (outcome == NOTIFY_FAILED && notify_expired(created_at, now)))
        to = "given_up";
    else if (outcome == NOTIFY_FAILED)
        to = "failed";
    bool done = strcmp(to, "sent") == 0 || strcmp(to, "given_up") == 0;
    stmt = e == PK_OK ? store_stmt(s,
        "UPDATE notify_outbox SET status = ?2, reason = ?3, next_at = ?4,"
        " done_at = CASE WHEN ?5 THEN ?6 ELSE 0 END,"
        " destination = CASE WHEN ?5 THEN '' ELSE destination END,"
        " claimed_by = CASE WHEN ?2 = 'handed' THEN claimed_by ELSE '' END, claimed_until = 0"
        " WHERE id = ?1") : NULL;
    if (e == PK_OK && !stmt)
        e = PK_EIO;
    if (e == PK_OK) {
        sqlite3_bind_int64(stmt, 1, id);
        store_bind_text(stmt, 2, to);
        store_bind_text(stmt, 3, reason && outcome != NOTIFY_SENT ? reason : "");
        sqlite3_bind_int64(stmt, 4, strcmp(to, "failed") == 0 ? now + backoff(attempts) : 0);
        sqlite3_bind_int(stmt, 5, done);
        sqlite3_bind_int64(stmt, 6, now);
        e = store_step_done(s, stmt);
    }
    return store_end(s, e);
}

pk_err store_notify_record(store *s, int64_t id, const char *who, notify_outcome outcome,
                           const char *reason, int64_t now)
{
    if (!who || !*who || !store_text_ok(who, 64))
        return PK_EINVAL;
    return set_outcome(s, id, who, outcome, reason, now, "sending");
}

pk_err store_notify_spooled(store *s, int64_t id, notify_outcome outcome, const char *reason,
                            int64_t now)
{
    if (outcome != NOTIFY_SENT && outcome != NOTIFY_FAILED)
        return PK_EINVAL;
    return set_outcome(s, id, NULL, outcome, reason, now, "handed");
}

pk_err store_notify_handed(store *s, notify_msg *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(s, "SELECT " MSG_COLS " FROM notify_outbox"
                                       " WHERE status = 'handed' ORDER BY id");
    if (!stmt)
        return PK_EIO;
    pk_err e;
    while (store_next_row(s, stmt, *n, max, &e))
        read_msg(stmt, &out[(*n)++]);
    store_done(stmt);
    return e;
}

/* One row of counts into out, in the order of notify_backlog's fields
 * (pending, failed, given_up, then sent and last_sent_at when the query
 * has them). */
static pk_err backlog_row(store *s, const char *sql, notify_backlog *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(s, sql);
    if (!stmt)
        return PK_EIO;
    pk_err e = store_step_row(s, stmt);
    if (e == PK_OK) {
        int64_t *field[] = {&out->pending, &out->failed, &out->given_up, &out->sent,
                            &out->last_sent_at};
        int ncol = sqlite3_column_count(stmt);
        for (int i = 0; i < ncol && i < (int)PK_ARRAY_LEN(field); i++)
            *field[i] = sqlite3_column_int64(stmt, i);
    }
    store_done(stmt);
    return e;
}

pk_err store_notify_waiting(store *s, notify_backlog *out)
{
    /* open rows through the partial index notify_outbox_open; given-up
     * rows through notify_outbox_given_up: neither reads the sent ones */
    return backlog_row(s,
        "SELECT (SELECT count(*) FROM notify_outbox WHERE status NOT IN ('sent', 'given_up')),"
        " (SELECT count(*) FROM notify_outbox WHERE status NOT IN ('sent', 'given_up')"
        "   AND status = 'failed'),"
        " (SELECT count(*) FROM notify_outbox WHERE status = 'given_up')", out);
}

pk_err store_notify_backlog(store *s, notify_backlog *out)
{
    return backlog_row(s,
        "SELECT count(*) FILTER (WHERE status NOT IN ('sent', 'given_up')),"
        " count(*) FILTER (WHERE status = 'failed'),"
        " count(*) FILTER (WHERE status = 'given_up'),"
        " count(*) FILTER (WHERE status = 'sent'),"
        " coalesce(max(done_at) FILTER (WHERE status = 'sent'), 0) FROM notify_outbox", out);
}

/* ---- call staff ----------------------------------------------------------- */

pk_err store_staff_alert(store *s, int64_t at, const char *kiosk, const char *screen,
                         const duty_contact *duty, int64_t *id)
{
    if (!kiosk || !screen || !store_text_ok(kiosk, 16) || !store_text_ok(screen, 32) ||
        (duty && (!STORE_FIELD_OK(duty->phone) || !STORE_FIELD_OK(duty->email) ||
                  !STORE_FIELD_OK(duty->lang))))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, "INSERT INTO staff_alerts(at, kiosk, screen) VALUES(?1, ?2, ?3)");
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    sqlite3_bind_int64(stmt, 1, at);
    store_bind_text(stmt, 2, kiosk);
    store_bind_text(stmt, 3, screen);
    e = store_step_done(s, stmt);
    int64_t row = e == PK_OK ? sqlite3_last_insert_rowid(s->conn) : 0;
    if (e == PK_OK) {
        char detail[64];
        snprintf(detail, sizeof detail, "screen=%s", screen);
        e = store_audit_append(s, at, "kiosk", "call_staff", kiosk, detail);
    }
    /* the duty phone's message carries the screen in its date field (10 bytes) */
    char where[PK_DATE_MAX];
    str_copy(where, sizeof where, screen);
    const char *lang = duty && duty->lang[0] ? duty->lang : "vi";
    if (e == PK_OK && duty && duty->phone[0])
        e = insert_row(s, 0, kiosk, "call_staff", "sms", duty->phone, lang, where, at);
    if (e == PK_OK && duty && duty->email[0])
        e = insert_row(s, 0, kiosk, "call_staff", "email", duty->email, lang, where, at);
    e = store_end(s, e);
    if (e == PK_OK && id)
        *id = row;
    return e;
}

pk_err store_staff_alert_open(store *s, staff_alert *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(s, "SELECT id, at, kiosk, screen FROM staff_alerts"
                                       " WHERE seen_at = 0 ORDER BY id LIMIT 1");
    if (!stmt)
        return PK_EIO;
    int rc = sqlite3_step(stmt);
    pk_err e = rc == SQLITE_ROW ? PK_OK : rc == SQLITE_DONE ? PK_ENOTFOUND : store_rc(s, rc);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(stmt, 0);
        out->at = sqlite3_column_int64(stmt, 1);
        store_col_text(stmt, 2, out->kiosk, sizeof out->kiosk);
        store_col_text(stmt, 3, out->screen, sizeof out->screen);
    }
    store_done(stmt);
    return e;
}

pk_err store_staff_alert_seen(store *s, int64_t id, const char *who, int64_t at)
{
    if (!who || !*who || !store_text_ok(who, 64))
        return PK_EINVAL;
    pk_err e = store_begin(s);
    if (e != PK_OK)
        return e;
    sqlite3_stmt *stmt = store_stmt(s, "UPDATE staff_alerts SET seen_at = ?2, seen_by = ?3"
                                       " WHERE id = ?1 AND seen_at = 0");
    if (!stmt) {
        store_rollback(s);
        return PK_EIO;
    }
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, at > 0 ? at : 1);
    store_bind_text(stmt, 3, who);
    e = store_step_done(s, stmt);
    if (e == PK_OK && sqlite3_changes(s->conn) == 0)
        e = PK_ENOTFOUND;
    if (e == PK_OK) {
        char object[32];
        snprintf(object, sizeof object, "alert:%lld", (long long)id);
        e = store_audit_append(s, at, who, "call_staff_seen", object, "");
    }
    return store_end(s, e);
}
