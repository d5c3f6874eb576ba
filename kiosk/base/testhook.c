/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test hooks behind POSTKIOSK_TEST=1 (testhook.h). */
#include "testhook.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

static bool allowed(void);

const char *test_hook(const char *name)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return NULL;
    if (!allowed()) {
        /* not POSTKIOSK_LOG itself: the log would ask again */
        if (strcmp(name, "POSTKIOSK_LOG") != 0)
            log_warn("test hook %s ignored: POSTKIOSK_TEST=1 is not set", name);
        return NULL;
    }
    if (strcmp(name, "POSTKIOSK_LOG") != 0)
        log_warn("TEST MODE: test hook %s in use", name);
    return v;
}

static bool allowed(void)
{
    const char *t = getenv("POSTKIOSK_TEST");
    return t && strcmp(t, "1") == 0;
}

bool test_mode_active(void)
{
    static const char *const hooks[] = {"POSTKIOSK_CLOCK", "POSTKIOSK_IDLE", "POSTKIOSK_LOG"};
    if (!allowed())
        return false;
    for (size_t i = 0; i < sizeof hooks / sizeof hooks[0]; i++) {
        const char *v = getenv(hooks[i]);
        if (v && *v)
            return true;
    }
    return false;
}
