/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk dossier add`: "key = value" lines fill the citizen session
 * the kiosk's screens fill, and the same checks (dossier_check_*,
 * citizen_problem) with the same messages decide, so a script cannot store
 * what a citizen could not. Parsed with inih, as the configuration file. */
#include <ini.h>
#include <stdlib.h>
#include <string.h>

#include "citizen.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

enum {
    K_PROCEDURE, K_FORM, K_NAME, K_ID, K_PHONE, K_EMAIL, K_ADDRESS, K_UNIT, K_RADDRESS, K_RUNIT,
    K_NOTIFY, K_CONSENT, K__COUNT
};
static const char *const key_names[K__COUNT] = {
    "procedure", "form", "name", "id_number", "phone", "email", "address", "unit",
    "return_address", "return_unit", "notify", "consent",
};

enum { LINE_MAX_BYTES = 200 };   /* inih's line buffer (INI_MAX_LINE) */

typedef struct {
    FILE *fp;
    int line;
    bool long_line, nul;
    char *val[K__COUNT];           /* as given, malloc'ed */
    const char *msg;               /* the first problem, msgid */
    char key[32];
    int msg_line;
} keys_ctx;

/* fgets for inih that tells a line cut at the buffer (too long) and a NUL
 * byte, instead of silently taking half a line (as config.c's reader). */
static char *reader(char *str, int num, void *stream)
{
    keys_ctx *k = stream;
    int n = 0, ch = EOF;
    while (n < num - 1 && (ch = getc(k->fp)) != EOF) {
        if (ch == '\0') {
            k->nul = true;
            ch = ' ';
        }
        str[n++] = (char)ch;
        if (ch == '\n')
            break;
    }
    if (n == 0)
        return NULL;
    str[n] = '\0';
    k->line++;
    if (str[n - 1] != '\n' && (ch = getc(k->fp)) != EOF && ch != '\n') {
        k->long_line = true;
        while (ch != EOF && ch != '\n')
            ch = getc(k->fp);
    }
    return str;
}

static void problem(keys_ctx *k, const char *key, const char *msg)
{
    if (k->msg)
        return;
    k->msg = msg;
    str_copy(k->key, sizeof k->key, key);
    k->msg_line = k->line;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    keys_ctx *k = user;
    if (k->long_line) {
        problem(k, "", N_("line too long (at most 200 bytes)"));
        return 0;
    }
    if (k->nul) {
        problem(k, "", N_("NUL byte"));
        return 0;
    }
    int i = 0;
    while (i < K__COUNT && strcmp(key_names[i], name) != 0)
        i++;
    if ((section && *section) || i == K__COUNT) {
        problem(k, text_valid_utf8(name, strlen(name)) ? name : "?",
                N_("unknown key; the keys are: procedure, form, name, id_number, phone, email, "
                   "address, unit, return_address, return_unit, notify, consent"));
        return 0;
    }
    if (k->val[i]) {
        problem(k, name, N_("given twice"));
        return 0;
    }
    k->val[i] = xstrdup(value ? value : "");
    return 1;
}

/* The unit named as in units.csv ("Chi Lăng", or with its type, "phường
 * Chi Lăng"), in any province; exactly one must match. */
static bool find_unit(app *a, const char *name, admin_unit *out)
{
    char provinces[64][64];
    int np = 0;
    if (store_provinces(a->db, provinces, 64, &np) != PK_OK)
        return false;
    char *want = text_fold(name);
    /* the search is by the unit's own name: a leading type word goes */
    const char *query = name;
    int skip = strncmp(want, "phuong ", 7) == 0 || strncmp(want, "xa ", 3) == 0 ? 1
               : strncmp(want, "thi tran ", 9) == 0                         ? 2
                                                                            : 0;
    for (int w = 0; w < skip; w++) {
        while (*query == ' ')
            query++;
        while (*query && *query != ' ')
            query++;
    }
    while (*query == ' ')
        query++;
    int found = 0;
    admin_unit *m = xmalloc(CZ_UNITS_MAX * sizeof *m);
    for (int p = 0; p < np; p++) {
        int n = 0;
        if (store_unit_search(a->db, provinces[p], query, m, CZ_UNITS_MAX, &n) != PK_OK)
            continue;
        for (int i = 0; i < n; i++) {
            char typed[sizeof m[i].type + sizeof m[i].name + 2];
            snprintf(typed, sizeof typed, "%s %s", m[i].type, m[i].name);
            char *f1 = text_fold(m[i].name), *f2 = text_fold(typed);
            if (strcmp(f1, want) == 0 || strcmp(f2, want) == 0) {
                *out = m[i];
                found++;
            }
            free(f1);
            free(f2);
        }
    }
    free(m);
    free(want);
    return found == 1;
}

/* One value through the screens' validator: the message on failure. */
static bool checked(keys_ctx *k, int i, val_result v)
{
    if (v == VAL_OK)
        return true;
    problem(k, key_names[i], dossier_val_msg(v));
    return false;
}

static bool apply(keys_ctx *k, app *a)
{
    citizen *c = cz(a);
    char out[PK_TEXT_MAX];
    const char *const *v = (const char *const *)k->val;
    /* the service form first: the procedure's fee and dates depend on it */
    if (!v[K_FORM] || !*v[K_FORM]) {
        problem(k, "form", N_("form must be send, return or both"));
        return false;
    }
    if (strcmp(v[K_FORM], "send") == 0)
        c->form = FORM_SEND;
    else if (strcmp(v[K_FORM], "return") == 0)
        c->form = FORM_RETURN;
    else if (strcmp(v[K_FORM], "both") == 0)
        c->form = FORM_BOTH;
    else {
        problem(k, "form", N_("form must be send, return or both"));
        return false;
    }
    c->asked_form = c->form;
    if (!v[K_PROCEDURE] || !*v[K_PROCEDURE] || !text_valid_utf8(v[K_PROCEDURE], strlen(v[K_PROCEDURE])) ||
        citizen_choose(a, v[K_PROCEDURE]) != PK_OK || !dossier_eligible(&c->proc, c->form)) {
        problem(k, "procedure", N_("Please choose a procedure that can be done by post."));
        return false;
    }
    /* each field as its screen checks it, in the screens' order */
    if (!v[K_CONSENT] || strcmp(v[K_CONSENT], "yes") != 0) {
        problem(k, "consent", N_("Please read and accept how your personal data is used."));
        return false;
    }
    c->consent = true;
    if (!checked(k, K_NAME, dossier_check_name(v[K_NAME], out, sizeof out)))
        return false;
    tf_set(&c->name, out);
    if (!checked(k, K_ID, dossier_check_id(v[K_ID], citizen_year(a), out, sizeof out)))
        return false;
    tf_set(&c->id, out);
    if (!checked(k, K_PHONE, dossier_check_phone(v[K_PHONE], out, sizeof out)))
        return false;
    tf_set(&c->phone, out);
    if (!checked(k, K_EMAIL, dossier_check_email(v[K_EMAIL] ? v[K_EMAIL] : "", out, sizeof out)))
        return false;
    tf_set(&c->email, out);
    const char *notify = v[K_NOTIFY] ? v[K_NOTIFY] : "none";
    if (strcmp(notify, "none") != 0 && strcmp(notify, "sms") != 0 && strcmp(notify, "email") != 0) {
        problem(k, "notify", N_("notify must be none, sms or email"));
        return false;
    }
    if (strcmp(notify, "email") == 0 && !c->email.buf[0]) {
        problem(k, "email", N_("Please type an e-mail address to be told by e-mail."));
        return false;
    }
    c->consent_sms = strcmp(notify, "sms") == 0;
    c->consent_email = strcmp(notify, "email") == 0;
    /* the return address: return_* when the result goes elsewhere, else
     * the citizen's own; checked whenever given, stored when the result
     * comes back by post (as on the address screen) */
    for (int pass = 0; pass < 2; pass++) {
        int ks = pass ? K_RADDRESS : K_ADDRESS, ku = pass ? K_RUNIT : K_UNIT;
        if (v[ks] && !checked(k, ks, dossier_check_street(v[ks], out, sizeof out)))
            return false;
        admin_unit u;
        if (v[ku] && !find_unit(a, v[ku], &u)) {
            problem(k, key_names[ku], dossier_val_msg(VAL_UNIT_UNKNOWN));
            return false;
        }
    }
    bool ret = v[K_RADDRESS] || v[K_RUNIT];
    const char *street = ret ? v[K_RADDRESS] : v[K_ADDRESS];
    const char *unit = ret ? v[K_RUNIT] : v[K_UNIT];
    if (c->form != FORM_SEND) {
        int ku = ret ? K_RUNIT : K_UNIT, ks = ret ? K_RADDRESS : K_ADDRESS;
        if (!unit || !find_unit(a, unit, &c->unit)) {
            problem(k, key_names[ku], N_("Please choose your commune or ward."));
            return false;
        }
        c->have_unit = true;
        str_copy(c->province, sizeof c->province, c->unit.province);
        if (!checked(k, ks, dossier_check_street(street ? street : "", out, sizeof out)))
            return false;
        tf_set(&c->street, out);
    }
    mem_wipe(out, sizeof out);
    /* the papers are counted by the clerk at acceptance */
    c->docs_seen = true;
    return true;
}

bool citizen_from_keys(app *a, FILE *in, const char **msg, char *key, size_t keysz, int *line)
{
    keys_ctx k = {.fp = in};
    int r = ini_parse_stream(reader, &k, handler, &k);
    if (!k.msg && r != 0) {
        k.msg_line = r > 0 ? r : k.line;
        k.msg = r > 0 ? (k.long_line ? N_("line too long (at most 200 bytes)")
                                     : N_("expected key = value"))
                      : N_("cannot read the file");
    }
    k.line = 0;   /* a value's problem names its key, not a line */
    bool ok = !k.msg && apply(&k, a);
    if (!ok) {
        *msg = k.msg;
        str_copy(key, keysz, k.key);
        *line = k.msg_line;
    } else if (citizen_problem(a, msg)) {   /* the review screen's last word */
        str_copy(key, keysz, "");
        *line = 0;
        ok = false;
    }
    for (int i = 0; i < K__COUNT; i++) {
        if (k.val[i]) {
            mem_wipe(k.val[i], strlen(k.val[i]));
            free(k.val[i]);
        }
    }
    return ok;
}
