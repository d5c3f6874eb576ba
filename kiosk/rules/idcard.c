/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The citizen ID card's QR code, read strictly: every field is checked on
 * its own and against the others (the ID's century and sex digit and
 * birth-year digits agree with the date of birth and the sex), so a
 * damaged or made-up code fills nothing. No logging here: it is all
 * personal data. */
#include "idcard.h"

#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

enum { FIELDS = 7 };

const char *idcard_msg(idcard_status st)
{
    switch (st) {
    case IDCARD_OK: return N_("Filled in from your ID card. Please check it.");
    case IDCARD_FOREIGN:
        return N_("This is not the QR code of a citizen ID card. Please scan the code on the "
                  "front of your chip ID card, or type your details.");
    case IDCARD_BAD: break;
    }
    return N_("This ID card code could not be read correctly, so nothing was filled in. "
              "Please scan it again, or type your details.");
}

bool idcard_like(const char *payload)
{
    return payload && strchr(payload, '|') != NULL;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* "ddmmyyyy", a real calendar day from 1900 to today; *ymd = YYYYMMDD. */
static bool date_of(const char *s, size_t n, int today, int *ymd, char *iso, size_t isosz)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n != 8 || !all_digits(s, 8))
        return false;
    int d = num(s, 2), m = num(s + 2, 2), y = num(s + 4, 4);
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return false;
    *ymd = y * 10000 + m * 100 + d;
    if (*ymd > today || isosz < 11)
        return false;
    iso[0] = s[4], iso[1] = s[5], iso[2] = s[6], iso[3] = s[7], iso[4] = '-';
    iso[5] = s[2], iso[6] = s[3], iso[7] = '-', iso[8] = s[0], iso[9] = s[1], iso[10] = '\0';
    return true;
}

/* A text field: NFC, squeezed, not empty, fits. */
static bool text_of(const char *s, size_t n, char *out, size_t outsz)
{
    char raw[IDCARD_PAYLOAD_MAX + 1];
    if (n == 0 || n > IDCARD_PAYLOAD_MAX)
        return false;
    memcpy(raw, s, n);
    raw[n] = '\0';
    bool ok = text_nfc_buf(raw, out, outsz);
    mem_wipe(raw, sizeof raw);
    if (!ok)
        return false;
    text_squeeze(out);
    return out[0] != '\0';
}

static idcard_status parse(const char *p, size_t len, int today, idcard *c)
{
    if (!p || len == 0 || !memchr(p, '|', len))
        return IDCARD_FOREIGN;
    if (len > IDCARD_PAYLOAD_MAX || memchr(p, '\0', len) || !text_valid_utf8(p, len))
        return IDCARD_BAD;
    const char *f[FIELDS];
    size_t n[FIELDS];
    int k = 0;
    const char *start = p, *end = p + len;
    for (const char *q = p; q <= end; q++) {
        if (q == end || *q == '|') {
            if (k == FIELDS)
                return IDCARD_BAD;       /* more fields than a card has */
            f[k] = start;
            n[k++] = (size_t)(q - start);
            start = q + 1;
        } else if ((unsigned char)*q < 0x20 || *q == 0x7f) {
            return IDCARD_BAD;
        }
    }
    if (k != FIELDS)
        return IDCARD_BAD;
    /* 1: the 12-digit ID; 2: the old 9-digit one or nothing */
    if (n[0] != 12 || !all_digits(f[0], 12))
        return IDCARD_BAD;
    memcpy(c->id, f[0], 12);
    c->id[12] = '\0';
    char norm[PK_ID_MAX];
    if (dossier_check_id(c->id, today / 10000, norm, sizeof norm) != VAL_OK)
        return IDCARD_BAD;
    if (n[1] != 0 && (n[1] != 9 || !all_digits(f[1], 9)))
        return IDCARD_BAD;
    memcpy(c->old_id, f[1], n[1]);
    c->old_id[n[1]] = '\0';
    /* 3: the name, as the kiosk's own check wants it */
    char name[PK_NAME_MAX];
    if (!text_of(f[2], n[2], name, sizeof name) || text_has_control(name) ||
        dossier_check_name(name, c->name, sizeof c->name) != VAL_OK) {
        mem_wipe(name, sizeof name);
        return IDCARD_BAD;
    }
    mem_wipe(name, sizeof name);
    /* 4, 7: dates; the card is issued on or after the birth */
    int born, issued;
    if (!date_of(f[3], n[3], today, &born, c->birth, sizeof c->birth) ||
        !date_of(f[6], n[6], today, &issued, c->issued, sizeof c->issued) || issued < born)
        return IDCARD_BAD;
    /* 5: the sex, exactly as the card writes it */
    if (n[4] == 3 && memcmp(f[4], "Nam", 3) == 0)
        c->female = false;
    else if (n[4] == 4 && memcmp(f[4], "N\xe1\xbb\xaf", 4) == 0)   /* Nữ */
        c->female = true;
    else
        return IDCARD_BAD;
    /* digit 4 is century and sex, digits 5-6 the birth year: they agree */
    int d4 = c->id[3] - '0';
    int year = 1900 + d4 / 2 * 100 + num(c->id + 4, 2);
    if (year != born / 10000 || (d4 % 2 == 1) != c->female)
        return IDCARD_BAD;
    /* 6: the permanent address */
    if (!text_of(f[5], n[5], c->address, sizeof c->address) || text_has_control(c->address))
        return IDCARD_BAD;
    return IDCARD_OK;
}

idcard_status idcard_parse(const char *payload, size_t len, int today, idcard *out)
{
    memset(out, 0, sizeof *out);
    idcard_status st = parse(payload, len, today, out);
    if (st != IDCARD_OK)
        mem_wipe(out, sizeof *out);
    return st;
}

/* ---- the address ----------------------------------------------------------- */

/* Number of leading words of part that are a type word ("Phường",
 * "Thị trấn", "P."), from its folded form; *type gets the type. */
static int type_words(const char *fold, const char **type)
{
    static const struct {
        const char *fold, *type;
        int words;
        bool abbr;
    } t[] = {
        {"xa ", "x\xc3\xa3", 1, false},                       /* xã */
        {"phuong ", "ph\xc6\xb0\xe1\xbb\x9dng", 1, false},    /* phường */
        {"thi tran ", "th\xe1\xbb\x8b tr\xe1\xba\xa5n", 2, false},   /* thị trấn */
        {"p ", "ph\xc6\xb0\xe1\xbb\x9dng", 1, true},
        {"x ", "x\xc3\xa3", 1, true},
        {"tt ", "th\xe1\xbb\x8b tr\xe1\xba\xa5n", 1, true},
    };
    for (size_t i = 0; i < PK_ARRAY_LEN(t); i++) {
        size_t n = strlen(t[i].fold);
        /* "P. 305" is a room (phòng), "Phường 12" a ward: an abbreviation
         * counts only before a name */
        if (strncmp(fold, t[i].fold, n) == 0 && !(t[i].abbr && fold[n] >= '0' && fold[n] <= '9')) {
            *type = t[i].type;
            return t[i].words;
        }
    }
    return 0;
}

/* part after its first `words` words; a word "P." joined to the next
 * ("P.Đông Kinh") ends at its dot. */
static const char *skip_words(const char *s, int words)
{
    for (int i = 0; i < words && *s; i++) {
        const char *sp = strchr(s, ' '), *dot = strchr(s, '.');
        if (dot && (!sp || dot < sp))
            s = dot + 1;
        else
            s = sp ? sp + 1 : s + strlen(s);
        while (*s == ' ')
            s++;
    }
    return s;
}

static const char *province_name(const char *part)
{
    char *fold = text_fold(part);
    int words = 0;
    if (strncmp(fold, "tinh ", 5) == 0 || strncmp(fold, "tp ", 3) == 0)
        words = 1;
    else if (strncmp(fold, "thanh pho ", 10) == 0)
        words = 2;
    free(fold);
    return skip_words(part, words);
}

enum { PARTS = 12 };

bool idcard_split_address(const char *address, idcard_address *out)
{
    memset(out, 0, sizeof *out);
    char buf[IDCARD_ADDRESS_MAX];
    if (!address || !str_copy(buf, sizeof buf, address))
        return false;
    char *part[PARTS];
    int np = 0;
    for (char *s = buf; np < PARTS;) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        text_squeeze(s);
        if (*s)
            part[np++] = s;
        if (!comma)
            break;
        s = comma + 1;
    }
    bool ok = np > 0;
    int unit = -1;
    const char *type = "";
    for (int i = 0; ok && i < np && unit < 0; i++) {
        char *fold = text_fold(part[i]);
        /* "Phường" alone is no unit: the type word needs a name after it */
        int w = type_words(fold, &type);
        if (w > 0 && *skip_words(part[i], w)) {
            unit = i;
            ok = str_copy(out->unit_type, sizeof out->unit_type, type) &&
                 str_copy(out->unit_name, sizeof out->unit_name, skip_words(part[i], w));
        }
        free(fold);
    }
    int street_end = unit >= 0 ? unit : 1;
    for (int i = 0; ok && i < street_end; i++) {
        size_t have = strlen(out->street);
        size_t add = strlen(part[i]) + (i ? 2 : 0);
        if (have + add + 1 > sizeof out->street) {
            ok = false;
            break;
        }
        if (i)
            memcpy(out->street + have, ", ", 2), have += 2;
        memcpy(out->street + have, part[i], strlen(part[i]) + 1);
    }
    if (ok && np > 1 && np - 1 > unit)
        ok = str_copy(out->province, sizeof out->province, province_name(part[np - 1]));
    mem_wipe(buf, sizeof buf);
    if (!ok)
        mem_wipe(out, sizeof *out);
    return ok;
}
