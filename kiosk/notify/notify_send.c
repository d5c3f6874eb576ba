/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The libcurl channels through the notify module (module/, pk-notify.so):
 * only `postkiosk notify` sends, so the kiosk never maps libcurl. A
 * module that cannot be loaded is a failed attempt with its reason. */
#include "notify_send.h"

#include "notify_module.h"

static const notify_module *mod(char *why, size_t whysz)
{
    return module_load("notify", sizeof(notify_module), why, whysz);
}

bool notify_send_ready(const notify_config *nc, char *why, size_t whysz)
{
    return !(notify_mail_on(nc) || notify_gateway_on(nc)) || mod(why, whysz);
}

notify_outcome notify_mail_send(const notify_config *nc, int64_t id, const char *ref,
                                const char *to, const char *subject, const char *body,
                                int64_t now, char *reason, size_t reasonsz)
{
    const notify_module *m = mod(reason, reasonsz);
    return m ? m->mail_send(nc, id, ref, to, subject, body, now, reason, reasonsz)
             : NOTIFY_FAILED;
}

notify_outcome notify_gateway_send(const notify_config *nc, const char *to_intl,
                                   const char *text, const char *id, char *reason,
                                   size_t reasonsz)
{
    const notify_module *m = mod(reason, reasonsz);
    return m ? m->gateway_send(nc, to_intl, text, id, reason, reasonsz) : NOTIFY_FAILED;
}
