/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The notification outbox (TT 17/2017 Art. 12): one row per message to the
 * citizen, written in the transaction of the life-cycle event that causes
 * it (store_dossier_create, store_dossier_transition, store_dossier_incident)
 * and only to the channels the citizen agreed to: "sms" to the phone with
 * consent_sms, "email" to the address with consent_email. The row
 * keeps event, reference, date and language; the sender renders the text
 * (notify_text.c). The destination is personal data: cleared once the
 * message is sent or given up, and by purge; never logged.
 *
 * Sending is at least once, never twice for one row: a sender claims a row
 * (status "sending", claimed_by, a lease) before it sends, then records
 * sent / failed (reason, back-off) / given up. A row left "sending" by a
 * crash is claimed again when its lease ends; the channel makes that
 * retry idempotent where it can (smstools file name, e-mail Message-ID
 * derived from the row id). A channel that hands the message on (smstools)
 * records "handed" and reports sent / failed when the spool says so. */
#ifndef PK_STORE_NOTIFY_H
#define PK_STORE_NOTIFY_H

#include <stdint.h>

#include "model.h"
#include "store.h"

enum {
    /* A message that keeps failing is retried until it is this old (seconds
     * since it was queued): rural lines drop for days, and a count of tries
     * gave up after an afternoon. */
    NOTIFY_GIVE_UP_AGE = 3 * 24 * 3600,
    /* A message whose sender died this often while sending it is given up
     * at once: it may be what kills the sender, and it holds its dossier's
     * later messages. */
    NOTIFY_MAX_CRASHES = 8,
    NOTIFY_BACKOFF_FIRST = 60,    /* seconds before the first retry, doubled each time */
    NOTIFY_BACKOFF_MAX = 6 * 3600,
};

/* A failure of a message queued at created_at is final at now. */
static inline bool notify_expired(int64_t created_at, int64_t now)
{
    return now - created_at >= NOTIFY_GIVE_UP_AGE;
}

typedef struct {
    int64_t id;
    int64_t dossier_id;
    char ref[PK_REF_MAX];
    char event[24];
    char channel[8];               /* sms | email */
    char destination[PK_EMAIL_MAX];   /* personal data */
    char lang[8];
    char date[PK_DATE_MAX];        /* expected result / next attempt, or "" */
    char status[12];
    int attempts;                  /* including the one just claimed */
    int64_t created_at;
} notify_msg;

typedef enum {
    NOTIFY_SENT,      /* the channel accepted the message */
    NOTIFY_HANDED,    /* given to a spool (smstools) that reports later */
    NOTIFY_FAILED,    /* retry after the back-off, or give up */
    NOTIFY_FATAL,     /* give up now (bad destination: retrying cannot help) */
} notify_outcome;

/* Queues the event's messages for dossier_id in the caller's transaction
 * (joins it through store_begin). Nothing for a dossier without message
 * consent or a practice dossier. */
pk_err store_notify_queue(store *s, int64_t dossier_id, const char *event, const char *date,
                          int64_t at);

/* Claims the next due row of channel (NULL = any) for who until now +
 * lease seconds: pending, failed whose back-off is over, or sending whose
 * lease ended (a crashed sender). An earlier unfinished row of the same
 * dossier and channel goes first (messages arrive in order). PK_ENOTFOUND
 * when none is due. */
pk_err store_notify_claim(store *s, const char *channel, const char *who, int64_t now,
                          int lease, notify_msg *out);
/* Records how a claimed row went. reason (no personal data) for failures.
 * PK_ESTATE when who no longer holds the claim (the lease ended and another
 * sender took it): nothing is changed. */
pk_err store_notify_record(store *s, int64_t id, const char *who, notify_outcome outcome,
                           const char *reason, int64_t now);
/* Rows "handed" to a spool, oldest first, up to max; *n of them. */
pk_err store_notify_handed(store *s, notify_msg *out, int max, int *n);
/* What the spool said about a handed row (NOTIFY_SENT or NOTIFY_FAILED). */
pk_err store_notify_spooled(store *s, int64_t id, notify_outcome outcome, const char *reason,
                            int64_t now);

typedef struct {
    int64_t pending;     /* pending + failed awaiting retry + sending + handed */
    int64_t failed;      /* failed, awaiting retry */
    int64_t given_up;
    int64_t sent;
    int64_t last_sent_at;   /* 0 = never */
} notify_backlog;
pk_err store_notify_backlog(store *s, notify_backlog *out);

/* ---- call staff (F4 at the kiosk, issue 14 item 3) -------------------------
 * One transaction: the alert the clerk workstation shows at once, its audit
 * row, and — when [notify] names a duty phone or e-mail — a "call_staff"
 * message to each through this outbox (dossier 0, the kiosk code as the
 * reference, the screen name as the date field). Nothing personal. */
typedef struct {
    int64_t id, at;
    char kiosk[16];
    char screen[32];              /* the kiosk screen's name: "review" */
} staff_alert;

typedef struct {
    char phone[PK_PHONE_MAX];     /* "" = no SMS */
    char email[PK_EMAIL_MAX];     /* "" = no e-mail */
    char lang[8];                 /* of the duty message */
} duty_contact;

pk_err store_staff_alert(store *s, int64_t at, const char *kiosk, const char *screen,
                         const duty_contact *duty, int64_t *id);
/* The oldest alert no clerk has marked seen; PK_ENOTFOUND when none. */
pk_err store_staff_alert_open(store *s, staff_alert *out);
/* A clerk saw it (audited); PK_ENOTFOUND for an unknown or seen alert. */
pk_err store_staff_alert_seen(store *s, int64_t id, const char *who, int64_t at);
/* Only pending, failed and given_up (sent 0, last_sent_at 0), read through
 * indexes so the cost does not grow with the messages sent: the clerk
 * menu's line, redrawn every second. */
pk_err store_notify_waiting(store *s, notify_backlog *out);

#endif
