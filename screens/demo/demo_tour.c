/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A guided tour played on the real citizen screens: the tour player's
 * keys are fed to the app's one loop through its input source, as if
 * typed; captions are drawn by the app's overlay hook; wait-for lines are
 * checked against the screen. Headless (tests, --speed max) it runs on a
 * virtual clock with no terminal input at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "i18n.h"
#include "text.h"
#include "widgets.h"

static const term_key key_of[TOUR_K__COUNT] = {
    [TOUR_K_ENTER] = TK_ENTER, [TOUR_K_ESC] = TK_ESC, [TOUR_K_TAB] = TK_TAB,
    [TOUR_K_BACKTAB] = TK_BACKTAB, [TOUR_K_BACKSPACE] = TK_BACKSPACE,
    [TOUR_K_DELETE] = TK_DELETE, [TOUR_K_UP] = TK_UP, [TOUR_K_DOWN] = TK_DOWN,
    [TOUR_K_LEFT] = TK_LEFT, [TOUR_K_RIGHT] = TK_RIGHT, [TOUR_K_HOME] = TK_HOME,
    [TOUR_K_END] = TK_END, [TOUR_K_PGUP] = TK_PGUP, [TOUR_K_PGDN] = TK_PGDN,
    [TOUR_K_F1] = TK_F1, [TOUR_K_F2] = TK_F2, [TOUR_K_F3] = TK_F3, [TOUR_K_F4] = TK_F4,
    [TOUR_K_F5] = TK_F5, [TOUR_K_F6] = TK_F6, [TOUR_K_F7] = TK_F7, [TOUR_K_F8] = TK_F8,
    [TOUR_K_F9] = TK_F9, [TOUR_K_F10] = TK_F10, [TOUR_K_F11] = TK_F11, [TOUR_K_F12] = TK_F12,
};

static void key_input(const tour_step *s, term_input *in)
{
    memset(in, 0, sizeof *in);
    if (s->key != TOUR_K_NONE) {
        in->kind = TI_KEY;
        in->key = key_of[s->key];
    } else {
        in->kind = TI_CHAR;
        in->cp = s->cp;
    }
}

static void finish(app *a, demo_tour *dt)
{
    a->quit = true;
    a->exit_code = dt->p.failed ? 1 : 0;
    if (dt->p.failed)
        str_copy(dt->error, sizeof dt->error, dt->p.error);
}

/* Does the screen show text now? Draws first when something changed. */
static bool screen_shows(app *a, const char *text)
{
    if (a->dirty)
        app_render(a);
    char *dump = term_dump();
    bool found = dump && strstr(dump, text);
    free(dump);
    return found;
}

/* The presenter's keys while the tour plays; everything else is ignored
 * (the tour does the typing). */
static void presenter_key(app *a, demo_tour *dt, const term_input *in, int64_t now)
{
    if (in->kind == TI_CHAR && in->cp == ' ')
        tour_player_pause(&dt->p, now);
    else if (in->kind == TI_KEY && in->key == TK_RIGHT)
        tour_player_step(&dt->p, now);
    else if (in->kind == TI_KEY && (in->key == TK_ESC || in->key == TK_F10))
        tour_player_stop(&dt->p);
    else
        return;
    a->dirty = true;
}

static void do_step(app *a, demo_tour *dt, const tour_step *s)
{
    switch (s->kind) {
    case TS_CAPTION: dt->caption = s; break;
    case TS_CLEAR: dt->caption = NULL; break;
    case TS_LANG:
        i18n_set_lang(s->lang);
        if (dt->lang_cfg)       /* a wipe goes back to the mode's language: this one */
            str_copy(dt->lang_cfg, dt->lang_cfg_size, s->lang);
        break;
    case TS_IME:
        a->ime = strcmp(s->text, "vni") == 0 ? IME_VNI
                 : strcmp(s->text, "off") == 0 ? IME_OFF
                                                : IME_TELEX;
        break;
    case TS_KEY:
    case TS_PAUSE:
    case TS_WAIT:
        break;
    }
    a->dirty = true;
}

bool demo_tour_source(app *a, term_input *in, int timeout_ms)
{
    demo_tour *dt = a->source_ctx;
    for (;;) {
        int64_t now = dt->headless ? dt->clock_ms : app_mono_ms();
        a->now_ms = now;
        tour_out o = tour_player_next(&dt->p, now);
        switch (o.kind) {
        case TOUT_DONE:
            finish(a, dt);
            return false;
        case TOUT_STEP:
            if (o.step->kind == TS_KEY) {
                key_input(o.step, in);
                dt->keys++;
                return true;
            }
            do_step(a, dt, o.step);
            return false;      /* let the app draw it before going on */
        case TOUT_WAIT: {
            const char *text = tour_wait_text(o.step, i18n_lang());
            tour_player_answer(&dt->p, !text || screen_shows(a, text), text, now);
            continue;
        }
        case TOUT_NONE:
            break;
        }
        if (dt->headless) {
            /* time passes a second at most at a time, so that the app ticks
             * as often as it would on a terminal */
            dt->clock_ms += o.wait_ms > 1000 ? 1000 : o.wait_ms > 0 ? o.wait_ms : 1;
            a->now_ms = dt->clock_ms;
            return false;
        }
        int wait = o.wait_ms < 0 || o.wait_ms > timeout_ms ? timeout_ms : o.wait_ms;
        term_input key;
        bool got = term_read(&key, wait < 0 ? 0 : wait);
        a->now_ms = app_mono_ms();
        if (got && key.kind == TI_RESIZE) {
            *in = key;         /* the app must know its new size */
            return true;
        }
        if (got && key.kind != TI_NONE)
            presenter_key(a, dt, &key, a->now_ms);
        return false;
    }
}

/* ---- the overlay ---------------------------------------------------------- */

static void badge(const app *a, frame *f)
{
    char b[128];
    snprintf(b, sizeof b, " %s ", _("PRACTICE - SAMPLE"));
    /* right after the header's title, clear of the clock on the right */
    const char *title = a->cfg && a->cfg->post_office[0] ? a->cfg->post_office : _(a->title);
    int x = 1 + text_width(title) + 2;
    term_put(0, x, f->cols - x, b, ROLE_WARN);
    if (a->mode_ctx || a->depth != 1)
        return;
    /* by hand, on the welcome screen: how to start again and how to leave */
    const char *keys = _("Practice: F9 starts again, F10 leaves.");
    int kw = text_width(keys);
    term_put(f->rows - 2, f->cols - kw - 2, kw, keys, ROLE_DIM);
}

void demo_overlay(const app *a, frame *f)
{
    if (a->practice)
        badge(a, f);
    const demo_tour *dt = a->mode_ctx;
    if (!dt)
        return;
    const char *text = dt->caption ? tour_text_for(dt->caption->texts, dt->caption->ntexts,
                                                   i18n_lang())
                                   : NULL;
    bool controls = !dt->headless;
    if (!text && !controls)
        return;
    int w = f->cols - 4;
    int lines = text ? w_text_lines(text, w, 4) : 0;
    int h = lines + 2 + (controls ? 1 : 0);
    int y = f->rows - 1 - h;
    term_fill(y, 0, h, f->cols, ROLE_DIALOG);
    term_hline(y, 0, f->cols, ROLE_DIALOG);
    char head[160];
    snprintf(head, sizeof head, " %s %d%% %s ", _("Guided tour"), tour_player_percent(&dt->p),
             dt->p.paused ? _("(paused)") : "");
    term_put(y, 2, f->cols - 4, head, ROLE_TITLE);
    if (text)
        w_text(f, y + 1, 2, w, lines, text, ROLE_DIALOG);
    if (controls)
        term_put(y + h - 1, 2, w, _("Space: pause or go on   Right arrow: next step   Esc: stop the tour"),
                 ROLE_DIM);
    f->nregions = 0;     /* the tour types: clicks do nothing */
}
