/* Headless screen snapshots (tig's save-display + assert_equals): a real
 * app with the citizen screens, a temporary store with a small fixed
 * catalog, the file printer, a frozen clock, and ncurses on /dev/null.
 * Screens are driven by the same events the keyboard produces; the
 * screen is dumped cell by cell and compared with tests/golden/NAME.txt.
 * `make snapshots-update` (PK_SNAP_UPDATE=1) rewrites the golden files. */
#ifndef PK_SNAP_H
#define PK_SNAP_H

#include <stdbool.h>

#include "app.h"
#include "auth.h"
#include "citizen.h"
#include "config.h"
#include "printer.h"
#include "store.h"
#include "term.h"

typedef struct {
    char dir[64];
    config cfg;
    store *db;
    printer *pr;
    citizen cz;
    auth_ctx auth;             /* a fixed pepper; the staff PIN is SNAP_STAFF_PIN */
    app a;
} snap_env;

#define SNAP_STAFF_PIN "246813"

/* Opens everything at rows x cols in language lang ("vi", "en"). */
bool snap_open(snap_env *e, int rows, int cols, const char *lang);
void snap_close(snap_env *e);

/* Input, then a render (as the loop does). */
void snap_act(snap_env *e, action act, int value);
void snap_key(snap_env *e, term_key key);
void snap_ctrl(snap_env *e, unsigned ch);
/* Types UTF-8 text key by key (digits go through as digit keys). */
void snap_type(snap_env *e, const char *utf8);
void snap_click(snap_env *e, int y, int x);
void snap_resize(snap_env *e, int rows, int cols);
/* Moves the monotonic clock forward and ticks. */
void snap_wait(snap_env *e, int ms);

/* The screen as text (malloc'ed). */
char *snap_text(void);
bool snap_has(const char *needle);
bool snap_lacks(const char *needle);
/* Compares with tests/golden/name.txt (or writes it when updating). */
bool snap_check(const char *name);
/* Name of the screen on top. */
const char *snap_top(const snap_env *e);

#endif
