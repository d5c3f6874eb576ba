/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Schema migrations, one entry per version (PRAGMA user_version). A new
 * version is one more entry at the end of store_migrations: never edit a
 * released entry, add a new one. Each runs in its own BEGIN IMMEDIATE
 * transaction (store_migrate). A migration that adds a column to dossiers
 * or clerks, or changes their rows, must reseal them (store_seal.c): their
 * digest covers every column. */
#include <stdio.h>
#include <stdlib.h>

#include "store_internal.h"

#include "util.h"

/* Version 1: catalog, kiosk identity, dossiers, events, print jobs.
 * Folded names and Vietnamese sort keys are computed in C (text.c) at
 * write time: SQLite cannot fold đ or order by the Vietnamese alphabet. */
static const char schema_v1[] =
    "CREATE TABLE procedures("
    "  code TEXT PRIMARY KEY NOT NULL CHECK(length(code) > 0),"
    "  name_vi TEXT NOT NULL CHECK(length(name_vi) > 0),"
    "  name_en TEXT NOT NULL DEFAULT '',"
    "  agency TEXT NOT NULL DEFAULT '',"
    "  level TEXT NOT NULL DEFAULT '',"
    "  field_vi TEXT NOT NULL DEFAULT '',"
    "  field_en TEXT NOT NULL DEFAULT '',"
    "  bcci_submit INTEGER NOT NULL CHECK(bcci_submit IN (0, 1)),"
    "  bcci_return INTEGER NOT NULL CHECK(bcci_return IN (0, 1)),"
    "  in_person INTEGER NOT NULL CHECK(in_person IN (0, 1)),"
    "  reason_vi TEXT NOT NULL DEFAULT '',"
    "  reason_en TEXT NOT NULL DEFAULT '',"
    "  days INTEGER NOT NULL CHECK(days >= 0),"
    "  fee_vnd INTEGER NOT NULL CHECK(fee_vnd >= 0),"
    "  provenance TEXT NOT NULL DEFAULT '',"
    "  name_fold TEXT NOT NULL,"        /* text_fold(name_vi) */
    "  name_en_fold TEXT NOT NULL,"     /* text_fold(name_en) */
    "  name_key TEXT NOT NULL,"         /* text_sort_key(name_vi) */
    "  field_key TEXT NOT NULL,"
    "  agency_key TEXT NOT NULL"
    ");"
    "CREATE INDEX procedures_by_name ON procedures(name_key, code);"
    "CREATE INDEX procedures_by_field ON procedures(field_vi, name_key);"
    "CREATE INDEX procedures_by_agency ON procedures(agency, name_key);"
    "CREATE TABLE procedure_docs("
    "  code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  name_vi TEXT NOT NULL CHECK(length(name_vi) > 0),"
    "  name_en TEXT NOT NULL DEFAULT '',"
    "  kind INTEGER NOT NULL CHECK(kind IN (0, 1)),"   /* 0 original, 1 copy */
    "  required INTEGER NOT NULL CHECK(required IN (0, 1)),"
    "  PRIMARY KEY(code, seq)"
    ") WITHOUT ROWID;"
    "CREATE TABLE units("
    "  id INTEGER PRIMARY KEY,"
    "  province TEXT NOT NULL CHECK(length(province) > 0),"
    "  type TEXT NOT NULL CHECK(type IN ('phường', 'xã', 'thị trấn')),"
    "  name TEXT NOT NULL CHECK(length(name) > 0),"
    "  name_fold TEXT NOT NULL,"
    "  name_key TEXT NOT NULL,"
    "  province_key TEXT NOT NULL,"
    "  UNIQUE(province, type, name)"
    ");"
    "CREATE INDEX units_by_province ON units(province, name_key);"
    "CREATE TABLE holidays("
    "  date TEXT PRIMARY KEY NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  kind TEXT NOT NULL CHECK(kind IN ('H', 'W')),"
    "  name TEXT NOT NULL DEFAULT ''"
    ") WITHOUT ROWID;"
    "CREATE TABLE tariffs("
    "  form INTEGER NOT NULL CHECK(form IN (1, 2, 3)),"
    "  scope TEXT NOT NULL CHECK(scope IN ('commune', 'province', 'national')),"
    "  charge_vnd INTEGER NOT NULL CHECK(charge_vnd >= 0),"
    "  transit_days INTEGER NOT NULL CHECK(transit_days >= 0),"
    "  PRIMARY KEY(form, scope)"
    ") WITHOUT ROWID;"
    "CREATE TABLE settings("
    "  key TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE TABLE sequences("           /* ref:<KIOSK>, s10:<PREFIX> */
    "  name TEXT PRIMARY KEY NOT NULL,"
    "  value INTEGER NOT NULL CHECK(value >= 0)"
    ") WITHOUT ROWID;"
    "CREATE TABLE dossiers("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT NOT NULL UNIQUE,"
    "  s10 TEXT NOT NULL UNIQUE,"
    "  kiosk_code TEXT NOT NULL,"
    "  proc_code TEXT NOT NULL,"
    "  proc_name_vi TEXT NOT NULL,"     /* as registered: the catalog may change */
    "  proc_name_en TEXT NOT NULL,"
    "  agency TEXT NOT NULL,"
    "  form INTEGER NOT NULL CHECK(form IN (1, 2, 3)),"
    "  status TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  name_fold TEXT NOT NULL,"
    "  id_number TEXT NOT NULL,"
    "  phone TEXT NOT NULL,"
    "  email TEXT NOT NULL DEFAULT '',"
    "  unit_id INTEGER NOT NULL DEFAULT 0,"
    "  province TEXT NOT NULL DEFAULT '',"
    "  unit_name TEXT NOT NULL DEFAULT '',"
    "  street TEXT NOT NULL DEFAULT '',"
    "  recipient TEXT NOT NULL DEFAULT '',"
    "  fee_proc INTEGER NOT NULL CHECK(fee_proc >= 0),"
    "  fee_post INTEGER NOT NULL CHECK(fee_post >= 0),"
    "  fee_total INTEGER NOT NULL CHECK(fee_total >= 0),"
    "  expected_date TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL,"
    "  created_day TEXT NOT NULL,"      /* YYYY-MM-DD, kiosk local time */
    "  updated_at INTEGER NOT NULL,"
    "  lang TEXT NOT NULL DEFAULT 'vi',"
    "  consent_process INTEGER NOT NULL CHECK(consent_process = 1),"
    "  consent_sms INTEGER NOT NULL CHECK(consent_sms IN (0, 1)),"
    "  sample INTEGER NOT NULL CHECK(sample IN (0, 1))"
    ");"
    "CREATE INDEX dossiers_by_status ON dossiers(status, id);"
    "CREATE INDEX dossiers_by_day ON dossiers(created_day, id);"
    "CREATE INDEX dossiers_by_proc ON dossiers(proc_code, id);"
    "CREATE TABLE dossier_docs("
    "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  name_vi TEXT NOT NULL,"
    "  name_en TEXT NOT NULL DEFAULT '',"
    "  kind INTEGER NOT NULL CHECK(kind IN (0, 1)),"
    "  required INTEGER NOT NULL CHECK(required IN (0, 1)),"
    "  handed INTEGER NOT NULL CHECK(handed IN (0, 1)),"
    "  PRIMARY KEY(dossier_id, seq)"
    ") WITHOUT ROWID;"
    /* Every status change, append-only. */
    "CREATE TABLE events("
    "  seq INTEGER PRIMARY KEY,"
    "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL CHECK(length(actor) > 0),"
    "  from_status TEXT NOT NULL DEFAULT '',"
    "  to_status TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX events_by_dossier ON events(dossier_id, seq);"
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
    "  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
    "  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
    "CREATE TABLE print_jobs("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT NOT NULL DEFAULT '',"
    "  kind TEXT NOT NULL CHECK(length(kind) > 0),"
    "  status INTEGER NOT NULL DEFAULT 0 CHECK(status IN (0, 1, 2)),"
    "  reason TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX print_jobs_by_status ON print_jobs(status, id);"
    "CREATE INDEX print_jobs_by_ref ON print_jobs(ref);";

/* Print job claims: who is printing a job and until when, so that a clerk
 * does not print the kiosk's job at the same time (store_job_claim). */
static const char schema_job_claims[] =
    "ALTER TABLE print_jobs ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE print_jobs ADD COLUMN claimed_until INTEGER NOT NULL DEFAULT 0;";

/* Version 10: the clean-shutdown marker (store_start_check). One row:
 * clean_at is when the last kiosk run ended cleanly, 0 while a kiosk runs
 * or after one that did not end cleanly (then the next start reads every
 * page), -1 on a new database, which no kiosk has run yet (every page is
 * read too, but that is no unclean end). A file from before this version
 * has had runs nobody recorded: 0. */
static const char schema_run_state[] =
    "CREATE TABLE run_state("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  clean_at INTEGER NOT NULL DEFAULT 0"
    ");";
static pk_err run_state_row(store *s)
{
    return store_exec_const(s, s->created ? "INSERT INTO run_state(id, clean_at) VALUES (1, -1)"
                                          : "INSERT INTO run_state(id, clean_at) VALUES (1, 0)");
}
/* Search keywords of a procedure (issue 15 item 14): everyday names and
 * abbreviations ("giấy khai sinh", "BHXH"), set by the import's optional
 * keywords column or by staff (`postkiosk catalog keywords`). */
static const char schema_keywords[] =
    "ALTER TABLE procedures ADD COLUMN keywords TEXT NOT NULL DEFAULT '';";
/* Version 12: the postage taken at the counter, recorded with the procedure
 * fee when a dossier is accepted (the daily close counts both). A new
 * dossier column: every dossier row is sealed again (store_seal.c). */
static pk_err add_post_collected(store *s, const void *arg)
{
    (void)arg;
    int rc = sqlite3_exec(s->conn,
                          "ALTER TABLE dossiers ADD COLUMN post_collected INTEGER NOT NULL DEFAULT 0"
                          " CHECK(post_collected >= 0)",
                          NULL, NULL, NULL);
    return rc == SQLITE_OK ? PK_OK : store_rc(s, rc);
}

static pk_err schema_post_collected(store *s)
{
    return store_reseal_dossiers(s, add_post_collected, NULL);
}

/* Version 14: a seal number is refused when another dossier has it
 * (IF NOT EXISTS: a test runs the migrations after the sync one again)
 * (store_cycle.c, seal_unused): without this index every acceptance read
 * every dossier. Without case, as the check compares. */
static const char schema_seal_index[] =
    "CREATE INDEX IF NOT EXISTS dossiers_by_seal ON dossiers(seal_no COLLATE NOCASE) WHERE seal_no <> '';";
/* Call staff (issue 14 item 3): F4 at the kiosk writes an alert the clerk
 * workstation shows at once until a clerk marks it seen (store_notify.c).
 * May run again (IF NOT EXISTS): a test rolls user_version back past it. */
static const char schema_staff_alerts[] =
    "CREATE TABLE IF NOT EXISTS staff_alerts("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  kiosk TEXT NOT NULL,"
    "  screen TEXT NOT NULL,"           /* the kiosk screen's name: review */
    "  seen_at INTEGER NOT NULL DEFAULT 0,"
    "  seen_by TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX IF NOT EXISTS staff_alerts_open ON staff_alerts(seen_at, id);";
/* Version 18 (may run again: IF NOT EXISTS): the probe of the clerk's digit search (phone start, last
 * digits of the ID): one row per key and dossier, in dossier order, so
 * that a page walks only the dossiers of one key and stops after a page
 * (store_queue.c), whatever the number of dossiers. Only what the filter
 * needs, as the indexes it replaces in that search: the last 4 and the
 * last 6 digits of the ID, the first 4 and the first 6 digits of the
 * phone, as numbers in separate ranges (ID 10000 + last 4, 4000000 +
 * last 6; phone 3000000 + first 4, 2000000 + first 6: digits_page in
 * store_queue.c). Kept by triggers, so a purge or a correction of the ID
 * or phone changes its keys too. */
#define PROBE_KEYS(row) \
    "INSERT OR IGNORE INTO dossier_digits(k, id)" \
    " SELECT 10000 + CAST(substr(" row ".id_number, -4) AS INTEGER), " row ".id" \
    "  WHERE " row ".id_number GLOB '*[0-9][0-9][0-9][0-9]'" \
    " UNION ALL SELECT 4000000 + CAST(substr(" row ".id_number, -6) AS INTEGER), " row ".id" \
    "  WHERE " row ".id_number GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]'" \
    " UNION ALL SELECT 3000000 + CAST(substr(" row ".phone, 1, 4) AS INTEGER), " row ".id" \
    "  WHERE " row ".phone GLOB '[0-9][0-9][0-9][0-9]*'" \
    " UNION ALL SELECT 2000000 + CAST(substr(" row ".phone, 1, 6) AS INTEGER), " row ".id" \
    "  WHERE " row ".phone GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]*';"
/* The keys OLD had, found by the primary key (no index on id alone: one
 * less page to write per dossier); a key OLD could not have is absent. */
#define PROBE_GONE \
    "  DELETE FROM dossier_digits WHERE id = OLD.id AND k IN (" \
    "   10000 + CAST(substr(OLD.id_number, -4) AS INTEGER)," \
    "   4000000 + CAST(substr(OLD.id_number, -6) AS INTEGER)," \
    "   3000000 + CAST(substr(OLD.phone, 1, 4) AS INTEGER)," \
    "   2000000 + CAST(substr(OLD.phone, 1, 6) AS INTEGER));"
static const char schema_digits[] =
    "CREATE TABLE IF NOT EXISTS dossier_digits("
    "  k INTEGER NOT NULL,"
    "  id INTEGER NOT NULL,"
    "  PRIMARY KEY(k, id)"
    ") WITHOUT ROWID;"
    /* the two indexes this probe replaces: nothing else reads them */
    "DROP INDEX IF EXISTS dossiers_by_idlast;"
    "DROP INDEX IF EXISTS dossiers_by_phone;"
    "CREATE TRIGGER IF NOT EXISTS dossier_digits_ins AFTER INSERT ON dossiers BEGIN "
    PROBE_KEYS("NEW")
    " END;"
    "CREATE TRIGGER IF NOT EXISTS dossier_digits_upd AFTER UPDATE OF id_number, phone ON dossiers BEGIN "
    PROBE_GONE
    PROBE_KEYS("NEW")
    " END;"
    "CREATE TRIGGER IF NOT EXISTS dossier_digits_del AFTER DELETE ON dossiers BEGIN "
    PROBE_GONE
    " END;"
    "INSERT OR IGNORE INTO dossier_digits(k, id)"
    " SELECT 10000 + CAST(substr(id_number, -4) AS INTEGER), id FROM dossiers"
    "  WHERE id_number GLOB '*[0-9][0-9][0-9][0-9]'"
    " UNION ALL SELECT 4000000 + CAST(substr(id_number, -6) AS INTEGER), id FROM dossiers"
    "  WHERE id_number GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]'"
    " UNION ALL SELECT 3000000 + CAST(substr(phone, 1, 4) AS INTEGER), id FROM dossiers"
    "  WHERE phone GLOB '[0-9][0-9][0-9][0-9]*'"
    " UNION ALL SELECT 2000000 + CAST(substr(phone, 1, 6) AS INTEGER), id FROM dossiers"
    "  WHERE phone GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]*';";
#undef PROBE_KEYS
#undef PROBE_GONE

/* Version 19 (may run again: IF NOT EXISTS): the probe of the clerk's
 * name search, in place of the full-text index (issue 18: a name under a
 * status filter read the index from its first dossier, 24-42 ms at a
 * million). One row per key and dossier, in dossier order: the keys are
 * the first 2 and the first 3 letters of each word of the folded name
 * ("nguyen van an" -> ng ngu va van an), and the row holds the folded
 * name, so that a page walks the
 * dossiers of one key from the first one the status filter can take,
 * checks every typed word on the name in the probe itself and reads only
 * the dossiers that match, stopping after a page (store_queue.c,
 * name_page). Kept by triggers in the dossier's own transaction: a new
 * dossier is found at once, and a purge or a correction of the name moves
 * its keys and its name with it. The words come out of the folded name
 * (single spaces, letters and digits only: text_fold) through json_each,
 * as a trigger cannot hold a WITH. */
#define NAME_WORDS(row) "json_each('[\"' || replace(" row ".name_fold, ' ', '\",\"') || '\"]')"
#define NAME_KEYS(row) \
    "INSERT OR IGNORE INTO dossier_name_keys(k, id, name)" \
    " SELECT substr(w.value, 1, 2), " row ".id, " row ".name_fold FROM " NAME_WORDS(row) " w" \
    "  WHERE length(w.value) >= 2" \
    " UNION ALL SELECT substr(w.value, 1, 3), " row ".id, " row ".name_fold" \
    "  FROM " NAME_WORDS(row) " w WHERE length(w.value) >= 3;"
#define NAME_KEYS_GONE \
    "  DELETE FROM dossier_name_keys WHERE id = OLD.id AND k IN (" \
    "   SELECT substr(w.value, 1, 2) FROM " NAME_WORDS("OLD") " w" \
    "   UNION ALL SELECT substr(w.value, 1, 3) FROM " NAME_WORDS("OLD") " w);"
static const char schema_name_keys[] =
    "CREATE TABLE IF NOT EXISTS dossier_name_keys("
    "  k TEXT NOT NULL,"
    "  id INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  PRIMARY KEY(k, id)"
    ") WITHOUT ROWID;"
    /* the full-text index this probe replaces: nothing reads it now */
    "DROP TABLE IF EXISTS dossier_names;"
    "CREATE TRIGGER IF NOT EXISTS dossier_name_keys_ins AFTER INSERT ON dossiers BEGIN "
    NAME_KEYS("NEW")
    " END;"
    "CREATE TRIGGER IF NOT EXISTS dossier_name_keys_upd AFTER UPDATE OF name_fold ON dossiers"
    "  WHEN OLD.name_fold IS NOT NEW.name_fold BEGIN "
    NAME_KEYS_GONE
    NAME_KEYS("NEW")
    " END;"
    "CREATE TRIGGER IF NOT EXISTS dossier_name_keys_del AFTER DELETE ON dossiers BEGIN "
    NAME_KEYS_GONE
    " END;"
    "INSERT OR IGNORE INTO dossier_name_keys(k, id, name)"
    " SELECT substr(w.value, 1, 2), d.id, d.name_fold FROM dossiers d, " NAME_WORDS("d") " w"
    "  WHERE length(w.value) >= 2"
    " UNION ALL SELECT substr(w.value, 1, 3), d.id, d.name_fold FROM dossiers d, " NAME_WORDS("d")
    " w WHERE length(w.value) >= 3;";
#undef NAME_WORDS
#undef NAME_KEYS
#undef NAME_KEYS_GONE

/* Version 22: a staff rank of the procedures on the first list of a
 * kiosk without history of its own (store_procedures_first,
 * store_search.c); the ranked few found through a partial index. */
static pk_err schema_rank(store *s)
{
    pk_err e = store_column_add(s, "procedures", "rank",
                                "INTEGER NOT NULL DEFAULT 0 CHECK(rank BETWEEN 0 AND 999)");
    return e != PK_OK ? e : store_exec_const(s,
        "CREATE INDEX IF NOT EXISTS procedures_by_rank ON procedures(rank) WHERE rank > 0");
}

/* Version 24 (issue 18: the durable insert): the CHECKs with a list of
 * three or more constants (form, incident, a print job's status, a
 * message's status, a sync row's kind) made SQLite build a temporary
 * b-tree of the list each time a row was written (sqlite3FindInIndex
 * codes lists of up to two constants inline): seven per registration with
 * both messages, three more for its receipt's outcome. The same sets as
 * equalities joined by OR, which SQLite codes inline. Equal to IN
 * on every value: the column's affinity is applied to the row before the
 * CHECK, and `x IN (a, b)` compares x with each constant as `x = a` does
 * (store_insert/checks_accept_the_same tries every kind of value on both).
 *
 * Only the text of the constraints changes, never a stored byte, so the
 * tables are not rebuilt (a copy of every row of the two outboxes, lost
 * statistics, AUTOINCREMENT's sqlite_sequence row to carry over): the
 * definitions are edited in place as SQLite documents it for constraint
 * changes (lang_altertable.html, "making other kinds of table schema
 * changes": writable_schema, then schema_version + 1 so that every
 * connection reads the schema again). Indexes, triggers, rows and
 * rowids are untouched. The optional full check after it is left out: a
 * constraint accepting what the old one accepted cannot make a stored row
 * wrong, and reading every outbox row would make this one start slow at a
 * million dossiers; a definition that does not parse fails the check at
 * the end, and the transaction is rolled back. Done only where the old
 * text is there: runs again as a no-op (a test rolls user_version back). */
static const struct {
    const char *table, *was, *now;
} inline_checks[] = {
    {"dossiers", "CHECK(form IN (1, 2, 3))", "CHECK(form = 1 OR form = 2 OR form = 3)"},
    {"dossiers", "CHECK(incident IN ('', 'lost', 'damaged'))",
     "CHECK(incident = '' OR incident = 'lost' OR incident = 'damaged')"},
    {"print_jobs", "CHECK(status IN (0, 1, 2))", "CHECK(status = 0 OR status = 1 OR status = 2)"},
    {"notify_outbox",
     "CHECK(status IN    ('pending', 'sending', 'handed', 'sent', 'failed', 'given_up'))",
     "CHECK(status = 'pending' OR status = 'sending' OR status = 'handed' OR status = 'sent'"
     " OR status = 'failed' OR status = 'given_up')"},
    {"sync_outbox", "CHECK(kind IN ('dossier', 'event', 'print', 'audit'))",
     "CHECK(kind = 'dossier' OR kind = 'event' OR kind = 'print' OR kind = 'audit')"},
};

/* Runs sql (one statement) with the three texts of check i bound as ?1
 * table, ?2 old, ?3 new; its first column (or the changes when it has
 * none) into *out. Prepared apart from the cache: what sqlite_schema lets
 * a statement do is fixed when it is prepared. */
static pk_err check_sql(store *s, const char *sql, size_t i, int64_t *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(s->conn, sql, -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        store_bind_text(stmt, 1, inline_checks[i].table);
        store_bind_text(stmt, 2, inline_checks[i].was);
        store_bind_text(stmt, 3, inline_checks[i].now);
        rc = sqlite3_step(stmt);
        *out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : sqlite3_changes(s->conn);
    }
    sqlite3_finalize(stmt);
    return store_rc(s, rc);
}

static pk_err edit_checks(store *s)
{
    int64_t changed = 0, n = 0;
    pk_err e = store_exec_const(s, "PRAGMA writable_schema = ON");
    for (size_t i = 0; e == PK_OK && i < PK_ARRAY_LEN(inline_checks); i++) {
        e = check_sql(s, "UPDATE sqlite_schema SET sql = replace(sql, ?2, ?3)"
                         " WHERE type = 'table' AND name = ?1 AND instr(sql, ?2) > 0", i, &n);
        changed += n;
    }
    if (e == PK_OK && changed > 0) {
        int64_t version = store_int_const(s, "PRAGMA schema_version", -1);
        char pragma[48];
        snprintf(pragma, sizeof pragma, "PRAGMA schema_version = %lld", (long long)version + 1);
        e = version < 0 ? PK_EIO : store_exec_const(s, pragma);
    }
    pk_err off = store_exec_const(s, "PRAGMA writable_schema = OFF");
    return e != PK_OK ? e : off;
}

pk_err store_schema_inline_checks(store *s)
{
    /* the store's connections refuse schema edits (SQLITE_DBCONFIG_DEFENSIVE):
     * lifted for this step only, and put back as it was */
    int defensive = 0;
    sqlite3_db_config(s->conn, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
    sqlite3_db_config(s->conn, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
    pk_err e = edit_checks(s);
    sqlite3_db_config(s->conn, SQLITE_DBCONFIG_DEFENSIVE, defensive, NULL);
    /* read back through the schema as parsed again: each new CHECK in
     * place of the old one (a table made by hand, not by the migrations,
     * is refused rather than left half-edited) */
    for (size_t i = 0; e == PK_OK && i < PK_ARRAY_LEN(inline_checks); i++) {
        int64_t ok = 0;
        e = check_sql(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1"
                         " AND instr(sql, ?2) = 0 AND instr(sql, ?3) > 0", i, &ok);
        if (e == PK_OK && ok != 1) {
            snprintf(s->err, sizeof s->err, "table %s: %s is not the check the migrations wrote",
                     inline_checks[i].table, inline_checks[i].was);
            e = PK_EIO;
        }
    }
    return e;
}

/* Version 25: the receiving agency's English name (procedures.agency_en,
 * the import's optional agency_en column), and the one each dossier kept
 * at registration (dossiers.agency_en), as it keeps the procedure's names.
 * Existing dossiers take it from the catalog where the catalog still has
 * their code and their agency, else keep "" (the screens then say the
 * Vietnamese name). A new dossier column: every dossier sealed again.
 * May run again (column checks; only empty names are filled). */
static pk_err add_agency_en(store *s, const void *arg)
{
    (void)arg;
    pk_err e = store_column_add(s, "procedures", "agency_en", "TEXT NOT NULL DEFAULT ''");
    if (e == PK_OK)
        e = store_column_add(s, "dossiers", "agency_en", "TEXT NOT NULL DEFAULT ''");
    if (e == PK_OK)
        e = store_exec_const(s,
            "UPDATE dossiers SET agency_en = p.agency_en FROM procedures p"
            " WHERE p.code = dossiers.proc_code AND p.agency = dossiers.agency"
            " AND p.agency_en <> '' AND dossiers.agency_en = ''");
    return e;
}

static pk_err schema_agency_en(store *s)
{
    return store_reseal_dossiers(s, add_agency_en, NULL);
}

/* Adds table.column (declared as decl) unless it is there already: a
 * migration that adds a column may run again (a test rolls user_version
 * back past it). table, column and decl are the migration's constants. */
pk_err store_column_add(store *s, const char *table, const char *column, const char *decl)
{
    sqlite3_stmt *stmt = store_stmt(s, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
    if (!stmt)
        return PK_EIO;
    store_bind_text(stmt, 1, table);
    store_bind_text(stmt, 2, column);
    pk_err e = store_step_row(s, stmt);
    bool have = e == PK_OK && sqlite3_column_int(stmt, 0) > 0;
    store_done(stmt);
    if (e != PK_OK || have)
        return e;
    char *sql = xasprintf("ALTER TABLE %s ADD COLUMN %s %s", table, column, decl);
    e = store_exec_const(s, sql);
    free(sql);
    return e;
}

const store_migration store_migrations[] = {
    {1, schema_v1, NULL},
    {2, store_schema_v2, store_clerk_upgrade},   /* clerk workstation: store_clerk.c */
    {3, schema_job_claims, NULL},                /* print job claims */
    {4, store_schema_v4, store_audit_key_upgrade},   /* keyed audit chain, seals: store_seal.c */
    {5, NULL, store_clerk_pin_upgrade},   /* PIN hashes bound to accounts: store_clerk_admin.c */
    {6, NULL, store_setting_seal_upgrade},   /* settings sealed (staff PIN hash ...): store_seal.c */
    {7, NULL, store_refold},                     /* names folded again: Lý = Lí (store_refold.c) */
    {8, store_schema_v8, NULL},   /* notification outbox: store_notify.c */
    {9, store_schema_notify_given_up, NULL},   /* given-up messages counted: store_notify.c */
    {10, schema_run_state, run_state_row},  /* clean-shutdown marker: store_start_check (store.c) */
    {11, schema_keywords, NULL},   /* procedure search keywords: store_search.c */
    {12, NULL, schema_post_collected},     /* postage collected at acceptance */
    {13, store_schema_sync, NULL},   /* sync outbox: kiosk/store_sync/store_sync.c */
    {14, schema_seal_index, NULL},   /* seal numbers looked up without reading every dossier */
    {15, store_schema_batches, NULL},   /* batches by scanning: store_cycle.c */
    {16, schema_staff_alerts, NULL},   /* call-staff alerts: store_notify.c */
    {17, NULL, store_consent_email_upgrade},   /* e-mail consent apart from SMS: store_notify.c */
    {18, schema_digits, NULL},   /* probe of the clerk's digit search: store_queue.c */
    {19, schema_name_keys, NULL},   /* probe of the clerk's name search: store_queue.c */
    {20, NULL, store_handover_receiver_upgrade},   /* a record per real receiving agency: store_report.c */
    {21, store_schema_sync_heads, NULL},   /* fewer pages per dossier: store_sync.c */
    {22, NULL, schema_rank},   /* procedures' staff rank on the first list: store_search.c */
    {23, store_schema_sync_last, NULL},   /* fewer pages per dossier again: store_sync.c */
    {24, NULL, store_schema_inline_checks},   /* CHECK lists coded inline: no temporary b-tree per row */
    {25, NULL, schema_agency_en},   /* the agency's English name, kept by dossiers */
};
const int store_migrations_count = (int)PK_ARRAY_LEN(store_migrations);

/* ---- the runner (store_open calls it) ------------------------------------ */

static int user_version(store *s)
{
    return (int)store_int_const(s, "PRAGMA user_version", -1);
}

int store_schema_version(store *s)
{
    return user_version(s);
}

/* Whether the schema reached has the sync outbox (a test may migrate part
 * of the way only): store_commit queues audit heads only then. Likewise
 * dossiers.agency_en: registration writes it only then. */
static void note_sync_outbox(store *s)
{
    sqlite3_stmt *stmt = NULL;
    s->sync_outbox = sqlite3_prepare_v2(s->conn, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                                        " AND name = 'sync_outbox'", -1, &stmt, NULL) == SQLITE_OK &&
                     sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_finalize(stmt);
    stmt = NULL;
    s->agency_en = sqlite3_prepare_v2(s->conn, "SELECT 1 FROM pragma_table_info('dossiers')"
                                      " WHERE name = 'agency_en'", -1, &stmt, NULL) == SQLITE_OK &&
                   sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_finalize(stmt);
}

pk_err store_migrate(store *s, const store_migration *list, int n, char *msg, size_t msgsz)
{
    int latest = n > 0 ? list[n - 1].version : 0;
    int now = user_version(s);
    s->created = now == 0;
    if (now == latest) {
        note_sync_outbox(s);
        return PK_OK;   /* up to date: no write lock needed */
    }
    if (now > latest) {
        snprintf(msg, msgsz, "the database has schema version %d; this program knows up to %d",
                 now, latest);
        return PK_EIO;
    }
    for (int i = 0; i < n; i++) {
        pk_err e = store_begin(s);
        if (e != PK_OK) {
            snprintf(msg, msgsz, "cannot lock the database to migrate it: %s", s->err);
            return e;
        }
        int v = user_version(s);   /* read inside the lock: another process may have migrated */
        if (v < 0 || v > latest) {
            store_rollback(s);
            snprintf(msg, msgsz, "the database has schema version %d; this program knows up to %d",
                     v, latest);
            return PK_EIO;
        }
        if (list[i].version <= v) {
            store_rollback(s);
            continue;
        }
        if (list[i].sql)
            e = store_exec_const(s, list[i].sql);
        if (e == PK_OK && list[i].fn)
            e = list[i].fn(s);
        if (e == PK_OK) {
            char pragma[48];
            snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", list[i].version);
            e = store_exec_const(s, pragma);
        }
        if (e == PK_OK)
            e = store_commit(s);
        else
            store_rollback(s);
        if (e != PK_OK) {
            snprintf(msg, msgsz, "migration to schema version %d failed: %s", list[i].version,
                     s->err);
            return e;
        }
    }
    note_sync_outbox(s);
    return PK_OK;
}
