/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Notification templates and SMS segment counting. Templates stay short:
 * a Vietnamese text is UCS-2 on the air (70 characters a segment), so each
 * one is checked at its longest (tests/logic/test_notify_text.c). */
#include "notify_text.h"

#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "ids.h"
#include "util.h"

typedef struct {
    const char *event;
    bool dated;
    const char *msgid;   /* {ref} reference, {date} date: no printf format from a catalog */
} notify_template;

static const notify_template templates[] = {
    {"registered", true, N_("Post office: dossier {ref} registered, result expected {date}.")},
    {"handed", true, N_("Dossier {ref} handed to the agency, result expected {date}.")},
    {"supplement", false, N_("Dossier {ref}: the agency asks for more papers. Please contact the post office.")},
    {"agency_rejected", false, N_("Dossier {ref} was refused by the agency. Please contact the post office.")},
    {"result_ready", false, N_("Dossier {ref}: the result is ready.")},
    {"out_for_delivery", false, N_("Dossier {ref}: the result is out for delivery.")},
    {"delivery_failed", true, N_("Dossier {ref}: delivery failed, next attempt {date}.")},
    {"returned", false, N_("Dossier {ref}: the result went back to the agency after failed deliveries.")},
    {"delivered", false, N_("Dossier {ref}: the result was delivered.")},
    {"incident", false, N_("Dossier {ref} had a problem in transit. The post office will contact you.")},
    /* to the duty phone, not a citizen: {ref} is the kiosk, {date} its screen */
    {"call_staff", false, N_("Kiosk {ref}: a citizen asks for help (screen {date}).")},
};

/* A kiosk code (LS01) and a screen name (review): letters, digits, '_'. */
static bool word_ok(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

static const notify_template *find(const char *event)
{
    if (!event)
        return NULL;
    for (size_t i = 0; i < PK_ARRAY_LEN(templates); i++)
        if (strcmp(templates[i].event, event) == 0)
            return &templates[i];
    return NULL;
}

const char *notify_event_for(dossier_status to)
{
    switch (to) {
    case ST_HANDED: return "handed";
    case ST_SUPPLEMENT: return "supplement";
    case ST_AGENCY_REJECTED: return "agency_rejected";
    case ST_RESULT_READY: return "result_ready";
    case ST_OUT_FOR_DELIVERY: return "out_for_delivery";
    case ST_DELIVERY_FAILED: return "delivery_failed";
    case ST_RETURNED: return "returned";
    case ST_DELIVERED: return "delivered";
    default: return NULL;
    }
}

bool notify_event_known(const char *event)
{
    return find(event) != NULL;
}

bool notify_event_dated(const char *event)
{
    const notify_template *t = find(event);
    return t && t->dated;
}

/* tmpl with {ref} and {date} replaced; false when it does not fit or a
 * translation lost {ref} (the message would say nothing). */
static bool fill(const char *tmpl, const char *ref, const char *date, char *out, size_t outsz)
{
    size_t n = 0;
    bool has_ref = false;
    for (const char *p = tmpl; *p;) {
        const char *val = NULL;
        size_t skip = 1;
        if (strncmp(p, "{ref}", 5) == 0) {
            val = ref;
            skip = 5;
            has_ref = true;
        } else if (strncmp(p, "{date}", 6) == 0) {
            val = date;
            skip = 6;
        }
        size_t len = val ? strlen(val) : 1;
        if (n + len >= outsz) {
            out[0] = '\0';
            return false;
        }
        memcpy(out + n, val ? val : p, len);
        n += len;
        p += skip;
    }
    out[n] = '\0';
    if (!has_ref)
        out[0] = '\0';
    return has_ref;
}

bool notify_text(const char *event, const char *ref, const char *date, char *out,
                 size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out[0] = '\0';
    const notify_template *t = find(event);
    if (t && strcmp(t->event, "call_staff") == 0)
        return word_ok(ref, 15) && word_ok(date, PK_DATE_MAX - 1) &&
               fill(_(t->msgid), ref, date, out, outsz);
    int day = 0;
    if (!t || !ids_reference_valid(ref) || (t->dated && (!date || !date_parse(date, &day))))
        return false;
    char dmy[PK_DATE_MAX] = "";
    if (t->dated)
        date_format_dmy(day, dmy);
    return fill(_(t->msgid), ref, dmy, out, outsz);
}

bool notify_subject_call(const char *kiosk, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out[0] = '\0';
    if (!word_ok(kiosk, 15))
        return false;
    int n = snprintf(out, outsz, _("Kiosk %s: call staff"), kiosk);
    return n > 0 && (size_t)n < outsz;
}

bool notify_subject(const char *ref, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out[0] = '\0';
    if (!ids_reference_valid(ref))
        return false;
    int n = snprintf(out, outsz, _("Your dossier %s"), ref);
    return n > 0 && (size_t)n < outsz;
}

/* GSM 03.38 basic set (one septet) and extension table (two), as code
 * points. */
static const unsigned gsm_basic[] = {
    '@', 0xA3, '$', 0xA5, 0xE8, 0xE9, 0xF9, 0xEC, 0xF2, 0xC7, '\n', 0xD8, 0xF8, '\r', 0xC5,
    0xE5, 0x394, '_', 0x3A6, 0x393, 0x39B, 0x3A9, 0x3A0, 0x3A8, 0x3A3, 0x398, 0x39E, 0xC6,
    0xE6, 0xDF, 0xC9, ' ', '!', '"', '#', 0xA4, '%', '&', '\'', '(', ')', '*', '+', ',', '-',
    '.', '/', ':', ';', '<', '=', '>', '?', 0xA1, 0xC4, 0xD6, 0xD1, 0xDC, 0xA7, 0xBF, 0xE4,
    0xF6, 0xF1, 0xFC, 0xE0,
};
static const unsigned gsm_ext[] = {'^', '{', '}', '\\', '[', '~', ']', '|', 0x20AC, '\f'};

static bool in(const unsigned *set, size_t n, unsigned cp)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

/* Next code point of s at *i (advanced); invalid bytes count as one
 * non-GSM character. */
static unsigned next_cp(const unsigned char *s, size_t *i)
{
    unsigned c = s[*i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0) {
        (*i)++;
        return 0xFFFD;
    }
    unsigned cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    }
    *i += (size_t)len;
    return cp;
}

int sms_segments(const char *text, bool *ucs2)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t septets = 0, units = 0, i = 0;
    bool gsm = true;
    while (s[i]) {
        unsigned cp = next_cp(s, &i);
        units += cp > 0xFFFF ? 2 : 1;
        if (gsm) {
            bool alnum = (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
                         (cp >= 'a' && cp <= 'z');
            if (alnum || in(gsm_basic, PK_ARRAY_LEN(gsm_basic), cp))
                septets += 1;
            else if (in(gsm_ext, PK_ARRAY_LEN(gsm_ext), cp))
                septets += 2;
            else
                gsm = false;
        }
    }
    if (ucs2)
        *ucs2 = !gsm;
    size_t n = gsm ? septets : units, one = gsm ? 160 : 70, part = gsm ? 153 : 67;
    if (n == 0)
        return 0;
    return n <= one ? 1 : (int)((n + part - 1) / part);
}
