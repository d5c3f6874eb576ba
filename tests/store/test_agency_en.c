/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The agency's English name (procedures.agency_en): kept by a dossier at
 * registration as its names are, and the migration that adds it (25, the
 * last) to a database at the version before, its dossiers sealed again. */
#include <CUnit/CUnit.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "clerk_fixture.h"
#include "store_audit.h"
#include "store_clerk.h"
#include "store_fixture.h"
#include "store_import.h"
#include "store_internal.h"
#include "unit.h"
#include "util.h"

#define FIX "tests/fixtures/"

static fx_dir fx;
static store *db;

static void teardown(void)
{
    store_close(db);
    db = NULL;
    fx_cleanup(&fx);
}

static const char *const COMMUNE_EN = "Commune People's Committee (Justice \xe2\x80\x93 civil status)";

TEST(agency_en, dossier_keeps_it, "a dossier keeps the agency's English name of its registration")
{
    fx_init(&fx);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_setting_set(db, "kiosk_code", "LS01"), PK_OK);
    char err[256] = "", ref1[PK_REF_MAX], ref2[PK_REF_MAX], ref3[PK_REF_MAX];
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_agency_en.csv", err, sizeof err), PK_OK);
    procedure_snap snap;
    CU_ASSERT_EQUAL(store_procedure_snap(db, "1.001193", &snap), PK_OK);
    CU_ASSERT_STRING_EQUAL(snap.agency, "UBND cấp xã (Tư pháp - hộ tịch)");
    CU_ASSERT_STRING_EQUAL(snap.agency_en, COMMUNE_EN);
    CU_ASSERT_EQUAL(cx_dossier(db, "1.001193", "Nguyễn Văn An", "020095001234", "0912345678",
                               FORM_BOTH, "2026-03-02", "2026-03-12", ref1), PK_OK);
    CU_ASSERT_EQUAL(cx_dossier(db, "1.000656", "Trần Thị Bình", "020095001235", "0912345679",
                               FORM_BOTH, "2026-03-02", "2026-03-12", ref2), PK_OK);
    dossier_extra x;
    CU_ASSERT_EQUAL_FATAL(store_dossier_extra(db, ref1, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.agency, "UBND cấp xã (Tư pháp - hộ tịch)");
    CU_ASSERT_STRING_EQUAL(x.agency_en, COMMUNE_EN);
    CU_ASSERT_EQUAL_FATAL(store_dossier_extra(db, ref2, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.agency_en, "");   /* the catalog had none */
    /* a later catalog without English names: the dossier keeps what it had */
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_good.csv", err, sizeof err), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_dossier_extra(db, ref1, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.agency_en, COMMUNE_EN);
    CU_ASSERT_EQUAL(cx_dossier(db, "1.001193", "Lê Văn Cường", "020095001236", "0912345670",
                               FORM_BOTH, "2026-03-02", "2026-03-12", ref3), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_dossier_extra(db, ref3, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.agency, "UBND cấp xã");
    CU_ASSERT_STRING_EQUAL(x.agency_en, "");
    audit_check ac;
    CU_ASSERT_EQUAL(store_audit_verify(db, &ac), PK_OK);
    teardown();
}

static int64_t one(store *s, const char *sql)
{
    return cx_int(s, sql);
}

static void one_text(store *s, const char *sql, char *out, size_t outsz)
{
    sqlite3_stmt *q = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(s->conn, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        str_copy(out, outsz, (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
}

/* A database as the program left it at the version before this column:
 * every migration but the last, its catalog and two sealed dossiers (one
 * of a procedure the catalog no longer has). */
static void database_before(int n, int *before)
{
    CU_ASSERT_FATAL(n > 0 && n < store_migrations_count);
    *before = store_migrations[n - 1].version;
    store *old = xcalloc(1, sizeof *old);
    for (int i = 0; i < 32; i++)   /* the key test_runner.c gives every store */
        old->audit_key[i] = (unsigned char)(7 * i + 1);
    old->has_audit_key = true;
    char msg[256] = "";
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(fx.db_path, &old->conn), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_migrate(old, store_migrations, n, msg, sizeof msg), PK_OK);
    CU_ASSERT_FATAL(cx_int(old, "PRAGMA user_version") == *before);
    CU_ASSERT_EQUAL(cx_int(old, "SELECT count(*) FROM pragma_table_info('dossiers')"
                                " WHERE name = 'agency_en'"), 0);
    CU_ASSERT_EQUAL_FATAL(store_audit_track(old), PK_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(old->conn,
        "INSERT INTO procedures(code, name_vi, name_en, agency, level, field_vi, field_en,"
        " bcci_submit, bcci_return, in_person, days, fee_vnd, name_fold, name_en_fold, name_key,"
        " field_key, agency_key) VALUES"
        " ('1.001193', 'Đăng ký khai sinh', 'Birth registration', 'UBND cấp xã (Tư pháp - hộ tịch)',"
        "  'commune', 'Hộ tịch', '', 1, 1, 0, 0, 0, 'dang ky khai sinh', 'birth registration',"
        "  'dang ky khai sinh', 'ho tich', 'ubnd'),"
        " ('9.000001', 'Thủ tục cũ', 'Old procedure', 'Sở Nội vụ', 'province', '', '', 1, 1, 0,"
        "  0, 0, 'thu tuc cu', 'old procedure', 'thu tuc cu', '', 'so noi vu')", NULL, NULL, NULL),
        SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_setting_set(old, "kiosk_code", "LS01"), PK_OK);
    CU_ASSERT_EQUAL(cx_dossier(old, "1.001193", "Nguyễn Văn An", "020095001234", "0912345678",
                               FORM_BOTH, "2026-03-02", "2026-03-12", NULL), PK_OK);
    CU_ASSERT_EQUAL(cx_dossier(old, "9.000001", "Trần Thị Bình", "020095001235", "0912345679",
                               FORM_BOTH, "2026-03-02", "2026-03-12", NULL), PK_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(old->conn, "DELETE FROM procedures WHERE code = '9.000001'",
                                 NULL, NULL, NULL), SQLITE_OK);
    store_close(old);
}

/* From a database n migrations in (every one but agency_en's, the last;
 * or up to version 23, as kiosks of the release before it have them). */
static void migration_from(int n)
{
    fx_init(&fx);
    int before = 0;
    database_before(n, &before);
    char msg[256] = "", text[PK_TEXT_MAX];
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_schema_version(db), store_migrations[store_migrations_count - 1].version);
    CU_ASSERT_EQUAL(one(db, "SELECT count(*) FROM pragma_table_info('procedures') WHERE name = 'agency_en'"), 1);
    CU_ASSERT_EQUAL(one(db, "SELECT count(*) FROM pragma_table_info('dossiers') WHERE name = 'agency_en'"), 1);
    /* the catalog before it had no English agency names: nothing to fill */
    CU_ASSERT_EQUAL(one(db, "SELECT count(*) FROM dossiers WHERE agency_en = ''"), 2);
    /* a new column: each dossier sealed again, none as changed behind the program's back */
    CU_ASSERT_EQUAL(one(db, "SELECT count(*) FROM audit WHERE action = 'seal' AND object = 'dossier:1'"
                            " AND detail NOT LIKE '%prior=%'"), 2);
    CU_ASSERT_EQUAL(one(db, "SELECT count(*) FROM audit WHERE detail LIKE '%prior=%'"), 0);
    audit_check ac;
    CU_ASSERT_EQUAL(store_audit_verify(db, &ac), PK_OK);
    /* the catalog gets its English names; the migration once more from the version before
     * (a column check, no error) fills the dossiers whose code and agency
     * the catalog still has, and only those */
    char err[256];
    CU_ASSERT_EQUAL_FATAL(catalog_import_procedures(db, FIX "procs_agency_en.csv", err, sizeof err), PK_OK);
    store_close(db);
    db = NULL;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", before);
    CU_ASSERT_EQUAL_FATAL(cx_raw(fx.db_path, sql), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, msg, sizeof msg), PK_OK);
    one_text(db, "SELECT agency_en FROM dossiers WHERE proc_code = '1.001193'", text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, COMMUNE_EN);
    one_text(db, "SELECT agency_en FROM dossiers WHERE proc_code = '9.000001'", text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "");
    /* the filled row sealed again; the other keeps its seal */
    CU_ASSERT_EQUAL(one(db, "SELECT count(*) FROM audit WHERE action = 'seal' AND object = 'dossier:1'"), 3);
    CU_ASSERT_EQUAL(one(db, "SELECT count(*) FROM audit WHERE action = 'seal' AND object = 'dossier:2'"), 2);
    CU_ASSERT_EQUAL(store_audit_verify(db, &ac), PK_OK);
    /* and registration keeps it from now on */
    char ref[PK_REF_MAX];
    CU_ASSERT_EQUAL(cx_dossier(db, "2.001159", "Lê Văn Cường", "020095001236", "0912345670",
                               FORM_BOTH, "2026-03-02", "2026-03-12", ref), PK_OK);
    dossier_extra x;
    CU_ASSERT_EQUAL_FATAL(store_dossier_extra(db, ref, &x), PK_OK);
    CU_ASSERT_STRING_EQUAL(x.agency_en, "Provincial Police (PC06) / assigned commune police");
    teardown();
}

TEST(agency_en, migration_from_before, "the migration adds agency_en at the version before, fills, reseals, runs twice")
{
    migration_from(store_migrations_count - 1);   /* agency_en is the last migration */
}

TEST(agency_en, migration_from_23, "a database at version 23 migrates through agency_en")
{
    int n = 0;
    while (n < store_migrations_count && store_migrations[n].version <= 23)
        n++;
    CU_ASSERT_EQUAL_FATAL(store_migrations[n - 1].version, 23);
    migration_from(n);
}

SUITE(agency_en, NULL, NULL);
