/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: the only input loop (htop's ScreenManager_run, tig's
 * view_driver), the screen stack, the idle timer, and the overlays every
 * screen shares (countdown, call-staff notice, staff PIN, enlarge).
 * App state holds no curses or sqlite types; screens reach the services
 * through it. */
#ifndef PK_APP_H
#define PK_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "config.h"
#include "keys.h"
#include "pinentry.h"
#include "printer.h"
#include "screen.h"
#include "store.h"
#include "store_check.h"
#include "store_notify.h"
#include "sync_config.h"
#include "vnime.h"
#include "voice.h"

enum { APP_STACK_MAX = 16, APP_QUEUE_MAX = 512 };
/* screens tick (clock, countdowns, idle) this often */
enum { APP_TICK_MS = 1000 };

typedef struct {
    const screen_ops *ops;
    void *state;
} app_entry;

/* A mode inside the mode: the clerk workstation runs the citizen screens
 * for a citizen at the counter (app_nest). What the nest saved of the
 * outer mode, restored when it ends. */
typedef struct {
    bool on;
    int depth;                     /* outer screens under the nest */
    void *session;
    size_t session_size;
    void (*session_init)(app *a);
    bool (*session_active)(const app *a);
    const screen_ops *home, *help, *track, *enlarge;
    const char *title;
    bool ime_by_lang;
    ime_method ime, ime_vi;
    char lang[16];
    void (*done)(app *a, void *inner);       /* outer restored, inner not yet wiped */
    bool (*expired)(app *a, void *outer);    /* each tick: true wipes everything */
} app_nest_state;

struct app {
    /* services */
    const config *cfg;
    store *db;
    printer *pr;
    const sync_config *sync;       /* [sync]: other kiosks' receipts are asked of the
                                    * central server; NULL = not connected */
    bool lockdown;                 /* citizen mode: staff PIN to leave */
    const auth_ctx *auth;          /* the PIN pepper (checks the staff PIN); may be NULL */
    bool practice;                 /* demo practice: sandbox database, dossiers are samples */
    pk_err last_receipt;           /* how the last receipt printed (PK_OK before any): a
                                    * failure is told on the welcome screen until the
                                    * printer reports ready or a receipt prints */

    /* presentation */
    const char *title;             /* msgid shown in the header */
    ime_method ime;                /* input method of every text field */
    bool ime_by_lang;              /* ime starts off outside Vietnamese */
    ime_method ime_vi;             /* ... and comes back as it was in Vietnamese */
    term_theme theme;
    int min_rows, min_cols;        /* below this the enlarge screen shows */
    voice voice;                   /* spoken prompts (voice.h) */

    /* clocks: wall time for dates, monotonic ms for timers */
    int64_t clock_offset;          /* POSTKIOSK_CLOCK minus the real time */
    int64_t fixed_time;            /* tests: != 0 freezes app_now() */
    int64_t now_ms;                /* monotonic, set by the loop or tests */

    /* idle timer */
    int idle_timeout;              /* seconds; 0 = off */
    int idle_warning;              /* seconds of visible countdown */
    int64_t last_input_ms;
    int64_t last_tick_ms;

    /* the check of the whole database file in idle time, in a background
     * thread (store_check.h), stopped as soon as a key comes (issue 18) */
    bool idle_check;               /* the citizen kiosk */
    int64_t check_next_ms;         /* no pass before (a pass ended) */
    store_idle_check *check;       /* the pass under way, or NULL */
    bool (*input_waiting)(app *a); /* tests: a key is waiting; NULL: the terminal */

    /* overlays */
    bool staff_notice;             /* "staff is coming" */
    bool staff_alerts;             /* citizen mode: F4 writes an alert for the clerks */
    duty_contact duty;             /* ... and messages the duty phone / e-mail ([notify]) */
    bool pin_open;                 /* staff PIN dialog */
    pin_entry pin;
    bool pin_answered;             /* pin_result is shown */
    int pin_result;                /* staff_pin_result of the last try; -1: storage error */
    int64_t pin_wait_until;        /* app_now(): the next try is refused until then */

    /* screens */
    int depth;
    app_entry stack[APP_STACK_MAX];
    const screen_ops *home;        /* the root */
    const screen_ops *enlarge;     /* drawn while the terminal is too small */
    const screen_ops *help;        /* pushed on Help when a screen ignores it */
    const screen_ops *track;       /* pushed on a scan when a screen ignores it */
    const screen_ops *idle_screen; /* optional (attract loop): idle at home */

    /* the mode's session data (the citizen's draft dossier) */
    void *session;
    size_t session_size;
    void (*session_init)(app *a);          /* after every wipe */
    bool (*session_active)(const app *a);  /* something entered? */

    /* mode hooks (demo tours, clerk): all optional.
     * filter sees every named event first (presenter keys) and returns
     * true when it used it up; overlay draws over the screen and chrome
     * (captions) before the shared dialogs. */
    bool (*filter)(app *a, const event *ev);
    void (*overlay)(const app *a, frame *f);
    void *mode_ctx;

    /* input: NULL = the terminal; tours and tests plug in here */
    bool (*source)(app *a, term_input *in, int timeout_ms);
    void *source_ctx;
    term_input queue[APP_QUEUE_MAX];
    int qhead, qlen;

    app_nest_state nest;           /* app_nest: the outer mode while nested */

    frame fr;                      /* last frame drawn: regions for clicks */
    bool dirty, quit;
    int exit_code;
    int renders;                   /* frames drawn (benchmarks, tests) */
    int dead_reads;                /* reads that failed at once: a hung-up terminal */
    int64_t drawn_minute;          /* the header clock shows this minute */

    /* key repeat / double strike (RELIABILITY §2.4): the same key again
     * within debounce_ms of the screen change it caused is ignored, so a
     * key held too long does not walk through two screens. 0 = off. */
    int debounce_ms;
    int64_t change_ms;
    action change_act;
    int change_value;
    uint32_t change_ch;
};

/* Fills defaults from cfg (idle times, language); env POSTKIOSK_IDLE and
 * POSTKIOSK_CLOCK (YYYY-MM-DDTHH:MM) override for tests. */
void app_init(app *a, const config *cfg, store *db, printer *pr);
/* Pushes the home screen. */
void app_start(app *a, const screen_ops *home);
/* The loop: reads input until quit or SIGTERM/SIGHUP. Returns exit code. */
int app_run(app *a);
/* One turn of the loop: read one input (waiting at most timeout_ms) from
 * the queue, a->source or the terminal; scanner bursts become ACT_SCAN;
 * dispatch, tick, draw if needed. With a->source set, the source keeps
 * a->now_ms (so tours and tests control time). */
void app_step(app *a, int timeout_ms);
/* Maps one raw input through the key table and dispatches it. */
void app_input(app *a, const term_input *in);
/* Dispatches one named event as if typed. */
void app_feed(app *a, const event *ev);
/* Time passes: idle countdown, wipe, screen ticks. */
void app_tick(app *a, int64_t now_ms);
/* Draws the current state (header, screen or enlarge, overlays, hints). */
void app_render(app *a);
/* Ends the session: every screen left, every field wiped, home again. */
void app_wipe(app *a);
/* Pops every screen (wiping their state) and frees the session. */
void app_free(app *a);

/* Runs another mode on top of this one: saves the session and the mode's
 * hooks (help, track, enlarge, title, input method, language), attach(a,
 * ctx) installs the inner ones, their session_init runs, first is pushed.
 * SR_HOME inside, or Back on first, ends the nest: the inner screens are
 * left, the outer mode restored, done(a, inner session) called (may be
 * NULL), the inner session wiped, and the screen under the nest resumes.
 * expired (may be NULL) is asked each tick with the outer session: true
 * ends the nest and wipes everything (app_wipe). */
void app_nest(app *a, void (*attach)(app *a, void *ctx), void *ctx, const screen_ops *first,
              void (*done)(app *a, void *inner), bool (*expired)(app *a, void *outer));
bool app_nested(const app *a);
/* The outer mode's session while nested, else a->session. */
void *app_outer_session(const app *a);

int64_t app_now(const app *a);     /* wall clock, unix seconds */
int64_t app_mono_ms(void);         /* real monotonic clock */
const screen_ops *app_top(const app *a);
bool app_on_stack(const app *a, const screen_ops *ops);
void *app_top_state(const app *a);
/* Seconds left before the wipe while the countdown shows, else -1. */
int app_countdown(const app *a);
bool app_too_small(const app *a);
/* Citizen screens: Vietnamese typing follows the language (off in English). */
void app_ime_by_lang(app *a);
/* Switches the language and redraws; app_next_lang goes to the next
 * installed one. */
void app_set_lang(app *a, const char *lang);
void app_next_lang(app *a);

#endif
