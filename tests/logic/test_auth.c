/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "auth.h"
#include "unit.h"

static void fast_ctx(auth_ctx *a, unsigned char fill)
{
    unsigned char p[AUTH_PEPPER_BYTES];
    memset(p, fill, sizeof p);
    memset(a, 0, sizeof *a);
    a->cost = AUTH_COST_MIN;
    auth_set_pepper(a, p, sizeof p);
}

TEST(auth, pin_policy, "PIN policy")
{
    CU_ASSERT_EQUAL(auth_pin_check("480215"), PIN_OK);
    CU_ASSERT_EQUAL(auth_pin_check("480215903317"), PIN_OK);
    CU_ASSERT_EQUAL(auth_pin_check("48021"), PIN_LENGTH);
    CU_ASSERT_EQUAL(auth_pin_check("4802159033171"), PIN_LENGTH);
    CU_ASSERT_EQUAL(auth_pin_check(""), PIN_LENGTH);
    CU_ASSERT_EQUAL(auth_pin_check(NULL), PIN_LENGTH);
    CU_ASSERT_EQUAL(auth_pin_check("48O215"), PIN_DIGITS);
    CU_ASSERT_EQUAL(auth_pin_check("480 215"), PIN_DIGITS);
    CU_ASSERT_EQUAL(auth_pin_check("4802' OR 1=1"), PIN_DIGITS);
    CU_ASSERT_EQUAL(auth_pin_check("111111"), PIN_WEAK);
    CU_ASSERT_EQUAL(auth_pin_check("123456"), PIN_WEAK);
    CU_ASSERT_EQUAL(auth_pin_check("7890123"), PIN_WEAK);
    CU_ASSERT_EQUAL(auth_pin_check("987654"), PIN_WEAK);
    CU_ASSERT_EQUAL(auth_pin_check("123457"), PIN_OK);
    CU_ASSERT_PTR_NOT_NULL(auth_pin_msg(PIN_WEAK));
}

TEST(auth, clerk_ids, "clerk ids and roles")
{
    CU_ASSERT_TRUE(auth_id_valid("nv01"));
    CU_ASSERT_TRUE(auth_id_valid("lan.nguyen"));
    CU_ASSERT_FALSE(auth_id_valid("a"));
    CU_ASSERT_FALSE(auth_id_valid("-abc"));
    CU_ASSERT_FALSE(auth_id_valid("a b"));
    CU_ASSERT_FALSE(auth_id_valid("x';--"));
    CU_ASSERT_FALSE(auth_id_valid("nguy\xe1\xbb\x85n"));
    CU_ASSERT_FALSE(auth_id_valid("abcdefghijabcdefghijabcdefghij12"));
    CU_ASSERT_EQUAL(auth_role_parse("supervisor"), ROLE_SUPERVISOR);
    CU_ASSERT_EQUAL(auth_role_parse("clerk"), ROLE_CLERK);
    CU_ASSERT_EQUAL(auth_role_parse("admin"), -1);
    CU_ASSERT_STRING_EQUAL(auth_role_code(ROLE_SUPERVISOR), "supervisor");
}

TEST(auth, hash_and_verify, "hash and verify")
{
    auth_ctx a;
    fast_ctx(&a, 7);
    char h[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
    CU_ASSERT_EQUAL(auth_pin_hash(&a, "480215", h), PK_OK);
    CU_ASSERT_EQUAL(strncmp(h, "$argon2id$", 10), 0);
    CU_ASSERT_PTR_NULL(strstr(h, "480215"));
    CU_ASSERT_TRUE(auth_pin_verify(&a, h, "480215"));
    CU_ASSERT_FALSE(auth_pin_verify(&a, h, "480216"));
    CU_ASSERT_FALSE(auth_pin_verify(&a, h, ""));
    CU_ASSERT_FALSE(auth_pin_verify(&a, "", "480215"));
    CU_ASSERT_FALSE(auth_pin_verify(&a, "$argon2id$garbage", "480215"));
    /* salted: the same PIN twice gives two different strings */
    CU_ASSERT_EQUAL(auth_pin_hash(&a, "480215", h2), PK_OK);
    CU_ASSERT_STRING_NOT_EQUAL(h, h2);
    /* the policy is enforced when hashing */
    CU_ASSERT_EQUAL(auth_pin_hash(&a, "123456", h2), PK_EINVAL);
    CU_ASSERT_EQUAL(h2[0], '\0');
    auth_dummy_verify(&a, "000000");
    auth_wipe(&a);
    CU_ASSERT_FALSE(a.has_pepper);
    CU_ASSERT_EQUAL(auth_pin_hash(&a, "480215", h2), PK_EPERM);
    CU_ASSERT_FALSE(auth_pin_verify(&a, h, "480215"));
}

TEST(auth, wrong_pepper_fails, "wrong pepper fails")
{
    auth_ctx a, b;
    fast_ctx(&a, 1);
    fast_ctx(&b, 2);
    char h[AUTH_HASH_MAX];
    CU_ASSERT_EQUAL(auth_pin_hash(&a, "480215", h), PK_OK);
    CU_ASSERT_TRUE(auth_pin_verify(&a, h, "480215"));
    CU_ASSERT_FALSE(auth_pin_verify(&b, h, "480215"));
}

static void write_file(const char *path, const void *data, size_t n, mode_t mode)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL((size_t)write(fd, data, n), n);
    close(fd);
    chmod(path, mode);
}

TEST(auth, pepper_file, "pepper file")
{
    char dir[] = "/tmp/pk-auth-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char path[64];
    snprintf(path, sizeof path, "%s/pepper", dir);
    auth_ctx a = {0}, b = {0};
    char msg[256];
    unsigned char raw[32];
    for (int i = 0; i < 32; i++)
        raw[i] = (unsigned char)(i * 7 + 1);
    write_file(path, raw, sizeof raw, 0400);
    CU_ASSERT_EQUAL(auth_load_pepper(&a, path, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(memcmp(a.pepper, raw, 32), 0);
    /* the same secret as hex digits */
    char hex[66];
    audit_hex(raw, 32, hex, sizeof hex);
    strcat(hex, "\n");
    write_file(path, hex, strlen(hex), 0400);
    CU_ASSERT_EQUAL(auth_load_pepper(&b, path, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(memcmp(b.pepper, raw, 32), 0);
    /* readable by others: refused */
    write_file(path, raw, sizeof raw, 0644);
    CU_ASSERT_EQUAL(auth_load_pepper(&b, path, msg, sizeof msg), PK_EPERM);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "0400"));
    /* wrong size, bad hex, missing file */
    write_file(path, raw, 16, 0400);
    CU_ASSERT_EQUAL(auth_load_pepper(&b, path, msg, sizeof msg), PK_EINVAL);
    memset(hex, 'z', 64);
    write_file(path, hex, 64, 0400);
    CU_ASSERT_EQUAL(auth_load_pepper(&b, path, msg, sizeof msg), PK_EINVAL);
    unlink(path);
    CU_ASSERT_EQUAL(auth_load_pepper(&b, path, msg, sizeof msg), PK_ENOTFOUND);
    rmdir(dir);
    auth_wipe(&a);
    auth_wipe(&b);
}

TEST(auth, lockout_and_expiry, "lockout and expiry")
{
    auth_lock l = {0};
    int64_t now = 1767225600, left = 0;
    for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++) {
        CU_ASSERT_FALSE(auth_lock_fail(&l, now + i));
        CU_ASSERT_FALSE(auth_locked(&l, now + i, NULL));
    }
    CU_ASSERT_TRUE(auth_lock_fail(&l, now + 10));
    CU_ASSERT_TRUE(auth_locked(&l, now + 10, &left));
    CU_ASSERT_EQUAL(left, AUTH_LOCK_SECONDS);
    CU_ASSERT_TRUE(auth_locked(&l, now + 10 + AUTH_LOCK_SECONDS - 1, &left));
    CU_ASSERT_EQUAL(left, 1);
    CU_ASSERT_FALSE(auth_locked(&l, now + 10 + AUTH_LOCK_SECONDS, &left));
    CU_ASSERT_EQUAL(left, 0);
    /* after expiry one failure does not lock again */
    CU_ASSERT_FALSE(auth_lock_fail(&l, now + 1000));
    CU_ASSERT_EQUAL(l.failures, 1);
    CU_ASSERT_EQUAL(l.locked_until, 0);
    auth_lock_reset(&l);
    CU_ASSERT_EQUAL(l.failures, 0);
}

TEST(auth, session_timeout, "session timeout")
{
    clerk_session s;
    auth_session_start(&s, "nv01", "Lan", ROLE_CLERK, 120, 1000);
    CU_ASSERT_FALSE(auth_session_expired(&s, 1119));
    auth_session_touch(&s, 1100);
    CU_ASSERT_FALSE(auth_session_expired(&s, 1219));
    CU_ASSERT_EQUAL(auth_session_left(&s, 1200), 20);
    CU_ASSERT_TRUE(auth_session_expired(&s, 1220));
    auth_session_end(&s);
    CU_ASSERT_TRUE(auth_session_expired(&s, 1000));
    CU_ASSERT_EQUAL(s.id[0], '\0');
}

SUITE(auth, NULL, NULL);
