/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The [notify] section of postkiosk.ini: where messages to the citizen go.
 * A channel with nothing configured is off. Secrets (SMTP password, SMS
 * gateway auth header) live in their own files, readable by the owner
 * only (0400 / 0600): a file others can read is refused. */
#ifndef PK_NOTIFY_CONFIG_H
#define PK_NOTIFY_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    /* e-mail */
    char smtp_url[256];            /* smtp://host:587 (STARTTLS) | smtps://host */
    char smtp_user[128];
    char smtp_password_file[512];
    char from[128];                /* envelope and From: address */
    char smtp_ca_file[512];        /* CA bundle for a private mail server; "" = the system's */
    bool smtp_tls_try;             /* smtp_tls = try: STARTTLS only when offered
                                      (a test server on 127.0.0.1); default required */
    int timeout;                   /* seconds one transfer may take (default 60) */
    /* SMS through an HTTPS gateway */
    char sms_gateway_url[256];
    char sms_gateway_method[8];    /* POST (default) | PUT | GET */
    char sms_gateway_body[200];    /* template with {to} and {text}, and {id} if the
                                      gateway drops repeats of one reference */
    char sms_gateway_auth_header_file[512];   /* one line "Name: value" */
    bool sms_gateway_allow_http;   /* test only: plain http:// to 127.0.0.1 */
    /* SMS through a GSM modem and smstools */
    char smstools_outgoing[512];
    char smstools_sent[512];       /* default: sent/ beside outgoing/ */
    char smstools_failed[512];     /* default: failed/ beside outgoing/ */
    /* call staff (F4 at the kiosk): a message to whoever is on duty */
    char duty_phone[16];           /* a Vietnamese mobile number, "" = none */
    char duty_email[128];          /* "" = none */
} notify_config;

/* Reads [notify] from path (NULL = /etc/postkiosk/postkiosk.ini when it
 * exists, else all off). false with err "file:line: reason" on a bad
 * value. */
bool notify_config_load(notify_config *nc, const char *path, char *err, size_t errsz);
bool notify_mail_on(const notify_config *nc);
bool notify_gateway_on(const notify_config *nc);
bool notify_smstools_on(const notify_config *nc);
/* Secret files: config_read_secret (config.h). */
/* Everything configured can be used: secrets readable and private, URLs of
 * the right scheme, spool folders present. false with why (translated). */
bool notify_config_check(const notify_config *nc, char *why, size_t whysz);

#endif
