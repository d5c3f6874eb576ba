/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The central schema: migrations, roles, row-level security (central.h). */
#include "central.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* Migration i takes the schema from version i to i + 1. Each is run once,
 * in central_init's transaction; never edit one that has shipped: add the
 * next. */
/* The newest snapshot of each dossier of a batch into pk.dossiers, as
 * events_apply does it in schema 1 and again (with the audit epochs) in
 * schema 3: one text for both, so they cannot drift. */
#define DOSSIERS_FROM_EVENTS \
    "  INSERT INTO pk.dossiers AS d (kiosk, ref, s10, proc_code, proc_name, agency, unit_id," \
    "      unit_name, form, status, created_at, created_day, expected_date, accepted_at," \
    "      completed_day, closed_day, incident, fee_post, fee_collected, key_version," \
    "      updated_at, last_seq)" \
    "    SELECT DISTINCT ON (kiosk, ref) kiosk, ref, s10, proc_code, proc_name, agency, unit_id," \
    "      unit_name, form, status, created_at, created_day, expected_date, accepted_at," \
    "      completed_day, closed_day, incident, fee_post, fee_collected, key_version, at, seq" \
    "    FROM new_rows WHERE kind <> 'audit' AND ref <> '' ORDER BY kiosk, ref, seq DESC" \
    "    ON CONFLICT (kiosk, ref) DO UPDATE SET s10 = EXCLUDED.s10," \
    "      proc_code = EXCLUDED.proc_code, proc_name = EXCLUDED.proc_name," \
    "      agency = EXCLUDED.agency, unit_id = EXCLUDED.unit_id," \
    "      unit_name = EXCLUDED.unit_name, form = EXCLUDED.form, status = EXCLUDED.status," \
    "      created_at = EXCLUDED.created_at, created_day = EXCLUDED.created_day," \
    "      expected_date = EXCLUDED.expected_date, accepted_at = EXCLUDED.accepted_at," \
    "      completed_day = EXCLUDED.completed_day, closed_day = EXCLUDED.closed_day," \
    "      incident = EXCLUDED.incident, fee_post = EXCLUDED.fee_post," \
    "      fee_collected = EXCLUDED.fee_collected, key_version = EXCLUDED.key_version," \
    "      updated_at = EXCLUDED.updated_at, last_seq = EXCLUDED.last_seq" \
    "    WHERE d.last_seq < EXCLUDED.last_seq;"

static const char *const migrations[] = {
    /* 1: tables, roles, row-level security */
    "CREATE SCHEMA pk;"
    "CREATE TABLE pk.central_meta(version int NOT NULL);"
    "INSERT INTO pk.central_meta VALUES (0);"
    "CREATE TABLE pk.kiosks("
    "  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{2,8}$'),"
    "  role name NOT NULL UNIQUE,"
    "  province text NOT NULL DEFAULT '',"
    "  key_version int NOT NULL DEFAULT 1 CHECK (key_version >= 1),"
    "  added_at timestamptz NOT NULL DEFAULT now());"
    "CREATE TABLE pk.events("
    "  kiosk text NOT NULL REFERENCES pk.kiosks(code),"
    "  seq bigint NOT NULL CHECK (seq > 0),"
    "  kind text NOT NULL CHECK (kind IN ('dossier', 'event', 'print', 'audit')),"
    "  at bigint NOT NULL,"
    "  ref text NOT NULL DEFAULT '',"
    "  s10 text NOT NULL DEFAULT '',"
    "  proc_code text NOT NULL DEFAULT '',"
    "  proc_name text NOT NULL DEFAULT '',"
    "  agency text NOT NULL DEFAULT '',"
    "  unit_id bigint NOT NULL DEFAULT 0,"
    "  unit_name text NOT NULL DEFAULT '',"
    "  form int NOT NULL DEFAULT 0,"
    "  from_status text NOT NULL DEFAULT '',"
    "  status text NOT NULL DEFAULT '',"
    "  created_at bigint NOT NULL DEFAULT 0,"
    "  created_day text NOT NULL DEFAULT '',"
    "  expected_date text NOT NULL DEFAULT '',"
    "  accepted_at bigint NOT NULL DEFAULT 0,"
    "  completed_day text NOT NULL DEFAULT '',"
    "  closed_day text NOT NULL DEFAULT '',"
    "  incident text NOT NULL DEFAULT '',"
    "  fee_post bigint NOT NULL DEFAULT 0,"
    "  fee_collected bigint NOT NULL DEFAULT 0,"
    "  key_version int NOT NULL DEFAULT 1,"
    "  detail text NOT NULL DEFAULT '',"
    "  audit_seq bigint NOT NULL DEFAULT 0,"
    "  audit_hash text NOT NULL DEFAULT '',"
    "  received_at timestamptz NOT NULL DEFAULT now(),"
    "  PRIMARY KEY (kiosk, seq));"
    "CREATE INDEX events_ref ON pk.events(ref) WHERE ref <> '';"
    /* the newest snapshot of each dossier, for tracking and reports */
    "CREATE TABLE pk.dossiers("
    "  kiosk text NOT NULL REFERENCES pk.kiosks(code),"
    "  ref text NOT NULL,"
    "  s10 text NOT NULL DEFAULT '',"
    "  proc_code text NOT NULL DEFAULT '',"
    "  proc_name text NOT NULL DEFAULT '',"
    "  agency text NOT NULL DEFAULT '',"
    "  unit_id bigint NOT NULL DEFAULT 0,"
    "  unit_name text NOT NULL DEFAULT '',"
    "  form int NOT NULL DEFAULT 0,"
    "  status text NOT NULL DEFAULT '',"
    "  created_at bigint NOT NULL DEFAULT 0,"
    "  created_day text NOT NULL DEFAULT '',"
    "  expected_date text NOT NULL DEFAULT '',"
    "  accepted_at bigint NOT NULL DEFAULT 0,"
    "  completed_day text NOT NULL DEFAULT '',"
    "  closed_day text NOT NULL DEFAULT '',"
    "  incident text NOT NULL DEFAULT '',"
    "  fee_post bigint NOT NULL DEFAULT 0,"
    "  fee_collected bigint NOT NULL DEFAULT 0,"
    "  key_version int NOT NULL DEFAULT 1,"
    "  updated_at bigint NOT NULL,"
    "  last_seq bigint NOT NULL,"
    "  PRIMARY KEY (kiosk, ref));"
    "CREATE INDEX dossiers_ref ON pk.dossiers(ref);"
    "CREATE INDEX dossiers_s10 ON pk.dossiers(s10) WHERE s10 <> '';"
    "CREATE INDEX dossiers_day ON pk.dossiers(created_day, kiosk);"
    "CREATE TABLE pk.audit_heads("
    "  kiosk text NOT NULL REFERENCES pk.kiosks(code),"
    "  audit_seq bigint NOT NULL CHECK (audit_seq > 0),"
    "  head text NOT NULL CHECK (head ~ '^[0-9a-f]{64}$'),"
    "  seen_at timestamptz NOT NULL DEFAULT now(),"
    "  PRIMARY KEY (kiosk, audit_seq));"
    "CREATE TABLE pk.kiosk_sync("
    "  kiosk text PRIMARY KEY REFERENCES pk.kiosks(code),"
    "  last_sync_at timestamptz NOT NULL,"
    "  last_seq bigint NOT NULL,"
    "  clock_skew_s bigint NOT NULL DEFAULT 0);"
    /* the roles are the cluster's: another database may have made them */
    "DO $$ BEGIN"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk') THEN"
    "    CREATE ROLE kiosk NOLOGIN; END IF;"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'province') THEN"
    "    CREATE ROLE province NOLOGIN; END IF;"
    "END $$;"
    /* a kiosk role's code; SECURITY DEFINER so that kiosks need not read
     * the roles of the others */
    "CREATE FUNCTION pk.kiosk_of(r name) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER"
    "  SET search_path = pg_catalog, pg_temp"
    "  AS $$ SELECT code FROM pk.kiosks WHERE role = r $$;"
    "REVOKE ALL ON FUNCTION pk.kiosk_of(name) FROM PUBLIC;"
    "GRANT EXECUTE ON FUNCTION pk.kiosk_of(name) TO kiosk, province;"
    /* tracking and reports read pk.dossiers, kept from the events here:
     * the kiosks never write it themselves */
    "CREATE FUNCTION pk.events_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
    "  SET search_path = pg_catalog, pg_temp AS $$"
    "BEGIN"
    "  INSERT INTO pk.audit_heads(kiosk, audit_seq, head)"
    "    SELECT kiosk, audit_seq, audit_hash FROM new_rows"
    "    WHERE kind = 'audit' AND audit_seq > 0 AND audit_hash ~ '^[0-9a-f]{64}$'"
    "    ON CONFLICT DO NOTHING;"
    DOSSIERS_FROM_EVENTS
    "  RETURN NULL;"
    "END $$;"
    "REVOKE ALL ON FUNCTION pk.events_apply() FROM PUBLIC;"
    /* one set-based pass per statement (a whole batch), not one per row */
    "CREATE TRIGGER events_apply AFTER INSERT ON pk.events REFERENCING NEW TABLE AS new_rows"
    "  FOR EACH STATEMENT EXECUTE FUNCTION pk.events_apply();"
    /* privileges: nothing for PUBLIC; the province reads all */
    "REVOKE ALL ON SCHEMA pk FROM PUBLIC;"
    "GRANT USAGE ON SCHEMA pk TO kiosk, province;"
    "GRANT SELECT ON ALL TABLES IN SCHEMA pk TO province;"
    "GRANT SELECT ON pk.central_meta TO kiosk;"
    "GRANT SELECT (code, province, key_version) ON pk.kiosks TO kiosk;"
    "GRANT SELECT, INSERT ON pk.events TO kiosk;"
    "GRANT SELECT (kiosk, ref, s10, proc_code, status, created_at, expected_date,"
    "  completed_day, closed_day, key_version, updated_at)"
    "  ON pk.dossiers TO kiosk;"
    "GRANT SELECT, INSERT ON pk.audit_heads TO kiosk;"
    "GRANT SELECT, INSERT, UPDATE ON pk.kiosk_sync TO kiosk;"
    /* row-level security: a kiosk writes and reads back only its own rows
     * (the code in a sub-select: computed once per statement, not per row) */
    "ALTER TABLE pk.events ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE pk.audit_heads ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE pk.kiosk_sync ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE pk.dossiers ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE pk.kiosks ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY own_insert ON pk.events FOR INSERT TO kiosk"
    "  WITH CHECK (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY own_select ON pk.events FOR SELECT TO kiosk"
    "  USING (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY own_insert ON pk.audit_heads FOR INSERT TO kiosk"
    "  WITH CHECK (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY own_select ON pk.audit_heads FOR SELECT TO kiosk"
    "  USING (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY own_insert ON pk.kiosk_sync FOR INSERT TO kiosk"
    "  WITH CHECK (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY own_update ON pk.kiosk_sync FOR UPDATE TO kiosk"
    "  USING (kiosk = (SELECT pk.kiosk_of(current_user))) WITH CHECK (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY own_select ON pk.kiosk_sync FOR SELECT TO kiosk"
    "  USING (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY tracking ON pk.dossiers FOR SELECT TO kiosk USING (true);"
    "CREATE POLICY key_versions ON pk.kiosks FOR SELECT TO kiosk USING (true);"
    "CREATE POLICY province_read ON pk.events FOR SELECT TO province USING (true);"
    "CREATE POLICY province_read ON pk.audit_heads FOR SELECT TO province USING (true);"
    "CREATE POLICY province_read ON pk.kiosk_sync FOR SELECT TO province USING (true);"
    "CREATE POLICY province_read ON pk.dossiers FOR SELECT TO province USING (true);"
    "CREATE POLICY province_read ON pk.kiosks FOR SELECT TO province USING (true);",
    /* 2: cheaper batches, an index for one province's report (issue 12,
     * performance; figures in the README). The foreign keys from
     * pk.events and pk.dossiers to pk.kiosks checked every row of a batch
     * (a quarter of its insert time): events_apply now checks the batch's
     * kiosks once per statement, and a registered kiosk with rows cannot be
     * removed or renamed. events_ref and dossiers_ref were read by no
     * query (tracking goes by (kiosk, ref), the primary key), and
     * dossiers_day's collation is not the report's COLLATE "C": replaced
     * by (kiosk, created_day COLLATE "C"), one range per post office. */
    "ALTER TABLE pk.events DROP CONSTRAINT IF EXISTS events_kiosk_fkey;"
    "ALTER TABLE pk.dossiers DROP CONSTRAINT IF EXISTS dossiers_kiosk_fkey;"
    "DROP INDEX IF EXISTS pk.events_ref;"
    "DROP INDEX IF EXISTS pk.dossiers_ref;"
    "DROP INDEX IF EXISTS pk.dossiers_day;"
    "CREATE INDEX IF NOT EXISTS dossiers_kiosk_day ON pk.dossiers(kiosk, created_day COLLATE \"C\");"
    "CREATE INDEX IF NOT EXISTS kiosks_province ON pk.kiosks(province);"
    "CREATE FUNCTION pk.events_kiosks_known() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
    "  SET search_path = pg_catalog, pg_temp AS $$"
    "DECLARE unknown text;"
    "BEGIN"
    "  SELECT n.kiosk INTO unknown FROM (SELECT DISTINCT kiosk FROM new_rows) n"
    "    WHERE NOT EXISTS (SELECT 1 FROM pk.kiosks k WHERE k.code = n.kiosk) LIMIT 1;"
    "  IF FOUND THEN"
    "    RAISE EXCEPTION 'kiosk % is not registered in pk.kiosks', unknown"
    "      USING ERRCODE = 'foreign_key_violation';"
    "  END IF;"
    "  RETURN NULL;"
    "END $$;"
    "REVOKE ALL ON FUNCTION pk.events_kiosks_known() FROM PUBLIC;"
    /* named to fire before events_apply (triggers fire in name order) */
    "CREATE TRIGGER events_a_kiosks_known AFTER INSERT ON pk.events"
    "  REFERENCING NEW TABLE AS new_rows"
    "  FOR EACH STATEMENT EXECUTE FUNCTION pk.events_kiosks_known();"
    "CREATE FUNCTION pk.kiosk_keep() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
    "  SET search_path = pg_catalog, pg_temp AS $$"
    "BEGIN"
    "  IF (TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code)"
    "     AND (EXISTS (SELECT 1 FROM pk.events WHERE kiosk = OLD.code)"
    "          OR EXISTS (SELECT 1 FROM pk.dossiers WHERE kiosk = OLD.code)) THEN"
    "    RAISE EXCEPTION 'kiosk % has rows in pk.events', OLD.code"
    "      USING ERRCODE = 'foreign_key_violation';"
    "  END IF;"
    "  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;"
    "END $$;"
    "REVOKE ALL ON FUNCTION pk.kiosk_keep() FROM PUBLIC;"
    "CREATE TRIGGER kiosk_keep BEFORE DELETE OR UPDATE OF code ON pk.kiosks"
    "  FOR EACH ROW EXECUTE FUNCTION pk.kiosk_keep();",
    /* 3: kiosks restored from an older backup. Each restore opens a new
     * epoch of the kiosk's audit heads (the restored chain goes on at
     * positions the lost one had used); the lost heads stay, named by
     * their restore (seq >= lost_from of an older epoch). */
    "CREATE TABLE pk.restores("
    "  kiosk text NOT NULL REFERENCES pk.kiosks(code),"
    "  epoch int NOT NULL CHECK (epoch > 0),"
    "  recorded_at timestamptz NOT NULL DEFAULT now(),"
    "  kiosk_at bigint NOT NULL,"
    "  marked boolean NOT NULL,"
    "  local_seq bigint NOT NULL,"
    "  central_seq bigint NOT NULL,"
    "  ref_seq bigint NOT NULL,"
    "  head_seq bigint NOT NULL,"
    "  lost int NOT NULL CHECK (lost >= 0),"
    "  lost_from bigint NOT NULL,"
    "  lost_to bigint NOT NULL,"
    "  mark_seq bigint NOT NULL CHECK (mark_seq > 0),"
    "  mark text NOT NULL CHECK (mark ~ '^[0-9a-f]{64}$'),"
    "  PRIMARY KEY (kiosk, epoch),"
    "  UNIQUE (kiosk, mark));"
    "ALTER TABLE pk.audit_heads ADD COLUMN epoch int NOT NULL DEFAULT 0;"
    "ALTER TABLE pk.audit_heads DROP CONSTRAINT audit_heads_pkey;"
    "ALTER TABLE pk.audit_heads ADD PRIMARY KEY (kiosk, epoch, audit_seq);"
    "CREATE FUNCTION pk.epoch_of(k text) RETURNS int LANGUAGE sql STABLE SECURITY DEFINER"
    "  SET search_path = pg_catalog, pg_temp"
    "  AS $$ SELECT coalesce(max(epoch), 0) FROM pk.restores WHERE kiosk = k $$;"
    "REVOKE ALL ON FUNCTION pk.epoch_of(text) FROM PUBLIC;"
    "GRANT EXECUTE ON FUNCTION pk.epoch_of(text) TO kiosk, province;"
    /* the heads of a batch go to the kiosk's epoch; one the server has
     * there with another hash fails the batch instead of vanishing in
     * ON CONFLICT DO NOTHING */
    "CREATE OR REPLACE FUNCTION pk.events_apply() RETURNS trigger LANGUAGE plpgsql"
    "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
    "DECLARE bad bigint;"
    "BEGIN"
    "  SELECT n.audit_seq INTO bad FROM new_rows n JOIN pk.audit_heads h"
    "    ON h.kiosk = n.kiosk AND h.epoch = pk.epoch_of(n.kiosk) AND h.audit_seq = n.audit_seq"
    "    WHERE n.kind = 'audit' AND h.head <> n.audit_hash LIMIT 1;"
    "  IF bad IS NOT NULL THEN"
    "    RAISE EXCEPTION 'audit head % differs from the one the province has', bad"
    "      USING ERRCODE = 'unique_violation';"
    "  END IF;"
    "  INSERT INTO pk.audit_heads(kiosk, epoch, audit_seq, head)"
    "    SELECT kiosk, pk.epoch_of(kiosk), audit_seq, audit_hash FROM new_rows"
    "    WHERE kind = 'audit' AND audit_seq > 0 AND audit_hash ~ '^[0-9a-f]{64}$'"
    "    ON CONFLICT DO NOTHING;"
    DOSSIERS_FROM_EVENTS
    "  RETURN NULL;"
    "END $$;"
    "GRANT SELECT ON pk.restores TO province;"
    "GRANT SELECT, INSERT ON pk.restores TO kiosk;"
    "ALTER TABLE pk.restores ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY own_insert ON pk.restores FOR INSERT TO kiosk"
    "  WITH CHECK (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY own_select ON pk.restores FOR SELECT TO kiosk"
    "  USING (kiosk = (SELECT pk.kiosk_of(current_user)));"
    "CREATE POLICY province_read ON pk.restores FOR SELECT TO province USING (true);",
    /* 4: the personal data a kiosk's [sync] share lets leave (NULL: not
     * shared, or purged at the kiosk). The province reads them (its
     * SELECT is on the whole table); a kiosk writes them on its own rows
     * only and reads no one's (its SELECT is on other columns). */
    "ALTER TABLE pk.dossiers ADD COLUMN name text, ADD COLUMN id_number text,"
    "  ADD COLUMN phone text, ADD COLUMN email text, ADD COLUMN address text;"
    "GRANT UPDATE (name, id_number, phone, email, address) ON pk.dossiers TO kiosk;"
    "CREATE POLICY own_update ON pk.dossiers FOR UPDATE TO kiosk"
    "  USING (kiosk = (SELECT pk.kiosk_of(current_user)))"
    "  WITH CHECK (kiosk = (SELECT pk.kiosk_of(current_user)));",
};

enum { LATEST = (int)(sizeof migrations / sizeof migrations[0]) };

int central_schema_latest(void)
{
    return LATEST;
}

bool central_schema_version(pgc *c, int *version, char *why, size_t whysz)
{
    char v[32];
    *version = 0;
    if (!pgc_query1(c, "SELECT to_regclass('pk.central_meta') IS NOT NULL", 0, NULL, v, sizeof v,
                    NULL, why, whysz))
        return false;
    if (strcmp(v, "t") != 0)
        return true;
    if (!pgc_query1(c, "SELECT max(version) FROM pk.central_meta", 0, NULL, v, sizeof v, NULL, why,
                    whysz))
        return false;
    *version = atoi(v);
    return true;
}

static void rollback(pgc *c)
{
    char ignored[64];
    pgc_exec(c, "ROLLBACK", ignored, sizeof ignored);
}

static void too_new(int version, char *why, size_t whysz)
{
    snprintf(why, whysz,
             _("the central database has schema version %d, newer than this program knows (%d): "
               "upgrade postkiosk"),
             version, LATEST);
}

pk_err central_init(pgc *c, int *from, int *to, char *why, size_t whysz)
{
    *from = *to = 0;
    if (!pgc_exec(c, "BEGIN", why, whysz))
        return PK_EIO;
    /* two `central init` at once: the second waits, then finds it done */
    int version = 0;
    if (!pgc_exec(c, "SELECT pg_advisory_xact_lock(7301200012)", why, whysz) ||
        !central_schema_version(c, &version, why, whysz)) {
        rollback(c);
        return PK_EIO;
    }
    *from = *to = version;
    if (version > LATEST) {
        rollback(c);
        too_new(version, why, whysz);
        return PK_ESTATE;
    }
    for (int i = version; i < LATEST; i++)
        if (!pgc_exec(c, migrations[i], why, whysz)) {
            rollback(c);
            return PK_EIO;
        }
    char sql[64];
    snprintf(sql, sizeof sql, "UPDATE pk.central_meta SET version = %d", LATEST);
    if (!pgc_exec(c, sql, why, whysz) || !pgc_exec(c, "COMMIT", why, whysz)) {
        rollback(c);
        return PK_EIO;
    }
    *to = LATEST;
    return PK_OK;
}

bool central_schema_check(pgc *c, char *why, size_t whysz)
{
    int version = 0;
    if (!central_schema_version(c, &version, why, whysz))
        return false;
    if (version > LATEST) {
        too_new(version, why, whysz);
        return false;
    }
    if (version < LATEST) {
        snprintf(why, whysz,
                 _("the central database has schema version %d, older than this program's (%d): "
                   "run postkiosk central init there"),
                 version, LATEST);
        return false;
    }
    return true;
}

static bool code_ok(const char *code)
{
    size_t n = strlen(code);
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(isdigit((unsigned char)code[i]) || (code[i] >= 'A' && code[i] <= 'Z')))
            return false;
    return true;
}

/* CREATE ROLE, or ALTER ROLE when it exists: the password as a SCRAM
 * verifier, so the clear text is in no statement. */
static pk_err login_role(pgc *c, const char *role, const char *group, const char *password,
                         char *why, size_t whysz)
{
    int rows = 0;
    const char *p[1] = {role};
    if (!pgc_query1(c, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, p, NULL, 0, &rows, why,
                    whysz))
        return PK_EIO;
    char *ident = pgc_ident(c, role);
    char *verifier = pgc_password_verifier(c, role, password);
    pk_err e = PK_OK;
    if (!ident || !verifier) {
        pgc_why(c, _("central server"), why, whysz);
        e = PK_EIO;
    } else {
        size_t n = strlen(ident) + strlen(verifier) + strlen(group) + 96;
        char *sql = xmalloc(n);
        if (rows)
            snprintf(sql, n, "ALTER ROLE %s WITH LOGIN PASSWORD '%s'", ident, verifier);
        else
            snprintf(sql, n, "CREATE ROLE %s WITH LOGIN PASSWORD '%s' IN ROLE %s", ident, verifier,
                     group);
        if (!pgc_exec(c, sql, why, whysz))
            e = PK_EIO;
        mem_wipe(sql, n);
        free(sql);
        if (e == PK_OK && rows) {
            /* an existing role must be in the group too */
            n = strlen(ident) + strlen(group) + 16;
            sql = xmalloc(n);
            snprintf(sql, n, "GRANT %s TO %s", group, ident);
            if (!pgc_exec(c, sql, why, whysz))
                e = PK_EIO;
            free(sql);
        }
    }
    pgc_free(ident);
    if (verifier)
        mem_wipe(verifier, strlen(verifier));
    pgc_free(verifier);
    return e;
}

pk_err central_kiosk_add(pgc *c, const char *code, const char *province, int key_version,
                         const char *password, char *role, size_t rolesz, char *why,
                         size_t whysz)
{
    if (!code_ok(code)) {
        snprintf(why, whysz, "%s", _("code must be 2 to 8 capital letters or digits, e.g. LS01"));
        return PK_EINVAL;
    }
    if (key_version < 1) {
        snprintf(why, whysz, "%s", _("the key version must be 1 or more"));
        return PK_EINVAL;
    }
    char name[32] = "kiosk_";
    for (size_t i = 0; code[i]; i++)
        name[6 + i] = (char)tolower((unsigned char)code[i]);
    str_copy(role, rolesz, name);
    if (!central_schema_check(c, why, whysz))
        return PK_ESTATE;
    if (!pgc_exec(c, "BEGIN", why, whysz))
        return PK_EIO;
    pk_err e = login_role(c, name, "kiosk", password, why, whysz);
    char kv[16];
    snprintf(kv, sizeof kv, "%d", key_version);
    const char *p[4] = {code, name, province ? province : "", kv};
    if (e == PK_OK &&
        !pgc_query1(c,
                    "INSERT INTO pk.kiosks(code, role, province, key_version)"
                    " VALUES ($1, $2, $3, $4::int) ON CONFLICT (code) DO UPDATE"
                    " SET province = EXCLUDED.province, key_version = EXCLUDED.key_version",
                    4, p, NULL, 0, NULL, why, whysz))
        e = PK_EIO;
    if (e == PK_OK && !pgc_exec(c, "COMMIT", why, whysz))
        e = PK_EIO;
    if (e != PK_OK)
        rollback(c);
    return e;
}

pk_err central_province_user_add(pgc *c, const char *user, const char *password, char *why,
                                 size_t whysz)
{
    size_t n = strlen(user);
    bool ok = n >= 2 && n <= 48;
    for (size_t i = 0; ok && i < n; i++)
        ok = isdigit((unsigned char)user[i]) || (user[i] >= 'a' && user[i] <= 'z') || user[i] == '_';
    if (!ok || strncmp(user, "kiosk", 5) == 0 || strcmp(user, "province") == 0) {
        snprintf(why, whysz, "%s",
                 _("a province user name is 2 to 48 small letters, digits or _, and does not "
                   "start with kiosk"));
        return PK_EINVAL;
    }
    if (!central_schema_check(c, why, whysz))
        return PK_ESTATE;
    if (!pgc_exec(c, "BEGIN", why, whysz))
        return PK_EIO;
    pk_err e = login_role(c, user, "province", password, why, whysz);
    if (e == PK_OK && !pgc_exec(c, "COMMIT", why, whysz))
        e = PK_EIO;
    if (e != PK_OK)
        rollback(c);
    return e;
}

bool central_my_kiosk(pgc *c, char *code, size_t codesz, char *why, size_t whysz)
{
    return pgc_query1(c, "SELECT coalesce(pk.kiosk_of(current_user), '')", 0, NULL, code, codesz,
                      NULL, why, whysz);
}
