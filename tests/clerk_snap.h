/* Headless harness for the clerk screens (the citizen harness's approach:
 * a real app on ncurses writing to /dev/null, a temporary store, the file
 * printer, a frozen clock; screens driven by the events the keyboard
 * makes; the screen dumped and compared with tests/golden/NAME.txt,
 * rewritten when PK_SNAP_UPDATE=1, i.e. `make snapshots-update`). */
#ifndef PK_CLERK_SNAP_H
#define PK_CLERK_SNAP_H

#include <stdbool.h>

#include "app.h"
#include "clerk.h"
#include "config.h"
#include "printer.h"
#include "store.h"

typedef struct {
    char dir[64];
    char db_path[96];
    config cfg;
    store *db;
    printer *pr;
    clerk_ui ui;
    app a;
    char refs[4][PK_REF_MAX];      /* the fixture's dossiers, oldest first */
    char prev_language[64];        /* LANGUAGE before, restored by close */
    bool had_language;
    char prev_tz[64];              /* TZ before: the harness runs in UTC so the */
    bool had_tz;                   /* audit hashes on screen never depend on it */
} csnap;

/* Store with clerks nv01 (PIN 735102) and sup1 (480215), four dossiers,
 * the app on the sign-in screen at rows x cols in lang. */
bool csnap_open(csnap *e, int rows, int cols, const char *lang);
void csnap_close(csnap *e);

void csnap_act(csnap *e, action act, int value);
void csnap_key(csnap *e, term_key key);
void csnap_type(csnap *e, const char *utf8);
void csnap_scan(csnap *e, const char *payload);
void csnap_resize(csnap *e, int rows, int cols);
/* Clock moves on by seconds (wall and monotonic), ticking each second. */
void csnap_wait(csnap *e, int seconds);
/* Signs nv01 in and lands on the menu. */
void csnap_sign_in(csnap *e);

bool csnap_has(const char *needle);
bool csnap_lacks(const char *needle);
bool csnap_check(const char *name);
const char *csnap_top(const csnap *e);

#endif
