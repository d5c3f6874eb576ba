/* SPDX-License-Identifier: GPL-3.0-or-later */
/* log.c and testhook.c: the test sink of POSTKIOSK_LOG is honoured only
 * with POSTKIOSK_TEST=1, and a line carries its level and message. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "testhook.h"
#include "unit.h"

static char *slurp(const char *path)
{
    static char buf[4096];
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return buf;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

TEST(log, test_sink, "test sink only under POSTKIOSK_TEST=1")
{
    char path[] = "/tmp/pk-log-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    log_close();
    setenv("POSTKIOSK_LOG", path, 1);
    unsetenv("POSTKIOSK_TEST");
    CU_ASSERT_PTR_NULL(test_hook("POSTKIOSK_LOG"));
    CU_ASSERT_FALSE(test_mode_active());
    log_info("not for the file %d", 1);       /* goes to syslog */
    log_close();
    CU_ASSERT_STRING_EQUAL(slurp(path), "");
    setenv("POSTKIOSK_TEST", "1", 1);
    CU_ASSERT(test_mode_active());
    log_info("dossier %s registered", "LS01-000007");
    log_err("printer: %s", "paper out");
    log_close();
    const char *got = slurp(path);
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "warning: TEST MODE: the log goes to"));
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "]: info: dossier LS01-000007 registered\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "]: error: printer: paper out\n"));
    CU_ASSERT_PTR_NULL(strstr(got, "not for the file"));
    unsetenv("POSTKIOSK_LOG");
    unsetenv("POSTKIOSK_TEST");
    unlink(path);
}

SUITE(log, NULL, NULL);
