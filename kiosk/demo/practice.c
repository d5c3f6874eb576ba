/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The practice sandbox (see practice.h). */
#include "practice.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "dates.h"
#include "store_clerk.h"
#include "store_import.h"
#include "util.h"

enum { DAY = 24 * 3600 };

static void remove_files(const char *path)
{
    static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < PK_ARRAY_LEN(tails); i++) {
        char f[640];
        snprintf(f, sizeof f, "%s%s", path, tails[i]);
        if (unlink(f) != 0 && errno != ENOENT)
            fprintf(stderr, "postkiosk: cannot remove %s: %s\n", f, strerror(errno));
    }
}

/* Same file by name or, when both exist, by device and inode. */
static bool same_file(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* One made-up dossier well on its way (registered, accepted and sealed,
 * carried, handed to the agency, being processed), so that tracking can
 * be shown: MAU-000001, for a made-up person. Practice only. */
static pk_err seed_example(store *db, int64_t now)
{
    proc_row r;
    int n = 0;
    procedure *pr = xcalloc(1, sizeof *pr);
    pk_err e = store_procedure_search(db, "ly lich tu phap", &r, 1, &n);
    if (e == PK_OK && n == 0)
        e = store_procedure_search(db, "", &r, 1, &n);
    if (e == PK_OK && n == 0)
        e = PK_ENOTFOUND;
    if (e == PK_OK)
        e = store_procedure_get(db, r.code, pr);
    dossier *d = xcalloc(1, sizeof *d);
    if (e == PK_OK) {
        str_copy(d->proc_code, sizeof d->proc_code, pr->code);
        d->form = FORM_BOTH;
        str_copy(d->name, sizeof d->name, "Hoàng Thị Mẫu");
        str_copy(d->id_number, sizeof d->id_number, "020190000001");
        str_copy(d->phone, sizeof d->phone, "0900000001");
        str_copy(d->province, sizeof d->province, "Lạng Sơn");
        str_copy(d->unit_name, sizeof d->unit_name, "phường Đông Kinh");
        str_copy(d->street, sizeof d->street, "1 Đường Mẫu");
        str_copy(d->kiosk_code, sizeof d->kiosk_code, PRACTICE_KIOSK_CODE);
        str_copy(d->lang, sizeof d->lang, "vi");
        tariff t;
        if (store_tariff_get(db, FORM_BOTH, "province", &t) != PK_OK)
            t.charge_vnd = 0;
        d->fee_proc = pr->fee_vnd;
        d->fee_post = t.charge_vnd;
        d->fee_total = pr->fee_vnd + t.charge_vnd;
        date_local_format(now + 9 * DAY, "%Y-%m-%d", d->expected_date, sizeof d->expected_date);
        d->created_at = now - 6 * DAY;
        d->consent_process = true;
        d->sample = true;
        for (int i = 0; i < pr->ndocs && i < PK_MAX_DOCS; i++) {
            str_copy(d->docs[i].name_vi, sizeof d->docs[i].name_vi, pr->docs[i].name_vi);
            str_copy(d->docs[i].name_en, sizeof d->docs[i].name_en, pr->docs[i].name_en);
            d->docs[i].kind = pr->docs[i].kind;
            d->docs[i].required = pr->docs[i].required;
            d->docs[i].handed = pr->docs[i].required;
            d->ndocs++;
        }
        e = store_dossier_create(db, d, PK_PRACTICE_S10_PREFIX, "kiosk", NULL);
    }
    const struct {
        dossier_status to;
        int days_ago;
    } path[] = {
        {ST_ACCEPTED, 6}, {ST_IN_TRANSIT, 5}, {ST_HANDED, 4}, {ST_PROCESSING, 4},
    };
    for (size_t i = 0; e == PK_OK && i < PK_ARRAY_LEN(path); i++) {
        transition_data td = {.at = now - path[i].days_ago * DAY, .fee_collected = -1};
        if (path[i].to == ST_ACCEPTED) {
            td.seal_no = "MAU-0001";
            td.fee_collected = d->fee_proc;
            td.post_collected = d->fee_post;
        }
        if (path[i].to == ST_HANDED)
            td.handover_no = "MAU-BB-0001";
        e = store_dossier_transition(db, d->ref, path[i].to, "practice", "", &td);
    }
    mem_wipe(d, sizeof *d);
    free(d);
    free(pr);
    return e;
}

static pk_err create(practice *p, char *msg, size_t msgsz)
{
    remove_files(p->path);
    pk_err e = store_open(p->path, &p->db, msg, msgsz);
    if (e != PK_OK)
        return e;
    e = catalog_import_dir(p->db, p->data_dir, msg, msgsz);
    if (e == PK_OK)
        e = store_setting_set(p->db, "kiosk_code", PRACTICE_KIOSK_CODE);
    if (e == PK_OK) {
        e = seed_example(p->db, (int64_t)time(NULL));
        if (e != PK_OK)
            snprintf(msg, msgsz, "cannot create the example dossier: %s", store_last_error(p->db));
    }
    if (e != PK_OK) {
        store_close(p->db);
        p->db = NULL;
        remove_files(p->path);
    }
    return e;
}

pk_err practice_open(practice *p, const config *cfg, char *msg, size_t msgsz)
{
    memset(p, 0, sizeof *p);
    if (snprintf(p->path, sizeof p->path, "%s/practice.db", cfg->home) >= (int)sizeof p->path ||
        !str_copy(p->data_dir, sizeof p->data_dir, cfg->data_dir)) {
        snprintf(msg, msgsz, "the data directory path is too long");
        return PK_EINVAL;
    }
    if (same_file(p->path, cfg->db_path)) {
        snprintf(msg, msgsz, "%s is the live database: practice needs a file of its own",
                 p->path);
        return PK_EPERM;
    }
    return create(p, msg, msgsz);
}

pk_err practice_reset(practice *p, char *msg, size_t msgsz)
{
    if (p->db)
        store_close(p->db);
    p->db = NULL;
    return create(p, msg, msgsz);
}

void practice_close(practice *p)
{
    if (p->db)
        store_close(p->db);
    p->db = NULL;
    if (p->path[0])
        remove_files(p->path);
    p->path[0] = '\0';
}

void practice_config(const config *cfg, const practice *p, config *out)
{
    *out = *cfg;
    str_copy(out->db_path, sizeof out->db_path, p->path);
    str_copy(out->kiosk_code, sizeof out->kiosk_code, PRACTICE_KIOSK_CODE);
    str_copy(out->s10_prefix, sizeof out->s10_prefix, PK_PRACTICE_S10_PREFIX);
}
