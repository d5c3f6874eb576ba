/* SPDX-License-Identifier: GPL-3.0-or-later */
/* syslog(3), or the test sink of POSTKIOSK_LOG (log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "testhook.h"

enum { SINK_NONE, SINK_SYSLOG, SINK_FILE };
static int sink = SINK_NONE;
static FILE *out;          /* SINK_FILE: stderr or the test file */

static void log_open(void)
{
    const char *where = test_hook("POSTKIOSK_LOG");
    if (where && strcmp(where, "stderr") == 0) {
        out = stderr;
        sink = SINK_FILE;
        log_warn("TEST MODE: the log goes to %s, not to syslog", where);
        return;
    }
    if (where && where[0] == '/' && (out = fopen(where, "ae")) != NULL) {
        sink = SINK_FILE;
        log_warn("TEST MODE: the log goes to %s, not to syslog", where);
        return;
    }
    openlog("postkiosk", LOG_PID, LOG_USER);
    sink = SINK_SYSLOG;
}

static void vlog(int prio, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void vlog(int prio, const char *fmt, va_list ap)
{
    if (sink == SINK_NONE)
        log_open();
    if (sink == SINK_SYSLOG) {
        vsyslog(prio, fmt, ap);
        return;
    }
    static const char *const names[] = {[LOG_ERR] = "error", [LOG_WARNING] = "warning",
                                        [LOG_INFO] = "info"};
    fprintf(out, "postkiosk[%ld]: %s: ", (long)getpid(), names[prio]);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    fflush(out);
}

#define LOG_FN(fn, prio)                                                                  \
    void fn(const char *fmt, ...)                                                         \
    {                                                                                     \
        va_list ap;                                                                       \
        va_start(ap, fmt);                                                                \
        vlog(prio, fmt, ap);                                                              \
        va_end(ap);                                                                       \
    }
LOG_FN(log_info, LOG_INFO)
LOG_FN(log_warn, LOG_WARNING)
LOG_FN(log_err, LOG_ERR)

void log_close(void)
{
    if (sink == SINK_SYSLOG)
        closelog();
    else if (sink == SINK_FILE && out != stderr)
        fclose(out);
    out = NULL;
    sink = SINK_NONE;
}
