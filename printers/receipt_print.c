/* SPDX-License-Identifier: GPL-3.0-or-later */
/* receipt_print(): the glue from a committed dossier to paper. Fetches the
 * procedure, masks the applicant, switches to the dossier's language for
 * the labels (and back), lays out, prints, and records the job outcome. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "canvas.h"
#include "dossier.h"
#include "i18n.h"
#include "log.h"
#include "receipt.h"
#include "util.h"

enum { RECEIPT_CLAIM_S = 300 };   /* longer than any print, bounded if we die */

/* English receipts carry the English gloss under each legal name; every
 * other language (Vietnamese, Tày, Nùng...) keeps the Vietnamese names. */
static bool is_en(const char *lang)
{
    return !strncmp(lang, "en", 2);
}

/* Fills ri from the dossier and its procedure (NULL when the catalog no
 * longer has it: the code stands in for the name). */
static void info_fill(receipt_info *ri, const config *cfg, const dossier *d,
                      const procedure *proc, int flags)
{
    memset(ri, 0, sizeof *ri);
    bool en = is_en(d->lang);
    str_copy(ri->lang, sizeof ri->lang, d->lang[0] ? d->lang : "vi");
    str_copy(ri->post_office, sizeof ri->post_office, cfg->post_office);
    str_copy(ri->kiosk_code, sizeof ri->kiosk_code,
             d->kiosk_code[0] ? d->kiosk_code : cfg->kiosk_code);
    ri->issued_at = d->created_at;
    ri->printed_at = (int64_t)time(NULL);
    str_copy(ri->ref, sizeof ri->ref, d->ref);
    str_copy(ri->s10, sizeof ri->s10, d->s10);
    str_copy(ri->proc_code, sizeof ri->proc_code, d->proc_code);
    if (proc) {
        str_copy(ri->proc_name, sizeof ri->proc_name, proc->name_vi);
        if (en)
            str_copy(ri->proc_gloss, sizeof ri->proc_gloss, proc->name_en);
        str_copy(ri->agency, sizeof ri->agency, proc->agency);
        if (en)   /* "" when the catalog has no English name: the Vietnamese one alone */
            str_copy(ri->agency_gloss, sizeof ri->agency_gloss, proc->agency_en);
    } else {
        str_copy(ri->proc_name, sizeof ri->proc_name, d->proc_code);
    }
    ri->form = d->form;
    dossier_mask_name(d->name, ri->applicant, sizeof ri->applicant);
    if (d->id_number[0])
        dossier_mask_id(d->id_number, ri->id_masked, sizeof ri->id_masked);
    ri->consent_sms = d->consent_sms;
    if (d->consent_sms && d->phone[0])
        dossier_mask_phone(d->phone, ri->phone_masked, sizeof ri->phone_masked);
    /* counted at the counter from acceptance on; before, the ticks are
     * what the citizen says they will bring */
    ri->counted = d->status != ST_REGISTERED && d->status != ST_COUNTER_REJECTED &&
                  d->status != ST_CANCELLED;
    for (int i = 0; i < d->ndocs && i < PK_MAX_DOCS; i++) {
        const dossier_doc *doc = &d->docs[i];
        if (!doc->handed && !doc->required)
            continue;
        receipt_doc *rd = doc->handed ? &ri->docs[ri->ndocs++] : &ri->to_bring[ri->nto_bring++];
        str_copy(rd->name, sizeof rd->name, doc->name_vi);
        if (en)
            str_copy(rd->gloss, sizeof rd->gloss, doc->name_en);
        rd->kind = doc->kind;
    }
    ri->fee_proc = d->fee_proc;
    ri->fee_post = d->fee_post;
    ri->fee_total = d->fee_total;
    if (d->form == FORM_RETURN && proc)
        ri->fee_agency = proc->fee_vnd;
    str_copy(ri->expected_date, sizeof ri->expected_date, d->expected_date);
    str_copy(ri->hotline, sizeof ri->hotline, cfg->hotline);
    ri->sample = d->sample;
    ri->reprint = (flags & RECEIPT_REPRINT) != 0;
}

/* Lays out in the dossier's language, restoring the current one. */
static pk_err render_in_lang(const receipt_info *ri, printer *p, canvas **c, char **txt)
{
    char prev[16];
    str_copy(prev, sizeof prev, i18n_lang() ? i18n_lang() : "vi");
    bool switched = strcmp(prev, ri->lang) != 0 && i18n_set_lang(ri->lang);
    pk_err err = receipt_render(ri, printer_fonts(p), printer_width_dots(p), c, txt);
    if (switched)
        i18n_set_lang(prev);
    return err;
}

/* Everything but the job record; msg gets a msgid on failure. */
static pk_err print_once(printer *p, store *s, const config *cfg, const dossier *d,
                         int64_t job_id, int flags, receipt_info *ri, char *msg, size_t msgsz)
{
    procedure *proc = xcalloc(1, sizeof *proc);
    pk_err err = store_procedure_get(s, d->proc_code, proc);
    if (err == PK_ENOTFOUND) {
        /* Gone from the catalog since: the dossier kept the name it was
         * registered under. */
        dossier_filter f = {.status = -1, .query = d->ref, .include_sample = true};
        dossier_row row;
        int n = 0;
        if (store_dossier_list(s, &f, 0, &row, 1, &n) == PK_OK && n == 1 &&
            !strcmp(row.ref, d->ref) && row.proc_name_vi[0]) {
            str_copy(proc->name_vi, sizeof proc->name_vi, row.proc_name_vi);
            err = PK_OK;
        }
    }
    if (err != PK_OK && err != PK_ENOTFOUND) {
        free(proc);
        str_copy(msg, msgsz, pk_err_msg(err));
        return err;
    }
    info_fill(ri, cfg, d, err == PK_OK ? proc : NULL, flags);
    free(proc);
    err = receipt_qr_text(cfg, d->ref, d->created_at, ri->qr, sizeof ri->qr);
    if (err != PK_OK) {
        str_copy(msg, msgsz, N_("The receipt key is missing or unreadable. Please call staff."));
        return err;
    }
    canvas *c = NULL;
    char *txt = NULL;
    err = render_in_lang(ri, p, &c, &txt);
    if (err != PK_OK) {
        str_copy(msg, msgsz, pk_err_msg(err));
        return err;
    }
    char name[PK_REF_MAX + 40];
    if (flags & RECEIPT_REPRINT)
        snprintf(name, sizeof name, "%s-reprint-%lld", d->ref, (long long)job_id);
    else
        snprintf(name, sizeof name, "%s", d->ref);
    err = printer_print(p, name, c, txt, msg, msgsz);
    mem_wipe(txt, strlen(txt));
    free(txt);
    canvas_free(c);
    return err;
}

/* Who prints: this process on this machine (the kiosk, a clerk's
 * workstation and `postkiosk reprint` are different processes). */
static void claimant(char *out, size_t outsz)
{
    char host[64] = "";
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    host[sizeof host - 1] = '\0';
    snprintf(out, outsz, "%.40s/%ld", host, (long)getpid());
}

pk_err receipt_print_ex(printer *p, store *s, const config *cfg, const dossier *d,
                        int64_t job_id, int flags, char *msg, size_t msgsz)
{
    /* Nobody else prints this job meanwhile. A busy database does not stop
     * the receipt (the paper comes first); someone else's claim does. */
    char who[64];
    claimant(who, sizeof who);
    pk_err claim = store_job_claim(s, job_id, who, (int64_t)time(NULL), RECEIPT_CLAIM_S);
    if (claim == PK_ESTATE || claim == PK_EEXISTS) {
        str_copy(msg, msgsz, claim == PK_ESTATE
                                 ? N_("This receipt is being printed right now. Check the printer.")
                                 : N_("This receipt is printed already."));
        return claim;
    }
    receipt_info *ri = xmalloc(sizeof *ri);
    pk_err err = print_once(p, s, cfg, d, job_id, flags, ri, msg, msgsz);
    mem_wipe(ri, sizeof *ri);
    free(ri);
    /* The paper is the truth: a record that cannot be written yet is kept
     * and written later (store_jobs_flush), never turned into "not
     * printed". */
    receipt_job_record(s, job_id, err, msg);
    if (err == PK_OK)
        log_info("printer: receipt %s printed%s", d->ref,
                 (flags & RECEIPT_REPRINT) ? " (reprint)" : "");
    else
        log_err("printer: receipt %s not printed: %s", d->ref, msg[0] ? msg : pk_err_msg(err));
    return err;
}

pk_err receipt_job_record(store *s, int64_t job_id, pk_err err, const char *msg)
{
    if (err == PK_OK)
        return store_job_record(s, job_id, JOB_PRINTED, "");
    const char *why = msg && msg[0] ? msg : pk_err_msg(err);
    return store_job_record(s, job_id, err == PK_EUNCONFIRMED ? JOB_PENDING : JOB_FAILED, why);
}

pk_err receipt_print(printer *p, store *s, const config *cfg, const dossier *d,
                     int64_t job_id, char *msg, size_t msgsz)
{
    return receipt_print_ex(p, s, cfg, d, job_id, 0, msg, msgsz);
}
