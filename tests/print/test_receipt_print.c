/* SPDX-License-Identifier: GPL-3.0-or-later */
/* receipt_print() with a real store: the job is recorded printed or failed
 * with its reason, the dossier stays intact when the printer refuses (paper
 * out on a pty, offline over tcp, no key), personal data is masked, the
 * dossier's language is used and restored, reprints and samples are marked;
 * `postkiosk reprint` through the CLI entry point. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "cli.h"
#include "i18n.h"
#include "pkt_helpers.h"
#include "receipt.h"
#include "store_import.h"
#include "unit.h"

static char *dir;
static store *db;
static config cfg;

static int setup(void)
{
    if (!pkt_receipt_home(&dir, &cfg, &db))
        return 1;
    str_copy(cfg.hotline, sizeof cfg.hotline, "1900 54 54 81");
    return 0;
}

static int teardown(void)
{
    pkt_receipt_home_close(dir, db);
    return 0;
}

/* A committed dossier with its pending receipt job. */
static dossier *new_dossier(const char *lang, bool sample, int64_t *job)
{
    dossier *d = xcalloc(1, sizeof *d);
    str_copy(d->proc_code, sizeof d->proc_code, "1.001193");
    d->form = FORM_BOTH;
    str_copy(d->name, sizeof d->name, "Nguyễn Văn An");
    str_copy(d->id_number, sizeof d->id_number, "020195001234");
    str_copy(d->phone, sizeof d->phone, "0912345678");
    str_copy(d->street, sizeof d->street, "Số 5 đường Bà Triệu");
    d->ndocs = 2;
    str_copy(d->docs[0].name_vi, sizeof d->docs[0].name_vi, "Tờ khai đăng ký khai sinh");
    str_copy(d->docs[0].name_en, sizeof d->docs[0].name_en, "Birth registration form");
    d->docs[0].handed = true;
    str_copy(d->docs[1].name_vi, sizeof d->docs[1].name_vi, "Giấy chứng sinh");
    str_copy(d->docs[1].name_en, sizeof d->docs[1].name_en, "Birth certificate from the hospital");
    d->docs[1].kind = DOC_COPY;
    d->docs[1].handed = false;   /* not ticked: not on the receipt */
    d->fee_proc = 0;
    d->fee_post = 25000;
    d->fee_total = 25000;
    str_copy(d->expected_date, sizeof d->expected_date, "2026-12-10");
    str_copy(d->lang, sizeof d->lang, lang);
    d->consent_process = true;
    d->consent_sms = true;
    d->sample = sample;
    CU_ASSERT_EQUAL_FATAL(store_dossier_create(db, d, "RA", "kiosk", job), PK_OK);
    return d;
}

static print_job job_get(int64_t id)
{
    print_job jobs[64], none = {0};
    int n = 0;
    store_jobs_list(db, -1, jobs, 64, &n);
    for (int i = 0; i < n; i++)
        if (jobs[i].id == id)
            return jobs[i];
    return none;
}

static char *slurp_txt(const char *name)
{
    char *path = xasprintf("%s/receipts/%s.txt", dir, name);
    char *t = (char *)pkt_slurp(path, NULL);
    free(path);
    return t;
}

TEST(receipt_print, test_print_file, "printed: job recorded, data masked, QR signed")
{
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(cfg.printer, "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_OK);
    print_job j = job_get(job);
    CU_ASSERT_EQUAL(j.status, JOB_PRINTED);
    CU_ASSERT_STRING_EQUAL(j.ref, d->ref);
    char *txt = slurp_txt(d->ref);
    CU_ASSERT_PTR_NOT_NULL_FATAL(txt);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Nguyễn V. A."));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "1234"));
    CU_ASSERT_PTR_NULL(strstr(txt, "020195001234"));    /* never the full ID */
    CU_ASSERT_PTR_NULL(strstr(txt, "0912345678"));      /* nor the phone */
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "09******78"));  /* masked: SMS consent given */
    CU_ASSERT_PTR_NULL(strstr(txt, "Bà Triệu"));        /* nor the address */
    CU_ASSERT_PTR_NULL(strstr(txt, "Nguyễn Văn An"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Đăng ký khai sinh"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Tờ khai đăng ký khai sinh"));
    CU_ASSERT_PTR_NULL(strstr(txt, "Giấy chứng sinh"));  /* not handed over */
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, d->s10));
    free(txt);
    /* The QR of the PNG is signed and names this dossier, and nothing else. */
    char *png = xasprintf("%s/receipts/%s.png", dir, d->ref);
    char *qr = pkt_zbar_png(png);
    CU_ASSERT_PTR_NOT_NULL(qr);
    if (qr) {
        char ref[PK_REF_MAX];
        int64_t t = 0;
        CU_ASSERT_EQUAL(receipt_verify(&cfg, qr, ref, sizeof ref, &t), PK_OK);
        CU_ASSERT_STRING_EQUAL(ref, d->ref);
        CU_ASSERT_EQUAL(t, d->created_at);
        CU_ASSERT_PTR_NULL(strstr(qr, "1234"));
    }
    free(qr);
    free(png);
    printer_close(p);
    free(d);
}

static void check_intact(const dossier *before)
{
    dossier *after = xcalloc(1, sizeof *after);
    CU_ASSERT_EQUAL(store_dossier_get(db, before->ref, after), PK_OK);
    CU_ASSERT_EQUAL(after->status, ST_REGISTERED);
    CU_ASSERT_STRING_EQUAL(after->name, before->name);
    CU_ASSERT_STRING_EQUAL(after->id_number, before->id_number);
    CU_ASSERT_EQUAL(after->fee_total, before->fee_total);
    CU_ASSERT_EQUAL(after->ndocs, before->ndocs);
    free(after);
}

TEST(receipt_print, test_paper_out_pty, "paper out on a pty: job failed, dossier intact")
{
    unsigned char r[5];
    pkt_replies_paper_out(r);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_pty(&v, r));
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    char *spec = xasprintf("device:%s", v.path);
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_EPRINTER);
    CU_ASSERT_STRING_EQUAL(msg, printer_state_msg(PST_PAPER_OUT));
    print_job j = job_get(job);
    CU_ASSERT_EQUAL(j.status, JOB_FAILED);
    CU_ASSERT_STRING_EQUAL(j.reason, printer_state_msg(PST_PAPER_OUT));
    check_intact(d);
    pkt_vprinter_stop(&v);
    CU_ASSERT_PTR_NULL(memchr(v.got.data ? v.got.data : "", 0x1D, v.got.len));  /* no raster */
    pkt_vprinter_free(&v);
    printer_close(p);
    free(spec);
    free(d);
}

TEST(receipt_print, test_offline_tcp_and_no_key, "offline tcp, missing key: job failed, dossier intact")
{
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    char *spec = xasprintf("tcp:127.0.0.1:%d", pkt_closed_port());
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "80mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_EPRINTER);
    CU_ASSERT_STRING_EQUAL(job_get(job).reason, printer_state_msg(PST_OFFLINE));
    CU_ASSERT_EQUAL(job_get(job).status, JOB_FAILED);
    check_intact(d);
    printer_close(p);
    free(spec);

    /* The key file is gone: nothing is printed, the job says why. */
    config nokey = cfg;
    snprintf(nokey.key_file, sizeof nokey.key_file, "%s/missing.key", dir);
    int64_t job2 = 0;
    CU_ASSERT_EQUAL(store_job_create(db, d->ref, "receipt", &job2), PK_OK);
    CU_ASSERT_EQUAL_FATAL(printer_open(cfg.printer, "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_NOT_EQUAL(receipt_print(p, db, &nokey, d, job2, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(job_get(job2).status, JOB_FAILED);
    CU_ASSERT(strstr(job_get(job2).reason, "key") != NULL);
    char *txt = slurp_txt(d->ref);
    CU_ASSERT_PTR_NULL(txt);
    free(txt);
    check_intact(d);
    printer_close(p);
    free(d);
}

TEST(receipt_print, test_language_sample_reprint, "language of the dossier, sample, reprint")
{
    i18n_init(NULL);
    CU_ASSERT_TRUE(i18n_set_lang("vi"));
    int64_t job = 0;
    dossier *d = new_dossier("en", true, &job);
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(cfg.printer, "80mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_OK);
    CU_ASSERT_STRING_EQUAL(i18n_lang(), "vi");          /* restored */
    char *txt = slurp_txt(d->ref);
    CU_ASSERT_PTR_NOT_NULL_FATAL(txt);
    /* registered, not yet counted by a clerk: what the citizen will hand in */
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Papers you will hand in at the counter"));
    CU_ASSERT_PTR_NULL(strstr(txt, "Documents handed over"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Birth registration"));       /* gloss */
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Đăng ký khai sinh"));        /* legal name */
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "UBND cấp xã (Tư pháp - hộ tịch)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Commune People's Committee"));   /* its gloss */
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "MẪU / SAMPLE"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "25,000 VND"));
    free(txt);

    /* A reprint: new job, its own files, the REPRINT mark, in Vietnamese;
     * accepted at the counter, so the papers are handed over. */
    str_copy(d->lang, sizeof d->lang, "vi");
    d->status = ST_ACCEPTED;
    d->sample = false;
    int64_t job2 = 0;
    CU_ASSERT_EQUAL(store_job_create(db, d->ref, "receipt", &job2), PK_OK);
    CU_ASSERT_EQUAL(receipt_print_ex(p, db, &cfg, d, job2, RECEIPT_REPRINT, msg, sizeof msg),
                    PK_OK);
    char name[64];
    snprintf(name, sizeof name, "%s-reprint-%lld", d->ref, (long long)job2);
    txt = slurp_txt(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(txt);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "IN LẠI / REPRINT"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Giấy tờ đã nộp"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "25.000 đ"));
    CU_ASSERT_PTR_NULL(strstr(txt, "Commune People's Committee"));   /* Vietnamese: no gloss */
    CU_ASSERT_EQUAL(job_get(job2).status, JOB_PRINTED);
    free(txt);
    printer_close(p);
    free(d);
}

/* A catalog without the agency's English name (an older file): the
 * English receipt names the agency in Vietnamese only. */
TEST(receipt_print, test_agency_without_english, "no English agency name: the Vietnamese one alone")
{
    i18n_init(NULL);
    procedure before;
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "1.001193", &before), PK_OK);
    CU_ASSERT_STRING_NOT_EQUAL(before.agency_en, "");
    procedure p1 = before;
    p1.agency_en[0] = '\0';
    CU_ASSERT_EQUAL_FATAL(store_procedures_replace(db, &p1, 1), PK_OK);
    int64_t job = 0;
    dossier *d = new_dossier("en", false, &job);
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(cfg.printer, "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_OK);
    char *txt = slurp_txt(d->ref);
    CU_ASSERT_PTR_NOT_NULL_FATAL(txt);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Receiving agency"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "UBND cấp xã (Tư pháp - hộ tịch)"));
    CU_ASSERT_PTR_NULL(strstr(txt, "Commune People's Committee"));
    free(txt);
    printer_close(p);
    free(d);
    char err[256];
    CU_ASSERT_EQUAL(catalog_import_procedures(db, "data/procedures.csv", err, sizeof err), PK_OK);
}

TEST(receipt_print, test_cli_reprint, "postkiosk reprint and print-test")
{
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.cfg = cfg;
    ctx.db = db;                       /* already open: cli_store() returns it */
    char *args[1] = {d->ref};
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 0);
    /* The QR payload of the receipt works as the argument, a forged one not. */
    char payload[128];
    CU_ASSERT_EQUAL(receipt_payload(&cfg, d->ref, d->created_at, payload, sizeof payload), PK_OK);
    args[0] = payload;
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 0);
    payload[strlen(payload) - 1] = payload[strlen(payload) - 1] == 'A' ? 'B' : 'A';
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 1);
    args[0] = "LS01-9999-999999";
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 1, args), 1);
    CU_ASSERT_EQUAL(cli_reprint(&ctx, 0, args), 2);
    int printed = 0;
    print_job jobs[64];
    int n = 0;
    store_jobs_list(db, JOB_PRINTED, jobs, 64, &n);
    for (int i = 0; i < n; i++)
        printed += strcmp(jobs[i].ref, d->ref) == 0;
    CU_ASSERT_EQUAL(printed, 2);       /* two reprints; the first job still pending */
    CU_ASSERT_EQUAL(job_get(job).status, JOB_PENDING);
    /* print-test with the same context. */
    CU_ASSERT_EQUAL(cli_print_test(&ctx, 0, NULL), 0);
    CU_ASSERT_EQUAL(cli_print_test(&ctx, 1, args), 2);
    str_copy(ctx.cfg.printer, sizeof ctx.cfg.printer, "lpt1");
    CU_ASSERT_EQUAL(cli_print_test(&ctx, 0, NULL), 1);
    free(d);
}

/* The procedure left the catalog after registration: the receipt still
 * names it, as registered. */
TEST(receipt_print, test_procedure_gone, "procedure gone from the catalog")
{
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    procedure *other = xcalloc(1, sizeof *other);
    CU_ASSERT_EQUAL_FATAL(store_procedure_get(db, "1.000656", other), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_procedures_replace(db, other, 1), PK_OK);
    procedure *probe = xcalloc(1, sizeof *probe);
    CU_ASSERT_EQUAL(store_procedure_get(db, "1.001193", probe), PK_ENOTFOUND);
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(cfg.printer, "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_OK);
    char *txt = slurp_txt(d->ref);
    CU_ASSERT_PTR_NOT_NULL(txt);
    if (txt)
        CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Đăng ký khai sinh"));
    free(txt);
    char err[200];
    CU_ASSERT_EQUAL(catalog_import_procedures(db, "data/procedures.csv", err, sizeof err), PK_OK);
    printer_close(p);
    free(probe);
    free(other);
    free(d);
}

/* A printer that takes the job and never confirms it (tcp: accepts, never
 * reads): the job stays pending with the reason, never "printed", and the
 * dossier is intact. */
TEST(receipt_print, test_unconfirmed_tcp, "tcp printer never confirms: job pending, not printed")
{
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    pkt_vprinter v;
    CU_ASSERT_TRUE_FATAL(pkt_vprinter_start_deaf(&v, true));
    char *spec = xasprintf("tcp:127.0.0.1:%d", v.port);
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(spec, "58mm", &p, msg, sizeof msg), PK_OK);
    printer_set_timeouts(p, 100, 300, 300);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_EUNCONFIRMED);
    print_job j = job_get(job);
    CU_ASSERT_EQUAL(j.status, JOB_PENDING);
    CU_ASSERT_STRING_EQUAL(j.reason, msg);
    CU_ASSERT(strlen(j.reason) > 10);
    check_intact(d);
    pkt_vprinter_stop(&v);
    pkt_vprinter_free(&v);
    printer_close(p);
    free(spec);
    free(d);
}

/* The database is busy (another connection holds the write lock) after a
 * receipt came out: printed is what receipt_print says, and the job is
 * recorded printed once the lock is gone. */
TEST(receipt_print, test_busy_after_print, "busy database after printing: printed, recorded later")
{
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    store *holder = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(cfg.db_path, &holder, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(holder), PK_OK);
    store_set_busy_timeout(db, 20);
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(cfg.printer, "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_OK);
    CU_ASSERT_STRING_EQUAL(msg, "");
    CU_ASSERT_EQUAL(job_get(job).status, JOB_PENDING);    /* not written yet */
    CU_ASSERT_EQUAL(store_jobs_unrecorded(db), 1);
    CU_ASSERT_EQUAL(store_jobs_flush(db), PK_EBUSY);      /* still held */
    CU_ASSERT_EQUAL(store_jobs_unrecorded(db), 1);
    store_tx_rollback(holder);
    store_close(holder);
    CU_ASSERT_EQUAL(store_jobs_flush(db), PK_OK);
    CU_ASSERT_EQUAL(store_jobs_unrecorded(db), 0);
    CU_ASSERT_EQUAL(job_get(job).status, JOB_PRINTED);
    store_set_busy_timeout(db, 5000);
    printer_close(p);
    free(d);
}

/* The kiosk dies with a printed receipt's outcome still kept (the
 * database was busy): the outcome is in "<database>-outcomes" and the next
 * start writes it. */
TEST(receipt_print, test_outcome_survives_a_crash, "a kept outcome survives a crash, written at the next start")
{
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    store *holder = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(cfg.db_path, &holder, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL_FATAL(store_tx_begin(holder), PK_OK);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {   /* the kiosk: records while busy, then dies without closing */
        store *k = NULL;
        if (store_open(cfg.db_path, &k, NULL, 0) != PK_OK)
            _exit(2);
        store_set_busy_timeout(k, 20);
        pk_err e = store_job_record(k, job, JOB_PRINTED, "");
        _exit(e == PK_EBUSY && store_jobs_unrecorded(k) == 1 ? 0 : 3);
    }
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    CU_ASSERT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
    char *kept = xasprintf("%s-outcomes", cfg.db_path);
    CU_ASSERT_EQUAL(access(kept, F_OK), 0);
    CU_ASSERT_EQUAL(job_get(job).status, JOB_PENDING);
    store_tx_rollback(holder);
    store_close(holder);
    store *next = NULL;                    /* the next start */
    CU_ASSERT_EQUAL_FATAL(store_open(cfg.db_path, &next, NULL, 0), PK_OK);
    CU_ASSERT_EQUAL(store_jobs_unrecorded(next), 0);
    store_close(next);
    CU_ASSERT_EQUAL(job_get(job).status, JOB_PRINTED);
    CU_ASSERT_NOT_EQUAL(access(kept, F_OK), 0);   /* written: the file is gone */
    free(kept);
    free(d);
}

/* A job being printed by another process (the kiosk, while a clerk presses
 * "print again") is claimed: the second print is refused, nothing comes
 * out and nothing is recorded; an expired claim (the printer process died)
 * lets it through; a printed job is never claimed again; an outcome ends
 * the claim. */
TEST(receipt_print, test_claim, "a job being printed elsewhere is not printed twice")
{
    int64_t job = 0;
    dossier *d = new_dossier("vi", false, &job);
    int64_t now = (int64_t)time(NULL);
    CU_ASSERT_EQUAL(store_job_claim(db, job, "kiosk-host/1", now, 300), PK_OK);
    CU_ASSERT_EQUAL(store_job_claim(db, job, "clerk-host/2", now, 300), PK_ESTATE);
    CU_ASSERT_EQUAL(store_job_claim(db, job, "kiosk-host/1", now, 300), PK_OK);   /* its own */
    printer *p;
    char msg[200] = "";
    CU_ASSERT_EQUAL_FATAL(printer_open(cfg.printer, "58mm", &p, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_ESTATE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "being printed"));
    char *txt = slurp_txt(d->ref);
    CU_ASSERT_PTR_NULL(txt);                               /* nothing came out */
    free(txt);
    CU_ASSERT_EQUAL(job_get(job).status, JOB_PENDING);
    CU_ASSERT_EQUAL(job_get(job).attempts, 0);
    /* The claim expired: printed. */
    CU_ASSERT_EQUAL(store_job_claim(db, job, "kiosk-host/1", now - 1000, 300), PK_OK);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_OK);
    CU_ASSERT_EQUAL(job_get(job).status, JOB_PRINTED);
    txt = slurp_txt(d->ref);
    CU_ASSERT_PTR_NOT_NULL(txt);
    free(txt);
    /* Printed: never again on this job (a reprint is a new job). */
    CU_ASSERT_EQUAL(store_job_claim(db, job, "clerk-host/2", now, 300), PK_EEXISTS);
    CU_ASSERT_EQUAL(receipt_print(p, db, &cfg, d, job, msg, sizeof msg), PK_EEXISTS);
    CU_ASSERT_EQUAL(store_job_claim(db, 987654321, "clerk-host/2", now, 300), PK_ENOTFOUND);
    CU_ASSERT_EQUAL(store_job_claim(db, job, "", now, 300), PK_EINVAL);
    /* An outcome ends the claim: the clerk may try a failed job. */
    int64_t job2 = 0;
    CU_ASSERT_EQUAL(store_job_create(db, d->ref, "receipt", &job2), PK_OK);
    CU_ASSERT_EQUAL(store_job_claim(db, job2, "kiosk-host/1", now, 300), PK_OK);
    CU_ASSERT_EQUAL(store_job_set(db, job2, JOB_PENDING, "not confirmed"), PK_OK);
    CU_ASSERT_EQUAL(store_job_claim(db, job2, "clerk-host/2", now, 300), PK_OK);
    printer_close(p);
    free(d);
}

SUITE(receipt_print, setup, teardown);
