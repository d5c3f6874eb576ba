/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The notifier's pass (notify_run.h). The text is rendered here, in the
 * citizen's language, when it is sent: the outbox keeps only the facts. */
#include "notify_run.h"

#include <stdio.h>
#include <string.h>

#include "dossier.h"
#include "i18n.h"
#include "notify_send.h"
#include "notify_text.h"
#include "store_notify.h"
#include "util.h"

/* the message's text and subject in lang (falls back to Vietnamese);
 * the process's language is restored */
static bool render(const notify_msg *m, char *text, size_t textsz, char *subj, size_t subjsz)
{
    char old[16];
    str_copy(old, sizeof old, i18n_lang());
    if (!i18n_set_lang(m->lang))
        i18n_set_lang("vi");
    bool ok = notify_text(m->event, m->ref, m->date, text, textsz) &&
              (strcmp(m->event, "call_staff") == 0 ? notify_subject_call(m->ref, subj, subjsz)
                                                   : notify_subject(m->ref, subj, subjsz));
    i18n_set_lang(old);
    return ok;
}

static notify_outcome send_one(const notify_config *nc, const notify_msg *m, int64_t now,
                               char *reason, size_t reasonsz)
{
    char text[320], subj[128];
    if (!m->destination[0]) {
        snprintf(reason, reasonsz, "%s", _("no destination (erased)"));
        return NOTIFY_FATAL;
    }
    if (!render(m, text, sizeof text, subj, sizeof subj)) {
        snprintf(reason, reasonsz, "%s", _("the message cannot be written (event or date)"));
        return NOTIFY_FATAL;
    }
    if (strcmp(m->channel, "email") == 0)
        return notify_mail_send(nc, m->id, m->ref, m->destination, subj, text, now, reason,
                                reasonsz);
    char phone[PK_PHONE_MAX], intl[PK_PHONE_MAX + 2];
    if (dossier_check_phone(m->destination, phone, sizeof phone) != VAL_OK) {
        snprintf(reason, reasonsz, "%s", _("not a Vietnamese mobile number"));
        return NOTIFY_FATAL;
    }
    snprintf(intl, sizeof intl, "84%s", phone + 1);
    char id[PK_REF_MAX + 24];
    snprintf(id, sizeof id, "%s.%lld", m->ref, (long long)m->id);
    notify_outcome o = notify_gateway_on(nc)
                           ? notify_gateway_send(nc, intl, text, id, reason, reasonsz)
                           : notify_smstools_write(nc, m->id, intl, text, reason, reasonsz);
    mem_wipe(phone, sizeof phone);
    mem_wipe(intl, sizeof intl);
    return o;
}

static const char *outcome_word(notify_outcome o, bool expired)
{
    switch (o) {
    case NOTIFY_SENT: return _("sent");
    case NOTIFY_HANDED: return _("handed to smstools");
    case NOTIFY_FAILED:
        return expired ? _("given up") : _("failed, will retry");
    default: return _("given up");
    }
}

pk_err notify_run_once(store *db, const notify_config *nc, const char *who, int64_t now,
                       notify_stats *st)
{
    memset(st, 0, sizeof *st);
    if (notify_smstools_on(nc) && !notify_gateway_on(nc)) {
        int n = notify_smstools_poll(db, nc, now);
        if (n < 0)
            return PK_EIO;
        st->spool_done = n;
    }
    const char *channels[2];
    int nch = 0;
    if (notify_mail_on(nc))
        channels[nch++] = "email";
    if (notify_gateway_on(nc) || notify_smstools_on(nc))
        channels[nch++] = "sms";
    for (int c = 0; c < nch; c++) {
        for (;;) {
            notify_msg m;
            pk_err e = store_notify_claim(db, channels[c], who, now, NOTIFY_LEASE, &m);
            if (e == PK_ENOTFOUND)
                break;
            if (e != PK_OK)
                return e;
            char reason[PK_TEXT_MAX] = "";
            notify_outcome o = send_one(nc, &m, now, reason, sizeof reason);
            bool expired = notify_expired(m.created_at, now);
            e = store_notify_record(db, m.id, who, o, reason, now);
            printf("notify: %s %s %s: %s%s%s\n", m.ref, m.event, m.channel,
                   outcome_word(o, expired), reason[0] ? ": " : "", reason);
            mem_wipe(&m, sizeof m);
            if (e != PK_OK && e != PK_ESTATE)
                return e;
            if (o == NOTIFY_SENT)
                st->sent++;
            else if (o == NOTIFY_HANDED)
                st->handed++;
            else if (o == NOTIFY_FAILED && !expired)
                st->failed++;
            else
                st->given_up++;
        }
    }
    fflush(stdout);
    return PK_OK;
}
