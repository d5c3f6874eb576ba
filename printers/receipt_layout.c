/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The receipt document (issue 4 item 1), laid out from a receipt_info that
 * is already masked and in the citizen's language. Labels go through _();
 * legal names (procedure, agency, documents, the Decision) stay Vietnamese
 * with the English gloss under them on English receipts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "dates.h"
#include "i18n.h"
#include "layout.h"
#include "money.h"
#include "receipt.h"

static void fmt_time(int64_t t, char *out, size_t outsz)
{
    if (t <= 0 || !date_local_format(t, "%d/%m/%Y %H:%M", out, outsz))
        str_copy(out, outsz, "—");
}

/* YYYY-MM-DD -> DD/MM/YYYY (as printed in Vietnam). */
static void fmt_date(const char *iso, char *out, size_t outsz)
{
    if (!date_iso_to_dmy(iso, out, outsz))
        str_copy(out, outsz, "—");
}

static const char *form_label(service_form f)
{
    switch (f) {
    case FORM_SEND: return _("Send the dossier by post");
    case FORM_RETURN: return _("Receive the result by post");
    case FORM_BOTH: return _("Send the dossier and receive the result by post");
    }
    return "—";
}

static void header(layout *l, const receipt_info *ri)
{
    if (ri->sample)
        layout_banner(l, LAY_LARGE, _("SAMPLE - not valid"));
    if (ri->reprint) {
        layout_banner(l, LAY_LARGE, _("REPRINT"));
        char when[32], line[128];
        fmt_time(ri->printed_at, when, sizeof when);
        snprintf(line, sizeof line, _("Reprinted on %s"), when);
        layout_text(l, LAY_SMALL, LAY_CENTER, line);
    }
    layout_gap(l, 6);
    layout_text_fit(l, LAY_LARGE, LAY_CENTER | LAY_BOLD | LAY_FIXED, _("DOSSIER RECEIPT"));
    layout_text(l, LAY_SMALL, LAY_CENTER | LAY_FIXED, _("Administrative procedures through the public postal service"));
    layout_gap(l, 4);
    if (ri->post_office[0])
        layout_text(l, LAY_NORMAL, LAY_CENTER | LAY_BOLD | LAY_FIXED, ri->post_office);
    char when[32];
    fmt_time(ri->issued_at, when, sizeof when);
    layout_field(l, _("Kiosk"), ri->kiosk_code[0] ? ri->kiosk_code : "—");
    layout_field(l, _("Date and time"), when);
    layout_rule(l, false);
    layout_text(l, LAY_SMALL, LAY_CENTER | LAY_FIXED, _("Dossier reference"));
    layout_text_fit(l, LAY_HUGE, LAY_CENTER | LAY_BOLD, ri->ref);
    if (ri->s10[0])
        layout_field(l, _("Postal tracking number"), ri->s10);
    layout_rule(l, false);
}

static void procedure_part(layout *l, const receipt_info *ri)
{
    layout_text(l, LAY_SMALL, LAY_FIXED, _("Procedure"));
    layout_text(l, LAY_NORMAL, LAY_BOLD | LAY_INDENT, ri->proc_name);
    if (ri->proc_gloss[0])
        layout_text(l, LAY_SMALL, LAY_INDENT, ri->proc_gloss);
    if (ri->proc_code[0])
        layout_field(l, _("Procedure code"), ri->proc_code);
    if (ri->agency[0]) {
        layout_text(l, LAY_SMALL, LAY_FIXED, _("Receiving agency"));
        layout_text(l, LAY_NORMAL, LAY_INDENT, ri->agency);
        if (ri->agency_gloss[0] && strcmp(ri->agency_gloss, ri->agency) != 0)
            layout_text(l, LAY_SMALL, LAY_INDENT, ri->agency_gloss);
    }
    layout_text(l, LAY_SMALL, LAY_FIXED, _("Service"));
    layout_text(l, LAY_NORMAL, LAY_INDENT | LAY_FIXED, form_label(ri->form));
    layout_rule(l, true);
    layout_field(l, _("Applicant"), ri->applicant[0] ? ri->applicant : "—");
    if (ri->id_masked[0])
        layout_field(l, _("ID number"), ri->id_masked);
    /* The consent choices, on paper (Law 91/2025 on personal data). */
    layout_text(l, LAY_SMALL, LAY_FIXED,
                _("You agreed that your data is used to process this dossier."));
    if (ri->consent_sms && ri->phone_masked[0])
        layout_field(l, _("SMS updates"), ri->phone_masked);
    else
        layout_field(l, _("SMS updates"), _("no"));
    layout_rule(l, true);
}

static void doc_list(layout *l, const receipt_doc *docs, int n)
{
    for (int i = 0; i < n && i < PK_MAX_DOCS; i++) {
        const receipt_doc *doc = &docs[i];
        char line[PK_TEXT_MAX + 64];
        const char *kind = catalog_doc_kind(doc->kind, false, doc->name, doc->gloss);
        snprintf(line, sizeof line, "%d. %s%s%s", i + 1, doc->name, kind ? " — " : "",
                 kind ? kind : "");
        layout_text(l, LAY_NORMAL, 0, line);
        if (doc->gloss[0])
            layout_text(l, LAY_SMALL, LAY_INDENT, doc->gloss);
    }
}

/* A receive-only dossier hands nothing in: no papers part at all. Until a
 * clerk counts them, the ticked papers are what the citizen will hand in,
 * and the required ones not ticked are still to bring. */
static void documents_part(layout *l, const receipt_info *ri)
{
    if (ri->form == FORM_RETURN)
        return;
    layout_text(l, LAY_NORMAL, LAY_BOLD,
                ri->counted ? _("Documents handed over") : _("Papers you will hand in at the counter"));
    if (ri->ndocs == 0)
        layout_text(l, LAY_NORMAL, LAY_INDENT | LAY_FIXED, _("(none listed)"));
    doc_list(l, ri->docs, ri->ndocs);
    if (!ri->counted && ri->nto_bring > 0) {
        layout_gap(l, 4);
        layout_text(l, LAY_NORMAL, LAY_BOLD | LAY_FIXED, _("Papers still to bring"));
        doc_list(l, ri->to_bring, ri->nto_bring);
    }
    layout_rule(l, true);
}

static void fees_part(layout *l, const receipt_info *ri)
{
    char buf[48];
    if (ri->form == FORM_RETURN) {
        /* never "0": the agency takes its fee itself */
        if (ri->fee_agency > 0) {
            money_format(ri->fee_agency, ri->lang, buf, sizeof buf);
            layout_field(l, _("Agency fee"), buf);
            layout_text(l, LAY_SMALL, LAY_FIXED, _("Paid at the agency, not at the post office."));
        }
    } else {
        money_format(ri->fee_proc, ri->lang, buf, sizeof buf);
        layout_field(l, _("Procedure fee"), buf);
    }
    money_format(ri->fee_post, ri->lang, buf, sizeof buf);
    layout_field(l, _("Postal charge"), buf);
    money_format(ri->fee_total, ri->lang, buf, sizeof buf);
    layout_field(l, _("Total"), buf);
    layout_text(l, LAY_SMALL, LAY_FIXED, _("Paid at the post office counter."));
    layout_rule(l, true);
    if (ri->expected_date[0]) {
        fmt_date(ri->expected_date, buf, sizeof buf);
        layout_field(l, _("Expected result date"), buf);
        layout_text(l, LAY_SMALL, LAY_FIXED,
                    _("Counted in working days from acceptance at the counter."));
        layout_rule(l, true);
    }
}

static pk_err footer(layout *l, const receipt_info *ri)
{
    layout_text(l, LAY_NORMAL, LAY_BOLD | LAY_FIXED, _("What happens next"));
    if (ri->form == FORM_RETURN) {
        layout_text(l, LAY_NORMAL, LAY_FIXED,
                    _("Show this receipt at the counter to confirm the return by post. The post "
                      "office collects your result from the agency and delivers it to you."));
        layout_gap(l, 6);
        layout_text(l, LAY_SMALL, LAY_FIXED,
                    _("Our guarantee: your result is sealed and tracked, handed over only "
                      "against a signature, and you are compensated if it is lost "
                      "(Decision 45/2016/QD-TTg, Article 14)."));
    } else {
        layout_text(l, LAY_NORMAL, LAY_FIXED,
                    _("Bring your documents to the counter; they will be counted, listed on a "
                      "signed slip and sealed in front of you."));
        if (ri->form == FORM_BOTH)
            layout_text(l, LAY_NORMAL, LAY_FIXED,
                        _("Your result will be delivered by post to the address you gave."));
        layout_gap(l, 6);
        layout_text(l, LAY_SMALL, LAY_FIXED,
                    _("Our guarantee: your dossier is sealed in front of you, your originals are "
                      "listed on the signed slip, and you are compensated if it is lost "
                      "(Decision 45/2016/QD-TTg, Article 14)."));
    }
    layout_gap(l, 4);
    pk_err err = layout_qr(l, ri->qr, 0);
    if (err != PK_OK)
        return err;
    layout_text(l, LAY_SMALL, LAY_CENTER | LAY_FIXED, _("Scan this code at any kiosk to follow your dossier."));
    layout_text(l, LAY_SMALL, LAY_CENTER | LAY_FIXED, _("Staff scan this code to find your dossier."));
    layout_text(l, LAY_SMALL, LAY_CENTER | LAY_NOTEXT, ri->ref);
    if (ri->hotline[0])
        layout_field(l, _("Hotline"), ri->hotline);
    layout_text(l, LAY_SMALL, LAY_CENTER | LAY_FIXED, _("Please keep this receipt."));
    if (ri->sample) {
        layout_gap(l, 6);
        layout_banner(l, LAY_LARGE, _("SAMPLE - not valid"));
    }
    return PK_OK;
}

pk_err receipt_render(const receipt_info *ri, canvas_fonts *f, int width, canvas **out,
                      char **text)
{
    *out = NULL;
    if (text)
        *text = NULL;
    layout *l = layout_new(f, width);
    /* a receipt is 2,000 to 2,300 rows long at either width: one
     * allocation instead of growing by doubling */
    canvas_reserve(layout_canvas(l), 2560);
    header(l, ri);
    procedure_part(l, ri);
    documents_part(l, ri);
    fees_part(l, ri);
    pk_err err = footer(l, ri);
    if (err != PK_OK) {
        layout_free(l);
        return err;
    }
    char *txt = NULL;
    canvas *c = layout_finish(l, &txt);
    if (ri->sample)
        canvas_watermark(c, f, _("SAMPLE - not valid"));
    *out = c;
    if (text)
        *text = txt;
    else
        free(txt);
    return PK_OK;
}
