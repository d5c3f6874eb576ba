/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dossier rules: validation of what a citizen types, eligibility, masking,
 * fees and the expected date. Pure C: no curses, no SQL. The life-cycle
 * table lives in lifecycle.c. */
#include "dossier.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

typedef utf8proc_int32_t cp_t;

enum { NAME_MIN = 2, NAME_MAX_CHARS = 100, STREET_MAX_CHARS = 120,
       EMAIL_LOCAL_MAX = 64, RAW_SLACK = 64 };

const char *dossier_val_msg(val_result v)
{
    switch (v) {
    case VAL_OK: return N_("This looks right.");
    case VAL_EMPTY: return N_("Please fill in this field.");
    case VAL_TOO_LONG: return N_("This is too long. Please shorten it.");
    case VAL_BAD_UTF8: return N_("Some characters could not be read. Please type them again.");
    case VAL_CONTROL_CHAR: return N_("Please remove the special (invisible) characters.");
    case VAL_NAME_CHARS:
        return N_("A name may contain only letters, spaces, apostrophes, hyphens and dots, no digits or symbols.");
    case VAL_ID_LENGTH:
        return N_("The ID number must have 12 digits (or 9 digits for an old ID card).");
    case VAL_ID_DIGITS: return N_("The ID number may contain only digits.");
    case VAL_ID_PROVINCE:
        return N_("The first 3 digits of the ID number are not a province code. Please check the number on your card.");
    case VAL_ID_CENTURY:
        return N_("Digits 4 to 6 of the ID number do not match a possible birth year. Please check the number on your card.");
    case VAL_PHONE_FORMAT:
        return N_("Please enter a 10-digit mobile number starting with 0, for example 0912 345 678.");
    case VAL_PHONE_PREFIX:
        return N_("This is not a Vietnamese mobile number. Please check the first digits.");
    case VAL_EMAIL:
        return N_("This e-mail address is not valid (for example: ten@example.com). You may leave it empty.");
    case VAL_UNIT_UNKNOWN: return N_("Please choose your commune or ward from the list.");
    case VAL_STREET_CHARS:
        return N_("The address may contain only letters, digits, spaces and , . / - ( ) '");
    case VAL_TOO_SHORT: return N_("Please type the full name (at least 2 letters).");
    }
    return N_("This entry is not valid.");
}

/* ---- common input preparation ---------------------------------------- */

/* Checks UTF-8 and control characters, normalises to NFC, trims and
 * collapses runs of white space (text.h). *res gets the verdict; on VAL_OK
 * returns the malloc'ed result (free it). max_chars limits code points. */
static char *prepare(const char *in, int max_chars, val_result *res)
{
    *res = VAL_EMPTY;
    if (!in)
        return NULL;
    size_t len = strlen(in);
    /* anything that cannot fit even in 4-byte characters is refused before
     * any work is done on it */
    if (len > (size_t)max_chars * 4 + RAW_SLACK) {
        *res = VAL_TOO_LONG;
        return NULL;
    }
    if (!text_valid_utf8(in, len)) {
        *res = VAL_BAD_UTF8;
        return NULL;
    }
    if (text_has_control(in)) {
        *res = VAL_CONTROL_CHAR;
        return NULL;
    }
    char *s = text_nfc(in);
    if (!s) {
        *res = VAL_BAD_UTF8;
        return NULL;
    }
    text_squeeze(s);
    size_t w = strlen(s);
    if (w == 0) {
        free(s);
        *res = VAL_EMPTY;
        return NULL;
    }
    utf8proc_ssize_t n = 0;
    for (size_t i = 0; i < w; n++) {
        cp_t c;
        i += (size_t)utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(w - i), &c);
    }
    if (n > max_chars) {
        free(s);
        *res = VAL_TOO_LONG;
        return NULL;
    }
    *res = VAL_OK;
    return s;
}

/* Copies the prepared value out, or VAL_TOO_LONG when out is too small. */
static val_result finish(char *s, char *out, size_t outsz)
{
    val_result r = VAL_OK;
    if (!out || strlen(s) >= outsz)
        r = VAL_TOO_LONG;
    else
        memcpy(out, s, strlen(s) + 1);
    mem_wipe(s, strlen(s));
    free(s);
    return r;
}

/* Letters of the Latin script: Vietnamese (NFC precomposed, Latin-1,
 * Extended-A/B, Extended Additional) and the ASCII letters of Tày/Nùng. */
static bool is_latin_letter(cp_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    bool letter = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
                  cat == UTF8PROC_CATEGORY_LT;
    return letter && (c < 0x0250 || (c >= 0x1E00 && c <= 0x1EFF));
}

static bool is_mark(cp_t c)
{
    return c >= 0x0300 && c <= 0x036F;   /* combining diacritics left after NFC */
}

/* Walks s, calling ok() on every code point; true when all pass. */
static bool all_cps(const char *s, bool (*ok)(cp_t))
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        cp_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0 || !ok(c))
            return false;
        i += (size_t)k;
    }
    return true;
}

static bool name_cp(cp_t c)
{
    return is_latin_letter(c) || is_mark(c) || c == ' ' || c == '\'' || c == 0x2019 ||
           c == '-' || c == '.';
}

val_result dossier_check_name(const char *in, char *out, size_t outsz)
{
    val_result r;
    char *s = prepare(in, NAME_MAX_CHARS, &r);
    if (!s)
        return r;
    int letters = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        cp_t c;
        i += (size_t)utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        letters += is_latin_letter(c);
    }
    cp_t first;
    utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &first);
    if (!all_cps(s, name_cp) || !is_latin_letter(first))
        r = VAL_NAME_CHARS;
    else if (letters < NAME_MIN)
        r = VAL_TOO_SHORT;
    if (r != VAL_OK) {
        free(s);
        return r;
    }
    return finish(s, out, outsz);
}

/* ---- identity numbers ------------------------------------------------ */

/* First 3 digits of the 12-digit personal ID: province of birth
 * registration (DOMAIN.md table, 63 codes). */
static const short provinces[] = {
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
    34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64,
    66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94,
    95, 96,
};

static bool province_known(int code)
{
    for (size_t i = 0; i < PK_ARRAY_LEN(provinces); i++)
        if (provinces[i] == code)
            return true;
    return false;
}

/* Copies the ASCII-digit-like content of in without spaces, dots and
 * hyphens that people type to group digits. False when it did not fit. */
static bool strip_separators(const char *in, char *buf, size_t bufsz)
{
    size_t w = 0;
    for (const char *p = in; *p; p++) {
        if (*p == ' ' || *p == '.' || *p == '-')
            continue;
        if (w + 1 >= bufsz)
            return false;
        buf[w++] = *p;
    }
    buf[w] = '\0';
    return true;
}

/* An ID or phone number as typed: checked, normalised, without its
 * separators, into buf. VAL_OK or why not. */
static val_result number_of(const char *in, char *buf, size_t bufsz)
{
    val_result r;
    char *s = prepare(in, 40, &r);
    if (!s)
        return r;
    bool fit = strip_separators(s, buf, bufsz);
    free(s);
    if (!fit)
        return VAL_TOO_LONG;
    return buf[0] ? VAL_OK : VAL_EMPTY;
}

static bool all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

val_result dossier_check_id(const char *in, int current_year, char *out, size_t outsz)
{
    char d[48];
    val_result r = number_of(in, d, sizeof d);
    if (r != VAL_OK)
        return r;
    if (!all_digits(d))
        return VAL_ID_DIGITS;
    size_t n = strlen(d);
    if (n != 12 && n != 9)
        return VAL_ID_LENGTH;
    if (n == 12) {
        int prov = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
        if (!province_known(prov))
            return VAL_ID_PROVINCE;
        /* digit 4: gender and century (0/1 1900s, 2/3 2000s, ... 8/9 2300s) */
        int year = 1900 + (d[3] - '0') / 2 * 100 + (d[4] - '0') * 10 + (d[5] - '0');
        int age = current_year - year;
        if (age < 0 || age > 120)
            return VAL_ID_CENTURY;
    }
    if (!out || n >= outsz)
        return VAL_TOO_LONG;
    memcpy(out, d, n + 1);
    return VAL_OK;
}

/* ---- phone, e-mail, street -------------------------------------------- */

/* DOMAIN.md: ^(0|\+84)(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])[0-9]{7}$ */
static bool mobile_prefix_ok(char a, char b)
{
    switch (a) {
    case '3': return b >= '2' && b <= '9';
    case '5': return strchr("25689", b) != NULL;
    case '7': return b == '0' || (b >= '6' && b <= '9');
    case '8': return b >= '1' && b <= '9';
    case '9': return b != '5';
    }
    return false;
}

val_result dossier_check_phone(const char *in, char *out, size_t outsz)
{
    char d[48];
    val_result r = number_of(in, d, sizeof d);
    if (r != VAL_OK)
        return r;
    /* +84 / 0084 / 84 + 9 digits -> 0 + 9 digits */
    const char *num = d;
    char norm[48];
    if (strncmp(d, "+84", 3) == 0)
        num = d + 3;
    else if (strncmp(d, "0084", 4) == 0)
        num = d + 4;
    else if (strncmp(d, "84", 2) == 0 && strlen(d) == 11)
        num = d + 2;
    if (num != d) {
        if (num[0] == '0')   /* "+84 0912..." keeps its 0 */
            num++;
        norm[0] = '0';
        str_copy(norm + 1, sizeof norm - 1, num);
        num = norm;
    }
    if (!all_digits(num) || strlen(num) != 10 || num[0] != '0')
        return VAL_PHONE_FORMAT;
    if (!mobile_prefix_ok(num[1], num[2]))
        return VAL_PHONE_PREFIX;
    if (!out || outsz < 11)
        return VAL_TOO_LONG;
    memcpy(out, num, 11);
    return VAL_OK;
}

static bool email_local_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr(".!#$%&'*+/=?^_`{|}~-", c));
}

static bool email_ok(char *s)
{
    char *at = strchr(s, '@');
    if (!at || strchr(at + 1, '@') || at == s || at - s > EMAIL_LOCAL_MAX)
        return false;
    for (char *p = s; p < at; p++)
        if (!email_local_char(*p) || (*p == '.' && (p == s || p + 1 == at || p[1] == '.')))
            return false;
    char *dom = at + 1;
    int labels = 0;
    char *label = dom;
    for (char *p = dom;; p++) {
        if (*p == '.' || *p == '\0') {
            size_t n = (size_t)(p - label);
            if (n == 0 || n > 63 || label[0] == '-' || p[-1] == '-')
                return false;
            labels++;
            if (*p == '\0')
                break;
            label = p + 1;
            continue;
        }
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');    /* domains are case-insensitive */
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    }
    /* the last label (top-level domain) is letters only, at least 2 */
    size_t tld = strlen(label);
    for (size_t i = 0; i < tld; i++)
        if (label[i] < 'a' || label[i] > 'z')
            return false;
    return labels >= 2 && tld >= 2;
}

val_result dossier_check_email(const char *in, char *out, size_t outsz)
{
    val_result r;
    char *s = prepare(in, PK_EMAIL_MAX, &r);
    if (r == VAL_EMPTY) {          /* optional */
        if (out && outsz)
            out[0] = '\0';
        return VAL_OK;
    }
    if (!s)
        return r;
    if (strlen(s) >= PK_EMAIL_MAX) {
        free(s);
        return VAL_TOO_LONG;
    }
    if (!email_ok(s)) {
        free(s);
        return VAL_EMAIL;
    }
    return finish(s, out, outsz);
}

static bool street_cp(cp_t c)
{
    return is_latin_letter(c) || is_mark(c) || (c >= '0' && c <= '9') ||
           (c < 0x80 && strchr(" ,./-()'", (int)c)) || c == 0x2019;
}

val_result dossier_check_street(const char *in, char *out, size_t outsz)
{
    val_result r;
    char *s = prepare(in, STREET_MAX_CHARS, &r);
    if (!s)
        return r;
    if (!all_cps(s, street_cp)) {
        free(s);
        return VAL_STREET_CHARS;
    }
    return finish(s, out, outsz);
}

val_result dossier_check_unit(const admin_unit *u)
{
    return u && u->id > 0 && u->name[0] ? VAL_OK : VAL_UNIT_UNKNOWN;
}

/* ---- eligibility ------------------------------------------------------ */

bool dossier_eligible(const procedure *p, service_form form)
{
    if (!p)
        return false;
    switch (form) {
    case FORM_SEND: return p->bcci_submit;
    case FORM_RETURN: return p->bcci_return;
    case FORM_BOTH: return p->bcci_submit && p->bcci_return;
    }
    return false;
}

const char *dossier_why_not(const procedure *p, service_form form, const char *lang)
{
    if (dossier_eligible(p, form))
        return NULL;
    if (p) {
        bool en = lang && strcmp(lang, "en") == 0;
        const char *first = en ? p->reason_en : p->reason_vi;
        const char *other = en ? p->reason_vi : p->reason_en;
        if (first[0])
            return first;
        if (other[0])
            return other;
    }
    if (!p || (form != FORM_SEND && form != FORM_RETURN && form != FORM_BOTH))
        return _("This service is not available for this procedure.");
    if (form != FORM_RETURN && !p->bcci_submit)
        return _("This dossier cannot be sent by post. Please submit it at the agency in person.");
    return _("The result of this procedure cannot be sent by post. Please collect it at the agency.");
}

/* ---- masking ---------------------------------------------------------- */

/* Appends n bytes when they fit; once something did not fit nothing more
 * is added, so a short buffer holds a clean prefix. */
static void put(char *out, size_t outsz, size_t *w, const char *s, size_t n)
{
    if (*w + n >= outsz) {
        *w = outsz;
        return;
    }
    memcpy(out + *w, s, n);
    *w += n;
    out[*w] = '\0';
}

/* Keeps the first `head` and last `tail` characters of an ASCII value and
 * stars the rest; values too short to hide anything are starred fully. */
static void mask_keep(const char *in, size_t head, size_t tail, size_t min,
                      char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return;
    out[0] = '\0';
    if (!in)
        return;
    size_t n = strlen(in), w = 0;
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        ascii &= (unsigned char)in[i] < 0x80;
    if (!ascii || n < min)
        head = tail = 0;
    for (size_t i = 0; i < n; i++) {
        bool keep = i < head || i >= n - tail;
        if (!ascii && ((unsigned char)in[i] & 0xC0) == 0x80)
            continue;                        /* one star per character */
        put(out, outsz, &w, keep ? in + i : "*", 1);
    }
}

void dossier_mask_id(const char *id, char *out, size_t outsz)
{
    mask_keep(id, 0, 4, 8, out, outsz);
}

void dossier_mask_phone(const char *phone, char *out, size_t outsz)
{
    mask_keep(phone, 2, 2, 8, out, outsz);
}

/* Byte length of the grapheme starting at s (a letter and its marks). */
static size_t grapheme_len(const char *s)
{
    size_t len = strlen(s), i = 0;
    utf8proc_int32_t state = 0;
    cp_t prev = -1;
    while (i < len) {
        cp_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0)
            return i ? i : 1;
        if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, c, &state))
            break;
        prev = c;
        i += (size_t)k;
    }
    return i;
}

/* "Nguyễn Văn An" -> "Nguyễn V. A.": the family name, then initials. */
void dossier_mask_name(const char *name, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return;
    out[0] = '\0';
    if (!name)
        return;
    size_t w = 0;
    const char *p = name;
    bool first = true;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t word = strcspn(p, " ");
        if (!first)
            put(out, outsz, &w, " ", 1);
        if (first) {
            put(out, outsz, &w, p, word);
        } else {
            size_t g = grapheme_len(p);
            if (g > word)
                g = word;
            put(out, outsz, &w, p, g);
            put(out, outsz, &w, ".", 1);
        }
        first = false;
        p += word;
    }
}

/* ---- fees and dates ---------------------------------------------------- */

const char *dossier_tariff_scope(const procedure *p)
{
    return p && strcmp(p->level, "commune") == 0 ? "commune" : "province";
}

void dossier_fees(const procedure *p, const tariff *t, dossier *d)
{
    bool send = d->form == FORM_SEND || d->form == FORM_BOTH;
    d->fee_proc = p && send && p->fee_vnd > 0 ? p->fee_vnd : 0;
    d->fee_post = t && t->charge_vnd > 0 ? t->charge_vnd : 0;
    d->fee_total = d->fee_proc + d->fee_post;
}

int dossier_expected_day(const workcal *c, int today, int hour,
                         const procedure *p, int transit_days, service_form form)
{
    /* J, the acceptance day: a dossier registered after 15:00 or on a day
     * off counts from the next working day */
    int j = workcal_is_workday(c, today) && hour < 15 ? today : workcal_add(c, today + 1, 0);
    bool send = form == FORM_SEND || form == FORM_BOTH;
    bool ret = form == FORM_RETURN || form == FORM_BOTH;
    int t = transit_days > 0 ? transit_days : 0;
    int n = (send ? t : 0) + (p && p->days > 0 ? p->days : 0) + (ret ? t : 0);
    return workcal_add(c, j, n);
}
