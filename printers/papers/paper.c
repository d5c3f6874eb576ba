/* SPDX-License-Identifier: GPL-3.0-or-later */
/* paper_issue(): build the paper, save the PDF under <home>/papers/, send
 * it to the A4 printer through CUPS, fall back to the receipt printer, and
 * say truthfully where it went. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "paper.h"
#include "paper_content.h"
#include "paper_cups.h"
#include "paper_render.h"
#include "util.h"

static const char *const kind_names[PAPER__COUNT] = {
    [PAPER_SLIP] = "slip",           [PAPER_LABEL] = "label",
    [PAPER_HANDOVER] = "handover",   [PAPER_COLLECTED] = "collected",
    [PAPER_RETURNED] = "returned",   [PAPER_DELIVERED] = "delivered",
    [PAPER_REFUSED] = "refused",
};

const char *paper_kind_name(paper_kind kind)
{
    return (int)kind >= 0 && kind < PAPER__COUNT ? kind_names[kind] : "";
}

int paper_kind_parse(const char *name)
{
    for (int i = 0; name && i < PAPER__COUNT; i++)
        if (!strcmp(name, kind_names[i]))
            return i;
    return -1;
}

/* Only what a file name may hold: the key ends up in one. */
static bool key_ok(const char *key)
{
    if (!key || !key[0] || strlen(key) >= 40)
        return false;
    for (const char *p = key; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || *p == '-'))
            return false;
    return true;
}

/* The checklist counted at acceptance is kept beside the slip
 * (papers/REF-slip.checks: kind, sheets, count, name per line), so that a
 * reprint shows what was counted, not blanks. */
static void checks_path(const config *cfg, const char *ref, char *out, size_t outsz)
{
    snprintf(out, outsz, "%.500s/papers/%.40s-slip.checks", cfg->home, ref);
}

static void checks_save(const config *cfg, const paper_request *rq)
{
    char path[600], tmp[620];
    checks_path(cfg, rq->key, path, sizeof path);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    for (int i = 0; i < rq->nchecks; i++) {
        const paper_check *c = &rq->checks[i];
        char name[PK_TEXT_MAX];
        str_copy(name, sizeof name, c->name);
        for (char *p = name; *p; p++)
            if (*p == '\t' || *p == '\n' || *p == '\r')
                *p = ' ';
        fprintf(f, "%d\t%d\t%d\t%s\n", (int)c->kind, c->pages, c->count, name);
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0)
        unlink(tmp);
}

/* The saved checklist of rq->key (caller frees *out), 0 when none. */
static int checks_load(const config *cfg, const char *ref, paper_check **out)
{
    *out = NULL;
    char path[600], line[PK_TEXT_MAX + 64];
    checks_path(cfg, ref, path, sizeof path);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int n = 0, cap = 0;
    while (fgets(line, sizeof line, f)) {
        int kind, pages, count, off = 0;
        if (sscanf(line, "%d\t%d\t%d\t%n", &kind, &pages, &count, &off) != 3 || off == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = xrealloc(*out, (size_t)cap * sizeof **out);
        }
        paper_check *c = &(*out)[n++];
        memset(c, 0, sizeof *c);
        c->kind = kind == DOC_COPY ? DOC_COPY : DOC_ORIGINAL;
        c->pages = pages > 0 ? pages : 0;
        c->count = count > 0 ? count : 0;
        line[strcspn(line, "\n")] = '\0';
        str_copy(c->name, sizeof c->name, line + off);
    }
    fclose(f);
    return n;
}

static pk_err build(store *s, const config *cfg, const paper_request *rq, int64_t now,
                    paper_doc **doc)
{
    *doc = NULL;
    if (!rq || (int)rq->kind < 0 || rq->kind >= PAPER__COUNT)
        return PK_EINVAL;
    bool batch = rq->kind == PAPER_COLLECTED || rq->kind == PAPER_RETURNED;
    if (batch && rq->refs) {
        if (rq->nrefs <= 0)
            return PK_EINVAL;
        for (int i = 0; i < rq->nrefs; i++)
            if (!key_ok(rq->refs[i]))
                return PK_EINVAL;
    } else if (!key_ok(rq->key)) {
        return PK_EINVAL;
    }
    switch (rq->kind) {
    case PAPER_SLIP: {
        if (rq->checks)
            return paper_build_slip(s, cfg, rq, now, doc);
        paper_request again = *rq;
        paper_check *saved = NULL;
        again.nchecks = checks_load(cfg, rq->key, &saved);
        again.checks = saved;
        pk_err e = paper_build_slip(s, cfg, &again, now, doc);
        free(saved);
        return e;
    }
    case PAPER_LABEL: return paper_build_label(s, cfg, rq, now, doc);
    case PAPER_DELIVERED: return paper_build_delivered(s, cfg, rq, now, doc);
    case PAPER_REFUSED: return paper_build_refused(s, cfg, rq, now, doc);
    case PAPER_HANDOVER:
    case PAPER_COLLECTED:
    case PAPER_RETURNED: {
        paper_request one = *rq;
        if (batch && !one.refs)
            one.nrefs = 0;
        return paper_build_batch(s, cfg, &one, now, doc);
    }
    case PAPER__COUNT: break;
    }
    return PK_EINVAL;
}

static pk_err save(const config *cfg, const paper_request *rq, const paper_doc *doc,
                   paper_result *out)
{
    char dir[560];
    snprintf(dir, sizeof dir, "%.500s/papers", cfg->home);
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return PK_EIO;
    snprintf(out->path, sizeof out->path, "%.500s/%.60s.pdf", dir, doc->name);
    if (!paper_lib_ready(out->detail, sizeof out->detail))
        return PK_EPRINTER;   /* no PDF: nothing half-made, out->detail says why */
    pk_err e = paper_pdf_write(doc, out->path, &out->pages);
    if (e == PK_OK && rq->kind == PAPER_SLIP && rq->checks)
        checks_save(cfg, rq);
    return e;
}

pk_err paper_save(store *s, const config *cfg, const paper_request *rq, paper_result *out)
{
    memset(out, 0, sizeof *out);
    out->route = PAPER_TO_FILE;
    paper_doc *doc = NULL;
    int64_t now = rq && rq->now > 0 ? rq->now : (int64_t)time(NULL);
    pk_err e = build(s, cfg, rq, now, &doc);
    if (e == PK_OK)
        e = save(cfg, rq, doc, out);
    pd_free(doc);
    return e;
}

pk_err paper_issue(store *s, printer *p, const config *cfg, const paper_request *rq,
                   paper_result *out)
{
    memset(out, 0, sizeof *out);
    out->route = PAPER_TO_FILE;
    paper_doc *doc = NULL;
    int64_t now = rq && rq->now > 0 ? rq->now : (int64_t)time(NULL);
    pk_err e = build(s, cfg, rq, now, &doc);
    if (e == PK_OK)
        e = save(cfg, rq, doc, out);
    if (e != PK_OK) {
        pd_free(doc);
        return e;
    }
    if (cfg->papers_printer[0]) {
        pk_err c = paper_cups_send(cfg, out->path, doc->title, &out->cups_job, out->detail,
                                   sizeof out->detail);
        if (c == PK_OK) {
            out->route = PAPER_TO_A4;
            pd_free(doc);
            return PK_OK;
        }
        out->why = N_("The A4 printer did not take the paper");
    } else {
        out->why = N_("No A4 printer is configured");
    }
    if (p) {
        char msg[256] = "";
        pk_err t = paper_thermal_print(doc, p, msg, sizeof msg);
        if (t == PK_OK || t == PK_EUNCONFIRMED) {
            out->route = PAPER_TO_THERMAL;
        } else if (!out->detail[0]) {
            str_copy(out->detail, sizeof out->detail, _(msg[0] ? msg : pk_err_msg(t)));
        }
    }
    pd_free(doc);
    return PK_OK;
}

const char *paper_route_msg(const paper_result *r)
{
    bool configured = r->why && strcmp(r->why, "No A4 printer is configured") != 0;
    switch (r->route) {
    case PAPER_TO_A4:
        return N_("Printed on the A4 printer.");
    case PAPER_TO_THERMAL:
        return configured ? N_("The A4 printer did not take the paper: printed on the receipt "
                               "printer.")
                          : N_("No A4 printer is configured: printed on the receipt printer.");
    case PAPER_TO_FILE:
        break;
    }
    return r->why ? N_("Not printed: no printer took the paper. The PDF is saved.")
                  : N_("Saved, not printed.");
}

void paper_result_text(const paper_result *r, const config *cfg, char *out, size_t outsz)
{
    char where[300];
    if (r->route == PAPER_TO_A4)
        /* TRANSLATORS: the CUPS queue name and the CUPS job number */
        snprintf(where, sizeof where, _("Sent to the A4 printer %s (job %d)."), cfg->papers_printer,
                 r->cups_job);
    else
        snprintf(where, sizeof where, "%s", _(paper_route_msg(r)));
    if (r->detail[0] && r->route != PAPER_TO_A4)
        snprintf(out, outsz, "%s (%s) %s %s", where, r->detail, _("File:"), r->path);
    else
        snprintf(out, outsz, "%s %s %s", where, _("File:"), r->path);
}
