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
#include "notify_curl.h"
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

typedef struct {
    const char *data;
    size_t len, pos;
} upload;

static size_t read_cb(char *buf, size_t size, size_t nitems, void *user)
{
    upload *u = user;
    size_t room = size * nitems, left = u->len - u->pos;
    size_t n = left < room ? left : room;
    memcpy(buf, u->data + u->pos, n);
    u->pos += n;
    return n;
}

notify_outcome notify_mail_send(const notify_config *nc, int64_t id, const char *ref,
                                const char *to, const char *subject, const char *body,
                                int64_t now, char *reason, size_t reasonsz)
{
    char msg[6144], password[256] = "", rcpt_addr[PK_EMAIL_MAX + 2];
    if (!notify_mail_compose(nc, id, ref, to, subject, body, now, msg, sizeof msg)) {
        snprintf(reason, reasonsz, "%s", _("not a usable e-mail address"));
        return NOTIFY_FATAL;
    }
    if (nc->smtp_password_file[0] &&
        !config_read_secret(nc->smtp_password_file, password, sizeof password, reason, reasonsz))
        return NOTIFY_FAILED;
    CURL *curl = curl_easy_init();
    if (!curl) {
        mem_wipe(password, sizeof password);
        snprintf(reason, reasonsz, "%s", _("cannot start the mail client"));
        return NOTIFY_FAILED;
    }
    snprintf(rcpt_addr, sizeof rcpt_addr, "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_addr);
    char from[sizeof nc->from + 2];
    snprintf(from, sizeof from, "<%s>", nc->from);
    upload u = {msg, strlen(msg), 0};
    curl_easy_setopt(curl, CURLOPT_URL, nc->smtp_url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL, nc->smtp_tls_try ? (long)CURLUSESSL_TRY
                                                             : (long)CURLUSESSL_ALL);
    if (nc->smtp_user[0]) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, nc->smtp_user);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password);
    }
    if (nc->smtp_ca_file[0])
        curl_easy_setopt(curl, CURLOPT_CAINFO, nc->smtp_ca_file);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(curl, CURLOPT_READDATA, &u);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    long code;
    CURLcode rc = notify_curl_run(curl, nc->timeout, &code);
    curl_slist_free_all(rcpt);
    mem_wipe(password, sizeof password);
    mem_wipe(msg, sizeof msg);
    if (rc == CURLE_OK)
        return NOTIFY_SENT;
    /* the reason names the failure, never the address */
    snprintf(reason, reasonsz, "smtp: %s (%ld)", curl_easy_strerror(rc), code);
    /* 5xx to the recipient: the address is refused, retrying cannot help */
    return rc == CURLE_SEND_ERROR && code >= 550 && code < 560 ? NOTIFY_FATAL : NOTIFY_FAILED;
}
