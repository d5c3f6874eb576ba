/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The notify module's e-mail (pk-notify.so): the message composed by
 * notify_mail.c sent over SMTP with libcurl, STARTTLS required unless
 * smtp_tls = try, AUTH when smtp_user is set. */
#include "notify_module.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "i18n.h"
#include "notify_curl.h"
#include "util.h"

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

notify_outcome notify_curl_mail_send(const notify_config *nc, int64_t id, const char *ref,
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
