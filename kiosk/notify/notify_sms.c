/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SMS: an HTTPS gateway (libcurl) or a GSM modem through smstools' spool
 * (a file per message in its outgoing folder; smsd moves it to sent/ or
 * failed/). */
#include "notify_send.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "config.h"
#include "i18n.h"
#include "notify_curl.h"
#include "notify_text.h"
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

notify_outcome notify_gateway_send(const notify_config *nc, const char *to_intl,
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

/* ---- smstools spool ------------------------------------------------------- */

static void spool_name(const char *dir, int64_t id, const char *prefix, char *out, size_t outsz)
{
    snprintf(out, outsz, "%.500s/%spostkiosk-%lld", dir, prefix, (long long)id);
}

/* UTF-8 -> UCS-2 big-endian; false for a character beyond the BMP */
static bool to_ucs2(const char *text, unsigned char *out, size_t outsz, size_t *n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(text);
    *n = 0;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0 || cp > 0xFFFF || *n + 2 > outsz)
            return false;
        out[(*n)++] = (unsigned char)(cp >> 8);
        out[(*n)++] = (unsigned char)(cp & 0xFF);
        p += k;
        left -= k;
    }
    return true;
}

notify_outcome notify_smstools_write(const notify_config *nc, int64_t id, const char *to_intl,
                                     const char *text, char *reason, size_t reasonsz)
{
    unsigned char buf[1024];
    size_t n = 0;
    bool ucs2;
    sms_segments(text, &ucs2);
    int h = snprintf((char *)buf, sizeof buf, "To: %s\n%s\n", to_intl, ucs2 ? "Alphabet: UCS2\n" : "");
    if (h < 0 || (size_t)h >= sizeof buf) {
        snprintf(reason, reasonsz, "%s", _("the message is too long"));
        return NOTIFY_FATAL;
    }
    n = (size_t)h;
    if (ucs2) {
        size_t k;
        if (!to_ucs2(text, buf + n, sizeof buf - n, &k)) {
            snprintf(reason, reasonsz, "%s", _("the message is too long"));
            return NOTIFY_FATAL;
        }
        n += k;
    } else {
        size_t k = strlen(text);
        if (n + k > sizeof buf) {
            snprintf(reason, reasonsz, "%s", _("the message is too long"));
            return NOTIFY_FATAL;
        }
        memcpy(buf + n, text, k);
        n += k;
    }
    char tmp[600], final[600];
    spool_name(nc->smstools_outgoing, id, ".", tmp, sizeof tmp);
    spool_name(nc->smstools_outgoing, id, "", final, sizeof final);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    bool ok = fd >= 0;
    if (ok)
        ok = write(fd, buf, n) == (ssize_t)n && fsync(fd) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    /* the same name for every attempt of this row: a retry replaces a file
     * smsd has not taken, it never adds a second one */
    if (ok)
        ok = rename(tmp, final) == 0 && config_fsync_dir(nc->smstools_outgoing);
    mem_wipe(buf, sizeof buf);
    if (!ok) {
        snprintf(reason, reasonsz, "smstools: %s", strerror(errno));
        unlink(tmp);
        return NOTIFY_FAILED;
    }
    return NOTIFY_HANDED;
}

/* The "Fail_reason:" header of a failed spool file, printable ASCII. */
static void fail_reason(const char *path, char *out, size_t outsz)
{
    snprintf(out, outsz, "smstools: failed");
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f) && line[0] != '\n') {
        if (strncmp(line, "Fail_reason:", 12) != 0)
            continue;
        char *v = line + 12;
        while (*v == ' ')
            v++;
        for (char *c = v; *c; c++)
            if (*c < 0x20 || *c > 0x7E)
                *c = *c == '\n' ? '\0' : '?';
        snprintf(out, outsz, "smstools: %.120s", v);
        break;
    }
    fclose(f);
}

int notify_smstools_poll(store *db, const notify_config *nc, int64_t now)
{
    notify_msg rows[64];
    int nrows = 0, changed = 0;
    if (store_notify_handed(db, rows, (int)PK_ARRAY_LEN(rows), &nrows) != PK_OK)
        return -1;
    for (int i = 0; i < nrows; i++) {
        char sent[600], failed[600], why[160];
        spool_name(nc->smstools_sent, rows[i].id, "", sent, sizeof sent);
        spool_name(nc->smstools_failed, rows[i].id, "", failed, sizeof failed);
        pk_err e = PK_OK;
        bool seen = true;
        if (access(sent, F_OK) == 0) {
            e = store_notify_spooled(db, rows[i].id, NOTIFY_SENT, NULL, now);
            /* the file holds the phone number: the outbox says enough */
            if (e == PK_OK)
                unlink(sent);
        } else if (access(failed, F_OK) == 0) {
            fail_reason(failed, why, sizeof why);
            e = store_notify_spooled(db, rows[i].id, NOTIFY_FAILED, why, now);
            if (e == PK_OK)
                unlink(failed);
        } else {
            seen = false;
        }
        if (e != PK_OK && e != PK_ESTATE) {
            mem_wipe(rows, sizeof rows);
            return -1;
        }
        changed += seen && e == PK_OK;
    }
    mem_wipe(rows, sizeof rows);
    return changed;
}
