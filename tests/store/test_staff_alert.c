/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Call staff reaches staff (issue 14 item 3), the store's part: F4's alert
 * is written with its audit row; the duty message is queued through the
 * outbox only when a duty phone or e-mail is configured, and renders to a
 * text naming the kiosk and the screen; a clerk marks the alert seen
 * (audited, once); bad input changes nothing. */
#include "clerk_fixture.h"
#include "notify_config.h"
#include "notify_text.h"
#include "store_internal.h"
#include "store_notify.h"
#include "unit.h"

static fx_dir fx;
static store *db;


TEST(staff_alert, alert_without_duty, "F4's alert and audit row; no duty message when none is configured")
{
    db = cx_open(&fx);
    staff_alert al;
    CU_ASSERT_EQUAL(store_staff_alert_open(db, &al), PK_ENOTFOUND);
    duty_contact none = {.lang = "vi"};
    int64_t id = 0;
    CU_ASSERT_EQUAL_FATAL(store_staff_alert(db, 1000, "LS01", "review", &none, &id), PK_OK);
    CU_ASSERT_TRUE(id > 0);
    CU_ASSERT_EQUAL_FATAL(store_staff_alert_open(db, &al), PK_OK);
    CU_ASSERT_EQUAL(al.id, id);
    CU_ASSERT_EQUAL(al.at, 1000);
    CU_ASSERT_STRING_EQUAL(al.kiosk, "LS01");
    CU_ASSERT_STRING_EQUAL(al.screen, "review");
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox"), 0);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'call_staff'"
                              " AND object = 'LS01' AND detail = 'screen=review'"), 1);
    CU_ASSERT_EQUAL(store_staff_alert(db, 1001, "LS01", "welcome", NULL, NULL), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox"), 0);
    /* seen by a clerk: audited, the next one shows, twice is refused */
    CU_ASSERT_EQUAL(store_staff_alert_seen(db, id, "nv01", 1010), PK_OK);
    CU_ASSERT_EQUAL(store_staff_alert_seen(db, id, "nv01", 1011), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM audit WHERE action = 'call_staff_seen'"), 1);
    CU_ASSERT_EQUAL_FATAL(store_staff_alert_open(db, &al), PK_OK);
    CU_ASSERT_STRING_EQUAL(al.screen, "welcome");
    CU_ASSERT_EQUAL(store_staff_alert_seen(db, al.id, "nv01", 1012), PK_OK);
    CU_ASSERT_EQUAL(store_staff_alert_open(db, &al), PK_ENOTFOUND);
    /* bad input: nothing written */
    CU_ASSERT_EQUAL(store_staff_alert(db, 1, "LS01", "bad\xff", NULL, NULL), PK_EINVAL);
    CU_ASSERT_EQUAL(store_staff_alert(db, 1, NULL, "review", NULL, NULL), PK_EINVAL);
    CU_ASSERT_EQUAL(store_staff_alert_seen(db, 99, "", 1), PK_EINVAL);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM staff_alerts"), 2);
    cx_close(&db, &fx);
}

TEST(staff_alert, duty_message_when_configured, "the duty phone and e-mail get a message naming kiosk and screen")
{
    db = cx_open(&fx);
    duty_contact duty = {.phone = "0912345678", .email = "truc@example.vn", .lang = "en"};
    CU_ASSERT_EQUAL_FATAL(store_staff_alert(db, 2000, "LS01", "applicant", &duty, NULL), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE event = 'call_staff'"
                              " AND dossier_id = 0 AND ref = 'LS01' AND date = 'applicant'"
                              " AND status = 'pending'"), 2);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE channel = 'sms'"
                              " AND destination = '0912345678'"), 1);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox WHERE channel = 'email'"
                              " AND destination = 'truc@example.vn'"), 1);
    /* the sender claims it like any message and renders its text */
    notify_msg m;
    CU_ASSERT_EQUAL_FATAL(store_notify_claim(db, "sms", "t", 2001, 60, &m), PK_OK);
    CU_ASSERT_STRING_EQUAL(m.event, "call_staff");
    char text[320], subj[128];
    CU_ASSERT_TRUE(notify_text(m.event, m.ref, m.date, text, sizeof text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "LS01"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "applicant"));
    CU_ASSERT_TRUE(notify_subject_call(m.ref, subj, sizeof subj));
    CU_ASSERT_PTR_NOT_NULL(strstr(subj, "LS01"));
    /* only the phone: one row */
    duty_contact phone = {.phone = "0912345678", .lang = "vi"};
    CU_ASSERT_EQUAL(store_staff_alert(db, 2002, "LS01", "review", &phone, NULL), PK_OK);
    CU_ASSERT_EQUAL(cx_int(db, "SELECT count(*) FROM notify_outbox"), 3);
    /* the template refuses what is no kiosk code or screen name */
    CU_ASSERT_FALSE(notify_text("call_staff", "LS 01", "review", text, sizeof text));
    CU_ASSERT_FALSE(notify_text("call_staff", "LS01", "", text, sizeof text));
    cx_close(&db, &fx);
}

TEST(staff_alert, duty_config, "[notify] duty_phone and duty_email: read, normalised, bad ones refused")
{
    char dir[] = "/tmp/pkduty.XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char path[64], err[256];
    snprintf(path, sizeof path, "%s/p.ini", dir);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("[notify]\nduty_phone = 0912 345 678\nduty_email = truc@example.vn\n", f);
    fclose(f);
    notify_config nc;
    CU_ASSERT_TRUE(notify_config_load(&nc, path, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(nc.duty_phone, "0912345678");
    CU_ASSERT_STRING_EQUAL(nc.duty_email, "truc@example.vn");
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("[notify]\nduty_phone = 12345\n", f);
    fclose(f);
    CU_ASSERT_FALSE(notify_config_load(&nc, path, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "duty_phone"));
    remove(path);
    rmdir(dir);
}

SUITE(staff_alert, NULL, NULL);
