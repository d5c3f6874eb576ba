/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Slide texts, written for people who have never used the service and
 * fear losing their papers: plain words, short lines, the reasons to
 * trust it. Every string goes through gettext. */
#include "money.h"
#include "slides.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "receipt.h"

static void line(sbuf *b, const char *s)
{
    sbuf_add(b, s);
    sbuf_add(b, "\n");
}

static void bullet(sbuf *b, const char *s)
{
    sbuf_add(b, "• ");
    line(b, s);
}

/* Legal names stay Vietnamese; the English interface adds the gloss. */
static void proc_name(const slide_proc *p, const char *lang, char *out, size_t outsz)
{
    if (strcmp(lang, "vi") != 0 && p->name_en[0])
        snprintf(out, outsz, "%s (%s)", p->name_vi, p->name_en);
    else
        snprintf(out, outsz, "%s", p->name_vi);
}

static void service(sbuf *b)
{
    line(b, _("At this post office you can hand in the papers of an administrative procedure, "
              "and have the result brought back to your home."));
    bullet(b, _("Send the dossier to the office by post,"));
    bullet(b, _("receive the result at home by post,"));
    bullet(b, _("or both: choose what suits you."));
    line(b, _("The same procedure and the same fees as at the office, without the journey: "
              "a public postal service set up by the Government (Decision 45/2016/QD-TTg)."));
}

static void procedures(const slide_data *d, const char *lang, sbuf *b)
{
    char name[2 * PK_TEXT_MAX + 8];
    if (d->procs_total == 0) {
        line(b, _("The list of procedures is not loaded on this kiosk yet. Please ask at the "
                  "counter."));
        return;
    }
    sbuf_addf(b,
              ngettext("Of the %d procedure in this kiosk, %d can be sent by post and %d can have "
                       "their result returned by post. For example:",
                       "Of the %d procedures in this kiosk, %d can be sent by post and %d can have "
                       "their result returned by post. For example:",
                       (unsigned long)d->procs_total),
              d->procs_total, d->procs_submit, d->procs_return);
    sbuf_add(b, "\n");
    for (int i = 0; i < d->nexamples; i++) {
        proc_name(&d->examples[i], lang, name, sizeof name);
        bullet(b, name);
    }
    line(b, _("Where you must be there in person (a marriage, for example), the kiosk says so "
              "and tells you where to go."));
}

static void costs(const slide_data *d, const char *lang, sbuf *b)
{
    char m1[64], m2[64], m3[64], name[2 * PK_TEXT_MAX + 8];
    line(b, _("The procedure fee is the same as at the office. You pay it here at the counter "
              "and get a receipt for it."));
    if (!d->have_tariff) {
        line(b, _("Please ask at the counter for the postal charge."));
        return;
    }
    line(b, _("Postal charge within the province:"));
    money_format(d->charge_send, lang, m1, sizeof m1);
    money_format(d->charge_return, lang, m2, sizeof m2);
    money_format(d->charge_both, lang, m3, sizeof m3);
    char s[256];
    snprintf(s, sizeof s, _("Send the dossier: %s"), m1);
    bullet(b, s);
    snprintf(s, sizeof s, _("Result brought home: %s"), m2);
    bullet(b, s);
    snprintf(s, sizeof s, _("Both ways: %s"), m3);
    bullet(b, s);
    if (d->have_costly) {
        proc_name(&d->costly, lang, name, sizeof name);
        money_format(d->costly.fee_vnd, lang, m1, sizeof m1);
        money_format(d->costly.fee_vnd + d->charge_both, lang, m2, sizeof m2);
        sbuf_addf(b, _("Example: %s. Fee %s, plus postage both ways %s: %s in all."), name, m1,
                  m3, m2);
        sbuf_add(b, "\n");
    }
    line(b, _("Compare it with the bus fare and a day away from work to go to the office "
              "yourself."));
}

static void safe(sbuf *b)
{
    bullet(b, _("Counted together: the postal worker checks each of your papers with you "
                "against the official list."));
    bullet(b, _("Listed and signed: every paper is written on the dossier slip, marked "
                "original or copy, and you both sign it. You keep your copy of the slip."));
    bullet(b, _("Sealed in front of you: the envelope is sealed while you watch."));
    bullet(b, _("Followed all the way: your receipt has a code. Scan or type it at this kiosk "
                "to see where your dossier is."));
    bullet(b, _("Compensated: if the post loses or damages your dossier, the post pays "
                "compensation (Decision 45/2016/QD-TTg, Article 14)."));
}

static void figures(const slide_data *d, sbuf *b)
{
    if (!d->have_figures) {
        line(b, _("The figures cannot be read right now."));
        return;
    }
    if (d->total == 0) {
        line(b, _("The service is new at this kiosk. Be one of the first to try it: staff will "
                  "help you."));
        return;
    }
    sbuf_addf(b,
              ngettext("%lld dossier sent through this kiosk this year.",
                       "%lld dossiers sent through this kiosk this year.",
                       (unsigned long)(d->total > 1000000 ? 1000000 : d->total)),
              (long long)d->total);
    sbuf_add(b, "\n");
    if (d->completed > 0) {
        int pct = (int)((d->on_time * 100 + d->completed / 2) / d->completed);
        sbuf_addf(b, _("%d%% of the finished ones were back on time (%lld of %lld)."), pct,
                  (long long)d->on_time, (long long)d->completed);
        sbuf_add(b, "\n");
    } else {
        line(b, _("None has finished yet: results take the working days the law allows."));
    }
    if (d->lost == 0) {
        line(b, _("Items lost: none."));
    } else {
        sbuf_addf(b, _("Items lost: %lld."), (long long)d->lost);
        sbuf_add(b, "\n");
    }
}

static void howto(sbuf *b)
{
    line(b, _("1. Choose your procedure."));
    line(b, _("2. Tick the papers you have brought."));
    line(b, _("3. Type your name and where the result should go."));
    line(b, _("4. Check and confirm: the kiosk prints your receipt."));
    line(b, _("5. Take the receipt and your papers to the counter: they are counted and sealed "
              "in front of you."));
    line(b, _("Not sure? Staff are here to help you, every step of the way."));
}

static void closing(const slide_data *d, slide *s)
{
    sbuf *b = &s->body;
    if (d->info_url[0]) {
        line(b, _("Scan the code with your phone's camera to read more:"));
        s->qr = d->info_url;
    } else {
        line(b, _("Ask at the counter to learn more."));
    }
    if (d->hotline[0]) {
        char t[128];
        snprintf(t, sizeof t, _("Hotline: %s"), d->hotline);
        line(b, t);
    }
    line(b, _("Thank you!"));
}

void slides_build(const slide_data *d, slide_id id, const char *lang, slide *s)
{
    memset(s, 0, sizeof *s);
    s->id = id;
    if (!lang)
        lang = "vi";
    const char *title = "";
    switch (id) {
    case SLIDE_SERVICE:
        title = _("Send your papers by post, save the journey");
        service(&s->body);
        break;
    case SLIDE_PROCEDURES:
        title = _("Which procedures can go by post?");
        procedures(d, lang, &s->body);
        break;
    case SLIDE_COSTS:
        title = _("What does it cost?");
        costs(d, lang, &s->body);
        break;
    case SLIDE_SAFE:
        title = _("Your originals are safe");
        safe(&s->body);
        break;
    case SLIDE_FIGURES:
        if (d->have_figures && d->year > 0) {
            snprintf(s->title, sizeof s->title, _("The year %d in figures"), d->year);
            title = NULL;
        } else {
            title = _("In figures");
        }
        figures(d, &s->body);
        break;
    case SLIDE_HOWTO:
        title = _("How to start");
        howto(&s->body);
        break;
    case SLIDE_CLOSING:
    case SLIDE__COUNT:
        s->id = SLIDE_CLOSING;
        title = _("Learn more");
        closing(d, s);
        break;
    }
    if (title)
        str_copy(s->title, sizeof s->title, title);
    if (!s->body.data)
        sbuf_add(&s->body, "");
}

void slide_free(slide *s)
{
    sbuf_free(&s->body);
    memset(s, 0, sizeof *s);
}
