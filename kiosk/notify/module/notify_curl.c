/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The notify module (pk-notify.so): one libcurl transfer, bounded in time,
 * and the table of the module. */
#include "notify_curl.h"

#include "notify_module.h"

CURLcode notify_curl_run(CURL *curl, int timeout, long *code)
{
    long t = timeout > 0 ? timeout : 60;
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, t < 20 ? t : 20L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, t);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(curl);
    *code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, code);
    curl_easy_cleanup(curl);
    return rc;
}

PK_MODULE_EXPORT const notify_module pk_module_notify = {
    {PK_MODULE_ABI, sizeof(notify_module)},
    notify_curl_mail_send,
    notify_curl_gateway_send,
};
