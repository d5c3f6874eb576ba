/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spoken prompts in the app: see voice.h. */
#include "voice.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "util.h"

void voice_mask(char *s)
{
    for (char *p = s; *p;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        char *q = p;
        while (*q >= '0' && *q <= '9')
            q++;
        size_t n = (size_t)(q - p);
        if (n >= 5) {   /* "...234": the end, as the receipt masks it */
            memcpy(p, "...", 3);
            memmove(p + 3, q - 3, strlen(q - 3) + 1);
            q = p + 6;
        }
        p = q;
    }
}

static void say(app *a, const char *text)
{
    char buf[SPEECH_TEXT_MAX];
    str_copy(buf, sizeof buf, text);
    voice_mask(buf);
    speech_say(a->voice.sp, i18n_lang(), buf);
}

static void add(char *buf, size_t size, const char *part)
{
    if (!part || !*part)
        return;
    size_t n = strlen(buf);
    bool ended = n && strchr(".!?:", buf[n - 1]);   /* no ".." */
    snprintf(buf + n, size - n, "%s%s", !n ? "" : ended ? " " : ". ", part);
}

/* Title, instruction, focused label, error: the whole prompt. */
static void whole(const app *a, char *buf, size_t size)
{
    const frame *f = &a->fr;
    buf[0] = '\0';
    add(buf, size, f->say_title);
    const screen_ops *top = a->depth > 0 ? a->stack[a->depth - 1].ops : NULL;
    /* the instruction the screen gives now (the done screen after a failed
     * print has no receipt to take), as Help shows it */
    const char *help = top && top->help_now ? top->help_now(a) : NULL;
    if (top && !help)
        help = top->help;
    if (help && !a->staff_notice && !a->pin_open)
        add(buf, size, _(help));
    add(buf, size, f->say_focus);
    add(buf, size, f->say_error);
}

static void remember(app *a)
{
    const frame *f = &a->fr;
    voice *v = &a->voice;
    v->ops = a->depth > 0 ? a->stack[a->depth - 1].ops : NULL;
    str_copy(v->lang, sizeof v->lang, i18n_lang());
    str_copy(v->title, sizeof v->title, f->say_title);
    str_copy(v->focus, sizeof v->focus, f->say_focus);
    str_copy(v->error, sizeof v->error, f->say_error);
}

void voice_toggle(app *a)
{
    voice *v = &a->voice;
    if (v->on) {
        say(a, _("Spoken prompts off."));
        v->on = false;
        return;
    }
    if (!v->sp && !v->unavailable) {
        v->sp = speech_open(SPEECH_DEVICE, NULL);
        v->unavailable = v->sp == NULL;
    }
    if (!v->sp)
        return;
    v->on = true;
    v->greet = true;
    v->ops = NULL;   /* the next drawing says the whole screen */
}

void voice_repeat(app *a)
{
    if (a->voice.on)
        a->voice.ops = NULL;   /* said again after the next drawing */
}

void voice_off(app *a)
{
    a->voice.on = false;
    speech_stop(a->voice.sp);
}

void voice_after_render(app *a)
{
    voice *v = &a->voice;
    if (!v->on || !v->sp)
        return;
    const frame *f = &a->fr;
    const void *top = a->depth > 0 ? a->stack[a->depth - 1].ops : NULL;
    char buf[SPEECH_TEXT_MAX];
    if (top != v->ops || strcmp(v->lang, i18n_lang()) != 0 || strcmp(v->title, f->say_title) != 0) {
        buf[0] = '\0';
        if (v->greet)
            add(buf, sizeof buf, _("Spoken prompts on. Press F7 to hear again"));
        v->greet = false;
        size_t n = strlen(buf);
        whole(a, buf + n + (n ? 2 : 0), sizeof buf - n - (n ? 2 : 0));
        if (n)
            memcpy(buf + n, ". ", 2);
        say(a, buf);
    } else if (strcmp(v->error, f->say_error) != 0 && f->say_error[0]) {
        buf[0] = '\0';
        add(buf, sizeof buf, f->say_error);
        say(a, buf);
    } else if (strcmp(v->focus, f->say_focus) != 0 && f->say_focus[0]) {
        say(a, f->say_focus);
    }
    remember(a);
}

void voice_free(app *a)
{
    speech_close(a->voice.sp);
    a->voice.sp = NULL;
    a->voice.on = false;
}

const char *voice_state(const app *a)
{
    const voice *v = &a->voice;
    if (v->unavailable || (v->on && speech_failed(v->sp)))
        return _("Spoken prompts: not available");
    if (v->on && !speech_device_ok(v->sp))
        return _("Spoken prompts: no sound device");
    return v->on ? _("Spoken prompts: on") : _("Spoken prompts: off");
}
