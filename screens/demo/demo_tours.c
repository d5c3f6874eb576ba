/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The presenter's list of guided tours (data/tours/NAME.tour). Choosing
 * one ends this run of the app; `postkiosk demo` then plays the tour on
 * the real citizen screens against the practice database. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "i18n.h"
#include "widgets.h"

typedef struct {
    wlist list;
} tours_state;

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

void demo_find_tours(demo_session *s, const char *data_dir)
{
    s->ntours = 0;
    char dir[600];
    snprintf(dir, sizeof dir, "%s/tours", data_dir ? data_dir : "data");
    DIR *d = opendir(dir);
    if (!d)
        return;
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < (int)PK_ARRAY_LEN(names)) {
        size_t len = strlen(e->d_name);
        if (len > 5 && e->d_name[0] != '.' && strcmp(e->d_name + len - 5, ".tour") == 0)
            names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    for (int i = 0; i < n; i++) {
        if (s->ntours < DEMO_TOURS_MAX) {
            char path[1200];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            tour t;
            if (tour_load(path, &t, NULL) && str_copy(s->paths[s->ntours], 512, path)) {
                str_copy(s->titles[s->ntours], 256, tour_title(&t, i18n_lang()));
                s->ntours++;
            }
            tour_free(&t);
        }
        free(names[i]);
    }
}

static void enter(void *vs, app *a, const void *arg)
{
    (void)arg;
    tours_state *s = vs;
    demo_session *ds = a->session;
    demo_find_tours(ds, a->cfg ? a->cfg->data_dir : NULL);
    wlist_set(&s->list, ds->ntours);
}

static void draw(const void *vs, const app *a, frame *f)
{
    const tours_state *s = vs;
    const demo_session *ds = a->session;
    int x = f->left + 3, w = f->width - 6, y = f->top + 1;
    w_center(f, y, f->left, f->width, _("Guided tours"), ROLE_TITLE);
    y += 2;
    y += w_text(f, y, x, w, 4,
                _("A tour plays on the real kiosk screens, typing for you, with a caption "
                  "for each step. It uses a practice database: nothing real is sent, and the "
                  "receipt is marked SAMPLE."),
                ROLE_NORMAL);
    y++;
    if (ds->ntours == 0) {
        w_text(f, y, x, w, 2, _("No tour is installed (data/tours)."), ROLE_WARN);
    }
    for (int i = 0; i < ds->ntours && y < f->top + f->height - 3; i++, y += 2)
        w_choice(f, y, x, w, i + 1, ds->titles[i], s->list.sel == i);
    w_text(f, f->top + f->height - 2, x, w, 1,
           _("While it plays: Space pauses, the right arrow goes one step, Esc stops."), ROLE_DIM);
    w_hint(f, ACT_CHOOSE, N_("Start a tour"));
    w_hint(f, ACT_BACK, N_("Back to the slides"));
}

static screen_result start(app *a, int i)
{
    demo_session *ds = a->session;
    if (i < 0 || i >= ds->ntours)
        return SR_(SR_NONE);
    ds->next = DEMO_TOUR;
    ds->tour = i;
    return SR_(SR_QUIT);
}

static screen_result handle(void *vs, app *a, const event *ev)
{
    tours_state *s = vs;
    if (ev->act == ACT_CHOOSE)
        return start(a, ev->value - 1);
    if (ev->act == ACT_NEXT)
        return start(a, s->list.sel);
    if (ev->act == ACT_PICK && ev->value >= 0 && ev->value < s->list.n) {
        s->list.sel = ev->value;
        return start(a, s->list.sel);
    }
    if (wlist_handle(&s->list, ev, s->list.n))
        return SR_(SR_REDRAW);
    return SR_(SR_NONE);
}

const screen_ops screen_demo_tours = {
    .name = "demo_tours",
    .state_size = sizeof(tours_state),
    .help = N_("Choose a guided tour to show how the kiosk works."),
    .enter = enter,
    .draw = draw,
    .handle = handle,
};
