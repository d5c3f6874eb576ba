/* SPDX-License-Identifier: GPL-3.0-or-later */
/* E-mail through SMTP with libcurl: STARTTLS (required unless smtp_tls =
 * try), AUTH when smtp_user is set, a MIME message in UTF-8. */
#include "notify_send.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "i18n.h"
#include "util.h"

static bool header_safe(const char *s)
{
    for (; *s; s++)
        if (*s == '\r' || *s == '\n' || *s == '<' || *s == '>' || *s == '"' || *s == ',')
            return false;
    return true;
}

static const char *domain_of(const char *addr)
{
    const char *at = strrchr(addr, '@');
    return at && at[1] ? at + 1 : "localhost";
}

/* base64 of text, in lines of at most 76 characters ending in CRLF */
static bool b64_lines(const char *text, char *out, size_t outsz)
{
    size_t n = strlen(text), o = 0;
    for (size_t i = 0; i < n; i += 57) {
        size_t chunk = n - i < 57 ? n - i : 57;
        size_t need = sodium_base64_ENCODED_LEN(chunk, sodium_base64_VARIANT_ORIGINAL);
        if (o + need + 2 > outsz)
            return false;
        sodium_bin2base64(out + o, need, (const unsigned char *)text + i, chunk,
                          sodium_base64_VARIANT_ORIGINAL);
        o += strlen(out + o);
        memcpy(out + o, "\r\n", 3);
        o += 2;
    }
    if (o == 0 && outsz > 0)
        out[0] = '\0';
    return true;
}

bool notify_mail_compose(const notify_config *nc, int64_t id, const char *ref, const char *to,
                         const char *subject, const char *body, int64_t now, char *out,
                         size_t outsz)
{
    if (!header_safe(to) || !header_safe(nc->from) || !strchr(to, '@') || !header_safe(ref))
        return false;
    char subj64[512], body64[4096], date[64];
    size_t sl = strlen(subject);
    if (sodium_base64_ENCODED_LEN(sl, sodium_base64_VARIANT_ORIGINAL) > sizeof subj64)
        return false;
    sodium_bin2base64(subj64, sizeof subj64, (const unsigned char *)subject, sl,
                      sodium_base64_VARIANT_ORIGINAL);
    if (!b64_lines(body, body64, sizeof body64))
        return false;
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    int n = snprintf(out, outsz,
                     "Date: %s\r\n"
                     "From: <%s>\r\n"
                     "To: <%s>\r\n"
                     "Message-ID: <notify-%lld.%s@%s>\r\n"
                     "Subject: =?UTF-8?B?%s?=\r\n"
                     "MIME-Version: 1.0\r\n"
                     "Content-Type: text/plain; charset=UTF-8\r\n"
                     "Content-Transfer-Encoding: base64\r\n"
                     "Auto-Submitted: auto-generated\r\n"
                     "\r\n"
                     "%s",
                     date, nc->from, to, (long long)id, ref, domain_of(nc->from), subj64, body64);
    return n > 0 && (size_t)n < outsz;
}
