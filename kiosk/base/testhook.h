/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test hooks: the POSTKIOSK_* environment variables that bend the clock
 * (POSTKIOSK_CLOCK), the idle timeout (POSTKIOSK_IDLE) or where the log
 * goes (POSTKIOSK_LOG). They are honoured only when POSTKIOSK_TEST=1 is
 * set too, so that a variable left in a production environment cannot
 * silently change the dates written into real dossiers (issue 17 item 8).
 * A hook set without POSTKIOSK_TEST=1 is ignored, with a warning in the
 * log; a hook in use is logged and marks the screen "TEST MODE". */
#ifndef PK_TESTHOOK_H
#define PK_TESTHOOK_H

#include <stdbool.h>

/* The value of hook `name` ("POSTKIOSK_CLOCK", ...) when it is set,
 * non-empty and allowed; NULL otherwise. */
const char *test_hook(const char *name);
/* True when POSTKIOSK_TEST=1 and a hook is set: the screen says "TEST MODE". */
bool test_mode_active(void);

#endif
