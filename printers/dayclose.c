/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clerk's day on paper: the daily close (cash taken per clerk, fees
 * and postage, seals used) and the delivery round sheet. Laid out with the
 * printers' layout API, saved as a text file in the data directory first
 * (the figures are already committed), then printed on the receipt
 * printer. Always in Vietnamese, as the other records. */
#include "dayclose.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "canvas.h"
#include "dates.h"
#include "i18n.h"
#include "layout.h"
#include "money.h"
#include "receipt.h"
#include "util.h"

static pk_err save(const char *path, const char *text)
{
    char tmp[700];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0)
        return errno == ENOSPC ? PK_EFULL : PK_EIO;
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w <= 0) {
            int err = errno;
            close(fd);
            unlink(tmp);
            return err == ENOSPC ? PK_EFULL : PK_EIO;
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return PK_EIO;
    }
    return PK_OK;
}

typedef void (*build_fn)(layout *l, const void *arg);

/* Lays out (in Vietnamese), saves <home>/<folder>/<name>.txt, prints. */
static pk_err output(printer *p, const config *cfg, const char *folder, const char *name,
                     build_fn build, const void *arg, char *path, size_t pathsz, char *msg,
                     size_t msgsz)
{
    if (msg && msgsz)
        msg[0] = '\0';
    char dir[560];
    snprintf(dir, sizeof dir, "%.500s/%s", cfg->home, folder);
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return PK_EIO;
    snprintf(path, pathsz, "%s/%.60s.txt", dir, name);
    canvas_fonts *own = NULL;
    canvas_fonts *fonts = p ? printer_fonts(p) : NULL;
    if (!fonts && canvas_fonts_open(NULL, NULL, &own) == PK_OK)
        fonts = own;
    if (!fonts)
        return PK_EIO;
    char lang[8];
    str_copy(lang, sizeof lang, i18n_lang());
    i18n_set_lang("vi");
    layout *l = layout_new(fonts, p ? printer_width_dots(p) : 576);
    layout_text(l, LAY_SMALL, LAY_CENTER, cfg->post_office);
    build(l, arg);
    char *text = NULL;
    canvas *cv = layout_finish(l, &text);
    i18n_set_lang(lang);
    pk_err e = save(path, text);
    if (e == PK_OK) {
        if (!p) {
            e = PK_EPRINTER;
            if (msg && msgsz)
                snprintf(msg, msgsz, "%s", N_("The printer is not ready."));
        } else {
            e = printer_print(p, name, cv, text, msg, msgsz);
        }
    }
    canvas_free(cv);
    free(text);
    if (own)
        canvas_fonts_close(own);
    return e;
}

typedef struct {
    const char *day;
    const close_row *rows;
    int n;
} close_arg;

static void build_close(layout *l, const void *arg)
{
    const close_arg *c = arg;
    char buf[256], money[48], day[PK_DATE_MAX];
    int d;
    if (date_parse(c->day, &d))
        date_format_dmy(d, day);
    else
        str_copy(day, sizeof day, c->day);
    layout_text(l, LAY_LARGE, LAY_CENTER | LAY_BOLD, _("DAILY CLOSE"));
    layout_field(l, _("Day"), day);
    layout_rule(l, false);
    int64_t fees = 0, postage = 0;
    int accepted = 0, seals = 0;
    for (int i = 0; i < c->n; i++) {
        const close_row *r = &c->rows[i];
        snprintf(buf, sizeof buf, "%s: %s", _("Clerk"), r->clerk);
        layout_text(l, LAY_NORMAL, LAY_BOLD, buf);
        snprintf(buf, sizeof buf, "%d", r->accepted);
        layout_field(l, _("Dossiers accepted"), buf);
        money_format(r->fees, "vi", money, sizeof money);
        layout_field(l, _("Procedure fees"), money);
        money_format(r->postage, "vi", money, sizeof money);
        layout_field(l, _("Postage"), money);
        money_format(r->fees + r->postage, "vi", money, sizeof money);
        layout_field(l, _("Cash taken"), money);
        if (r->seals)
            snprintf(buf, sizeof buf, "%d (%s - %s)", r->seals, r->first_seal, r->last_seal);
        else
            snprintf(buf, sizeof buf, "0");
        layout_field(l, _("Seals used"), buf);
        layout_rule(l, true);
        fees += r->fees;
        postage += r->postage;
        accepted += r->accepted;
        seals += r->seals;
    }
    if (c->n == 0)
        layout_text(l, LAY_NORMAL, 0, _("No dossier was accepted that day."));
    snprintf(buf, sizeof buf, "%d", accepted);
    layout_field(l, _("Total dossiers"), buf);
    money_format(fees + postage, "vi", money, sizeof money);
    layout_field(l, _("Total cash"), money);
    snprintf(buf, sizeof buf, "%d", seals);
    layout_field(l, _("Total seals"), buf);
    layout_gap(l, 24);
    layout_text(l, LAY_NORMAL, LAY_BOLD, _("CLERK"));
    layout_text(l, LAY_SMALL, 0, _("(signature and full name)"));
    layout_gap(l, 96);
    layout_text_break(l);
    layout_rule(l, true);
}

pk_err dayclose_output(printer *p, const config *cfg, const char *day, const close_row *rows,
                       int n, char *path, size_t pathsz, char *msg, size_t msgsz)
{
    char name[64];
    snprintf(name, sizeof name, "close-%.10s", day);
    close_arg arg = {day, rows, n};
    return output(p, cfg, "closes", name, build_close, &arg, path, pathsz, msg, msgsz);
}

typedef struct {
    bool receive;
    const char *no, *actor, *agency;
    int64_t at;
    const day_row *rows;
    int n;
} sheet_arg;

static void build_sheet(layout *l, const void *arg)
{
    const sheet_arg *r = arg;
    char buf[640], when[32];
    date_local_format(r->at, "%d/%m/%Y %H:%M", when, sizeof when);
    layout_text(l, LAY_LARGE, LAY_CENTER | LAY_BOLD,
                r->receive ? _("RESULTS RECEIVED FROM THE AGENCY") : _("DELIVERY ROUND SHEET"));
    layout_field(l, _("Record number"), r->no);
    layout_field(l, _("Date and time"), when);
    layout_field(l, _("Clerk"), r->actor);
    if (r->receive)
        layout_field(l, _("Handed over by"), r->agency);
    layout_rule(l, false);
    for (int i = 0; i < r->n; i++) {
        const day_row *x = &r->rows[i];
        snprintf(buf, sizeof buf, "%d. %s  %s", i + 1, x->ref, x->s10);
        layout_text(l, LAY_NORMAL, LAY_BOLD, buf);
        if (!r->receive) {
            /* who and where (masked name, commune): the street is on the label */
            layout_text(l, LAY_SMALL, LAY_INDENT, x->agency);
            layout_text(l, LAY_SMALL, LAY_INDENT,
                        _("Delivered [ ]   Refused [ ]   Not at home [ ]   Signature:"));
            layout_gap(l, 24);
        }
    }
    layout_rule(l, true);
    snprintf(buf, sizeof buf, "%d", r->n);
    layout_field(l, _("Items"), buf);
    layout_gap(l, 24);
    layout_text(l, LAY_NORMAL, LAY_BOLD, r->receive ? _("FOR THE POST OFFICE") : _("POSTMAN"));
    layout_text(l, LAY_SMALL, 0, _("(signature and full name)"));
    layout_gap(l, 96);
    layout_text_break(l);
    layout_rule(l, true);
    if (r->receive) {
        layout_text(l, LAY_NORMAL, LAY_BOLD, _("FOR THE RECEIVING AGENCY"));
        layout_text(l, LAY_SMALL, 0, _("(signature and full name)"));
        layout_gap(l, 96);
        layout_text_break(l);
        layout_rule(l, true);
    }
}

pk_err batch_sheet_output(printer *p, const config *cfg, bool receive, const char *no,
                          const char *actor, int64_t at, const char *agency, const day_row *rows,
                          int n, char *path, size_t pathsz, char *msg, size_t msgsz)
{
    sheet_arg arg = {receive, no, actor, agency ? agency : "", at, rows, n};
    return output(p, cfg, "batches", no, build_sheet, &arg, path, pathsz, msg, msgsz);
}
