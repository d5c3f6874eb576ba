/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The channels: e-mail over SMTP and SMS over an HTTPS gateway (libcurl),
 * SMS through smstools' spool folders. Each returns how the attempt went
 * and, on failure, a reason without personal data (no address, no text). */
#ifndef PK_NOTIFY_SEND_H
#define PK_NOTIFY_SEND_H

#include <stddef.h>
#include <stdint.h>

#include "notify_config.h"
#include "store_notify.h"

/* The whole e-mail (headers and body, CRLF lines): RFC 2047 subject,
 * UTF-8 body in base64, Message-ID derived from id and ref so that a retry
 * after a crash carries the same one. false when it does not fit or an
 * address holds a character that could break a header. */
bool notify_mail_compose(const notify_config *nc, int64_t id, const char *ref, const char *to,
                         const char *subject, const char *body, int64_t now, char *out,
                         size_t outsz);
notify_outcome notify_mail_send(const notify_config *nc, int64_t id, const char *ref,
                                const char *to, const char *subject, const char *body,
                                int64_t now, char *reason, size_t reasonsz);

/* Whether the channels that go through libcurl (e-mail, SMS gateway) can
 * run: true when none is configured or the notify module (pk-notify.so)
 * loads; false with why (translated) otherwise, checked before any message
 * is claimed so that a missing module leaves every message as it was. */
bool notify_send_ready(const notify_config *nc, char *why, size_t whysz);

/* to_intl: 84 and the nine digits after the phone's leading 0. id: the
 * message's own reference, the same for every attempt (REF.ROW, no
 * personal data), sent as {id} so a gateway can drop a repeat after a
 * reply lost to a timeout. */
notify_outcome notify_gateway_send(const notify_config *nc, const char *to_intl,
                                   const char *text, const char *id, char *reason,
                                   size_t reasonsz);

/* Writes the spool file postkiosk-ID into smstools_outgoing whole (a
 * hidden temporary file, then rename): the same row always has the same
 * name, so a retry replaces a file smsd has not taken yet. Vietnamese
 * (non GSM-7) text goes as "Alphabet: UCS2" with the text in UCS-2 BE.
 * NOTIFY_HANDED on success. */
notify_outcome notify_smstools_write(const notify_config *nc, int64_t id, const char *to_intl,
                                     const char *text, char *reason, size_t reasonsz);
/* Looks for the handed rows' files in smstools_sent / smstools_failed and
 * records what smsd did (the "Fail_reason:" header of a failed file).
 * Returns how many rows changed, -1 on a store error. */
int notify_smstools_poll(store *db, const notify_config *nc, int64_t now);

#endif
