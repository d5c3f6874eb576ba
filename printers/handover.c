/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "handover.h"

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
#include "receipt.h"
#include "store_clerk.h"
#include "util.h"

enum { LINES_MAX = 2000 };

/* Lays the record out (in Vietnamese, whatever the screen language is). */
static pk_err build(store *s, canvas_fonts *fonts, int width, const config *cfg, const char *no,
                    canvas **cv, char **text)
{
    handover h;
    handover_line *lines = xcalloc(LINES_MAX, sizeof *lines);
    int n = 0;
    pk_err e = store_handover_lines(s, no, &h, lines, LINES_MAX, &n);
    if (e != PK_OK) {
        free(lines);
        return e;
    }
    char lang[8];
    str_copy(lang, sizeof lang, i18n_lang());
    i18n_set_lang("vi");
    layout *l = layout_new(fonts, width);
    char buf[640], when[32];
    date_local_format(h.at, "%d/%m/%Y %H:%M", when, sizeof when);
    layout_text(l, LAY_SMALL, LAY_CENTER, cfg->post_office);
    layout_text(l, LAY_LARGE, LAY_CENTER | LAY_BOLD, _("HANDOVER RECORD"));
    layout_text(l, LAY_SMALL, LAY_CENTER, _("Dossiers of administrative procedures by post"));
    layout_rule(l, false);
    layout_field(l, _("Record number"), h.no);
    layout_field(l, _("Date and time"), when);
    layout_field(l, _("Handed over by"), cfg->post_office);
    layout_field(l, _("Clerk"), h.actor);
    layout_field(l, _("Received by"), h.agency);
    layout_rule(l, true);
    for (int i = 0; i < n; i++) {
        const handover_line *x = &lines[i];
        snprintf(buf, sizeof buf, "%d. %s  %s", i + 1, x->ref, x->s10);
        layout_text(l, LAY_NORMAL, LAY_BOLD, buf);
        layout_text(l, LAY_SMALL, LAY_INDENT, x->proc_name_vi);
        char docs[64], originals[64];
        snprintf(docs, sizeof docs, ngettext("%d document", "%d documents", (unsigned long)x->ndocs),
                 x->ndocs);
        snprintf(originals, sizeof originals,
                 ngettext("%d original", "%d originals", (unsigned long)x->noriginals), x->noriginals);
        /* TRANSLATORS: the seal number, "%d documents", "%d originals" */
        snprintf(buf, sizeof buf, _("Seal %s - %s, of which %s"), x->seal_no[0] ? x->seal_no : "-",
                 docs, originals);
        layout_text(l, LAY_SMALL, LAY_INDENT, buf);
        /* each paper handed over, originals marked, for both sides to count */
        dossier *d = xcalloc(1, sizeof *d);
        if (store_dossier_get(s, x->ref, d) == PK_OK)
            for (int k = 0; k < d->ndocs; k++) {
                if (!d->docs[k].handed)
                    continue;
                snprintf(buf, sizeof buf, "- %s (%s)", d->docs[k].name_vi,
                         d->docs[k].kind == DOC_ORIGINAL ? _("original") : _("copy"));
                layout_text(l, LAY_SMALL, LAY_INDENT, buf);
            }
        mem_wipe(d, sizeof *d);
        free(d);
    }
    layout_rule(l, true);
    snprintf(buf, sizeof buf, "%d", h.ndossiers);
    layout_field(l, _("Dossiers"), buf);
    snprintf(buf, sizeof buf, "%d", h.ndocs);
    layout_field(l, _("Documents"), buf);
    snprintf(buf, sizeof buf, "%d", h.noriginals);
    layout_field(l, _("of which originals"), buf);
    layout_text(l, LAY_SMALL, 0,
                _("Both sides counted the dossiers above and the documents in each. The time "
                  "of this record is the filing time of every dossier listed."));
    layout_gap(l, 24);
    layout_text(l, LAY_NORMAL, LAY_BOLD, _("FOR THE POST OFFICE"));
    layout_text(l, LAY_SMALL, 0, _("(signature and full name)"));
    layout_gap(l, 96);
    layout_text_break(l);
    layout_text_break(l);
    layout_rule(l, true);
    layout_text(l, LAY_NORMAL, LAY_BOLD, _("FOR THE RECEIVING AGENCY"));
    layout_text(l, LAY_SMALL, 0, _("(signature and full name)"));
    layout_gap(l, 96);
    layout_text_break(l);
    layout_text_break(l);
    layout_rule(l, true);
    *cv = layout_finish(l, text);
    i18n_set_lang(lang);
    free(lines);
    return PK_OK;
}

static pk_err write_file(const char *path, const char *text)
{
    char tmp[600];
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

pk_err handover_print(store *s, printer *p, const config *cfg, const char *no, int64_t job_id,
                      char *msg, size_t msgsz)
{
    if (msg && msgsz)
        msg[0] = '\0';
    if (!p) {
        store_job_set(s, job_id, JOB_FAILED, pk_err_msg(PK_EPRINTER));
        return PK_EPRINTER;
    }
    canvas *cv = NULL;
    char *text = NULL;
    pk_err e = build(s, printer_fonts(p), printer_width_dots(p), cfg, no, &cv, &text);
    if (e == PK_OK)
        e = printer_print(p, no, cv, text, msg, msgsz);
    receipt_job_record(s, job_id, e, msg);
    canvas_free(cv);
    free(text);
    return e;
}

pk_err handover_output(store *s, printer *p, const config *cfg, const char *no, char *path,
                       size_t pathsz, char *msg, size_t msgsz)
{
    if (msg && msgsz)
        msg[0] = '\0';
    char dir[560];
    snprintf(dir, sizeof dir, "%.500s/handovers", cfg->home);
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return PK_EIO;
    snprintf(path, pathsz, "%s/%.40s.txt", dir, no);
    canvas_fonts *own = NULL;
    canvas_fonts *fonts = p ? printer_fonts(p) : NULL;
    if (!fonts && canvas_fonts_open(NULL, NULL, &own) == PK_OK)
        fonts = own;
    if (!fonts)
        return PK_EIO;
    canvas *cv = NULL;
    char *text = NULL;
    pk_err e = build(s, fonts, p ? printer_width_dots(p) : 576, cfg, no, &cv, &text);
    canvas_free(cv);
    if (own)
        canvas_fonts_close(own);
    if (e == PK_OK)
        e = write_file(path, text);
    free(text);
    if (e == PK_OK)
        e = store_handover_set_file(s, no, path);
    if (e != PK_OK)
        return e;
    int64_t job = 0;
    e = store_job_create(s, no, "handover", &job);
    if (e != PK_OK)
        return e;
    return handover_print(s, p, cfg, no, job, msg, msgsz);
}
