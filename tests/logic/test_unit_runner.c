/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The runner's own honesty: a suite whose set-up fails runs none of its
 * tests, and that must count as a failure (CUnit counts it apart from
 * failed asserts; the runner once exited 0 with "0 passed, 0 failed" and
 * the papers suite went unrun). Wanted only when tests/e2e/unit_runner.sh
 * asks for it (PK_RUNNER_SELFTEST=init or clean). */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static const char *mode(void)
{
    const char *m = getenv("PK_RUNNER_SELFTEST");
    return m ? m : "";
}

static bool wanted(void)
{
    return mode()[0] != '\0';
}

static int set_up(void)
{
    return strcmp(mode(), "init") == 0 ? 1 : 0;
}

static int clean_up(void)
{
    return strcmp(mode(), "clean") == 0 ? 1 : 0;
}

TEST(runner_selftest, runs, "a test of a suite whose set-up or clean-up is made to fail")
{
    CU_ASSERT_TRUE(wanted());
}

SUITE_WHEN(runner_selftest, set_up, clean_up, wanted);
