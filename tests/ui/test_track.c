/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Track (issue 11, item 10): a typed reference or S10 number shows nothing
 * without the last 4 digits of the ID or phone number on the dossier; a
 * signed QR needs none; failures are counted per kiosk in the database,
 * slow down after five, and are audited without personal data. Digits and
 * Enter are enough. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "receipt.h"
#include "snap.h"
#include "store_clerk.h"
#include "store_lookup.h"
#include "unit.h"
#include "util.h"

static void new_dossier(snap_env *e, dossier *d)
{
    memset(d, 0, sizeof *d);
    str_copy(d->proc_code, sizeof d->proc_code, "1.001193");
    d->form = FORM_BOTH;
    str_copy(d->name, sizeof d->name, "Nguyễn Văn An");
    str_copy(d->id_number, sizeof d->id_number, "020195001234");
    str_copy(d->phone, sizeof d->phone, "0912345678");
    str_copy(d->lang, sizeof d->lang, "en");
    d->consent_process = true;
    str_copy(d->kiosk_code, sizeof d->kiosk_code, "LS01");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(e->db, d, "RA", "kiosk", NULL), PK_OK);
}

static int audited(snap_env *e, const char *what, const char *object, const char *detail)
{
    audit_row rows[128];
    int n = 0, k = 0;
    store_audit_list(e->db, 0, rows, 128, &n);
    for (int i = 0; i < n; i++)
        if (!strcmp(rows[i].action, what) && (!object || !strcmp(rows[i].object, object)) &&
            (!detail || !strcmp(rows[i].detail, detail)))
            k++;
    return k;
}

static bool audit_clean(snap_env *e)
{
    audit_row rows[128];
    int n = 0;
    store_audit_list(e->db, 0, rows, 128, &n);
    for (int i = 0; i < n; i++)
        if (strstr(rows[i].detail, "1234") || strstr(rows[i].detail, "5678") ||
            strstr(rows[i].object, "1234") || strstr(rows[i].object, "5678") ||
            strstr(rows[i].detail, "Nguy"))
            return false;
    return true;
}

static void to_track(snap_env *e, const char *number)
{
    while (strcmp(snap_top(e), "welcome") != 0)
        snap_key(e, TK_ESC);
    snap_act(e, ACT_CHOOSE, 4);
    CU_ASSERT_STRING_EQUAL(snap_top(e), "track");
    snap_type(e, number);
    snap_key(e, TK_ENTER);
}

TEST(track, typed_number_needs_second_factor, "a typed number needs the last 4 digits")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    dossier d;
    new_dossier(&e, &d);
    /* the number alone: the digits are asked for, nothing is shown */
    to_track(&e, d.ref);
    CU_ASSERT_TRUE(snap_has("Last 4 digits"));
    CU_ASSERT_TRUE(snap_lacks("Nguyễn V. A."));
    CU_ASSERT_TRUE(snap_lacks("Birth"));
    /* wrong digits: refused, counted, audited with the reference only */
    snap_type(&e, "9999");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("do not match"));
    CU_ASSERT_TRUE(snap_lacks("Nguyễn V. A."));
    CU_ASSERT_EQUAL(audited(&e, "track_failed", d.ref, "second_factor"), 1);
    /* the last 4 digits of the ID number: shown */
    snap_type(&e, "1234");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("Nguyễn V. A."));
    CU_ASSERT_EQUAL(audited(&e, "kiosk_lookup", d.ref, NULL), 1);
    /* lower case, and the phone's digits */
    char lower[PK_REF_MAX];
    str_copy(lower, sizeof lower, d.ref);
    lower[0] = 'l';
    lower[1] = 's';
    to_track(&e, lower);
    snap_type(&e, "5678");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("Nguyễn V. A."));
    /* a numeric keypad: the sequence number alone, then the digits */
    to_track(&e, "1");
    CU_ASSERT_TRUE(snap_has("Last 4 digits"));
    snap_type(&e, "5678");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("Nguyễn V. A."));
    /* the S10 number works the same way */
    to_track(&e, d.s10);
    CU_ASSERT_TRUE(snap_lacks("Nguyễn V. A."));
    snap_type(&e, "1234");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("Nguyễn V. A."));
    /* an unknown number gets the same answer as wrong digits */
    to_track(&e, "LS01-999999");
    snap_type(&e, "1234");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("do not match"));
    CU_ASSERT_EQUAL(audited(&e, "track_failed", "LS01-999999", "unknown"), 1);
    /* Esc in the digits goes back to the number */
    to_track(&e, d.ref);
    snap_key(&e, TK_ESC);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    CU_ASSERT_TRUE(snap_lacks("Last 4 digits"));
    CU_ASSERT_TRUE(audit_clean(&e));
    snap_close(&e);
}

/* A dossier that only receives its result has no papers to bring: the
 * walk-through found tracking telling its citizen, in Vietnamese, that
 * the kiosk waited for them to bring their dossier to the counter (the
 * English said only "at the counter"). */
TEST(track, receive_only_brings_no_papers, "receive only: waiting at the counter, no dossier to bring (vi)")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "vi"));
    dossier d;
    memset(&d, 0, sizeof d);
    str_copy(d.proc_code, sizeof d.proc_code, "1.001193");
    d.form = FORM_RETURN;
    str_copy(d.name, sizeof d.name, "Nguyễn Văn An");
    str_copy(d.id_number, sizeof d.id_number, "020195001234");
    str_copy(d.phone, sizeof d.phone, "0912345678");
    str_copy(d.lang, sizeof d.lang, "vi");
    d.consent_process = true;
    str_copy(d.kiosk_code, sizeof d.kiosk_code, "LS01");
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(e.db, &d, "RA", "kiosk", NULL), PK_OK);
    to_track(&e, d.ref);
    snap_type(&e, "1234");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("Nguyễn V. A."));
    CU_ASSERT_TRUE(snap_has("quầy"));
    CU_ASSERT_TRUE(snap_lacks("mang hồ sơ"));
    snap_close(&e);
}

TEST(track, signed_qr_needs_nothing_more, "a signed QR needs nothing more")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    dossier d;
    new_dossier(&e, &d);
    char payload[128];
    CU_ASSERT_EQUAL_FATAL(receipt_payload(&e.cfg, d.ref, d.created_at, payload, sizeof payload),
                          PK_OK);
    event ev = {.act = ACT_SCAN};
    str_copy(ev.text, sizeof ev.text, payload);
    app_feed(&e.a, &ev);
    app_render(&e.a);
    CU_ASSERT_STRING_EQUAL(snap_top(&e), "track");
    CU_ASSERT_TRUE(snap_has("Nguyễn V. A."));
    CU_ASSERT_TRUE(snap_lacks("Last 4 digits"));
    /* forged: refused and audited */
    payload[strlen(payload) - 1] = payload[strlen(payload) - 1] == 'A' ? 'B' : 'A';
    str_copy(ev.text, sizeof ev.text, payload);
    app_feed(&e.a, &ev);
    app_render(&e.a);
    CU_ASSERT_TRUE(snap_has("could not be verified"));
    CU_ASSERT_EQUAL(audited(&e, "scan_rejected", "", "bad_mac"), 1);
    snap_close(&e);
}

/* Five failures in ten minutes: the sixth try waits, even with the right
 * digits, and the count is in the database (a restart keeps it). */
TEST(track, failures_slow_down, "failures slow down, counted in the database")
{
    snap_env e;
    CU_ASSERT_FATAL(snap_open(&e, 24, 80, "en"));
    dossier d;
    new_dossier(&e, &d);
    to_track(&e, d.ref);
    for (int i = 0; i < 5; i++) {
        snap_type(&e, "0000");
        snap_key(&e, TK_ENTER);
    }
    CU_ASSERT_EQUAL(audited(&e, "track_failed", d.ref, "second_factor"), 5);
    CU_ASSERT_TRUE(snap_has("Please wait 2 seconds"));
    snap_type(&e, "1234");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_lacks("Nguyễn V. A."));
    CU_ASSERT_TRUE(snap_has("Too many wrong tries"));
    CU_ASSERT_EQUAL(audited(&e, "track_failed", NULL, NULL), 5);   /* not checked: not counted */
    guard_state g;
    CU_ASSERT_EQUAL(store_guard_get(e.db, "track", &guard_track, e.a.fixed_time, &g), PK_OK);
    CU_ASSERT_EQUAL(g.failures, 5);
    CU_ASSERT_EQUAL(guard_wait(&guard_track, &g, e.a.fixed_time), 2);
    /* the UI is not frozen: keys still work while waiting */
    snap_key(&e, TK_ESC);
    CU_ASSERT_TRUE(snap_lacks("Last 4 digits"));
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("Last 4 digits"));
    /* two seconds later the right digits work */
    e.a.fixed_time += 2;
    snap_type(&e, "1234");
    snap_key(&e, TK_ENTER);
    CU_ASSERT_TRUE(snap_has("Nguyễn V. A."));
    snap_close(&e);
}

SUITE(track, NULL, NULL);
