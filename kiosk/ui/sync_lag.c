/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync lag in words (sync_lag.h). */
#include "sync_lag.h"

#include <stdio.h>

#include "dates.h"
#include "i18n.h"
#include "util.h"

void sync_lag_when(int64_t t, char *out, size_t outsz)
{
    if (t <= 0 || !date_local_format(t, "%d/%m/%Y %H:%M", out, outsz))
        str_copy(out, outsz, _("never"));
}

void sync_lag_line(const sync_lag *l, char *out, size_t outsz)
{
    char waiting[96], when[32];
    snprintf(waiting, sizeof waiting,
             ngettext("%lld event waiting", "%lld events waiting", (unsigned long)l->pending),
             (long long)l->pending);
    sync_lag_when(l->last_ok_at, when, sizeof when);
    /* TRANSLATORS: events waiting to be sent to the province, then the time of the last
     * successful sync or "never" */
    snprintf(out, outsz, _("Provincial sync: %s \xc2\xb7 last success: %s"), waiting, when);
}
