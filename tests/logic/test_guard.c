/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Back-off and lock maths of the staff PIN and typed lookups, the stored
 * form, and the second factor of a typed lookup. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "auth.h"
#include "guard.h"
#include "unit.h"

TEST(guard, staff_pin_backs_off_then_locks, "staff PIN: growing delay, then a lock")
{
    guard_state g;
    guard_reset(&g);
    int64_t t = 1000;
    CU_ASSERT_EQUAL(guard_wait(&guard_staff_pin, &g, t), 0);
    int64_t expect[] = {1, 2, 4, 8};
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_FALSE(guard_fail(&guard_staff_pin, &g, t));
        CU_ASSERT_EQUAL(guard_wait(&guard_staff_pin, &g, t), expect[i]);
        CU_ASSERT_EQUAL(guard_wait(&guard_staff_pin, &g, t + expect[i]), 0);
        t += expect[i];
    }
    CU_ASSERT_TRUE(guard_fail(&guard_staff_pin, &g, t));          /* the fifth locks */
    CU_ASSERT_EQUAL(guard_wait(&guard_staff_pin, &g, t), AUTH_LOCK_SECONDS);
    CU_ASSERT_EQUAL(guard_wait(&guard_staff_pin, &g, t + AUTH_LOCK_SECONDS - 1), 1);
    CU_ASSERT_EQUAL(guard_wait(&guard_staff_pin, &g, t + AUTH_LOCK_SECONDS), 0);
    /* after the lock a fresh count: one failure, one second */
    CU_ASSERT_FALSE(guard_fail(&guard_staff_pin, &g, t + AUTH_LOCK_SECONDS));
    CU_ASSERT_EQUAL(g.failures, 1);
    CU_ASSERT_EQUAL(g.locked_until, 0);
}

TEST(guard, track_window, "typed lookups: delay after five in a window")
{
    guard_state g;
    guard_reset(&g);
    int64_t t = 5000;
    for (int i = 0; i < 4; i++) {
        guard_fail(&guard_track, &g, t + i);
        CU_ASSERT_EQUAL(guard_wait(&guard_track, &g, t + i), 0);   /* four are free */
    }
    guard_fail(&guard_track, &g, t + 10);
    CU_ASSERT_EQUAL(guard_wait(&guard_track, &g, t + 10), 2);       /* the fifth: a delay */
    guard_fail(&guard_track, &g, t + 12);
    CU_ASSERT_EQUAL(guard_wait(&guard_track, &g, t + 12), 4);       /* growing */
    for (int i = 0; i < 20; i++)
        guard_fail(&guard_track, &g, t + 20);
    CU_ASSERT_EQUAL(guard_wait(&guard_track, &g, t + 20), guard_track.max_delay);
    /* ten quiet minutes forget the failures */
    CU_ASSERT_EQUAL(guard_wait(&guard_track, &g, t + 20 + guard_track.window), 0);
    guard_fail(&guard_track, &g, t + 20 + guard_track.window);
    CU_ASSERT_EQUAL(g.failures, 1);
}

TEST(guard, stored_form, "stored counter")
{
    guard_state g = {.failures = 3, .last_at = 1767225600, .locked_until = 0}, h;
    char buf[96];
    guard_format(&g, buf, sizeof buf);
    guard_parse(&guard_staff_pin, buf, 1767225601, &h);
    CU_ASSERT_EQUAL(h.failures, 3);
    CU_ASSERT_EQUAL(h.last_at, 1767225600);
    /* an edited counter closes the guard instead of opening it */
    guard_parse(&guard_staff_pin, "-5 0 0", 100, &h);
    CU_ASSERT_TRUE(guard_wait(&guard_staff_pin, &h, 100) > 0);
    guard_parse(&guard_track, "garbage", 100, &h);
    CU_ASSERT_EQUAL(guard_wait(&guard_track, &h, 100), guard_track.max_delay);
    /* found by fuzz_pin: a time too large for any clock closes, no overflow */
    guard_parse(&guard_staff_pin, "111 17672267222267222255600 0", 100, &h);
    CU_ASSERT_EQUAL(guard_wait(&guard_staff_pin, &h, 100), AUTH_LOCK_SECONDS);
    guard_parse(&guard_track, "1 2 3 4", 100, &h);
    CU_ASSERT_EQUAL(guard_wait(&guard_track, &h, 100), guard_track.max_delay);
    guard_parse(&guard_track, "", 100, &h);
    CU_ASSERT_EQUAL(guard_wait(&guard_track, &h, 100), 0);
}

TEST(guard, last4, "second factor: last 4 digits")
{
    CU_ASSERT_TRUE(guard_last4_ok("020195001234", "0912345678", "1234"));
    CU_ASSERT_TRUE(guard_last4_ok("020195001234", "0912345678", "5678"));
    CU_ASSERT_TRUE(guard_last4_ok("", "+84 912 345 678", "5678"));
    CU_ASSERT_FALSE(guard_last4_ok("020195001234", "0912345678", "0000"));
    CU_ASSERT_FALSE(guard_last4_ok("020195001234", "0912345678", "234"));
    CU_ASSERT_FALSE(guard_last4_ok("020195001234", "0912345678", "01234"));
    CU_ASSERT_FALSE(guard_last4_ok("020195001234", "0912345678", "12a4"));
    CU_ASSERT_FALSE(guard_last4_ok("020195001234", "0912345678", NULL));
    /* a field with fewer than 4 digits never matches (not even "0000") */
    CU_ASSERT_FALSE(guard_last4_ok("", "", "0000"));
    CU_ASSERT_FALSE(guard_last4_ok("12", "", "0012"));
}

SUITE(guard, NULL, NULL);
