/* Translations: the only place that touches gettext and LANGUAGE.
 * msgids are English; vi is the default language; a missing message in any
 * other language falls back to Vietnamese, message by message. */
#ifndef PK_I18N_H
#define PK_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Binds the text domain to localedir (NULL = found next to the binary). */
bool i18n_init(const char *localedir);
/* Switches the language at run time ("vi", "en", ...). */
bool i18n_set_lang(const char *lang);
const char *i18n_lang(void);
/* Installed languages (those with a .mo), Vietnamese first; *n entries. */
const char *const *i18n_langs(int *n);
/* The language's own name: "Tiếng Việt", "English". */
const char *i18n_lang_name(const char *lang);

#endif
