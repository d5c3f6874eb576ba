/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier life cycle: status codes, plain-words labels for citizens and
 * the ONE transition table that the clerk UI, the store and the reports
 * ask. Derived from QĐ 45/2016 Đ.5-10 and TT 17/2017 Đ.5 (DOMAIN.md):
 *
 *   registered --accept--> accepted --dispatch--> in_transit --> handed
 *   handed/processing --> supplement | agency_rejected | result_ready
 *   result_ready --> result_collected --> out_for_delivery --> delivered
 *   out_for_delivery --> delivery_failed --> out_for_delivery | returned
 *
 * A return-only dossier (the citizen filed at the agency and asked for the
 * result by post) skips the way to the agency: accepted --> processing or
 * result_ready. A result that does not come back by post ends when the
 * citizen collects it at the agency (result_ready --> delivered). */
#include <string.h>

#include "dossier.h"
#include "i18n.h"
#include "util.h"

/* Each status: its code as stored; the staff's short name (queue, reports
 * to the province); what a citizen reads on the tracking screen and the
 * SMS. */
static const struct {
    const char *code, *name, *label;
} statuses[ST__COUNT] = {
    [ST_REGISTERED] = {"registered", N_("Registered"), N_("Waiting for you at the counter")},
    [ST_ACCEPTED] = {"accepted", N_("Accepted"), N_("Received and sealed at the post office")},
    [ST_COUNTER_REJECTED] = {"counter_rejected", N_("Refused at counter"),
                             N_("Not accepted at the counter")},
    [ST_IN_TRANSIT] = {"in_transit", N_("In transit"), N_("On its way to the agency")},
    [ST_HANDED] = {"handed", N_("Handed over"), N_("Handed to the agency")},
    [ST_PROCESSING] = {"processing", N_("Processing"), N_("Being processed by the agency")},
    [ST_SUPPLEMENT] = {"supplement", N_("Supplement"),
                       N_("The agency needs more documents from you")},
    [ST_AGENCY_REJECTED] = {"agency_rejected", N_("Refused by agency"),
                            N_("Refused by the agency")},
    [ST_RESULT_READY] = {"result_ready", N_("Result ready"), N_("Result ready at the agency")},
    [ST_RESULT_COLLECTED] = {"result_collected", N_("Result collected"),
                             N_("Result picked up by the post office")},
    [ST_OUT_FOR_DELIVERY] = {"out_for_delivery", N_("Out for delivery"),
                             N_("Result on its way to you")},
    [ST_DELIVERED] = {"delivered", N_("Delivered"), N_("Result handed to you")},
    [ST_DELIVERY_FAILED] = {"delivery_failed", N_("Delivery failed"),
                            N_("We could not deliver; we will try again")},
    [ST_RETURNED] = {"returned", N_("Returned to agency"), N_("Result sent back to the agency")},
    [ST_CANCELLED] = {"cancelled", N_("Cancelled"), N_("Dossier cancelled")},
};

#define T(f, t, fl, act) {ST_##f, ST_##t, (fl), act}

static const dossier_transition table[] = {
    /* at the counter */
    T(REGISTERED, ACCEPTED, TR_SEAL, N_("Accept at the counter")),
    T(REGISTERED, COUNTER_REJECTED, TR_NOTE, N_("Refuse at the counter")),
    T(REGISTERED, CANCELLED, TR_NOTE, N_("Cancel the dossier")),
    /* to the agency (only when the dossier goes by post) */
    T(ACCEPTED, IN_TRANSIT, TR_SEND, N_("Send to the agency")),
    T(ACCEPTED, HANDED, TR_SEND | TR_APPOINTMENT, N_("Hand over to the agency")),
    /* return only: the agency already holds the dossier */
    T(ACCEPTED, PROCESSING, TR_DIRECT | TR_APPOINTMENT, N_("Record the appointment")),
    T(ACCEPTED, RESULT_READY, TR_DIRECT, N_("Result received")),
    T(ACCEPTED, CANCELLED, TR_NOTE, N_("Cancel the dossier")),
    T(IN_TRANSIT, HANDED, TR_APPOINTMENT, N_("Hand over to the agency")),
    /* at the agency: legal filing time is the handover */
    T(HANDED, PROCESSING, 0, N_("Processing started")),
    T(HANDED, SUPPLEMENT, TR_NOTE, N_("Supplement requested")),
    T(HANDED, AGENCY_REJECTED, TR_NOTE, N_("Refused by the agency")),
    T(HANDED, RESULT_READY, 0, N_("Result received")),
    T(PROCESSING, SUPPLEMENT, TR_NOTE, N_("Supplement requested")),
    T(PROCESSING, AGENCY_REJECTED, TR_NOTE, N_("Refused by the agency")),
    T(PROCESSING, RESULT_READY, 0, N_("Result received")),
    /* supplement: the agency continues, or the completed dossier is handed
     * over again (a new filing time), or it is refused / withdrawn */
    T(SUPPLEMENT, PROCESSING, 0, N_("Supplement delivered")),
    T(SUPPLEMENT, HANDED, TR_APPOINTMENT, N_("Hand over to the agency")),
    T(SUPPLEMENT, AGENCY_REJECTED, TR_NOTE, N_("Refused by the agency")),
    T(SUPPLEMENT, CANCELLED, TR_NOTE, N_("Cancel the dossier")),
    /* the result (or the refusal letter) comes back by post */
    T(RESULT_READY, RESULT_COLLECTED, TR_RETURN, N_("Result collected from the agency")),
    T(RESULT_READY, DELIVERED, TR_RECIPIENT, N_("Collected by the citizen at the agency")),
    T(AGENCY_REJECTED, RESULT_COLLECTED, TR_RETURN, N_("Refusal letter collected from the agency")),
    T(RESULT_COLLECTED, OUT_FOR_DELIVERY, 0, N_("Out for delivery")),
    T(OUT_FOR_DELIVERY, DELIVERED, TR_RECIPIENT, N_("Delivered to the recipient")),
    T(OUT_FOR_DELIVERY, DELIVERY_FAILED, TR_NOTE, N_("Delivery failed")),
    T(DELIVERY_FAILED, OUT_FOR_DELIVERY, 0, N_("Try delivery again")),
    T(DELIVERY_FAILED, DELIVERED, TR_RECIPIENT, N_("Collected at the post office")),
    T(DELIVERY_FAILED, RETURNED, TR_NOTE, N_("Send back to the agency")),
};

#undef T

const char *dossier_status_code(dossier_status status)
{
    if ((int)status < 0 || status >= ST__COUNT)
        return "unknown";
    return statuses[status].code;
}

int dossier_status_parse(const char *code)
{
    if (!code)
        return -1;
    for (int i = 0; i < ST__COUNT; i++)
        if (strcmp(statuses[i].code, code) == 0)
            return i;
    return -1;
}

const char *dossier_status_label(dossier_status status)
{
    if ((int)status < 0 || status >= ST__COUNT)
        return N_("Unknown status");
    return statuses[status].label;
}

const dossier_transition *dossier_transitions(int *n)
{
    if (n)
        *n = (int)PK_ARRAY_LEN(table);
    return table;
}

const dossier_transition *dossier_transition_find(dossier_status from, dossier_status to)
{
    for (size_t i = 0; i < PK_ARRAY_LEN(table); i++)
        if (table[i].from == from && table[i].to == to)
            return &table[i];
    return NULL;
}

static bool form_ok(unsigned flags, service_form form)
{
    bool send = form == FORM_SEND || form == FORM_BOTH;
    bool ret = form == FORM_RETURN || form == FORM_BOTH;
    if (form != FORM_SEND && form != FORM_RETURN && form != FORM_BOTH)
        return false;
    if ((flags & TR_SEND) && !send)
        return false;
    if ((flags & TR_RETURN) && !ret)
        return false;
    if ((flags & TR_DIRECT) && send)
        return false;
    return true;
}

bool dossier_transition_allowed(dossier_status from, dossier_status to)
{
    return dossier_transition_find(from, to) != NULL;
}

bool dossier_transition_allowed_form(dossier_status from, dossier_status to,
                                     service_form form)
{
    const dossier_transition *t = dossier_transition_find(from, to);
    return t && form_ok(t->flags, form);
}

int dossier_next_states(dossier_status from, service_form form,
                        dossier_status *out, int max)
{
    int n = 0;
    for (size_t i = 0; i < PK_ARRAY_LEN(table); i++) {
        if (table[i].from != from || (form != 0 && !form_ok(table[i].flags, form)))
            continue;
        if (out && n < max)
            out[n] = table[i].to;
        n++;
    }
    return n;
}

bool dossier_status_closed(dossier_status status)
{
    return dossier_next_states(status, 0, NULL, 0) == 0;
}

bool dossier_status_closed_form(dossier_status status, service_form form)
{
    return dossier_next_states(status, form, NULL, 0) == 0;
}

bool dossier_post_done(dossier_status status, service_form form)
{
    if (dossier_status_closed_form(status, form))
        return true;
    if (form != FORM_SEND)
        return false;
    switch (status) {
    case ST_HANDED:
    case ST_PROCESSING:
    case ST_SUPPLEMENT:
    case ST_AGENCY_REJECTED:
    case ST_RESULT_READY:
        return true;
    default:
        return false;
    }
}

bool dossier_return_allowed(int failed_attempts)
{
    return failed_attempts >= DOSSIER_DELIVERY_ATTEMPTS;
}

int dossier_next_attempt_day(const workcal *c, int failed_day)
{
    return workcal_add(c, failed_day, DOSSIER_ATTEMPT_GAP_DAYS);
}

/* dossier_status_label() is the citizen's plain-words sentence. */
const char *dossier_status_name(int status)
{
    return status >= 0 && status < ST__COUNT ? statuses[status].name : N_("Unknown status");
}
