/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Translations with gettext, switched at run time.
 *
 * msgids are English. The language is chosen with the LANGUAGE variable,
 * which glibc honours whenever the LC_MESSAGES locale is not plain "C": so
 * the locale is taken from the environment and, when that gives "C" (or a
 * locale that is not installed, such as vi_VN on a bare Debian), C.UTF-8 is
 * used instead. No vi_VN locale is needed. Switching sets LANGUAGE and calls
 * textdomain() again, which invalidates gettext's cache of translations.
 *
 * Any language other than Vietnamese and English is chained to Vietnamese
 * ("tay:vi"): a partial catalog falls back to Vietnamese message by message. */
#include "i18n.h"

#include <dirent.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DOMAIN "postkiosk"

enum { MAX_LANGS = 32, LANG_MAX = 16, NAME_MAX_LEN = 64 };

static struct {
    char dir[PATH_MAX];
    char lang[LANG_MAX];
    int nlangs;
    char codes[MAX_LANGS][LANG_MAX];
    char names[MAX_LANGS][NAME_MAX_LEN];
    const char *list[MAX_LANGS + 1];
} langs = {.lang = "en"};

static bool is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool is_file(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Language codes as gettext names catalogs: "vi", "en", "tay", "pt_BR",
 * "sr@latin". Anything else (paths, dots, empty) is refused. */
static bool valid_code(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 2 || n >= LANG_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= 'A' && c <= 'Z') || c == '_' || c == '@'));
        if (!ok)
            return false;
    }
    return true;
}

/* localedir next to the binary: build*\/postkiosk -> build*\/locale,
 * PREFIX/bin/postkiosk -> PREFIX/share/locale. */
static void default_dir(char *out, size_t outsz)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    snprintf(out, outsz, "/usr/local/share/locale");
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    const char *base = strrchr(exe, '/');
    base = base ? base + 1 : exe;
    char cand[PATH_MAX + 32];
    if (strncmp(base, "build", 5) == 0)
        snprintf(cand, sizeof cand, "%s/locale", exe);
    else if (strcmp(base, "bin") == 0)
        snprintf(cand, sizeof cand, "%.*s/share/locale", (int)(base - exe - 1 > 0 ? base - exe - 1 : 0), exe);
    else
        snprintf(cand, sizeof cand, "%s/locale", exe);
    if (strlen(cand) < outsz && is_dir(cand))
        snprintf(out, outsz, "%s", cand);
}

static bool has_catalog(const char *code)
{
    char p[PATH_MAX + 64];
    snprintf(p, sizeof p, "%s/%s/LC_MESSAGES/" DOMAIN ".mo", langs.dir, code);
    return is_file(p);
}

static int lang_rank(const char *code)
{
    return strcmp(code, "vi") == 0 ? 0 : strcmp(code, "en") == 0 ? 1 : 2;
}

static int cmp_lang(const void *a, const void *b)
{
    const char *x = a, *y = b;
    int rx = lang_rank(x), ry = lang_rank(y);
    return rx != ry ? rx - ry : strcmp(x, y);
}

/* ---- Language names ------------------------------------------------ */

/* A language's own name is a message of the catalog, "Language-Name",
 * translated by its translators like any other (xgettext puts it in the
 * template with its TRANSLATORS comment; po_complete.sh makes vi and en
 * carry it). Not the header's Language-Team: that names the translation
 * team, and msginit fills it with the English name of the language
 * ("Vietnamese"), not the name a reader of that language looks for.
 * gettext looks messages up in the current language only, so each catalog
 * is asked with LANGUAGE set to that language alone (no Vietnamese fallback:
 * a catalog without the message gives the msgid back, not "Tiếng Việt");
 * the caller selects the real language afterwards. */
static bool catalog_name(const char *code, char *out, size_t outsz)
{
    static const char msgid[] = "Language-Name";
    if (setenv("LANGUAGE", code, 1) != 0)
        return false;
    textdomain(DOMAIN);                 /* drops gettext's cached lookups */
    /* TRANSLATORS: the name of your language, written in your language, as
       the language menu shows it: "Tiếng Việt", "English", "Tày". */
    const char *name = _("Language-Name");
    if (strcmp(name, msgid) == 0 || !*name || strlen(name) >= outsz)
        return false;
    snprintf(out, outsz, "%s", name);
    return true;
}

static const char *known_name(const char *code)
{
    static const char *const T[][2] = {
        {"vi", "Tiếng Việt"}, {"en", "English"}, {"tay", "Tày"}, {"nut", "Nùng"},
        {"zh", "中文"}, {"fr", "Français"}, {"ru", "Русский"}, {"ko", "한국어"}, {"ja", "日本語"},
        {"lo", "ພາສາລາວ"}, {"km", "ភាសាខ្មែរ"}, {"th", "ไทย"}, {"de", "Deutsch"},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
        if (strcmp(code, T[i][0]) == 0)
            return T[i][1];
    return NULL;
}

static void scan_langs(void)
{
    langs.nlangs = 0;
    DIR *d = opendir(langs.dir);
    struct dirent *de;
    while (d && (de = readdir(d)) && langs.nlangs < MAX_LANGS) {
        if (!valid_code(de->d_name) || strcmp(de->d_name, "en") == 0 || !has_catalog(de->d_name))
            continue;
        size_t k = strlen(de->d_name);  /* < LANG_MAX: valid_code() */
        memcpy(langs.codes[langs.nlangs++], de->d_name, k + 1);
    }
    if (d)
        closedir(d);
    if (langs.nlangs < MAX_LANGS)   /* English is the msgids themselves */
        snprintf(langs.codes[langs.nlangs++], LANG_MAX, "en");
    qsort(langs.codes, (size_t)langs.nlangs, sizeof langs.codes[0], cmp_lang);
    for (int i = 0; i < langs.nlangs; i++) {
        const char *c = langs.codes[i];
        if (!catalog_name(c, langs.names[i], sizeof langs.names[i]))
            snprintf(langs.names[i], sizeof langs.names[i], "%s", known_name(c) ? known_name(c) : c);
        langs.list[i] = c;
    }
    langs.list[langs.nlangs] = NULL;
}

/* The language the environment asks for (LC_ALL, LC_MESSAGES, LANG:
 * "en_US.UTF-8" -> "en"); false for none, "C" or "POSIX". LANGUAGE is not
 * read: it is how this module switches languages. */
static bool env_lang(char *out, size_t outsz)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v)
            continue;
        size_t n = strcspn(v, "_.@:");
        if (n == 0 || n >= outsz)
            return false;
        memcpy(out, v, n);
        out[n] = '\0';
        return valid_code(out);
    }
    return false;
}

/* ---- Public API ---------------------------------------------------- */

static bool plain_c(const char *loc)
{
    return !loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0;
}

bool i18n_locale(void)
{
    /* NULL: the environment names a locale that is not installed */
    if (!setlocale(LC_ALL, ""))
        setlocale(LC_ALL, "C.UTF-8");
    /* text must be UTF-8, and gettext ignores LANGUAGE under plain C */
    if (plain_c(setlocale(LC_CTYPE, NULL)))
        setlocale(LC_CTYPE, "C.UTF-8");
    if (plain_c(setlocale(LC_MESSAGES, NULL)))
        setlocale(LC_MESSAGES, "C.UTF-8");
    /* numbers in files and the database are always read with '.' */
    setlocale(LC_NUMERIC, "C");
    return !plain_c(setlocale(LC_CTYPE, NULL)) && !plain_c(setlocale(LC_MESSAGES, NULL));
}

bool i18n_init(const char *localedir)
{
    bool loc = i18n_locale();
    const char *env = getenv("POSTKIOSK_LOCALEDIR");
    if (env && *env)
        snprintf(langs.dir, sizeof langs.dir, "%s", env);
    else if (localedir && *localedir)
        snprintf(langs.dir, sizeof langs.dir, "%s", localedir);
    else
        default_dir(langs.dir, sizeof langs.dir);
    if (!bindtextdomain(DOMAIN, langs.dir) || !bind_textdomain_codeset(DOMAIN, "UTF-8") || !textdomain(DOMAIN))
        return false;
    scan_langs();
    bool have_vi = has_catalog("vi");
    char want[LANG_MAX];
    if (!env_lang(want, sizeof want) || !i18n_set_lang(want))
        if (!i18n_set_lang(have_vi ? "vi" : "en"))
            return false;
    return loc && have_vi;
}

bool i18n_set_lang(const char *lang)
{
    if (!valid_code(lang) || (strcmp(lang, "en") != 0 && !has_catalog(lang)))
        return false;
    char chain[2 * LANG_MAX + 4];
    if (lang_rank(lang) < 2)
        snprintf(chain, sizeof chain, "%s", lang);
    else
        snprintf(chain, sizeof chain, "%s:vi", lang);
    if (setenv("LANGUAGE", chain, 1) != 0)
        return false;
    /* calling textdomain() again makes gettext drop its cached lookups */
    textdomain(DOMAIN);
    snprintf(langs.lang, sizeof langs.lang, "%s", lang);
    return true;
}

const char *i18n_lang(void)
{
    return langs.lang;
}

const char *const *i18n_langs(int *n)
{
    if (langs.nlangs == 0) {           /* before i18n_init: English only */
        snprintf(langs.codes[0], LANG_MAX, "en");
        snprintf(langs.names[0], NAME_MAX_LEN, "English");
        langs.list[0] = langs.codes[0];
        langs.list[1] = NULL;
        langs.nlangs = 1;
    }
    if (n)
        *n = langs.nlangs;
    return langs.list;
}

const char *i18n_lang_name(const char *lang)
{
    if (!lang)
        return "";
    for (int i = 0; i < langs.nlangs; i++)
        if (strcmp(langs.codes[i], lang) == 0)
            return langs.names[i];
    const char *k = known_name(lang);
    return k ? k : lang;
}
