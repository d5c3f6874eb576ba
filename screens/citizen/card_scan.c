/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The citizen ID card scanned on the identity step: the name, the ID
 * number and the return address come from its QR code instead of some
 * sixty keys. The commune or ward is looked up in the unit list with the
 * forgiving search; an address from before the 2025 merger may name one
 * that no longer exists, and then the citizen chooses it as before. It is
 * all personal data: nothing here is logged, every copy is wiped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citizen.h"
#include "dates.h"
#include "finder.h"
#include "text.h"
#include "util.h"

enum { PROV_MAX = 70 };

static bool same_fold(const char *x, const char *y)
{
    char *fx = text_fold(x), *fy = text_fold(y);
    bool same = strcmp(fx, fy) == 0;
    free(fx);
    free(fy);
    return same;
}

/* The province of the store the card's address names, or NULL. */
static const char *province_of(app *a, const idcard_address *ad, char (*prov)[64], int np)
{
    if (!ad->province[0])
        return cz(a)->province[0] ? cz(a)->province : np > 0 ? prov[0] : NULL;
    for (int i = 0; i < np; i++)
        if (same_fold(prov[i], ad->province))
            return prov[i];
    return NULL;          /* another province: its communes are not listed here */
}

/* The unit the card names: the same name (marks and tone placement
 * aside), else the forgiving search's only find; the type (xã, phường)
 * must agree when the card gives one. -1 when none. */
static int match_unit(const idcard_address *ad, const admin_unit *u, int n)
{
    for (int i = 0; i < n; i++)
        if (same_fold(u[i].name, ad->unit_name) &&
            (!ad->unit_type[0] || same_fold(u[i].type, ad->unit_type)))
            return i;
    finder *f = finder_new();
    for (int i = 0; i < n; i++) {
        char *fold = text_fold(u[i].name);
        finder_add(f, fold, NULL, 0);
        free(fold);
    }
    finder_seal(f);
    char *q = text_fold(ad->unit_name);
    int hits[2];
    int k = finder_find(f, q, hits, 2);
    free(q);
    finder_free(f);
    if (k != 1 || (ad->unit_type[0] && !same_fold(u[hits[0]].type, ad->unit_type)))
        return -1;
    return hits[0];
}

static void fill_address(app *a, const char *address)
{
    citizen *c = cz(a);
    idcard_address ad;
    c->card_unit[0] = '\0';
    if (!idcard_split_address(address, &ad))
        return;
    char out[PK_STREET_MAX];
    if (ad.street[0] && dossier_check_street(ad.street, out, sizeof out) == VAL_OK) {
        tf_set(&c->street, out);
        c->street.touched = true;
    }
    mem_wipe(out, sizeof out);
    if (!ad.unit_name[0]) {
        mem_wipe(&ad, sizeof ad);
        return;
    }
    char (*prov)[64] = xcalloc(PROV_MAX, sizeof *prov);
    admin_unit *units = xcalloc(CZ_UNITS_MAX, sizeof *units);
    int np = 0, nu = 0;
    if (store_provinces(a->db, prov, PROV_MAX, &np) != PK_OK)
        np = 0;
    const char *province = province_of(a, &ad, prov, np);
    int i = -1;
    if (province && store_unit_search(a->db, province, "", units, CZ_UNITS_MAX, &nu) == PK_OK)
        i = match_unit(&ad, units, nu);
    if (i >= 0 && dossier_check_unit(&units[i]) == VAL_OK) {
        str_copy(c->province, sizeof c->province, province);
        c->unit = units[i];
        c->have_unit = true;
        char label[200];
        citizen_unit_label(&c->unit, label, sizeof label);
        tf_set(&c->unit_query, label);
    } else {
        /* the citizen chooses it; the screen says which one the card names */
        c->have_unit = false;
        tf_wipe(&c->unit_query);
        snprintf(c->card_unit, sizeof c->card_unit, "%s%s%s", ad.unit_type,
                 ad.unit_type[0] ? " " : "", ad.unit_name);
        /* the types start with x, p or t: "xã" -> "Xã" */
        if (c->card_unit[0] >= 'a' && c->card_unit[0] <= 'z')
            c->card_unit[0] = (char)(c->card_unit[0] - 'a' + 'A');
    }
    mem_wipe(units, CZ_UNITS_MAX * sizeof *units);
    free(units);
    free(prov);
    mem_wipe(&ad, sizeof ad);
}

idcard_status citizen_scan_card(app *a, const char *payload)
{
    citizen *c = cz(a);
    int y, m, d;
    date_to_ymd(date_local_day(app_now(a)), &y, &m, &d);
    idcard card;
    idcard_status st = idcard_parse(payload, strlen(payload), y * 10000 + m * 100 + d, &card);
    if (st == IDCARD_OK) {
        tf_set(&c->name, card.name);
        tf_set(&c->id, card.id);
        c->name.touched = c->id.touched = true;
        fill_address(a, card.address);
        c->from_card = true;
    }
    mem_wipe(&card, sizeof card);
    return st;
}
