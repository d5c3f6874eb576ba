/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of the notify module (pk-notify.so, libcurl): the two
 * channels that need libcurl, called through notify_send.c (module.h). */
#ifndef PK_NOTIFY_MODULE_H
#define PK_NOTIFY_MODULE_H

#include "module.h"
#include "notify_send.h"

typedef struct {
    pk_module_head head;
    notify_outcome (*mail_send)(const notify_config *nc, int64_t id, const char *ref,
                                const char *to, const char *subject, const char *body,
                                int64_t now, char *reason, size_t reasonsz);
    notify_outcome (*gateway_send)(const notify_config *nc, const char *to_intl,
                                   const char *text, const char *id, char *reason,
                                   size_t reasonsz);
} notify_module;

/* The module's channels (hidden: reached through pk_module_notify). */
notify_outcome notify_curl_mail_send(const notify_config *nc, int64_t id, const char *ref,
                                     const char *to, const char *subject, const char *body,
                                     int64_t now, char *reason, size_t reasonsz);
notify_outcome notify_curl_gateway_send(const notify_config *nc, const char *to_intl,
                                        const char *text, const char *id, char *reason,
                                        size_t reasonsz);

#endif
