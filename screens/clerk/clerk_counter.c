/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dossier registered for a citizen who came to the counter: the kiosk's
 * own screens, checks, transaction and receipt, run on top of the clerk's
 * menu (app_nest), with the clerk as the actor of the dossier's first
 * event and of its consent record. The clerk's inactivity sign-out goes on
 * meanwhile; finishing or leaving the flow comes back to the menu. */
#include <stdio.h>
#include <string.h>

#include "citizen.h"
#include "clerk.h"
#include "i18n.h"
#include "util.h"

static void (*citizen_init)(app *a);

static void counter_init(app *a)
{
    citizen_init(a);
    const clerk_ui *ui = app_outer_session(a);
    str_copy(cz(a)->actor, sizeof cz(a)->actor, ui->sess.id);
}

static void counter_attach(app *a, void *ctx)
{
    clerk_ui *ui = ctx;
    citizen_attach(a, &ui->counter);
    citizen_init = a->session_init;
    a->session_init = counter_init;
    a->title = N_("Dossier at the counter");
}

static void counter_done(app *a, void *inner)
{
    const citizen *c = inner;
    if (c->committed)
        clerk_flashf(a, false, _("Dossier %s registered at the counter."), c->done.ref);
    else
        clerk_flash(a, false, N_("Counter entry left: nothing was stored."));
}

/* Each tick inside the citizen screens: a key since the last tick keeps
 * the clerk signed in (no clerk screen sees it), a long silence signs out. */
static bool counter_expired(app *a, void *outer)
{
    clerk_ui *ui = outer;
    if (!ui->sess.active)
        return true;
    int64_t now = app_now(a);
    if (a->last_input_ms >= a->last_tick_ms)
        auth_session_touch(&ui->sess, now);
    if (!auth_session_expired(&ui->sess, now))
        return false;
    store_clerk_sign_out(a->db, &ui->sess, "idle", now);
    auth_session_end(&ui->sess);
    return true;
}

screen_result clerk_counter_start(app *a)
{
    clerk_ui *ui = clerk_of(a);
    memset(&ui->counter, 0, sizeof ui->counter);
    app_nest(a, counter_attach, ui, &screen_welcome, counter_done, counter_expired);
    return SR_(SR_REDRAW);
}
