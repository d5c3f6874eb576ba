/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "report.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "dates.h"
#include "dossier.h"
#include "i18n.h"

const char *report_period_label(report_period p)
{
    switch (p) {
    case PERIOD_DAY: return N_("Day");
    case PERIOD_MONTH: return N_("Month");
    case PERIOD_QUARTER: return N_("Quarter");
    case PERIOD_YEAR: return N_("Year");
    }
    return N_("Period");
}

/* Day 0 of a month is the last of the month before (date_from_ymd rolls over). */
static void fmt_ymd(int y, int m, int d, char out[PK_DATE_MAX])
{
    date_format(date_from_ymd(y, m, d), out);
}

void report_period_range(report_period p, int day, int step,
                         char from[PK_DATE_MAX], char to[PK_DATE_MAX])
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    switch (p) {
    case PERIOD_DAY:
        date_format(day + step, from);
        date_format(day + step, to);
        return;
    case PERIOD_MONTH: {
        int mm = (y * 12 + (m - 1)) + step;
        fmt_ymd(mm / 12, mm % 12 + 1, 1, from);
        fmt_ymd(mm / 12, mm % 12 + 2, 0, to);
        return;
    }
    case PERIOD_QUARTER: {
        int q = y * 4 + (m - 1) / 3 + step;
        fmt_ymd(q / 4, (q % 4) * 3 + 1, 1, from);
        fmt_ymd(q / 4, (q % 4) * 3 + 4, 0, to);
        return;
    }
    case PERIOD_YEAR:
        fmt_ymd(y + step, 1, 1, from);
        fmt_ymd(y + step, 12, 31, to);
        return;
    }
}

bool report_parse_age(const char *s, int *days)
{
    if (!s || !isdigit((unsigned char)s[0]))
        return false;
    char *end;
    long n = strtol(s, &end, 10);
    if (n <= 0 || n > 100000 || end[0] == '\0' || end[1] != '\0')
        return false;
    long r;
    switch (end[0]) {
    case 'd': r = n; break;
    case 'm': r = (n * 3653 + 119) / 120; break;   /* 30.44 days, rounded up */
    case 'y': r = (n * 1461 + 3) / 4; break;       /* 365.25 days, rounded up */
    default: return false;
    }
    if (r > 365 * 200)
        return false;
    *days = (int)r;
    return true;
}

void report_free(report *r)
{
    free(r->procs);
    free(r->agencies);
    free(r->communes);
    r->procs = r->agencies = r->communes = NULL;
    r->nprocs = r->nagencies = r->ncommunes = 0;
}

int report_on_time_permille(const report *r)
{
    if (r->completed <= 0)
        return -1;
    return (int)((r->on_time * 1000 + r->completed / 2) / r->completed);
}

int report_bar(int64_t value, int64_t max, int width)
{
    if (value <= 0 || max <= 0 || width <= 0)
        return 0;
    if (value >= max)
        return width;
    int64_t n = value * width / max;
    return n < 1 ? 1 : (int)n;
}

static void row(sbuf *out, const char *section, const char *key, const char *label,
                int64_t value)
{
    csv_put_field(out, section);
    sbuf_addn(out, ",", 1);
    csv_put_field(out, key);
    sbuf_addn(out, ",", 1);
    csv_put_field(out, label);
    sbuf_addf(out, ",%" PRId64 "\r\n", value);
}

static void items(sbuf *out, const char *section, const report_item *it, int n)
{
    for (int i = 0; i < n; i++)
        row(out, section, it[i].key, it[i].label, it[i].count);
}

void report_csv(const report *r, const char *post_office, sbuf *out)
{
    sbuf_add(out, "section,key,label,value\r\n");
    row(out, "period", r->from, _("From"), 0);
    row(out, "period", r->to, _("To"), 0);
    if (post_office && post_office[0])
        row(out, "post_office", post_office, _("Post office"), 0);
    row(out, "total", "dossiers", _("Dossiers registered"), r->total);
    for (int status = 0; status < ST__COUNT; status++)
        row(out, "status", dossier_status_code((dossier_status)status),
            _(dossier_status_name(status)), r->by_status[status]);
    items(out, "procedure", r->procs, r->nprocs);
    items(out, "agency", r->agencies, r->nagencies);
    items(out, "commune", r->communes, r->ncommunes);
    row(out, "timeliness", "completed", _("Results completed"), r->completed);
    row(out, "timeliness", "on_time", _("On time"), r->on_time);
    row(out, "timeliness", "late", _("Late"), r->late);
    row(out, "timeliness", "overdue_open", _("Overdue, not completed"), r->overdue);
    int pm = report_on_time_permille(r);
    row(out, "timeliness", "on_time_permille", _("On-time rate (per mille)"), pm < 0 ? 0 : pm);
    row(out, "incidents", "lost", _("Lost items"), r->lost);
    row(out, "incidents", "damaged", _("Damaged items"), r->damaged);
    row(out, "money", "fees_collected", _("Procedure fees collected (VND)"), r->fees_collected);
    row(out, "money", "postal_charges", _("Postal charges (VND)"), r->postal_charges);
    row(out, "retention", "purged", _("Dossiers with personal data purged"), r->purged);
}

static void text_items(sbuf *out, const char *title, const report_item *it, int n)
{
    sbuf_addf(out, "\n%s\n", title);
    for (int i = 0; i < n; i++)
        sbuf_addf(out, "  %8lld  %s%s%s\n", (long long)it[i].count, it[i].key,
                  it[i].label[0] ? "  " : "", it[i].label);
}

void report_text(const report *r, sbuf *out)
{
    sbuf_addf(out, "%s %s - %s\n", _("Report"), r->from, r->to);
    sbuf_addf(out, "%s: %lld\n", _("Dossiers registered"), (long long)r->total);
    sbuf_addf(out, "\n%s\n", _("By status"));
    for (int s = 0; s < ST__COUNT; s++)
        if (r->by_status[s])
            sbuf_addf(out, "  %8lld  %s\n", (long long)r->by_status[s], _(dossier_status_name(s)));
    text_items(out, _("By procedure"), r->procs, r->nprocs);
    text_items(out, _("By agency"), r->agencies, r->nagencies);
    text_items(out, _("By commune"), r->communes, r->ncommunes);
    int pm = report_on_time_permille(r);
    sbuf_addf(out, "\n%s: %lld / %lld", _("On time"), (long long)r->on_time,
              (long long)r->completed);
    if (pm >= 0)
        sbuf_addf(out, " (%d.%d%%)", pm / 10, pm % 10);
    sbuf_addf(out, "\n%s: %lld\n", _("Overdue, not completed"), (long long)r->overdue);
    sbuf_addf(out, "%s: %lld, %s: %lld\n", _("Lost items"), (long long)r->lost,
              _("Damaged items"), (long long)r->damaged);
    sbuf_addf(out, "%s: %lld\n", _("Procedure fees collected (VND)"),
              (long long)r->fees_collected);
}
