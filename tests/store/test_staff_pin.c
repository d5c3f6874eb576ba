/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The staff PIN (issue 11, item 9): stored hashed, a growing delay after
 * each wrong PIN and a lock after five, counted in the database before the
 * PIN is checked (parallel tries and restarts gain nothing), every try
 * audited without the PIN. */
#include "clerk_fixture.h"
#include "store_internal.h"
#include "store_lookup.h"
#include "unit.h"

static fx_dir fx;
static store *db;
static auth_ctx ax;


static void setup(const char *pin)
{
    fx_init(&fx);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    cx_auth(&ax);
    if (pin) {
        char hash[AUTH_HASH_MAX];
        CU_ASSERT_EQUAL_FATAL(auth_pin_hash(&ax, pin, hash), PK_OK);
        CU_ASSERT_EQUAL_FATAL(store_staff_pin_set(db, hash, "install", 1000), PK_OK);
    }
}

static void teardown(void)
{
    store_close(db);
    db = NULL;
    fx_cleanup(&fx);
}

static staff_pin_result try_pin(const char *pin, int64_t now, int64_t *wait)
{
    staff_pin_result r = STAFF_PIN_OK;
    CU_ASSERT_EQUAL(store_staff_pin_try(db, &ax, pin, now, &r, wait), PK_OK);
    return r;
}

TEST(staff_pin, backs_off_and_locks, "staff PIN: delay, lock, restart, audit")
{
    setup("582931");
    int64_t t = 1767225600, wait = 0;
    /* wrong: 1 s, 2 s, 4 s, 8 s before the next try is even checked */
    int64_t expect[] = {1, 2, 4, 8};
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(try_pin("111112", t, &wait), STAFF_PIN_WRONG);
        CU_ASSERT_EQUAL(wait, expect[i]);
        /* within the delay even the right PIN is refused, unchecked */
        CU_ASSERT_EQUAL(try_pin("582931", t + expect[i] - 1, &wait), STAFF_PIN_WAIT);
        CU_ASSERT_EQUAL(wait, 1);
        t += expect[i];
    }
    /* the fifth wrong PIN locks for five minutes */
    CU_ASSERT_EQUAL(try_pin("111112", t, &wait), STAFF_PIN_LOCKED);
    CU_ASSERT_EQUAL(wait, AUTH_LOCK_SECONDS);
    /* the lock survives a restart */
    store_close(db);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(try_pin("582931", t + AUTH_LOCK_SECONDS - 1, &wait), STAFF_PIN_WAIT);
    CU_ASSERT_EQUAL(wait, 1);
    /* expired: the right PIN works, and clears the count */
    CU_ASSERT_EQUAL(try_pin("582931", t + AUTH_LOCK_SECONDS, &wait), STAFF_PIN_OK);
    CU_ASSERT_EQUAL(try_pin("111112", t + AUTH_LOCK_SECONDS + 1, &wait), STAFF_PIN_WRONG);
    CU_ASSERT_EQUAL(wait, 1);
    /* every try is audited: 5 + 1 checked wrong ones, 5 refused, 1 success */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'staff_pin_failed'"), 5);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'staff_pin_locked'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'staff_pin_refused'"), 5);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'staff_pin_ok'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE detail LIKE '%582931%' OR"
                              " detail LIKE '%111112%' OR object LIKE '%1111%'"), 0);
    /* the PIN itself is nowhere in the database */
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM settings WHERE value LIKE '%582931%'"), 0);
    audit_check chk;
    CU_ASSERT_EQUAL(store_audit_verify(db, &chk), PK_OK);
    teardown();
}

TEST(staff_pin, unset_and_no_pepper, "staff PIN: unset, clear text, other pepper")
{
    setup(NULL);
    int64_t wait = 0;
    CU_ASSERT_FALSE(store_staff_pin_is_set(db));
    CU_ASSERT_EQUAL(try_pin("582931", 2000, &wait), STAFF_PIN_UNSET);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'staff_pin_failed'"
                              " AND detail = 'not_set'"), 1);
    char hash[AUTH_HASH_MAX];
    CU_ASSERT_EQUAL(auth_pin_hash(&ax, "582931", hash), PK_OK);
    CU_ASSERT_EQUAL(store_staff_pin_set(db, hash, "install", 2001), PK_OK);
    CU_ASSERT_TRUE(store_staff_pin_is_set(db));
    CU_ASSERT_EQUAL(store_staff_pin_set(db, "582931", "install", 2002), PK_EINVAL);  /* clear text */
    /* another pepper: the right PIN does not match */
    auth_ctx other = ax;
    other.pepper[0] ^= 1;
    staff_pin_result r;
    CU_ASSERT_EQUAL(store_staff_pin_try(db, &other, "582931", 2003, &r, &wait), PK_OK);
    CU_ASSERT_EQUAL(r, STAFF_PIN_WRONG);
    teardown();
}

/* One wrong try: 0 when it was checked, 1 when the delay refused it. */
static int try_wrong_pin(store *mine, int i, void *arg)
{
    (void)i;
    (void)arg;
    staff_pin_result r;
    int64_t wait = 0;
    pk_err e = store_staff_pin_try(mine, &ax, "111112", 5000, &r, &wait);
    return e != PK_OK ? 20 : r == STAFF_PIN_WRONG ? 0 : r == STAFF_PIN_WAIT ? 1 : 30;
}

/* Ten processes try a wrong PIN at the same second: one is checked, the
 * other nine are refused by the delay it started. */
TEST(staff_pin, parallel_tries, "staff PIN: parallel tries check one PIN")
{
    setup("582931");
    enum { N = 10 };
    int codes[N];
    fx_race(fx.db_path, N, try_wrong_pin, NULL, codes);
    int checked = 0, refused = 0;
    for (int i = 0; i < N; i++) {
        checked += codes[i] == 0;
        refused += codes[i] == 1;
    }
    CU_ASSERT_EQUAL(checked, 1);
    CU_ASSERT_EQUAL(refused, N - 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'staff_pin_failed'"), 1);
    teardown();
}

SUITE(staff_pin, NULL, NULL);
