/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Translations switched at run time under LANG=C.UTF-8 with no vi_VN locale
 * installed, and a partial catalog falling back to Vietnamese. */
#include <CUnit/CUnit.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "unit.h"

static char tmpdir[] = "/tmp/pk-i18n-XXXXXX";
static bool have_tmp;

__attribute__((format(printf, 1, 2)))
static int sh(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

/* A locale dir with the real vi catalog, partial "tay" and "nut" ones compiled
 * here from tests/fixtures/i18n/ ("nut" lacks even its own name). */
static int setup(void)
{
    if (!mkdtemp(tmpdir))
        return 1;
    have_tmp = true;
    const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
    if (sh("mkdir -p %s/vi/LC_MESSAGES %s/tay/LC_MESSAGES %s/nut/LC_MESSAGES", tmpdir, tmpdir, tmpdir) != 0)
        return 1;
    if (sh("cp %s/locale/vi/LC_MESSAGES/postkiosk.mo %s/vi/LC_MESSAGES/", build, tmpdir) != 0)
        return 1;
    if (sh("msgfmt --check -o %s/tay/LC_MESSAGES/postkiosk.mo %s", tmpdir, "tests/fixtures/i18n/tay.po") != 0)
        return 1;
    if (sh("msgfmt --check -o %s/nut/LC_MESSAGES/postkiosk.mo %s", tmpdir, "tests/fixtures/i18n/nut.po") != 0)
        return 1;
    return 0;
}

static int teardown(void)
{
    /* leave the process in English: other suites see plain msgids */
    i18n_set_lang("en");
    if (have_tmp)
        sh("rm -rf %s", tmpdir);
    return 0;
}

TEST(i18n, switches_at_run_time, "switch vi -> en -> vi at run time")
{
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "C.UTF-8", 1);
    CU_ASSERT_TRUE_FATAL(i18n_init(NULL));
    /* there is no Vietnamese locale on this machine, nor is one needed */
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");
    CU_ASSERT_STRING_EQUAL(_("Not found."), "Không tìm thấy.");
    CU_ASSERT_TRUE(i18n_set_lang("en"));
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "en");
    CU_ASSERT_STRING_EQUAL(_("Not found."), "Not found.");
    CU_ASSERT_TRUE(i18n_set_lang("vi"));
    CU_ASSERT_STRING_EQUAL(_("Not found."), "Không tìm thấy.");
    CU_ASSERT_STRING_EQUAL(_("Off"), "Tắt");
    CU_ASSERT_TRUE(i18n_set_lang("en"));
    CU_ASSERT_STRING_EQUAL(_("Off"), "Off");
}

/* LANG names a locale that is not installed (or plain C): still works. */
TEST(i18n, missing_locale_falls_back_to_c_utf8, "missing locale falls back to C.UTF-8")
{
    static const char *const langs[] = {"vi_VN.UTF-8", "C", "POSIX"};
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        unsetenv("LC_ALL");
        setenv("LANG", langs[i], 1);
        CU_ASSERT_TRUE(i18n_init(NULL));
        const char *loc = setlocale(LC_MESSAGES, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(loc);
        CU_ASSERT_STRING_NOT_EQUAL(loc, "C");
        CU_ASSERT_STRING_EQUAL(_("Done."), "Đã xong.");
        /* setting the locale again (terminal set-up does) keeps UTF-8 and
         * the translations: plain setlocale(LC_ALL, "") would give "C" */
        CU_ASSERT_TRUE(i18n_locale());
        CU_ASSERT_STRING_NOT_EQUAL(setlocale(LC_CTYPE, NULL), "C");
        CU_ASSERT_STRING_EQUAL(setlocale(LC_NUMERIC, NULL), "C");
        CU_ASSERT_STRING_EQUAL(_("Done."), "Đã xong.");
    }
    setenv("LANG", "C.UTF-8", 1);
}

/* LC_MESSAGES=C alone would make gettext ignore LANGUAGE. */
TEST(i18n, messages_category_plain_c, "LC_MESSAGES=C alone")
{
    unsetenv("LC_ALL");
    setenv("LANG", "C.UTF-8", 1);
    setenv("LC_MESSAGES", "C", 1);
    CU_ASSERT_TRUE(i18n_init(NULL));
    CU_ASSERT_STRING_NOT_EQUAL(setlocale(LC_MESSAGES, NULL), "C");
    CU_ASSERT_STRING_EQUAL(_("Done."), "Đã xong.");
    unsetenv("LC_MESSAGES");
}

/* The environment's language is the first choice when it is installed. */
TEST(i18n, language_from_environment, "language from the environment")
{
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "en_US.UTF-8", 1);
    CU_ASSERT_TRUE(i18n_init(NULL));
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "en");
    CU_ASSERT_STRING_EQUAL(_("Done."), "Done.");
    setenv("LANG", "fr_FR.UTF-8", 1);                 /* not installed */
    CU_ASSERT_TRUE(i18n_init(NULL));
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");
    setenv("LC_MESSAGES", "en_GB.UTF-8", 1);          /* LC_MESSAGES before LANG */
    CU_ASSERT_TRUE(i18n_init(NULL));
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "en");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "C.UTF-8", 1);
    CU_ASSERT_TRUE(i18n_init(NULL));
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");
}

TEST(i18n, partial_catalog_falls_back_to_vietnamese, "partial catalog falls back to Vietnamese")
{
    CU_ASSERT_TRUE_FATAL(i18n_init(tmpdir));
    CU_ASSERT_TRUE(i18n_set_lang("tay"));
    CU_ASSERT_STRING_EQUAL(_("Done."), "[tay] Done.");
    CU_ASSERT_STRING_EQUAL(_("Not found."), "Không tìm thấy.");
    CU_ASSERT_TRUE(i18n_set_lang("vi"));
    CU_ASSERT_STRING_EQUAL(_("Done."), "Đã xong.");
    /* English needs no catalog: the msgids are English */
    CU_ASSERT_TRUE(i18n_set_lang("en"));
    CU_ASSERT_STRING_EQUAL(_("Done."), "Done.");
}

TEST(i18n, lists_installed_languages, "lists installed languages")
{
    CU_ASSERT_TRUE_FATAL(i18n_init(tmpdir));
    int n = 0;
    const char *const *l = i18n_langs(&n);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_STRING_EQUAL(l[0], "vi");
    CU_ASSERT_STRING_EQUAL(l[1], "en");
    CU_ASSERT_STRING_EQUAL(l[2], "nut");
    CU_ASSERT_STRING_EQUAL(l[3], "tay");
    CU_ASSERT_PTR_NULL(l[4]);
    /* each name is the catalog's translation of "Language-Name" */
    CU_ASSERT_STRING_EQUAL(i18n_lang_name("vi"), "Tiếng Việt");
    CU_ASSERT_STRING_EQUAL(i18n_lang_name("tay"), "[tay] Tày");
    /* no catalog (English here) or no such message: the built-in name, not
     * the Vietnamese one a fallback to vi would give */
    CU_ASSERT_STRING_EQUAL(i18n_lang_name("en"), "English");
    CU_ASSERT_STRING_EQUAL(i18n_lang_name("nut"), "Nùng");
    /* asking the catalogs for their names left the chosen language on */
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");
    CU_ASSERT_STRING_EQUAL(_("Not found."), "Không tìm thấy.");
}

/* The real catalogs name their language themselves. */
TEST(i18n, real_catalogs_name_their_language, "real catalogs name their language")
{
    CU_ASSERT_TRUE_FATAL(i18n_init(NULL));
    CU_ASSERT_STRING_EQUAL(i18n_lang_name("vi"), "Tiếng Việt");
    CU_ASSERT_STRING_EQUAL(i18n_lang_name("en"), "English");
    CU_ASSERT_TRUE(i18n_set_lang("en"));
    CU_ASSERT_STRING_EQUAL(_("Language-Name"), "English");
    CU_ASSERT_TRUE(i18n_set_lang("vi"));
    CU_ASSERT_STRING_EQUAL(_("Language-Name"), "Tiếng Việt");
}

/* Counts go through ngettext: English has two forms, Vietnamese one. */
TEST(i18n, plural_forms, "plural forms")
{
    CU_ASSERT_TRUE_FATAL(i18n_init(NULL));
    CU_ASSERT_TRUE(i18n_set_lang("en"));
    CU_ASSERT_STRING_EQUAL(ngettext("%d dossier", "%d dossiers", 1), "%d dossier");
    CU_ASSERT_STRING_EQUAL(ngettext("%d dossier", "%d dossiers", 0), "%d dossiers");
    CU_ASSERT_STRING_EQUAL(ngettext("%d dossier", "%d dossiers", 2), "%d dossiers");
    CU_ASSERT_TRUE(i18n_set_lang("vi"));
    CU_ASSERT_STRING_EQUAL(ngettext("%d dossier", "%d dossiers", 1), "%d hồ sơ");
    CU_ASSERT_STRING_EQUAL(ngettext("%d dossier", "%d dossiers", 5), "%d hồ sơ");
}

TEST(i18n, refuses_unknown_languages, "refuses unknown languages")
{
    CU_ASSERT_TRUE_FATAL(i18n_init(tmpdir));
    CU_ASSERT_FALSE(i18n_set_lang("fr"));            /* not installed */
    CU_ASSERT_FALSE(i18n_set_lang("../vi"));
    CU_ASSERT_FALSE(i18n_set_lang(""));
    CU_ASSERT_FALSE(i18n_set_lang(NULL));
    CU_ASSERT_FALSE(i18n_set_lang("vi:en"));
    CU_ASSERT_FALSE(i18n_set_lang("averyveryverylonglanguagecode"));
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");
    CU_ASSERT_STRING_EQUAL(_("Done."), "Đã xong.");
    /* a locale dir without catalogs: English only, and init says so */
    CU_ASSERT_FALSE(i18n_init("/nonexistent"));
    int n = 0;
    i18n_langs(&n);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "en");
    CU_ASSERT_STRING_EQUAL(_("Done."), "Done.");
}

TEST(i18n, env_overrides_localedir, "POSTKIOSK_LOCALEDIR overrides")
{
    setenv("POSTKIOSK_LOCALEDIR", tmpdir, 1);
    CU_ASSERT_TRUE(i18n_init("/nonexistent"));
    CU_ASSERT_TRUE(i18n_set_lang("tay"));
    unsetenv("POSTKIOSK_LOCALEDIR");
    CU_ASSERT_TRUE(i18n_init(NULL));
    CU_ASSERT_FALSE(i18n_set_lang("tay"));           /* not in build/locale */
}

SUITE(i18n, setup, teardown);
