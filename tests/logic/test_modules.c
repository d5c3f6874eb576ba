/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shared modules (kiosk/base/module.h): each one built loads and gives
 * its table; without it, or with a file that is not one, or with a module
 * of another version, every part that needs it fails with a translated
 * reason and does nothing else (no connection, no message sent, no PDF,
 * no speech), never a crash. The tests point POSTKIOSK_MODULEDIR at a
 * folder of their own. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "module.h"
#include "notify_config.h"
#include "notify_send.h"
#include "paper_doc.h"
#include "paper_render.h"
#include "pgc.h"
#include "pkt_helpers.h"
#include "speech.h"
#include "sync_config.h"
#include "track_remote.h"
#include "unit.h"

static char *dir;

static int setup(void)
{
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "C.UTF-8", 1);
    if (!i18n_init(NULL))
        return 1;
    i18n_set_lang("vi");
    dir = pkt_tmpdir();
    return dir ? 0 : 1;
}

static int teardown(void)
{
    unsetenv("POSTKIOSK_MODULEDIR");
    i18n_set_lang("en");
    pkt_rmtree(dir);
    free(dir);
    return 0;
}

/* A fresh, empty module folder under dir, named name, set as
 * POSTKIOSK_MODULEDIR. */
static void module_dir(const char *name, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s/%s", dir, name);
    CU_ASSERT_EQUAL_FATAL(mkdir(out, 0700), 0);
    setenv("POSTKIOSK_MODULEDIR", out, 1);
}

static void put_file(const char *folder, const char *name, const char *text)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    CU_ASSERT_EQUAL(fclose(f), 0);
}

TEST(modules, built_load, "every module built beside the program loads and gives its table")
{
    unsetenv("POSTKIOSK_MODULEDIR");
    static const struct {
        const char *name;
        size_t size;
    } mods[] = {{"sync", 0}, {"notify", 0}, {"papers", 0}, {"speech", 0}};
    for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
        char why[400] = "";
        CU_ASSERT_TRUE(module_present(mods[i].name));
        /* the size is the table's: a wrong one is refused, so ask with the
         * head's own and read the size back from it */
        const pk_module_head *h = module_load(mods[i].name, sizeof(pk_module_head), why, sizeof why);
        CU_ASSERT_PTR_NULL(h);   /* every table is larger than its head */
        CU_ASSERT_PTR_NOT_NULL(strstr(why, "phiên bản khác"));
    }
    /* through the facades: a table of the right size */
    notify_config nc;
    memset(&nc, 0, sizeof nc);
    snprintf(nc.smtp_url, sizeof nc.smtp_url, "smtp://127.0.0.1:1");
    char why[400] = "";
    CU_ASSERT_TRUE(notify_send_ready(&nc, why, sizeof why));
    CU_ASSERT_TRUE(paper_lib_ready(why, sizeof why));
    CU_ASSERT_TRUE(pgc_conninfo_ok("host=/nowhere dbname=x", why, sizeof why));
}

/* What each part does when its module cannot be loaded; wants: words of
 * the Vietnamese reason. */
static void without(const char *wants_sync, const char *wants_notify, const char *wants_papers)
{
    char why[400] = "";
    pgc *c = (pgc *)1;
    CU_ASSERT_EQUAL(pgc_open("host=/nowhere dbname=x", NULL, &c, why, sizeof why), PK_EIO);
    CU_ASSERT_PTR_NULL(c);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, wants_sync));
    /* tracking elsewhere: the province cannot be reached */
    sync_config sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.conninfo, sizeof sc.conninfo, "host=/nowhere dbname=x");
    remote_dossier rd;
    why[0] = '\0';
    CU_ASSERT_EQUAL(track_remote(&sc, "LS02-000001", &rd, why, sizeof why), PK_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, wants_sync));
    CU_ASSERT_FALSE(pgc_conninfo_ok("host=/nowhere", why, sizeof why));

    notify_config nc;
    memset(&nc, 0, sizeof nc);
    CU_ASSERT_TRUE(notify_send_ready(&nc, why, sizeof why));   /* nothing needs it */
    snprintf(nc.smtp_url, sizeof nc.smtp_url, "smtp://127.0.0.1:1");
    snprintf(nc.from, sizeof nc.from, "buudien@example.vn");
    why[0] = '\0';
    CU_ASSERT_FALSE(notify_send_ready(&nc, why, sizeof why));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, wants_notify));
    char reason[400] = "";
    CU_ASSERT_EQUAL(notify_mail_send(&nc, 1, "LS01-000001", "an@example.vn", "s", "b", 0, reason,
                                     sizeof reason),
                    NOTIFY_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(reason, wants_notify));
    reason[0] = '\0';
    CU_ASSERT_EQUAL(notify_gateway_send(&nc, "84912345678", "t", "LS01-000001.1", reason,
                                        sizeof reason),
                    NOTIFY_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(reason, wants_notify));

    why[0] = '\0';
    CU_ASSERT_FALSE(paper_lib_ready(why, sizeof why));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, wants_papers));
    paper_doc *d = pd_new("test", 595, 842);
    pd_text(d, 0, "%s", "Phiếu gửi hồ sơ");
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/paper.pdf", dir);
    int pages = 7;
    CU_ASSERT_EQUAL(paper_pdf_write(d, pdf, &pages), PK_EPRINTER);
    CU_ASSERT_EQUAL(pages, 0);
    CU_ASSERT_NOT_EQUAL(access(pdf, F_OK), 0);
    pd_free(d);
}

TEST(modules, missing, "missing modules: a translated reason, nothing connected, sent or saved")
{
    char m[600];
    module_dir("missing", m, sizeof m);
    without("không nạp được phần sync của postkiosk", "không nạp được phần notify của postkiosk",
            "không nạp được phần papers của postkiosk");
    /* the kiosk runs silent: no speaking child at all */
    CU_ASSERT_PTR_NULL(speech_open(SPEECH_WAV, dir));
    unsetenv("POSTKIOSK_MODULEDIR");
}

TEST(modules, broken, "a file that is not a module, or one of another kind, is refused")
{
    char m[600];
    module_dir("broken", m, sizeof m);
    put_file(m, "pk-sync.so", "not a module\n");
    put_file(m, "pk-notify.so", "");
    /* a real module under another module's name: its table is not there */
    char exe[512], cmd[1400];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    CU_ASSERT_FATAL(n > 0);
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0';   /* build*\/: its modules/ */
    snprintf(cmd, sizeof cmd, "cp '%s/modules/pk-speech.so' '%s/pk-papers.so'", exe, m);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    without("không nạp được phần sync của postkiosk", "không nạp được phần notify của postkiosk",
            "phần papers của postkiosk tại");
    unsetenv("POSTKIOSK_MODULEDIR");
}

TEST(modules, speech_broken, "a broken speech module: the child answers, says nothing, the kiosk goes on")
{
    char m[600], wav[600];
    module_dir("speech", m, sizeof m);
    put_file(m, "pk-speech.so", "not a module\n");
    snprintf(wav, sizeof wav, "%s/wav", dir);
    CU_ASSERT_EQUAL_FATAL(mkdir(wav, 0700), 0);
    speech *sp = speech_open(SPEECH_WAV, wav);
    unsetenv("POSTKIOSK_MODULEDIR");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sp);
    speech_say(sp, "vi", "Xin chào");
    CU_ASSERT_TRUE(speech_wait(sp, 60000));   /* a bound: valgrind is slow */
    CU_ASSERT_EQUAL(pkt_count_files(wav), 0);
    speech_close(sp);
}

SUITE(modules, setup, teardown);
