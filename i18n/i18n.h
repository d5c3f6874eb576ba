/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Translations: the only place that touches gettext and LANGUAGE.
 * msgids are English; vi is the default language; a missing message in any
 * other language falls back to Vietnamese, message by message. */
#ifndef PK_I18N_H
#define PK_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Sets the locale from the environment (C.UTF-8 when that gives plain C or
 * a locale that is not installed; LC_NUMERIC stays "C"), binds the text
 * domain to localedir (NULL = next to the binary: build*\/locale or
 * PREFIX/share/locale; $POSTKIOSK_LOCALEDIR overrides both) and selects
 * the language LC_ALL / LC_MESSAGES / LANG name when it is installed
 * ("en_US.UTF-8" -> English), else Vietnamese. Returns false when no
 * Vietnamese catalog was found: the interface then runs in English (the
 * msgids) -- warn, do not stop. */
bool i18n_init(const char *localedir);
/* Only the locale part of i18n_init (what terminal set-up calls instead of
 * setlocale(LC_ALL, ""), which would fall back to plain "C" and lose both
 * UTF-8 and the translations). False when no UTF-8 locale could be set. */
bool i18n_locale(void);
/* Switches the language at run time ("vi", "en", or any installed catalog;
 * those fall back to Vietnamese message by message). False, and nothing
 * changed, for a language that is not installed. Redraw after it. */
bool i18n_set_lang(const char *lang);
const char *i18n_lang(void);
/* Installed languages (those with a .mo, and English), Vietnamese first,
 * then English, then the others; *n entries, NULL-terminated. */
const char *const *i18n_langs(int *n);
/* The language's own name: its catalog's translation of "Language-Name"
 * ("Tiếng Việt", "English"), else a built-in name, else the code. */
const char *i18n_lang_name(const char *lang);

#endif
