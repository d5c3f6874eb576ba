/* `postkiosk dossier list [--status S] [--limit N]`, `dossier show REF`.
 * Personal data is shown masked only. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "i18n.h"
#include "util.h"

/* TEMPORARY until dossier.c (branch rules) is merged: status codes and
 * masking; then use dossier_status_code/parse and dossier_mask_*. */
static const char *const codes[ST__COUNT] = {
    "registered", "accepted", "counter_rejected", "in_transit", "handed", "processing",
    "supplement", "agency_rejected", "result_ready", "result_collected", "out_for_delivery",
    "delivered", "delivery_failed", "returned", "cancelled",
};

static const char *status_code(dossier_status st)
{
    return (unsigned)st < ST__COUNT ? codes[st] : "?";
}

static int status_parse(const char *s)
{
    for (int i = 0; i < ST__COUNT; i++)
        if (strcmp(s, codes[i]) == 0)
            return i;
    return -1;
}

/* Keeps the last keep characters (ASCII digits), stars for the rest. */
static void mask_tail(const char *in, size_t keep_head, size_t keep_tail, char *out, size_t outsz)
{
    size_t n = strlen(in), j = 0;
    for (size_t i = 0; i < n && j + 1 < outsz; i++)
        out[j++] = (i < keep_head || i + keep_tail >= n) ? in[i] : '*';
    out[j] = '\0';
}

/* "Nguyễn Văn An" -> "Nguyễn V. A.": the family name, then initials. */
static void mask_name(const char *name, char *out, size_t outsz)
{
    sbuf b = {0};
    char *copy = xstrdup(name), *save = NULL;
    bool first = true;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (first) {
            sbuf_add(&b, w);
        } else {
            size_t len = 1;   /* the first letter with its marks (NFC: one code point) */
            while (w[len] && ((unsigned char)w[len] & 0xC0) == 0x80)
                len++;
            sbuf_add(&b, " ");
            sbuf_addn(&b, w, len);
            sbuf_add(&b, ".");
        }
        first = false;
    }
    str_copy(out, outsz, b.data ? b.data : "");
    sbuf_free(&b);
    free(copy);
}

static void when(int64_t t, char *out, size_t outsz)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm) || !strftime(out, outsz, "%Y-%m-%d %H:%M", &tm))
        str_copy(out, outsz, "?");
}

static int list(cli_ctx *ctx, int argc, char **argv)
{
    dossier_filter f = {.status = -1, .include_sample = true};
    long limit = 50;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--status") == 0 && i + 1 < argc) {
            f.status = status_parse(argv[++i]);
            if (f.status < 0) {
                fprintf(stderr, _("postkiosk: unknown status %s; one of:"), argv[i]);
                for (int k = 0; k < ST__COUNT; k++)
                    fprintf(stderr, " %s", codes[k]);
                fputc('\n', stderr);
                return 2;
            }
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            char *end;
            limit = strtol(argv[++i], &end, 10);
            if (*end || limit < 1 || limit > 100000) {
                fprintf(stderr, "%s\n", _("postkiosk: --limit needs a number from 1 to 100000"));
                return 2;
            }
        } else {
            fprintf(stderr, "%s\n", _("usage: postkiosk dossier list [--status STATUS] [--limit N]"));
            return 2;
        }
    }
    store *st = cli_store(ctx);
    if (!st)
        return 1;
    dossier_row *rows = xmalloc((size_t)limit * sizeof *rows);
    int n = 0;
    pk_err e = store_dossier_list(st, &f, 0, rows, (int)limit, &n);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: %s\n", _(pk_err_msg(e)));
        free(rows);
        return 1;
    }
    for (int i = 0; i < n; i++) {
        char t[32], name[PK_NAME_MAX];
        when(rows[i].created_at, t, sizeof t);
        mask_name(rows[i].name, name, sizeof name);
        printf("%s\t%s\t%s\t%s\t%s\n", rows[i].ref, t, status_code(rows[i].status),
               rows[i].proc_code, name);
    }
    free(rows);
    return 0;
}

static const char *form_name(service_form f)
{
    switch (f) {
    case FORM_SEND: return _("send the dossier by post");
    case FORM_RETURN: return _("receive the result by post");
    case FORM_BOTH: return _("send the dossier and receive the result by post");
    }
    return "?";
}

static int show(cli_ctx *ctx, const char *ref)
{
    store *st = cli_store(ctx);
    if (!st)
        return 1;
    dossier d;
    pk_err e = store_dossier_get(st, ref, &d);
    if (e != PK_OK) {
        fprintf(stderr, "postkiosk: %s: %s\n", ref, _(pk_err_msg(e)));
        return 1;
    }
    procedure p;
    bool have_proc = store_procedure_get(st, d.proc_code, &p) == PK_OK;
    char name[PK_NAME_MAX], id[PK_ID_MAX + 8], phone[PK_PHONE_MAX + 8], t[32];
    mask_name(d.name, name, sizeof name);
    mask_tail(d.id_number, 0, 4, id, sizeof id);
    mask_tail(d.phone, 2, 2, phone, sizeof phone);
    when(d.created_at, t, sizeof t);
    printf("%-22s %s%s\n", _("Reference:"), d.ref, d.sample ? _(" (sample)") : "");
    printf("%-22s %s\n", _("Tracking number:"), d.s10);
    printf("%-22s %s %s\n", _("Procedure:"), d.proc_code, have_proc ? p.name_vi : "");
    printf("%-22s %s\n", _("Status:"), status_code(d.status));
    printf("%-22s %s\n", _("Service:"), form_name(d.form));
    printf("%-22s %s\n", _("Applicant:"), name);
    printf("%-22s %s\n", _("ID number:"), id);
    printf("%-22s %s\n", _("Phone:"), phone);
    printf("%-22s %s, %s\n", _("Return address:"), d.unit_name, d.province);
    printf("%-22s %" PRId64 " + %" PRId64 " = %" PRId64 " đ\n", _("Fees:"), d.fee_proc,
           d.fee_post, d.fee_total);
    printf("%-22s %s\n", _("Expected result:"), d.expected_date);
    printf("%-22s %s (%s)\n", _("Registered:"), t, d.kiosk_code);
    printf("%s\n", _("Documents:"));
    for (int i = 0; i < d.ndocs; i++)
        printf("  [%c] %s (%s)\n", d.docs[i].handed ? 'x' : ' ', d.docs[i].name_vi,
               d.docs[i].kind == DOC_COPY ? _("copy") : _("original"));
    dossier_event ev[64];
    int n = 0;
    if (store_dossier_events(st, d.ref, ev, 64, &n) == PK_OK) {
        printf("%s\n", _("History:"));
        for (int i = 0; i < n; i++) {
            when(ev[i].at, t, sizeof t);
            printf("  %s  %s -> %s  %s%s%s\n", t, ev[i].from[0] ? ev[i].from : "-", ev[i].to,
                   ev[i].actor, ev[i].note[0] ? "  " : "", ev[i].note);
        }
    }
    mem_wipe(&d, sizeof d);
    return 0;
}

int cli_dossier(cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "list") == 0)
        return list(ctx, argc - 1, argv + 1);
    if (argc == 2 && strcmp(argv[0], "show") == 0)
        return show(ctx, argv[1]);
    fprintf(stderr, "%s\n", _("usage: postkiosk dossier list [--status STATUS] [--limit N] | dossier show REF"));
    return 2;
}
