/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Notification templates: every event renders in Vietnamese and English at
 * its longest realistic length within 2 SMS segments (Vietnamese is UCS-2:
 * 134 characters), never carries anything but reference, status and date;
 * segment counting follows GSM 03.38 / UCS-2. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "notify_text.h"
#include "unit.h"

static const char *events[] = {"registered", "handed", "supplement", "agency_rejected",
                               "result_ready", "out_for_delivery", "delivery_failed",
                               "returned", "delivered", "incident"};

static int setup(void)
{
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "C.UTF-8", 1);
    return i18n_init(NULL) ? 0 : 1;
}

static int teardown(void)
{
    i18n_set_lang("en");
    return 0;
}

TEST(notify_text, segments_counted, "GSM-7 and UCS-2 segments")
{
    bool u = true;
    CU_ASSERT_EQUAL(sms_segments("", &u), 0);
    char buf[400];
    memset(buf, 'a', 160);
    buf[160] = '\0';
    CU_ASSERT_EQUAL(sms_segments(buf, &u), 1);
    CU_ASSERT_FALSE(u);
    buf[160] = 'a';
    buf[161] = '\0';
    CU_ASSERT_EQUAL(sms_segments(buf, &u), 2);   /* 161 septets: 153 + 8 */
    memset(buf, 'a', 306);
    buf[306] = '\0';
    CU_ASSERT_EQUAL(sms_segments(buf, NULL), 2);
    buf[306] = 'a';
    buf[307] = '\0';
    CU_ASSERT_EQUAL(sms_segments(buf, NULL), 3);
    /* the euro sign is GSM-7 but takes two septets */
    memset(buf, 'a', 159);
    strcpy(buf + 159, "\xe2\x82\xac");
    CU_ASSERT_EQUAL(sms_segments(buf, &u), 2);
    CU_ASSERT_FALSE(u);
    /* one Vietnamese letter makes the whole text UCS-2: 70 a segment */
    size_t n = 0;
    for (int i = 0; i < 70; i++) {
        memcpy(buf + n, "\xe1\xbb\x87", 3);   /* ệ */
        n += 3;
    }
    buf[n] = '\0';
    CU_ASSERT_EQUAL(sms_segments(buf, &u), 1);
    CU_ASSERT_TRUE(u);
    strcpy(buf + n, "a");
    CU_ASSERT_EQUAL(sms_segments(buf, &u), 2);
    CU_ASSERT_EQUAL(sms_segments("\xc3\xa9t\xc3\xa9", &u), 1);   /* é is GSM-7 */
    CU_ASSERT_FALSE(u);
    CU_ASSERT_EQUAL(sms_segments("\xff", &u), 1);                  /* bad byte: UCS-2 */
    CU_ASSERT_TRUE(u);
}

/* every template, both languages, the longest reference a kiosk code of
 * 8 characters and a 7-digit sequence make */
TEST(notify_text, templates_short, "every template fits, both languages")
{
    const char *langs[] = {"vi", "en"};
    const char *refs[] = {"LS01-000042", "LANGSON1-1234567"};
    for (size_t l = 0; l < 2; l++) {
        CU_ASSERT_TRUE_FATAL(i18n_set_lang(langs[l]));
        for (size_t r = 0; r < 2; r++) {
            for (size_t i = 0; i < sizeof events / sizeof *events; i++) {
                char text[320];
                CU_ASSERT_TRUE_FATAL(notify_text(events[i], refs[r], "2026-12-31", text, sizeof text));
                bool u;
                int seg = sms_segments(text, &u);
                CU_ASSERT(seg >= 1 && seg <= 2);
                if (l == 0) {
                    CU_ASSERT_TRUE(u);   /* the Vietnamese is really translated */
                    /* the usual reference fits one segment */
                    if (r == 0)
                        CU_ASSERT_EQUAL(seg, 1);
                } else {
                    CU_ASSERT_FALSE(u);
                    CU_ASSERT_EQUAL(seg, 1);
                }
                CU_ASSERT_PTR_NOT_NULL(strstr(text, refs[r]));
                if (notify_event_dated(events[i]))
                    CU_ASSERT_PTR_NOT_NULL(strstr(text, "31/12/2026"));
            }
        }
    }
    i18n_set_lang("vi");
    char text[320];
    CU_ASSERT_TRUE(notify_text("registered", "LS01-000042", "2026-12-31", text, sizeof text));
    CU_ASSERT_STRING_EQUAL(text, "Bưu điện: hồ sơ LS01-000042 đã tiếp nhận, hẹn trả kết quả 31/12/2026.");
    CU_ASSERT_TRUE(notify_subject("LS01-000042", text, sizeof text));
    CU_ASSERT_STRING_EQUAL(text, "Bưu điện thông báo về hồ sơ LS01-000042");
    i18n_set_lang("en");
}

TEST(notify_text, templates_refuse, "bad event, reference, date refused")
{
    char text[320] = "x";
    CU_ASSERT_FALSE(notify_text("nope", "LS01-000042", "2026-12-31", text, sizeof text));
    CU_ASSERT_STRING_EQUAL(text, "");
    CU_ASSERT_FALSE(notify_text("registered", "LS01-000042", "", text, sizeof text));
    CU_ASSERT_FALSE(notify_text("registered", "LS01-000042", NULL, text, sizeof text));
    CU_ASSERT_FALSE(notify_text("registered", "LS01-000042", "2026-02-30", text, sizeof text));
    CU_ASSERT_FALSE(notify_text("handed", "001234567890", "2026-12-31", text, sizeof text));
    CU_ASSERT_FALSE(notify_text("delivered", NULL, NULL, text, sizeof text));
    char small[16];
    CU_ASSERT_FALSE(notify_text("delivered", "LS01-000042", NULL, small, sizeof small));
    CU_ASSERT_STRING_EQUAL(small, "");
    CU_ASSERT_TRUE(notify_text("delivered", "LS01-000042", NULL, text, sizeof text));
    CU_ASSERT_STRING_EQUAL(notify_event_for(ST_HANDED), "handed");
    CU_ASSERT_PTR_NULL(notify_event_for(ST_ACCEPTED));
    CU_ASSERT_PTR_NULL(notify_event_for(ST_PROCESSING));
    for (int st = 0; st < ST__COUNT; st++)
        if (notify_event_for((dossier_status)st))
            CU_ASSERT_TRUE(notify_event_known(notify_event_for((dossier_status)st)));
}

SUITE(notify_text, setup, teardown);
