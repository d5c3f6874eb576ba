/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Receipt QR payloads: "VNK<v>.<REF>.<TIME>.<MAC>", HMAC-SHA256 with a key
 * from a root-only file (format and rotation: receipt.h). Only the
 * characters 0-9 A-Z . - so a keyboard-wedge scanner types it identically
 * on any layout, and QR alphanumeric mode keeps the symbol small. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "receipt.h"
#include "util.h"

enum { MAC_CHARS = 26, KEY_VERSION_MAX = 9999 };

static bool ref_ok(const char *ref)
{
    size_t n = strlen(ref);
    if (n == 0 || n >= PK_REF_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((ref[i] >= '0' && ref[i] <= '9') || (ref[i] >= 'A' && ref[i] <= 'Z') ||
              ref[i] == '-'))
            return false;
    return true;
}

/* Reads one key file; *version from its second line (default 1). */
static pk_err key_read(const char *path, unsigned char key[32], int *version)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno == ENOENT ? PK_ENOTFOUND : PK_EIO;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return PK_EIO;
    }
    if (sb.st_mode & 077) {
        close(fd);
        return PK_EPERM;
    }
    char buf[160];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0)
        return PK_EIO;
    pk_err err = PK_EINVAL;
    *version = 1;
    if (n == 32) {
        /* Exactly 32 bytes cannot be the 64-digit hex form: a raw key
         * (what config_prepare_home() writes). */
        memcpy(key, buf, 32);
        err = PK_OK;
    } else {
        buf[n] = '\0';
        char *nl = strchr(buf, '\n');
        const char *line2 = nl ? nl + 1 : "";
        size_t keylen = 0, linelen = nl ? (size_t)(nl - buf) : (size_t)n;
        const char *end = NULL;
        if (sodium_hex2bin(key, 32, buf, linelen, " \r\t", &keylen, &end) == 0 && keylen == 32 &&
            end == buf + linelen) {
            err = PK_OK;
            if (*line2 && *line2 != '\n') {
                char *e;
                long v = strtol(line2, &e, 10);
                while (*e == '\r' || *e == '\n' || *e == ' ')
                    e++;
                if (e == line2 || *e || v < 1 || v > KEY_VERSION_MAX)
                    err = PK_EINVAL;
                else
                    *version = (int)v;
            }
        }
    }
    mem_wipe(buf, sizeof buf);
    return err;
}

/* The key of version want (0 = the current key). */
static pk_err key_get(const config *cfg, int want, unsigned char key[32], int *version)
{
    if (sodium_init() < 0)
        return PK_EIO;
    if (!cfg->key_file[0])
        return PK_ENOTFOUND;
    pk_err err = key_read(cfg->key_file, key, version);
    if (err != PK_OK || want == 0 || *version == want)
        return err;
    char path[600];
    snprintf(path, sizeof path, "%s.%d", cfg->key_file, want);
    int v2 = 0;
    err = key_read(path, key, &v2);
    if (err == PK_OK && v2 != want && v2 != 1)
        err = PK_EINVAL;              /* "<file>.3" must hold version 3 */
    *version = want;
    return err == PK_ENOTFOUND ? PK_ETAMPER : err;
}

/* The key of another kiosk's receipts, version want:
 * "<peer_keys_dir>/<KIOSK>.<want>", the same format as the key file,
 * distributed by the province (README "Tracking anywhere"). kiosk is
 * [A-Z0-9] only (the reference's first part), so it names no other path.
 * PK_ETAMPER when this kiosk has no such key: never a status for a receipt
 * it cannot verify. */
static pk_err peer_key_get(const config *cfg, const char *kiosk, int want, unsigned char key[32])
{
    if (sodium_init() < 0)
        return PK_EIO;
    if (!cfg->peer_keys_dir[0])
        return PK_ETAMPER;
    char path[700];
    snprintf(path, sizeof path, "%s/%s.%d", cfg->peer_keys_dir, kiosk, want);
    int v = 0;
    pk_err err = key_read(path, key, &v);
    if (err == PK_OK && v != want && v != 1)
        err = PK_EINVAL;              /* "LS02.3" must hold version 3 */
    return err == PK_ENOTFOUND ? PK_ETAMPER : err;
}

static void base32(const unsigned char *in, size_t inlen, char *out, size_t nchars)
{
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    size_t bit = 0;
    for (size_t i = 0; i < nchars; i++, bit += 5) {
        unsigned v = 0;
        for (int k = 0; k < 5; k++) {
            size_t b = bit + (size_t)k;
            unsigned on = b / 8 < inlen ? (in[b / 8] >> (7 - b % 8)) & 1u : 0u;
            v = (v << 1) | on;
        }
        out[i] = alpha[v];
    }
    out[nchars] = '\0';
}

static void mac_of(const unsigned char key[32], const char *msg, char out[MAC_CHARS + 1])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
    base32(mac, sizeof mac, out, MAC_CHARS);
}

pk_err receipt_payload(const config *cfg, const char *ref, int64_t issued_at, char *out,
                       size_t outsz)
{
    if (outsz)
        out[0] = '\0';
    if (!ref || !ref_ok(ref) || issued_at <= 0)
        return PK_EINVAL;
    unsigned char key[32];
    int version = 0;
    pk_err err = key_get(cfg, 0, key, &version);
    if (err != PK_OK)
        return err;
    char body[96], mac[MAC_CHARS + 1];
    snprintf(body, sizeof body, "VNK%d.%s.%" PRId64, version, ref, issued_at);
    mac_of(key, body, mac);
    sodium_memzero(key, sizeof key);
    int n = snprintf(out, outsz, "%s.%s", body, mac);
    if (n < 0 || (size_t)n >= outsz) {
        if (outsz)
            out[0] = '\0';
        return PK_EINVAL;
    }
    return PK_OK;
}

pk_err receipt_qr_text(const config *cfg, const char *ref, int64_t issued_at, char *out,
                       size_t outsz)
{
    char payload[128];
    pk_err err = receipt_payload(cfg, ref, issued_at, payload, sizeof payload);
    if (err != PK_OK)
        return err;
    int n = snprintf(out, outsz, "%s%s", cfg->track_url, payload);
    return n < 0 || (size_t)n >= outsz ? PK_EINVAL : PK_OK;
}

/* Parses digits [s, ...) up to stop; false when none or too many. */
static bool parse_num(const char **s, char stop, int maxdigits, int64_t *out)
{
    int64_t v = 0;
    int n = 0;
    while (**s >= '0' && **s <= '9') {
        if (++n > maxdigits)
            return false;
        v = v * 10 + (**s - '0');
        (*s)++;
    }
    if (n == 0 || **s != stop)
        return false;
    *out = v;
    return true;
}

pk_err receipt_verify(const config *cfg, const char *payload, char *ref, size_t refsz,
                      int64_t *issued_at)
{
    if (refsz)
        ref[0] = '\0';
    if (!payload || strlen(payload) > 400)
        return PK_EINVAL;
    /* A scanner typing with Caps Lock on inverts the case: the payload is
     * all capitals by construction, so fold a-z back. */
    char up[401];
    size_t n = strlen(payload);
    for (size_t i = 0; i <= n; i++)
        up[i] = payload[i] >= 'a' && payload[i] <= 'z' ? (char)(payload[i] - 32) : payload[i];
    const char *p = up;
    if (cfg->track_url[0] && !strncmp(payload, cfg->track_url, strlen(cfg->track_url)))
        p = up + strlen(cfg->track_url);
    if (strncmp(p, "VNK", 3) != 0) {
        const char *cut = strrchr(p, '/');
        const char *cut2 = strrchr(p, '=');
        const char *cut3 = strrchr(p, '?');
        if (cut2 > cut)
            cut = cut2;
        if (cut3 > cut)
            cut = cut3;
        if (cut)
            p = cut + 1;
    }
    const char *body = p;
    if (strncmp(p, "VNK", 3) != 0)
        return PK_EINVAL;
    p += 3;
    int64_t version, when;
    if (*p == '0' || !parse_num(&p, '.', 4, &version) || version < 1)
        return PK_EINVAL;
    const char *r0 = ++p;
    while ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || *p == '-')
        p++;
    size_t rl = (size_t)(p - r0);
    if (*p != '.' || rl == 0 || rl >= PK_REF_MAX)
        return PK_EINVAL;
    p++;
    if (*p == '0' || !parse_num(&p, '.', 12, &when))
        return PK_EINVAL;
    size_t bodylen = (size_t)(p - body);
    p++;
    if (strlen(p) != MAC_CHARS || strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != MAC_CHARS)
        return PK_EINVAL;
    /* the reference names its kiosk: another kiosk's receipt is checked
     * with that kiosk's key from the province */
    char kiosk[PK_REF_MAX];
    size_t kl = strcspn(r0, "-.");
    memcpy(kiosk, r0, kl < rl ? kl : rl);
    kiosk[kl < rl ? kl : rl] = '\0';
    /* (practice and tour receipts, series PK_PRACTICE_KIOSK_CODE, are this
     * kiosk's own, signed with its key) */
    bool foreign = cfg->kiosk_code[0] && kl < rl && strcmp(kiosk, cfg->kiosk_code) != 0 &&
                   strcmp(kiosk, PK_PRACTICE_KIOSK_CODE) != 0;
    unsigned char key[32];
    int kv = 0;
    pk_err err = foreign ? peer_key_get(cfg, kiosk, (int)version, key)
                         : key_get(cfg, (int)version, key, &kv);
    if (err != PK_OK)
        return err == PK_ENOTFOUND ? PK_ETAMPER : err;
    char msg[96], mac[MAC_CHARS + 1];
    if (bodylen >= sizeof msg) {
        sodium_memzero(key, sizeof key);
        return PK_EINVAL;
    }
    memcpy(msg, body, bodylen);
    msg[bodylen] = '\0';
    mac_of(key, msg, mac);
    sodium_memzero(key, sizeof key);
    if (sodium_memcmp(mac, p, MAC_CHARS) != 0)
        return PK_ETAMPER;
    if (refsz) {
        if (rl >= refsz)
            return PK_EINVAL;
        memcpy(ref, r0, rl);
        ref[rl] = '\0';
    }
    if (issued_at)
        *issued_at = when;
    return PK_OK;
}
