/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the catalog readers (procedures, units, holidays,
 * tariffs) over arbitrary file contents. Invariants: no crash; a refusal
 * names the file; accepted rows hold NFC text without control characters,
 * at most 16 documents each, and non-negative numbers. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

__attribute__((destructor)) static void remove_file(void)
{
    if (path[0])
        unlink(path);
}

static void clean(const char *s)
{
    if (!text_valid_utf8(s, strlen(s)) || text_has_control(s))
        __builtin_trap();
    char *nfc = text_nfc(s);
    if (!nfc || strcmp(nfc, s) != 0)
        __builtin_trap();
    free(nfc);
}

static void named(pk_err e, const char *err)
{
    if (e != PK_OK && strncmp(err, path, strlen(path)) != 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fuzz-catalog-%d.csv", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    char err[512];
    int n;
    procedure *p;
    pk_err e = catalog_read_procedures(path, &p, &n, NULL, err, sizeof err);
    named(e, err);
    for (int i = 0; e == PK_OK && i < n; i++) {
        clean(p[i].code);
        clean(p[i].name_vi);
        clean(p[i].agency_en);
        clean(p[i].provenance);
        if (!p[i].code[0] || p[i].ndocs < 0 || p[i].ndocs > PK_MAX_DOCS || p[i].days < 0 ||
            p[i].fee_vnd < 0)
            __builtin_trap();
        for (int k = 0; k < p[i].ndocs; k++)
            clean(p[i].docs[k].name_vi);
    }
    free(p);
    admin_unit *u;
    e = catalog_read_units(path, &u, &n, NULL, err, sizeof err);
    named(e, err);
    for (int i = 0; e == PK_OK && i < n; i++)
        clean(u[i].name);
    free(u);
    holiday *h;
    e = catalog_read_holidays(path, &h, &n, NULL, err, sizeof err);
    named(e, err);
    free(h);
    tariff *t;
    e = catalog_read_tariffs(path, &t, &n, NULL, err, sizeof err);
    named(e, err);
    for (int i = 0; e == PK_OK && i < n; i++)
        if (t[i].charge_vnd < 0 || t[i].transit_days < 0)
            __builtin_trap();
    free(t);
    return 0;
}
