/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Headless screen snapshots (tig's save-display + assert_equals), one
 * harness for the citizen, clerk and demo screen tests: a real app, a
 * temporary store with a small fixed catalog, the file printer, a frozen
 * clock, and ncurses on /dev/null. Screens are driven by the same events
 * the keyboard produces; the screen is dumped cell by cell and compared
 * with tests/golden/NAME.txt. `make snapshots-update` (PK_SNAP_UPDATE=1)
 * rewrites the golden files. */
#ifndef PK_SNAP_H
#define PK_SNAP_H

#include <stdbool.h>

#include "app.h"
#include "auth.h"
#include "citizen.h"
#include "clerk.h"
#include "config.h"
#include "printer.h"
#include "store.h"
#include "term.h"

typedef struct {
    char dir[64];
    char db_path[96];
    config cfg;
    store *db;
    printer *pr;
    auth_ctx auth;                 /* a fixed pepper; the staff PIN is SNAP_STAFF_PIN */
    app a;
    citizen cz;                    /* snap_open: the citizen's session */
    clerk_ui ui;                   /* snap_open_clerk: the clerk's session */
    char refs[4][PK_REF_MAX];      /* snap_open_clerk: the fixture's dossiers, oldest first */
    char prev_lang[16];            /* restored by close: later suites see */
    char prev_tz[64];              /* the language and time zone as they were */
    bool had_tz;
} snap_env;

#define SNAP_STAFF_PIN "246813"

/* The citizen kiosk on the welcome screen at rows x cols in language lang
 * ("vi", "en"): three procedures, four units, a holiday, the tariffs. The
 * demonstration tests start here too. */
bool snap_open(snap_env *e, int rows, int cols, const char *lang);
/* The clerk workstation on the sign-in screen, in UTC (audit hashes on
 * screen never depend on the time zone): clerks nv01 (PIN 735102) and sup1
 * (480215), four dossiers, two receipts printed and one failed. */
bool snap_open_clerk(snap_env *e, int rows, int cols, const char *lang);
void snap_close(snap_env *e);

/* Input, then a render (as the loop does). */
void snap_act(snap_env *e, action act, int value);
void snap_key(snap_env *e, term_key key);
void snap_ctrl(snap_env *e, unsigned ch);
/* Types UTF-8 text key by key (digits go through as digit keys). */
void snap_type(snap_env *e, const char *utf8);
void snap_click(snap_env *e, int y, int x);
/* A scanned QR code (payload as the scanner types it). */
void snap_scan(snap_env *e, const char *payload);
void snap_resize(snap_env *e, int rows, int cols);
/* Moves the monotonic clock forward by ms, ticking each second as the loop
 * does; the wall clock (app_now) stays frozen. */
void snap_wait(snap_env *e, int ms);
/* Moves the wall clock and the monotonic clock on by seconds, ticking each
 * second (clerk sessions time out in wall-clock seconds). */
void snap_wait_wall(snap_env *e, int seconds);
/* Clerk: signs nv01 in and lands on the menu. */
void snap_sign_in(snap_env *e);

/* The screen as text (malloc'ed). */
char *snap_text(void);
bool snap_has(const char *needle);
bool snap_lacks(const char *needle);
/* Compares with tests/golden/name.txt (or writes it when updating). */
bool snap_check(const char *name);
/* snap_check of the golden named [FAMILY-]LANG-COLSxROWS-SCREEN (family
 * "" for the citizen kiosk, "clerk", "demo"), and snap_readable for the
 * citizen's and the clerk's screens from 80x24 up. Goldens exist at 80x24
 * and 120x40 only: at another size (100x30) only snap_readable counts. */
bool snap_check_screen(const char *family, const char *lang, int rows, int cols,
                       const char *screen);
/* True when the last frame drew every text whole (term_cuts); else says on
 * stderr where the first cut text is. snap_check_screen checks it for every
 * citizen and clerk screen. */
bool snap_readable(const char *what);
/* Name of the screen on top. */
const char *snap_top(const snap_env *e);

#endif
