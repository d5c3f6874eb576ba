/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Demonstration slides: the texts from a data snapshot (what is said
 * when something is missing), and the snapshot read from a store seeded
 * with the shipped catalog, live dossiers and a sample that must not
 * count. Messages are checked in English (the msgids). */
#include <CUnit/CUnit.h>
#include <string.h>
#include <time.h>

#include "slides.h"
#include "store_fixture.h"
#include "i18n.h"
#include "store_import.h"
#include "unit.h"

static slide_data sample_data(void)
{
    slide_data d;
    memset(&d, 0, sizeof d);
    d.procs_total = 42;
    d.procs_submit = 33;
    d.procs_return = 38;
    d.nexamples = 2;
    str_copy(d.examples[0].name_vi, PK_TEXT_MAX, "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam");
    str_copy(d.examples[0].name_en, PK_TEXT_MAX, "Criminal record certificate (citizen)");
    d.examples[0].fee_vnd = 200000;
    str_copy(d.examples[1].name_vi, PK_TEXT_MAX, "Đăng ký khai sinh");
    d.costly = d.examples[0];
    d.have_costly = true;
    d.have_tariff = true;
    d.charge_send = 24000;
    d.charge_return = 24000;
    d.charge_both = 45000;
    d.have_figures = true;
    d.year = 2026;
    d.total = 120;
    d.completed = 80;
    d.on_time = 78;
    d.lost = 0;
    str_copy(d.hotline, sizeof d.hotline, "1900 545481");
    str_copy(d.info_url, sizeof d.info_url, "https://dichvucong.gov.vn");
    return d;
}

static bool has(const slide *s, const char *needle)
{
    bool ok = strstr(s->body.data, needle) != NULL;
    if (!ok)
        fprintf(stderr, "\nmissing \"%s\" in:\n%s\n", needle, s->body.data);
    return ok;
}

TEST(slides, test_every_slide_has_words, "every slide has a title and words")
{
    slide_data d = sample_data();
    for (int id = 0; id < SLIDE__COUNT; id++) {
        slide s;
        slides_build(&d, (slide_id)id, "en", &s);
        CU_ASSERT_EQUAL((int)s.id, id);
        CU_ASSERT(strlen(s.title) > 5);
        CU_ASSERT(strlen(s.body.data) > 20);
        CU_ASSERT_EQUAL(s.qr != NULL, id == SLIDE_CLOSING);
        slide_free(&s);
    }
}

TEST(slides, test_texts_from_data, "texts from the data")
{
    slide_data d = sample_data();
    slide s;
    slides_build(&d, SLIDE_PROCEDURES, "en", &s);
    CU_ASSERT_TRUE(has(&s, "Of the 42 procedures in this kiosk, 33 can be sent by post and 38"));
    /* legal names stay Vietnamese, with the English gloss */
    CU_ASSERT_TRUE(has(&s, "• Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam "
                           "(Criminal record certificate (citizen))\n"));
    CU_ASSERT_TRUE(has(&s, "• Đăng ký khai sinh\n"));
    slide_free(&s);
    slides_build(&d, SLIDE_PROCEDURES, "vi", &s);
    CU_ASSERT_TRUE(has(&s, "• Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam\n"));
    slide_free(&s);

    slides_build(&d, SLIDE_COSTS, "en", &s);
    CU_ASSERT_TRUE(has(&s, "• Send the dossier: 24,000 VND\n"));
    CU_ASSERT_TRUE(has(&s, "• Both ways: 45,000 VND\n"));
    CU_ASSERT_TRUE(has(&s, "Fee 200,000 VND, plus postage both ways 45,000 VND: 245,000 VND"));
    slide_free(&s);
    slides_build(&d, SLIDE_COSTS, "vi", &s);
    CU_ASSERT_TRUE(has(&s, "24.000 đ"));
    slide_free(&s);

    slides_build(&d, SLIDE_FIGURES, "en", &s);
    CU_ASSERT_STRING_EQUAL(s.title, "The year 2026 in figures");
    CU_ASSERT_TRUE(has(&s, "120 dossiers sent through this kiosk this year.\n"));
    CU_ASSERT_TRUE(has(&s, "98% of the finished ones were back on time (78 of 80).\n"));
    CU_ASSERT_TRUE(has(&s, "Items lost: none.\n"));
    slide_free(&s);

    slides_build(&d, SLIDE_SAFE, "en", &s);
    CU_ASSERT_TRUE(has(&s, "Sealed in front of you"));
    CU_ASSERT_TRUE(has(&s, "original or copy"));
    CU_ASSERT_TRUE(has(&s, "Article 14"));
    slide_free(&s);

    slides_build(&d, SLIDE_CLOSING, "en", &s);
    CU_ASSERT_STRING_EQUAL(s.qr, "https://dichvucong.gov.vn");
    CU_ASSERT_TRUE(has(&s, "Hotline: 1900 545481\n"));
    slide_free(&s);
}

/* What the slides say when the store could not give something. */
TEST(slides, test_missing_parts, "what is said when parts are missing")
{
    slide_data d;
    memset(&d, 0, sizeof d);
    slide s;
    slides_build(&d, SLIDE_PROCEDURES, "en", &s);
    CU_ASSERT_TRUE(has(&s, "not loaded"));
    slide_free(&s);
    slides_build(&d, SLIDE_COSTS, "en", &s);
    CU_ASSERT_TRUE(has(&s, "ask at the counter for the postal charge"));
    CU_ASSERT_FALSE(strstr(s.body.data, "VND") != NULL);
    slide_free(&s);
    slides_build(&d, SLIDE_FIGURES, "en", &s);
    CU_ASSERT_STRING_EQUAL(s.title, "In figures");
    CU_ASSERT_TRUE(has(&s, "cannot be read"));
    slide_free(&s);
    slides_build(&d, SLIDE_CLOSING, "en", &s);
    CU_ASSERT_PTR_NULL(s.qr);
    CU_ASSERT_TRUE(has(&s, "Ask at the counter"));
    CU_ASSERT_FALSE(strstr(s.body.data, "Hotline") != NULL);
    slide_free(&s);
    /* figures present, but nothing yet / nothing finished / one lost */
    d.have_figures = true;
    slides_build(&d, SLIDE_FIGURES, "en", &s);
    CU_ASSERT_TRUE(has(&s, "The service is new"));
    slide_free(&s);
    d.total = 1;
    d.lost = 1;
    slides_build(&d, SLIDE_FIGURES, "en", &s);
    CU_ASSERT_TRUE(has(&s, "1 dossier sent through"));
    CU_ASSERT_TRUE(has(&s, "None has finished yet"));
    CU_ASSERT_TRUE(has(&s, "Items lost: 1.\n"));
    slide_free(&s);
}

TEST(slides, test_load_from_store, "data read from a seeded store")
{
    fx_dir fx;
    fx_init(&fx);
    store *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &db, NULL, 0), PK_OK);
    char err[256] = "";
    CU_ASSERT_EQUAL_FATAL(catalog_import_dir(db, "data", err, sizeof err), PK_OK);
    int64_t now = (int64_t)time(NULL);
    dossier live = fx_dossier("1.001193", "Nguyễn Văn An");
    live.created_at = now;
    CU_ASSERT_EQUAL(store_dossier_create(db, &live, "RA", "kiosk", NULL), PK_OK);
    dossier sample = fx_dossier("1.001193", "Trần Thị Mẫu");
    sample.created_at = now;
    sample.sample = true;
    CU_ASSERT_EQUAL(store_dossier_create(db, &sample, "RA", "kiosk", NULL), PK_OK);

    config cfg;
    config_defaults(&cfg);
    str_copy(cfg.info_url, sizeof cfg.info_url, "https://example.vn/bccI");
    str_copy(cfg.scope, sizeof cfg.scope, "province");
    slide_data d;
    slides_load(db, &cfg, now, &d);
    CU_ASSERT_EQUAL(d.procs_total, store_procedure_count(db));
    CU_ASSERT(d.procs_submit > 0 && d.procs_submit < d.procs_total);
    CU_ASSERT(d.procs_return > 0 && d.procs_return <= d.procs_total);
    CU_ASSERT_EQUAL(d.nexamples, SLIDES_EXAMPLES);
    /* the examples come from different fields first: no two the same here */
    for (int i = 0; i < d.nexamples; i++)
        for (int j = i + 1; j < d.nexamples; j++)
            CU_ASSERT_STRING_NOT_EQUAL(d.examples[i].name_vi, d.examples[j].name_vi);
    CU_ASSERT_TRUE(d.have_costly);
    CU_ASSERT(d.costly.fee_vnd > 0);
    CU_ASSERT_TRUE(d.have_tariff);
    CU_ASSERT(d.charge_send > 0 && d.charge_both >= d.charge_send);
    CU_ASSERT_TRUE(d.have_figures);
    CU_ASSERT_EQUAL(d.total, 1);       /* the sample does not count */
    CU_ASSERT_EQUAL(d.lost, 0);
    CU_ASSERT_STRING_EQUAL(d.info_url, "https://example.vn/bccI");
    store_close(db);

    /* no store: contact details only, every part marked missing */
    slides_load(NULL, &cfg, now, &d);
    CU_ASSERT_FALSE(d.have_tariff || d.have_figures || d.procs_total);
    CU_ASSERT_STRING_EQUAL(d.info_url, "https://example.vn/bccI");
    fx_cleanup(&fx);
}

/* Messages are checked as written in the code (English): other suites may
 * have left another language on. */
static int english(void)
{
    i18n_set_lang("en");
    return 0;
}

SUITE(slides, english, NULL);
