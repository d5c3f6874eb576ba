/* SPDX-License-Identifier: GPL-3.0-or-later */
/* [notify] configuration (notify_config.h). Parsed here, not in config.c:
 * only the notifier needs it. */
#include "notify_config.h"

#include <errno.h>
#include <stdlib.h>
#include <ini.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "dossier.h"
#include "i18n.h"
#include "util.h"

#define DEFAULT_CONFIG "/etc/postkiosk/postkiosk.ini"

typedef struct {
    notify_config *nc;
    int err_line, line;
    char reason[160];
} parse_ctx;

static bool set(char *dst, size_t dstsz, const char *val)
{
    if (strlen(val) >= dstsz)
        return false;
    str_copy(dst, dstsz, val);
    return true;
}

static bool yes_no(const char *v, bool *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
        *out = true;
    else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
        *out = false;
    else
        return false;
    return true;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *p = user;
    p->line++;
    if (strcmp(section, "notify") != 0 || p->err_line)
        return 1;
    notify_config *nc = p->nc;
    bool ok = true;
#define TEXT(key, field) else if (!strcmp(name, key)) ok = set(nc->field, sizeof nc->field, value)
    if (0) {
    }
    TEXT("smtp_url", smtp_url);
    TEXT("smtp_user", smtp_user);
    TEXT("smtp_password_file", smtp_password_file);
    TEXT("from", from);
    TEXT("smtp_ca_file", smtp_ca_file);
    TEXT("sms_gateway_url", sms_gateway_url);
    TEXT("sms_gateway_body", sms_gateway_body);
    TEXT("sms_gateway_auth_header_file", sms_gateway_auth_header_file);
    TEXT("smstools_outgoing", smstools_outgoing);
    TEXT("smstools_sent", smstools_sent);
    TEXT("smstools_failed", smstools_failed);
    else if (!strcmp(name, "duty_phone")) {
        char norm[sizeof nc->duty_phone];
        ok = !*value || (dossier_check_phone(value, norm, sizeof norm) == VAL_OK &&
                         set(nc->duty_phone, sizeof nc->duty_phone, norm));
    } else if (!strcmp(name, "duty_email")) {
        char norm[sizeof nc->duty_email];
        ok = !*value || (dossier_check_email(value, norm, sizeof norm) == VAL_OK &&
                         set(nc->duty_email, sizeof nc->duty_email, norm));
    }
    else if (!strcmp(name, "sms_gateway_method"))
        ok = (!strcmp(value, "POST") || !strcmp(value, "PUT") || !strcmp(value, "GET")) &&
             set(nc->sms_gateway_method, sizeof nc->sms_gateway_method, value);
    else if (!strcmp(name, "smtp_tls")) {
        ok = !strcmp(value, "required") || !strcmp(value, "try");
        nc->smtp_tls_try = !strcmp(value, "try");
    } else if (!strcmp(name, "sms_gateway_allow_http"))
        ok = yes_no(value, &nc->sms_gateway_allow_http);
    else if (!strcmp(name, "timeout")) {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        ok = errno == 0 && end != value && !*end && v >= 1 && v <= 600;
        if (ok)
            nc->timeout = (int)v;
    }
    else {
        snprintf(p->reason, sizeof p->reason, _("unknown setting %s in [notify]"), name);
        p->err_line = -1;
        return 0;
    }
#undef TEXT
    if (!ok) {
        snprintf(p->reason, sizeof p->reason, _("bad value for %s in [notify]"), name);
        p->err_line = -1;
        return 0;
    }
    return 1;
}

static void beside(const char *outgoing, const char *name, char *out, size_t outsz)
{
    char dir[512];
    str_copy(dir, sizeof dir, outgoing);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        dir[--n] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
    snprintf(out, outsz, "%.500s%s", dir[0] ? dir : "./", name);
}

bool notify_config_load(notify_config *nc, const char *path, char *err, size_t errsz)
{
    memset(nc, 0, sizeof *nc);
    nc->timeout = 60;
    str_copy(nc->sms_gateway_method, sizeof nc->sms_gateway_method, "POST");
    str_copy(nc->sms_gateway_body, sizeof nc->sms_gateway_body, "to={to}&text={text}");
    if (errsz)
        err[0] = '\0';
    if (!path) {
        if (access(DEFAULT_CONFIG, F_OK) != 0)
            return true;
        path = DEFAULT_CONFIG;
    }
    parse_ctx p = {.nc = nc};
    int r = ini_parse(path, handler, &p);
    if (p.err_line) {
        snprintf(err, errsz, "%s:%d: %s", path, r, p.reason);
        return false;
    }
    if (r != 0) {
        snprintf(err, errsz, r < 0 ? _("%s: cannot read the file") : "%s", path);
        return false;
    }
    if (nc->smstools_outgoing[0] && !nc->smstools_sent[0])
        beside(nc->smstools_outgoing, "sent", nc->smstools_sent, sizeof nc->smstools_sent);
    if (nc->smstools_outgoing[0] && !nc->smstools_failed[0])
        beside(nc->smstools_outgoing, "failed", nc->smstools_failed, sizeof nc->smstools_failed);
    return true;
}

bool notify_mail_on(const notify_config *nc)
{
    return nc->smtp_url[0] != '\0';
}

bool notify_gateway_on(const notify_config *nc)
{
    return nc->sms_gateway_url[0] != '\0';
}

bool notify_smstools_on(const notify_config *nc)
{
    return nc->smstools_outgoing[0] != '\0';
}

static bool dir_ok(const char *dir, char *why, size_t whysz)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || access(dir, W_OK | X_OK) != 0) {
        snprintf(why, whysz, _("%s: not a writable folder"), dir);
        return false;
    }
    return true;
}

/* A secret file can be read and is private; the secret itself is wiped. */
static bool secret_ok(const char *path, char *why, size_t whysz)
{
    char secret[256];
    bool ok = config_read_secret(path, secret, sizeof secret, why, whysz);
    mem_wipe(secret, sizeof secret);
    return ok;
}

bool notify_config_check(const notify_config *nc, char *why, size_t whysz)
{
    if (notify_mail_on(nc)) {
        if (strncmp(nc->smtp_url, "smtp://", 7) != 0 && strncmp(nc->smtp_url, "smtps://", 8) != 0) {
            snprintf(why, whysz, _("smtp_url must start with smtp:// or smtps://"));
            return false;
        }
        if (!nc->from[0] || !strchr(nc->from, '@')) {
            snprintf(why, whysz, _("from must be an e-mail address"));
            return false;
        }
        if (nc->smtp_user[0] && !nc->smtp_password_file[0]) {
            snprintf(why, whysz, _("smtp_user needs smtp_password_file"));
            return false;
        }
        if (nc->smtp_password_file[0] && !secret_ok(nc->smtp_password_file, why, whysz))
            return false;
    }
    if (notify_gateway_on(nc)) {
        bool https = strncmp(nc->sms_gateway_url, "https://", 8) == 0;
        bool local_http = strncmp(nc->sms_gateway_url, "http://127.0.0.1", 16) == 0;
        if (!https && !(nc->sms_gateway_allow_http && local_http)) {
            snprintf(why, whysz, _("sms_gateway_url must start with https://"));
            return false;
        }
        if (!strstr(nc->sms_gateway_body, "{to}") || !strstr(nc->sms_gateway_body, "{text}")) {
            snprintf(why, whysz, _("sms_gateway_body must contain {to} and {text}"));
            return false;
        }
        if (nc->sms_gateway_auth_header_file[0] &&
            !secret_ok(nc->sms_gateway_auth_header_file, why, whysz))
            return false;
    }
    if (notify_smstools_on(nc) &&
        (!dir_ok(nc->smstools_outgoing, why, whysz) || !dir_ok(nc->smstools_sent, why, whysz) ||
         !dir_ok(nc->smstools_failed, why, whysz)))
        return false;
    return true;
}
