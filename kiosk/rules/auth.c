/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "auth.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

const char *auth_role_code(clerk_role r)
{
    return r == ROLE_SUPERVISOR ? "supervisor" : "clerk";
}

int auth_role_parse(const char *code)
{
    if (!code)
        return -1;
    if (strcmp(code, "clerk") == 0)
        return ROLE_CLERK;
    if (strcmp(code, "supervisor") == 0)
        return ROLE_SUPERVISOR;
    return -1;
}

const char *auth_role_label(clerk_role r)
{
    return r == ROLE_SUPERVISOR ? N_("Supervisor") : N_("Clerk");
}

bool auth_init(void)
{
    return sodium_init() >= 0;
}

void auth_set_pepper(auth_ctx *a, const unsigned char *pepper, size_t len)
{
    /* A pepper of another length is folded to 32 bytes with a hash, so any
     * secret works but only 32 random bytes are recommended. */
    if (len == AUTH_PEPPER_BYTES)
        memcpy(a->pepper, pepper, AUTH_PEPPER_BYTES);
    else
        crypto_hash_sha256(a->pepper, pepper, len);
    a->has_pepper = true;
}

void auth_wipe(auth_ctx *a)
{
    mem_wipe(a->pepper, sizeof a->pepper);
    a->has_pepper = false;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

pk_err auth_load_pepper(auth_ctx *a, const char *path, char *msg, size_t msgsz)
{
    if (msg && msgsz)
        msg[0] = '\0';
    if (!auth_init()) {
        if (msg)
            snprintf(msg, msgsz, "libsodium could not start");
        return PK_EIO;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (msg)
            snprintf(msg, msgsz, "cannot open the PIN pepper file %s: %s", path, strerror(errno));
        return errno == ENOENT ? PK_ENOTFOUND : PK_EIO;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        if (msg)
            snprintf(msg, msgsz, "the PIN pepper %s is not a regular file", path);
        return PK_EIO;
    }
    if (sb.st_mode & (S_IROTH | S_IWOTH | S_IWGRP)) {
        close(fd);
        if (msg)
            snprintf(msg, msgsz, "the PIN pepper %s must not be readable by others "
                     "nor writable by its group (chmod 0400)", path);
        return PK_EPERM;
    }
    unsigned char buf[72];
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    pk_err rc = PK_OK;
    if (n == AUTH_PEPPER_BYTES) {
        auth_set_pepper(a, buf, AUTH_PEPPER_BYTES);
    } else if (n == 64 || (n == 65 && buf[64] == '\n')) {
        unsigned char raw[AUTH_PEPPER_BYTES];
        for (int i = 0; i < AUTH_PEPPER_BYTES && rc == PK_OK; i++) {
            int hi = hexval(buf[2 * i]), lo = hexval(buf[2 * i + 1]);
            if (hi < 0 || lo < 0)
                rc = PK_EINVAL;
            else
                raw[i] = (unsigned char)(hi << 4 | lo);
        }
        if (rc == PK_OK)
            auth_set_pepper(a, raw, sizeof raw);
        mem_wipe(raw, sizeof raw);
    } else {
        rc = PK_EINVAL;
    }
    mem_wipe(buf, sizeof buf);
    if (rc != PK_OK && msg)
        snprintf(msg, msgsz, "the PIN pepper %s must hold 32 bytes (raw or 64 hex digits)", path);
    return rc;
}

pin_check auth_pin_check(const char *pin)
{
    size_t n = pin ? strlen(pin) : 0;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return PIN_DIGITS;
    if (n < AUTH_PIN_MIN || n > AUTH_PIN_MAX)
        return PIN_LENGTH;
    bool same = true, up = true, down = true;
    for (size_t i = 1; i < n; i++) {
        int d = pin[i] - pin[i - 1];
        same = same && d == 0;
        up = up && (d == 1 || d == -9);
        down = down && (d == -1 || d == 9);
    }
    return (same || up || down) ? PIN_WEAK : PIN_OK;
}

const char *auth_pin_msg(pin_check c)
{
    switch (c) {
    case PIN_OK: return N_("The PIN is acceptable.");
    case PIN_LENGTH: return N_("The PIN must have 6 to 12 digits.");
    case PIN_DIGITS: return N_("The PIN may contain digits only.");
    case PIN_WEAK: return N_("The PIN is too easy to guess. Avoid repeated or consecutive digits.");
    }
    return N_("The PIN is not valid.");
}

bool auth_id_valid(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 2 || n >= AUTH_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  ((c == '.' || c == '_' || c == '-') && i > 0);
        if (!ok)
            return false;
    }
    return true;
}

/* The Argon2id input: HMAC-SHA256(pepper, PIN), or bound to an account
 * (id not NULL): HMAC-SHA256(pepper, "pk-pin-2" 0 id 0 PIN). Without the
 * pepper a stolen database gives nothing to search offline; with the id in
 * it, a hash copied onto another account verifies no PIN there. */
static void peppered(const auth_ctx *a, const char *id, const char *pin, unsigned char out[32])
{
    crypto_auth_hmacsha256_state mac;
    crypto_auth_hmacsha256_init(&mac, a->pepper, sizeof a->pepper);
    if (id) {
        crypto_auth_hmacsha256_update(&mac, (const unsigned char *)"pk-pin-2", 9);   /* with its 0 */
        crypto_auth_hmacsha256_update(&mac, (const unsigned char *)id, strlen(id) + 1);
    }
    crypto_auth_hmacsha256_update(&mac, (const unsigned char *)pin, strlen(pin));
    crypto_auth_hmacsha256_final(&mac, out);
    mem_wipe(&mac, sizeof mac);
}

static pk_err pin_hash(const auth_ctx *a, const char *id, const char *pin, char out[AUTH_HASH_MAX])
{
    out[0] = '\0';
    if (auth_pin_check(pin) != PIN_OK || (id && !auth_id_valid(id)))
        return PK_EINVAL;
    if (!a->has_pepper)
        return PK_EPERM;
    if (!auth_init())
        return PK_EIO;
    unsigned char in[32];
    peppered(a, id, pin, in);
    unsigned long long ops = a->cost == AUTH_COST_MIN ? crypto_pwhash_OPSLIMIT_MIN
                                                      : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = a->cost == AUTH_COST_MIN ? crypto_pwhash_MEMLIMIT_MIN
                                          : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    int rc = crypto_pwhash_str(out, (const char *)in, sizeof in, ops, mem);
    mem_wipe(in, sizeof in);
    return rc == 0 ? PK_OK : PK_EIO;
}

static bool pin_verify(const auth_ctx *a, const char *id, const char *hash, const char *pin)
{
    if (!a->has_pepper || !hash || !pin || !hash[0] || !auth_init())
        return false;
    size_t n = strlen(pin);
    if (n == 0 || n > AUTH_PIN_MAX * 4)
        return false;
    unsigned char in[32];
    peppered(a, id, pin, in);
    bool ok = crypto_pwhash_str_verify(hash, (const char *)in, sizeof in) == 0;
    mem_wipe(in, sizeof in);
    return ok;
}

pk_err auth_pin_hash(const auth_ctx *a, const char *pin, char out[AUTH_HASH_MAX])
{
    return pin_hash(a, NULL, pin, out);
}

bool auth_pin_verify(const auth_ctx *a, const char *hash, const char *pin)
{
    return pin_verify(a, NULL, hash, pin);
}

pk_err auth_pin_hash_for(const auth_ctx *a, const char *id, const char *pin,
                         char out[AUTH_HASH_MAX])
{
    if (!id) {
        out[0] = '\0';
        return PK_EINVAL;
    }
    return pin_hash(a, id, pin, out);
}

bool auth_pin_verify_for(const auth_ctx *a, const char *id, const char *hash, const char *pin)
{
    return id && pin_verify(a, id, hash, pin);
}

void auth_dummy_verify(const auth_ctx *a, const char *pin)
{
    /* A fixed hash at the production cost: computed once, then reused. */
    static char dummy[AUTH_HASH_MAX];
    if (!auth_init())
        return;
    if (!dummy[0]) {
        unsigned char in[32] = {0};
        unsigned long long ops = a->cost == AUTH_COST_MIN ? crypto_pwhash_OPSLIMIT_MIN
                                                          : crypto_pwhash_OPSLIMIT_INTERACTIVE;
        size_t mem = a->cost == AUTH_COST_MIN ? crypto_pwhash_MEMLIMIT_MIN
                                              : crypto_pwhash_MEMLIMIT_INTERACTIVE;
        if (crypto_pwhash_str(dummy, (const char *)in, sizeof in, ops, mem) != 0)
            return;
    }
    auth_ctx tmp = *a;
    tmp.has_pepper = true;
    (void)auth_pin_verify(&tmp, dummy, pin && pin[0] ? pin : "0");
    auth_wipe(&tmp);
}

bool auth_locked(const auth_lock *l, int64_t now, int64_t *remaining)
{
    int64_t left = l->locked_until > now ? l->locked_until - now : 0;
    if (remaining)
        *remaining = left;
    return left > 0;
}

bool auth_lock_fail(auth_lock *l, int64_t now)
{
    if (l->locked_until && l->locked_until <= now)
        l->locked_until = 0;           /* an expired lock starts a fresh count */
    l->failures++;
    if (l->failures >= AUTH_MAX_FAILURES) {
        l->failures = 0;
        l->locked_until = now + AUTH_LOCK_SECONDS;
        return true;
    }
    return false;
}

void auth_lock_reset(auth_lock *l)
{
    l->failures = 0;
    l->locked_until = 0;
}

void auth_session_start(clerk_session *s, const char *id, const char *name,
                        clerk_role role, int timeout, int64_t now)
{
    memset(s, 0, sizeof *s);
    s->active = true;
    str_copy(s->id, sizeof s->id, id);
    str_copy(s->name, sizeof s->name, name ? name : "");
    s->role = role;
    s->timeout = timeout;
    s->signed_in_at = now;
    s->last_activity = now;
}

void auth_session_touch(clerk_session *s, int64_t now)
{
    if (s->active && now > s->last_activity)
        s->last_activity = now;
}

bool auth_session_expired(const clerk_session *s, int64_t now)
{
    if (!s->active)
        return true;
    return s->timeout > 0 && now - s->last_activity >= s->timeout;
}

int64_t auth_session_left(const clerk_session *s, int64_t now)
{
    if (!s->active)
        return 0;
    if (s->timeout <= 0)
        return INT64_MAX;
    int64_t left = s->last_activity + s->timeout - now;
    return left > 0 ? left : 0;
}

void auth_session_end(clerk_session *s)
{
    mem_wipe(s, sizeof *s);
    s->active = false;
}
