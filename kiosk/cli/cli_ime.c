/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk ime telex|vni [--tone-style new|old]`: reads lines of
 * keystrokes on standard input and prints the text the kiosk's input engine
 * makes of each, one line per line. A BS (0x08) or DEL (0x7f) byte is the
 * Backspace key and a space ends a word, as in a text field. For trainers
 * who teach typing, and for tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "cli.h"
#include "i18n.h"
#include "vnime.h"

/* argv: the arguments after "ime" (main.c passes them so). */
int cli_ime_run(FILE *in, FILE *out, FILE *err, int argc, char **argv);

static bool valid_utf8(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    for (size_t i = 0; i < n;) {
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return false;
        i += (size_t)k;
    }
    return true;
}

static int usage(FILE *err)
{
    fprintf(err, "%s: postkiosk ime telex|vni [--tone-style new|old]\n", _("usage"));
    fprintf(err, "%s\n", _("Reads keystrokes line by line and prints the Vietnamese text they type."));
    return 2;
}

int cli_ime_run(FILE *in, FILE *out, FILE *err, int argc, char **argv)
{
    ime_method m = IME_OFF;
    bool new_style = false, have_style = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *style = NULL;
        if (strcmp(a, "--tone-style") == 0) {
            if (i + 1 >= argc)
                return usage(err);
            style = argv[++i];
        } else if (strncmp(a, "--tone-style=", 13) == 0) {
            style = a + 13;
        } else if (m == IME_OFF && strcasecmp(a, "telex") == 0) {
            m = IME_TELEX;
            continue;
        } else if (m == IME_OFF && strcasecmp(a, "vni") == 0) {
            m = IME_VNI;
            continue;
        } else {
            return usage(err);
        }
        if (have_style || (strcmp(style, "new") != 0 && strcmp(style, "old") != 0))
            return usage(err);
        have_style = true;
        new_style = strcmp(style, "new") == 0;
    }
    if (m == IME_OFF)
        return usage(err);

    char *line = NULL, *text = NULL;
    size_t cap = 0, tcap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    while ((n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        if (n > 0 && line[n - 1] == '\r')
            line[--n] = '\0';
        if (strlen(line) != (size_t)n || !valid_utf8(line, (size_t)n)) {
            fprintf(err, _("line %ld: not valid UTF-8 text\n"), lineno);
            fputc('\n', out);
            rc = 1;
            continue;
        }
        size_t need = (size_t)n * 4 + 64;
        bool ok = false;
        for (int tries = 0; tries < 4 && !ok; tries++, need *= 2) {
            if (need > tcap) {
                char *t = realloc(text, need);
                if (!t)
                    break;
                text = t;
                tcap = need;
            }
            ok = vnime_convert(m, new_style, line, text, tcap);
        }
        if (!ok) {
            fprintf(err, "%s\n", _("Out of memory."));
            rc = 1;
            break;
        }
        fputs(text, out);
        fputc('\n', out);
    }
    free(line);
    free(text);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "%s\n", _("Could not write the output."));
        return 1;
    }
    return rc;
}

int cli_ime(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    return cli_ime_run(stdin, stdout, stderr, argc, argv);
}
