/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dates.h"
#include "dossier.h"
#include "paper_content.h"
#include "util.h"

pk_err paper_dossier_load(store *s, const char *ref, paper_dossier *pd)
{
    memset(pd, 0, sizeof *pd);
    pk_err e = store_dossier_get(s, ref, &pd->d);
    if (e != PK_OK)
        return e;
    e = store_dossier_extra(s, ref, &pd->x);
    if (e != PK_OK)
        return e;
    procedure *proc = xcalloc(1, sizeof *proc);
    if (store_procedure_get(s, pd->d.proc_code, proc) == PK_OK)
        str_copy(pd->level, sizeof pd->level, proc->level);
    free(proc);
    if (pd->d.unit_id <= 0 || store_unit_get(s, pd->d.unit_id, &pd->unit) != PK_OK) {
        memset(&pd->unit, 0, sizeof pd->unit);
        str_copy(pd->unit.name, sizeof pd->unit.name, pd->d.unit_name);
        str_copy(pd->unit.province, sizeof pd->unit.province, pd->d.province);
    }
    const char *agency = pd->x.agency[0] ? pd->x.agency : "";
    catalog_real_agency(agency, pd->level, &pd->unit, pd->agency, sizeof pd->agency);
    dossier_mask_name(pd->d.name, pd->name_masked, sizeof pd->name_masked);
    if (pd->d.id_number[0])
        dossier_mask_id(pd->d.id_number, pd->id_masked, sizeof pd->id_masked);
    if (pd->d.phone[0])
        dossier_mask_phone(pd->d.phone, pd->phone_masked, sizeof pd->phone_masked);
    if (pd->unit.name[0])
        snprintf(pd->place, sizeof pd->place, "%s%s%s%s%s", pd->unit.type,
                 pd->unit.type[0] ? " " : "", pd->unit.name, pd->unit.province[0] ? ", " : "",
                 pd->unit.province);
    return PK_OK;
}

void paper_event(store *s, const char *ref, dossier_status st, int64_t *at, char *actor,
                 size_t actorsz, char *note, size_t notesz)
{
    enum { EV_MAX = 128 };
    *at = 0;
    if (actorsz)
        actor[0] = '\0';
    if (notesz)
        note[0] = '\0';
    dossier_event *ev = xcalloc(EV_MAX, sizeof *ev);
    int n = 0;
    if (store_dossier_events(s, ref, ev, EV_MAX, &n) == PK_OK) {
        const char *code = dossier_status_code(st);
        for (int i = n - 1; i >= 0; i--)
            if (!strcmp(ev[i].to, code)) {
                *at = ev[i].at;
                str_copy(actor, actorsz, ev[i].actor);
                str_copy(note, notesz, ev[i].note);
                break;
            }
    }
    free(ev);
}

void paper_clerk_name(store *s, const char *id, char *out, size_t outsz)
{
    out[0] = '\0';
    if (!id || !id[0])
        return;
    clerk_account *c = xcalloc(1, sizeof *c);
    if (store_clerk_get(s, id, c) == PK_OK)
        str_copy(out, outsz, c->name);
    mem_wipe(c, sizeof *c);
    free(c);
}

void paper_time(int64_t t, char *out, size_t outsz)
{
    if (t <= 0 || !date_local_format(t, "%H:%M ngày %d/%m/%Y", out, outsz))
        str_copy(out, outsz, PAPER_BLANK);
}

void paper_date(const char *iso, char *out, size_t outsz)
{
    if (!iso || !iso[0] || !date_iso_to_dmy(iso, out, outsz))
        str_copy(out, outsz, "..../..../........");
}

void paper_s10_text(const char *s10, char *out, size_t outsz)
{
    if (strlen(s10) == 13)
        snprintf(out, outsz, "%.2s %.3s %.3s %.3s %.2s", s10, s10 + 2, s10 + 5, s10 + 8, s10 + 11);
    else
        str_copy(out, outsz, s10);
}

const char *paper_form_vi(service_form f)
{
    switch (f) {
    case FORM_SEND: return "Gửi hồ sơ qua bưu chính";
    case FORM_RETURN: return "Nhận kết quả qua bưu chính";
    case FORM_BOTH: return "Gửi hồ sơ và nhận kết quả qua bưu chính";
    }
    return "—";
}

const char *paper_doc_kind_vi(doc_kind k)
{
    return k == DOC_ORIGINAL ? "Bản chính" : "Bản sao";
}

bool paper_accepted(const paper_dossier *pd)
{
    dossier_status st = pd->d.status;
    return st != ST_REGISTERED && st != ST_COUNTER_REJECTED && st != ST_CANCELLED &&
           (pd->x.accepted_at > 0 || pd->x.seal_no[0]);
}

bool paper_result_stage(dossier_status st)
{
    return st == ST_RESULT_COLLECTED || st == ST_OUT_FOR_DELIVERY || st == ST_DELIVERED ||
           st == ST_DELIVERY_FAILED || st == ST_RETURNED;
}
