/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Identifiers: dossier references "<KIOSK>-<seq>" and UPU S10 numbers.
 * Pure functions, no allocation. */
#include "ids.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

enum { KIOSK_MIN = 2, KIOSK_MAX = 8, SEQ_MIN_DIGITS = 6 };

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool kiosk_code_ok(const char *k, size_t n)
{
    if (n < KIOSK_MIN || n > KIOSK_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_upper(k[i]) && !is_digit(k[i]))
            return false;
    return true;
}

bool ids_reference(const char *kiosk_code, int64_t seq, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out[0] = '\0';
    if (!kiosk_code || !kiosk_code_ok(kiosk_code, strlen(kiosk_code)) || seq < 1)
        return false;
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%s-%06" PRId64, kiosk_code, seq);
    /* a reference must also fit the model's buffers (PK_REF_MAX) */
    if (n < 0 || (size_t)n >= outsz || n >= PK_REF_MAX)
        return false;
    memcpy(out, buf, (size_t)n + 1);
    return true;
}

bool ids_reference_valid(const char *ref)
{
    if (!ref)
        return false;
    size_t len = strlen(ref);
    if (len >= PK_REF_MAX)
        return false;
    const char *dash = strchr(ref, '-');
    if (!dash || !kiosk_code_ok(ref, (size_t)(dash - ref)))
        return false;
    const char *seq = dash + 1;
    size_t nd = strlen(seq);
    if (nd < SEQ_MIN_DIGITS)
        return false;
    bool nonzero = false;
    for (size_t i = 0; i < nd; i++) {
        if (!is_digit(seq[i]))
            return false;
        if (seq[i] != '0')
            nonzero = true;
    }
    return nonzero;   /* sequences start at 1 */
}

/* ---- UPU S10 ---------------------------------------------------------- */

int ids_s10_check_digit(uint32_t serial)
{
    static const int w[8] = {8, 6, 4, 2, 3, 5, 9, 7};
    if (serial > 99999999u)
        return -1;
    int sum = 0;
    for (int i = 7; i >= 0; i--) {
        sum += (int)(serial % 10) * w[i];
        serial /= 10;
    }
    int c = 11 - sum % 11;
    if (c == 10)
        c = 0;
    else if (c == 11)
        c = 5;
    return c;
}

/* UPU S10: service indicators whose first letter is J, K, S, T or W are
 * reserved and cannot be assigned, so neither made nor accepted here. */
static bool s10_prefix_ok(const char *p)
{
    if (!is_upper(p[0]) || !is_upper(p[1]))
        return false;
    return !strchr("JKSTW", p[0]);
}

static bool s10_country_ok(const char *c)
{
    return is_upper(c[0]) && is_upper(c[1]);
}

bool ids_s10_make(const char *prefix, uint32_t serial, const char *country,
                  char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out[0] = '\0';
    if (!prefix || !country || strlen(prefix) != 2 || strlen(country) != 2)
        return false;
    if (!s10_prefix_ok(prefix) || !s10_country_ok(country) || outsz < 14)
        return false;
    int c = ids_s10_check_digit(serial);
    if (c < 0)
        return false;
    snprintf(out, outsz, "%s%08" PRIu32 "%d%s", prefix, serial, c, country);
    return true;
}

bool ids_s10_valid(const char *s)
{
    if (!s || strlen(s) != 13)
        return false;
    if (!s10_prefix_ok(s) || !s10_country_ok(s + 11))
        return false;
    uint32_t serial = 0;
    for (int i = 2; i < 11; i++)
        if (!is_digit(s[i]))
            return false;
    for (int i = 2; i < 10; i++)
        serial = serial * 10 + (uint32_t)(s[i] - '0');
    return ids_s10_check_digit(serial) == s[10] - '0';
}

/* ---- what was typed or scanned ---------------------------------------- */

/* A reference typed without its hyphen ("LS01000042", "ls01 000042"):
 * this kiosk's code when the text starts with it, else the last 6 digits
 * are the sequence (how references are printed). Rewritten in place as
 * "LS01-000042" when that is a valid reference. */
static bool unhyphenated(char *s, const char *kiosk_code, size_t outsz)
{
    size_t n = strlen(s), code = 0;
    if (strchr(s, '-') || n < KIOSK_MIN + SEQ_MIN_DIGITS || !is_upper(s[0]))
        return false;
    size_t kl = kiosk_code ? strlen(kiosk_code) : 0;
    if (kl && strncmp(s, kiosk_code, kl) == 0 && strspn(s + kl, "0123456789") == n - kl) {
        /* this kiosk's code then digits: only that split ("LS01 00653",
         * a digit short, is no reference, not LS0-100653 of another kiosk) */
        if (n - kl < SEQ_MIN_DIGITS)
            return false;
        code = kl;
    } else if (strspn(s + n - SEQ_MIN_DIGITS, "0123456789") == SEQ_MIN_DIGITS)
        code = n - SEQ_MIN_DIGITS;
    else
        return false;
    char ref[PK_REF_MAX];
    if (n + 2 > sizeof ref || n + 2 > outsz)
        return false;
    memcpy(ref, s, code);
    ref[code] = '-';
    memcpy(ref + code + 1, s + code, n - code + 1);
    if (!ids_reference_valid(ref))
        return false;
    memcpy(s, ref, n + 2);
    return true;
}

ids_key_kind ids_parse_key(const char *input, const char *kiosk_code, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return IDS_KEY_BAD;
    out[0] = '\0';
    if (!input)
        return IDS_KEY_NONE;
    size_t n = 0;
    bool overflow = false;
    for (const char *p = input; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f')
            continue;
        if (n + 1 >= outsz) {
            overflow = true;
            break;
        }
        out[n++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    out[n] = '\0';
    if (overflow) {
        out[0] = '\0';
        return IDS_KEY_BAD;
    }
    if (n == 0)
        return IDS_KEY_NONE;
    if (strstr(out, "VNK"))
        return IDS_KEY_QR;
    if (kiosk_code && n <= 8 && strspn(out, "0123456789") == n) {
        int64_t seq = 0;
        for (size_t i = 0; i < n; i++)
            seq = seq * 10 + (out[i] - '0');
        char ref[PK_REF_MAX];
        if (seq > 0 && ids_reference(kiosk_code, seq, ref, sizeof ref) && strlen(ref) < outsz) {
            strcpy(out, ref);
            return IDS_KEY_REF;
        }
        return IDS_KEY_BAD;
    }
    if (ids_reference_valid(out))
        return IDS_KEY_REF;
    if (ids_s10_valid(out))
        return IDS_KEY_S10;
    if (unhyphenated(out, kiosk_code, outsz))
        return IDS_KEY_REF;
    return IDS_KEY_BAD;
}
