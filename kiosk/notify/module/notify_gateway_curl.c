/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The notify module's SMS gateway (pk-notify.so): one HTTPS request with
 * libcurl, the body filled from the [notify] template. */
#include "notify_module.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "i18n.h"
#include "notify_curl.h"
#include "util.h"

/* ---- HTTPS gateway -------------------------------------------------------- */

/* value escaped for the body: JSON string content or form-urlencoded */
static bool put_escaped(CURL *curl, bool json, const char *val, char *out, size_t outsz,
                        size_t *o)
{
    if (!json) {
        char *e = curl_easy_escape(curl, val, 0);
        if (!e)
            return false;
        size_t n = strlen(e);
        bool ok = *o + n < outsz;
        if (ok) {
            memcpy(out + *o, e, n);
            *o += n;
        }
        curl_free(e);
        return ok;
    }
    for (const unsigned char *p = (const unsigned char *)val; *p; p++) {
        char buf[8];
        int n;
        if (*p == '"' || *p == '\\')
            n = snprintf(buf, sizeof buf, "\\%c", *p);
        else if (*p < 0x20)
            n = snprintf(buf, sizeof buf, "\\u%04x", *p);
        else
            n = snprintf(buf, sizeof buf, "%c", *p);
        if (*o + (size_t)n >= outsz)
            return false;
        memcpy(out + *o, buf, (size_t)n);
        *o += (size_t)n;
    }
    return true;
}

static bool fill_body(CURL *curl, const char *tmpl, bool json, const char *to, const char *text,
                      const char *id, char *out, size_t outsz)
{
    size_t o = 0;
    for (const char *p = tmpl; *p;) {
        if (strncmp(p, "{to}", 4) == 0) {
            if (!put_escaped(curl, json, to, out, outsz, &o))
                return false;
            p += 4;
        } else if (strncmp(p, "{text}", 6) == 0) {
            if (!put_escaped(curl, json, text, out, outsz, &o))
                return false;
            p += 6;
        } else if (strncmp(p, "{id}", 4) == 0) {
            if (!put_escaped(curl, json, id, out, outsz, &o))
                return false;
            p += 4;
        } else {
            if (o + 1 >= outsz)
                return false;
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    return true;
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *user)
{
    (void)ptr;
    (void)user;
    return size * nmemb;
}

notify_outcome notify_curl_gateway_send(const notify_config *nc, const char *to_intl,
                                   const char *text, const char *id, char *reason,
                                   size_t reasonsz)
{
    char auth[512] = "", body[2048], url[2600];
    if (nc->sms_gateway_auth_header_file[0] &&
        !config_read_secret(nc->sms_gateway_auth_header_file, auth, sizeof auth, reason, reasonsz))
        return NOTIFY_FAILED;
    CURL *curl = curl_easy_init();
    if (!curl) {
        mem_wipe(auth, sizeof auth);
        snprintf(reason, reasonsz, "%s", _("cannot start the HTTP client"));
        return NOTIFY_FAILED;
    }
    bool get = strcmp(nc->sms_gateway_method, "GET") == 0;
    bool json = !get && strncmp(nc->sms_gateway_body, "{\"", 2) == 0;
    if (!fill_body(curl, nc->sms_gateway_body, json, to_intl, text, id, body, sizeof body)) {
        curl_easy_cleanup(curl);
        mem_wipe(auth, sizeof auth);
        snprintf(reason, reasonsz, "%s", _("the message does not fit the gateway body"));
        return NOTIFY_FATAL;
    }
    struct curl_slist *hdr = NULL;
    if (auth[0])
        hdr = curl_slist_append(hdr, auth);
    hdr = curl_slist_append(hdr, json ? "Content-Type: application/json; charset=utf-8"
                                      : "Content-Type: application/x-www-form-urlencoded");
    if (get) {
        snprintf(url, sizeof url, "%s%s%s", nc->sms_gateway_url,
                 strchr(nc->sms_gateway_url, '?') ? "&" : "?", body);
        curl_easy_setopt(curl, CURLOPT_URL, url);
    } else {
        curl_easy_setopt(curl, CURLOPT_URL, nc->sms_gateway_url);
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, nc->sms_gateway_method);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    }
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, nc->sms_gateway_allow_http ? "http,https" : "https");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    long code;
    CURLcode rc = notify_curl_run(curl, nc->timeout, &code);
    curl_slist_free_all(hdr);
    mem_wipe(auth, sizeof auth);
    mem_wipe(body, sizeof body);
    mem_wipe(url, sizeof url);
    if (rc != CURLE_OK) {
        snprintf(reason, reasonsz, "gateway: %s", curl_easy_strerror(rc));
        return NOTIFY_FAILED;
    }
    if (code >= 200 && code < 300)
        return NOTIFY_SENT;
    snprintf(reason, reasonsz, "gateway: HTTP %ld", code);
    /* the gateway refuses this message (bad number, bad request): final;
     * throttled, timed out or down: later */
    return code >= 400 && code < 500 && code != 408 && code != 429 ? NOTIFY_FATAL : NOTIFY_FAILED;
}
