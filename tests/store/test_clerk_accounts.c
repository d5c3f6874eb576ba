/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clerk accounts (issue 11 item 7): the database file and its -wal and
 * -shm are owner-only; a PIN hash is bound to its account; role and lock
 * changes are audited with who did it and what changed. */
#include <sys/stat.h>

#include "clerk_fixture.h"
#include "store_internal.h"
#include "unit.h"

static fx_dir fx;
static store *db;

static int mode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

static void file_modes_after_write(const char *path)
{
    char f[200];
    static const char *const tails[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(f, sizeof f, "%s%s", path, tails[i]);
        CU_ASSERT_EQUAL(mode_of(f), 0600);
        if (mode_of(f) != 0600)
            fprintf(stderr, "%s: mode %o\n", f, (unsigned)mode_of(f));
    }
}

TEST(clerk_accounts, database_owner_only, "database, -wal and -shm are 0600")
{
    fx_init(&fx);
    mode_t saved = umask(022);   /* what a shell usually gives */
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_setting_set(db, "x", "1"), PK_OK);   /* a write: -wal, -shm exist */
    file_modes_after_write(fx.db_path);
    store_close(db);
    /* a database an older version left 0644 is tightened when opened */
    CU_ASSERT_EQUAL(chmod(fx.db_path, 0644), 0);
    CU_ASSERT_EQUAL_FATAL(store_open_existing(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_setting_set(db, "x", "2"), PK_OK);
    file_modes_after_write(fx.db_path);
    store_close(db);
    db = NULL;
    umask(saved);
    fx_cleanup(&fx);
}

static auth_ctx ax;

static void add(store *s, const char *id, clerk_role role, const char *pin)
{
    clerk_account c;
    memset(&c, 0, sizeof c);
    str_copy(c.id, sizeof c.id, id);
    str_copy(c.name, sizeof c.name, "Hoàng Thị Lan");
    c.role = role;
    CU_ASSERT_EQUAL_FATAL(auth_pin_hash_for(&ax, id, pin, c.pin_hash), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_clerk_add(s, &c, "install", 1000), PK_OK);
}

static void setup(void)
{
    fx_init(&fx);
    cx_auth(&ax);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    add(db, "sup1", ROLE_SUPERVISOR, "480215");
    add(db, "nv01", ROLE_CLERK, "735102");
}

static void teardown(void)
{
    store_close(db);
    db = NULL;
    fx_cleanup(&fx);
}

static pk_err sign_in(const char *id, const char *pin, int64_t now)
{
    clerk_session sess;
    memset(&sess, 0, sizeof sess);
    return store_clerk_sign_in(db, &ax, id, pin, now, 120, &sess, NULL);
}


TEST(clerk_accounts, hash_bound_to_account, "a PIN hash is bound to its account")
{
    setup();
    CU_ASSERT_EQUAL(sign_in("nv01", "735102", 2000), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM clerks WHERE pin_v = 2"), 2);
    /* the supervisor's hash copied onto the clerk: the supervisor's PIN does
     * not open the clerk's account, nor does the clerk's own */
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE clerks SET pin_hash = (SELECT pin_hash FROM clerks"
                                      " WHERE id = 'sup1') WHERE id = 'nv01'"), SQLITE_OK);
    CU_ASSERT_EQUAL(sign_in("nv01", "480215", 2001), PK_EPERM);
    CU_ASSERT_EQUAL(sign_in("nv01", "735102", 2002), PK_EPERM);
    /* ... nor when the copy is also marked as an old, unbound hash */
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE clerks SET pin_v = 1 WHERE id = 'nv01'"), SQLITE_OK);
    CU_ASSERT_EQUAL(sign_in("nv01", "480215", 2003), PK_EPERM);
    CU_ASSERT_EQUAL(sign_in("sup1", "480215", 2004), PK_OK);
    teardown();
}

/* A database from before bound PINs (through the keyed chain, schema 4):
 * clerks with old, unbound hashes, sealed. */
static void make_unbound(const char *path)
{
    store *old = xcalloc(1, sizeof *old);
    char msg[256];
    /* the key the test runner gave every store */
    store *tmp = NULL;
    char other[160];
    snprintf(other, sizeof other, "%s/key.db", fx.dir);
    CU_ASSERT_EQUAL_FATAL(store_open(other, &tmp, NULL, 0), PK_OK);
    memcpy(old->audit_key, tmp->audit_key, sizeof old->audit_key);
    old->has_audit_key = true;
    store_close(tmp);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &old->conn), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_migrate(old, store_migrations, 4, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_audit_track(old), PK_OK);
    const char *ids[] = {"sup1", "nv01"}, *pins[] = {"480215", "735102"};
    for (int i = 0; i < 2; i++) {
        char h[AUTH_HASH_MAX], sql[400];
        CU_ASSERT_EQUAL_FATAL(auth_pin_hash(&ax, pins[i], h), PK_OK);
        snprintf(sql, sizeof sql, "INSERT INTO clerks(id, name, role, pin_hash, created_at, updated_at)"
                 " VALUES('%s', 'x', '%s', '%s', 1, 1)", ids[i], i ? "clerk" : "supervisor", h);
        CU_ASSERT_EQUAL_FATAL(store_begin(old), PK_OK);
        CU_ASSERT_EQUAL(sqlite3_exec(old->conn, sql, NULL, NULL, NULL), SQLITE_OK);
        CU_ASSERT_EQUAL_FATAL(store_commit(old), PK_OK);
    }
    store_close(old);
}

TEST(clerk_accounts, old_hashes_rebound, "old hashes: accepted while sealed, then re-bound")
{
    fx_init(&fx);
    cx_auth(&ax);
    make_unbound(fx.db_path);
    char msg[256];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM clerks WHERE pin_v = 1"), 2);
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    /* the first successful sign-in re-binds the hash, with an audit row */
    CU_ASSERT_EQUAL(sign_in("nv01", "735102", 2000), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT pin_v FROM clerks WHERE id = 'nv01'"), 2);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'clerk_pin_bound'"
                              " AND object = 'nv01' AND actor = 'nv01'"), 1);
    CU_ASSERT_EQUAL(sign_in("nv01", "735102", 2001), PK_OK);
    CU_ASSERT_EQUAL(sign_in("nv01", "111222", 2002), PK_EPERM);
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    /* an old hash copied behind the program's back is refused: the row is
     * not the one the chain sealed */
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE clerks SET pin_hash = (SELECT pin_hash FROM clerks"
                                      " WHERE id = 'nv01'), pin_v = 1 WHERE id = 'sup1'"), SQLITE_OK);
    CU_ASSERT_EQUAL(sign_in("sup1", "735102", 2003), PK_EPERM);
    teardown();
    /* the old clerk hash copied onto the old supervisor before either
     * signed in again: refused as well */
    fx_init(&fx);
    make_unbound(fx.db_path);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(cx_raw(fx.db_path, "UPDATE clerks SET pin_hash = (SELECT pin_hash FROM clerks"
                                      " WHERE id = 'nv01') WHERE id = 'sup1'"), SQLITE_OK);
    CU_ASSERT_EQUAL(sign_in("sup1", "735102", 2000), PK_EPERM);
    CU_ASSERT_EQUAL(sign_in("nv01", "735102", 2001), PK_OK);
    teardown();
}

TEST(clerk_accounts, role_and_lock_audited, "role and lock changes audited")
{
    setup();
    /* 5 wrong PINs lock the clerk */
    for (int i = 0; i < AUTH_MAX_FAILURES; i++)
        CU_ASSERT_EQUAL(sign_in("nv01", "111222", 3000 + i), PK_EPERM);
    CU_ASSERT_EQUAL(store_clerk_disable(db, "nv01", "sup1", 3100), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_enable(db, "nv01", "sup1", 3101), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_set_role(db, "nv01", ROLE_SUPERVISOR, "sup1", 3102), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_set_role(db, "sup1", ROLE_CLERK, "nv01", 3103), PK_OK);
    /* never without an active supervisor */
    CU_ASSERT_EQUAL(store_clerk_set_role(db, "nv01", ROLE_CLERK, "nv01", 3104), PK_EPERM);
    CU_ASSERT_EQUAL(store_clerk_set_role(db, "ghost", ROLE_CLERK, "nv01", 3104), PK_ENOTFOUND);
    char h[AUTH_HASH_MAX];
    CU_ASSERT_EQUAL(auth_pin_hash_for(&ax, "sup1", "902817", h), PK_OK);
    CU_ASSERT_EQUAL(store_clerk_set_pin(db, "sup1", h, "nv01", 3105), PK_OK);
    static const char *const rows[][4] = {
        {"clerk_disable", "sup1", "nv01", "disabled=0->1"},
        {"clerk_enable", "sup1", "nv01", "disabled=1->0 failures=0->0 locked=yes->no"},
        {"clerk_role", "sup1", "nv01", "role=clerk->supervisor"},
        {"clerk_role", "nv01", "sup1", "role=supervisor->clerk"},
        {"clerk_passwd", "nv01", "sup1", "pin=changed failures=0->0 locked=no->no"},
    };
    for (size_t i = 0; i < PK_ARRAY_LEN(rows); i++) {
        char sql[300];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = '%s' AND actor = '%s'"
                 " AND object = '%s' AND detail = '%s'", rows[i][0], rows[i][1], rows[i][2],
                 rows[i][3]);
        CU_ASSERT_EQUAL(cx_int(db, sql), 1);
        if (cx_int(db, sql) != 1)
            fprintf(stderr, "missing audit row: %s\n", sql);
    }
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE detail LIKE '%argon%'"
                              " OR detail LIKE '%902817%' OR detail LIKE '%111222%'"), 0);
    CU_ASSERT_EQUAL(sign_in("nv01", "735102", 3200), PK_OK);   /* enabled and unlocked */
    audit_check r;
    CU_ASSERT_EQUAL(store_audit_verify(db, &r), PK_OK);
    teardown();
}

SUITE(clerk_accounts, NULL, NULL);
