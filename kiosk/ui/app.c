/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The only input loop, the screen stack, the idle timer and the shared
 * overlays. Screens get named events; only this file and app_loop.c (which
 * reads the input and hands it here) deal with input. */
#include "app.h"
#include "chrome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "i18n.h"
#include "idcard.h"
#include "log.h"
#include "store_lookup.h"
#include "testhook.h"
#include "text.h"
#include "util.h"
#include "widgets.h"

/* The idle check starts after this much quiet at the welcome screen; a
 * pass over the whole file is made again after CHECK_PASS_GAP_MS, one that
 * could not run is tried again after CHECK_RETRY_MS, one a key stopped at
 * the next quiet time. */
enum { CHECK_QUIET_MS = 30000, CHECK_PASS_GAP_MS = 6 * 3600 * 1000, CHECK_RETRY_MS = 600000 };

int64_t app_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t app_now(const app *a)
{
    if (a->fixed_time)
        return a->fixed_time;
    return (int64_t)time(NULL) + a->clock_offset;
}

/* Citizen screens (ime_by_lang): Vietnamese typing is on in Vietnamese
 * and off in the other languages ("Mary Lee Ross" stays English); F3
 * switches it either way. Staff screens keep Telex: notes are Vietnamese. */
static ime_method lang_ime(const app *a)
{
    return !a->ime_by_lang || strcmp(i18n_lang(), "vi") == 0 ? a->ime_vi : IME_OFF;
}

void app_ime_by_lang(app *a)
{
    a->ime_by_lang = true;
    a->ime = lang_ime(a);
}

void app_init(app *a, const config *cfg, store *db, printer *pr)
{
    memset(a, 0, sizeof *a);
    a->cfg = cfg;
    a->db = db;
    a->pr = pr;
    a->title = N_("Administrative dossiers by post");
    a->ime = a->ime_vi = IME_TELEX;
    tf_set_tone_style(cfg && cfg->tone_new);
    a->min_rows = 24;
    a->min_cols = 80;
    a->idle_timeout = cfg && cfg->idle_timeout > 0 ? cfg->idle_timeout : 90;
    a->idle_warning = cfg && cfg->idle_warning > 0 ? cfg->idle_warning : 20;
    const char *e = test_hook("POSTKIOSK_IDLE");
    if (e && *e) {
        int v = atoi(e);
        if (v > 0)
            a->idle_timeout = v;
    }
    /* a short timeout (tests) keeps a quiet half before the countdown */
    if (a->idle_warning >= a->idle_timeout)
        a->idle_warning = a->idle_timeout / 2 > 0 ? a->idle_timeout / 2 : 1;
    e = test_hook("POSTKIOSK_CLOCK");
    if (e && *e) {
        int64_t t = date_parse_local_minute(e);
        if (t)
            a->clock_offset = t - (int64_t)time(NULL);
    }
    a->now_ms = app_mono_ms();
    a->last_input_ms = a->now_ms;
    a->last_tick_ms = a->now_ms;
    a->dirty = true;
}

/* ---- the stack ------------------------------------------------------------ */

const screen_ops *app_top(const app *a)
{
    return a->depth ? a->stack[a->depth - 1].ops : NULL;
}

bool app_on_stack(const app *a, const screen_ops *ops)
{
    for (int i = 0; i < a->depth; i++)
        if (a->stack[i].ops == ops)
            return true;
    return false;
}

void *app_top_state(const app *a)
{
    return a->depth ? a->stack[a->depth - 1].state : NULL;
}

static void push(app *a, const screen_ops *ops, const void *arg)
{
    if (!ops || a->depth >= APP_STACK_MAX)
        return;
    app_entry *e = &a->stack[a->depth++];
    e->ops = ops;
    e->state = xcalloc(1, ops->state_size ? ops->state_size : 1);
    if (ops->enter)
        ops->enter(e->state, a, arg);
    a->dirty = true;
}

static void pop(app *a)
{
    if (a->depth == 0)
        return;
    app_entry *e = &a->stack[--a->depth];
    if (e->ops->leave)
        e->ops->leave(e->state, a);
    mem_wipe(e->state, e->ops->state_size ? e->ops->state_size : 1);
    free(e->state);
    e->state = NULL;
    e->ops = NULL;
    a->dirty = true;
}

void app_start(app *a, const screen_ops *home)
{
    a->home = home;
    if (a->session_init)
        a->session_init(a);
    push(a, home, NULL);
}

/* ---- a mode inside the mode ---------------------------------------------- */

bool app_nested(const app *a)
{
    return a->nest.on;
}

void *app_outer_session(const app *a)
{
    return a->nest.on ? a->nest.session : a->session;
}

void app_nest(app *a, void (*attach)(app *a, void *ctx), void *ctx, const screen_ops *first,
              void (*done)(app *a, void *inner), bool (*expired)(app *a, void *outer))
{
    if (a->nest.on || a->depth >= APP_STACK_MAX - 8)
        return;                    /* one level; room for the inner screens */
    app_nest_state *n = &a->nest;
    n->depth = a->depth;
    n->session = a->session;
    n->session_size = a->session_size;
    n->session_init = a->session_init;
    n->session_active = a->session_active;
    n->home = a->home;
    n->help = a->help;
    n->track = a->track;
    n->enlarge = a->enlarge;
    n->title = a->title;
    n->ime_by_lang = a->ime_by_lang;
    n->ime = a->ime;
    n->ime_vi = a->ime_vi;
    snprintf(n->lang, sizeof n->lang, "%s", i18n_lang());
    n->done = done;
    n->expired = expired;
    n->on = true;
    attach(a, ctx);
    a->home = first;
    if (a->session_init)
        a->session_init(a);
    push(a, first, NULL);
}

/* Leaves the inner screens and restores the outer mode; the inner session
 * is handed to done, then wiped. */
static void nest_end(app *a)
{
    app_nest_state *n = &a->nest;
    while (a->depth > n->depth)
        pop(a);
    void *inner = a->session;
    size_t inner_size = a->session_size;
    a->session = n->session;
    a->session_size = n->session_size;
    a->session_init = n->session_init;
    a->session_active = n->session_active;
    a->home = n->home;
    a->help = n->help;
    a->track = n->track;
    a->enlarge = n->enlarge;
    a->title = n->title;
    a->ime_by_lang = n->ime_by_lang;
    a->ime = n->ime;
    a->ime_vi = n->ime_vi;
    if (strcmp(i18n_lang(), n->lang) != 0)
        i18n_set_lang(n->lang);
    void (*done)(app *, void *) = n->done;
    memset(n, 0, sizeof *n);
    if (done)
        done(a, inner);
    if (inner && inner_size)
        mem_wipe(inner, inner_size);
    a->dirty = true;
}

void app_wipe(app *a)
{
    if (a->nest.on)
        nest_end(a);
    while (a->depth > 0)
        pop(a);
    if (a->session && a->session_size)
        mem_wipe(a->session, a->session_size);
    if (a->session_init)
        a->session_init(a);
    pin_entry_wipe(&a->pin);
    a->pin_open = a->pin_answered = a->staff_notice = false;
    voice_off(a);   /* the next citizen may not want them */
    if (a->cfg && a->cfg->language[0] && strcmp(i18n_lang(), a->cfg->language) != 0)
        i18n_set_lang(a->cfg->language);
    a->ime_vi = IME_TELEX;
    a->ime = lang_ime(a);
    /* the next citizen starts with the normal theme, as with the language */
    if (a->theme != THEME_NORMAL) {
        a->theme = THEME_NORMAL;
        term_set_theme(a->theme);
    }
    a->last_input_ms = a->now_ms;
    push(a, a->home, NULL);
}

void app_free(app *a)
{
    store_idle_check_free(a->check);   /* before the store closes */
    a->check = NULL;
    if (a->nest.on)
        nest_end(a);
    while (a->depth > 0)
        pop(a);
    if (a->session && a->session_size)
        mem_wipe(a->session, a->session_size);
    voice_free(a);
}

static void resume(app *a)
{
    app_entry *e = &a->stack[a->depth - 1];
    if (e->ops->resume)
        e->ops->resume(e->state, a);
}

static void apply(app *a, screen_result r)
{
    switch (r.kind) {
    case SR_NONE: break;
    case SR_REDRAW: a->dirty = true; break;
    case SR_PUSH: push(a, r.next, r.arg); break;
    case SR_POP:
        if (a->nest.on && a->depth - 1 <= a->nest.depth) {
            nest_end(a);           /* back from the nest's first screen */
            resume(a);
        } else if (a->depth > 1) {
            pop(a);
            resume(a);
        }
        break;
    case SR_REPLACE:
        if (a->depth > 1)
            pop(a);
        push(a, r.next, r.arg);
        break;
    case SR_BACK_TO: {
        int i = a->depth - 1;
        while (i > 0 && a->stack[i].ops != r.next)
            i--;
        if (a->stack[i].ops == r.next && a->depth - 1 > i) {
            while (a->depth - 1 > i)
                pop(a);
            resume(a);
        }
        break;
    }
    case SR_HOME:
        if (a->nest.on) {
            nest_end(a);           /* the inner session is over, the outer goes on */
            resume(a);
        } else {
            app_wipe(a);
        }
        break;
    case SR_QUIT: a->quit = true; break;
    }
}

/* ---- state queries ------------------------------------------------------- */

bool app_too_small(const app *a)
{
    int rows, cols;
    term_size(&rows, &cols);
    return rows < a->min_rows || cols < a->min_cols;
}

static bool session_busy(const app *a)
{
    /* the attract loop is nobody's session */
    bool attract = a->idle_screen && app_top(a) == a->idle_screen;
    return (a->depth > 1 && !attract) || (a->session_active && a->session_active(a)) ||
           a->staff_notice || a->pin_open;
}

int app_countdown(const app *a)
{
    if (a->idle_timeout <= 0 || !session_busy(a))
        return -1;
    int64_t idle = a->now_ms - a->last_input_ms;
    int64_t warn_at = (int64_t)(a->idle_timeout - a->idle_warning) * 1000;
    if (idle < warn_at)
        return -1;
    int64_t left = (int64_t)a->idle_timeout * 1000 - idle;
    return left <= 0 ? 0 : (int)((left + 999) / 1000);
}

void app_set_lang(app *a, const char *lang)
{
    /* the method chosen in Vietnamese comes back with Vietnamese */
    if (a->ime_by_lang && strcmp(i18n_lang(), "vi") == 0)
        a->ime_vi = a->ime;
    i18n_set_lang(lang);
    if (a->ime_by_lang)
        a->ime = lang_ime(a);
    a->dirty = true;
}

void app_next_lang(app *a)
{
    int n = 0;
    const char *const *langs = i18n_langs(&n);
    if (n <= 1)
        return;
    const char *cur = i18n_lang();
    int i = 0;
    while (i < n && strcmp(langs[i], cur) != 0)
        i++;
    app_set_lang(a, langs[(i + 1) % n]);
}

/* ---- events --------------------------------------------------------------- */

/* Enter in the staff PIN dialog. The store counts the try before the
 * PIN is checked and refuses at once while a delay or lock runs: the loop
 * never sleeps, the dialog shows the time left. */
static void pin_submit(app *a)
{
    staff_pin_result r = STAFF_PIN_UNSET;
    int64_t wait = 0, now = app_now(a);
    pk_err e = a->db ? store_staff_pin_try(a->db, a->auth, a->pin.buf, now, &r, &wait) : PK_EIO;
    pin_entry_wipe(&a->pin);
    if (e == PK_OK && r == STAFF_PIN_OK) {
        a->quit = true;
        a->exit_code = 0;
        return;
    }
    a->pin_answered = true;
    a->pin_result = e == PK_OK ? (int)r : -1;
    a->pin_wait_until = wait > 0 ? now + wait : 0;
}

static void pin_event(app *a, const event *ev)
{
    switch (pin_entry_handle(&a->pin, ev)) {
    case PIN_ENTRY_SUBMIT:
        pin_submit(a);
        break;
    case PIN_ENTRY_CANCEL:
        pin_entry_wipe(&a->pin);
        a->pin_open = a->pin_answered = false;
        break;
    case PIN_ENTRY_CHANGED:
        if (a->pin_wait_until <= app_now(a))
            a->pin_answered = false;   /* a running wait stays on screen */
        break;
    case PIN_ENTRY_NONE:
        break;
    }
    a->dirty = true;
}

/* F4 reaches staff: an alert the clerk workstation shows at once (the
 * kiosk and the screen the citizen is on; nothing personal) and, when
 * configured, a message to the duty phone or e-mail. A failure to record
 * it is logged; the notice tells the citizen to wait all the same. */
static void call_staff(app *a)
{
    if (!a->staff_alerts || !a->db || a->practice)
        return;
    const screen_ops *top = app_top(a);
    const char *kiosk = a->cfg && a->cfg->kiosk_code[0] ? a->cfg->kiosk_code : "kiosk";
    pk_err e = store_staff_alert(a->db, app_now(a), kiosk, top ? top->name : "", &a->duty, NULL);
    if (e != PK_OK)
        log_err("database: a call for staff could not be recorded: %s", pk_err_msg(e));
    else
        log_info("call staff at %s (%s)", kiosk, top ? top->name : "");
}

/* Actions every screen shares; true when handled. */
static bool global_action(app *a, const event *ev)
{
    switch (ev->act) {
    case ACT_CALL_STAFF:
        call_staff(a);
        a->staff_notice = true;
        term_beep();
        break;
    case ACT_LANG:
        app_next_lang(a);
        break;
    case ACT_IME:
        a->ime = vnime_next_method(a->ime);
        break;
    case ACT_CONTRAST:
        a->theme = a->theme == THEME_NORMAL ? THEME_CONTRAST : THEME_NORMAL;
        term_set_theme(a->theme);
        break;
    case ACT_SPEECH:
        voice_toggle(a);
        break;
    case ACT_REPEAT:
        voice_repeat(a);
        break;
    case ACT_STAFF_EXIT:
        if (a->lockdown) {
            a->pin_open = true;
            a->pin_answered = a->pin_wait_until > app_now(a);   /* a wait still shows */
            pin_entry_wipe(&a->pin);
        } else {
            a->quit = true;
        }
        break;
    default:
        return false;
    }
    a->dirty = true;
    return true;
}

static void dispatch(app *a, event *ev);

void app_feed(app *a, const event *evin)
{
    if (a->check && evin->act != ACT_TICK)
        store_idle_check_stop(a->check);   /* a key: the check gives way at once */
    event ev = *evin;
    dispatch(a, &ev);
    /* a scan may be an ID card: no copy of it stays on the stack */
    if (evin->act == ACT_SCAN)
        mem_wipe(&ev, sizeof ev);
}

static void dispatch(app *a, event *ev)
{
    if (ev->act == ACT_TICK) {
        app_tick(a, a->now_ms);
        return;
    }
    if (ev->act == ACT_RESIZE) {
        a->dirty = true;
        return;
    }
    if (ev->act == ACT_IGNORED || ev->act == ACT_NONE)
        return;        /* Ctrl-C and friends: nothing, not even a redraw */

    if (a->filter && a->filter(a, ev))
        return;
    /* any key extends the countdown, and is used up doing so */
    bool warned = app_countdown(a) >= 0;
    a->last_input_ms = a->now_ms;
    if (warned) {
        a->dirty = true;
        return;
    }
    if (ev->act == ACT_CLICK) {
        const click_region *r = w_hit(&a->fr, ev->y, ev->x);
        if (r) {
            if (r->act == ACT_NONE)
                return;
            ev->act = r->act;
            ev->value = r->value;
            ev->ch = 0;
        }
    }
    if (a->pin_open) {
        pin_event(a, ev);
        return;
    }
    if (a->staff_notice) {
        if (ev->act != ACT_CALL_STAFF) {
            a->staff_notice = false;
            a->dirty = true;
        }
        return;
    }
    if (ev->act == ACT_STAFF_EXIT || ev->act == ACT_LANG || ev->act == ACT_CALL_STAFF ||
        ev->act == ACT_CONTRAST || ev->act == ACT_IME || ev->act == ACT_SPEECH ||
        ev->act == ACT_REPEAT) {
        global_action(a, ev);
        return;
    }
    if (app_too_small(a) || a->depth == 0)
        return;        /* the screen cannot be seen: keys would act blindly */
    if (a->debounce_ms > 0 && ev->act == a->change_act && ev->value == a->change_value &&
        ev->ch == a->change_ch && a->now_ms - a->change_ms < a->debounce_ms) {
        if (a->now_ms - a->change_ms < 100)
            a->change_ms = a->now_ms;  /* auto-repeat of a held key: keep ignoring */
        return;
    }
    a->change_act = ACT_NONE;

    app_entry *top = &a->stack[a->depth - 1];
    const screen_ops *before = top->ops;
    int depth = a->depth;
    screen_result r = top->ops->handle(top->state, a, ev);
    if (r.kind == SR_NONE) {
        if (ev->act == ACT_HELP && a->help && top->ops != a->help)
            r = SR_TO(SR_PUSH, a->help, top->ops);
        else if (ev->act == ACT_SCAN && a->track && top->ops != a->track && !idcard_like(ev->text))
            r = SR_TO(SR_PUSH, a->track, ev->text);   /* an ID card is read where it is asked for */
        else if (ev->act == ACT_BACK && a->depth > 1)
            r = SR_(SR_POP);
    }
    apply(a, r);
    if (a->depth != depth || app_top(a) != before) {
        a->change_ms = a->now_ms;      /* this key changed the screen */
        a->change_act = ev->act;
        a->change_value = ev->value;
        a->change_ch = ev->ch;
    }
}

/* A key waits (the input loop has not read it yet). */
static bool key_waiting(app *a)
{
    if (a->qlen > 0)
        return true;
    if (a->input_waiting)
        return a->input_waiting(a);
    return !a->source && term_input_waiting();
}

/* The whole-file check in idle time (store_check.h), one tick at a time:
 * started after quiet at the welcome screen, stopped by any key (app_feed)
 * or a key waiting, its verdict taken when it ends. Damage: the kiosk
 * takes no new dossier (store_dossier_create refuses, the welcome screen
 * says so), the clerks are told at once on every clerk screen (a staff
 * alert of screen "integrity", audited), and the file is not marked clean
 * at the end, so the next start checks every page and refuses it
 * (RELIABILITY §5.2). */
static void idle_check_tick(app *a, int64_t now_ms)
{
    if (!a->check) {
        if (a->idle_check && a->db && !a->practice && !session_busy(a) &&
            now_ms - a->last_input_ms >= CHECK_QUIET_MS && now_ms >= a->check_next_ms &&
            !store_damaged(a->db) && !key_waiting(a) &&
            store_idle_check_start(a->db, &a->check) != PK_OK) {
            log_warn("database: the idle check could not start");
            a->check_next_ms = now_ms + CHECK_RETRY_MS;
        }
        return;
    }
    if (session_busy(a) || key_waiting(a))
        store_idle_check_stop(a->check);
    char msg[320];
    idle_check_state st = store_idle_check_poll(a->check, msg, sizeof msg);
    if (st == IDLE_CHECK_RUNNING)
        return;
    store_idle_check_free(a->check);
    a->check = NULL;
    if (st == IDLE_CHECK_OK) {
        a->check_next_ms = now_ms + CHECK_PASS_GAP_MS;
        log_info("database: idle check: every page checked, no damage");
    } else if (st == IDLE_CHECK_DAMAGED) {
        log_err("database: the idle check found damage: %s", msg);
        const char *kiosk = a->cfg && a->cfg->kiosk_code[0] ? a->cfg->kiosk_code : "kiosk";
        if (store_staff_alert(a->db, app_now(a), kiosk, "integrity", &a->duty, NULL) != PK_OK)
            log_err("database: the damage could not be recorded for the clerks: %s",
                    store_last_error(a->db));
        a->dirty = true;
    } else if (st == IDLE_CHECK_FAILED) {
        log_warn("database: idle check: %s", msg);
        a->check_next_ms = now_ms + CHECK_RETRY_MS;
    }
}

void app_tick(app *a, int64_t now_ms)
{
    a->now_ms = now_ms;
    if (a->nest.on && a->nest.expired && now_ms - a->last_tick_ms >= APP_TICK_MS &&
        a->nest.expired(a, a->nest.session)) {
        app_wipe(a);
        return;
    }
    if (a->idle_timeout > 0) {
        int64_t idle = now_ms - a->last_input_ms;
        bool expired = idle >= (int64_t)a->idle_timeout * 1000;
        if (session_busy(a)) {
            if (expired) {
                app_wipe(a);          /* every field wiped, welcome again */
                return;
            }
            if (app_countdown(a) >= 0)
                a->dirty = true;
        } else if (expired) {
            a->last_input_ms = now_ms;
            if (a->idle_screen && app_top(a) == a->home)
                push(a, a->idle_screen, NULL);
            else if (a->cfg && a->cfg->language[0] && strcmp(i18n_lang(), a->cfg->language) != 0)
                app_set_lang(a, a->cfg->language);
        }
    }
    if (now_ms - a->last_tick_ms >= APP_TICK_MS && a->depth > 0) {
        a->last_tick_ms = now_ms;
        if (a->db && store_jobs_unrecorded(a->db) > 0)
            store_jobs_flush(a->db);  /* print outcomes the database was too busy for */
        idle_check_tick(a, now_ms);
        if (app_now(a) / 60 != a->drawn_minute)
            a->dirty = true;          /* the header clock moves on */
        if (a->pin_open && a->pin_answered && a->pin_wait_until + 1 >= app_now(a))
            a->dirty = true;          /* the staff PIN wait counts down */
        app_entry *top = &a->stack[a->depth - 1];
        event ev = {.act = ACT_TICK};
        apply(a, top->ops->handle(top->state, a, &ev));
    }
}

/* A raw input: mapped by the key table, then dispatched. */
void app_input(app *a, const term_input *in)
{
    event ev;
    keys_map(in, &ev);
    app_feed(a, &ev);
}

/* ---- drawing -------------------------------------------------------------- */

void app_render(app *a)
{
    frame *f = &a->fr;
    memset(f, 0, sizeof *f);
    a->drawn_minute = app_now(a) / 60;
    term_size(&f->rows, &f->cols);
    term_set_theme(a->theme);
    term_clear();
    if (app_too_small(a)) {
        f->top = 0;
        f->left = 0;
        f->height = f->rows;
        f->width = f->cols;
        if (a->enlarge)
            a->enlarge->draw(NULL, a, f);
        if (a->pin_open)
            chrome_overlays(a, f);
    } else {
        f->top = 1;
        f->left = 0;
        f->height = f->rows - 2;
        f->width = f->cols;
        if (a->depth > 0) {
            const app_entry *top = &a->stack[a->depth - 1];
            top->ops->draw(top->state, a, f);
        }
        chrome_header(a, f);
        chrome_hints(a, f);
        if (a->overlay)
            a->overlay(a, f);
        bool overlay = a->pin_open || a->staff_notice || app_countdown(a) >= 0;
        if (overlay) {
            f->nregions = 0;    /* only the overlay can be clicked */
            f->cursor = false;
            /* the form underneath is hidden: one message, and nothing personal
             * for whoever walks up while the countdown runs */
            term_fill(f->top, 0, f->height, f->cols, ROLE_NORMAL);
            chrome_overlays(a, f);
        }
    }
    term_cursor(f->cur_y, f->cur_x, f->cursor);
    term_flush();
    a->dirty = false;
    a->renders++;
    voice_after_render(a);
}
