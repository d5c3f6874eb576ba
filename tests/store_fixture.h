/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared helpers for the store and catalog suites: a temporary database
 * directory and a few domain objects. Header-only (static functions). */
#ifndef PK_STORE_FIXTURE_H
#define PK_STORE_FIXTURE_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model.h"
#include "store.h"
#include "store_check.h"
#include "util.h"

/* mkdtemp'd directory with db path inside; removed by fx_cleanup. */
typedef struct {
    char dir[64];
    char db_path[96];
} fx_dir;

static inline void fx_init(fx_dir *f)
{
    snprintf(f->dir, sizeof f->dir, "/tmp/pktest.XXXXXX");
    if (!mkdtemp(f->dir))
        die("mkdtemp failed");
    snprintf(f->db_path, sizeof f->db_path, "%s/t.db", f->dir);
}

static inline void fx_cleanup(fx_dir *f)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", f->dir);
}

static inline procedure fx_proc(const char *code, const char *name_vi, const char *name_en,
                                const char *field, bool submit)
{
    procedure p;
    memset(&p, 0, sizeof p);
    str_copy(p.code, sizeof p.code, code);
    str_copy(p.name_vi, sizeof p.name_vi, name_vi);
    str_copy(p.name_en, sizeof p.name_en, name_en);
    str_copy(p.agency, sizeof p.agency, "UBND cấp xã");
    str_copy(p.level, sizeof p.level, "commune");
    str_copy(p.field_vi, sizeof p.field_vi, field);
    str_copy(p.field_en, sizeof p.field_en, "Civil status");
    p.bcci_submit = submit;
    p.bcci_return = true;
    p.days = 3;
    p.fee_vnd = 8000;
    str_copy(p.provenance, sizeof p.provenance, "ESTIMATE: test");
    p.ndocs = 2;
    str_copy(p.docs[0].name_vi, sizeof p.docs[0].name_vi, "Tờ khai");
    str_copy(p.docs[0].name_en, sizeof p.docs[0].name_en, "Declaration form");
    p.docs[0].kind = DOC_ORIGINAL;
    p.docs[0].required = true;
    str_copy(p.docs[1].name_vi, sizeof p.docs[1].name_vi, "Giấy chứng sinh");
    p.docs[1].kind = DOC_COPY;
    p.docs[1].required = false;
    return p;
}

static inline dossier fx_dossier(const char *proc_code, const char *name)
{
    dossier d;
    memset(&d, 0, sizeof d);
    str_copy(d.proc_code, sizeof d.proc_code, proc_code);
    str_copy(d.name, sizeof d.name, name);
    str_copy(d.id_number, sizeof d.id_number, "020095001234");
    str_copy(d.phone, sizeof d.phone, "0912345678");
    str_copy(d.province, sizeof d.province, "Lạng Sơn");
    str_copy(d.unit_name, sizeof d.unit_name, "Đông Kinh");
    str_copy(d.street, sizeof d.street, "12 Trần Đăng Ninh");
    str_copy(d.kiosk_code, sizeof d.kiosk_code, "LS01");
    str_copy(d.lang, sizeof d.lang, "vi");
    d.form = FORM_BOTH;
    d.fee_proc = 8000;
    d.fee_post = 25000;
    d.fee_total = 33000;
    str_copy(d.expected_date, sizeof d.expected_date, "2026-03-02");
    d.consent_process = true;
    d.ndocs = 1;
    str_copy(d.docs[0].name_vi, sizeof d.docs[0].name_vi, "Tờ khai");
    d.docs[0].handed = true;
    d.docs[0].required = true;
    return d;
}

/* Races n processes on one database: each opens its own connection to
 * db_path, waits at one gate until all are forked, then runs
 * attempt(its store, its index, arg) and exits with what it returns (99 when
 * its store did not open). codes[i] gets each child's exit status, -1 when
 * it did not exit normally. For the locks that must hold across processes. */
/* make valgrind sets PK_SLOW_TESTS: every step is then tens of times
 * slower, and a race test must test the locks, not the speed, so the
 * store's busy timeout grows from 5 s to 2 minutes. */
static inline void fx_patient(store *db)
{
    if (getenv("PK_SLOW_TESTS"))
        store_set_busy_timeout(db, 120000);
}

static inline void fx_race(const char *db_path, int n, int (*attempt)(store *db, int i, void *arg),
                           void *arg, int codes[])
{
    int gate[2];
    if (pipe(gate) != 0)
        die("pipe failed");
    pid_t *kids = xcalloc((size_t)n, sizeof *kids);
    for (int i = 0; i < n; i++) {
        kids[i] = fork();
        if (kids[i] < 0)
            die("fork failed");
        if (kids[i] == 0) {
            close(gate[1]);
            store *mine = NULL;
            int rc = 99;
            if (store_open(db_path, &mine, NULL, 0) == PK_OK) {
                fx_patient(mine);
                char c;
                (void)!read(gate[0], &c, 1);      /* every child waits for the start */
                rc = attempt(mine, i, arg);
                store_close(mine);
            }
            free(kids);
            _exit(rc);
        }
    }
    close(gate[0]);
    close(gate[1]);                               /* go */
    for (int i = 0; i < n; i++) {
        int status = 0;
        waitpid(kids[i], &status, 0);
        codes[i] = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    free(kids);
}

static inline unsigned fx_be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* Damages the freelist of a closed database file as a bad write would:
 * the first free page its first trunk page lists is replaced by the root
 * page of b-tree `name` (a table or an index), which is then both in use
 * and free, and the free page it replaced belongs to nothing. A check of
 * one table at a time (PRAGMA quick_check(TABLE)) cannot see it: only the
 * whole file's check accounts for every page. Free pages are made first (a
 * table filled, then dropped). Returns the page used twice, 0 on failure. */
static inline int fx_freelist_reuse(const char *db_path, const char *name)
{
    sqlite3 *c = NULL;
    sqlite3_stmt *q = NULL;
    int root = 0, psz = 0;
    if (sqlite3_open_v2(db_path, &c, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(c, "CREATE TABLE fx_scratch(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
                        " SELECT i + 1 FROM n WHERE i < 40) INSERT INTO fx_scratch SELECT"
                        " zeroblob(3000) FROM n; DROP TABLE fx_scratch",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(c, "SELECT rootpage, (SELECT page_size FROM pragma_page_size())"
                              " FROM sqlite_schema WHERE name = ?1", -1, &q, NULL) != SQLITE_OK) {
        sqlite3_close(c);
        return 0;
    }
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(q) == SQLITE_ROW) {
        root = sqlite3_column_int(q, 0);
        psz = sqlite3_column_int(q, 1);
    }
    sqlite3_finalize(q);
    sqlite3_close(c);   /* the last connection: the WAL is in the file */
    FILE *f = fopen(db_path, "r+b");
    if (!f || root <= 1 || psz < 512) {
        if (f)
            fclose(f);
        return 0;
    }
    unsigned char hdr[100], *page = xmalloc((size_t)psz);
    unsigned trunk = 0;
    bool ok = fread(hdr, 1, sizeof hdr, f) == sizeof hdr && (trunk = fx_be32(hdr + 32)) > 0 &&
              fseek(f, (long)(trunk - 1) * psz, SEEK_SET) == 0 &&
              fread(page, 1, (size_t)psz, f) == (size_t)psz && fx_be32(page + 4) > 0;
    if (ok) {   /* trunk page: next trunk, count of leaves, the leaves */
        page[8] = (unsigned char)(root >> 24);
        page[9] = (unsigned char)(root >> 16);
        page[10] = (unsigned char)(root >> 8);
        page[11] = (unsigned char)root;
        ok = fseek(f, (long)(trunk - 1) * psz, SEEK_SET) == 0 &&
             fwrite(page, 1, (size_t)psz, f) == (size_t)psz;
    }
    free(page);
    ok = fclose(f) == 0 && ok;
    return ok ? root : 0;
}

/* The idle check's state once its thread has ended (polled, 10 s at most:
 * the test files are small). */
static inline idle_check_state fx_idle_check_end(store_idle_check *c, char *msg, size_t msgsz)
{
    idle_check_state st = IDLE_CHECK_RUNNING;
    for (int i = 0; i < 2000 && (st = store_idle_check_poll(c, msg, msgsz)) == IDLE_CHECK_RUNNING;
         i++)
        usleep(5000);
    return st;
}

#endif
