/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "i18n.h"
#include "store_fixture.h"
#include "unit.h"

static fx_dir fx;

static const char *write_ini(const char *name, const char *text)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", fx.dir, name);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void with_env(const char *home, const char *xdg)
{
    if (home)
        setenv("POSTKIOSK_HOME", home, 1);
    else
        unsetenv("POSTKIOSK_HOME");
    if (xdg)
        setenv("XDG_DATA_HOME", xdg, 1);
    else
        unsetenv("XDG_DATA_HOME");
    unsetenv("POSTKIOSK_DATADIR");
}

TEST(config, defaults, "defaults need no file")
{
    char *saved_home = getenv("POSTKIOSK_HOME") ? xstrdup(getenv("POSTKIOSK_HOME")) : NULL;
    char *saved_xdg = getenv("XDG_DATA_HOME") ? xstrdup(getenv("XDG_DATA_HOME")) : NULL;
    config c;
    with_env("/srv/pk", NULL);
    config_defaults(&c);
    CU_ASSERT_STRING_EQUAL(c.home, "/srv/pk");
    CU_ASSERT_STRING_EQUAL(c.db_path, "/srv/pk/postkiosk.db");
    CU_ASSERT_STRING_EQUAL(c.printer, "file:/srv/pk/receipts");
    CU_ASSERT_STRING_EQUAL(c.key_file, "/srv/pk/keys/receipt.key");
    CU_ASSERT_STRING_EQUAL(c.pepper_file, "/srv/pk/keys/pin.pepper");
    CU_ASSERT_STRING_EQUAL(c.kiosk_code, "LS01");
    CU_ASSERT_STRING_EQUAL(c.s10_prefix, "RA");
    CU_ASSERT_STRING_EQUAL(c.post_office, "Bưu điện tỉnh Lạng Sơn");
    CU_ASSERT_EQUAL(c.idle_timeout, 90);
    CU_ASSERT_EQUAL(c.idle_warning, 20);
    /* found from the program's place: source tree (data/) or installed */
    CU_ASSERT_EQUAL(c.data_dir[0], '/');
    CU_ASSERT_TRUE(strstr(c.data_dir, "/data") || strstr(c.data_dir, "/share/postkiosk"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.locale_dir, "/locale"));
    with_env(NULL, "/xdg");
    config_defaults(&c);
    CU_ASSERT_STRING_EQUAL(c.home, "/xdg/postkiosk");
    with_env(NULL, NULL);
    setenv("POSTKIOSK_DATADIR", "/opt/data", 1);
    config_defaults(&c);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.home, "/.local/share/postkiosk"));
    CU_ASSERT_STRING_EQUAL(c.data_dir, "/opt/data");
    unsetenv("POSTKIOSK_DATADIR");
    with_env(saved_home, saved_xdg);
    free(saved_home);
    free(saved_xdg);
}

TEST(config, loads_file, "a file overrides, NFC, home-relative paths")
{
    fx_init(&fx);
    const char *ini = write_ini("a.ini",
        "; kiosk of Đồng Đăng\n"
        "[kiosk]\n"
        "code = LS07\n"
        "post_office = Bu\xcc\x9bu \xc4\x91ie\xcc\xa3\xcc\x82n Đồng Đăng\n"   /* NFD */
        "s10_prefix = RB\n"
        "s10_first = 1000\n"
        "idle_timeout = 120\n"
        "staff_pin =\n"               /* the old empty default: harmless */
        "[paths]\n"
        "home = /srv/kiosk\n"
        "[printer]\n"
        "spec = tcp:127.0.0.1:9100\n"
        "[profile.80mm]\n"
        "width = 576\n");
    config c;
    char err[256];
    CU_ASSERT_TRUE_FATAL(config_load(&c, ini, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(c.kiosk_code, "LS07");
    CU_ASSERT_STRING_EQUAL(c.post_office, "Bưu điện Đồng Đăng");   /* NFC */
    CU_ASSERT_STRING_EQUAL(c.s10_prefix, "RB");
    CU_ASSERT_EQUAL(c.s10_first, 1000);
    CU_ASSERT_EQUAL(c.s10_last, 99999999);
    CU_ASSERT_EQUAL(c.idle_timeout, 120);
    CU_ASSERT_STRING_EQUAL(c.home, "/srv/kiosk");
    CU_ASSERT_STRING_EQUAL(c.db_path, "/srv/kiosk/postkiosk.db");   /* follows home */
    CU_ASSERT_STRING_EQUAL(c.printer, "tcp:127.0.0.1:9100");        /* set explicitly */
    fx_cleanup(&fx);
}

static void bad_file(const char *text, const char *want)
{
    const char *ini = write_ini("bad.ini", text);
    config c;
    char err[256] = "";
    CU_ASSERT_FALSE(config_load(&c, ini, err, sizeof err));
    if (!strstr(err, want))
        fprintf(stderr, "\n  got \"%s\", want \"%s\"\n", err, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
}

TEST(config, bad_files, "bad files say file:line: reason")
{
    fx_init(&fx);
    bad_file("[kiosk]\ncode = LS01\nidle_timeout = soon\n", "bad.ini:3: idle_timeout must be");
    bad_file("[kiosk]\n\ncode = ls 01\n", "bad.ini:3: code must be");
    bad_file("[kiosk]\ncolour = blue\n", "bad.ini:2: unknown setting \"colour\"");
    bad_file("[kiosk]\npost_office = B\xff\n", "bad.ini:2: post_office: not valid UTF-8");
    bad_file("[kiosk]\npost_office = a\x1b[2Jb\n", "bad.ini:2: post_office: control characters");
    bad_file("[kiosk]\nthis line has no equals sign\n", "bad.ini:2: expected [section]");
    bad_file("[printer]\nspec = lpt1\n", "bad.ini:2: printer spec must start");
    bad_file("[kiosk]\ntone_style = sideways\n", "bad.ini:2: tone_style must be");
    bad_file("[paths]\ndb = relative.db\n", "bad.ini:2: db must be an absolute path");
    bad_file("[kiosk]\nidle_timeout = 30\nidle_warning = 30\n", "idle_warning must be shorter");
    bad_file("[kiosk]\ns10_first = 5\ns10_last = 4\n", "s10_first must not be above s10_last");
    bad_file("[kiosk]\ns10_last = 100000000\n", "bad.ini:2: s10_last must be a whole number");
    /* a clear-text staff PIN is refused, saying how to set it now */
    bad_file("[kiosk]\nstaff_pin = 2468\n", "bad.ini:2: staff_pin is no longer accepted: remove "
                                           "it and run `postkiosk staff-pin set`");
    char longline[400];
    memset(longline, 'x', sizeof longline);
    memcpy(longline, "[kiosk]\npost_office = ", 22);
    memcpy(longline + sizeof longline - 2, "\n", 2);
    bad_file(longline, "bad.ini:2: line too long");
    config c;
    char err[256];
    char missing[128];
    snprintf(missing, sizeof missing, "%s/none.ini", fx.dir);
    CU_ASSERT_FALSE(config_load(&c, missing, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "none.ini: No such file"));
    fx_cleanup(&fx);
}

TEST(config, prepare_home, "home, key and pepper created once, 0400")
{
    fx_init(&fx);
    config c;
    char home[128];
    snprintf(home, sizeof home, "%s/home/sub", fx.dir);
    char *saved = getenv("POSTKIOSK_HOME") ? xstrdup(getenv("POSTKIOSK_HOME")) : NULL;
    setenv("POSTKIOSK_HOME", home, 1);
    config_defaults(&c);
    if (saved)
        setenv("POSTKIOSK_HOME", saved, 1);
    else
        unsetenv("POSTKIOSK_HOME");
    free(saved);
    char err[256];
    CU_ASSERT_TRUE_FATAL(config_prepare_home(&c, err, sizeof err));
    struct stat sb;
    CU_ASSERT_EQUAL_FATAL(stat(c.key_file, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_mode & 0777, 0400);
    CU_ASSERT_EQUAL(sb.st_size, 32);
    CU_ASSERT_EQUAL(stat(c.home, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_mode & 0777, 0700);
    /* the key and the pepper differ, and a second run keeps them */
    unsigned char k1[32], k2[32], p1[32];
    FILE *f = fopen(c.key_file, "rb");
    CU_ASSERT_EQUAL(fread(k1, 1, 32, f), 32);
    fclose(f);
    f = fopen(c.pepper_file, "rb");
    CU_ASSERT_EQUAL(fread(p1, 1, 32, f), 32);
    fclose(f);
    CU_ASSERT_NOT_EQUAL(memcmp(k1, p1, 32), 0);
    CU_ASSERT_TRUE(config_prepare_home(&c, err, sizeof err));
    f = fopen(c.key_file, "rb");
    CU_ASSERT_EQUAL(fread(k2, 1, 32, f), 32);
    fclose(f);
    CU_ASSERT_EQUAL(memcmp(k1, k2, 32), 0);
    /* a file where the home should be is an error, not a crash */
    snprintf(c.home, sizeof c.home, "%s", c.key_file);
    CU_ASSERT_FALSE(config_prepare_home(&c, err, sizeof err));
    CU_ASSERT_NOT_EQUAL(err[0], '\0');
    fx_cleanup(&fx);
}

/* Two first starts at once (issue 11 item 4): both succeed and both read
 * the same complete key, never the other's half-written file. The two
 * processes wait on one pipe and are released together; several rounds. */
TEST(config, concurrent_first_start, "two first starts at once take one whole key")
{
    fx_init(&fx);
    for (int round = 0; round < 20; round++) {
        config c;
        config_defaults(&c);
        snprintf(c.home, sizeof c.home, "%s/h%d", fx.dir, round);
        snprintf(c.key_file, sizeof c.key_file, "%.400s/keys/receipt.key", c.home);
        snprintf(c.pepper_file, sizeof c.pepper_file, "%.400s/keys/pin.pepper", c.home);
        int go[2], out[2];
        CU_ASSERT_EQUAL_FATAL(pipe(go), 0);
        CU_ASSERT_EQUAL_FATAL(pipe(out), 0);
        for (int k = 0; k < 2; k++) {
            pid_t pid = fork();
            CU_ASSERT_FATAL(pid >= 0);
            if (pid == 0) {
                close(go[1]);
                char ch;
                (void)!read(go[0], &ch, 1);      /* released when the parent closes */
                unsigned char buf[33] = {0};
                char err[256];
                buf[32] = config_prepare_home(&c, err, sizeof err);
                FILE *f = fopen(c.key_file, "rb");
                size_t n = f ? fread(buf, 1, 32, f) : 0;
                if (f)
                    fclose(f);
                if (n != 32)
                    buf[32] = 0;
                (void)!write(out[1], buf, sizeof buf);
                _exit(0);
            }
        }
        close(go[0]);
        close(out[1]);
        close(go[1]);                            /* both start now */
        unsigned char a[33], b[33];
        CU_ASSERT_EQUAL(read(out[0], a, sizeof a), (ssize_t)sizeof a);
        CU_ASSERT_EQUAL(read(out[0], b, sizeof b), (ssize_t)sizeof b);
        close(out[0]);
        while (wait(NULL) > 0)
            ;
        CU_ASSERT_EQUAL(a[32], 1);
        CU_ASSERT_EQUAL(b[32], 1);
        CU_ASSERT_EQUAL(memcmp(a, b, 32), 0);
        struct stat sb;
        CU_ASSERT_EQUAL(stat(c.key_file, &sb), 0);
        CU_ASSERT_EQUAL(sb.st_size, 32);
        CU_ASSERT_EQUAL(sb.st_mode & 0777, 0400);
        /* no temporary file is left next to the key */
        char cmd[600];
        snprintf(cmd, sizeof cmd, "test $(ls -A '%s/keys' | wc -l) -eq 2", c.home);
        CU_ASSERT_EQUAL(system(cmd), 0);
    }
    fx_cleanup(&fx);
}

/* A key file that exists but is short (what a concurrent start of the old
 * code saw while the other was still writing, or a crash left) is an
 * error naming the file, never taken as a key. */
TEST(config, short_key_is_an_error, "a short key file is an error, not a key")
{
    fx_init(&fx);
    config c;
    config_defaults(&c);
    snprintf(c.home, sizeof c.home, "%s/home", fx.dir);
    snprintf(c.key_file, sizeof c.key_file, "%s/receipt.key", fx.dir);
    snprintf(c.pepper_file, sizeof c.pepper_file, "%s/pin.pepper", fx.dir);
    FILE *f = fopen(c.key_file, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    char err[600] = "";
    CU_ASSERT_FALSE(config_prepare_home(&c, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, c.key_file));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "0 bytes"));
    f = fopen(c.key_file, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("0123456789", f);
    fclose(f);
    CU_ASSERT_FALSE(config_prepare_home(&c, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "10 bytes"));
    fx_cleanup(&fx);
}

/* Messages are compared in English, whatever an earlier suite switched to. */
static int english(void)
{
    i18n_set_lang("en");
    return 0;
}

/* Issue 11 item 14: a NUL byte is named (fgets used to cut the line there
 * and the rest of it was silently lost); track_url is https only. */
TEST(config, nul_byte_and_track_url, "a NUL byte is named; track_url is https only")
{
    fx_init(&fx);
    static const char nul[] = "[kiosk]\ncode = LS01\npost_office = B\0\u01b0u \u0111i\u1ec7n\n";
    char path[128];
    snprintf(path, sizeof path, "%s/nul.ini", fx.dir);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(nul, 1, sizeof nul - 1, f), sizeof nul - 1);
    fclose(f);
    config c;
    char err[256] = "";
    CU_ASSERT_FALSE(config_load(&c, path, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "nul.ini:3: NUL byte"));
    bad_file("[kiosk]\ntrack_url = http://track.example.vn/r/\n", "bad.ini:2: track_url must be");
    bad_file("[kiosk]\ntrack_url = ftp://x/\n", "bad.ini:2: track_url must be");
    bad_file("[kiosk]\ntrack_url = https://\n", "bad.ini:2: track_url must be");
    bad_file("[kiosk]\ntrack_url = javascript:alert(1)\n", "bad.ini:2: track_url must be");
    const char *ok = write_ini("ok.ini", "[kiosk]\ntrack_url = https://track.example.vn/r/\n"
                                         "[printer]\nprofile = 80mm\n");
    CU_ASSERT_TRUE(config_load(&c, ok, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(c.track_url, "https://track.example.vn/r/");
    ok = write_ini("empty.ini", "[kiosk]\ntrack_url =\n");
    CU_ASSERT_TRUE(config_load(&c, ok, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(c.track_url, "");
    fx_cleanup(&fx);
}

SUITE(config, english, NULL);
