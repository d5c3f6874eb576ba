/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The messages the citizen receives when the dossier moves (TT 17/2017
 * Art. 12): one short template per life-cycle event, in the language
 * gettext is set to, and how many SMS segments a text takes. Pure text:
 * the outbox row (store_notify.c) keeps the event, reference and date; the
 * sender renders the text in the citizen's language when it sends. */
#ifndef PK_NOTIFY_TEXT_H
#define PK_NOTIFY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* The event a dossier reaching status `to` tells the citizen about
 * ("handed", "supplement", ...), or NULL when that step sends nothing. */
const char *notify_event_for(dossier_status to);
/* Whether the event's message carries a date (expected result, next
 * delivery attempt). */
bool notify_event_dated(const char *event);
/* Known event codes: "registered", the ones notify_event_for gives, and
 * "incident". */
bool notify_event_known(const char *event);

/* The message for event about dossier ref, in the current gettext
 * language; date is YYYY-MM-DD (shown DD/MM/YYYY), required when the event
 * is dated. Never the ID number or the name: reference, status, date.
 * false (out empty) for an unknown event, a bad reference or a missing
 * date. */
bool notify_text(const char *event, const char *ref, const char *date, char *out,
                 size_t outsz);
/* The subject line of the e-mail (same language). */
bool notify_subject(const char *ref, char *out, size_t outsz);
/* "call_staff" (to the duty phone or e-mail, issue 14 item 3): ref is the
 * kiosk code and date the kiosk screen's name; its subject line. */
bool notify_subject_call(const char *kiosk, char *out, size_t outsz);

/* SMS segments text (UTF-8) takes: GSM-7 when every character is in the
 * GSM 03.38 basic set or its extension (which counts twice), 160 in one
 * segment, 153 per part; else UCS-2, 70 in one, 67 per part (characters
 * beyond the BMP count twice). *ucs2 (may be NULL) says which. 0 for "". */
int sms_segments(const char *text, bool *ucs2);

#endif
