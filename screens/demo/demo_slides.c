/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The slides: the attract loop of the idle kiosk and the presenter's
 * slides of `postkiosk demo`. One drawing, two ways of handling keys.
 * The animation is driven by the app's tick (about once a second): the
 * paragraphs of a slide come in one by one and a thin bar fills until
 * the next slide, so nothing ever waits inside a screen. */
#include <string.h>

#include "demo.h"
#include "i18n.h"
#include "qrterm.h"
#include "slides.h"
#include "text.h"
#include "widgets.h"

typedef struct {
    slide_data data;
    int cur;          /* slide shown */
    int ticks;        /* ticks since it appeared */
    bool autoplay;    /* the presenter's Space; always on in the attract loop */
    bool presenter;
} slides_state;

/* ---- drawing ------------------------------------------------------------ */

/* One paragraph; a "• " bullet hangs its wrapped lines. Returns rows used. */
static int paragraph(frame *f, int y, int x, int w, int maxrows, const char *p, size_t n)
{
    char buf[1024];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    if (strncmp(buf, "• ", strlen("• ")) == 0) {
        term_put(y, x, 2, "•", ROLE_KEY);
        return w_text(f, y, x + 2, w - 2, maxrows, buf + strlen("• "), ROLE_NORMAL);
    }
    return w_text(f, y, x, w, maxrows, buf, ROLE_NORMAL);
}

/* "● ● ○ ○ ○ ○ ○" and, while playing, a bar filling until the next slide,
 * centred in columns x..x+w. */
static void footer(const slides_state *s, frame *f, int y, int x, int w)
{
    char dots[SLIDE__COUNT * 5 + 1] = "";
    for (int i = 0; i < SLIDE__COUNT; i++)
        strcat(dots, i == s->cur ? "● " : "○ ");
    w_center(f, y, x, w, dots, ROLE_KEY);
    if (!s->autoplay)
        return;
    int bw = 24;
    int done = s->ticks * bw / DEMO_SLIDE_SECONDS;
    char bar[24 * 3 + 1] = "";
    for (int i = 0; i < bw; i++)
        strcat(bar, i < done ? "━" : "─");
    w_center(f, y + 1, x, w, bar, ROLE_DIM);
}

static void draw(const void *vs, const app *a, frame *f)
{
    const slides_state *s = vs;
    slide sl;
    slides_build(&s->data, (slide_id)s->cur, i18n_lang(), &sl);
    /* rows: title, rule, text ... dots, bar, and last the invitation or keys */
    int top = f->top + 1, last = f->top + f->height - 1, bottom = last - 2;
    int w = f->width - 6 > 100 ? 100 : f->width - 6;   /* a calm block on wide screens */
    int x = f->left + (f->width - w) / 2;
    w_center(f, top, f->left, f->width, sl.title, ROLE_TITLE);
    term_hline(top + 1, x, w, ROLE_DIM);
    int y = top + 3;

    /* the QR code on the right, from under the rule down to the last row;
     * a 24-row terminal takes up to version 3 (53 bytes at level L) */
    qrterm q;
    /* the Linux console font has no half blocks: no code that cannot scan */
    bool qr = sl.qr && term_has_glyph(0x2580) && term_has_glyph(0x2584) &&
              qrterm_make(sl.qr, &q);
    if (qr && (q.rows > last - (top + 2) || q.cols + 30 > w)) {
        qrterm_free(&q);     /* does not fit: the address in words must do */
        qr = false;
    }
    int tw = qr ? w - q.cols - 3 : (w > 76 ? 76 : w);
    if (!qr && w > tw)
        x += (w - tw) / 2;
    /* paragraphs: all for the presenter, one more each tick in the loop */
    int shown = s->presenter ? 1000 : s->ticks + 1;
    const char *p = sl.body.data;
    bool prev_bullet = false;
    for (int i = 0; *p && i < shown && y < bottom; i++) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        bool bullet = strncmp(p, "• ", strlen("• ")) == 0;
        /* air between paragraphs when there is room, not inside a list */
        if (i > 0 && y < bottom - 2 && sl.id != SLIDE_HOWTO && !(bullet && prev_bullet))
            y++;
        y += paragraph(f, y, x, tw, bottom - y, p, n);
        prev_bullet = bullet;
        p += n + (nl ? 1 : 0);
    }
    if (sl.qr && y + 1 < bottom)      /* the address in words too: it can be typed */
        w_text(f, y + 1, x, tw, bottom - y - 1, sl.qr, ROLE_TITLE);
    if (qr) {
        for (int r = 0; r < q.rows; r++)
            term_put(top + 2 + r, x + w - q.cols, q.cols, q.lines[r], ROLE_NORMAL);
        qrterm_free(&q);
    }
    footer(s, f, bottom, x, tw);
    const demo_session *ds = a->session;
    if (s->presenter && ds && ds->notice[0])
        w_banner(f, f->top, ds->notice, ROLE_ERROR);
    if (s->presenter) {
        w_hint(f, ACT_CHOOSE, N_("Slide"));
        w_hint(f, ACT_RIGHT, N_("Next slide"));
        /* letters are no actions of the key table: say them on the screen */
        w_center(f, f->top + f->height - 1, f->left, f->width,
                 _("Space: play by itself   T: guided tours   P: practice   F10: leave"),
                 ROLE_DIM);
    } else {
        w_banner(f, f->top + f->height - 1, _("Press any key to start"), ROLE_BANNER);
        w_hint(f, ACT_NEXT, N_("Start using the kiosk"));
        w_region(f, f->top, f->left, f->height, f->width, ACT_NEXT, 0);
    }
    slide_free(&sl);
}

/* ---- events --------------------------------------------------------------- */

static void show(slides_state *s, app *a, int n)
{
    s->cur = (n % SLIDE__COUNT + SLIDE__COUNT) % SLIDE__COUNT;
    s->ticks = 0;
    if (s->presenter && a->session)
        ((demo_session *)a->session)->slide = s->cur;
}

static void tick(slides_state *s, app *a)
{
    s->ticks++;
    if (s->autoplay && s->ticks >= DEMO_SLIDE_SECONDS)
        show(s, a, s->cur + 1);
}

static void attract_enter(void *vs, app *a, const void *arg)
{
    (void)arg;
    slides_state *s = vs;
    slides_load(a->db, a->cfg, app_now(a), &s->data);
    s->autoplay = true;
}

/* Any key or click goes back to the welcome screen and does nothing else;
 * a scanned receipt goes straight to tracking. */
static screen_result attract_handle(void *vs, app *a, const event *ev)
{
    slides_state *s = vs;
    if (ev->act == ACT_TICK) {
        tick(s, a);
        return SR_(SR_REDRAW);
    }
    if (ev->act == ACT_SCAN && a->track)
        return SR_TO(SR_REPLACE, a->track, ev->text);
    return SR_(SR_POP);
}

static void presenter_enter(void *vs, app *a, const void *arg)
{
    (void)arg;
    slides_state *s = vs;
    s->presenter = true;
    slides_load(a->db, a->cfg, app_now(a), &s->data);
    if (a->session)
        show(s, a, ((demo_session *)a->session)->slide);
}

static screen_result presenter_handle(void *vs, app *a, const event *ev)
{
    slides_state *s = vs;
    demo_session *ds = a->session;
    if (ds && ds->notice[0] && ev->act != ACT_TICK) {
        ds->notice[0] = '\0';    /* read: any key puts it away */
        return SR_(SR_REDRAW);
    }
    switch (ev->act) {
    case ACT_TICK:
        if (!s->autoplay)
            return SR_(SR_NONE);
        tick(s, a);
        return SR_(SR_REDRAW);
    case ACT_CHOOSE:
        if (ev->value < 1 || ev->value > SLIDE__COUNT)
            return SR_(SR_NONE);
        show(s, a, ev->value - 1);
        return SR_(SR_REDRAW);
    case ACT_RIGHT: case ACT_DOWN: case ACT_PGDN: case ACT_NEXT:
        show(s, a, s->cur + 1);
        return SR_(SR_REDRAW);
    case ACT_LEFT: case ACT_UP: case ACT_PGUP:
        show(s, a, s->cur - 1);
        return SR_(SR_REDRAW);
    case ACT_HOME:
        show(s, a, 0);
        return SR_(SR_REDRAW);
    case ACT_END:
        show(s, a, SLIDE__COUNT - 1);
        return SR_(SR_REDRAW);
    case ACT_CHAR:
        if (ev->ch == ' ') {
            s->autoplay = !s->autoplay;
            s->ticks = 0;
            return SR_(SR_REDRAW);
        }
        if ((ev->ch == 't' || ev->ch == 'T') && ds)
            return SR_TO(SR_PUSH, &screen_demo_tours, NULL);
        if ((ev->ch == 'p' || ev->ch == 'P') && ds) {
            ds->next = DEMO_PRACTICE;
            return SR_(SR_QUIT);
        }
        return SR_(SR_NONE);
    default:
        return SR_(SR_NONE);
    }
}

const screen_ops screen_demo_attract = {
    .name = "demo_attract",
    .state_size = sizeof(slides_state),
    .help = N_("What the service is, shown while nobody is using the kiosk."),
    .enter = attract_enter,
    .draw = draw,
    .handle = attract_handle,
};

const screen_ops screen_demo_slides = {
    .name = "demo_slides",
    .state_size = sizeof(slides_state),
    .help = N_("Slides for a demonstration: digits jump to a slide, the arrows go back and "
               "forth."),
    .enter = presenter_enter,
    .draw = draw,
    .handle = presenter_handle,
};
