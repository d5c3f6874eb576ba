/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The practice sandbox: its own file, seeded fresh with the shipped data
 * and one made-up dossier on its way; reset throws practice away; close
 * removes every file; it refuses to be the live database; the live
 * database is never touched. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pkt_helpers.h"
#include "practice.h"
#include "store_demo.h"
#include "store_fixture.h"
#include "i18n.h"
#include "unit.h"

static bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static void live_config(const fx_dir *fx, config *cfg)
{
    config_defaults(cfg);
    str_copy(cfg->home, sizeof cfg->home, fx->dir);
    str_copy(cfg->db_path, sizeof cfg->db_path, fx->db_path);
    str_copy(cfg->data_dir, sizeof cfg->data_dir, "data");
}

TEST(practice, test_open_seed_close, "sandbox: fresh, example, reset, removed; live untouched")
{
    fx_dir fx;
    fx_init(&fx);
    config cfg;
    live_config(&fx, &cfg);
    /* a live database with a real-looking dossier */
    store *live = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(fx.db_path, &live, NULL, 0), PK_OK);
    procedure p = fx_proc("1.001193", "Đăng ký khai sinh", "Birth registration", "Hộ tịch", true);
    CU_ASSERT_EQUAL(store_procedures_replace(live, &p, 1), PK_OK);
    dossier d = fx_dossier("1.001193", "Nguyễn Văn Thật");
    CU_ASSERT_EQUAL(store_dossier_create(live, &d, "RA", "kiosk", NULL), PK_OK);
    store_close(live);
    size_t n0 = 0, n1 = 0;
    /* the bytes of the live file, to prove it does not change */
    unsigned char *before = pkt_slurp(fx.db_path, &n0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(before);

    practice sb;
    char msg[256] = "";
    CU_ASSERT_EQUAL_FATAL(practice_open(&sb, &cfg, msg, sizeof msg), PK_OK);
    CU_ASSERT_STRING_NOT_EQUAL(sb.path, cfg.db_path);
    CU_ASSERT_TRUE(exists(sb.path));
    /* the shipped catalog, and one made-up sample dossier being processed */
    CU_ASSERT(store_procedure_count(sb.db) > 10);
    int64_t total, samples;
    CU_ASSERT_EQUAL(store_demo_counts(sb.db, &total, &samples), PK_OK);
    CU_ASSERT_EQUAL(total, 1);
    CU_ASSERT_EQUAL(samples, 1);
    dossier ex;
    CU_ASSERT_EQUAL_FATAL(store_dossier_get(sb.db, "MAU-000001", &ex), PK_OK);
    CU_ASSERT_TRUE(ex.sample);
    CU_ASSERT_EQUAL(ex.status, ST_PROCESSING);
    CU_ASSERT_STRING_EQUAL(ex.kiosk_code, PRACTICE_KIOSK_CODE);
    dossier_event ev[8];
    int nev = 0;
    CU_ASSERT_EQUAL(store_dossier_events(sb.db, "MAU-000001", ev, 8, &nev), PK_OK);
    CU_ASSERT_EQUAL(nev, 5);   /* registered, accepted, in transit, handed, processing */
    /* nothing of the live database is in the sandbox */
    CU_ASSERT_EQUAL(store_dossier_get(sb.db, d.ref, &ex), PK_ENOTFOUND);

    config pc;
    practice_config(&cfg, &sb, &pc);
    CU_ASSERT_STRING_EQUAL(pc.db_path, sb.path);
    CU_ASSERT_STRING_EQUAL(pc.kiosk_code, PRACTICE_KIOSK_CODE);
    CU_ASSERT_STRING_EQUAL(pc.home, cfg.home);

    /* practise: a new dossier; reset throws it away */
    dossier mine = fx_dossier("1.001193", "Trần Văn Thử");
    mine.sample = true;
    str_copy(mine.kiosk_code, sizeof mine.kiosk_code, PRACTICE_KIOSK_CODE);
    CU_ASSERT_EQUAL(store_dossier_create(sb.db, &mine, "RA", "kiosk", NULL), PK_OK);
    CU_ASSERT_STRING_EQUAL(mine.ref, "MAU-000002");
    CU_ASSERT_EQUAL(practice_reset(&sb, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(store_demo_counts(sb.db, &total, &samples), PK_OK);
    CU_ASSERT_EQUAL(total, 1);
    CU_ASSERT_EQUAL(store_dossier_get(sb.db, "MAU-000002", &ex), PK_ENOTFOUND);

    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", sb.path);
    char path[600];
    str_copy(path, sizeof path, sb.path);
    practice_close(&sb);
    CU_ASSERT_FALSE(exists(path));
    CU_ASSERT_FALSE(exists(wal));
    CU_ASSERT_PTR_NULL(sb.db);
    practice_close(&sb);     /* twice is harmless */

    /* the live database: byte for byte the same */
    unsigned char *after = pkt_slurp(fx.db_path, &n1);
    CU_ASSERT_EQUAL_FATAL(n0, n1);
    CU_ASSERT_EQUAL(memcmp(before, after, n0), 0);
    free(before);
    free(after);
    fx_cleanup(&fx);
}

TEST(practice, test_refuses_live_and_bad_data, "refuses the live file and missing data")
{
    fx_dir fx;
    fx_init(&fx);
    config cfg;
    live_config(&fx, &cfg);
    practice sb;
    char msg[256] = "";
    /* a configuration whose live database is where the sandbox would go */
    snprintf(cfg.db_path, sizeof cfg.db_path, "%s/practice.db", fx.dir);
    CU_ASSERT_EQUAL(practice_open(&sb, &cfg, msg, sizeof msg), PK_EPERM);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "live database"));
    CU_ASSERT_PTR_NULL(sb.db);
    /* the same file under another name (a symbolic link) */
    char real[200];
    snprintf(real, sizeof real, "%s/real.db", fx.dir);
    FILE *f = fopen(real, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    CU_ASSERT_EQUAL(symlink(real, cfg.db_path), 0);
    str_copy(cfg.db_path, sizeof cfg.db_path, real);
    CU_ASSERT_EQUAL(practice_open(&sb, &cfg, msg, sizeof msg), PK_EPERM);
    unlink(cfg.db_path);
    char link[200];
    snprintf(link, sizeof link, "%s/practice.db", fx.dir);
    unlink(link);
    /* no shipped data: a clear failure and no file left behind */
    live_config(&fx, &cfg);
    str_copy(cfg.data_dir, sizeof cfg.data_dir, "/nonexistent/data");
    msg[0] = '\0';
    CU_ASSERT_NOT_EQUAL(practice_open(&sb, &cfg, msg, sizeof msg), PK_OK);
    CU_ASSERT(strlen(msg) > 0);
    CU_ASSERT_PTR_NULL(sb.db);
    CU_ASSERT_FALSE(exists(link));
    fx_cleanup(&fx);
}

/* Messages are checked as written in the code (English): other suites may
 * have left another language on. */
static int english(void)
{
    i18n_set_lang("en");
    return 0;
}

SUITE(practice, english, NULL);
