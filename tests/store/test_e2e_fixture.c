/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Not a test: the dossiers tests/e2e/clerk_flow.sh starts from, written
 * the way the kiosk writes them (store_dossier_create: events and audit
 * seals included), so that the script's database is one the program could
 * have produced. Registers its one step only when the script asks:
 *   PK_FIXTURE_DB=<db> PK_FIXTURE_AUDIT_KEY=<key file> test-runner e2e_fixture */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <time.h>

#include "auth.h"
#include "store_fixture.h"
#include "unit.h"

TEST(e2e_fixture, clerk_flow_dossiers, "clerk_flow.sh dossiers")
{
    auth_ctx key;
    memset(&key, 0, sizeof key);
    CU_ASSERT_EQUAL_FATAL(auth_load_pepper(&key, getenv("PK_FIXTURE_AUDIT_KEY"), NULL, 0), PK_OK);
    store_use_audit_key(key.pepper);
    auth_wipe(&key);
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(getenv("PK_FIXTURE_DB"), &db, NULL, 0), PK_OK);
    const struct { const char *name, *idn, *phone, *street; int64_t age; } who[] = {
        {"Nguyễn Văn An", "020095001234", "0912345678", "12 Trần Đăng Ninh", 60},
        {"Trần Thị Bích", "020185005678", "0387654321", "5 Lê Lợi", 0},
    };
    for (int i = 0; i < 2; i++) {
        dossier d = fx_dossier("1.001193", who[i].name);
        str_copy(d.id_number, sizeof d.id_number, who[i].idn);
        str_copy(d.phone, sizeof d.phone, who[i].phone);
        str_copy(d.street, sizeof d.street, who[i].street);
        str_copy(d.unit_name, sizeof d.unit_name, "Xã Hữu Lũng");
        d.unit_id = 1;
        str_copy(d.expected_date, sizeof d.expected_date, "2026-12-10");
        d.created_at = (int64_t)time(NULL) - who[i].age;
        d.ndocs = 2;
        str_copy(d.docs[1].name_vi, sizeof d.docs[1].name_vi, "Giấy chứng sinh");
        str_copy(d.docs[1].name_en, sizeof d.docs[1].name_en, "Birth certificate");
        str_copy(d.docs[0].name_en, sizeof d.docs[0].name_en, "Form");
        d.docs[1].kind = DOC_COPY;
        d.docs[1].required = d.docs[1].handed = true;
        CU_ASSERT_EQUAL(store_dossier_create(db, &d, "RA", "kiosk", NULL), PK_OK);
    }
    store_close(db);
}

/* Runs only when clerk_flow.sh hands it the database and key it fills. */
static bool fixture_given(void)
{
    return getenv("PK_FIXTURE_DB") && getenv("PK_FIXTURE_AUDIT_KEY");
}

SUITE_WHEN(e2e_fixture, NULL, NULL, fixture_given);
