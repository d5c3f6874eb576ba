/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The log: syslog(3) under the name "postkiosk" (so `journalctl -t
 * postkiosk`), one line per event of the day: start, stop, configuration,
 * database, printer, sign-in/out, imports, purge, backup, and errors with
 * their cause. Never personal data: references and counts only, never a
 * name, ID number, phone or address (issue 17 item 6).
 * Test hook (testhook.h): POSTKIOSK_LOG=stderr writes the lines to stderr,
 * POSTKIOSK_LOG=/path appends them to that file, instead of syslog. */
#ifndef PK_LOG_H
#define PK_LOG_H

#if defined(__GNUC__)
#define PK_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PK_PRINTF(a, b)
#endif

void log_info(const char *fmt, ...) PK_PRINTF(1, 2);
void log_warn(const char *fmt, ...) PK_PRINTF(1, 2);
void log_err(const char *fmt, ...) PK_PRINTF(1, 2);
/* Closes the log (syslog or the test file); the next line reopens it. */
void log_close(void);

#endif
