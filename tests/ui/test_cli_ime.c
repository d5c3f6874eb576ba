/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `postkiosk ime`: arguments, and lines of keystrokes in -> text out. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "unit.h"

int cli_ime_run(FILE *in, FILE *out, FILE *err, int argc, char **argv);

static int run(const char *input, char **out, char **err, int argc, char **argv)
{
    FILE *in = fmemopen((void *)input, strlen(input), "r");
    size_t ol, el;
    FILE *o = open_memstream(out, &ol), *e = open_memstream(err, &el);
    int rc = cli_ime_run(in, o, e, argc, argv);
    fclose(in);
    fclose(o);
    fclose(e);
    return rc;
}

TEST(cli_ime, telex_lines, "telex lines")
{
    char *out, *err;
    char *argv[] = {"telex", NULL};
    int rc = run("Nguyeenx Thij Huwowng\nLajng Sown\r\n\nNguyeenx\bn email\x7f\n", &out, &err, 1, argv);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(out, "Nguyễn Thị Hương\nLạng Sơn\n\nNguyễn emai\n");
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
}

TEST(cli_ime, vni_new_style, "vni, new tone style")
{
    char *out, *err;
    char *argv[] = {"vni", "--tone-style", "new", NULL};
    CU_ASSERT_EQUAL(run("Hoa2 Thuy3 Khoe3\nKy2 Lu7a2", &out, &err, 3, argv), 0);
    CU_ASSERT_STRING_EQUAL(out, "Hoà Thuỷ Khoẻ\nKỳ Lừa\n");
    free(out);
    free(err);
    char *argv2[] = {"--tone-style=old", "VNI", NULL};
    CU_ASSERT_EQUAL(run("Hoa2\n", &out, &err, 2, argv2), 0);
    CU_ASSERT_STRING_EQUAL(out, "Hòa\n");
    free(out);
    free(err);
}

TEST(cli_ime, bad_arguments, "bad arguments: usage, exit 2")
{
    static char *cases[][5] = {
        {NULL},
        {"unikey", NULL},
        {"telex", "vni", NULL},
        {"telex", "--tone-style", NULL},
        {"telex", "--tone-style", "newest", NULL},
        {"telex", "--tone-style=new", "--tone-style=old", NULL},
        {"telex", "--verbose", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int argc = 0;
        while (cases[i][argc])
            argc++;
        char *out, *err;
        CU_ASSERT_EQUAL(run("aa\n", &out, &err, argc, cases[i]), 2);
        CU_ASSERT_STRING_EQUAL(out, "");
        CU_ASSERT_PTR_NOT_NULL(strstr(err, "postkiosk ime telex|vni"));
        free(out);
        free(err);
    }
}

TEST(cli_ime, invalid_utf8_line, "invalid UTF-8 line")
{
    i18n_set_lang("en");    /* the message is checked in English */
    char *out, *err;
    char *argv[] = {"telex", NULL};
    CU_ASSERT_EQUAL(run("aa\n\xff\xfe\nee\n", &out, &err, 1, argv), 1);
    CU_ASSERT_STRING_EQUAL(out, "â\n\nê\n");
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 2"));
    free(out);
    free(err);
}

SUITE(cli_ime, NULL, NULL);
