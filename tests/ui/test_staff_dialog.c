/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The staff PIN dialog (F10, issue 11 item 9): wrong PINs get a growing
 * wait shown in the dialog and then a lock, while the one input loop keeps
 * running (keys work, nothing sleeps); the right PIN only after the wait. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "snap.h"
#include "unit.h"

static void wrong(snap_env *e)
{
    snap_type(e, "111112");
    snap_key(e, TK_ENTER);
}

TEST(staff_dialog, dialog_waits_then_locks, "staff PIN dialog: wait, lock, loop alive")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    snap_key(&e, TK_F10);
    CU_ASSERT_TRUE(e.a.pin_open);
    int64_t waits[] = {1, 2, 4, 8};
    for (int i = 0; i < 4; i++) {
        wrong(&e);
        CU_ASSERT_FALSE(e.a.quit);
        CU_ASSERT_TRUE(snap_has("Wrong PIN. Try again in"));
        e.a.fixed_time += waits[i];
    }
    wrong(&e);
    CU_ASSERT_TRUE(snap_has("Locked after wrong PINs: wait 5 min."));
    /* the loop is not frozen: Esc closes the dialog, F10 opens it again
     * with the lock still shown, the right PIN is refused */
    snap_key(&e, TK_ESC);
    CU_ASSERT_FALSE(e.a.pin_open);
    snap_key(&e, TK_F10);
    CU_ASSERT_TRUE(snap_has("Locked after wrong PINs"));
    snap_type(&e, SNAP_STAFF_PIN);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_FALSE(e.a.quit);
    /* only digits reach the PIN, at most 12 */
    snap_type(&e, "abc1234567890123");
    CU_ASSERT_EQUAL(e.a.pin.len, 12);
    CU_ASSERT_STRING_EQUAL(e.a.pin.buf, "123456789012");
    snap_key(&e, TK_ESC);
    CU_ASSERT_EQUAL(e.a.pin.len, 0);
    /* five minutes later the right PIN leaves citizen mode */
    e.a.fixed_time += 300;
    snap_key(&e, TK_F10);
    snap_type(&e, SNAP_STAFF_PIN);
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(e.a.quit);
    snap_close(&e);
}

SUITE(staff_dialog, NULL, NULL);
