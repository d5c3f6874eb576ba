/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the libcurl channels (e-mail, SMS gateway) do alike around one
 * transfer. Private to the notify module (kiosk/notify/module/). */
#ifndef PK_NOTIFY_CURL_H
#define PK_NOTIFY_CURL_H

#include <curl/curl.h>

/* Bounded in time, timeout seconds in all (a dead or silent server is a
 * failed attempt, retried later, never a sender stuck for good), without
 * signals (the follower handles its own), then performed; *code is the
 * server's last reply code (0 = none). The handle is cleaned up. */
CURLcode notify_curl_run(CURL *curl, int timeout, long *code);

#endif
